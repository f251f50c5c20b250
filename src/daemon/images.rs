//! The daemon's image store: images by id, the references that name them, and their layers,
//! each layer stored once however many images share it.

use crate::collections::SmallSort;
use crate::collections::{SortedMap as BTreeMap, SortedSet as BTreeSet};
use std::rc::Rc;

use serde_json::Value;

use crate::fs::{Digest, Layer};
use crate::ports::Nanos;
use crate::registry::reference::{self, AnyReference, Reference};

/// An image the daemon holds.
#[derive(Clone, Debug)]
pub struct Image {
    /// `sha256:` + 64 hex: the sha256 of the config JSON.
    pub id: String,
    /// The image config (OCI form: architecture, config, created, history, os, rootfs).
    pub config: Value,
    /// Layers bottom to top, shared with other images.
    pub layers: Vec<Rc<Layer>>,
    /// The image this one was built on (commit, build), when known locally.
    pub parent: Option<String>,
    /// When the image was created.
    pub created: Nanos,
    /// When a tag last pointed here from this daemon (`Metadata.LastTagTime`).
    pub last_tag_time: Option<Nanos>,
    /// `repo@sha256:…` digests the image was pulled by.
    pub repo_digests: Vec<String>,
}

impl Image {
    /// Bytes of all layers (docker's image `Size`).
    pub fn size(&self) -> u64 {
        self.layers.iter().map(|l| l.size()).sum()
    }

    /// The 12-hex short id.
    pub fn short_id(&self) -> &str {
        let hex = self.id.strip_prefix("sha256:").unwrap_or(&self.id);
        hex.get(..12).unwrap_or(hex)
    }

    /// The container config part of the image config (`Cmd`, `Env` …).
    pub fn container_config(&self) -> &Value {
        self.config.get("config").unwrap_or(&Value::Null)
    }

    /// The diff ids, as the config lists them.
    pub fn diff_ids(&self) -> Vec<String> {
        self.config
            .pointer("/rootfs/diff_ids")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// What a lookup by name or id did not find, with docker's wording of the name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoSuchImage(pub String);

impl std::fmt::Display for NoSuchImage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "No such image: {}", self.0)
    }
}

/// All images, the references naming them, and the layers they share.
#[derive(Clone, Debug, Default)]
pub struct ImageStore {
    images: BTreeMap<String, Image>,
    /// Normalized references (`docker.io/library/nginx:latest`) → image id.
    tags: BTreeMap<String, String>,
    layers: BTreeMap<String, Rc<Layer>>,
    /// Moves on every change (see [`ImageStore::revision`]).
    rev: u64,
}

impl ImageStore {
    /// A number that moves whenever the store may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    /// Adds an image (or returns the one already there with the same id); layers already
    /// stored are reused.
    pub fn insert(&mut self, mut image: Image) -> &Image {
        self.rev += 1;
        let diff_ids = image.diff_ids();
        for (i, layer) in image.layers.iter_mut().enumerate() {
            let key = diff_ids
                .get(i)
                .cloned()
                .unwrap_or_else(|| layer.diff_id().to_string());
            let stored = self.layers.entry(key).or_insert_with(|| Rc::clone(layer));
            *layer = Rc::clone(stored);
        }
        let id = image.id.clone();
        self.images.entry(id).or_insert(image)
    }

    /// The image with this full id.
    pub fn get(&self, id: &str) -> Option<&Image> {
        self.images.get(id)
    }

    /// The image with this full id, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Image> {
        self.rev += 1;
        self.images.get_mut(id)
    }

    /// Every image.
    pub fn iter(&self) -> impl Iterator<Item = &Image> {
        self.images.values()
    }

    /// How many images there are.
    pub fn len(&self) -> usize {
        self.images.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.images.is_empty()
    }

    /// Points `reference` (normalized, with a tag) at `id`; returns the id it pointed at
    /// before, if any.
    pub fn tag(&mut self, reference: &Reference, id: &str, now: Nanos) -> Option<String> {
        self.rev += 1;
        let old = self.tags.insert(reference.to_string(), id.to_owned());
        if let Some(img) = self.images.get_mut(id) {
            img.last_tag_time = Some(now);
        }
        old.filter(|o| o != id)
    }

    /// Removes a reference; returns the id it named.
    pub fn untag(&mut self, reference: &Reference) -> Option<String> {
        self.rev += 1;
        self.tags.remove(&reference.to_string())
    }

    /// The id a normalized reference names.
    pub fn resolve_tag(&self, reference: &Reference) -> Option<&str> {
        self.tags.get(&reference.to_string()).map(String::as_str)
    }

    /// Every reference naming `id`, in familiar form (`nginx:latest`), sorted.
    pub fn repo_tags(&self, id: &str) -> Vec<String> {
        let mut tags: Vec<String> = self
            .tags
            .iter()
            .filter(|(_, v)| *v == id)
            .filter_map(|(k, _)| {
                reference::parse_normalized_named(k)
                    .ok()
                    .map(|r| r.familiar_string())
            })
            .collect();
        tags.small_sort();
        tags
    }

    /// Every normalized reference naming `id`.
    pub fn references(&self, id: &str) -> Vec<Reference> {
        self.tags
            .iter()
            .filter(|(_, v)| *v == id)
            .filter_map(|(k, _)| reference::parse_normalized_named(k).ok())
            .collect()
    }

    /// Looks an image up the way the daemon does for `docker run IMAGE`, `rmi`, `inspect`:
    /// a full or short id (`sha256:` optional), or a reference (tag defaulting to `latest`,
    /// or a digest).
    pub fn lookup(&self, s: &str) -> Result<&Image, NoSuchImage> {
        let not_found = || NoSuchImage(familiar_with_tag(s));
        if let Some(img) = self.by_id_prefix(s) {
            if !self.tags.contains_key(&normalized(s).unwrap_or_default()) {
                return Ok(img);
            }
        }
        match reference::parse_any_reference(s) {
            Ok(AnyReference::Digest(d)) => self.images.get(d.as_str()).ok_or_else(not_found),
            Ok(AnyReference::Named(r)) => {
                if let Some(d) = r.digest() {
                    let name = r.familiar_name();
                    return self
                        .images
                        .values()
                        .find(|i| {
                            i.repo_digests
                                .iter()
                                .any(|rd| rd == &format!("{name}@{}", d.as_str()))
                        })
                        .ok_or_else(not_found);
                }
                let r = r.tag_name_only();
                self.resolve_tag(&r)
                    .and_then(|id| self.images.get(id))
                    .ok_or_else(not_found)
            }
            Err(_) => Err(not_found()),
        }
    }

    /// The one image whose id starts with `prefix` (hex, `sha256:` optional).
    fn by_id_prefix(&self, prefix: &str) -> Option<&Image> {
        let hex = prefix.strip_prefix("sha256:").unwrap_or(prefix);
        if hex.is_empty()
            || hex.len() > 64
            || !hex
                .bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        {
            return None;
        }
        let mut found = self.images.values().filter(|i| i.id[7..].starts_with(hex));
        let first = found.next()?;
        found.next().is_none().then_some(first)
    }

    /// Removes an image record; its layers stay until [`ImageStore::prune_layers`].
    pub fn remove(&mut self, id: &str) -> Option<Image> {
        self.rev += 1;
        self.tags.retain(|_, v| v != id);
        self.images.remove(id)
    }

    /// Drops layers no image uses; returns their diff ids.
    pub fn prune_layers(&mut self) -> Vec<String> {
        self.rev += 1;
        let used: BTreeSet<String> = self.images.values().flat_map(Image::diff_ids).collect();
        let gone: Vec<String> = self
            .layers
            .keys()
            .filter(|k| !used.contains(*k))
            .cloned()
            .collect();
        for k in &gone {
            self.layers.remove(k);
        }
        gone
    }

    /// Whether a layer with this diff id is stored.
    pub fn has_layer(&self, diff_id: &str) -> bool {
        self.layers.contains_key(diff_id)
    }

    /// Bytes of all stored layers, each counted once.
    pub fn layers_size(&self) -> u64 {
        self.layers.values().map(|l| l.size()).sum()
    }

    /// How many layers are stored.
    pub fn layer_count(&self) -> usize {
        self.layers.len()
    }

    /// Images that have no reference (dangling: `<none>:<none>`).
    pub fn is_dangling(&self, id: &str) -> bool {
        !self.tags.values().any(|v| v == id)
    }

    /// The image ids whose parent is `id` (child images).
    pub fn children(&self, id: &str) -> Vec<&Image> {
        self.images
            .values()
            .filter(|i| i.parent.as_deref() == Some(id))
            .collect()
    }
}

/// Disk usage of the image store, as `docker system df` will report it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    /// Bytes of all layers, each counted once.
    pub used: u64,
    /// Bytes of layers that more than one image holds.
    pub shared: u64,
    /// Bytes no image with a container needs (`docker image prune -a` would free them).
    pub reclaimable: u64,
}

impl ImageStore {
    /// Bytes used, shared and reclaimable; `in_use` says which image ids have containers.
    pub fn usage(&self, in_use: &dyn Fn(&str) -> bool) -> Usage {
        let mut holders: BTreeMap<&str, (u64, usize, bool)> = BTreeMap::new();
        for img in self.images.values() {
            let active = in_use(&img.id);
            for (d, l) in img.diff_ids().iter().zip(&img.layers) {
                if let Some((key, _)) = self.layers.get_key_value(d.as_str()) {
                    let e = holders.entry(key.as_str()).or_insert((l.size(), 0, false));
                    e.1 += 1;
                    e.2 |= active;
                }
            }
        }
        let used = holders.values().map(|h| h.0).sum();
        let shared = holders.values().filter(|h| h.1 > 1).map(|h| h.0).sum();
        let reclaimable = holders.values().filter(|h| !h.2).map(|h| h.0).sum();
        Usage {
            used,
            shared,
            reclaimable,
        }
    }
}

/// A container that uses an image: its short id and whether it runs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    /// 12-hex id.
    pub short_id: String,
    /// Running (or paused, restarting).
    pub running: bool,
}

/// What `docker rmi` did, line by line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Removed {
    /// `Untagged: nginx:latest` (familiar form).
    Untagged(String),
    /// `Deleted: sha256:…` (an image id or a released layer's chain id).
    Deleted(String),
}

impl ImageStore {
    /// `docker rmi ARG` as moby's `ImageDelete` does it: untag a reference (deleting the
    /// image when no reference is left), or delete by id; refuses with docker's conflict
    /// texts. `users` lists the containers using an image id.
    pub fn delete(
        &mut self,
        arg: &str,
        force: bool,
        prune: bool,
        users: &dyn Fn(&str) -> Vec<User>,
    ) -> Result<Vec<Removed>, String> {
        self.rev += 1;
        let img = self.lookup(arg).map_err(|e| e.to_string())?;
        let id = img.id.clone();
        let hex = &id[7..];
        let by_id = hex.starts_with(arg) || id.starts_with(arg);
        let mut out = Vec::new();
        let short = hex[..12].to_owned();
        if !by_id {
            let named = reference::parse_normalized_named(arg).map_err(|e| e.to_string())?;
            let named = if named.digest().is_some() {
                named
            } else {
                named.tag_name_only()
            };
            // moby's isSingleReference: one repository, at most one tag (digests count as
            // the same repository's references).
            let tags = self.references(&id);
            let mut repos: BTreeSet<String> = tags.iter().map(Reference::familiar_name).collect();
            for d in &self.images[&id].repo_digests {
                repos.insert(d.split('@').next().unwrap_or_default().to_owned());
            }
            if tags.len() <= 1 && repos.len() <= 1 && !force {
                if let Some(u) = users(&id).first() {
                    return Err(format!(
                        "conflict: unable to remove repository reference \"{arg}\" (must force) - container {} is using its referenced image {short}",
                        u.short_id
                    ));
                }
            }
            if named.digest().is_some() {
                let canon = named.familiar_string();
                if let Some(img) = self.images.get_mut(&id) {
                    img.repo_digests.retain(|d| d != &canon);
                }
                out.push(Removed::Untagged(canon));
            } else {
                self.untag(&named);
                out.push(Removed::Untagged(named.familiar_string()));
                let name = named.familiar_name();
                let same_repo_tag_left = self
                    .references(&id)
                    .iter()
                    .any(|r| r.familiar_name() == name);
                if !same_repo_tag_left {
                    if let Some(img) = self.images.get_mut(&id) {
                        let (gone, keep): (Vec<String>, Vec<String>) = img
                            .repo_digests
                            .drain(..)
                            .partition(|d| d.split('@').next() == Some(name.as_str()));
                        img.repo_digests = keep;
                        out.extend(gone.into_iter().map(Removed::Untagged));
                    }
                }
            }
            if !self.references(&id).is_empty() || !self.images[&id].repo_digests.is_empty() {
                return Ok(out);
            }
        } else {
            let refs = self.references(&id);
            let repos: BTreeSet<String> = refs.iter().map(Reference::familiar_name).collect();
            let digests = self.images[&id].repo_digests.clone();
            if refs.len() > 1 && repos.len() > 1 && !force {
                return Err(format!(
                    "conflict: unable to delete {short} (must be forced) - image is referenced in multiple repositories"
                ));
            }
            if let Some(u) = users(&id).iter().find(|u| u.running) {
                return Err(format!(
                    "conflict: unable to delete {short} (cannot be forced) - image is being used by running container {}",
                    u.short_id
                ));
            }
            if !force {
                if let Some(u) = users(&id).first() {
                    return Err(format!(
                        "conflict: unable to delete {short} (must be forced) - image is being used by stopped container {}",
                        u.short_id
                    ));
                }
            }
            if !self.children(&id).is_empty() {
                return Err(format!(
                    "conflict: unable to delete {short} (cannot be forced) - image has dependent child images"
                ));
            }
            for r in refs {
                self.untag(&r);
                out.push(Removed::Untagged(r.familiar_string()));
            }
            out.extend(digests.into_iter().map(Removed::Untagged));
        }
        if users(&id).iter().any(|u| u.running) || (!force && !users(&id).is_empty()) {
            return Ok(out);
        }
        if !self.children(&id).is_empty() {
            return Ok(out);
        }
        self.delete_image(&id, prune, &mut out);
        Ok(out)
    }

    /// Removes an untagged image and the layers only it used, recording the lines.
    fn delete_image(&mut self, id: &str, prune: bool, out: &mut Vec<Removed>) {
        self.rev += 1;
        let Some(img) = self.images.remove(id) else {
            return;
        };
        out.push(Removed::Deleted(img.id.clone()));
        let diff_ids = img.diff_ids();
        let chains = chain_ids(&diff_ids);
        let used: BTreeSet<String> = self.images.values().flat_map(Image::diff_ids).collect();
        for (i, d) in diff_ids.iter().enumerate().rev() {
            if !used.contains(d) && self.layers.remove(d).is_some() {
                out.push(Removed::Deleted(chains[i].clone()));
            }
        }
        if prune {
            if let Some(parent) = img.parent {
                if self.is_dangling(&parent) && self.children(&parent).is_empty() {
                    self.delete_image(&parent, prune, out);
                }
            }
        }
    }
}

/// The chain id of a layer stack (docker prints these in `rmi`'s `Deleted:` lines).
pub fn chain_ids(diff_ids: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in diff_ids {
        let next = match out.last() {
            None => d.clone(),
            Some(prev) => Digest::of(format!("{prev} {d}").as_bytes()).to_string(),
        };
        out.push(next);
    }
    out
}

fn normalized(s: &str) -> Option<String> {
    reference::parse_normalized_named(s)
        .ok()
        .map(|r| r.tag_name_only().to_string())
}

/// How docker names a missing image: the familiar form with the tag it defaulted to.
pub fn familiar_with_tag(s: &str) -> String {
    match reference::parse_normalized_named(s) {
        Ok(r) if r.digest().is_some() => r.familiar_string(),
        Ok(r) => r.tag_name_only().familiar_string(),
        Err(_) => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fs::{Content, Meta, RwLayer};
    use serde_json::json;

    fn layer(name: &str) -> Rc<Layer> {
        let mut rw = RwLayer::new();
        rw.add_file(
            &format!("/{name}"),
            Meta::root(0o644, 0),
            Content::from(name),
        )
        .unwrap();
        Rc::new(rw.freeze())
    }

    fn image(layers: Vec<Rc<Layer>>, created: &str) -> Image {
        let diff_ids: Vec<String> = layers.iter().map(|l| l.diff_id().to_string()).collect();
        let config =
            json!({"created": created, "rootfs": {"type": "layers", "diff_ids": diff_ids}});
        let id = Digest::of(config.to_string().as_bytes()).to_string();
        Image {
            id,
            config,
            layers,
            parent: None,
            created: 0,
            last_tag_time: None,
            repo_digests: vec![],
        }
    }

    fn r(s: &str) -> Reference {
        reference::parse_docker_ref(s).unwrap()
    }

    #[test]
    fn shared_layers_are_stored_once() {
        let base = layer("base");
        let mut store = ImageStore::default();
        let a = image(vec![Rc::clone(&base), layer("a")], "1");
        let b = image(vec![layer("base"), layer("b")], "2");
        let (ida, idb) = (a.id.clone(), b.id.clone());
        store.insert(a);
        store.insert(b);
        assert_eq!(store.layer_count(), 3);
        assert!(Rc::ptr_eq(
            &store.get(&ida).unwrap().layers[0],
            &store.get(&idb).unwrap().layers[0]
        ));
        store.remove(&ida);
        assert_eq!(store.prune_layers().len(), 1);
        assert_eq!(store.layer_count(), 2);
    }

    #[test]
    fn lookups_by_reference_and_id() {
        let mut store = ImageStore::default();
        let img = image(vec![layer("x")], "1");
        let id = img.id.clone();
        store.insert(img);
        store.tag(&r("nginx"), &id, 5);
        assert_eq!(store.lookup("nginx").unwrap().id, id);
        assert_eq!(store.lookup("nginx:latest").unwrap().id, id);
        assert_eq!(store.lookup("docker.io/library/nginx").unwrap().id, id);
        assert_eq!(store.lookup(&id[7..19]).unwrap().id, id);
        assert_eq!(store.lookup(&id).unwrap().id, id);
        assert_eq!(
            store.lookup("nginx:1.0").unwrap_err().to_string(),
            "No such image: nginx:1.0"
        );
        assert_eq!(
            store.lookup("nosuch").unwrap_err().to_string(),
            "No such image: nosuch:latest"
        );
        assert_eq!(store.repo_tags(&id), vec!["nginx:latest".to_owned()]);
        assert!(!store.is_dangling(&id));
        store.untag(&r("nginx"));
        assert!(store.is_dangling(&id));
        assert_eq!(store.get(&id).unwrap().last_tag_time, Some(5));
    }

    #[test]
    fn usage_counts_shared_layers_once() {
        let base = layer("base");
        let (a, b) = (
            image(vec![Rc::clone(&base), layer("a")], "1"),
            image(vec![Rc::clone(&base), layer("bb")], "2"),
        );
        let ida = a.id.clone();
        let mut store = ImageStore::default();
        store.insert(a);
        store.insert(b);
        let (bs, la, lb) = (base.size(), 1, 2);
        let u = store.usage(&|id| id == ida);
        assert_eq!(u.used, bs + la + lb);
        assert_eq!(u.shared, bs);
        assert_eq!(u.reclaimable, lb);
        assert_eq!(store.usage(&|_| false).reclaimable, u.used);
    }

    #[test]
    fn chain_ids_follow_the_oci_rule() {
        let ids = vec!["sha256:a".to_owned(), "sha256:b".to_owned()];
        let chain = chain_ids(&ids);
        assert_eq!(chain[0], "sha256:a");
        assert_eq!(chain[1], Digest::of(b"sha256:a sha256:b").to_string());
    }
}
