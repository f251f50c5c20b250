//! A container's volumes and bind mounts: `-v` specs parsed as docker parses them, then
//! mounted over the container's root filesystem from the host's disk or the daemon's
//! volumes. A new named volume is first filled with what the image holds at its target.

use std::cell::RefCell;
use std::rc::Rc;

use super::local_volume::{self, Mounted, TmpfsOptions};
use super::rootfs::RootFs;
use super::volumes::{valid_name, MountPoint};
use crate::fs::{Access, Caller, Fs, Preserve};
use crate::host::{paths, HostKind};
use crate::world::World;

/// What one `-v` spec asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `-v /path`: a new anonymous volume.
    Anonymous,
    /// `-v name:/path`: a named volume.
    Named(String),
    /// `-v C:\dir:/path`: the host path as typed.
    Bind(String),
    /// `--mount type=bind,source=…`: the host path as typed, which must exist.
    BindExisting(String),
    /// A path on the host's disk as the daemon already resolved it (`--volumes-from`).
    Disk(String),
    /// `--mount type=tmpfs`: a new empty file system in memory.
    Tmpfs(TmpfsOptions),
}

/// A parsed `-v` spec.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VolumeSpec {
    /// Where the files come from.
    pub source: Source,
    /// The path in the container.
    pub target: String,
    /// The mode as given (`ro`, `rw`, `z` …), empty if none.
    pub mode: String,
    /// Mounted read-only (`:ro`).
    pub read_only: bool,
    /// For a volume, the path inside it to mount (`volume-subpath=`), empty for all of it.
    pub subpath: String,
}

/// Parses a `-v` spec as the client on `kind` sends it and the daemon reads it; errors are
/// the message after `docker: `.
pub fn parse_volume(kind: HostKind, spec: &str) -> Result<VolumeSpec, String> {
    if spec.is_empty() {
        return Err("invalid empty volume spec".to_owned());
    }
    // A Windows drive letter's colon is part of the source.
    let skip = match kind {
        HostKind::Windows if paths::is_absolute(kind, spec) && spec.get(1..2) == Some(":") => 2,
        _ => 0,
    };
    let mut parts: Vec<String> = spec[skip..].split(':').map(str::to_owned).collect();
    if let Some(first) = parts.first_mut() {
        first.insert_str(0, &spec[..skip]);
    }
    if parts.len() > 3 {
        return Err(format!("invalid spec: {spec}: too many colons"));
    }
    let (source, target, mode) = match parts.as_slice() {
        [t] => (None, t.clone(), String::new()),
        [s, t] => (Some(s.clone()), t.clone(), String::new()),
        [s, t, m] => (Some(s.clone()), t.clone(), m.clone()),
        _ => return Err(format!("invalid spec: {spec}: too many colons")),
    };
    for m in mode.split(',').filter(|m| !m.is_empty()) {
        if ![
            "ro", "rw", "z", "Z", "nocopy", "private", "rprivate", "shared", "rshared", "slave",
            "rslave",
        ]
        .contains(&m)
        {
            return Err(format!("Error response from daemon: invalid mode: {mode}"));
        }
    }
    if !target.starts_with('/') {
        return Err(format!(
            "Error response from daemon: invalid volume specification: '{spec}': invalid mount config for type \"{}\": invalid mount path: '{target}' mount path must be absolute",
            if source.as_deref().is_some_and(|s| paths::is_absolute(kind, s)) { "bind" } else { "volume" }
        ));
    }
    let source = match source {
        None => Source::Anonymous,
        Some(s) if paths::is_absolute(kind, &s) || s.starts_with('.') || s.starts_with('~') => {
            Source::Bind(s)
        }
        Some(s) if valid_name(&s) => Source::Named(s),
        Some(s) => {
            return Err(format!(
                "Error response from daemon: create {s}: \"{s}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
            ))
        }
    };
    let read_only = mode.split(',').any(|m| m == "ro");
    Ok(VolumeSpec {
        source,
        target,
        mode,
        read_only,
        subpath: String::new(),
    })
}

/// Mounts `specs` (and a new anonymous volume for each path of `image_volumes` no spec
/// covers) into container `id`'s `rootfs`, creating volumes and missing host folders as
/// docker does, and records the mounts for `docker inspect`. Errors are docker's.
pub fn attach(
    world: &mut World,
    id: &str,
    rootfs: &RootFs,
    specs: &[VolumeSpec],
    image_volumes: &[String],
) -> Result<(), String> {
    let now = world.now();
    let caller = Caller::root(now);
    let mut all: Vec<VolumeSpec> = specs.to_vec();
    for path in image_volumes {
        if !all.iter().any(|s| s.target == *path) {
            all.push(VolumeSpec {
                source: Source::Anonymous,
                target: path.clone(),
                mode: String::new(),
                read_only: false,
                subpath: String::new(),
            });
        }
    }
    let mut points = Vec::new();
    for spec in &all {
        let access = if spec.read_only {
            Access::ReadOnly
        } else {
            Access::ReadWrite
        };
        let point = match &spec.source {
            Source::Tmpfs(t) => {
                let mut t = t.clone();
                t.read_only |= spec.read_only;
                mount_tmpfs(rootfs, &spec.target, now, &t)?;
                MountPoint {
                    kind: "tmpfs",
                    name: String::new(),
                    source: String::new(),
                    destination: spec.target.clone(),
                    mode: String::new(),
                    rw: !spec.read_only,
                    disk: String::new(),
                }
            }
            Source::Bind(_) | Source::BindExisting(_) | Source::Disk(_) => {
                let disk_path = match &spec.source {
                    Source::Bind(typed) | Source::BindExisting(typed) => world.host.resolve(typed),
                    Source::Disk(p) => p.clone(),
                    _ => String::new(),
                };
                let host_caller = world.host.caller(now);
                let disk = Rc::clone(world.host.disk());
                let missing = !disk.borrow().exists(&disk_path);
                if missing && !matches!(spec.source, Source::Bind(_)) {
                    return Err(format!(
                        "Error response from daemon: invalid mount config for type \"bind\": bind source path does not exist: {}",
                        paths::daemon_source(world.host.kind, &disk_path)
                    ));
                }
                if missing {
                    disk.borrow_mut()
                        .mkdir_all(&host_caller, &disk_path, 0o755)
                        .map_err(|e| format!("Error response from daemon: error while creating mount source path '{}': mkdir {}: {}", paths::daemon_source(world.host.kind, &disk_path), paths::daemon_source(world.host.kind, &disk_path), e.text(crate::fs::Libc::Glibc).to_lowercase()))?;
                }
                let source: Rc<RefCell<dyn Fs>> = disk;
                rootfs
                    .borrow_mut()
                    .mount(&caller, &spec.target, source, &disk_path, access)
                    .map_err(|e| mount_error(&spec.target, e))?;
                MountPoint {
                    kind: "bind",
                    name: String::new(),
                    source: paths::daemon_source(world.host.kind, &disk_path),
                    destination: spec.target.clone(),
                    mode: spec.mode.clone(),
                    rw: !spec.read_only,
                    disk: disk_path.clone(),
                }
            }
            Source::Named(_) | Source::Anonymous => {
                let (name, anonymous) = match &spec.source {
                    Source::Named(n) => (n.clone(), false),
                    _ => (world.random_id(), true),
                };
                let (vol, created) = world.daemon.volumes.get_or_create(&name, anonymous, now);
                if created {
                    world
                        .daemon
                        .emit(now, "volume", "create", &name, &[("driver", "local")]);
                }
                let exists = |p: &str| world.host.disk().borrow().exists(p);
                let plan = local_volume::mount_plan(world.host.kind, &name, &vol.options, &exists)?;
                let plain = matches!(plan, Mounted::Plain);
                let (source, base, ro): (Rc<RefCell<dyn Fs>>, String, bool) = match plan {
                    Mounted::Plain => (vol.data.clone(), "/".to_owned(), false),
                    Mounted::Tmpfs(t) => {
                        let fs = local_volume::tmpfs_in(&vol.tmpfs, &t, now);
                        (fs, "/".to_owned(), t.read_only)
                    }
                    Mounted::Bind { disk, read_only } => {
                        let fs: Rc<RefCell<dyn Fs>> = world.host.disk().clone();
                        (fs, disk, read_only)
                    }
                };
                // A plain volume still empty takes a copy of what the image holds there.
                if plain
                    && spec.subpath.is_empty()
                    && vol.data.borrow().is_empty()
                    && !spec.mode.split(',').any(|m| m == "nocopy")
                {
                    let root = rootfs.borrow();
                    if let Ok(names) = root.read_dir(&spec.target) {
                        let mut data = vol.data.borrow_mut();
                        for n in names {
                            let from = crate::fs::path::join(&spec.target, &n);
                            if let Ok(snap) = root.snapshot(&from) {
                                data.paste(&caller, &format!("/{n}"), &snap, Preserve::ALL)
                                    .ok();
                            }
                        }
                    }
                }
                let access = if ro || spec.read_only {
                    Access::ReadOnly
                } else {
                    access
                };
                let from = subpath_in(&source, &base, &spec.subpath, &vol.mountpoint())?;
                rootfs
                    .borrow_mut()
                    .mount(&caller, &spec.target, source, &from, access)
                    .map_err(|e| mount_error(&spec.target, e))?;
                MountPoint {
                    kind: "volume",
                    name: name.clone(),
                    source: vol.mountpoint(),
                    destination: spec.target.clone(),
                    mode: if spec.mode.is_empty() {
                        "z".to_owned()
                    } else {
                        spec.mode.clone()
                    },
                    rw: !spec.read_only,
                    disk: String::new(),
                }
            }
        };
        points.push(point);
    }
    world.daemon.volumes.set_mounts(id, points);
    Ok(())
}

/// Mounts a new, empty in-memory file system with options `t` (size, mode, owner) at
/// `target`.
pub fn mount_tmpfs(
    rootfs: &RootFs,
    target: &str,
    now: crate::ports::Nanos,
    t: &TmpfsOptions,
) -> Result<(), String> {
    let (fs, access) = t.make(now);
    let source: Rc<RefCell<dyn Fs>> = fs;
    rootfs
        .borrow_mut()
        .mount(&Caller::root(now), target, source, "/", access)
        .map_err(|e| mount_error(target, e))
}

/// The specs that `--volumes-from` takes from container `id`'s mounts (`read_only`:
/// `Some` forces the mode), for the targets `taken` does not hold already.
pub fn volumes_from(
    world: &World,
    id: &str,
    read_only: Option<bool>,
    taken: &[String],
) -> Vec<VolumeSpec> {
    world
        .daemon
        .volumes
        .mounts_of(id)
        .into_iter()
        .filter(|m| m.kind != "tmpfs" && !taken.contains(&m.destination))
        .map(|m| {
            let ro = read_only.unwrap_or(!m.rw);
            VolumeSpec {
                source: if m.kind == "bind" {
                    Source::Disk(m.disk)
                } else {
                    Source::Named(m.name)
                },
                target: m.destination,
                mode: match read_only {
                    Some(true) => "ro".to_owned(),
                    Some(false) => "rw".to_owned(),
                    None => m.mode,
                },
                read_only: ro,
                subpath: String::new(),
            }
        })
        .collect()
}

/// The path in `source` to mount for a volume's `volume-subpath` (`base` when empty):
/// docker's errors when it leaves the volume or does not exist.
fn subpath_in(
    source: &Rc<RefCell<dyn Fs>>,
    base: &str,
    subpath: &str,
    mountpoint: &str,
) -> Result<String, String> {
    if subpath.is_empty() {
        return Ok(base.to_owned());
    }
    let mut parts: Vec<&str> = Vec::new();
    for c in subpath.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Err(format!("Error response from daemon: path concatenation escapes the base directory, base: {mountpoint}, subpath: {subpath}"));
                }
            }
            c => parts.push(c),
        }
    }
    let from = crate::fs::path::join(base, &parts.join("/"));
    let found = source.try_borrow().is_ok_and(|fs| fs.lstat(&from).is_ok());
    if !found {
        return Err(format!(
            "Error response from daemon: cannot access path {}: no such file or directory",
            crate::fs::path::join(mountpoint, &parts.join("/"))
        ));
    }
    Ok(from)
}

fn mount_error(target: &str, e: crate::fs::Errno) -> String {
    format!(
        "Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting into rootfs at \"{target}\": {}: unknown",
        e.text(crate::fs::Libc::Glibc).to_lowercase()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: HostKind, spec: &str, expected: &str) {
        let got = match parse_volume(kind, spec) {
            Ok(v) => format!("{:?} {} {} {}", v.source, v.target, v.mode, v.read_only),
            Err(e) => e,
        };
        assert_eq!(got, expected, "{spec}");
    }

    #[test]
    fn volume_specs() {
        use HostKind::{Linux as L, Windows as W};
        check(
            W,
            r"C:\codec\gcc-hw:/hw",
            r#"Bind("C:\\codec\\gcc-hw") /hw  false"#,
        );
        check(W, "c:/temp1:/data:ro", r#"Bind("c:/temp1") /data ro true"#);
        check(W, "/c/temp1:/data", r#"Bind("/c/temp1") /data  false"#);
        check(
            W,
            "mydata:/var/lib/mysql",
            r#"Named("mydata") /var/lib/mysql  false"#,
        );
        check(W, "/data", "Anonymous /data  false");
        check(
            L,
            "/home/student/x:/x:rw",
            r#"Bind("/home/student/x") /x rw false"#,
        );
        check(L, "./src:/src", r#"Bind("./src") /src  false"#);
        check(
            L,
            "c:/temp1:/data",
            "Error response from daemon: invalid mode: /data",
        );
        check(L, "", "invalid empty volume spec");
        check(
            L,
            "/a:/b:/c:/d",
            "invalid spec: /a:/b:/c:/d: too many colons",
        );
        check(L, "a b:/x", "Error response from daemon: create a b: \"a b\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path");
        check(
            L,
            "v:/x:xyz",
            "Error response from daemon: invalid mode: xyz",
        );
    }
}
