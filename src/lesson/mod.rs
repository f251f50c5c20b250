//! Lessons: the course's chapters as guided levels. A lesson is data (`lessons/*.json`):
//! texts in each language, start commands, a [`Goal`] checked against the state after every
//! command, commands it forbids, hints and a reference solution.
//!
//! ```
//! use berth::lesson::{self, Lang};
//! let all = lesson::all().unwrap_or_default();
//! let first = &all[0];
//! assert!(!first.title.get(Lang::ZhCn).is_empty());
//! let engine = berth::Engine::builder().host(first.host_kind()).build();
//! assert!(!lesson::met(&engine, &first.goal));
//! ```

pub mod facts;
mod file;
pub mod goal;
pub mod make;
pub mod picture;
#[cfg(test)]
mod tests;

pub use facts::Facts;
pub use file::{all, Forbidden, Lang, Lesson, Text, FILES};
pub use goal::Goal;

use crate::Engine;

/// Whether `goal` holds in `engine`'s state now (false while the state is being changed).
pub fn met(engine: &Engine, goal: &Goal) -> bool {
    let Ok(world) = engine.world.try_borrow() else {
        return false;
    };
    goal.holds(&Facts::of(&world))
}

/// Whether each of `goals` holds in `engine`'s state now, looked at once (all false while
/// the state is being changed).
pub fn met_each(engine: &Engine, goals: &[&Goal]) -> Vec<bool> {
    let Ok(world) = engine.world.try_borrow() else {
        return vec![false; goals.len()];
    };
    let facts = Facts::of(&world);
    goals.iter().map(|g| g.holds(&facts)).collect()
}
