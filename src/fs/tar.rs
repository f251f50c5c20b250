//! Tar streams and content addresses: a layer's diff id is the sha256 of its tar stream.
//!
//! The stream is deterministic: entries in path order (parents first, names sorted), paths
//! relative (`etc/`, `etc/passwd`), directories with a trailing `/`, ustar headers (GNU
//! long-name entries past 255 bytes), mode, uid, gid and mtime (whole seconds) as stored,
//! no user or group names. Whiteouts are written as docker writes them: an empty file
//! `.wh.NAME` (mode 0600), and `DIR/.wh..wh..opq` after an opaque directory. Digests are
//! computed by streaming into the hash, never by keeping the tar.

use std::fmt;
use std::io::{self, Read, Write};

use sha2::Digest as _;
use tar::{Archive, Builder, EntryType, Header};

use super::content::Content;
use super::errno::Errno;
use super::layer::{Layer, RwLayer};
use super::node::{Kind, Meta, Node};
use super::path::{components, display};
use super::resolve::resolve;
use super::store::Store;
use super::Fs;
use crate::ports::{Nanos, SECOND};

/// Name of the marker that makes its directory opaque in a layer tar.
pub const OPAQUE_MARKER: &str = ".wh..wh..opq";

/// Prefix of a whiteout's name in a layer tar.
pub const WHITEOUT_PREFIX: &str = ".wh.";

/// A sha256 content address, shown as `sha256:<64 hex digits>`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest([u8; 32]);

impl Digest {
    /// The sha256 of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        let mut w = HashWriter::new();
        w.update(bytes);
        w.finish().0
    }

    /// The 32 raw bytes.
    pub fn bytes(&self) -> [u8; 32] {
        self.0
    }

    /// The 64 lowercase hex digits, without `sha256:`.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The first 12 hex digits, as docker shortens ids.
    pub fn short(&self) -> String {
        self.hex()[..12].to_string()
    }

    /// Reads `sha256:<64 hex>` or bare 64 hex digits.
    pub fn parse(s: &str) -> Option<Digest> {
        let hex = s.strip_prefix("sha256:").unwrap_or(s);
        if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok()?;
        }
        Some(Digest(out))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "sha256:{}", self.hex())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

/// A writer that hashes what it is given and counts it: a tar stream's digest and size
/// without the tar.
#[derive(Clone, Debug, Default)]
pub struct HashWriter {
    hasher: sha2::Sha256,
    len: u64,
}

impl HashWriter {
    /// A fresh hash.
    pub fn new() -> HashWriter {
        HashWriter::default()
    }

    fn update(&mut self, bytes: &[u8]) {
        self.hasher.update(bytes);
        self.len += bytes.len() as u64;
    }

    /// The digest and the number of bytes hashed.
    pub fn finish(self) -> (Digest, u64) {
        let bytes: [u8; 32] = self.hasher.finalize().into();
        (Digest(bytes), self.len)
    }
}

impl Write for HashWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Counts the bytes passed to the inner writer.
struct Counting<'a> {
    inner: &'a mut dyn Write,
    written: u64,
}

impl Write for Counting<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

fn seconds(t: Nanos) -> u64 {
    u64::try_from(t.div_euclid(SECOND)).unwrap_or(0)
}

fn header(kind: EntryType, meta: &Meta, size: u64) -> Header {
    let mut h = Header::new_ustar();
    h.set_entry_type(kind);
    h.set_mode(meta.mode & 0o7777);
    h.set_uid(u64::from(meta.uid));
    h.set_gid(u64::from(meta.gid));
    h.set_mtime(seconds(meta.mtime));
    h.set_size(size);
    h
}

/// Appends one entry for `node` named `name` (relative), without its children.
fn append_entry<W: Write>(b: &mut Builder<W>, name: &str, node: &Node) -> io::Result<()> {
    match node {
        Node::File(meta, content) => {
            let mut h = header(EntryType::Regular, meta, content.len());
            b.append_data(&mut h, name, content.reader())
        }
        Node::Dir(d) => {
            let mut h = header(EntryType::Directory, &d.meta, 0);
            b.append_data(&mut h, format!("{name}/"), io::empty())?;
            if d.opaque {
                let marker = Meta {
                    mode: d.meta.mode & 0o777,
                    ..d.meta
                };
                let mut h = header(EntryType::Regular, &marker, 0);
                b.append_data(&mut h, format!("{name}/{OPAQUE_MARKER}"), io::empty())?;
            }
            Ok(())
        }
        Node::Symlink(meta, target) => {
            let mut h = header(EntryType::Symlink, meta, 0);
            b.append_link(&mut h, name, &**target)
        }
        Node::Whiteout(meta) => {
            let (dir, base) = match name.rsplit_once('/') {
                Some((dir, base)) => (format!("{dir}/"), base),
                None => (String::new(), name),
            };
            let mut h = header(
                EntryType::Regular,
                &Meta {
                    mode: 0o600,
                    ..*meta
                },
                0,
            );
            b.append_data(&mut h, format!("{dir}{WHITEOUT_PREFIX}{base}"), io::empty())
        }
    }
}

/// Writes `layer` as a tar stream; returns the bytes written.
pub fn write_layer(layer: &Layer, w: &mut dyn Write) -> io::Result<u64> {
    let mut b = Builder::new(Counting {
        inner: w,
        written: 0,
    });
    if layer.root().as_dir().is_some_and(|d| d.opaque) {
        let mut h = header(EntryType::Regular, &layer.root().meta(), 0);
        b.append_data(&mut h, OPAQUE_MARKER, io::empty())?;
    }
    let mut result = Ok(());
    layer.root().visit(&mut Vec::new(), &mut |path, node| {
        if result.is_ok() {
            result = append_entry(&mut b, &path.join("/"), node);
        }
    });
    result?;
    Ok(b.into_inner()?.written)
}

/// The diff id of `layer`: sha256 of its tar stream, streamed into the hash.
pub(crate) fn layer_digest(layer: &Layer) -> Digest {
    let mut h = HashWriter::new();
    // Writing into a hash cannot fail; an error would only come from a path the tar
    // format cannot hold, and then the digest covers what was written.
    let _ = write_layer(layer, &mut h);
    h.finish().0
}

/// Writes what `path` holds in `fs` as a flat tar stream, the way `docker export` (path
/// `/`: the root's entries, no entry for the root) and `docker cp CTR:PATH -` (the entry
/// named after the last component, then its contents) write theirs. A final link in `path`
/// is followed. Returns the bytes written.
pub fn write_fs<F: Fs + ?Sized>(fs: &F, path: &str, w: &mut dyn Write) -> io::Result<u64> {
    let r = resolve(fs, path, true).map_err(io::Error::other)?;
    if r.stat.is_none() {
        return Err(io::Error::other(Errno::ENOENT));
    }
    let mut b = Builder::new(Counting {
        inner: w,
        written: 0,
    });
    let mut parts = r.parts.clone();
    if parts.is_empty() {
        for name in fs.names(&parts) {
            parts.push(name.clone());
            write_fs_entry(fs, &mut b, &mut parts, &name)?;
            parts.pop();
        }
    } else {
        let name = parts.last().cloned().unwrap_or_default();
        write_fs_entry(fs, &mut b, &mut parts, &name)?;
    }
    Ok(b.into_inner()?.written)
}

fn write_fs_entry<F: Fs + ?Sized, W: Write>(
    fs: &F,
    b: &mut Builder<W>,
    parts: &mut Vec<String>,
    name: &str,
) -> io::Result<()> {
    let Some(st) = fs.node(parts) else {
        return Ok(());
    };
    let meta = st.meta();
    match st.kind {
        Kind::File => {
            let content = fs.content(parts).unwrap_or_default();
            append_entry(b, name, &Node::File(meta, content))
        }
        Kind::Symlink => {
            let target = fs.target(parts).unwrap_or_default();
            append_entry(b, name, &Node::Symlink(meta, target.into()))
        }
        Kind::Dir => {
            append_entry(b, name, &Node::dir(meta))?;
            for child in fs.names(parts) {
                let child_name = format!("{name}/{child}");
                parts.push(child);
                let r = write_fs_entry(fs, b, parts, &child_name);
                parts.pop();
                r?;
            }
            Ok(())
        }
    }
}

/// A tar stream that could not be read, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TarError(pub String);

impl fmt::Display for TarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TarError {}

fn tar_err(e: impl fmt::Display) -> TarError {
    TarError(e.to_string())
}

/// Reads a tar stream into a tree (`docker load`, `docker import`): `.wh.NAME` entries
/// become whiteouts, `.wh..wh..opq` makes its directory opaque, a `./` entry sets the
/// root's metadata, hard links become copies of their target (bytes shared), devices and
/// fifos are skipped. Later entries replace earlier ones, as extraction does.
pub fn read_layer(r: &mut dyn Read) -> Result<RwLayer, TarError> {
    let mut layer = RwLayer::new();
    let mut archive = Archive::new(r);
    for entry in archive.entries().map_err(tar_err)? {
        let mut entry = entry.map_err(tar_err)?;
        let raw = entry.path_bytes().into_owned();
        let path = String::from_utf8_lossy(&raw).into_owned();
        let parts: Vec<&str> = components(&path).filter(|c| *c != ".").collect();
        if parts.contains(&"..") {
            return Err(TarError(format!("invalid path in archive: {path}")));
        }
        let h = entry.header();
        // Writers that leave numeric fields blank mean zero (or the usual mode).
        let meta = Meta::new(
            h.mode().unwrap_or(0o644),
            u32::try_from(h.uid().unwrap_or(0)).unwrap_or(u32::MAX),
            u32::try_from(h.gid().unwrap_or(0)).unwrap_or(u32::MAX),
            i64::try_from(h.mtime().unwrap_or(0))
                .unwrap_or(i64::MAX / SECOND)
                .saturating_mul(SECOND),
        );
        let kind = h.entry_type();
        let full = display(&parts);
        let Some((base, _)) = parts.split_last() else {
            if kind.is_dir() {
                layer.add_dir("/", meta).map_err(tar_err)?;
            }
            continue;
        };
        let parent = super::path::parent(&full);
        if *base == OPAQUE_MARKER {
            layer.set_opaque(&parent).map_err(tar_err)?;
            continue;
        }
        if let Some(hidden) = base.strip_prefix(WHITEOUT_PREFIX) {
            let target = super::path::join(&parent, hidden);
            layer.add_whiteout(&target, meta).map_err(tar_err)?;
            continue;
        }
        let added = if kind.is_dir() {
            layer.add_dir(&full, meta)
        } else if kind.is_symlink() {
            let target = entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(&t).into_owned())
                .unwrap_or_default();
            layer.add_symlink(&full, meta, &target)
        } else if kind.is_hard_link() {
            let target = entry
                .link_name_bytes()
                .map(|t| String::from_utf8_lossy(&t).into_owned())
                .unwrap_or_default();
            let target = super::path::normalize(&target);
            let content = layer
                .content(&components(&target).map(String::from).collect::<Vec<_>>())
                .ok_or_else(|| TarError(format!("hard link target not found: {target}")))?;
            layer.add_file(&full, meta, content)
        } else if kind.is_file() || kind.is_contiguous() {
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).map_err(tar_err)?;
            layer.add_file(&full, meta, Content::from(bytes))
        } else {
            continue;
        };
        added.map_err(tar_err)?;
    }
    Ok(layer)
}
