//! A container's log: everything its processes wrote to stdout and stderr, with times.
//! `docker logs` reads it; attached terminals follow it with a cursor.

use std::cell::RefCell;
use std::rc::Rc;

use crate::output::Stream;
use crate::ports::Nanos;

/// A shared log.
pub type Log = Rc<RefCell<LogBuffer>>;

/// One write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    /// When it was written.
    pub time: Nanos,
    /// Which stream (with a TTY, everything counts as stdout).
    pub stream: Stream,
    /// The text.
    pub text: String,
    /// A terminal's echo of typed input: kept for `docker logs`, skipped by attached
    /// terminals, which echo the line themselves.
    pub echo: bool,
}

/// The entries, oldest first.
#[derive(Clone, Debug, Default)]
pub struct LogBuffer {
    entries: Vec<LogEntry>,
}

impl LogBuffer {
    /// A new empty log, shared.
    pub fn new_shared() -> Log {
        Rc::new(RefCell::new(LogBuffer::default()))
    }

    /// Appends a write, merging with the previous entry of the same stream and time.
    pub fn write(&mut self, time: Nanos, stream: Stream, text: &str, echo: bool) {
        if text.is_empty() {
            return;
        }
        if let Some(last) = self.entries.last_mut() {
            if last.time == time
                && last.stream == stream
                && last.echo == echo
                && !last.text.ends_with('\n')
            {
                last.text.push_str(text);
                return;
            }
        }
        self.entries.push(LogEntry {
            time,
            stream,
            text: text.to_owned(),
            echo,
        });
    }

    /// Every entry.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Entries from index `from` on (a follower's cursor).
    pub fn since(&self, from: usize) -> &[LogEntry] {
        self.entries.get(from..).unwrap_or(&[])
    }

    /// How many entries there are (the cursor after reading everything).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing was logged.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_merge_until_a_newline_and_cursors_follow() {
        let mut l = LogBuffer::default();
        l.write(1, Stream::Stdout, "a", false);
        l.write(1, Stream::Stdout, "b\n", false);
        l.write(1, Stream::Stdout, "c\n", false);
        l.write(2, Stream::Stderr, "e\n", false);
        assert_eq!(l.len(), 3);
        assert_eq!(l.entries()[0].text, "ab\n");
        assert_eq!(l.since(2)[0].stream, Stream::Stderr);
        assert!(l.since(9).is_empty());
    }
}
