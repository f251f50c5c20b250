//! The image archives of `docker save` / `docker load` (docker 25+ layout: `oci-layout`,
//! `index.json`, `manifest.json`, `repositories`, `blobs/sha256/…`) and the one-layer image
//! of `docker import`, as pure functions over bytes.

use crate::collections::SortedMap as BTreeMap;
use std::io::{self, Read};
use std::rc::Rc;

use serde_json::{json, Value};
use tar::{Archive, Builder, EntryType, Header};

use super::commit::{apply_changes, parse_change, Change, ImageConfig};
use super::images::{familiar_with_tag, Image};
use crate::fs::tar::read_layer;
use crate::fs::Digest;
use crate::ports::Nanos;
use crate::registry::reference::{self, Reference};
use crate::world::World;

/// One image to save: the image and the familiar tags it is saved under.
pub struct SaveItem<'a> {
    /// The image.
    pub image: &'a Image,
    /// `alpine:latest` …; empty for an image saved by id.
    pub tags: Vec<String>,
}

/// An image read back from an archive.
pub struct Loaded {
    /// The image (its id is the sha256 of its config bytes).
    pub image: Image,
    /// The tags the archive names it by.
    pub tags: Vec<String>,
    /// The size of each layer's tar in the archive (what `Loading layer` counts).
    pub layer_tar_sizes: Vec<u64>,
}

/// What `docker load` shows, in order: a layer it had to load (by its short chain id,
/// with its tar's size), or a line of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadLine {
    /// `d11e56175989: Loading layer` with its progress.
    Layer {
        /// 12 hex of the layer's chain id.
        id: String,
        /// Bytes of its tar.
        size: u64,
    },
    /// `Loaded image: alpine:latest` and the like.
    Text(String),
}

fn append(b: &mut Builder<Vec<u8>>, name: &str, data: &[u8], mtime: u64) -> io::Result<()> {
    let mut h = Header::new_ustar();
    h.set_entry_type(EntryType::Regular);
    h.set_mode(0o644);
    h.set_mtime(mtime);
    h.set_size(data.len() as u64);
    b.append_data(&mut h, name, data)
}

fn append_dir(b: &mut Builder<Vec<u8>>, name: &str) -> io::Result<()> {
    let mut h = Header::new_ustar();
    h.set_entry_type(EntryType::Directory);
    h.set_mode(0o755);
    h.set_size(0);
    b.append_data(&mut h, name, io::empty())
}

/// `docker save`: the archive's bytes. Same images, same bytes.
pub fn save(items: &[SaveItem<'_>]) -> io::Result<Vec<u8>> {
    let mut blobs: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut manifests = Vec::new();
    let mut index = Vec::new();
    let mut repositories: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for item in items {
        let img = item.image;
        let config = serde_json::to_vec(&img.config).map_err(io::Error::other)?;
        let config_hex = Digest::of(&config).hex();
        blobs.insert(config_hex.clone(), config.clone());
        let mut layer_paths = Vec::new();
        let mut descriptors = Vec::new();
        for layer in &img.layers {
            let mut tar = Vec::new();
            layer.write_tar(&mut tar)?;
            let hex = Digest::of(&tar).hex();
            layer_paths.push(format!("blobs/sha256/{hex}"));
            descriptors.push(json!({
                "mediaType": "application/vnd.oci.image.layer.v1.tar",
                "digest": format!("sha256:{hex}"),
                "size": tar.len(),
            }));
            blobs.insert(hex, tar);
        }
        let manifest = json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {
                "mediaType": "application/vnd.oci.image.config.v1+json",
                "digest": format!("sha256:{config_hex}"),
                "size": config.len(),
            },
            "layers": descriptors,
        });
        let manifest_bytes = serde_json::to_vec(&manifest).map_err(io::Error::other)?;
        let manifest_hex = Digest::of(&manifest_bytes).hex();
        let descriptor = |tag: Option<&str>| {
            let mut d = json!({
                "mediaType": "application/vnd.oci.image.manifest.v1+json",
                "digest": format!("sha256:{manifest_hex}"),
                "size": manifest_bytes.len(),
            });
            if let (Some(t), Some(obj)) = (tag, d.as_object_mut()) {
                let (repo, tag) = t.rsplit_once(':').unwrap_or((t, "latest"));
                obj.insert(
                    "annotations".into(),
                    json!({
                        "io.containerd.image.name": full_name(repo, tag),
                        "org.opencontainers.image.ref.name": tag,
                    }),
                );
            }
            d
        };
        if item.tags.is_empty() {
            index.push(descriptor(None));
        }
        for t in &item.tags {
            index.push(descriptor(Some(t)));
            let (repo, tag) = t.rsplit_once(':').unwrap_or((t, "latest"));
            if let Some(top) = layer_paths.last() {
                repositories.entry(repo.to_owned()).or_default().insert(
                    tag.to_owned(),
                    top.trim_start_matches("blobs/sha256/").to_owned(),
                );
            }
        }
        blobs.insert(manifest_hex, manifest_bytes);
        manifests.push(json!({
            "Config": format!("blobs/sha256/{config_hex}"),
            "RepoTags": if item.tags.is_empty() { Value::Null } else { json!(item.tags) },
            "Layers": layer_paths,
        }));
    }
    let mut b = Builder::new(Vec::new());
    append_dir(&mut b, "blobs/")?;
    append_dir(&mut b, "blobs/sha256/")?;
    for (hex, data) in &blobs {
        append(&mut b, &format!("blobs/sha256/{hex}"), data, 0)?;
    }
    let index = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": index,
    });
    append(&mut b, "index.json", &to_line(&index)?, 0)?;
    append(&mut b, "manifest.json", &to_line(&json!(manifests))?, 0)?;
    append(
        &mut b,
        "oci-layout",
        br#"{"imageLayoutVersion": "1.0.0"}"#,
        0,
    )?;
    if !repositories.is_empty() {
        append(&mut b, "repositories", &to_line(&json!(repositories))?, 0)?;
    }
    b.into_inner()
}

fn to_line(v: &Value) -> io::Result<Vec<u8>> {
    let mut out = serde_json::to_vec(v).map_err(io::Error::other)?;
    out.push(b'\n');
    Ok(out)
}

/// `docker.io/library/alpine:latest` from a familiar `alpine` and its tag.
fn full_name(repo: &str, tag: &str) -> String {
    let first = repo.split('/').next().unwrap_or_default();
    let has_domain =
        repo.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    if has_domain {
        format!("{repo}:{tag}")
    } else if repo.contains('/') {
        format!("docker.io/{repo}:{tag}")
    } else {
        format!("docker.io/library/{repo}:{tag}")
    }
}

/// `docker load`: the images of an archive (docker 25+ or legacy layout; both carry
/// `manifest.json`). A truncated or foreign file is an error and yields nothing.
///
/// Each layer's diff id must be the one its image's config names. `known(want, got)` says
/// whether a layer whose tar hashes to `got` is the layer `want` all the same: a catalog
/// layer's id is the real image's, while Berth writes its files (generated binaries) with
/// other bytes, so what `docker save` wrote for it is recognised by those bytes.
pub fn load(
    bytes: &[u8],
    now: Nanos,
    known: &dyn Fn(&str, &str) -> bool,
) -> Result<Vec<Loaded>, String> {
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut archive = Archive::new(bytes);
    let entries = archive.entries().map_err(|e| e.to_string())?;
    for entry in entries {
        let mut entry = entry.map_err(|_| "unexpected EOF".to_owned())?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = String::from_utf8_lossy(&entry.path_bytes())
            .trim_start_matches("./")
            .to_owned();
        let mut data = Vec::new();
        entry
            .read_to_end(&mut data)
            .map_err(|_| "unexpected EOF".to_owned())?;
        files.insert(path, data);
    }
    let manifest = files.get("manifest.json").ok_or_else(|| {
        "open /var/lib/docker/tmp/docker-import-0000000000/repositories: no such file or directory"
            .to_owned()
    })?;
    let manifest: Vec<Value> =
        serde_json::from_slice(manifest).map_err(|e| format!("invalid manifest.json: {e}"))?;
    let mut out = Vec::new();
    for m in manifest {
        let path = |k: &str| m.get(k).and_then(Value::as_str).unwrap_or_default();
        let config_bytes = files
            .get(path("Config"))
            .ok_or_else(|| format!("open {}: no such file or directory", path("Config")))?;
        let config: Value = serde_json::from_slice(config_bytes)
            .map_err(|e| format!("invalid image config: {e}"))?;
        let mut layers = Vec::new();
        let mut layer_tar_sizes = Vec::new();
        for l in m
            .get("Layers")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
        {
            let p = l.as_str().unwrap_or_default();
            let data = files
                .get(p)
                .ok_or_else(|| format!("open {p}: no such file or directory"))?;
            let rw = read_layer(&mut data.as_slice()).map_err(|e| e.to_string())?;
            layers.push(Rc::new(rw.freeze()));
            layer_tar_sizes.push(data.len() as u64);
        }
        let want: Vec<String> = config
            .pointer("/rootfs/diff_ids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        // As moby's tarexport: layer by layer, the first that differs is the error.
        let got: Vec<String> = layers.iter().map(|l| l.diff_id().to_string()).collect();
        for i in 0..want.len().max(got.len()) {
            let (expected, actual) = (want.get(i), got.get(i));
            let same = match (expected, actual) {
                (Some(w), Some(g)) => w == g || known(w, g),
                _ => false,
            };
            if !same {
                return Err(format!(
                    "invalid diffID for layer {i}: expected {:?}, got {:?}",
                    expected.map_or("", String::as_str),
                    actual.map_or("", String::as_str)
                ));
            }
        }
        let created = config
            .get("created")
            .and_then(Value::as_str)
            .and_then(super::events::parse_rfc3339)
            .unwrap_or(now);
        let tags = m
            .get("RepoTags")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        out.push(Loaded {
            image: Image {
                id: Digest::of(config_bytes).to_string(),
                config,
                layers,
                parent: None,
                created,
                last_tag_time: None,
                repo_digests: Vec::new(),
            },
            tags,
            layer_tar_sizes,
        });
    }
    Ok(out)
}

/// `docker import`: a one-layer image from a tar of a filesystem; `source` names where it
/// came from in the history comment (`Imported from -`).
pub fn import(
    tar_bytes: &[u8],
    now: Nanos,
    config: Value,
    message: &str,
    source: &str,
) -> Result<Image, String> {
    let rw = read_layer(&mut &tar_bytes[..]).map_err(|e| e.to_string())?;
    let layer = Rc::new(rw.freeze());
    let diff_id = layer.diff_id().to_string();
    let comment = if message.is_empty() {
        format!("Imported from {source}")
    } else {
        message.to_owned()
    };
    let cfg =
        super::commit::child_config(None, config, now, "", &comment, "", Some(&diff_id), None);
    Ok(Image {
        id: super::commit::config_id(&cfg),
        config: cfg,
        layers: vec![layer],
        parent: None,
        created: now,
        last_tag_time: None,
        repo_digests: Vec::new(),
    })
}

/// The archive as docker's `DecompressStream` reads it for `load` and `import`: a gzip
/// (found by its magic bytes) inflated, a plain tar as it is; the other compressions docker
/// detects are refused honestly.
pub fn decompressed(bytes: &[u8]) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    use crate::fs::gzip;
    if gzip::is_gzip(bytes) {
        return gzip::gunzip(bytes).map(std::borrow::Cow::Owned);
    }
    let other = [
        (&b"BZh"[..], "bzip2"),
        (&[0xfd, b'7', b'z', b'X', b'Z', 0][..], "xz"),
        (&[0x28, 0xb5, 0x2f, 0xfd][..], "zstd"),
    ];
    if let Some((_, name)) = other.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(format!(
            "berth: {name}-compressed archives are not simulated yet (gzip and plain tar are)"
        ));
    }
    Ok(std::borrow::Cow::Borrowed(bytes))
}

/// `docker export`: the tar of a container's merged filesystem (its mounts left out); emits
/// the container's `export` event.
pub fn export_container(world: &mut World, container: &str) -> Result<Vec<u8>, String> {
    let id = world
        .daemon
        .containers
        .resolve(container)
        .map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    if let Some(c) = world.daemon.containers.get(&id) {
        c.rootfs
            .borrow()
            .root()
            .export(&mut bytes)
            .map_err(|e| e.to_string())?;
    }
    let now = world.now();
    world.daemon.emit_container(now, "export", &id, &[]);
    Ok(bytes)
}

/// `docker import`: makes the one-layer image of `tar_bytes` (a tar or a gzip of one; with the `-c` changes and
/// the `-m` message; `source` is `-` or the URL it came from), tags it as `reference`, emits `import` (and `tag`); returns its id.
pub fn import_image(
    world: &mut World,
    tar_bytes: &[u8],
    reference: Option<&Reference>,
    changes: &[String],
    message: &str,
    source: &str,
) -> Result<String, String> {
    let changes: Vec<Change> = changes
        .iter()
        .map(|c| parse_change(c))
        .collect::<Result<_, _>>()?;
    let config = apply_changes(&ImageConfig::default(), &changes).to_json();
    let now = world.now();
    let tar_bytes = &*decompressed(tar_bytes)?;
    let image = import(tar_bytes, now, config, message, source)?;
    let id = image.id.clone();
    world.daemon.images.insert(image);
    if let Some(r) = reference {
        world.daemon.images.tag(r, &id, now);
        let name = r.familiar_string();
        world
            .daemon
            .emit(now, "image", "tag", &id, &[("name", &name)]);
    }
    world
        .daemon
        .emit(now, "image", "import", &id, &[("name", &id)]);
    Ok(id)
}

/// `docker save`: the archive of the images `names` name (a repository without a tag saves
/// all its tags; an id saves the image untagged); emits `save` for each image.
pub fn save_images(world: &mut World, names: &[String]) -> Result<Vec<u8>, String> {
    let mut chosen: Vec<(String, Vec<String>)> = Vec::new();
    for name in names {
        let store = &world.daemon.images;
        let named = reference::parse_normalized_named(name).ok();
        let (id, tags) = match named.filter(|r| r.is_name_only()) {
            Some(repo)
                if store.iter().any(|i| {
                    store
                        .references(&i.id)
                        .iter()
                        .any(|t| t.name() == repo.name())
                }) =>
            {
                let mut found: Vec<(String, String)> = Vec::new();
                for img in store.iter() {
                    for t in store.references(&img.id) {
                        if t.name() == repo.name() && t.tag().is_some() {
                            found.push((img.id.clone(), t.familiar_string()));
                        }
                    }
                }
                for (id, tag) in found {
                    add(&mut chosen, id, Some(tag));
                }
                continue;
            }
            _ => {
                let img = store.lookup(name).map_err(|e| e.to_string())?;
                let by_id = reference::parse_normalized_named(name)
                    .ok()
                    .and_then(|r| store.resolve_tag(&r.tag_name_only()))
                    .is_none();
                let tag = (!by_id).then(|| familiar_with_tag(name));
                (img.id.clone(), tag)
            }
        };
        add(&mut chosen, id, tags);
    }
    let now = world.now();
    let store = &world.daemon.images;
    let items: Vec<SaveItem<'_>> = chosen
        .iter()
        .filter_map(|(id, tags)| {
            store.get(id).map(|image| SaveItem {
                image,
                tags: tags.clone(),
            })
        })
        .collect();
    let bytes = save(&items).map_err(|e| e.to_string())?;
    for (id, _) in &chosen {
        world.daemon.emit(now, "image", "save", id, &[("name", id)]);
    }
    Ok(bytes)
}

fn add(chosen: &mut Vec<(String, Vec<String>)>, id: String, tag: Option<String>) {
    let at = match chosen.iter().position(|(i, _)| *i == id) {
        Some(at) => at,
        None => {
            chosen.push((id, Vec::new()));
            chosen.len() - 1
        }
    };
    if let (Some(t), Some((_, tags))) = (tag, chosen.get_mut(at)) {
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
}

/// `docker load`: adds the archive's images and tags (a tag moved off an older image leaves
/// it untagged), emits `load` for each; returns the lines docker prints. A truncated or
/// foreign archive changes nothing.
pub fn load_images(world: &mut World, bytes: &[u8]) -> Result<Vec<String>, String> {
    Ok(load_images_shown(world, bytes)?
        .into_iter()
        .filter_map(|l| match l {
            LoadLine::Text(t) => Some(t),
            LoadLine::Layer { .. } => None,
        })
        .collect())
}

/// [`load_images`], with the layers it had to load (those not already stored with every
/// layer below them), for the progress docker shows on a terminal.
pub fn load_images_shown(world: &mut World, bytes: &[u8]) -> Result<Vec<LoadLine>, String> {
    let bytes = &*decompressed(bytes)?;
    let now = world.now();
    let hub = &world.hub;
    let loaded = load(bytes, now, &|want, got| hub.holds_layer(want, got))?;
    let mut lines = Vec::new();
    for l in loaded {
        let id = l.image.id.clone();
        let diff_ids = l.image.diff_ids();
        let chains = super::images::chain_ids(&diff_ids);
        let mut below_present = true;
        for ((diff_id, chain), size) in diff_ids.iter().zip(&chains).zip(&l.layer_tar_sizes) {
            below_present = below_present && world.daemon.images.has_layer(diff_id);
            if !below_present {
                let hex = chain.trim_start_matches("sha256:");
                lines.push(LoadLine::Layer {
                    id: hex.get(..12).unwrap_or(hex).to_owned(),
                    size: *size,
                });
            }
        }
        world.daemon.images.insert(l.image);
        for t in &l.tags {
            let Ok(r) = reference::parse_normalized_named(t) else {
                continue;
            };
            let r = r.tag_name_only();
            if let Some(old) = world.daemon.images.tag(&r, &id, now) {
                lines.push(LoadLine::Text(format!(
                    "The image {} already exists, renaming the old one with ID {old} to empty string",
                    r.familiar_string()
                )));
            }
            lines.push(LoadLine::Text(format!(
                "Loaded image: {}",
                r.familiar_string()
            )));
        }
        if l.tags.is_empty() {
            lines.push(LoadLine::Text(format!("Loaded image ID: {id}")));
        }
        world
            .daemon
            .emit(now, "image", "load", &id, &[("name", &id)]);
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::{Content, Meta, RwLayer};

    fn layer(files: &[(&str, &str)]) -> Rc<crate::fs::Layer> {
        let mut rw = RwLayer::new();
        for (p, c) in files {
            rw.add_file(p, Meta::root(0o644, 0), Content::from(*c))
                .unwrap();
        }
        Rc::new(rw.freeze())
    }

    fn image(layers: Vec<Rc<crate::fs::Layer>>) -> Image {
        let diff_ids: Vec<String> = layers.iter().map(|l| l.diff_id().to_string()).collect();
        let config = json!({"created": "2024-12-05T12:49:04Z", "config": {"Cmd": ["sh"]},
            "rootfs": {"type": "layers", "diff_ids": diff_ids}});
        Image {
            id: super::super::commit::config_id(&config),
            config,
            layers,
            parent: None,
            created: 0,
            last_tag_time: None,
            repo_digests: vec![],
        }
    }

    #[test]
    fn save_then_load_gives_the_same_images() {
        let a = image(vec![
            layer(&[("/bin/sh", "sh")]),
            layer(&[("/etc/motd", "hi\n")]),
        ]);
        let b = image(vec![layer(&[("/x", "x")])]);
        let items = [
            SaveItem {
                image: &a,
                tags: vec!["alpine:latest".into(), "mine:v1".into()],
            },
            SaveItem {
                image: &b,
                tags: vec![],
            },
        ];
        let bytes = save(&items).unwrap();
        assert_eq!(bytes, save(&items).unwrap(), "deterministic");
        let loaded = load(&bytes, 0, &|_, _| false).unwrap();
        assert_eq!(loaded.len(), 2);
        assert_eq!(loaded[0].image.id, a.id);
        assert_eq!(loaded[0].image.diff_ids(), a.diff_ids());
        assert_eq!(loaded[0].tags, vec!["alpine:latest", "mine:v1"]);
        assert_eq!(loaded[1].image.id, b.id);
        assert!(loaded[1].tags.is_empty());
        let mut names = Vec::new();
        for e in Archive::new(bytes.as_slice()).entries().unwrap() {
            names.push(String::from_utf8_lossy(&e.unwrap().path_bytes()).into_owned());
        }
        for want in ["index.json", "manifest.json", "oci-layout", "repositories"] {
            assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
        }
    }

    #[test]
    fn truncated_or_foreign_archives_are_refused() {
        let a = image(vec![layer(&[("/f", "data")])]);
        let bytes = save(&[SaveItem {
            image: &a,
            tags: vec![],
        }])
        .unwrap();
        assert!(load(&bytes[..bytes.len() / 2], 0, &|_, _| false).is_err());
        assert!(load(b"not a tar at all, just some text", 0, &|_, _| false).is_err());
        let mut foreign = Builder::new(Vec::new());
        append(&mut foreign, "hello.txt", b"hi", 0).unwrap();
        assert!(load(&foreign.into_inner().unwrap(), 0, &|_, _| false).is_err());
    }

    #[test]
    fn import_makes_a_one_layer_image_with_the_same_files() {
        let src = layer(&[("/etc/os-release", "ID=test\n"), ("/bin/sh", "sh")]);
        let mut tar = Vec::new();
        src.write_tar(&mut tar).unwrap();
        let img = import(&tar, 7, json!({"Cmd": null}), "", "-").unwrap();
        assert_eq!(img.layers.len(), 1);
        assert_eq!(img.diff_ids(), vec![src.diff_id().to_string()]);
        assert_eq!(
            img.config
                .pointer("/history/0/comment")
                .and_then(Value::as_str),
            Some("Imported from -")
        );
    }
}
