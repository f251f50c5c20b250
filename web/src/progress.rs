//! What the lessons panel keeps in the browser across reloads: the lessons completed (ticked
//! in the list) and the lesson in progress (reopened with its hints, solution and count; its
//! terminals come back with the saved session). Versioned like [`crate::persist`]: a record
//! this page cannot read is reported and reset.

use serde::{Deserialize, Serialize};

use crate::persist::Unreadable;

/// The version of the record's shape.
pub const VERSION: u32 = 1;

/// The `localStorage` key of the record.
pub const KEY: &str = "berth.lessons.v1";

/// The lessons' progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// [`VERSION`].
    pub version: u32,
    /// Ids of the lessons completed, in the order they were completed.
    pub done: Vec<String>,
    /// The lesson being played.
    #[serde(default)]
    pub current: Option<Current>,
}

/// The lesson in progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Current {
    /// Its id.
    pub id: String,
    /// The lesson file's text, when it is not a shipped lesson (loaded from a URL or a file,
    /// or made from the sandbox).
    #[serde(default)]
    pub source: Option<String>,
    /// How many of its start commands were typed.
    pub started: usize,
    /// The start is done.
    pub ready: bool,
    /// Lines run in every terminal when the start was done.
    pub base: u64,
    /// Hints shown.
    pub hints: usize,
    /// The solution is shown.
    pub solution: bool,
    /// The goal was reached.
    pub complete: bool,
}

impl Progress {
    /// Nothing done yet.
    pub fn new() -> Progress {
        Progress {
            version: VERSION,
            ..Progress::default()
        }
    }

    /// Records that lesson `id` was completed (once).
    pub fn complete(&mut self, id: &str) {
        if !self.done.iter().any(|d| d == id) {
            self.done.push(id.to_owned());
        }
    }

    /// Whether lesson `id` was completed.
    pub fn is_done(&self, id: &str) -> bool {
        self.done.iter().any(|d| d == id)
    }
}

/// Reads a record.
pub fn read(text: &str) -> Result<Progress, Unreadable> {
    crate::persist::read_versioned(text, VERSION)
}

/// Writes a record.
pub fn write(progress: &Progress) -> String {
    serde_json::to_string(progress).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<Vec<&str>, Unreadable>) {
        let got = read(text).map(|p| p.done);
        let want = expected.map(|d| d.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn reads_what_it_wrote_and_refuses_the_rest() {
        let mut p = Progress::new();
        p.complete("basics");
        p.complete("basics");
        p.complete("mysql");
        p.current = Some(Current {
            id: "gcc".into(),
            source: None,
            started: 2,
            ready: true,
            base: 3,
            hints: 1,
            solution: true,
            complete: false,
        });
        assert!(p.is_done("mysql") && !p.is_done("gcc"));
        assert_eq!(read(&write(&p)), Ok(p));
        check("", Err(Unreadable::Garbled));
        check("{nope", Err(Unreadable::Garbled));
        check(r#"{"version":1}"#, Err(Unreadable::Garbled));
        check(r#"{"version":2,"done":[]}"#, Err(Unreadable::Version(2)));
        check(r#"{"version":1,"done":"basics"}"#, Err(Unreadable::Garbled));
        check(r#"{"version":1,"done":["basics"]}"#, Ok(vec!["basics"]));
        check(
            r#"{"version":1,"done":[],"current":{"id":"x"}}"#,
            Err(Unreadable::Garbled),
        );
    }
}
