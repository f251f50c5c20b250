//! Standard streams as the shell and programs use them: a shared standard input (one open
//! file description, like a Unix fd shared after `fork`), and writes that count toward the
//! job's [`Budget`] and tell the scheduler about progress in pipes.

use std::cell::RefCell;
use std::rc::Rc;

use super::budget::Budget;
use crate::kernel::pipe::Read;
use crate::kernel::{yield_now, Input, Sink, Sys, Wrote};

/// A standard input shared by every process that inherited it: reads by one advance the
/// position for all (`{ read a; read b; } < file`).
#[derive(Clone, Debug)]
pub struct Stdin(Rc<RefCell<Input>>);

/// What one attempt to read found.
enum Got<T> {
    Data(T),
    Eof,
    Wait { tty: bool },
}

impl Stdin {
    /// Wraps an input.
    pub fn new(input: Input) -> Stdin {
        Stdin(Rc::new(RefCell::new(input)))
    }

    /// `/dev/null`.
    pub fn null() -> Stdin {
        Stdin::new(Input::Null)
    }

    /// Fixed bytes (a file, a here-document).
    pub fn bytes(data: &[u8]) -> Stdin {
        Stdin::new(Input::Bytes(Rc::from(data), 0))
    }

    /// Whether it is a terminal.
    pub fn is_tty(&self) -> bool {
        self.0.try_borrow().is_ok_and(|i| i.is_tty())
    }

    /// The terminal, when it is one.
    pub fn tty(&self) -> Option<crate::kernel::terminal::Tty> {
        match &*self.0.try_borrow().ok()? {
            Input::Tty(t) => Some(Rc::clone(t)),
            _ => None,
        }
    }

    fn try_line(&self, prompt: &str) -> Got<String> {
        let Ok(mut input) = self.0.try_borrow_mut() else {
            return Got::Wait { tty: false };
        };
        match &mut *input {
            Input::Null => Got::Eof,
            Input::Bytes(bytes, pos) => {
                if *pos >= bytes.len() {
                    return Got::Eof;
                }
                let rest = &bytes[*pos..];
                let end = rest
                    .iter()
                    .position(|&b| b == b'\n')
                    .map_or(rest.len(), |p| p + 1);
                *pos += end;
                Got::Data(String::from_utf8_lossy(&rest[..end]).into_owned())
            }
            Input::Pipe(r) => match r.read_line() {
                Read::Data(d) => Got::Data(String::from_utf8_lossy(&d).into_owned()),
                Read::Eof => Got::Eof,
                Read::Empty => Got::Wait { tty: false },
            },
            Input::Tty(t) => match t
                .try_borrow_mut()
                .ok()
                .and_then(|mut t| t.read_line(prompt))
            {
                Some(Some(line)) => Got::Data(line),
                Some(None) => Got::Eof,
                None => Got::Wait { tty: true },
            },
        }
    }

    fn try_chunk(&self) -> Got<Vec<u8>> {
        let Ok(mut input) = self.0.try_borrow_mut() else {
            return Got::Wait { tty: false };
        };
        match &mut *input {
            Input::Bytes(bytes, pos) => {
                if *pos >= bytes.len() {
                    return Got::Eof;
                }
                let d = bytes[*pos..].to_vec();
                *pos = bytes.len();
                Got::Data(d)
            }
            Input::Pipe(r) => match r.read(64 * 1024) {
                Read::Data(d) => Got::Data(d),
                Read::Eof => Got::Eof,
                Read::Empty => Got::Wait { tty: false },
            },
            _ => {
                drop(input);
                match self.try_line("") {
                    Got::Data(s) => Got::Data(s.into_bytes()),
                    Got::Eof => Got::Eof,
                    Got::Wait { tty } => Got::Wait { tty },
                }
            }
        }
    }

    async fn wait<T>(
        &self,
        budget: &Budget,
        sys: &Sys,
        mut attempt: impl FnMut(&Stdin) -> Got<T>,
    ) -> Option<T> {
        loop {
            match attempt(self) {
                Got::Data(d) => {
                    budget.step(sys).await;
                    if let Ok(mut s) = sys.try_borrow_mut() {
                        s.bump();
                    }
                    return Some(d);
                }
                Got::Eof => return None,
                Got::Wait { tty } => {
                    if tty {
                        budget.reset();
                    }
                    yield_now().await;
                }
            }
        }
    }

    /// Reads one line (with its `\n` when it has one); `None` at end of file. A terminal
    /// shows `prompt` while it waits.
    pub async fn read_line(&self, prompt: &str, budget: &Budget, sys: &Sys) -> Option<String> {
        self.wait(budget, sys, |s| s.try_line(prompt)).await
    }

    /// Reads whatever is available (at least one byte); `None` at end of file.
    pub async fn read_chunk(&self, budget: &Budget, sys: &Sys) -> Option<Vec<u8>> {
        self.wait(budget, sys, Stdin::try_chunk).await
    }

    /// Reads whatever is available without waiting: `Some(Some(bytes))`, `Some(None)` at
    /// end of file, `None` when nothing is there yet.
    pub fn try_read_chunk(&self) -> Option<Option<Vec<u8>>> {
        match self.try_chunk() {
            Got::Data(d) => Some(Some(d)),
            Got::Eof => Some(None),
            Got::Wait { .. } => None,
        }
    }

    /// Reads to end of file. A program that keeps its whole input (`sort`, `tail`, `tac`)
    /// is killed once that input outgrows [`super::budget::MEMORY_LIMIT`] (`yes | sort`).
    pub async fn read_all(&self, budget: &Budget, sys: &Sys) -> Vec<u8> {
        let mut all = Vec::new();
        while let Some(d) = self.read_chunk(budget, sys).await {
            budget.hold(all.len().saturating_add(d.len())).await;
            all.extend_from_slice(&d);
        }
        all
    }
}

/// Writes to a sink, counting a step (and terminal bytes) against the budget; `false`
/// when the reader is gone (the writer should stop, as on SIGPIPE) or a file is full (the
/// redirection reports `No space left on device` when it flushes). A command substitution
/// whose output outgrows its buffer trips the budget's memory limit: the shell holding
/// that output would be the OOM killer's victim.
pub async fn write(sink: &Sink, bytes: &[u8], budget: &Budget, sys: &Sys) -> bool {
    budget.step(sys).await;
    if bytes.is_empty() {
        return true;
    }
    if sink.is_tty() {
        budget.output(bytes.len()).await;
    }
    let wrote = sink.write_all(bytes).await;
    if matches!(sink, Sink::Pipe(_)) {
        if let Ok(mut s) = sys.try_borrow_mut() {
            s.bump();
        }
    }
    if wrote == Wrote::Full && matches!(sink, Sink::Capture(_)) {
        budget.hold(usize::MAX).await;
    }
    wrote == Wrote::Done
}
