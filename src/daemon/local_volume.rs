//! The `local` volume driver's options (`docker volume create -o`, `--mount volume-opt=`)
//! and tmpfs mount options (`--tmpfs /x:size=1m`, `--mount type=tmpfs,tmpfs-size=…`),
//! checked as the driver and the kernel check them and mounted as they ask: a tmpfs holds at
//! most its `size` (then `No space left on device`), `type=none,o=bind,device=PATH` binds a
//! folder of the machine running the daemon, and other file system types fail to mount with
//! the kernel's error, as they do on a machine that has no such device.

use std::cell::RefCell;
use std::rc::Rc;

use crate::collections::SortedMap as BTreeMap;
use crate::fs::{Access, Capped, Fs, Meta};
use crate::host::{paths, HostKind};
use crate::ports::Nanos;

/// The memory of the machine running the daemon, in bytes (what a tmpfs's `size=N%` is
/// a share of; a tmpfs without `size=` may hold half of it).
pub const MEMORY_BYTES: u64 = 8_152_528 * 1024;

/// What a tmpfs mount asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TmpfsOptions {
    /// The most its files may hold, in bytes.
    pub size: u64,
    /// The root directory's permission bits.
    pub mode: u32,
    /// The root directory's owner.
    pub uid: u32,
    /// The root directory's group.
    pub gid: u32,
    /// Mounted read-only (`ro`).
    pub read_only: bool,
}

impl Default for TmpfsOptions {
    fn default() -> Self {
        TmpfsOptions {
            size: MEMORY_BYTES / 2,
            mode: 0o1777,
            uid: 0,
            gid: 0,
            read_only: false,
        }
    }
}

impl TmpfsOptions {
    /// A new, empty file system with these options, and how to mount it.
    pub fn make(&self, now: Nanos) -> (Rc<RefCell<Capped>>, Access) {
        let root = Meta::new(self.mode, self.uid, self.gid, now);
        let access = if self.read_only {
            Access::ReadOnly
        } else {
            Access::ReadWrite
        };
        (Rc::new(RefCell::new(Capped::new(root, self.size))), access)
    }
}

/// Why tmpfs options were refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TmpfsError {
    /// The daemon's check (`Invalid tmpfs option ["x"]`): the whole message.
    Daemon(String),
    /// The kernel refuses the mount (`EINVAL`).
    Kernel,
    /// An option Berth does not simulate: its name.
    Unsimulated(String),
}

/// Mount flags a tmpfs takes without an effect here: a container has no device files,
/// set-uid programs or access times to show.
const NEUTRAL_FLAGS: &[&str] = &[
    "rw",
    "nosuid",
    "suid",
    "nodev",
    "dev",
    "exec",
    "atime",
    "noatime",
    "relatime",
    "norelatime",
    "strictatime",
    "nostrictatime",
    "diratime",
    "nodiratime",
    "sync",
    "async",
    "dirsync",
    "mand",
    "nomand",
    "private",
    "rprivate",
    "shared",
    "rshared",
    "slave",
    "rslave",
];

/// Parses tmpfs options (`size=64m,mode=1777,ro`) as the daemon checks them and the kernel
/// reads them.
pub fn parse_tmpfs(text: &str) -> Result<TmpfsOptions, TmpfsError> {
    let mut o = TmpfsOptions::default();
    for opt in text.split(',').filter(|s| !s.is_empty()) {
        let (key, val) = match opt.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (opt, None),
        };
        match (key, val) {
            ("ro", None) => o.read_only = true,
            (flag, None) if NEUTRAL_FLAGS.contains(&flag) => {}
            ("noexec", None) | ("nr_inodes" | "mpol", Some(_)) => {
                return Err(TmpfsError::Unsimulated(key.to_owned()))
            }
            ("size", Some(v)) => o.size = kernel_size(v).ok_or(TmpfsError::Kernel)?,
            ("nr_blocks", Some(v)) => {
                o.size = kernel_size(v)
                    .and_then(|n| n.checked_mul(4096))
                    .ok_or(TmpfsError::Kernel)?;
            }
            ("mode", Some(v)) => {
                o.mode = u32::from_str_radix(v, 8)
                    .ok()
                    .filter(|m| *m <= 0o7777)
                    .ok_or(TmpfsError::Kernel)?;
            }
            ("uid", Some(v)) => o.uid = v.parse().map_err(|_| TmpfsError::Kernel)?,
            ("gid", Some(v)) => o.gid = v.parse().map_err(|_| TmpfsError::Kernel)?,
            _ => {
                let parts: Vec<String> = opt.splitn(2, '=').map(|p| format!("{p:?}")).collect();
                return Err(TmpfsError::Daemon(format!(
                    "Invalid tmpfs option [{}]",
                    parts.join(" ")
                )));
            }
        }
    }
    Ok(o)
}

/// The kernel's `memparse` of a size (`64m`, `1G`, `4096`), or `N%` of the memory.
fn kernel_size(v: &str) -> Option<u64> {
    if let Some(pct) = v.strip_suffix('%') {
        let p: u64 = pct.parse().ok()?;
        return Some(MEMORY_BYTES / 100 * p);
    }
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    let n: u64 = v.get(..digits)?.parse().ok()?;
    let shift = match v.get(digits..)? {
        "" => 0,
        "k" | "K" => 10,
        "m" | "M" => 20,
        "g" | "G" => 30,
        "t" | "T" => 40,
        _ => return None,
    };
    n.checked_mul(1 << shift)
}

/// Checks `docker volume create` options as the local driver does; the error follows
/// `create NAME: `.
pub fn validate(opts: &BTreeMap<String, String>) -> Result<(), String> {
    if let Some(k) = opts
        .keys()
        .find(|k| !["type", "o", "device", "size"].contains(&k.as_str()))
    {
        return Err(format!("invalid option: {k:?}"));
    }
    if let Some(v) = opts.get("size") {
        let size = crate::format::units::ram_in_bytes(v)?;
        if size > 0 {
            return Err("quota size requested but no quota support".to_owned());
        }
    }
    for (opt, needs) in [
        ("device", &["type"][..]),
        ("type", &["device"][..]),
        ("o", &["device", "type"][..]),
    ] {
        if opts.contains_key(opt) {
            if let Some(missing) = needs.iter().find(|n| !opts.contains_key(**n)) {
                return Err(format!("missing required option: {missing:?}"));
            }
        }
    }
    Ok(())
}

/// How volume `name`, created with `opts`, is mounted.
pub enum Mounted {
    /// Its own files, as a volume without options.
    Plain,
    /// A tmpfs with these options.
    Tmpfs(TmpfsOptions),
    /// A folder on the host's disk (`type=none,o=bind,device=…`).
    Bind {
        /// The path on the host's disk.
        disk: String,
        /// `o=ro`.
        read_only: bool,
    },
}

/// What mounting a volume with options `opts` does, as the local driver and the kernel on
/// a `kind` host decide; `exists` says whether a host disk path exists. The error is the
/// whole message after `docker: `.
pub fn mount_plan(
    kind: HostKind,
    name: &str,
    opts: &BTreeMap<String, String>,
    exists: &dyn Fn(&str) -> bool,
) -> Result<Mounted, String> {
    let get = |k: &str| opts.get(k).map(String::as_str).unwrap_or_default();
    let (ty, device, o) = (get("type"), get("device"), get("o"));
    if ty.is_empty() && device.is_empty() {
        return Ok(Mounted::Plain);
    }
    let path = format!("/var/lib/docker/volumes/{name}/_data");
    let fail = |why: &str| {
        format!("Error response from daemon: error while mounting volume '{path}': failed to mount local volume: {why}")
    };
    if device.is_empty() {
        return Err(fail("missing device in volume options"));
    }
    // moby/sys/mount: flag words become mount flags, the rest is passed as data.
    let mut flags = 0u64;
    let mut data: Vec<&str> = Vec::new();
    for w in o.split(',').filter(|w| !w.is_empty()) {
        match w {
            "ro" => flags |= 0x1,
            "rw" => flags &= !0x1,
            "nosuid" => flags |= 0x2,
            "nodev" => flags |= 0x4,
            "noexec" => flags |= 0x8,
            "bind" => flags |= 0x1000,
            "rbind" => flags |= 0x1000 | 0x4000,
            "suid" | "dev" | "exec" | "defaults" => {}
            other => data.push(other),
        }
    }
    let mut err_head = format!("mount {device}:{path}");
    if flags != 0 {
        err_head.push_str(&format!(", flags: 0x{flags:x}"));
    }
    if !data.is_empty() {
        err_head.push_str(&format!(", data: {}", data.join(",")));
    }
    let kernel = |errno: &str| fail(&format!("{err_head}: {errno}"));
    if flags & 0x1000 != 0 {
        if flags & 0x8 != 0 {
            return Err(format!(
                "berth: a bind volume with \"o=noexec\" ({name}) is not simulated yet"
            ));
        }
        let disk = match kind {
            HostKind::Linux => Some(device.to_owned()),
            HostKind::Windows => device
                .strip_prefix(paths::DESKTOP_MNT)
                .filter(|rest| rest.starts_with('/'))
                .map(str::to_owned),
        };
        return match disk {
            Some(d) if exists(&d) => Ok(Mounted::Bind {
                disk: d,
                read_only: flags & 0x1 != 0,
            }),
            _ => Err(kernel("no such file or directory")),
        };
    }
    match ty {
        "tmpfs" => {
            let mut text = o.to_owned();
            if flags & 0x8 != 0 {
                text = "noexec".to_owned();
            }
            match parse_tmpfs(&text) {
                Ok(t) => Ok(Mounted::Tmpfs(t)),
                Err(TmpfsError::Unsimulated(opt)) => Err(format!(
                    "berth: a tmpfs volume with \"{opt}\" ({name}) is not simulated yet"
                )),
                Err(_) => Err(kernel("invalid argument")),
            }
        }
        "nfs" | "nfs4" | "cifs" | "smb3" => Err(format!(
            "berth: network file systems (\"type={ty}\") are not simulated yet"
        )),
        "ext2" | "ext3" | "ext4" | "xfs" | "btrfs" | "vfat" | "exfat" | "ntfs" | "ntfs3"
        | "iso9660" | "squashfs" | "f2fs" | "zfs" => Err(kernel(if exists(device) {
            "block device required"
        } else {
            "no such file or directory"
        })),
        _ => Err(kernel("no such device")),
    }
}

/// The file system a tmpfs volume has while it is mounted, shared by every container
/// that mounts it.
pub type SharedTmpfs = Rc<RefCell<Option<Rc<RefCell<Capped>>>>>;

/// The tmpfs held in `slot`, made with `t` when it is not mounted yet.
pub fn tmpfs_in(slot: &SharedTmpfs, t: &TmpfsOptions, now: Nanos) -> Rc<RefCell<dyn Fs>> {
    let mut s = slot.borrow_mut();
    let fs = s.get_or_insert_with(|| t.make(now).0);
    let fs: Rc<RefCell<dyn Fs>> = fs.clone();
    fs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_tmpfs(text: &str, expected: &str) {
        let got = match parse_tmpfs(text) {
            Ok(t) => format!(
                "{} {:o} {} {} {}",
                t.size, t.mode, t.uid, t.gid, t.read_only
            ),
            Err(e) => format!("{e:?}"),
        };
        assert_eq!(got, expected, "{text}");
    }

    #[test]
    fn tmpfs_options() {
        check_tmpfs("", "4174094336 1777 0 0 false");
        check_tmpfs("size=1m", "1048576 1777 0 0 false");
        check_tmpfs("size=64k,mode=755,uid=1000,ro", "65536 755 1000 0 true");
        check_tmpfs("rw,noatime,nosuid,size=2G", "2147483648 1777 0 0 false");
        check_tmpfs("nr_blocks=2", "8192 1777 0 0 false");
        check_tmpfs("size=1x", "Kernel");
        check_tmpfs("mode=999", "Kernel");
        check_tmpfs(
            "colour=red",
            r#"Daemon("Invalid tmpfs option [\"colour\" \"red\"]")"#,
        );
        check_tmpfs("bogus", r#"Daemon("Invalid tmpfs option [\"bogus\"]")"#);
        check_tmpfs("noexec", r#"Unsimulated("noexec")"#);
    }

    fn check_opts(opts: &[(&str, &str)], expected: &str) {
        let map: BTreeMap<String, String> = opts
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let got = match validate(&map) {
            Ok(()) => {
                let exists = |p: &str| p == "/c/temp1" || p == "/dev/sda1";
                match mount_plan(HostKind::Windows, "v", &map, &exists) {
                    Ok(Mounted::Plain) => "plain".to_owned(),
                    Ok(Mounted::Tmpfs(t)) => format!("tmpfs {}", t.size),
                    Ok(Mounted::Bind { disk, read_only }) => format!("bind {disk} {read_only}"),
                    Err(e) => e.replace(
                        "Error response from daemon: error while mounting volume '/var/lib/docker/volumes/v/_data': failed to mount local volume: ",
                        "",
                    ),
                }
            }
            Err(e) => e,
        };
        assert_eq!(got, expected, "{opts:?}");
    }

    #[test]
    fn volume_options() {
        check_opts(&[], "plain");
        check_opts(&[("colour", "red")], r#"invalid option: "colour""#);
        check_opts(&[("type", "tmpfs")], r#"missing required option: "device""#);
        check_opts(&[("o", "size=1m")], r#"missing required option: "device""#);
        check_opts(
            &[("device", "x"), ("o", "")],
            r#"missing required option: "type""#,
        );
        check_opts(
            &[("size", "10m")],
            "quota size requested but no quota support",
        );
        check_opts(&[("size", "ten")], "invalid size: 'ten'");
        check_opts(
            &[("type", "tmpfs"), ("device", "tmpfs"), ("o", "size=1m")],
            "tmpfs 1048576",
        );
        check_opts(
            &[("type", "tmpfs"), ("device", "tmpfs"), ("o", "size=1q")],
            "mount tmpfs:/var/lib/docker/volumes/v/_data, data: size=1q: invalid argument",
        );
        check_opts(
            &[
                ("type", "none"),
                ("device", "/run/desktop/mnt/host/c/temp1"),
                ("o", "bind"),
            ],
            "bind /c/temp1 false",
        );
        check_opts(
            &[
                ("type", "none"),
                ("device", "/run/desktop/mnt/host/c/temp1"),
                ("o", "bind,ro"),
            ],
            "bind /c/temp1 true",
        );
        check_opts(
            &[("type", "none"), ("device", "/nosuch"), ("o", "bind")],
            "mount /nosuch:/var/lib/docker/volumes/v/_data, flags: 0x1000: no such file or directory",
        );
        check_opts(
            &[("type", "none"), ("device", "/x")],
            "mount /x:/var/lib/docker/volumes/v/_data: no such device",
        );
        check_opts(
            &[("type", "ext4"), ("device", "/dev/sdb1")],
            "mount /dev/sdb1:/var/lib/docker/volumes/v/_data: no such file or directory",
        );
        check_opts(
            &[("type", "btrfs"), ("device", "")],
            "missing device in volume options",
        );
        check_opts(
            &[
                ("type", "nfs"),
                ("device", ":/export"),
                ("o", "addr=10.0.0.1"),
            ],
            "berth: network file systems (\"type=nfs\") are not simulated yet",
        );
    }
}
