//! The Docker daemon: it owns all state and every change goes through it.

pub mod events;
pub mod images;
pub mod names;
pub mod pull;
pub mod state;

use std::collections::BTreeMap;

use crate::ports::{Entropy, Nanos};
use crate::world::random_hex;
use events::{DaemonEvent, EventLog};
use images::ImageStore;

/// The daemon's state.
#[derive(Debug)]
pub struct Daemon {
    /// The daemon's identity (`docker info` ID), fixed at start.
    pub id: String,
    /// When the daemon started.
    pub started: Nanos,
    /// Images and their layers.
    pub images: ImageStore,
    /// Every change, in order.
    pub events: EventLog,
}

/// How many containers are in each state (`docker info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContainerCounts {
    /// Running (including restarting).
    pub running: usize,
    /// Paused.
    pub paused: usize,
    /// Created, exited or dead.
    pub stopped: usize,
}

impl Daemon {
    /// A daemon that has just started, with nothing in it.
    pub fn new(entropy: &mut dyn Entropy, now: Nanos) -> Daemon {
        let h = random_hex(entropy, 32);
        let id = format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        );
        Daemon {
            id,
            started: now,
            images: ImageStore::default(),
            events: EventLog::default(),
        }
    }

    /// Container counts by state.
    pub fn container_counts(&self) -> ContainerCounts {
        ContainerCounts::default()
    }

    /// How many images the daemon holds.
    pub fn image_count(&self) -> usize {
        self.images.len()
    }

    /// Records an event (`docker events`, the visualizer).
    pub fn emit(
        &mut self,
        time: Nanos,
        kind: &'static str,
        action: &str,
        actor: &str,
        attrs: &[(&str, &str)],
    ) {
        let attributes: BTreeMap<String, String> = attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.events.push(DaemonEvent {
            time,
            kind,
            action: action.to_owned(),
            actor: actor.to_owned(),
            attributes,
        });
    }
}

/// Which containers use each image (`docker rmi` conflicts). Containers arrive with the
/// container store; until then no image has users.
pub fn image_users(_world: &crate::world::World) -> impl Fn(&str) -> Vec<images::User> {
    |_id: &str| Vec::new()
}
