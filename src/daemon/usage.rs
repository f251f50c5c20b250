//! Disk usage as `docker system df` reports it (the Engine API's `/system/df`): images with
//! their shared and unique sizes, containers' writable layers, volumes, build cache.

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;

use super::Daemon;
use crate::ports::Nanos;

/// One image's line of `/system/df`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageUsage {
    /// Full id.
    pub id: String,
    /// Familiar references, sorted (empty when dangling).
    pub repo_tags: Vec<String>,
    /// When it was created.
    pub created: Nanos,
    /// Bytes of all its layers.
    pub size: u64,
    /// Bytes of its layers that another image also holds.
    pub shared: u64,
    /// How many containers use it.
    pub containers: usize,
}

/// One container's line of `/system/df`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContainerUsage {
    /// Full id.
    pub id: String,
    /// Bytes of its writable layer.
    pub size_rw: u64,
    /// Running, paused or restarting.
    pub active: bool,
}

/// One volume's line of `/system/df`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeUsage {
    /// Its name.
    pub name: String,
    /// How many containers mount it (`LINKS`).
    pub links: usize,
    /// Bytes of its files.
    pub size: u64,
}

/// The whole of `/system/df`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DiskUsage {
    /// Bytes of all stored layers, each counted once (`LayersSize`).
    pub layers_size: u64,
    /// Images, newest first.
    pub images: Vec<ImageUsage>,
    /// Containers, newest first.
    pub containers: Vec<ContainerUsage>,
    /// Volumes, by name.
    pub volumes: Vec<VolumeUsage>,
}

impl DiskUsage {
    /// Images' RECLAIMABLE as the docker CLI computes it: the layers' size less the unique
    /// size of every image a container uses.
    pub fn images_reclaimable(&self) -> u64 {
        let used: u64 = self
            .images
            .iter()
            .filter(|i| i.containers > 0)
            .map(|i| i.size - i.shared)
            .sum();
        self.layers_size.saturating_sub(used)
    }

    /// Containers' total size: their writable layers.
    pub fn containers_size(&self) -> u64 {
        self.containers.iter().map(|c| c.size_rw).sum()
    }

    /// Volumes' total size.
    pub fn volumes_size(&self) -> u64 {
        self.volumes.iter().map(|v| v.size).sum()
    }

    /// Volumes' RECLAIMABLE: the volumes no container mounts.
    pub fn volumes_reclaimable(&self) -> u64 {
        self.volumes
            .iter()
            .filter(|v| v.links == 0)
            .map(|v| v.size)
            .sum()
    }

    /// Containers' RECLAIMABLE: the writable layers of containers not running.
    pub fn containers_reclaimable(&self) -> u64 {
        self.containers
            .iter()
            .filter(|c| !c.active)
            .map(|c| c.size_rw)
            .sum()
    }
}

impl Daemon {
    /// What `/system/df` answers.
    pub fn disk_usage(&self) -> DiskUsage {
        let mut holders: BTreeMap<String, usize> = BTreeMap::new();
        for img in self.images.iter() {
            for d in img.diff_ids() {
                *holders.entry(d).or_default() += 1;
            }
        }
        let mut images: Vec<ImageUsage> = self
            .images
            .iter()
            .map(|img| {
                let shared = img
                    .diff_ids()
                    .iter()
                    .zip(&img.layers)
                    .filter(|(d, _)| holders.get(*d).copied().unwrap_or(0) > 1)
                    .map(|(_, l)| l.size())
                    .sum();
                ImageUsage {
                    id: img.id.clone(),
                    repo_tags: self.images.repo_tags(&img.id),
                    created: img.created,
                    size: img.size(),
                    shared,
                    containers: self
                        .containers
                        .iter()
                        .filter(|c| c.image_id == img.id)
                        .count(),
                }
            })
            .collect();
        images.small_sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
        let mut ctrs: Vec<(Nanos, ContainerUsage)> = self
            .containers
            .iter()
            .map(|c| {
                (
                    c.created,
                    ContainerUsage {
                        id: c.id.clone(),
                        size_rw: c.size_rw(),
                        active: c.state.is_running(),
                    },
                )
            })
            .collect();
        ctrs.small_sort_by(|a, b| b.0.cmp(&a.0).then(b.1.id.cmp(&a.1.id)));
        DiskUsage {
            layers_size: self.images.layers_size(),
            images,
            containers: ctrs.into_iter().map(|(_, c)| c).collect(),
            volumes: self
                .volumes
                .iter()
                .map(|v| VolumeUsage {
                    name: v.name.clone(),
                    links: self.volumes.users(&v.name).len(),
                    size: v.data.borrow().size(),
                })
                .collect(),
        }
    }
}

/// `X (P%)` when there is a total, else `X` (docker's RECLAIMABLE column).
pub fn reclaimable_text(reclaimable: u64, total: u64) -> String {
    let size = crate::format::units::human_size(reclaimable as f64);
    match (reclaimable * 100).checked_div(total) {
        Some(pct) => format!("{size} ({pct}%)"),
        None => size,
    }
}

/// The `Command` docker lists for a container: the path and its arguments, those holding
/// a space in single quotes (moby's `daemon/list.go`).
pub fn list_command(c: &super::containers::Container) -> String {
    let (path, args) = c.path_and_args();
    let mut command = path;
    for a in &args {
        command.push(' ');
        if a.contains(' ') {
            command.push_str(&format!("'{a}'"));
        } else {
            command.push_str(a);
        }
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reclaimable_texts() {
        for (r, t, want) in [
            (0, 0, "0B"),
            (11_000_000, 202_700_000, "11MB (5%)"),
            (0, 1093, "0B (0%)"),
            (5, 5, "5B (100%)"),
        ] {
            assert_eq!(reclaimable_text(r, t), want);
        }
    }

    #[test]
    fn images_reclaimable_subtracts_unique_sizes_of_used_images() {
        let img = |size, shared, containers| ImageUsage {
            id: String::new(),
            repo_tags: vec![],
            created: 0,
            size,
            shared,
            containers,
        };
        let du = DiskUsage {
            layers_size: 100,
            images: vec![img(60, 20, 1), img(60, 20, 0)],
            containers: vec![],
            volumes: vec![
                VolumeUsage {
                    name: "a".into(),
                    links: 1,
                    size: 6,
                },
                VolumeUsage {
                    name: "b".into(),
                    links: 0,
                    size: 12,
                },
            ],
        };
        assert_eq!(du.images_reclaimable(), 60);
        assert_eq!((du.volumes_size(), du.volumes_reclaimable()), (18, 12));
    }
}
