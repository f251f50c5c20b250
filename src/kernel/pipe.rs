//! Byte pipes between processes, with the end-of-file and broken-pipe rules of Unix pipes.
//!
//! A pipe has a bounded buffer. Readers see end-of-file once every writer is gone; writers
//! see a broken pipe once every reader is gone. Handles count themselves: dropping the last
//! [`PipeWriter`] closes the write side, so `yes | head -1` ends as it does on Linux.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

/// How many bytes a pipe holds before writers must wait (Linux: 64 KiB).
pub const PIPE_CAPACITY: usize = 64 * 1024;

#[derive(Debug, Default)]
struct Inner {
    buf: VecDeque<u8>,
    writers: usize,
    readers: usize,
}

/// The read end of a pipe.
#[derive(Debug)]
pub struct PipeReader {
    inner: Rc<RefCell<Inner>>,
}

/// The write end of a pipe.
#[derive(Debug)]
pub struct PipeWriter {
    inner: Rc<RefCell<Inner>>,
}

/// A new pipe: one reader, one writer.
pub fn pipe() -> (PipeReader, PipeWriter) {
    let inner = Rc::new(RefCell::new(Inner {
        buf: VecDeque::new(),
        writers: 1,
        readers: 1,
    }));
    (
        PipeReader {
            inner: Rc::clone(&inner),
        },
        PipeWriter { inner },
    )
}

/// What a read found.
#[derive(Debug, PartialEq, Eq)]
pub enum Read {
    /// Some bytes.
    Data(Vec<u8>),
    /// Nothing yet; writers remain.
    Empty,
    /// Nothing, and no writer remains.
    Eof,
}

/// What a write did.
#[derive(Debug, PartialEq, Eq)]
pub enum Write {
    /// This many bytes were taken (maybe fewer than offered when the pipe is nearly full).
    Took(usize),
    /// No reader remains (EPIPE; the writer would get SIGPIPE).
    Broken,
}

impl PipeReader {
    /// Takes up to `max` buffered bytes.
    pub fn read(&self, max: usize) -> Read {
        let mut p = self.inner.borrow_mut();
        if p.buf.is_empty() {
            return if p.writers == 0 {
                Read::Eof
            } else {
                Read::Empty
            };
        }
        let n = max.min(p.buf.len());
        Read::Data(p.buf.drain(..n).collect())
    }

    /// Takes one line (with its `\n`), or the rest at end of file; `Empty` when no whole
    /// line is there yet.
    pub fn read_line(&self) -> Read {
        let mut p = self.inner.borrow_mut();
        if let Some(pos) = p.buf.iter().position(|&b| b == b'\n') {
            return Read::Data(p.buf.drain(..=pos).collect());
        }
        if p.writers == 0 {
            if p.buf.is_empty() {
                return Read::Eof;
            }
            return Read::Data(p.buf.drain(..).collect());
        }
        Read::Empty
    }

    /// Whether every writer is gone and the buffer is drained.
    pub fn at_eof(&self) -> bool {
        let p = self.inner.borrow();
        p.writers == 0 && p.buf.is_empty()
    }
}

impl PipeWriter {
    /// Offers bytes; takes as many as fit.
    pub fn write(&self, bytes: &[u8]) -> Write {
        let mut p = self.inner.borrow_mut();
        if p.readers == 0 {
            return Write::Broken;
        }
        let room = PIPE_CAPACITY.saturating_sub(p.buf.len());
        let n = room.min(bytes.len());
        p.buf.extend(&bytes[..n]);
        Write::Took(n)
    }
}

impl Clone for PipeReader {
    fn clone(&self) -> Self {
        self.inner.borrow_mut().readers += 1;
        PipeReader {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl Clone for PipeWriter {
    fn clone(&self) -> Self {
        self.inner.borrow_mut().writers += 1;
        PipeWriter {
            inner: Rc::clone(&self.inner),
        }
    }
}

impl Drop for PipeReader {
    fn drop(&mut self) {
        if let Ok(mut p) = self.inner.try_borrow_mut() {
            p.readers = p.readers.saturating_sub(1);
            if p.readers == 0 {
                p.buf.clear();
            }
        }
    }
}

impl Drop for PipeWriter {
    fn drop(&mut self) {
        if let Ok(mut p) = self.inner.try_borrow_mut() {
            p.writers = p.writers.saturating_sub(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eof_after_last_writer_drops() {
        let (r, w) = pipe();
        let w2 = w.clone();
        assert_eq!(w.write(b"a\nb"), Write::Took(3));
        drop(w);
        assert_eq!(r.read_line(), Read::Data(b"a\n".to_vec()));
        assert_eq!(r.read_line(), Read::Empty);
        drop(w2);
        assert_eq!(r.read_line(), Read::Data(b"b".to_vec()));
        assert_eq!(r.read_line(), Read::Eof);
        assert!(r.at_eof());
    }

    #[test]
    fn broken_after_last_reader_drops_and_capacity_is_bounded() {
        let (r, w) = pipe();
        let big = vec![b'y'; PIPE_CAPACITY + 10];
        assert_eq!(w.write(&big), Write::Took(PIPE_CAPACITY));
        assert_eq!(w.write(b"more"), Write::Took(0));
        assert!(matches!(r.read(5), Read::Data(d) if d.len() == 5));
        drop(r);
        assert_eq!(w.write(b"x"), Write::Broken);
    }
}
