//! The engine's whole state: the host, the daemon, and the ports time and ids come from.

use crate::daemon::Daemon;
use crate::host::Host;
use crate::ports::{Clock, Entropy, Nanos};
use crate::registry::hub::Hub;

/// Everything one engine holds. Sessions share it.
pub struct World {
    /// The simulated machine the student sits at.
    pub host: Host,
    /// The Docker daemon: images, containers, volumes, networks, events.
    pub daemon: Daemon,
    /// The registry the daemon pulls from and pushes to (the mock Docker Hub).
    pub hub: Hub,
    /// The Docker ID the client is logged in to Docker Hub as (its stored credentials).
    pub login: Option<String>,
    clock: Box<dyn Clock>,
    entropy: Box<dyn Entropy>,
}

impl World {
    /// A fresh world on `host`, reading time from `clock` and ids from `entropy`.
    pub fn new(host: Host, clock: Box<dyn Clock>, mut entropy: Box<dyn Entropy>) -> World {
        let daemon = Daemon::new(&mut *entropy, clock.now());
        World {
            host,
            daemon,
            hub: Hub::default(),
            login: None,
            clock,
            entropy,
        }
    }

    /// The current time.
    pub fn now(&self) -> Nanos {
        self.clock.now()
    }

    /// The next 64 random bits from the entropy port.
    pub fn random(&mut self) -> u64 {
        self.entropy.next_u64()
    }

    /// A random 64-hex id, as docker makes for containers, networks and volumes.
    pub fn random_id(&mut self) -> String {
        random_hex(&mut *self.entropy, 64)
    }
}

/// `len` random lowercase hex digits.
pub fn random_hex(entropy: &mut dyn Entropy, len: usize) -> String {
    let mut s = String::with_capacity(len);
    while s.len() < len {
        s.push_str(&format!("{:016x}", entropy.next_u64()));
    }
    s.truncate(len);
    s
}
