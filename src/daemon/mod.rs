//! The Docker daemon: it owns all state and every change goes through it.

pub mod events;
pub mod names;
pub mod state;

use crate::ports::{Entropy, Nanos};
use crate::world::random_hex;

/// The daemon's state.
#[derive(Debug)]
pub struct Daemon {
    /// The daemon's identity (`docker info` ID), fixed at start.
    pub id: String,
    /// When the daemon started.
    pub started: Nanos,
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
        Daemon { id, started: now }
    }

    /// Container counts by state.
    pub fn container_counts(&self) -> ContainerCounts {
        ContainerCounts::default()
    }

    /// How many images the daemon holds.
    pub fn image_count(&self) -> usize {
        0
    }
}
