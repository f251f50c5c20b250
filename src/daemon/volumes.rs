//! Volumes: named and anonymous trees of files the daemon keeps apart from containers, so
//! their data outlives the containers that wrote it (`/var/lib/docker/volumes/NAME/_data`).

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::rc::Rc;

use crate::fs::{Meta, RwLayer};
use crate::ports::Nanos;

/// One volume.
#[derive(Clone, Debug)]
pub struct Volume {
    /// Its name: given, or 64 random hex digits for an anonymous volume.
    pub name: String,
    /// When it was created.
    pub created: Nanos,
    /// Made without a name (`-v /path`, an image's `VOLUME`): labelled
    /// `com.docker.volume.anonymous` and removed with its container by `--rm` / `rm -v`.
    pub anonymous: bool,
    /// Its files.
    pub data: Rc<RefCell<RwLayer>>,
    /// `--label` / `volume-label` values.
    pub labels: BTreeMap<String, String>,
    /// `--opt` / `volume-opt` values.
    pub options: BTreeMap<String, String>,
    /// A `type=tmpfs` volume's files while a container mounts it.
    pub tmpfs: super::local_volume::SharedTmpfs,
}

impl Volume {
    /// Where the daemon keeps its files (`Mountpoint`, a mount's `Source`).
    pub fn mountpoint(&self) -> String {
        format!("/var/lib/docker/volumes/{}/_data", self.name)
    }

    /// Its labels, with `com.docker.volume.anonymous` on an anonymous volume.
    pub fn all_labels(&self) -> BTreeMap<String, String> {
        let mut l = self.labels.clone();
        if self.anonymous {
            l.insert("com.docker.volume.anonymous".to_owned(), String::new());
        }
        l
    }
}

/// How a container's mount is made, for `docker inspect`'s `Mounts` and for `rm -v`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MountPoint {
    /// `volume` or `bind`.
    pub kind: &'static str,
    /// The volume's name (empty for a bind mount).
    pub name: String,
    /// The path the daemon mounts from.
    pub source: String,
    /// The path in the container.
    pub destination: String,
    /// The mode text: `z` for a volume from `-v`, empty otherwise, or as given (`ro`).
    pub mode: String,
    /// Writable.
    pub rw: bool,
    /// For a bind mount, the path on the host's disk.
    pub disk: String,
}

/// Every volume, by name, and the mounts of each container.
#[derive(Debug, Default)]
pub struct VolumeStore {
    volumes: BTreeMap<String, Volume>,
    mounts: BTreeMap<String, Vec<MountPoint>>,
    /// Moves on every change (see [`VolumeStore::revision`]).
    rev: u64,
}

/// Whether `name` is a valid name for a local volume (`[a-zA-Z0-9][a-zA-Z0-9_.-]+`).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && chars.all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
}

impl VolumeStore {
    /// A number that moves whenever the store may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    /// The volume called `name`.
    pub fn get(&self, name: &str) -> Option<&Volume> {
        self.volumes.get(name)
    }

    /// All volumes, by name.
    pub fn iter(&self) -> impl Iterator<Item = &Volume> {
        self.volumes.values()
    }

    /// The volume called `name`, created empty if missing; the bool says it was created.
    pub fn get_or_create(&mut self, name: &str, anonymous: bool, now: Nanos) -> (Volume, bool) {
        self.rev += 1;
        if let Some(v) = self.volumes.get(name) {
            return (v.clone(), false);
        }
        let v = Volume {
            name: name.to_owned(),
            created: now,
            anonymous,
            data: Rc::new(RefCell::new(RwLayer::with_root(Meta::root(0o755, now)))),
            labels: BTreeMap::new(),
            options: BTreeMap::new(),
            tmpfs: Rc::default(),
        };
        self.volumes.insert(name.to_owned(), v.clone());
        (v, true)
    }

    /// Sets the labels and options of volume `name` (when it has just been created).
    pub fn configure(
        &mut self,
        name: &str,
        labels: BTreeMap<String, String>,
        options: BTreeMap<String, String>,
    ) {
        self.rev += 1;
        if let Some(v) = self.volumes.get_mut(name) {
            v.labels = labels;
            v.options = options;
        }
    }

    /// Records the mounts of container `id`.
    pub fn set_mounts(&mut self, id: &str, mounts: Vec<MountPoint>) {
        self.rev += 1;
        if mounts.is_empty() {
            self.mounts.remove(id);
        } else {
            self.mounts.insert(id.to_owned(), mounts);
        }
    }

    /// The mounts of container `id`, sorted by destination as `docker inspect` lists them.
    pub fn mounts_of(&self, id: &str) -> Vec<MountPoint> {
        let mut m = self.mounts.get(id).cloned().unwrap_or_default();
        m.small_sort_by(|a, b| a.destination.cmp(&b.destination));
        m
    }

    /// Ids of the containers that mount volume `name`.
    pub fn users(&self, name: &str) -> Vec<String> {
        self.mounts
            .iter()
            .filter(|(_, ms)| ms.iter().any(|m| m.kind == "volume" && m.name == name))
            .map(|(id, _)| id.clone())
            .collect()
    }

    /// Removes volume `name`: docker's error when it is missing or in use.
    pub fn remove(&mut self, name: &str) -> Result<Volume, String> {
        self.rev += 1;
        if !self.volumes.contains_key(name) {
            return Err(format!("get {name}: no such volume"));
        }
        let users = self.users(name);
        if !users.is_empty() {
            return Err(format!(
                "remove {name}: volume is in use - [{}]",
                users.join(", ")
            ));
        }
        self.volumes
            .remove(name)
            .ok_or_else(|| format!("get {name}: no such volume"))
    }

    /// Removes the volumes no container mounts: anonymous ones only unless `all`
    /// (`docker volume prune [-a]`). Returns each name and the bytes it held.
    pub fn prune(&mut self, all: bool) -> Vec<(String, u64)> {
        self.rev += 1;
        self.prune_where(all, &|_| true)
    }

    /// [`VolumeStore::prune`] of the volumes whose labels `keep` accepts (`--filter`).
    pub fn prune_where(
        &mut self,
        all: bool,
        keep: &dyn Fn(&BTreeMap<String, String>) -> bool,
    ) -> Vec<(String, u64)> {
        self.rev += 1;
        let unused: Vec<String> = self
            .volumes
            .values()
            .filter(|v| (all || v.anonymous) && self.users(&v.name).is_empty())
            .filter(|v| keep(&v.all_labels()))
            .map(|v| v.name.clone())
            .collect();
        unused
            .into_iter()
            .filter_map(|n| {
                let v = self.volumes.remove(&n)?;
                let size = v.data.borrow().size();
                Some((n, size))
            })
            .collect()
    }

    /// Forgets container `id`'s mounts; with `anonymous`, removes its anonymous volumes
    /// that no other container uses (`docker rm -v`, `--rm`).
    pub fn release(&mut self, id: &str, anonymous: bool) -> Vec<String> {
        self.rev += 1;
        let mounts = self.mounts.remove(id).unwrap_or_default();
        // A tmpfs volume that no container mounts any more is unmounted: its files go.
        for m in &mounts {
            if m.kind == "volume" && self.users(&m.name).is_empty() {
                if let Some(v) = self.volumes.get(&m.name) {
                    v.tmpfs.borrow_mut().take();
                }
            }
        }
        let mut removed = Vec::new();
        if anonymous {
            for m in mounts {
                let anon = self.volumes.get(&m.name).is_some_and(|v| v.anonymous);
                if m.kind == "volume" && anon && self.users(&m.name).is_empty() {
                    self.volumes.remove(&m.name);
                    removed.push(m.name);
                }
            }
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for (name, ok) in [
            ("myvol", true),
            ("my-vol_1.x", true),
            ("1", true),
            ("-x", false),
            ("", false),
            ("a/b", false),
            ("./data", false),
        ] {
            assert_eq!(valid_name(name), ok, "{name}");
        }
    }

    #[test]
    fn in_use_and_release() {
        let mut s = VolumeStore::default();
        s.get_or_create("data", false, 1);
        s.get_or_create("f00", true, 1);
        let m = |name: &str| MountPoint {
            kind: "volume",
            name: name.to_owned(),
            source: String::new(),
            destination: "/d".to_owned(),
            mode: "z".to_owned(),
            rw: true,
            disk: String::new(),
        };
        s.set_mounts("c1", vec![m("data"), m("f00")]);
        assert_eq!(
            s.remove("data").map(|v| v.name),
            Err("remove data: volume is in use - [c1]".to_owned())
        );
        assert_eq!(
            s.remove("nope").map(|v| v.name),
            Err("get nope: no such volume".to_owned())
        );
        assert_eq!(s.release("c1", true), vec!["f00".to_owned()]);
        assert!(s.get("data").is_some());
        assert_eq!(s.remove("data").map(|v| v.name), Ok("data".to_owned()));
    }
}
