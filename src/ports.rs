//! Platform ports: the only ways time, randomness and persistence enter the engine.
//!
//! The engine never reads an OS clock or OS randomness (they compile for wasm32 and panic
//! there). Each front end hands in its own implementations; the defaults here are fully
//! deterministic, so a fixed seed and a manual clock give the same bytes for the same lines.

use crate::collections::SortedMap as BTreeMap;
use std::cell::Cell;
use std::rc::Rc;

/// Nanoseconds since the Unix epoch, UTC.
pub type Nanos = i64;

/// One second in [`Nanos`].
pub const SECOND: Nanos = 1_000_000_000;

/// Where the engine reads the current time.
pub trait Clock {
    /// The current wall-clock time.
    fn now(&self) -> Nanos;
}

/// A clock that moves only when told to. Clones share the same time, so a script runner
/// can keep one handle and advance the engine's clock from outside.
#[derive(Clone, Debug)]
pub struct ManualClock {
    now: Rc<Cell<Nanos>>,
}

impl ManualClock {
    /// 2026-11-28T09:00:00Z: the moment every deterministic session starts at.
    pub const DEFAULT_START: Nanos = 1_795_856_400 * SECOND;

    /// A clock standing at `start`.
    pub fn new(start: Nanos) -> Self {
        ManualClock {
            now: Rc::new(Cell::new(start)),
        }
    }

    /// Moves the clock forward by `by` nanoseconds (never backwards).
    pub fn advance(&self, by: Nanos) {
        self.now.set(self.now.get().saturating_add(by.max(0)));
    }

    /// Moves the clock to `to` if that is later than now.
    pub fn advance_to(&self, to: Nanos) {
        if to > self.now.get() {
            self.now.set(to);
        }
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new(Self::DEFAULT_START)
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Nanos {
        self.now.get()
    }
}

/// Where the engine draws the ids and names it invents.
pub trait Entropy {
    /// The next 64 random bits.
    fn next_u64(&mut self) -> u64;
}

/// SplitMix64: tiny, fast and good enough for ids. Not for secrets (the engine keeps none).
#[derive(Clone, Debug)]
pub struct SeededEntropy {
    state: u64,
}

impl SeededEntropy {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        SeededEntropy { state: seed }
    }
}

impl Entropy for SeededEntropy {
    fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Where the engine keeps state across page loads (key → bytes).
pub trait Storage {
    /// The bytes stored under `key`, if any.
    fn load(&self, key: &str) -> Option<Vec<u8>>;
    /// Stores `bytes` under `key`, replacing what was there.
    fn save(&mut self, key: &str, bytes: &[u8]);
    /// Forgets `key`.
    fn remove(&mut self, key: &str);
}

/// Storage that lives as long as the engine: the default, and what tests use.
#[derive(Clone, Debug, Default)]
pub struct MemoryStorage {
    items: BTreeMap<String, Vec<u8>>,
}

impl Storage for MemoryStorage {
    fn load(&self, key: &str) -> Option<Vec<u8>> {
        self.items.get(key).cloned()
    }
    fn save(&mut self, key: &str, bytes: &[u8]) {
        self.items.insert(key.to_owned(), bytes.to_vec());
    }
    fn remove(&mut self, key: &str) {
        self.items.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_entropy_is_repeatable() {
        let mut a = SeededEntropy::new(7);
        let mut b = SeededEntropy::new(7);
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs[0], xs[1]);
        assert_ne!(SeededEntropy::new(8).next_u64(), xs[0]);
    }

    #[test]
    fn manual_clock_clones_share_time_and_never_go_back() {
        let c = ManualClock::new(100);
        let d = c.clone();
        d.advance(5);
        assert_eq!(c.now(), 105);
        c.advance_to(50);
        assert_eq!(d.now(), 105);
        c.advance(-3);
        assert_eq!(c.now(), 105);
    }

    #[test]
    fn memory_storage_round_trips() {
        let mut s = MemoryStorage::default();
        assert_eq!(s.load("k"), None);
        s.save("k", b"v");
        assert_eq!(s.load("k").as_deref(), Some(&b"v"[..]));
        s.remove("k");
        assert_eq!(s.load("k"), None);
    }
}
