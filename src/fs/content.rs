//! The bytes of a file: shared, never copied on copy-up, and optionally generated.
//!
//! A [`Content`] is cheap to clone (a reference count), so copying a file up from an image
//! layer into a container's layer copies a pointer, not bytes. Large image files (a 60 MB
//! `mysqld`) are described as "N bytes of deterministic filler from seed S": their size is
//! exact and their bytes can be streamed (into a tar, a hash, `head`), but they are never
//! stored.

use std::fmt;
use std::io;
use std::rc::Rc;

/// The contents of a regular file.
#[derive(Clone)]
pub struct Content(Repr);

#[derive(Clone)]
enum Repr {
    Bytes(Rc<Vec<u8>>),
    Filler {
        len: u64,
        seed: u64,
        head: Option<Rc<[u8]>>,
    },
}

/// SplitMix64's output function: one pseudo-random word per (seed, index).
fn filler_word(seed: u64, index: u64) -> u64 {
    let mut z = seed
        .wrapping_add(index.wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Fills `buf` with the bytes of a generated file (its `head`, then filler) from `offset`.
fn fill_with_head(seed: u64, head: Option<&[u8]>, offset: u64, buf: &mut [u8]) {
    let head = head.unwrap_or(&[]);
    let mut done = 0;
    if (offset as usize) < head.len() {
        let from = &head[offset as usize..];
        done = from.len().min(buf.len());
        buf[..done].copy_from_slice(&from[..done]);
    }
    if done < buf.len() {
        fill(seed, offset + done as u64, &mut buf[done..]);
    }
}

/// Fills `buf` with the filler bytes of `seed` starting at `offset`.
fn fill(seed: u64, offset: u64, buf: &mut [u8]) {
    let mut pos = offset;
    let mut i = 0;
    while i < buf.len() {
        let word = filler_word(seed, pos / 8).to_le_bytes();
        let start = (pos % 8) as usize;
        let n = (8 - start).min(buf.len() - i);
        buf[i..i + n].copy_from_slice(&word[start..start + n]);
        i += n;
        pos += n as u64;
    }
}

impl Content {
    /// An empty file.
    pub fn empty() -> Content {
        Content(Repr::Bytes(Rc::new(Vec::new())))
    }

    /// `len` bytes of deterministic filler drawn from `seed`: the same pair always gives
    /// the same bytes (and so the same layer digests), without storing them.
    pub fn filler(len: u64, seed: u64) -> Content {
        Content(Repr::Filler {
            len,
            seed,
            head: None,
        })
    }

    /// Like [`Content::filler`], but the file starts with `head` (an executable's header,
    /// which tells the shell which simulated program it is); the size stays `len`.
    pub fn filler_with_head(len: u64, seed: u64, head: &[u8]) -> Content {
        let keep = head.len().min(usize::try_from(len).unwrap_or(usize::MAX));
        Content(Repr::Filler {
            len,
            seed,
            head: Some(Rc::from(&head[..keep])),
        })
    }

    /// The size in bytes.
    pub fn len(&self) -> u64 {
        match &self.0 {
            Repr::Bytes(b) => b.len() as u64,
            Repr::Filler { len, .. } => *len,
        }
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the bytes are generated filler rather than stored.
    pub fn is_generated(&self) -> bool {
        matches!(self.0, Repr::Filler { .. })
    }

    /// The stored bytes, or `None` for generated filler (use [`Content::to_vec`] or
    /// [`Content::reader`] for those).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.0 {
            Repr::Bytes(b) => Some(b),
            Repr::Filler { .. } => None,
        }
    }

    /// All the bytes, materialized. For generated filler this allocates the full size:
    /// read large files in pieces with [`Content::slice`] or [`Content::reader`].
    pub fn to_vec(&self) -> Vec<u8> {
        match &self.0 {
            Repr::Bytes(b) => b.as_ref().clone(),
            Repr::Filler { len, seed, head } => {
                let mut v = vec![0; usize::try_from(*len).unwrap_or(usize::MAX)];
                fill_with_head(*seed, head.as_deref(), 0, &mut v);
                v
            }
        }
    }

    /// Up to `len` bytes starting at `offset` (fewer at the end of the file).
    pub fn slice(&self, offset: u64, len: usize) -> Vec<u8> {
        let total = self.len();
        if offset >= total {
            return Vec::new();
        }
        let n = (total - offset).min(len as u64) as usize;
        let mut buf = vec![0; n];
        self.read_at(offset, &mut buf);
        buf
    }

    /// Copies bytes starting at `offset` into `buf`; returns how many were copied.
    pub fn read_at(&self, offset: u64, buf: &mut [u8]) -> usize {
        let total = self.len();
        if offset >= total {
            return 0;
        }
        let n = (total - offset).min(buf.len() as u64) as usize;
        match &self.0 {
            Repr::Bytes(b) => {
                let start = offset as usize;
                buf[..n].copy_from_slice(&b[start..start + n]);
            }
            Repr::Filler { seed, head, .. } => {
                fill_with_head(*seed, head.as_deref(), offset, &mut buf[..n])
            }
        }
        n
    }

    /// A reader over the bytes, for streaming into a tar or a hash.
    pub fn reader(&self) -> ContentReader {
        ContentReader {
            content: self.clone(),
            pos: 0,
        }
    }

    /// Whether both share the same storage (the same bytes in memory, or the same filler),
    /// which is what a copy-up must produce.
    pub fn shares_storage(&self, other: &Content) -> bool {
        match (&self.0, &other.0) {
            (Repr::Bytes(a), Repr::Bytes(b)) => Rc::ptr_eq(a, b),
            (
                Repr::Filler {
                    len: l1,
                    seed: s1,
                    head: h1,
                },
                Repr::Filler {
                    len: l2,
                    seed: s2,
                    head: h2,
                },
            ) => l1 == l2 && s1 == s2 && h1 == h2,
            _ => false,
        }
    }

    /// Edits the bytes in place when this content owns them alone; otherwise copies them
    /// first (copy-on-write at the byte level), materializing filler.
    fn edit(&mut self, f: impl FnOnce(&mut Vec<u8>)) {
        match &mut self.0 {
            Repr::Bytes(b) => f(Rc::make_mut(b)),
            Repr::Filler { .. } => {
                let mut v = self.to_vec();
                f(&mut v);
                self.0 = Repr::Bytes(Rc::new(v));
            }
        }
    }

    /// Appends bytes (`>>` redirection, `echo x >> log`).
    pub fn append(&mut self, bytes: &[u8]) {
        if !bytes.is_empty() {
            self.edit(|v| v.extend_from_slice(bytes));
        }
    }

    /// Cuts or extends (with zero bytes) the file to `len` bytes. Cutting generated filler
    /// keeps it generated; extending allocates (`Fs::truncate` refuses sizes beyond
    /// [`crate::fs::MAX_FILE_BYTES`] with EFBIG).
    pub fn truncate(&mut self, len: u64) {
        if let Repr::Filler { len: l, .. } = &mut self.0 {
            if len <= *l {
                *l = len;
                return;
            }
        }
        if len == self.len() {
            return;
        }
        let len = usize::try_from(len).unwrap_or(usize::MAX);
        self.edit(|v| v.resize(len, 0));
    }
}

impl Default for Content {
    fn default() -> Self {
        Content::empty()
    }
}

impl From<Vec<u8>> for Content {
    fn from(v: Vec<u8>) -> Self {
        Content(Repr::Bytes(Rc::new(v)))
    }
}

impl From<&[u8]> for Content {
    fn from(v: &[u8]) -> Self {
        Content::from(v.to_vec())
    }
}

impl From<&str> for Content {
    fn from(v: &str) -> Self {
        Content::from(v.as_bytes().to_vec())
    }
}

impl From<String> for Content {
    fn from(v: String) -> Self {
        Content::from(v.into_bytes())
    }
}

impl PartialEq for Content {
    fn eq(&self, other: &Content) -> bool {
        if self.len() != other.len() {
            return false;
        }
        if self.shares_storage(other) {
            return true;
        }
        if let (Some(a), Some(b)) = (self.as_bytes(), other.as_bytes()) {
            return a == b;
        }
        let mut a = [0u8; 4096];
        let mut b = [0u8; 4096];
        let mut pos = 0;
        loop {
            let n = self.read_at(pos, &mut a);
            other.read_at(pos, &mut b);
            if n == 0 {
                return true;
            }
            if a[..n] != b[..n] {
                return false;
            }
            pos += n as u64;
        }
    }
}

impl Eq for Content {}

impl fmt::Debug for Content {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Bytes(b) if b.len() <= 64 => {
                write!(f, "Content({:?})", String::from_utf8_lossy(b))
            }
            Repr::Bytes(b) => write!(f, "Content({} bytes)", b.len()),
            Repr::Filler { len, seed, .. } => write!(f, "Content({len} bytes of filler {seed})"),
        }
    }
}

/// Streams a [`Content`]'s bytes.
#[derive(Debug)]
pub struct ContentReader {
    content: Content,
    pos: u64,
}

impl io::Read for ContentReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.content.read_at(self.pos, buf);
        self.pos += n as u64;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn bytes_basics() {
        let c = Content::from("hello");
        assert_eq!(c.len(), 5);
        assert_eq!(c.as_bytes(), Some(&b"hello"[..]));
        assert_eq!(c.slice(1, 3), b"ell");
        assert_eq!(c.slice(3, 100), b"lo");
        assert_eq!(c.slice(9, 1), b"");
    }

    #[test]
    fn filler_with_a_head_starts_with_it_and_keeps_its_size() {
        let c = Content::filler_with_head(100, 7, b"\x7fELF\nberth-exec:ls\n");
        assert_eq!(c.len(), 100);
        assert_eq!(&c.slice(0, 4), b"\x7fELF");
        assert_eq!(c.slice(5, 14), b"berth-exec:ls\n".to_vec());
        assert_eq!(c.slice(20, 10), Content::filler(100, 7).slice(20, 10));
        assert_eq!(c.to_vec().len(), 100);
        assert_ne!(c, Content::filler(100, 7));
        assert_eq!(Content::filler_with_head(3, 1, b"abcdef").to_vec(), b"abc");
    }

    #[test]
    fn filler_is_deterministic_and_addressable() {
        let c = Content::filler(1000, 7);
        let all = c.to_vec();
        assert_eq!(all.len(), 1000);
        assert_eq!(all, Content::filler(1000, 7).to_vec());
        assert_ne!(all, Content::filler(1000, 8).to_vec());
        for (off, len) in [(0, 1), (3, 17), (8, 8), (995, 10), (500, 0)] {
            let end = (off + len).min(1000);
            assert_eq!(c.slice(off as u64, len), all[off..end], "{off}+{len}");
        }
        let mut streamed = Vec::new();
        c.reader().read_to_end(&mut streamed).unwrap();
        assert_eq!(streamed, all);
        assert!(c.as_bytes().is_none());
        assert_eq!(c, Content::from(all));
    }

    #[test]
    fn append_copies_only_shared_bytes() {
        let a = Content::from("abc");
        let mut b = a.clone();
        assert!(a.shares_storage(&b));
        b.append(b"def");
        assert!(!a.shares_storage(&b));
        assert_eq!(a, Content::from("abc"));
        assert_eq!(b, Content::from("abcdef"));
    }

    #[test]
    fn truncate() {
        let mut f = Content::filler(100, 1);
        let head = f.slice(0, 10);
        f.truncate(10);
        assert!(f.is_generated());
        assert_eq!(f.to_vec(), head);
        f.truncate(12);
        assert!(!f.is_generated());
        assert_eq!(f.slice(10, 5), vec![0, 0]);
        let mut s = Content::from("hello");
        s.truncate(2);
        assert_eq!(s, Content::from("he"));
    }
}
