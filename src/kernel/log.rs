//! A container's log: what its processes wrote to stdout and stderr, with times.
//! `docker logs` reads it; attached terminals follow it with a cursor.
//!
//! docker's default `json-file` driver keeps every line on disk, forever; Berth keeps a
//! log in memory, so it keeps the newest [`LOG_LIMIT`] bytes and forgets older entries,
//! as the driver does with `--log-opt max-size=4m --log-opt max-file=1`. A container
//! running `yes` can then log all day: `docker logs --tail 2` still shows its last lines.

use std::cell::RefCell;
use std::rc::Rc;

use crate::output::Stream;
use crate::ports::Nanos;

/// Bytes of text a log keeps (4 MiB): thousands of times what a course's containers log
/// (a mysql start-up is a few KiB), small enough that many runaway containers fit.
pub const LOG_LIMIT: usize = 4 << 20;

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

/// The entries, oldest first. Cursors count every entry ever written, so dropping old
/// ones does not move a follower's place.
#[derive(Clone, Debug, Default)]
pub struct LogBuffer {
    entries: Vec<LogEntry>,
    /// How many entries were dropped from the front.
    dropped: usize,
    /// Bytes of text in `entries`.
    bytes: usize,
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
                self.bytes = self.bytes.saturating_add(text.len());
                self.trim();
                return;
            }
        }
        self.entries.push(LogEntry {
            time,
            stream,
            text: text.to_owned(),
            echo,
        });
        self.bytes = self.bytes.saturating_add(text.len());
        self.trim();
    }

    /// Forgets the oldest entries once the text passes [`LOG_LIMIT`], down to three
    /// quarters of it (so that trimming is rare); an entry longer than that on its own
    /// keeps its end.
    fn trim(&mut self) {
        if self.bytes <= LOG_LIMIT {
            return;
        }
        let target = LOG_LIMIT / 4 * 3;
        let mut cut = 0;
        while self.bytes > target && cut + 1 < self.entries.len() {
            self.bytes -= self.entries[cut].text.len();
            cut += 1;
        }
        self.entries.drain(..cut);
        self.dropped += cut;
        if let Some(only) = self.entries.first_mut() {
            if self.bytes > target {
                let mut start = only.text.len() - target;
                while !only.text.is_char_boundary(start) {
                    start += 1;
                }
                only.text.drain(..start);
                self.bytes = only.text.len();
            }
        }
    }

    /// Every entry.
    pub fn entries(&self) -> &[LogEntry] {
        &self.entries
    }

    /// Entries from index `from` on (a follower's cursor); a cursor that fell behind what
    /// the log still keeps gets everything kept.
    pub fn since(&self, from: usize) -> &[LogEntry] {
        let from = from.saturating_sub(self.dropped);
        self.entries.get(from..).unwrap_or(&[])
    }

    /// How many entries were ever written (the cursor after reading everything).
    pub fn len(&self) -> usize {
        self.dropped + self.entries.len()
    }

    /// Bytes of text the log keeps.
    pub fn bytes(&self) -> usize {
        self.bytes
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

    /// Writes `n` lines of `len` bytes (a new entry each, one second apart); checks what
    /// the log keeps: (entries kept, bytes kept, cursor, first kept text's start).
    fn check(n: usize, len: usize, expected: (usize, usize, usize, &str)) {
        let mut l = LogBuffer::default();
        let mut line = "x".repeat(len.saturating_sub(1));
        line.push('\n');
        for i in 0..n {
            let mut text = format!("{i} ");
            text.push_str(&line[text.len().min(line.len())..]);
            l.write(i as Nanos, Stream::Stdout, &text, false);
        }
        let first = l
            .entries()
            .first()
            .map_or("", |e| &e.text[..e.text.len().min(4)]);
        assert_eq!((l.entries().len(), l.bytes(), l.len(), first), expected);
        assert!(l.bytes() <= LOG_LIMIT);
    }

    #[test]
    fn a_log_keeps_its_newest_part() {
        check(3, 10, (3, 30, 3, "0 xx"));
        // 4 MiB of 1 KiB lines: all kept; one more trims to three quarters.
        check(4096, 1024, (4096, LOG_LIMIT, 4096, "0 xx"));
        check(4097, 1024, (3072, 3 << 20, 4097, "1025"));
        // One line longer than the limit keeps its end.
        check(1, LOG_LIMIT + 10, (1, 3 << 20, 1, "xxxx"));
    }

    #[test]
    fn one_growing_entry_stays_bounded() {
        let mut l = LogBuffer::default();
        let chunk = "y".repeat(4096);
        for _ in 0..2000 {
            l.write(1, Stream::Stdout, &chunk, false);
        }
        assert_eq!((l.entries().len(), l.len()), (1, 1));
        assert!(l.bytes() <= LOG_LIMIT && l.bytes() >= LOG_LIMIT / 2);
        assert_eq!(l.bytes(), l.entries()[0].text.len());
    }

    #[test]
    fn a_cursor_keeps_its_place_when_old_entries_go() {
        let mut l = LogBuffer::default();
        let line = format!("{}\n", "z".repeat(1023));
        for i in 0..4096 {
            l.write(i, Stream::Stdout, &line, false);
        }
        let cursor = l.len();
        l.write(5000, Stream::Stderr, "new\n", false);
        l.write(5001, Stream::Stderr, "newer\n", false);
        let got: Vec<&str> = l.since(cursor).iter().map(|e| e.text.as_str()).collect();
        assert_eq!(got, ["new\n", "newer\n"]);
        // A cursor older than what is kept reads from the oldest entry kept.
        assert_eq!(l.since(0).len(), l.entries().len());
    }
}
