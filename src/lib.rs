//! Berth: a Docker simulator. A pure-Rust engine — daemon, images, containers, volumes,
//! networks, a mock registry and a small shell — that takes real `docker` command lines and
//! answers in docker's own words.
//!
//! ```
//! let engine = berth::Engine::builder().seed(1).build();
//! let mut session = engine.session();
//! let out = session.run_line("docker --version");
//! assert_eq!(out.text(), "Docker version 27.5.1, build 9f9e405\n");
//! assert_eq!(out.status, Some(0));
//! ```

// Docker-shaped JSON (container inspect) nests deeper than serde_json's macro expands by default.
#![recursion_limit = "512"]

pub mod build;
pub mod cc;
pub mod cli;
pub mod collections;
pub mod daemon;
pub mod format;
pub mod fs;
pub mod host;
pub mod kernel;
pub mod lesson;
pub mod net;
pub mod output;
pub mod ports;
pub mod registry;
pub mod screen;
mod session;
pub mod shell;
pub mod snapshot;
pub mod sql;
mod world;

use std::cell::RefCell;
use std::rc::Rc;

pub use host::HostKind;
pub use output::{Chunk, Event, Output, Stream};
pub use ports::{Clock, Entropy, ManualClock, MemoryStorage, SeededEntropy, Storage};
pub use session::Session;
pub use world::World;

/// The simulated machine: host, daemon and registry. Cheap to share: sessions opened on it
/// see the same state.
#[derive(Clone)]
pub struct Engine {
    world: Rc<RefCell<World>>,
    kernel: Rc<RefCell<kernel::Kernel>>,
}

impl Engine {
    /// Starts configuring an engine; without changes it is a Windows host, seed 0, a manual
    /// clock at [`ManualClock::DEFAULT_START`].
    pub fn builder() -> EngineBuilder {
        EngineBuilder::default()
    }

    /// Opens a new terminal on this engine.
    pub fn session(&self) -> Session {
        Session::new(Rc::clone(&self.world), Rc::clone(&self.kernel))
    }

    /// Runs whatever is due at the clock's current time (page timers call this; sessions
    /// also do it on every line). Terminals collect their output with `Session::poll`.
    pub fn tick(&self) {
        pump(&self.world, &self.kernel);
    }

    /// The whole state as plain data (the visualizer draws it; tests check invariants on it).
    pub fn snapshot(&self) -> snapshot::Snapshot {
        snapshot::Snapshot::of(&self.world.borrow())
    }

    /// A value that moves whenever [`Engine::snapshot`] may show something new: equal
    /// revisions mean equal snapshots, so a page need not take one after a command that
    /// changed nothing (`docker ps`). Made of the revisions of the daemon's stores.
    pub fn revision(&self) -> [u64; 4] {
        let w = self.world.borrow();
        let d = &w.daemon;
        [
            d.images.revision(),
            d.containers.revision(),
            d.volumes.revision(),
            d.networks.revision(),
        ]
    }

    /// The bytes of the host file `typed` (a path as typed at the host prompt, relative to
    /// the home folder): what a page offers to download (`docker save -o file.tar`).
    pub fn host_file(&self, typed: &str) -> Option<Vec<u8>> {
        self.world
            .borrow()
            .host
            .read_file(typed)
            .ok()
            .map(|c| c.to_vec())
    }

    /// When a sleeping program next wants to run, if any.
    pub fn next_wakeup(&self) -> Option<ports::Nanos> {
        self.kernel.borrow().next_deadline()
    }
}

/// Options for a new [`Engine`].
#[derive(Default)]
pub struct EngineBuilder {
    host: HostKind,
    seed: u64,
    clock: Option<Box<dyn Clock>>,
    entropy: Option<Box<dyn Entropy>>,
}

impl EngineBuilder {
    /// The kind of host machine.
    pub fn host(mut self, host: HostKind) -> Self {
        self.host = host;
        self
    }

    /// Seeds the default entropy: the same seed gives the same ids and names.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Where time comes from (default: a [`ManualClock`]).
    pub fn clock(mut self, clock: Box<dyn Clock>) -> Self {
        self.clock = Some(clock);
        self
    }

    /// Where randomness comes from (default: [`SeededEntropy`] with the seed).
    pub fn entropy(mut self, entropy: Box<dyn Entropy>) -> Self {
        self.entropy = Some(entropy);
        self
    }

    /// Builds the engine.
    pub fn build(self) -> Engine {
        let clock = self
            .clock
            .unwrap_or_else(|| Box::new(ManualClock::default()));
        let entropy = self
            .entropy
            .unwrap_or_else(|| Box::new(SeededEntropy::new(self.seed)));
        let world = World::new(host::Host::new(self.host), clock, entropy);
        Engine {
            world: Rc::new(RefCell::new(world)),
            kernel: Rc::new(RefCell::new(kernel::Kernel::default())),
        }
    }
}

/// Runs every task that can make progress at the current time.
pub(crate) fn pump(world: &Rc<RefCell<World>>, kernel: &Rc<RefCell<kernel::Kernel>>) {
    // A container that ends can wake a client waiting for it, which can start another:
    // go round until nothing changes.
    for _ in 0..32 {
        let now = world.borrow().now();
        net::reach::publish(&mut world.borrow_mut().daemon, None);
        kernel::Kernel::run(kernel, now);
        if !world.borrow_mut().daemon.reap(kernel, now) {
            break;
        }
    }
}
