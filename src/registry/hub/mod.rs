//! The mock Docker Hub: turns catalog entries into real layers, image configs, manifests and
//! digests, and keeps what users push.
//!
//! Content addressing is real: a layer's diff id is the sha256 of its tar stream, an image id
//! the sha256 of its config JSON, a manifest digest the sha256 of the manifest JSON. Hashing
//! the tar of a 500 MB image would take seconds in a page, so the diff ids of catalog layers
//! are computed once, ahead of time, into `catalog/digests.lock`; a test rebuilds every layer
//! and checks the lock against the real hash. The registry keeps no compressed blobs: a
//! layer's blob digest is the sha256 of its diff id and compressed size (see [`blob_digest`]).

use crate::collections::SortedMap as BTreeMap;
use std::rc::Rc;

use serde_json::{json, Value};

use super::catalog::{self, Catalog, Content as SpecContent, Entry, ImageSpec, LayerSpec};
use super::reference::Reference;
use crate::fs::{Content, Digest, Layer, Meta, RwLayer};
use crate::ports::Nanos;

/// The registry host that stands for Docker Hub.
pub const HUB_DOMAIN: &str = "docker.io";

/// The start of every simulated executable: an ELF header, then the program marker line.
const ELF_HEADER: [u8; 16] = [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];

/// The marker the shell looks for in an executable's first bytes (`berth-exec:ls\n`).
pub const EXEC_MARKER: &str = "berth-exec:";

/// One layer of a remote image.
#[derive(Clone, Debug)]
pub struct RemoteLayer {
    /// The layer itself (shared: the same base layer is one `Rc`).
    pub layer: Rc<Layer>,
    /// sha256 of the uncompressed tar.
    pub diff_id: String,
    /// The registry blob digest (what `docker pull` shows 12 hex of).
    pub blob_digest: String,
    /// Compressed size in bytes (download progress).
    pub compressed: u64,
}

/// An image as the registry serves it.
#[derive(Clone, Debug)]
pub struct RemoteImage {
    /// The image config JSON; its sha256 is the image id.
    pub config: Value,
    /// The image id (`sha256:` + 64 hex).
    pub id: String,
    /// The manifest digest (`sha256:` + 64 hex).
    pub manifest_digest: String,
    /// Layers bottom to top.
    pub layers: Vec<RemoteLayer>,
}

/// Why the registry refused a pull.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PullError {
    /// No such repository (or not allowed to see it).
    Denied {
        /// The repository as docker names it in the message (`nginxx`, `user/app`).
        name: String,
    },
    /// The repository has no such tag or digest.
    ManifestUnknown {
        /// `alpine:nonexist` as docker prints it.
        reference: String,
    },
    /// A registry other than Docker Hub: the simulated world cannot reach it.
    Unreachable {
        /// The registry host.
        domain: String,
    },
}

impl std::fmt::Display for PullError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PullError::Denied { name } => write!(
                f,
                "pull access denied for {name}, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"
            ),
            PullError::ManifestUnknown { reference } => {
                write!(f, "manifest for {reference} not found: manifest unknown: manifest unknown")
            }
            PullError::Unreachable { domain } => write!(
                f,
                "Get \"https://{domain}/v2/\": dial tcp: lookup {domain} on 192.168.65.7:53: no such host"
            ),
        }
    }
}

/// An image a user pushed: kept by repository path and tag.
#[derive(Clone, Debug)]
pub struct PushedImage {
    /// What the registry serves for it.
    pub image: RemoteImage,
}

/// The hub's state: built layers (cached), moved tags, pushed repositories.
#[derive(Debug, Default)]
pub struct Hub {
    /// Docker IDs and their passwords: an account is made at its first login.
    accounts: BTreeMap<String, String>,
    layers: BTreeMap<String, RemoteLayer>,
    moved: BTreeMap<(String, String), String>,
    pushed: BTreeMap<String, BTreeMap<String, PushedImage>>,
}

impl Hub {
    /// The catalog image key a tag points at now (after any published updates).
    fn image_key(&self, catalog: &Catalog, repo: &str, tag: &str) -> Option<String> {
        if let Some(key) = self.moved.get(&(repo.to_owned(), tag.to_owned())) {
            return Some(key.clone());
        }
        catalog.repository(repo)?.tag(tag).map(str::to_owned)
    }

    /// Publishes the catalog's pending updates: tags that move upstream to a newer image
    /// (re-pulling them leaves the old image dangling). Returns how many tags moved.
    pub fn publish_updates(&mut self) -> usize {
        let mut moved = 0;
        for u in &catalog::catalog().updates {
            let key = (u.repository.clone(), u.tag.clone());
            if self.moved.get(&key) != Some(&u.image) {
                self.moved.insert(key, u.image.clone());
                moved += 1;
            }
        }
        moved
    }

    /// What the registry serves for `reference` (normalized, with a tag or digest).
    pub fn resolve(&mut self, reference: &Reference) -> Result<RemoteImage, PullError> {
        if reference.domain() != HUB_DOMAIN {
            return Err(PullError::Unreachable {
                domain: reference.domain().to_owned(),
            });
        }
        let repo = reference.path().to_owned();
        let familiar = reference.familiar_name();
        let tag = reference.tag().unwrap_or("latest").to_owned();
        if let Some(tags) = self.pushed.get(&repo) {
            return match reference.digest() {
                Some(d) => tags
                    .values()
                    .find(|p| p.image.manifest_digest == d.as_str())
                    .map(|p| p.image.clone())
                    .ok_or(PullError::ManifestUnknown {
                        reference: format!("{familiar}@{}", d.as_str()),
                    }),
                None => tags
                    .get(&tag)
                    .map(|p| p.image.clone())
                    .ok_or(PullError::ManifestUnknown {
                        reference: format!("{familiar}:{tag}"),
                    }),
            };
        }
        let catalog = catalog::catalog();
        let Some(repository) = catalog.repository(&repo).filter(|r| r.is_pullable()) else {
            return Err(PullError::Denied { name: familiar });
        };
        if let Some(d) = reference.digest() {
            let tags: Vec<String> = repository.tags.iter().map(|(t, _)| t.clone()).collect();
            for t in tags {
                if let Some(key) = self.image_key(catalog, &repo, &t) {
                    if let Ok(img) = self.catalog_image(catalog, &key) {
                        if img.manifest_digest == d.as_str() {
                            return Ok(img);
                        }
                    }
                }
            }
            return Err(PullError::ManifestUnknown {
                reference: format!("{familiar}@{}", d.as_str()),
            });
        }
        let Some(key) = self.image_key(catalog, &repo, &tag) else {
            return Err(PullError::ManifestUnknown {
                reference: format!("{familiar}:{tag}"),
            });
        };
        self.catalog_image(catalog, &key)
            .map_err(|_| PullError::ManifestUnknown {
                reference: format!("{familiar}:{tag}"),
            })
    }

    /// Checks a Docker ID and password (the first login with a new, valid name makes the
    /// account). The error is the registry's answer.
    pub fn login(&mut self, user: &str, password: &str) -> Result<(), String> {
        let valid = (4..=30).contains(&user.len())
            && user
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        let denied = "Get \"https://registry-1.docker.io/v2/\": unauthorized: incorrect username or password";
        if !valid || password.is_empty() {
            return Err(denied.to_owned());
        }
        match self.accounts.get(user) {
            Some(p) if p != password => Err(denied.to_owned()),
            Some(_) => Ok(()),
            None => {
                self.accounts.insert(user.to_owned(), password.to_owned());
                Ok(())
            }
        }
    }

    /// Stores a pushed image under `repo` (path, `student/app`) and `tag`.
    pub fn push(&mut self, repo: &str, tag: &str, image: RemoteImage) {
        self.pushed
            .entry(repo.to_owned())
            .or_default()
            .insert(tag.to_owned(), PushedImage { image });
    }

    /// Whether the registry already has a blob with this diff id (a push says `Layer already
    /// exists` for it).
    pub fn has_layer(&self, diff_id: &str) -> bool {
        self.layers.values().any(|l| l.diff_id == diff_id)
            || self
                .pushed
                .values()
                .flat_map(|t| t.values())
                .any(|p| p.image.layers.iter().any(|l| l.diff_id == diff_id))
    }

    /// Whether the registry has served or received the layer `diff_id` and Berth writes
    /// its tar as bytes hashing to `written` (see `daemon::archive::load`).
    pub fn holds_layer(&self, diff_id: &str, written: &str) -> bool {
        let pushed = self.pushed.values().flat_map(|t| t.values());
        self.layers
            .values()
            .chain(pushed.flat_map(|p| p.image.layers.iter()))
            .any(|l| l.diff_id == diff_id && l.layer.diff_id().to_string() == written)
    }

    /// Every tag of a repository (`docker pull -a`).
    pub fn tags(&self, reference: &Reference) -> Vec<String> {
        let repo = reference.path();
        if let Some(tags) = self.pushed.get(repo) {
            return tags.keys().cloned().collect();
        }
        catalog::catalog()
            .repository(repo)
            .map(|r| r.tags.iter().map(|(t, _)| t.clone()).collect())
            .unwrap_or_default()
    }

    fn catalog_image(&mut self, catalog: &Catalog, key: &str) -> Result<RemoteImage, String> {
        let spec = catalog
            .images
            .get(key)
            .ok_or_else(|| format!("no image {key}"))?;
        let mut layers = Vec::new();
        for h in &spec.history {
            let Some(layer_key) = &h.layer else { continue };
            let layer = self.catalog_layer(catalog, layer_key, h.created_nanos())?;
            layers.push(layer);
        }
        let config = image_config(spec, &layers);
        Ok(remote_image(config, layers))
    }

    fn catalog_layer(
        &mut self,
        catalog: &Catalog,
        key: &str,
        created: Nanos,
    ) -> Result<RemoteLayer, String> {
        if let Some(l) = self.layers.get(key) {
            return Ok(l.clone());
        }
        let spec = catalog
            .layers
            .get(key)
            .ok_or_else(|| format!("no layer {key}"))?;
        let layer = Rc::new(build_layer(spec, created)?);
        let diff_id = match locked_diff_id(key) {
            Some(d) => d.to_owned(),
            None => layer.diff_id().to_string(),
        };
        let remote = RemoteLayer {
            blob_digest: blob_digest(&diff_id, spec.compressed),
            layer,
            diff_id,
            compressed: spec.compressed,
        };
        self.layers.insert(key.to_owned(), remote.clone());
        Ok(remote)
    }
}

/// The registry blob digest Berth gives a layer: it keeps no gzip streams, so the digest is
/// the sha256 of `diff_id` and the compressed size — stable, and distinct per layer.
pub fn blob_digest(diff_id: &str, compressed: u64) -> String {
    Digest::of(format!("{diff_id}:{compressed}").as_bytes()).to_string()
}

/// Builds an image's registry form from its config and layers: ids and digests.
pub fn remote_image(config: Value, layers: Vec<RemoteLayer>) -> RemoteImage {
    let config_bytes = serde_json::to_vec(&config).unwrap_or_default();
    let id = Digest::of(&config_bytes).to_string();
    let manifest = json!({
        "schemaVersion": 2,
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {
            "mediaType": "application/vnd.oci.image.config.v1+json",
            "digest": id,
            "size": config_bytes.len(),
        },
        "layers": layers.iter().map(|l| json!({
            "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
            "digest": l.blob_digest,
            "size": l.compressed,
        })).collect::<Vec<_>>(),
    });
    let manifest_bytes = serde_json::to_vec(&manifest).unwrap_or_default();
    RemoteImage {
        config,
        id,
        manifest_digest: Digest::of(&manifest_bytes).to_string(),
        layers,
    }
}

/// The OCI image config of a catalog image (keys in the order BuildKit writes them).
fn image_config(spec: &ImageSpec, layers: &[RemoteLayer]) -> Value {
    let c = &spec.config;
    let mut config = serde_json::Map::new();
    if !c.user.is_empty() {
        config.insert("User".into(), json!(c.user));
    }
    if !c.exposed_ports.is_empty() {
        let ports: serde_json::Map<String, Value> = c
            .exposed_ports
            .iter()
            .map(|p| (p.clone(), json!({})))
            .collect();
        config.insert("ExposedPorts".into(), Value::Object(ports));
    }
    config.insert("Env".into(), json!(c.env));
    if let Some(ep) = &c.entrypoint {
        config.insert("Entrypoint".into(), json!(ep));
    }
    if let Some(cmd) = &c.cmd {
        config.insert("Cmd".into(), json!(cmd));
    }
    if !c.volumes.is_empty() {
        let vols: serde_json::Map<String, Value> =
            c.volumes.iter().map(|v| (v.clone(), json!({}))).collect();
        config.insert("Volumes".into(), Value::Object(vols));
    }
    if !c.working_dir.is_empty() {
        config.insert("WorkingDir".into(), json!(c.working_dir));
    }
    if !c.labels.is_empty() {
        config.insert("Labels".into(), json!(c.labels));
    }
    if let Some(sig) = &c.stop_signal {
        config.insert("StopSignal".into(), json!(sig));
    }
    let history: Vec<Value> = spec
        .history
        .iter()
        .map(|h| {
            let mut e = serde_json::Map::new();
            e.insert("created".into(), json!(h.created));
            if let Some(a) = &h.author {
                e.insert("author".into(), json!(a));
            }
            e.insert("created_by".into(), json!(h.created_by));
            if !h.comment.is_empty() {
                e.insert("comment".into(), json!(h.comment));
            }
            if h.empty_layer {
                e.insert("empty_layer".into(), json!(true));
            }
            Value::Object(e)
        })
        .collect();
    let mut root = serde_json::Map::new();
    root.insert("architecture".into(), json!(spec.architecture));
    if let Some(a) = &spec.author {
        root.insert("author".into(), json!(a));
    }
    root.insert("config".into(), Value::Object(config));
    root.insert("created".into(), json!(spec.created));
    root.insert("history".into(), Value::Array(history));
    root.insert("os".into(), json!(spec.os));
    root.insert(
        "rootfs".into(),
        json!({"type": "layers", "diff_ids": layers.iter().map(|l| l.diff_id.clone()).collect::<Vec<_>>()}),
    );
    Value::Object(root)
}

/// The bytes of a catalog file as the filesystem stores them: text as is, a binary as
/// generated filler that starts with an ELF header (and, for a program, its marker).
pub fn file_content(content: &SpecContent, exec: Option<&str>) -> Content {
    match content {
        SpecContent::Text(t) => Content::from(t.as_str()),
        SpecContent::Filler { size, seed, elf } => {
            let mut head = Vec::new();
            if *elf || exec.is_some() {
                head.extend_from_slice(&ELF_HEADER);
            }
            if let Some(name) = exec {
                head.extend_from_slice(format!("\n{EXEC_MARKER}{name}\n").as_bytes());
            }
            if head.is_empty() {
                Content::filler(*size, *seed)
            } else {
                Content::filler_with_head(*size, *seed, &head)
            }
        }
    }
}

/// Builds the immutable layer a catalog layer describes; every entry gets `created` as mtime.
pub fn build_layer(spec: &LayerSpec, created: Nanos) -> Result<Layer, String> {
    let mut rw = RwLayer::with_root(Meta::root(0o755, created));
    for e in &spec.entries {
        let r = match e {
            Entry::Dir { path, attrs } => {
                rw.add_dir(path, Meta::new(attrs.mode, attrs.uid, attrs.gid, created))
            }
            Entry::File {
                path,
                attrs,
                content,
            } => rw.add_file(
                path,
                Meta::new(attrs.mode, attrs.uid, attrs.gid, created),
                file_content(content, None),
            ),
            Entry::Blob {
                path,
                attrs,
                content,
                exec,
            } => rw.add_file(
                path,
                Meta::new(attrs.mode, attrs.uid, attrs.gid, created),
                file_content(content, exec.as_deref()),
            ),
            Entry::Link { path, target } => {
                rw.add_symlink(path, Meta::root(0o777, created), target)
            }
            Entry::Whiteout { path } => rw.add_whiteout(path, Meta::root(0o644, created)),
        };
        r.map_err(|errno| format!("{}: {}", e.path(), errno.strerror()))?;
    }
    Ok(rw.freeze())
}

/// The lock file of catalog layers' diff ids.
const DIGESTS_LOCK: &str = include_str!("../../../catalog/digests.lock");

/// The diff id recorded for a catalog layer, if the lock has it.
pub fn locked_diff_id(key: &str) -> Option<&'static str> {
    DIGESTS_LOCK.lines().find_map(|line| {
        let (k, d) = line.split_once(' ')?;
        (k == key).then_some(d)
    })
}

#[cfg(test)]
mod tests;
