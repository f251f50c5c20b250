//! The browser's implementations of the engine's ports: the wall clock from `Date.now()` and
//! randomness seeded once from `Math.random()`; and the page's `localStorage`.

use berth::ports::Nanos;
use berth::{Clock, Entropy, SeededEntropy};

/// The browser's wall clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> Nanos {
        // Milliseconds since the epoch, with a fraction; nanoseconds fit an i64 until 2262.
        (js_sys::Date::now() * 1_000_000.0) as Nanos
    }
}

/// Ids and names that differ on every page load: a [`SeededEntropy`] whose seed the browser
/// draws once. Ids need to look random, not to be secret.
#[derive(Clone, Debug)]
pub struct BrowserEntropy {
    inner: SeededEntropy,
}

impl BrowserEntropy {
    /// Draws a seed from `Math.random()` and the clock.
    pub fn new() -> BrowserEntropy {
        let word = || (js_sys::Math::random() * 4_294_967_296.0) as u64;
        let seed = (word() << 32) ^ word() ^ (js_sys::Date::now() as u64).rotate_left(17);
        BrowserEntropy {
            inner: SeededEntropy::new(seed),
        }
    }
}

impl Default for BrowserEntropy {
    fn default() -> Self {
        BrowserEntropy::new()
    }
}

impl Entropy for BrowserEntropy {
    fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }
}

/// The page's `localStorage`, where the page keeps its saved state and language. Every call
/// tolerates a browser that refuses storage (private modes, quotas): it then keeps nothing.
pub mod storage {
    use std::rc::Rc;

    use berth::{Clock, Entropy};

    use super::{BrowserClock, BrowserEntropy};
    use crate::workspace::Wall;

    fn local() -> Option<web_sys::Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// The text stored under `key`, if any.
    pub fn load(key: &str) -> Option<String> {
        local()?.get_item(key).ok().flatten()
    }

    /// Stores `text` under `key`; returns whether the browser kept it.
    pub fn store(key: &str, text: &str) -> bool {
        local().is_some_and(|s| s.set_item(key, text).is_ok())
    }

    /// Forgets `key`.
    pub fn remove(key: &str) {
        if let Some(s) = local() {
            let _ = s.remove_item(key);
        }
    }

    /// A seed for a new engine.
    pub fn fresh_seed() -> u64 {
        BrowserEntropy::new().next_u64()
    }

    /// The browser's wall clock, for a saved page going on in real time.
    pub fn wall() -> Wall {
        Rc::new(|| BrowserClock.now())
    }
}
