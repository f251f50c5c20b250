//! What a goal is checked against: the [`Snapshot`] of the state, and the few questions a
//! snapshot does not hold the answers to (a file's bytes, a container's changes, where a
//! name leads), answered from the world itself.

use crate::fs::Fs;
use crate::net::reach::View;
use crate::snapshot::{ContainerSetup, ContainerView, Snapshot};
use crate::world::World;

/// The most bytes of a file a goal reads (a file's head is what goals look at).
const MAX_READ: usize = 1 << 20;

/// The state at one moment, for goals to look at.
pub struct Facts<'a> {
    /// The state as plain data.
    pub snapshot: Snapshot,
    world: &'a World,
    view: View,
}

impl<'a> Facts<'a> {
    /// The facts of `world` now.
    pub fn of(world: &'a World) -> Facts<'a> {
        Facts {
            snapshot: Snapshot::of(world),
            view: View::of(&world.daemon, None),
            world,
        }
    }

    /// Every container with how it was made.
    pub fn containers(&self) -> impl Iterator<Item = (&ContainerView, &ContainerSetup)> {
        self.snapshot
            .containers
            .iter()
            .zip(self.snapshot.setups.iter())
    }

    /// The container with this full id.
    pub fn container(&self, id: &str) -> Option<(&ContainerView, &ContainerSetup)> {
        self.containers().find(|c| c.0.id == id)
    }

    /// The container with this name.
    pub fn container_by_name(&self, name: &str) -> Option<(&ContainerView, &ContainerSetup)> {
        self.containers().find(|c| c.0.name == name)
    }

    /// The head of file `path` in container `id`'s filesystem (its mounts included).
    pub fn container_file(&self, id: &str, path: &str) -> Option<Vec<u8>> {
        let c = self.world.daemon.containers.get(id)?;
        let root = c.rootfs.try_borrow().ok()?;
        let content = root.read(path).ok()?;
        Some(content.slice(0, MAX_READ))
    }

    /// The head of the host file `typed`.
    pub fn host_file(&self, typed: &str) -> Option<Vec<u8>> {
        let content = self.world.host.read_file(typed).ok()?;
        Some(content.slice(0, MAX_READ))
    }

    /// What `docker diff` lists for container `id`: (letter, path).
    pub fn changes(&self, id: &str) -> Vec<(String, String)> {
        let Some(c) = self.world.daemon.containers.get(id) else {
            return Vec::new();
        };
        let Ok(root) = c.rootfs.try_borrow() else {
            return Vec::new();
        };
        root.root()
            .diff()
            .into_iter()
            .map(|ch| (ch.kind.letter().to_string(), ch.path))
            .collect()
    }

    /// The running container that name `host` leads to from running container `from`,
    /// when `from` resolves it and can route there.
    pub fn reaches(&self, from: &str, host: &str) -> Option<String> {
        let ip = self.view.resolve(Some(from), host).ok()?;
        self.view.route(Some(from), ip).ok().flatten()
    }
}
