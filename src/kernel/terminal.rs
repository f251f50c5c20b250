//! A terminal (TTY) as processes see it: typed input waiting to be read, output waiting to be
//! shown, the prompt of a reader that waits for a line, and Ctrl-C / Ctrl-D.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use super::log::Log;
use crate::output::{Output, Stream};
use crate::ports::Nanos;

/// A shared terminal.
pub type Tty = Rc<RefCell<Terminal>>;

/// The state of one terminal.
#[derive(Debug, Default)]
pub struct Terminal {
    input: VecDeque<u8>,
    eof: bool,
    output: Output,
    prompt: Option<String>,
    interrupted: bool,
    log: Option<Log>,
    tee: bool,
    now: Nanos,
    columns: usize,
    /// Bytes of text in `output`.
    pending: usize,
}

/// Bytes of text a terminal holds for its front end between two looks (4 MiB). A program
/// that floods the terminal between two page updates (`docker logs -f` of a container
/// running `yes`) loses its oldest text, which a real terminal would have scrolled far
/// out of its scrollback anyway; the newest part is shown.
pub const PENDING_LIMIT: usize = 4 << 20;

/// Drops the oldest text of `out` until at most `keep` bytes remain (cutting one chunk
/// at a character boundary); the bytes left.
fn keep_newest(out: &mut Output, keep: usize) -> usize {
    let mut total: usize = out.chunks.iter().map(|c| c.text.len()).sum();
    let mut cut = 0;
    while total > keep && cut + 1 < out.chunks.len() {
        total -= out.chunks[cut].text.len();
        cut += 1;
    }
    out.chunks.drain(..cut);
    if let Some(first) = out.chunks.first_mut() {
        if total > keep {
            let mut start = total - keep;
            while !first.text.is_char_boundary(start) {
                start += 1;
            }
            first.text.drain(..start);
            total -= start;
        }
    }
    total
}

impl Terminal {
    /// A new terminal, shared.
    pub fn new_shared() -> Tty {
        Rc::new(RefCell::new(Terminal::default()))
    }

    /// A container's terminal: what processes write goes to the container's log (attached
    /// sessions follow the log), and typed lines are echoed into it as a TTY echoes them.
    pub fn new_logged(log: Log) -> Tty {
        Rc::new(RefCell::new(Terminal {
            log: Some(log),
            ..Terminal::default()
        }))
    }

    /// How many columns wide the terminal is (80 until told otherwise).
    pub fn columns(&self) -> usize {
        if self.columns == 0 {
            80
        } else {
            self.columns
        }
    }

    /// Sets the width in columns (the page measures its terminal).
    pub fn set_columns(&mut self, columns: usize) {
        self.columns = columns;
    }

    /// Attaches a container's log to this (a session's) terminal: what processes write is
    /// shown and also logged, and typed lines are echoed into the log (`docker run -it`).
    pub fn tee_into(&mut self, log: Option<Log>) {
        self.tee = log.is_some();
        self.log = log;
    }

    /// Sets the time that log entries are stamped with.
    pub fn set_now(&mut self, now: Nanos) {
        self.now = now;
    }

    /// The user typed `line` and pressed Enter.
    pub fn type_line(&mut self, line: &str) {
        self.input.extend(line.as_bytes());
        self.input.push_back(b'\n');
        self.prompt = None;
    }

    /// The user pressed Ctrl-D: the next read of an empty line sees end of file.
    pub fn type_eof(&mut self) {
        self.eof = true;
        self.prompt = None;
    }

    /// The user pressed Ctrl-C: pending input is discarded and the foreground is interrupted.
    pub fn interrupt(&mut self) {
        self.input.clear();
        self.interrupted = true;
        self.prompt = None;
    }

    /// Takes a pending Ctrl-C, if any.
    pub fn take_interrupt(&mut self) -> bool {
        std::mem::take(&mut self.interrupted)
    }

    /// Reads one typed line (with `\n`); `Some(None)` at end of file; `None` while waiting,
    /// in which case `prompt` is shown to the user.
    pub fn read_line(&mut self, prompt: &str) -> Option<Option<String>> {
        if let Some(pos) = self.input.iter().position(|&b| b == b'\n') {
            let bytes: Vec<u8> = self.input.drain(..=pos).collect();
            let line = String::from_utf8_lossy(&bytes).into_owned();
            if let Some(log) = &self.log {
                log.borrow_mut()
                    .write(self.now, Stream::Stdout, &format!("{prompt}{line}"), true);
            }
            self.prompt = None;
            return Some(Some(line));
        }
        if self.eof {
            self.eof = false;
            self.prompt = None;
            return Some(None);
        }
        self.prompt = Some(prompt.to_owned());
        None
    }

    /// The reader that waited for a line has gone (a client detached): no prompt is shown.
    pub fn cancel_read(&mut self) {
        self.prompt = None;
    }

    /// Whether a reader waits for a line, and with which prompt.
    pub fn waiting_prompt(&self) -> Option<&str> {
        self.prompt.as_deref()
    }

    /// A process writes to the terminal.
    pub fn write(&mut self, stream: Stream, text: &str) {
        if let Some(log) = &self.log {
            log.borrow_mut().write(self.now, stream, text, false);
            if !self.tee {
                return;
            }
        }
        self.output.push(stream, text);
        self.pending = self.pending.saturating_add(text.len());
        if self.pending > PENDING_LIMIT {
            self.pending = keep_newest(&mut self.output, PENDING_LIMIT / 4 * 3);
        }
    }

    /// Takes everything written since the last call.
    pub fn take_output(&mut self) -> Output {
        self.pending = 0;
        std::mem::take(&mut self.output)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `writes` (stream, bytes of `x`, then a marker) without a look; checks the
    /// bytes held and the start of the text kept.
    fn check(writes: &[(Stream, usize)], expected: (usize, &str)) {
        let t = Terminal::new_shared();
        for (i, (stream, n)) in writes.iter().enumerate() {
            t.borrow_mut()
                .write(*stream, &format!("{i}{}", "x".repeat(*n)));
        }
        let out = t.borrow_mut().take_output();
        let text = out.text();
        assert_eq!((text.len(), &text[..text.len().min(3)]), expected);
        assert!(t.borrow_mut().take_output().chunks.is_empty());
    }

    #[test]
    fn a_flooded_terminal_keeps_its_newest_text() {
        let big = PENDING_LIMIT / 2;
        check(&[(Stream::Stdout, 3)], (4, "0xx"));
        check(
            &[(Stream::Stdout, big), (Stream::Stderr, big - 4)],
            (big * 2 - 2, "0xx"),
        );
        // Past the limit: the oldest chunks go, down to three quarters of it.
        check(
            &[
                (Stream::Stdout, big),
                (Stream::Stderr, big),
                (Stream::Stdout, big),
            ],
            (big + 1, "2xx"),
        );
        check(
            &[(Stream::Stdout, PENDING_LIMIT * 2)],
            (PENDING_LIMIT / 4 * 3, "xxx"),
        );
        check(
            &[(Stream::Stdout, PENDING_LIMIT), (Stream::Stderr, 10)],
            (PENDING_LIMIT / 4 * 3 + 11, "xxx"),
        );
    }

    #[test]
    fn a_logged_terminal_writes_and_echoes_into_the_log() {
        let log = crate::kernel::log::LogBuffer::new_shared();
        let t = Terminal::new_logged(Rc::clone(&log));
        t.borrow_mut().write(Stream::Stdout, "hi\n");
        assert_eq!(t.borrow_mut().read_line("# "), None);
        t.borrow_mut().type_line("ls");
        assert_eq!(t.borrow_mut().read_line("# "), Some(Some("ls\n".into())));
        let l = log.borrow();
        assert_eq!(l.entries().len(), 2);
        assert!(!l.entries()[0].echo && l.entries()[1].echo);
        assert_eq!(l.entries()[1].text, "# ls\n");
    }

    #[test]
    fn lines_eof_and_prompt() {
        let mut t = Terminal::default();
        assert_eq!(t.read_line("# "), None);
        assert_eq!(t.waiting_prompt(), Some("# "));
        t.type_line("ls");
        assert_eq!(t.waiting_prompt(), None);
        assert_eq!(t.read_line("# "), Some(Some("ls\n".into())));
        t.type_eof();
        assert_eq!(t.read_line("# "), Some(None));
        t.write(Stream::Stdout, "x");
        assert_eq!(t.take_output().text(), "x");
        assert_eq!(t.take_output().text(), "");
    }
}
