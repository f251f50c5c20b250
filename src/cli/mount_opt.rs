//! `--mount`, `--tmpfs` and `--volumes-from` of `docker run`/`create`, read as docker's CLI
//! reads them (cli/opts/mount.go): the client's errors come back as the flag's
//! `invalid argument` text, the daemon's as `Error response from daemon: …`.

use serde_json::{json, Map, Value};

use crate::collections::SortedMap as BTreeMap;
use crate::daemon::local_volume::{self, TmpfsError, TmpfsOptions};
use crate::daemon::mounts::{Source, VolumeSpec};
use crate::host::{paths, HostKind};

/// One `--mount` value: the spec to mount, and its `HostConfig.Mounts` entry.
#[derive(Clone, Debug)]
pub struct MountFlag {
    /// What to mount where.
    pub spec: VolumeSpec,
    /// The entry `docker inspect` shows under `HostConfig.Mounts`.
    pub json: Value,
    /// `volume-opt` values, for a volume this mount creates.
    pub volume_opts: BTreeMap<String, String>,
    /// `volume-label` values, for a volume this mount creates.
    pub volume_labels: BTreeMap<String, String>,
    /// `volume-driver`, empty for the default (`local`).
    pub volume_driver: String,
}

/// Splits one CSV record as Go's `encoding/csv` does for these values (quotes group).
fn csv_fields(value: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = value.chars().peekable();
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ',' if !quoted => {
                fields.push(std::mem::take(&mut cur));
                at_start = true;
                continue;
            }
            c => cur.push(c),
        }
        at_start = false;
    }
    if quoted {
        return Err(
            "parse error on line 1, column 1: extraneous or missing \" in quoted-field".into(),
        );
    }
    fields.push(cur);
    Ok(fields)
}

fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Parses one `--mount` value on `kind`'s client; the error is the whole message after
/// `docker: ` (a flag error, or the daemon's answer).
pub fn parse_mount(kind: HostKind, value: &str) -> Result<MountFlag, String> {
    let flag_err = |m: String| format!("invalid argument \"{value}\" for \"--mount\" flag: {m}");
    let fields = csv_fields(value).map_err(flag_err)?;
    let mut kind_name = "volume".to_owned();
    let mut source = String::new();
    let mut target = String::new();
    let mut read_only = false;
    let mut nocopy: Option<bool> = None;
    let mut volume_any = false;
    let mut bind_any = false;
    let mut tmpfs_any = false;
    let mut propagation = String::new();
    let mut driver = String::new();
    let mut volume_opts = BTreeMap::new();
    let mut volume_labels = BTreeMap::new();
    let mut tmpfs_size: Option<i64> = None;
    let mut tmpfs_mode: Option<u32> = None;
    let mut subpath = String::new();
    // `bind-recursive`: the host's folders hold no other mounts, so every value shows the
    // same files; docker's checks and `HostConfig.Mounts` still follow it.
    let mut recursion = "enabled";
    for field in &fields {
        let (key, val) = match field.split_once('=') {
            Some((k, v)) => (k.to_lowercase(), Some(v)),
            None => (field.to_lowercase(), None),
        };
        let Some(val) = val else {
            match key.as_str() {
                "readonly" | "ro" => read_only = true,
                "volume-nocopy" => {
                    volume_any = true;
                    nocopy = Some(true);
                }
                "bind-nonrecursive" => {
                    bind_any = true;
                    recursion = "disabled";
                }
                _ => {
                    return Err(flag_err(format!(
                        "invalid field '{field}' must be a key=value pair"
                    )))
                }
            }
            continue;
        };
        match key.as_str() {
            "type" => kind_name = val.to_lowercase(),
            "source" | "src" => source = val.to_owned(),
            "target" | "dst" | "destination" => target = val.to_owned(),
            "readonly" | "ro" => {
                read_only = parse_bool(val)
                    .ok_or_else(|| flag_err(format!("invalid value for {key}: {val}")))?;
            }
            "consistency" => {}
            "bind-propagation" => {
                bind_any = true;
                propagation = val.to_lowercase();
            }
            "bind-nonrecursive" => {
                bind_any = true;
                let on = parse_bool(val)
                    .ok_or_else(|| flag_err(format!("invalid value for {key}: {val}")))?;
                recursion = if on { "disabled" } else { "enabled" };
            }
            "bind-recursive" => {
                bind_any = true;
                recursion = match val {
                    "enabled" => "enabled",
                    "disabled" => "disabled",
                    "writable" => "writable",
                    "readonly" => "readonly",
                    _ => return Err(flag_err(format!("invalid value for {key}: {val} (must be \"enabled\", \"disabled\", \"writable\", or \"readonly\")"))),
                };
            }
            "volume-driver" => {
                volume_any = true;
                driver = val.to_owned();
            }
            "volume-subpath" => {
                volume_any = true;
                subpath = val.to_owned();
            }
            "volume-opt" | "volume-label" => {
                volume_any = true;
                let (k, v) = val.split_once('=').unwrap_or((val, ""));
                if key == "volume-opt" {
                    volume_opts.insert(k.to_owned(), v.to_owned());
                } else {
                    volume_labels.insert(k.to_owned(), v.to_owned());
                }
            }
            "volume-nocopy" => {
                volume_any = true;
                nocopy =
                    Some(parse_bool(val).ok_or_else(|| {
                        flag_err(format!("invalid value for volume-nocopy: {val}"))
                    })?);
            }
            "tmpfs-size" => {
                tmpfs_any = true;
                tmpfs_size = Some(
                    crate::format::units::ram_in_bytes(val)
                        .map_err(|_| flag_err(format!("invalid value for {key}: {val}")))?,
                );
            }
            "tmpfs-mode" => {
                tmpfs_any = true;
                tmpfs_mode = Some(
                    u32::from_str_radix(val, 8)
                        .map_err(|_| flag_err(format!("invalid value for {key}: {val}")))?,
                );
            }
            _ => return Err(flag_err(format!("unexpected key '{key}' in '{field}'"))),
        }
    }
    if target.is_empty() {
        return Err(flag_err("target is required".into()));
    }
    for (any, name) in [
        (volume_any, "volume"),
        (bind_any, "bind"),
        (tmpfs_any, "tmpfs"),
    ] {
        if any && kind_name != name {
            return Err(flag_err(format!(
                "cannot mix '{name}-*' options with mount type '{kind_name}'"
            )));
        }
    }
    if recursion == "writable" && !read_only {
        return Err(flag_err(
            "option 'bind-recursive=writable' requires 'readonly' to be specified in conjunction"
                .into(),
        ));
    }
    if recursion == "readonly" {
        if !read_only {
            return Err(flag_err("option 'bind-recursive=readonly' requires 'readonly' to be specified in conjunction".into()));
        }
        if propagation != "rprivate" {
            return Err(flag_err("option 'bind-recursive=readonly' requires 'bind-propagation=rprivate' to be specified in conjunction".into()));
        }
    }
    let daemon = |m: String| {
        format!("Error response from daemon: invalid mount config for type \"{kind_name}\": {m}")
    };
    if !target.starts_with('/') {
        return Err(daemon(format!(
            "invalid mount path: '{target}' mount path must be absolute"
        )));
    }
    let src = match kind_name.as_str() {
        "volume" => {
            if source.is_empty() {
                Source::Anonymous
            } else if crate::daemon::volumes::valid_name(&source) {
                Source::Named(source.clone())
            } else {
                return Err(format!(
                    "Error response from daemon: create {source}: \"{source}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path"
                ));
            }
        }
        "bind" => {
            if source.is_empty() {
                return Err(daemon("field Source must not be empty".into()));
            }
            if !paths::is_absolute(kind, &source) {
                return Err(daemon(format!(
                    "invalid mount path: '{source}' mount path must be absolute"
                )));
            }
            Source::BindExisting(source.clone())
        }
        "tmpfs" => {
            if !source.is_empty() {
                return Err(daemon("field Source must not be specified".into()));
            }
            let mut t = TmpfsOptions::default();
            if let Some(size) = tmpfs_size.and_then(|n| u64::try_from(n).ok()) {
                if size > 0 {
                    t.size = size;
                }
            }
            if let Some(mode) = tmpfs_mode {
                t.mode = mode & 0o7777;
            }
            Source::Tmpfs(t)
        }
        _ => return Err(daemon("mount type unknown".into())),
    };
    let mut entry = Map::new();
    entry.insert("Type".into(), json!(kind_name));
    if !source.is_empty() {
        entry.insert("Source".into(), json!(source));
    }
    entry.insert("Target".into(), json!(target));
    if read_only {
        entry.insert("ReadOnly".into(), json!(true));
    }
    if bind_any {
        let mut b = Map::new();
        if !propagation.is_empty() {
            b.insert("Propagation".into(), json!(propagation));
        }
        match recursion {
            "disabled" => b.insert("NonRecursive".into(), json!(true)),
            "writable" => b.insert("ReadOnlyNonRecursive".into(), json!(true)),
            "readonly" => b.insert("ReadOnlyForceRecursive".into(), json!(true)),
            _ => None,
        };
        entry.insert("BindOptions".into(), Value::Object(b));
    }
    if volume_any {
        let mut v = Map::new();
        if nocopy == Some(true) {
            v.insert("NoCopy".into(), json!(true));
        }
        if !volume_labels.is_empty() {
            v.insert("Labels".into(), json!(volume_labels));
        }
        let mut d = Map::new();
        if !driver.is_empty() {
            d.insert("Name".into(), json!(driver));
        }
        if !volume_opts.is_empty() {
            d.insert("Options".into(), json!(volume_opts));
        }
        v.insert("DriverConfig".into(), Value::Object(d));
        entry.insert("VolumeOptions".into(), Value::Object(v));
    }
    if tmpfs_any {
        let mut t = Map::new();
        if let Some(s) = tmpfs_size {
            t.insert("SizeBytes".into(), json!(s));
        }
        if let Some(m) = tmpfs_mode {
            t.insert("Mode".into(), json!(m));
        }
        entry.insert("TmpfsOptions".into(), Value::Object(t));
    }
    let mode = if nocopy == Some(true) { "nocopy" } else { "" };
    Ok(MountFlag {
        spec: VolumeSpec {
            source: src,
            target,
            mode: mode.to_owned(),
            read_only,
            subpath,
        },
        json: Value::Object(entry),
        volume_opts,
        volume_labels,
        volume_driver: driver,
    })
}

/// Every mount of a new container in order (`-v`, `--mount`, then `--volumes-from` for
/// the targets still free), after creating the volumes `--mount` configures; docker's
/// errors for a missing container or a target mounted twice.
pub fn gather(
    world: &mut crate::world::World,
    opts: &super::run_opts::CreateOptions,
) -> Result<Vec<VolumeSpec>, super::run_opts::Refusal> {
    use super::run_opts::refuse;
    let mut specs: Vec<VolumeSpec> = opts.volumes.clone();
    for m in &opts.mounts {
        let mut spec = m.spec.clone();
        if !m.volume_driver.is_empty() && m.volume_driver != "local" {
            let name = match &spec.source {
                Source::Named(n) => n.clone(),
                _ => world.random_id(),
            };
            let d = &m.volume_driver;
            return Err(refuse(format!("Error response from daemon: create {name}: error looking up volume plugin {d}: plugin \"{d}\" not found")));
        }
        let configured = !m.volume_opts.is_empty() || !m.volume_labels.is_empty();
        if configured && spec.source == Source::Anonymous {
            // An anonymous volume with options is created here, under its random name.
            let name = world.random_id();
            local_volume::validate(&m.volume_opts)
                .map_err(|e| refuse(format!("Error response from daemon: create {name}: {e}")))?;
            let now = world.now();
            world.daemon.volumes.get_or_create(&name, true, now);
            world
                .daemon
                .volumes
                .configure(&name, m.volume_labels.clone(), m.volume_opts.clone());
            world
                .daemon
                .emit(now, "volume", "create", &name, &[("driver", "local")]);
            spec.source = Source::Named(name);
        }
        if let Source::Named(name) = &m.spec.source {
            if configured && world.daemon.volumes.get(name).is_none() {
                local_volume::validate(&m.volume_opts).map_err(|e| {
                    refuse(format!("Error response from daemon: create {name}: {e}"))
                })?;
                let now = world.now();
                world.daemon.volumes.get_or_create(name, false, now);
                world.daemon.volumes.configure(
                    name,
                    m.volume_labels.clone(),
                    m.volume_opts.clone(),
                );
                world
                    .daemon
                    .emit(now, "volume", "create", name, &[("driver", "local")]);
            }
        }
        specs.push(spec);
    }
    let mut seen: Vec<String> = Vec::new();
    for s in specs
        .iter()
        .map(|s| &s.target)
        .chain(opts.host.tmpfs.keys())
    {
        if seen.contains(s) {
            return Err(refuse(format!(
                "Error response from daemon: Duplicate mount point: {s}"
            )));
        }
        seen.push(s.clone());
    }
    for (name, ro) in &opts.volumes_from {
        let id = world
            .daemon
            .containers
            .resolve(name)
            .map_err(|e| refuse(format!("Error response from daemon: {e}")))?;
        let more = crate::daemon::mounts::volumes_from(world, &id, *ro, &seen);
        seen.extend(more.iter().map(|s| s.target.clone()));
        specs.extend(more);
    }
    Ok(specs)
}

/// Parses one `--tmpfs` value (`/path[:options]`): the path and its options.
pub fn parse_tmpfs(value: &str) -> Result<(String, String), String> {
    let (path, opts) = value.split_once(':').unwrap_or((value, ""));
    if !path.starts_with('/') {
        return Err(format!(
            "Error response from daemon: invalid mount config for type \"tmpfs\": invalid mount path: '{path}' mount path must be absolute"
        ));
    }
    Ok((path.to_owned(), opts.to_owned()))
}

/// Parses one `--volumes-from` value (`CONTAINER[:ro|rw]`): the container and whether its
/// mounts come read-only (`Some(true)`), read-write, or as they are (`None`).
pub fn parse_volumes_from(value: &str) -> Result<(String, Option<bool>), String> {
    match value.split_once(':') {
        None => Ok((value.to_owned(), None)),
        Some((c, "ro")) => Ok((c.to_owned(), Some(true))),
        Some((c, "rw")) => Ok((c.to_owned(), Some(false))),
        Some((_, mode)) => Err(format!("Error response from daemon: invalid mode: {mode}")),
    }
}

/// Mounts the `--tmpfs` file systems of a new container, each with its options (`size=`,
/// `mode=`, `uid=`, `gid=`, `ro`); docker's error (or Berth's refusal) for options it or the
/// kernel refuses.
pub fn mount_tmpfs_flags(
    rootfs: &crate::daemon::rootfs::RootFs,
    tmpfs: &BTreeMap<String, String>,
    now: crate::ports::Nanos,
) -> Result<(), String> {
    for (path, text) in tmpfs {
        let t = local_volume::parse_tmpfs(text).map_err(|e| tmpfs_error(path, text, e))?;
        crate::daemon::mounts::mount_tmpfs(rootfs, path, now, &t)?;
    }
    Ok(())
}

fn tmpfs_error(path: &str, text: &str, e: TmpfsError) -> String {
    match e {
        TmpfsError::Daemon(m) => format!("Error response from daemon: {m}"),
        TmpfsError::Unsimulated(opt) => {
            format!("berth: \"--tmpfs {path}:{opt}\" is not simulated yet")
        }
        TmpfsError::Kernel => format!(
            "Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting \"tmpfs\" to rootfs at \"{path}\": mount src=tmpfs, dst={path}, dstFd=/proc/thread-self/fd/8, flags=0xe, data={text}: invalid argument: unknown"
        ),
    }
}

/// Whether a mount error is one docker meets when it starts the container (mounting a
/// volume, a subpath, a tmpfs), which `docker run` prints without the `--help` hint.
pub fn is_start_error(message: &str) -> bool {
    let body = message
        .strip_prefix("Error response from daemon: ")
        .unwrap_or_default();
    [
        "error while mounting volume '",
        "cannot access path ",
        "path concatenation escapes the base directory",
        "failed to create task for container: ",
    ]
    .iter()
    .any(|p| body.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, expected: &str) {
        let got = match parse_mount(HostKind::Linux, value) {
            Ok(m) => format!(
                "{:?} {} {} {}",
                m.spec.source, m.spec.target, m.spec.read_only, m.json
            ),
            Err(e) => e,
        };
        assert_eq!(got, expected, "{value}");
    }

    #[test]
    fn mount_values() {
        check(
            "type=volume,source=data,target=/data",
            r#"Named("data") /data false {"Type":"volume","Source":"data","Target":"/data"}"#,
        );
        check(
            "target=/data,readonly",
            r#"Anonymous /data true {"Type":"volume","Target":"/data","ReadOnly":true}"#,
        );
        check(
            "type=bind,src=/srv,dst=/srv,ro=true",
            r#"BindExisting("/srv") /srv true {"Type":"bind","Source":"/srv","Target":"/srv","ReadOnly":true}"#,
        );
        check(
            "type=tmpfs,target=/run,tmpfs-size=64m",
            r#"Tmpfs(TmpfsOptions { size: 67108864, mode: 1023, uid: 0, gid: 0, read_only: false }) /run false {"Type":"tmpfs","Target":"/run","TmpfsOptions":{"SizeBytes":67108864}}"#,
        );
        check(
            "type=volume,src=v,dst=/v,volume-opt=type=tmpfs",
            r#"Named("v") /v false {"Type":"volume","Source":"v","Target":"/v","VolumeOptions":{"DriverConfig":{"Options":{"type":"tmpfs"}}}}"#,
        );
        check(
            "src=/x",
            r#"invalid argument "src=/x" for "--mount" flag: target is required"#,
        );
        check(
            "type=bind,target=/x,bogus",
            r#"invalid argument "type=bind,target=/x,bogus" for "--mount" flag: invalid field 'bogus' must be a key=value pair"#,
        );
        check(
            "type=bind,target=/x,size=1",
            r#"invalid argument "type=bind,target=/x,size=1" for "--mount" flag: unexpected key 'size' in 'size=1'"#,
        );
        check(
            "type=bind,target=/x,ro=maybe",
            r#"invalid argument "type=bind,target=/x,ro=maybe" for "--mount" flag: invalid value for ro: maybe"#,
        );
        check(
            "type=tmpfs,target=/x,volume-nocopy",
            r#"invalid argument "type=tmpfs,target=/x,volume-nocopy" for "--mount" flag: cannot mix 'volume-*' options with mount type 'tmpfs'"#,
        );
        check(
            "type=bind,target=/x",
            r#"Error response from daemon: invalid mount config for type "bind": field Source must not be empty"#,
        );
        check(
            "type=tmpfs,source=a,target=/x",
            r#"Error response from daemon: invalid mount config for type "tmpfs": field Source must not be specified"#,
        );
        check(
            "type=volume,target=x",
            r#"Error response from daemon: invalid mount config for type "volume": invalid mount path: 'x' mount path must be absolute"#,
        );
        check(
            "type=foo,target=/x",
            r#"Error response from daemon: invalid mount config for type "foo": mount type unknown"#,
        );
    }

    #[test]
    fn volumes_from_values() {
        assert_eq!(parse_volumes_from("db"), Ok(("db".into(), None)));
        assert_eq!(parse_volumes_from("db:ro"), Ok(("db".into(), Some(true))));
        assert_eq!(
            parse_volumes_from("db:xx"),
            Err("Error response from daemon: invalid mode: xx".into())
        );
        assert_eq!(
            parse_tmpfs("/run:size=1m"),
            Ok(("/run".into(), "size=1m".into()))
        );
    }
}
