//! What the page saves in the browser so nothing is lost on reload: the seed the engine was
//! built with and every line typed in every tab, in order. The engine is deterministic, so
//! replaying the lines with the same seed rebuilds the same state — ids, names, layers — and
//! each terminal's scrollback and history with it. Versioned: a saved state this page cannot
//! read is reported and replaced, never a blank page.

use serde::{Deserialize, Serialize};

use berth::HostKind;

/// The version of the saved state's shape.
pub const VERSION: u32 = 1;

/// The `localStorage` key of a host's saved state (a Windows and a Linux session are kept
/// apart).
pub fn key(host: HostKind) -> String {
    let host = match host {
        HostKind::Windows => "windows",
        HostKind::Linux => "linux",
    };
    format!("berth.v{VERSION}.{host}")
}

/// One thing done in a tab, replayed in order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "lowercase")]
pub enum Op {
    /// A terminal tab was opened with this id.
    Open {
        /// The tab's id.
        tab: u32,
    },
    /// The tab was closed.
    Close {
        /// The tab's id.
        tab: u32,
    },
    /// A line was run (typed, pasted or sent by the page's handle).
    Line {
        /// The tab's id.
        tab: u32,
        /// The line.
        text: String,
    },
    /// Ctrl-C with this partial line.
    Interrupt {
        /// The tab's id.
        tab: u32,
        /// What was typed.
        text: String,
    },
    /// Ctrl-D on an empty line.
    EndOfInput {
        /// The tab's id.
        tab: u32,
    },
    /// A host file was written from the files panel (edited or uploaded).
    Write {
        /// The path as the host writes it.
        path: String,
        /// The bytes, in base64.
        data: String,
    },
}

/// The saved state.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// [`VERSION`].
    pub version: u32,
    /// The engine's seed.
    pub seed: u64,
    /// When the engine's clock started (nanoseconds since the epoch).
    pub start: i64,
    /// What was done, in order.
    pub ops: Vec<Op>,
    /// The position of the tab shown.
    pub active: usize,
}

/// Why a saved state was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unreadable {
    /// Not JSON of the right shape.
    Garbled,
    /// Saved by another version of the page.
    Version(u64),
}

/// Reads a saved state.
pub fn read(text: &str) -> Result<Saved, Unreadable> {
    read_versioned(text, VERSION)
}

/// Reads a JSON record the page keeps in the browser: refused when it is not JSON of the
/// right shape, or when its `version` is not `version`.
pub fn read_versioned<T: serde::de::DeserializeOwned>(
    text: &str,
    version: u32,
) -> Result<T, Unreadable> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| Unreadable::Garbled)?;
    match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v == u64::from(version) => {}
        Some(v) => return Err(Unreadable::Version(v)),
        None => return Err(Unreadable::Garbled),
    }
    serde_json::from_value(value).map_err(|_| Unreadable::Garbled)
}

/// Writes a saved state.
pub fn write(saved: &Saved) -> String {
    serde_json::to_string(saved).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: Result<usize, Unreadable>) {
        assert_eq!(read(text).map(|s| s.ops.len()), expected, "{text}");
    }

    #[test]
    fn reads_what_it_wrote_and_refuses_the_rest() {
        let saved = Saved {
            version: VERSION,
            seed: 7,
            start: 1,
            ops: vec![
                Op::Open { tab: 1 },
                Op::Line {
                    tab: 1,
                    text: "docker ps".into(),
                },
                Op::Interrupt {
                    tab: 1,
                    text: "dock".into(),
                },
                Op::EndOfInput { tab: 1 },
                Op::Close { tab: 1 },
                Op::Write {
                    path: "C:\\a.txt".into(),
                    data: "aGk=".into(),
                },
            ],
            active: 0,
        };
        let text = write(&saved);
        assert_eq!(read(&text), Ok(saved));
        check("", Err(Unreadable::Garbled));
        check("{garbage", Err(Unreadable::Garbled));
        check("[]", Err(Unreadable::Garbled));
        check(r#"{"version":1}"#, Err(Unreadable::Garbled));
        check(r#"{"version":99,"x":1}"#, Err(Unreadable::Version(99)));
        check(
            r#"{"version":1,"seed":1,"start":0,"ops":[{"op":"open","tab":1}],"active":0}"#,
            Ok(1),
        );
        check(
            r#"{"version":1,"seed":1,"start":0,"ops":[{"op":"fly","tab":1}],"active":0}"#,
            Err(Unreadable::Garbled),
        );
    }

    #[test]
    fn keys_are_versioned_per_host() {
        assert_eq!(key(HostKind::Windows), "berth.v1.windows");
        assert_eq!(key(HostKind::Linux), "berth.v1.linux");
    }
}
