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
    /// How each container was made, in the order of `containers`.
    pub setups: Vec<ContainerSetup>,
    /// Networks, mounts and links.
    pub wiring: Wiring,
}

/// One mount of a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SetupMount {
    /// `volume`, `bind` or `tmpfs`.
    pub kind: String,
    /// The volume's name (empty for a bind mount).
    pub name: String,
    /// The host path of a bind mount, as typed.
    pub source: String,
    /// The path in the container.
    pub destination: String,
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

/// How one container was made: what lesson goals ask about beyond [`ContainerView`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ContainerSetup {
    /// The container's id.
    pub id: String,
    /// The image as given at creation (`mysql:5.7`).
    pub image_ref: String,
    /// Its environment (`KEY=value`).
    pub env: Vec<String>,
    /// Its volumes, bind mounts and tmpfs, by destination.
    pub mounts: Vec<SetupMount>,
    /// The names of the networks it is attached to.
    pub networks: Vec<String>,
    /// `--network` as given (`default`, `none`, `host`, `container:web`, a name).
    pub network_mode: String,
    /// `--link`s as `target:alias`.
    pub links: Vec<String>,
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
        let setups = containers
            .iter()
            .map(|(_, c)| setup_of(world, &c.id))
            .collect();
        let order: Vec<String> = containers.iter().map(|(_, c)| c.id.clone()).collect();
        Snapshot {
            setups,
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

/// How container `id` was made.
fn setup_of(world: &World, id: &str) -> ContainerSetup {
    let d = &world.daemon;
    let Some(c) = d.containers.get(id) else {
        return ContainerSetup::default();
    };
    ContainerSetup {
        id: c.id.clone(),
        image_ref: c.config.image.clone(),
        env: c.config.env.clone(),
        mounts: d
            .volumes
            .mounts_of(id)
            .into_iter()
            .map(|m| SetupMount {
                kind: m.kind.to_owned(),
                name: m.name,
                source: m.source,
                destination: m.destination,
            })
            .collect(),
        networks: d
            .networks
            .joined(id)
            .iter()
            .map(|n| n.name.clone())
            .collect(),
        network_mode: c.host.network_mode.clone(),
        links: c.host.links.clone(),
    }
}
