//! A serde view of the whole state — images, containers — for the visualizer, for saving and
//! restoring, and for tests that check invariants.

use crate::collections::SmallSort;
use serde::Serialize;

use crate::world::World;

mod wiring;
pub use wiring::{LinkView, MemberView, MountView, NetworkView, SharedView, Wiring};

/// The engine's state, as plain data.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snapshot {
    /// Images, oldest first.
    pub images: Vec<ImageView>,
    /// Containers, oldest first.
    pub containers: Vec<ContainerView>,
    /// How many layers the daemon stores (each once).
    pub layers: usize,
    /// Volumes, by name.
    pub volumes: Vec<VolumeView>,
    /// Networks, mounts and links.
    pub wiring: Wiring,
}

/// One volume.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct VolumeView {
    /// Its name (64 hex for an anonymous volume).
    pub name: String,
    /// Made without a name.
    pub anonymous: bool,
    /// Ids of the containers that mount it.
    pub used_by: Vec<String>,
}

/// One image.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImageView {
    /// `sha256:…`.
    pub id: String,
    /// Its tags (`nginx:latest`).
    pub tags: Vec<String>,
    /// Its layers' diff ids, bottom first.
    pub layers: Vec<String>,
    /// Bytes.
    pub size: u64,
}

/// One container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContainerView {
    /// 64 hex.
    pub id: String,
    /// Name without `/`.
    pub name: String,
    /// The image id it was created from.
    pub image: String,
    /// `created`, `running`, `exited` …
    pub state: String,
    /// Exit code (0 unless it exited otherwise).
    pub exit_code: i32,
    /// Published ports as `0.0.0.0:8080->80/tcp`.
    pub ports: Vec<String>,
}

impl Snapshot {
    /// Takes the view of `world`.
    pub fn of(world: &World) -> Snapshot {
        let d = &world.daemon;
        let mut images: Vec<ImageView> = d
            .images
            .iter()
            .map(|i| ImageView {
                id: i.id.clone(),
                tags: d.images.repo_tags(&i.id),
                layers: i.diff_ids(),
                size: i.size(),
            })
            .collect();
        images.small_sort_by(|a, b| a.id.cmp(&b.id));
        let mut containers: Vec<(i64, ContainerView)> = d
            .containers
            .iter()
            .map(|c| {
                (
                    c.created,
                    ContainerView {
                        id: c.id.clone(),
                        name: c.name.clone(),
                        image: c.image_id.clone(),
                        state: c.state.word().to_owned(),
                        exit_code: c.state.exit_code(),
                        ports: c
                            .published
                            .iter()
                            .map(|(p, ip, hp)| format!("{ip}:{hp}->{p}"))
                            .collect(),
                    },
                )
            })
            .collect();
        containers.small_sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        let order: Vec<String> = containers.iter().map(|(_, c)| c.id.clone()).collect();
        Snapshot {
            wiring: Wiring::of(world, &order),
            images,
            containers: containers.into_iter().map(|(_, c)| c).collect(),
            layers: d.images.layer_count(),
            volumes: d
                .volumes
                .iter()
                .map(|v| VolumeView {
                    name: v.name.clone(),
                    anonymous: v.anonymous,
                    used_by: d.volumes.users(&v.name),
                })
                .collect(),
        }
    }
}
