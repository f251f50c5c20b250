//! The mock Docker Hub's catalog: repositories (tags, descriptions, stars), images (config and
//! history), layers (file trees) and distribution packages, read from the files under
//! `catalog/` that the build embeds.
//!
//! This module only parses and checks the data; pulling, searching and running images are the
//! daemon's business. The files and their formats:
//!
//! - `hub.json`: `{"repositories": [{"name", "description", "stars", "official", "automated",
//!   "tags": {"TAG": "IMAGE-KEY", …}}, …], "updates": [{"repository", "tag", "image"}, …]}`.
//!   Repositories that only show up in `docker search` have no tags. An update is a tag that
//!   moves upstream to a newer image some time after the session starts.
//! - `images/KEY.json`: `{"created", "architecture", "os", "config": {"User", "ExposedPorts",
//!   "Env", "Cmd", "Entrypoint", "Volumes", "WorkingDir", "Labels", "StopSignal"}, "history":
//!   [{"created", "created_by", "comment", "layer": "LAYER-KEY"} or {…, "empty_layer": true}]}`;
//!   layers bottom to top, shared base layers named by the same key.
//! - `layers/KEY.layer`: one entry a line (see [`parse_layer`]).
//! - `packages/DISTRO.txt`: `package NAME VERSION SIZE`, an optional `depends NAME…` line, then
//!   the package's files as layer entries; a blank line between packages.

use crate::collections::SmallSort;
use crate::collections::{SortedMap as BTreeMap, SortedSet as BTreeSet};
use std::fmt;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::ports::{Nanos, SECOND};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/catalog_files.rs"));
}
mod lazy;

pub use lazy::{Images, Layers};

/// The programs a binary in the catalog may be (`blob … exec=NAME`): the names the shell gives
/// its simulated programs. A blob naming anything else is a catalog error.
pub const PROGRAMS: &[&str] = &[
    // shells and the multi-call binary
    "sh",
    "bash",
    "busybox",
    // coreutils and friends
    "ls",
    "cat",
    "cp",
    "mv",
    "rm",
    "mkdir",
    "rmdir",
    "touch",
    "chmod",
    "chown",
    "chgrp",
    "ln",
    "pwd",
    "echo",
    "printf",
    "head",
    "tail",
    "wc",
    "sort",
    "uniq",
    "cut",
    "tr",
    "tee",
    "date",
    "sleep",
    "env",
    "id",
    "whoami",
    "uname",
    "hostname",
    "df",
    "du",
    "stat",
    "basename",
    "dirname",
    "readlink",
    "realpath",
    "true",
    "false",
    "yes",
    "seq",
    "test",
    "[",
    "expr",
    "mktemp",
    "nproc",
    "nohup",
    "timeout",
    "md5sum",
    "sha1sum",
    "sha256sum",
    "base64",
    "dd",
    "sync",
    "tac",
    "nl",
    "od",
    "split",
    "comm",
    "paste",
    "fold",
    "install",
    "truncate",
    "mknod",
    "mkfifo",
    "dircolors",
    "stty",
    "tty",
    "groups",
    "users",
    "who",
    "chroot",
    "printenv",
    "numfmt",
    "shuf",
    "cksum",
    "factor",
    "runcon",
    "pathchk",
    "logname",
    "vdir",
    "dir",
    // text and file tools
    "grep",
    "egrep",
    "fgrep",
    "sed",
    "awk",
    "find",
    "xargs",
    "tar",
    "gzip",
    "gunzip",
    "zcat",
    "bzip2",
    "xz",
    "unxz",
    "which",
    "more",
    "less",
    "diff",
    "cmp",
    "file",
    "tree",
    "clear",
    "reset",
    "tput",
    "getent",
    "ldd",
    "ldconfig",
    "iconv",
    "locale",
    "zstd",
    // users, processes, system
    "su",
    "login",
    "passwd",
    "useradd",
    "userdel",
    "usermod",
    "groupadd",
    "groupdel",
    "adduser",
    "addgroup",
    "deluser",
    "delgroup",
    "chpasswd",
    "nologin",
    "runuser",
    "mount",
    "umount",
    "ps",
    "top",
    "kill",
    "killall",
    "pkill",
    "pgrep",
    "pidof",
    "free",
    "uptime",
    "watch",
    "vmstat",
    "w",
    "sysctl",
    "dmesg",
    "start-stop-daemon",
    "gosu",
    "tini",
    "envsubst",
    // editors
    "vi",
    "vim",
    "nano",
    // package managers
    "apt",
    "apt-get",
    "apt-cache",
    "apt-mark",
    "apt-key",
    "dpkg",
    "dpkg-query",
    "apk",
    "yum",
    "microdnf",
    "dnf",
    "rpm",
    "update-ca-certificates",
    // networking
    "ip",
    "ping",
    "ifconfig",
    "netstat",
    "route",
    "arp",
    "nc",
    "curl",
    "wget",
    "nslookup",
    "dig",
    "host",
    "ss",
    "traceroute",
    "telnet",
    "ssh",
    "scp",
    "openssl",
    "git",
    // servers and clients
    "nginx",
    "httpd",
    "apachectl",
    "htpasswd",
    "mysqld",
    "mysql",
    "mysqladmin",
    "mysqldump",
    "mysqlsh",
    "mariadbd",
    "mariadb",
    "mariadb-admin",
    "mariadb-dump",
    "postgres",
    "psql",
    "pg_ctl",
    "initdb",
    "pg_dump",
    "redis-server",
    "redis-cli",
    "redis-benchmark",
    "mongod",
    "mongos",
    "mongosh",
    "registry",
    "hello",
    // language runtimes and toolchains
    "node",
    "npm",
    "npx",
    "corepack",
    "yarn",
    "python3",
    "pip3",
    "perl",
    "gcc",
    "g++",
    "cc",
    "c++",
    "cpp",
    "ld",
    "as",
    "ar",
    "make",
    "cmake",
    "ctest",
    "cpack",
    "gdb",
    "strip",
    "objdump",
    "gfortran",
    "go",
];

/// Where a catalog file went wrong: the file (relative to `catalog/`), the line (1-based; 0
/// when unknown) and what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    /// The file, e.g. `layers/debian-bookworm-20241111.layer`.
    pub file: String,
    /// The 1-based line, or 0 when the error is about the file as a whole.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl CatalogError {
    fn new(file: &str, line: usize, message: impl Into<String>) -> Self {
        CatalogError {
            file: file.to_owned(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "catalog/{}: {}", self.file, self.message)
        } else {
            write!(f, "catalog/{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for CatalogError {}

/// The whole mock hub.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Every repository, in `hub.json` order (the order `docker search` lists them in).
    pub repositories: Vec<Repository>,
    /// Images by key (the file stem under `images/`).
    pub images: Images,
    /// Layers by key (the file stem under `layers/`), each parsed on first use.
    pub layers: Layers,
    /// Package indexes by distribution key (`debian-bookworm`, `ubuntu-noble`, `alpine-3.21`).
    pub packages: BTreeMap<String, PackageIndex>,
    /// Tags that move upstream later, in the order they happen.
    pub updates: Vec<Update>,
}

/// A repository on the hub.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    /// Full path, `library/nginx` for official images, `bitnami/mongodb` otherwise.
    pub name: String,
    /// The short description `docker search` prints.
    pub description: String,
    /// Star count.
    pub stars: u64,
    /// A Docker Official Image.
    pub official: bool,
    /// An automated build (a flag Docker Hub still reports, always false today).
    pub automated: bool,
    /// Tag → image key, in file order. Empty for repositories that are only searchable.
    pub tags: Vec<(String, String)>,
}

impl Repository {
    /// The name as `docker search` shows it: `nginx` for `library/nginx`.
    pub fn display_name(&self) -> &str {
        self.name.strip_prefix("library/").unwrap_or(&self.name)
    }

    /// The image key a tag points at (before any upstream update).
    pub fn tag(&self, tag: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(t, _)| t == tag)
            .map(|(_, key)| key.as_str())
    }

    /// Whether pulling from it can work (it has tags).
    pub fn is_pullable(&self) -> bool {
        !self.tags.is_empty()
    }
}

/// A tag that moves upstream to a newer image: pulling the tag again after the update gets
/// the new image and leaves the old one dangling.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// Full repository path, e.g. `library/alpine`.
    pub repository: String,
    /// The tag that moves.
    pub tag: String,
    /// The image key it moves to.
    pub image: String,
}

/// An image: what `docker image inspect` and `docker history` show, plus its layers.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    /// RFC 3339 creation time, as in the image config.
    pub created: String,
    /// `amd64`.
    pub architecture: String,
    /// `linux`.
    pub os: String,
    /// The image's author (old `MAINTAINER` images), if any.
    #[serde(default)]
    pub author: Option<String>,
    /// The container configuration the image carries.
    pub config: ImageConfig,
    /// Build steps, oldest first; the ones with a layer name it.
    pub history: Vec<HistorySpec>,
}

impl ImageSpec {
    /// Creation time in nanoseconds since the Unix epoch (checked when the catalog loads).
    pub fn created_nanos(&self) -> Nanos {
        parse_rfc3339(&self.created).unwrap_or(0)
    }

    /// The layer keys, bottom to top.
    pub fn layer_keys(&self) -> impl Iterator<Item = &str> {
        self.history.iter().filter_map(|h| h.layer.as_deref())
    }
}

/// An image's default container configuration (Docker's `Config` block).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ImageConfig {
    /// Default user, empty for root.
    #[serde(default)]
    pub user: String,
    /// Exposed ports, `80/tcp`.
    #[serde(default)]
    pub exposed_ports: Vec<String>,
    /// `KEY=value` pairs.
    #[serde(default)]
    pub env: Vec<String>,
    /// Default command; `None` for `null`.
    #[serde(default)]
    pub cmd: Option<Vec<String>>,
    /// Entrypoint; `None` for `null`.
    #[serde(default)]
    pub entrypoint: Option<Vec<String>>,
    /// Anonymous volumes the image declares.
    #[serde(default)]
    pub volumes: Vec<String>,
    /// Working directory, empty for `/`.
    #[serde(default)]
    pub working_dir: String,
    /// Labels (docker prints them sorted by key).
    #[serde(default)]
    pub labels: BTreeMap<String, String>,
    /// Stop signal, when not SIGTERM.
    #[serde(default)]
    pub stop_signal: Option<String>,
}

/// One build step of an image.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySpec {
    /// RFC 3339 time of the step.
    pub created: String,
    /// The instruction, exactly as docker records it.
    pub created_by: String,
    /// `buildkit.dockerfile.v0`, `debuerreotype 0.15`, or empty.
    #[serde(default)]
    pub comment: String,
    /// The step's author, if recorded.
    #[serde(default)]
    pub author: Option<String>,
    /// The layer this step made; `None` for an empty layer.
    #[serde(default)]
    pub layer: Option<String>,
    /// True when the step made no layer (ENV, CMD, …).
    #[serde(default)]
    pub empty_layer: bool,
}

impl HistorySpec {
    /// Time of the step in nanoseconds since the Unix epoch.
    pub fn created_nanos(&self) -> Nanos {
        parse_rfc3339(&self.created).unwrap_or(0)
    }
}

/// A layer: its compressed (download) size and its entries.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LayerSpec {
    /// Bytes of the gzipped tar, as a registry serves it.
    pub compressed: u64,
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

impl LayerSpec {
    /// Unpacked size as docker counts it: the bytes of every file, blob and symlink target.
    pub fn size(&self) -> u64 {
        self.entries.iter().map(Entry::size).sum()
    }
}

/// Permission bits and ownership of an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attrs {
    /// Permission bits, `0o755`, `0o1777`.
    pub mode: u32,
    /// Owner.
    pub uid: u32,
    /// Group.
    pub gid: u32,
}

/// The bytes of a file: real text, or deterministic filler standing for a binary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// Verbatim text.
    Text(String),
    /// `size` bytes generated from `seed`; an executable's begin like an ELF file.
    Filler {
        /// Length in bytes.
        size: u64,
        /// Seed of the generator (from the path).
        seed: u64,
        /// Whether to start with an ELF header.
        elf: bool,
    },
}

impl Content {
    /// Length in bytes.
    pub fn len(&self) -> u64 {
        match self {
            Content::Text(text) => text.len() as u64,
            Content::Filler { size, .. } => *size,
        }
    }

    /// Whether it has no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Copies the bytes starting at `offset` into `buf`; returns how many were copied.
    pub fn read_at(&self, offset: u64, buf: &mut [u8]) -> usize {
        let len = self.len();
        if offset >= len {
            return 0;
        }
        let n = usize::try_from((len - offset).min(buf.len() as u64)).unwrap_or(0);
        match self {
            Content::Text(text) => {
                let start = usize::try_from(offset).unwrap_or(0);
                if let Some(src) = text.as_bytes().get(start..start + n) {
                    buf[..n].copy_from_slice(src);
                }
            }
            Content::Filler { seed, elf, .. } => {
                for (i, b) in buf[..n].iter_mut().enumerate() {
                    *b = filler_byte(*seed, *elf, offset + i as u64);
                }
            }
        }
        n
    }

    /// The first `limit` bytes (all of them when shorter).
    pub fn prefix(&self, limit: usize) -> Vec<u8> {
        let n = usize::try_from(self.len()).unwrap_or(usize::MAX).min(limit);
        let mut buf = vec![0; n];
        self.read_at(0, &mut buf);
        buf
    }

    /// The text, when it is text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Content::Text(text) => Some(text),
            Content::Filler { .. } => None,
        }
    }
}

const ELF_HEADER: [u8; 16] = [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];

fn filler_byte(seed: u64, elf: bool, at: u64) -> u8 {
    if elf && at < ELF_HEADER.len() as u64 {
        return ELF_HEADER[at as usize];
    }
    // splitmix64 of (seed, block), one 8-byte block at a time.
    let mut z = seed
        .wrapping_add((at / 8).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    z.to_le_bytes()[(at % 8) as usize]
}

/// One line (or here-document) of a layer or package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Entry {
    /// `dir MODE PATH [own=UID:GID]`.
    Dir {
        /// Absolute path.
        path: String,
        /// Mode and owner.
        attrs: Attrs,
    },
    /// `file MODE PATH [own=UID:GID] = TEXT` or `… <<TAG` … `TAG`.
    File {
        /// Absolute path.
        path: String,
        /// Mode and owner.
        attrs: Attrs,
        /// The text.
        content: Content,
    },
    /// `blob MODE SIZE PATH [own=UID:GID] [exec=PROGRAM]`: a binary or library of SIZE bytes.
    Blob {
        /// Absolute path.
        path: String,
        /// Mode and owner.
        attrs: Attrs,
        /// Filler bytes.
        content: Content,
        /// The simulated program this binary is, from [`PROGRAMS`].
        exec: Option<String>,
    },
    /// `link PATH -> TARGET`: a symbolic link.
    Link {
        /// Absolute path.
        path: String,
        /// Target, relative or absolute, as stored.
        target: String,
    },
    /// `whiteout PATH`: deletes a lower layer's entry.
    Whiteout {
        /// Absolute path.
        path: String,
    },
}

impl Entry {
    /// The entry's absolute path.
    pub fn path(&self) -> &str {
        match self {
            Entry::Dir { path, .. }
            | Entry::File { path, .. }
            | Entry::Blob { path, .. }
            | Entry::Link { path, .. }
            | Entry::Whiteout { path } => path,
        }
    }

    /// Bytes it adds to a layer's size (a symlink counts its target's length, as `lstat` does).
    pub fn size(&self) -> u64 {
        match self {
            Entry::Dir { .. } | Entry::Whiteout { .. } => 0,
            Entry::File { content, .. } | Entry::Blob { content, .. } => content.len(),
            Entry::Link { target, .. } => target.len() as u64,
        }
    }

    /// The simulated program, for a blob that is one.
    pub fn exec(&self) -> Option<&str> {
        match self {
            Entry::Blob { exec, .. } => exec.as_deref(),
            _ => None,
        }
    }
}

/// A distribution's package index, for `apt-get install` and `apk add`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PackageIndex {
    /// Packages in file order.
    pub packages: Vec<Package>,
}

impl PackageIndex {
    /// The package of that name.
    pub fn package(&self, name: &str) -> Option<&Package> {
        self.packages.iter().find(|p| p.name == name)
    }
}

/// One installable package.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Package {
    /// Name, e.g. `curl`.
    pub name: String,
    /// Version, e.g. `7.88.1-10+deb12u8`.
    pub version: String,
    /// Archive (download) size in bytes.
    pub size: u64,
    /// Packages it needs, by name, in the same index.
    pub depends: Vec<String>,
    /// The files it installs.
    pub entries: Vec<Entry>,
}

impl Package {
    /// Installed size in bytes.
    pub fn installed_size(&self) -> u64 {
        self.entries.iter().map(Entry::size).sum()
    }
}

static CATALOG: OnceLock<(Catalog, Option<CatalogError>)> = OnceLock::new();

fn loaded() -> &'static (Catalog, Option<CatalogError>) {
    CATALOG.get_or_init(|| match load_with(embedded::FILES, embedded::LAZY) {
        Ok(catalog) => (catalog, None),
        Err(err) => (Catalog::default(), Some(err)),
    })
}

/// The embedded catalog, parsed on first use. If the shipped data were broken this is an
/// empty catalog and [`catalog_error`] says why; it never panics.
pub fn catalog() -> &'static Catalog {
    &loaded().0
}

/// Why the embedded catalog failed to load, if it did.
pub fn catalog_error() -> Option<&'static CatalogError> {
    loaded().1.as_ref()
}

/// The embedded files: (path relative to `catalog/`, text), layers included.
pub fn embedded_files() -> Vec<(&'static str, &'static str)> {
    let layers = embedded::LAZY.iter().map(|&(path, text)| (path, text()));
    embedded::FILES.iter().copied().chain(layers).collect()
}

impl Catalog {
    /// The repository with this full path (`library/nginx`).
    pub fn repository(&self, name: &str) -> Option<&Repository> {
        self.repositories.iter().find(|r| r.name == name)
    }

    /// The image a repository's tag points at (before updates): its key and spec.
    pub fn resolve(&self, repository: &str, tag: &str) -> Option<(&str, &ImageSpec)> {
        let key = self.repository(repository)?.tag(tag)?;
        self.images.get_key_value(key).map(|(k, v)| (k.as_str(), v))
    }

    /// The repositories `docker search TERM` finds: names containing the term
    /// (case-insensitive), an exact name first, then in hub order.
    pub fn search(&self, term: &str) -> Vec<&Repository> {
        let term = term.to_ascii_lowercase();
        let mut found: Vec<&Repository> = self
            .repositories
            .iter()
            .filter(|r| r.name.to_ascii_lowercase().contains(&term))
            .collect();
        found.small_sort_by_key(|r| r.display_name() != term);
        found
    }

    /// The layers of an image, bottom to top (missing keys are skipped; a loaded catalog has
    /// none).
    pub fn image_layers<'a>(
        &'a self,
        image: &'a ImageSpec,
    ) -> impl Iterator<Item = (&'a str, &'a LayerSpec)> {
        image
            .layer_keys()
            .filter_map(|k| self.layers.get_key_value(k).map(|(k, v)| (k.as_str(), v)))
    }

    /// An image's unpacked size: the sum of its layers' sizes.
    pub fn image_size(&self, image: &ImageSpec) -> u64 {
        self.image_layers(image).map(|(_, l)| l.size()).sum()
    }
}

/// Parses a set of catalog files (path relative to `catalog/`, text) and checks that every
/// reference resolves.
pub fn load(files: &[(&str, &str)]) -> Result<Catalog, CatalogError> {
    load_with(files, &[])
}

/// [`load`] with layers and images that are parsed on first use: (path, the function giving
/// its text). Only what is parsed at load is checked then; the catalog's tests load every
/// file with [`load`] and check it all.
fn load_with(
    files: &[(&str, &str)],
    lazy: &[(&str, lazy::Embedded)],
) -> Result<Catalog, CatalogError> {
    let mut catalog = Catalog::default();
    for &(path, text) in lazy {
        if let Some(key) = stem(path, "layers/", ".layer") {
            catalog.layers.insert_embedded(key, text);
        } else if let Some(key) = stem(path, "images/", ".json") {
            catalog.images.insert_embedded(key, text);
        } else {
            return Err(CatalogError::new(path, 0, "unexpected file in the catalog"));
        }
    }
    let mut hub_text = None;
    for &(path, text) in files {
        if path == "hub.json" {
            let hub = parse_hub(path, text)?;
            catalog.repositories = hub.0;
            catalog.updates = hub.1;
            hub_text = Some(text);
        } else if let Some(key) = stem(path, "images/", ".json") {
            catalog.images.insert_parsed(key, parse_image(path, text)?);
        } else if let Some(key) = stem(path, "layers/", ".layer") {
            catalog.layers.insert_parsed(key, parse_layer(path, text)?);
        } else if let Some(key) = stem(path, "packages/", ".txt") {
            catalog
                .packages
                .insert(key.to_owned(), parse_packages(path, text)?);
        } else if !path.ends_with(".md") && path != "digests.lock" {
            return Err(CatalogError::new(path, 0, "unexpected file in the catalog"));
        }
    }
    let hub_text = hub_text.ok_or_else(|| CatalogError::new("hub.json", 0, "missing"))?;
    check_references(&catalog, hub_text, files)?;
    Ok(catalog)
}

fn stem<'a>(path: &'a str, dir: &str, ext: &str) -> Option<&'a str> {
    let key = path.strip_prefix(dir)?.strip_suffix(ext)?;
    (!key.is_empty() && !key.contains('/')).then_some(key)
}

/// The 1-based line of the first occurrence of `needle` in `text`, or 0.
fn line_of(text: &str, needle: &str) -> usize {
    text.find(needle)
        .map(|at| text[..at].matches('\n').count() + 1)
        .unwrap_or(0)
}

fn check_references(
    catalog: &Catalog,
    hub_text: &str,
    files: &[(&str, &str)],
) -> Result<(), CatalogError> {
    let mut names = BTreeSet::new();
    for repo in &catalog.repositories {
        let at = line_of(hub_text, &format!("\"{}\"", repo.name));
        if !names.insert(repo.name.as_str()) {
            return Err(CatalogError::new(
                "hub.json",
                at,
                format!("repository {} is listed twice", repo.name),
            ));
        }
        if !valid_repository_name(&repo.name) {
            return Err(CatalogError::new(
                "hub.json",
                at,
                format!("invalid repository name {:?}", repo.name),
            ));
        }
        for (tag, key) in &repo.tags {
            if !catalog.images.contains_key(key) {
                return Err(CatalogError::new(
                    "hub.json",
                    line_of(hub_text, &format!("\"{key}\"")),
                    format!(
                        "{}:{tag} points at image {key:?}, which has no images/{key}.json",
                        repo.name
                    ),
                ));
            }
        }
    }
    for update in &catalog.updates {
        let at = line_of(hub_text, &format!("\"image\": \"{}\"", update.image));
        if catalog.repository(&update.repository).is_none() {
            return Err(CatalogError::new(
                "hub.json",
                at,
                format!("update names unknown repository {}", update.repository),
            ));
        }
        if !catalog.images.contains_key(&update.image) {
            return Err(CatalogError::new(
                "hub.json",
                at,
                format!("update names unknown image {:?}", update.image),
            ));
        }
    }
    for (key, image) in catalog.images.parsed() {
        let file = format!("images/{key}.json");
        let text = files
            .iter()
            .find(|(p, _)| *p == file)
            .map(|(_, t)| *t)
            .unwrap_or("");
        if parse_rfc3339(&image.created).is_none() {
            return Err(CatalogError::new(
                &file,
                line_of(text, "\"created\""),
                format!("bad time {:?}", image.created),
            ));
        }
        if image.history.is_empty() {
            return Err(CatalogError::new(&file, 0, "history is empty"));
        }
        for h in &image.history {
            if parse_rfc3339(&h.created).is_none() {
                return Err(CatalogError::new(
                    &file,
                    line_of(text, &h.created),
                    format!("bad time {:?}", h.created),
                ));
            }
            match (&h.layer, h.empty_layer) {
                (Some(layer), false) => {
                    if !catalog.layers.contains_key(layer) {
                        return Err(CatalogError::new(
                            &file,
                            line_of(text, &format!("\"{layer}\"")),
                            format!("layer {layer:?} has no layers/{layer}.layer"),
                        ));
                    }
                }
                (None, true) => {}
                _ => {
                    return Err(CatalogError::new(
                        &file,
                        line_of(text, &h.created_by.chars().take(30).collect::<String>()),
                        "a history step needs exactly one of \"layer\" and \"empty_layer\": true",
                    ))
                }
            }
        }
    }
    for (distro, index) in &catalog.packages {
        let file = format!("packages/{distro}.txt");
        let text = files
            .iter()
            .find(|(p, _)| *p == file)
            .map(|(_, t)| *t)
            .unwrap_or("");
        for package in &index.packages {
            for dep in &package.depends {
                if index.package(dep).is_none() {
                    return Err(CatalogError::new(
                        &file,
                        line_of(text, &format!("package {} ", package.name)),
                        format!("{} depends on unknown package {dep}", package.name),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn valid_repository_name(name: &str) -> bool {
    let mut parts = name.split('/');
    let ok_part = |p: &str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
    };
    matches!((parts.next(), parts.next(), parts.next()), (Some(a), Some(b), None) if ok_part(a) && ok_part(b))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HubFile {
    repositories: Vec<RepositoryFile>,
    #[serde(default)]
    updates: Vec<Update>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RepositoryFile {
    name: String,
    #[serde(default)]
    description: String,
    stars: u64,
    #[serde(default)]
    official: bool,
    #[serde(default)]
    automated: bool,
    #[serde(default)]
    tags: serde_json::Map<String, serde_json::Value>,
}

fn json_error(file: &str, err: &serde_json::Error) -> CatalogError {
    // serde_json's message ends with " at line L column C"; the line is reported apart.
    let message = err.to_string();
    let message = match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    };
    CatalogError::new(
        file,
        err.line(),
        format!("{message} (column {})", err.column()),
    )
}

/// Parses `hub.json`: the repositories, in file order, and the upstream updates.
pub fn parse_hub(file: &str, text: &str) -> Result<(Vec<Repository>, Vec<Update>), CatalogError> {
    let hub: HubFile = serde_json::from_str(text).map_err(|e| json_error(file, &e))?;
    let mut repositories = Vec::with_capacity(hub.repositories.len());
    for r in hub.repositories {
        let mut tags = Vec::with_capacity(r.tags.len());
        for (tag, value) in r.tags {
            match value {
                serde_json::Value::String(key) => tags.push((tag, key)),
                _ => {
                    return Err(CatalogError::new(
                        file,
                        line_of(text, &format!("\"{tag}\"")),
                        format!("tag {tag} of {} must name an image key (a string)", r.name),
                    ))
                }
            }
        }
        repositories.push(Repository {
            name: r.name,
            description: r.description,
            stars: r.stars,
            official: r.official,
            automated: r.automated,
            tags,
        });
    }
    Ok((repositories, hub.updates))
}

/// Parses one `images/KEY.json`.
pub fn parse_image(file: &str, text: &str) -> Result<ImageSpec, CatalogError> {
    serde_json::from_str(text).map_err(|e| json_error(file, &e))
}

/// Parses a layer file: a `compressed SIZE` line, then entries, one a line:
///
/// ```text
/// # comment
/// compressed 28231454
/// dir 1777 /tmp
/// file 0644 /etc/hostname = localhost
/// file 0755 /docker-entrypoint.sh <<EOF
/// #!/bin/sh
/// EOF
/// blob 0755 151344 /usr/bin/ls exec=ls
/// link /bin -> usr/bin
/// whiteout /etc/motd
/// ```
///
/// `own=UID:GID` may follow the path of `dir`, `file` and `blob`. A here-document ends at a
/// line that is exactly its tag; its text is the lines between, each ending in a newline, as
/// is the text after `= `.
pub fn parse_layer(file: &str, text: &str) -> Result<LayerSpec, CatalogError> {
    let mut lines = Lines::new(text);
    let mut compressed = None;
    let mut entries = Vec::new();
    let mut seen = BTreeSet::new();
    while let Some((n, line)) = lines.next_line() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("compressed ") {
            if compressed.is_some() {
                return Err(CatalogError::new(file, n, "second 'compressed' line"));
            }
            compressed = Some(parse_u64(file, n, rest.trim(), "compressed size")?);
            continue;
        }
        let entry = parse_entry(file, n, line, &mut lines)?;
        if !seen.insert(entry.path().to_owned()) {
            return Err(CatalogError::new(
                file,
                n,
                format!("{} appears twice in this layer", entry.path()),
            ));
        }
        entries.push(entry);
    }
    let compressed = compressed
        .ok_or_else(|| CatalogError::new(file, 0, "missing the 'compressed SIZE' line"))?;
    Ok(LayerSpec {
        compressed,
        entries,
    })
}

/// Parses a package index: packages separated by blank lines, each a `package NAME VERSION
/// SIZE` line, an optional `depends NAME…` line, and its entries in the layer format.
pub fn parse_packages(file: &str, text: &str) -> Result<PackageIndex, CatalogError> {
    let mut lines = Lines::new(text);
    let mut packages: Vec<Package> = Vec::new();
    let mut current: Option<(Package, BTreeSet<String>)> = None;
    while let Some((n, line)) = lines.next_line() {
        let trimmed = line.trim();
        if trimmed.starts_with('#') {
            continue;
        }
        if trimmed.is_empty() {
            if let Some((p, _)) = current.take() {
                packages.push(p);
            }
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("package ") {
            if current.is_some() {
                return Err(CatalogError::new(
                    file,
                    n,
                    "a blank line must end the previous package",
                ));
            }
            let words: Vec<&str> = rest.split_whitespace().collect();
            let [name, version, size] = words[..] else {
                return Err(CatalogError::new(
                    file,
                    n,
                    "expected: package NAME VERSION SIZE",
                ));
            };
            if packages.iter().any(|p| p.name == name) {
                return Err(CatalogError::new(
                    file,
                    n,
                    format!("package {name} is listed twice"),
                ));
            }
            current = Some((
                Package {
                    name: name.to_owned(),
                    version: version.to_owned(),
                    size: parse_u64(file, n, size, "package size")?,
                    depends: Vec::new(),
                    entries: Vec::new(),
                },
                BTreeSet::new(),
            ));
            continue;
        }
        let Some((package, seen)) = current.as_mut() else {
            return Err(CatalogError::new(
                file,
                n,
                "entry outside a package (expected 'package NAME VERSION SIZE')",
            ));
        };
        if let Some(rest) = trimmed.strip_prefix("depends ") {
            if !package.entries.is_empty() || !package.depends.is_empty() {
                return Err(CatalogError::new(
                    file,
                    n,
                    "'depends' must come right after the 'package' line",
                ));
            }
            package.depends = rest.split_whitespace().map(str::to_owned).collect();
            continue;
        }
        let entry = parse_entry(file, n, line, &mut lines)?;
        if !seen.insert(entry.path().to_owned()) {
            return Err(CatalogError::new(
                file,
                n,
                format!("{} appears twice in package {}", entry.path(), package.name),
            ));
        }
        package.entries.push(entry);
    }
    if let Some((p, _)) = current.take() {
        packages.push(p);
    }
    Ok(PackageIndex { packages })
}

/// Lines of a file with their 1-based numbers; keeps the position for here-documents.
struct Lines<'a> {
    rest: &'a str,
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        Lines {
            rest: text,
            number: 0,
        }
    }

    fn next_line(&mut self) -> Option<(usize, &'a str)> {
        if self.rest.is_empty() {
            return None;
        }
        self.number += 1;
        let (line, rest) = match self.rest.find('\n') {
            Some(at) => (&self.rest[..at], &self.rest[at + 1..]),
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some((self.number, line.strip_suffix('\r').unwrap_or(line)))
    }
}

/// Splits off the first whitespace-separated word.
fn word(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    if s.is_empty() {
        return None;
    }
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    Some((&s[..end], &s[end..]))
}

fn parse_u64(file: &str, n: usize, s: &str, what: &str) -> Result<u64, CatalogError> {
    s.parse()
        .map_err(|_| CatalogError::new(file, n, format!("bad {what} {s:?}")))
}

fn parse_mode(file: &str, n: usize, s: &str) -> Result<u32, CatalogError> {
    match u32::from_str_radix(s, 8) {
        Ok(mode) if mode <= 0o7777 && (3..=4).contains(&s.len()) => Ok(mode),
        _ => Err(CatalogError::new(
            file,
            n,
            format!("bad mode {s:?} (expected octal such as 0755)"),
        )),
    }
}

fn parse_path(file: &str, n: usize, s: &str) -> Result<String, CatalogError> {
    let ok = s.len() > 1
        && s.starts_with('/')
        && !s.ends_with('/')
        && s[1..]
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..");
    if ok {
        Ok(s.to_owned())
    } else {
        Err(CatalogError::new(
            file,
            n,
            format!("bad path {s:?} (absolute, normalized, not the root)"),
        ))
    }
}

/// Options after the path: `own=UID:GID` and, for blobs, `exec=PROGRAM`.
struct Options {
    attrs: Attrs,
    exec: Option<String>,
}

fn parse_options<'a>(
    file: &str,
    n: usize,
    mode: u32,
    mut rest: &'a str,
    allow_exec: bool,
    stop: &dyn Fn(&str) -> bool,
) -> Result<(Options, &'a str), CatalogError> {
    let mut opts = Options {
        attrs: Attrs {
            mode,
            uid: 0,
            gid: 0,
        },
        exec: None,
    };
    while let Some((w, after)) = word(rest) {
        if stop(w) {
            break;
        }
        if let Some(own) = w.strip_prefix("own=") {
            let parsed = own
                .split_once(':')
                .and_then(|(u, g)| Some((u.parse().ok()?, g.parse().ok()?)));
            let Some((uid, gid)) = parsed else {
                return Err(CatalogError::new(
                    file,
                    n,
                    format!("bad owner {own:?} (expected UID:GID)"),
                ));
            };
            opts.attrs.uid = uid;
            opts.attrs.gid = gid;
        } else if let (true, Some(program)) = (allow_exec, w.strip_prefix("exec=")) {
            if !PROGRAMS.contains(&program) {
                return Err(CatalogError::new(
                    file,
                    n,
                    format!("exec={program}: not a known program (see PROGRAMS)"),
                ));
            }
            opts.exec = Some(program.to_owned());
        } else {
            return Err(CatalogError::new(file, n, format!("unexpected {w:?}")));
        }
        rest = after;
    }
    Ok((opts, rest))
}

fn seed_of(path: &str) -> u64 {
    // FNV-1a.
    path.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn parse_entry(
    file: &str,
    n: usize,
    line: &str,
    lines: &mut Lines<'_>,
) -> Result<Entry, CatalogError> {
    let Some((kind, rest)) = word(line) else {
        return Err(CatalogError::new(file, n, "empty entry"));
    };
    let need = |what: &str| CatalogError::new(file, n, format!("{kind}: missing {what}"));
    match kind {
        "dir" => {
            let (mode, rest) = word(rest).ok_or_else(|| need("MODE"))?;
            let mode = parse_mode(file, n, mode)?;
            let (path, rest) = word(rest).ok_or_else(|| need("PATH"))?;
            let path = parse_path(file, n, path)?;
            let (opts, _) = parse_options(file, n, mode, rest, false, &|_| false)?;
            Ok(Entry::Dir {
                path,
                attrs: opts.attrs,
            })
        }
        "file" => {
            let (mode, rest) = word(rest).ok_or_else(|| need("MODE"))?;
            let mode = parse_mode(file, n, mode)?;
            let (path, rest) = word(rest).ok_or_else(|| need("PATH"))?;
            let path = parse_path(file, n, path)?;
            let (opts, rest) = parse_options(file, n, mode, rest, false, &|w| {
                w == "=" || w.starts_with("<<")
            })?;
            let (marker, after) = word(rest).ok_or_else(|| need("'= TEXT' or '<<TAG'"))?;
            let text = if marker == "=" {
                let mut text = after.strip_prefix(' ').unwrap_or(after).to_owned();
                text.push('\n');
                text
            } else {
                let tag = &marker[2..];
                if tag.is_empty() || !after.trim().is_empty() {
                    return Err(CatalogError::new(
                        file,
                        n,
                        "expected '<<TAG' at the end of the line",
                    ));
                }
                let mut text = String::new();
                loop {
                    match lines.next_line() {
                        Some((_, l)) if l == tag => break,
                        Some((_, l)) => {
                            text.push_str(l);
                            text.push('\n');
                        }
                        None => {
                            return Err(CatalogError::new(
                                file,
                                n,
                                format!("here-document for {path} never ends (no line {tag:?})"),
                            ))
                        }
                    }
                }
                text
            };
            Ok(Entry::File {
                path,
                attrs: opts.attrs,
                content: Content::Text(text),
            })
        }
        "blob" => {
            let (mode, rest) = word(rest).ok_or_else(|| need("MODE"))?;
            let mode = parse_mode(file, n, mode)?;
            let (size, rest) = word(rest).ok_or_else(|| need("SIZE"))?;
            let size = parse_u64(file, n, size, "size")?;
            let (path, rest) = word(rest).ok_or_else(|| need("PATH"))?;
            let path = parse_path(file, n, path)?;
            let (opts, _) = parse_options(file, n, mode, rest, true, &|_| false)?;
            let content = Content::Filler {
                size,
                seed: seed_of(&path),
                elf: mode & 0o111 != 0 || path.contains(".so"),
            };
            Ok(Entry::Blob {
                path,
                attrs: opts.attrs,
                content,
                exec: opts.exec,
            })
        }
        "link" => {
            let (path, rest) = word(rest).ok_or_else(|| need("PATH"))?;
            let path = parse_path(file, n, path)?;
            let (arrow, rest) = word(rest).ok_or_else(|| need("'->'"))?;
            let target = rest.trim();
            if arrow != "->" || target.is_empty() || target.contains(char::is_whitespace) {
                return Err(CatalogError::new(file, n, "expected: link PATH -> TARGET"));
            }
            Ok(Entry::Link {
                path,
                target: target.to_owned(),
            })
        }
        "whiteout" => {
            let (path, rest) = word(rest).ok_or_else(|| need("PATH"))?;
            if !rest.trim().is_empty() {
                return Err(CatalogError::new(file, n, "expected: whiteout PATH"));
            }
            Ok(Entry::Whiteout {
                path: parse_path(file, n, path)?,
            })
        }
        other => Err(CatalogError::new(
            file,
            n,
            format!("unknown entry kind {other:?} (dir, file, blob, link, whiteout)"),
        )),
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction]Z` into nanoseconds since the Unix epoch.
pub fn parse_rfc3339(s: &str) -> Option<Nanos> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let digits = b.get(from..from + len)?;
        digits.iter().try_fold(0i64, |acc, &d| {
            d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
        })
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut nanos = 0i64;
    let mut at = 19;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        let digits = at - start;
        if digits == 0 || digits > 9 {
            return None;
        }
        nanos = num(start, digits)? * 10i64.pow((9 - digits) as u32);
    }
    if at + 1 != b.len() || b[at] != b'Z' {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second;
    Some(secs * SECOND + nanos)
}

#[cfg(test)]
mod tests;
