//! Containers: their configuration (docker's `Config` and `HostConfig`), their state, their
//! filesystem view, their logs; the store that names them; creating, starting, stopping
//! and removing them.

use crate::collections::{SortedMap as BTreeMap, SortedSet as BTreeSet};
use std::cell::RefCell;
use std::rc::Rc;

use serde_json::Value;

use super::images::Image;
use super::rootfs::{ContainerFs, RootFs};
use super::state::ContainerState;
use crate::fs::{Access, Content, Meta, MountTable, Overlay, RwLayer};
use crate::kernel::log::{Log, LogBuffer};
use crate::kernel::pipe::PipeWriter;
use crate::kernel::terminal::{Terminal, Tty};
use crate::kernel::{Input, Kernel, Pid, Sink, TaskId};
use crate::output::Stream;
use crate::ports::Nanos;
use crate::shell::exec::{self, ExecError};
use crate::shell::io::Stdin;
use crate::shell::program::{Machine, Proc};

/// The container's own settings (docker's `Config`).
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// `-h`, or the first 12 hex digits of the id.
    pub hostname: String,
    /// `--domainname`.
    pub domainname: String,
    /// `-u`.
    pub user: String,
    /// `-a stdin` / `-i`.
    pub attach_stdin: bool,
    /// Attached stdout.
    pub attach_stdout: bool,
    /// Attached stderr.
    pub attach_stderr: bool,
    /// Exposed ports (`80/tcp`), sorted.
    pub exposed_ports: BTreeSet<String>,
    /// `-t`.
    pub tty: bool,
    /// `-i`.
    pub open_stdin: bool,
    /// `-i` without `-d`.
    pub stdin_once: bool,
    /// Environment: user values first, then the image's.
    pub env: Vec<String>,
    /// Command (after the entrypoint).
    pub cmd: Option<Vec<String>>,
    /// The image as the user typed it.
    pub image: String,
    /// Volumes declared by the image.
    pub volumes: BTreeSet<String>,
    /// `-w`, or the image's.
    pub working_dir: String,
    /// The entrypoint.
    pub entrypoint: Option<Vec<String>>,
    /// Labels: the user's and the image's.
    pub labels: BTreeMap<String, String>,
    /// The signal `docker stop` sends first.
    pub stop_signal: Option<String>,
    /// `--stop-timeout`.
    pub stop_timeout: Option<i64>,
}

/// A restart policy (`--restart`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestartPolicy {
    /// `no`, `always`, `unless-stopped`, `on-failure`.
    pub name: String,
    /// For `on-failure:N`.
    pub max_retries: i64,
}

/// How the container runs on the host (docker's `HostConfig`).
#[derive(Clone, Debug, Default)]
pub struct HostConfig {
    /// `-v` specs as given.
    pub binds: Vec<String>,
    /// `--network`, `bridge` by default.
    pub network_mode: String,
    /// `-p`: port → bindings (host ip, host port) as requested.
    pub port_bindings: BTreeMap<String, Vec<(String, String)>>,
    /// `--restart`.
    pub restart: RestartPolicy,
    /// `--rm`.
    pub auto_remove: bool,
    /// `--link` as `/target:/name/alias`.
    pub links: Vec<String>,
    /// `-P`.
    pub publish_all: bool,
    /// `--read-only`.
    pub read_only: bool,
    /// `-m` in bytes.
    pub memory: i64,
    /// `--cpus` in billionths of a CPU.
    pub nano_cpus: i64,
    /// `--add-host` entries.
    pub extra_hosts: Vec<String>,
    /// `--dns`.
    pub dns: Vec<String>,
    /// `--privileged`.
    pub privileged: bool,
    /// Console size `[rows, cols]` when `-t`.
    pub console_size: (u32, u32),
    /// `--mount` values as `HostConfig.Mounts` entries.
    pub mounts: Vec<serde_json::Value>,
    /// `--tmpfs`: path → options.
    pub tmpfs: BTreeMap<String, String>,
    /// `--volumes-from` values as given.
    pub volumes_from: Vec<String>,
}

/// One container.
pub struct Container {
    /// 64 hex.
    pub id: String,
    /// Its name, without the leading `/`.
    pub name: String,
    /// The image id (`sha256:…`).
    pub image_id: String,
    /// When it was created.
    pub created: Nanos,
    /// Its configuration.
    pub config: Config,
    /// How it runs.
    pub host: HostConfig,
    /// Where it is in its life.
    pub state: ContainerState,
    /// The filesystem its processes see.
    pub rootfs: RootFs,
    /// What its processes wrote.
    pub log: Log,
    /// Its terminal, when created with `-t`.
    pub tty: Option<Tty>,
    /// The write end of its standard input, when created with `-i` and no `-t`.
    pub stdin: Option<PipeWriter>,
    /// The kernel task of its main process while it runs.
    pub task: Option<TaskId>,
    /// The main process's pid in the kernel.
    pub pid: Option<Pid>,
    /// How many times a restart policy restarted it.
    pub restart_count: u32,
    /// A user stopped it (restart policies other than `always` leave it stopped).
    pub stopped_by_user: bool,
    /// The `docker stop` deadline after which SIGKILL follows.
    pub kill_at: Option<Nanos>,
    /// Its IP on the default bridge while it runs.
    pub ip: Option<[u8; 4]>,
    /// Published ports while it runs: (`80/tcp`, host ip as shown, host port).
    pub published: Vec<(String, String, u16)>,
}

impl Container {
    /// Whether it runs in the host's network or another container's (`--network host`,
    /// `container:NAME`): it has no network, addresses or ports of its own.
    pub fn shares_network(&self) -> bool {
        let mode = &self.host.network_mode;
        mode == "host" || mode.starts_with("container:")
    }

    /// The 12-hex short id.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// `Path` and `Args` as docker reports them: the entrypoint and command joined.
    pub fn path_and_args(&self) -> (String, Vec<String>) {
        let mut argv: Vec<String> = self.config.entrypoint.clone().unwrap_or_default();
        argv.extend(self.config.cmd.clone().unwrap_or_default());
        let mut it = argv.into_iter();
        let path = it.next().unwrap_or_default();
        (path, it.collect())
    }

    /// The size of its writable layer (`docker ps -s`).
    pub fn size_rw(&self) -> u64 {
        self.rootfs.borrow().root().upper().size()
    }
}

/// Why a lookup failed, in docker's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LookupError {
    /// `No such container: x`.
    NotFound(String),
    /// `multiple IDs found with provided prefix: ab`.
    Ambiguous(String),
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::NotFound(x) => write!(f, "No such container: {x}"),
            LookupError::Ambiguous(x) => write!(f, "multiple IDs found with provided prefix: {x}"),
        }
    }
}

/// All containers, by id.
#[derive(Default)]
pub struct ContainerStore {
    by_id: BTreeMap<String, Container>,
    /// Moves on every access that can change a container (see [`ContainerStore::revision`]).
    rev: u64,
}

impl ContainerStore {
    /// Every container.
    pub fn iter(&self) -> impl Iterator<Item = &Container> {
        self.by_id.values()
    }

    /// Every container, to change.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Container> {
        self.rev += 1;
        self.by_id.values_mut()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }

    /// The container with this full id.
    pub fn get(&self, id: &str) -> Option<&Container> {
        self.by_id.get(id)
    }

    /// The container with this full id, to change.
    pub fn get_mut(&mut self, id: &str) -> Option<&mut Container> {
        self.rev += 1;
        self.by_id.get_mut(id)
    }

    /// The container a name, full id or unique id prefix names (moby's `GetContainer`).
    pub fn lookup(&self, s: &str) -> Result<&Container, LookupError> {
        let not_found = || LookupError::NotFound(s.to_owned());
        if s.is_empty() {
            return Err(not_found());
        }
        if let Some(c) = self.by_id.get(s) {
            return Ok(c);
        }
        let name = s.strip_prefix('/').unwrap_or(s);
        if let Some(c) = self.by_id.values().find(|c| c.name == name) {
            return Ok(c);
        }
        let mut found = self.by_id.values().filter(|c| c.id.starts_with(s));
        match (found.next(), found.next()) {
            (Some(c), None) => Ok(c),
            (Some(_), Some(_)) => Err(LookupError::Ambiguous(s.to_owned())),
            _ => Err(not_found()),
        }
    }

    /// The full id of what `s` names.
    pub fn resolve(&self, s: &str) -> Result<String, LookupError> {
        self.lookup(s).map(|c| c.id.clone())
    }

    /// The container holding `name`, if any.
    pub fn by_name(&self, name: &str) -> Option<&Container> {
        self.by_id.values().find(|c| c.name == name)
    }

    /// Adds a container.
    pub fn insert(&mut self, c: Container) {
        self.rev += 1;
        self.by_id.insert(c.id.clone(), c);
    }

    /// Removes a container.
    pub fn remove(&mut self, id: &str) -> Option<Container> {
        self.rev += 1;
        self.by_id.remove(id)
    }

    /// A number that moves whenever a container may have changed: equal revisions mean
    /// equal containers, so what is derived from them (the network view) can be kept.
    pub fn revision(&self) -> u64 {
        self.rev
    }
}

/// The filesystem a new container sees: the image's layers, an init layer with the files
/// docker writes (`/etc/hostname`, `/etc/hosts`, `/etc/resolv.conf`, `/.dockerenv`), and an
/// empty writable layer on top.
pub fn new_rootfs(image: &Image, hostname: &str, read_only: bool, now: Nanos) -> RootFs {
    let mut init = RwLayer::new();
    let dir = |p: &str| (p.to_owned(), Meta::root(0o755, now));
    for (p, m) in [
        dir("/dev"),
        dir("/dev/pts"),
        dir("/dev/shm"),
        dir("/proc"),
        dir("/sys"),
        dir("/etc"),
    ] {
        let _ = init.add_dir(&p, m);
    }
    let file = |s: String| Content::from(s);
    let _ = init.add_file("/.dockerenv", Meta::root(0o755, now), Content::empty());
    for f in ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"] {
        let _ = init.add_file(f, Meta::root(0o755, now), Content::empty());
    }
    let _ = init.add_symlink("/etc/mtab", Meta::root(0o777, now), "/proc/mounts");
    let mut lowers = image.layers.clone();
    lowers.push(Rc::new(init.freeze()));
    let access = if read_only {
        Access::ReadOnly
    } else {
        Access::ReadWrite
    };
    let mut table = MountTable::new(Overlay::new(lowers), access);
    // docker bind-mounts these three from the container's own folder, so writing them
    // never touches the container's layer (`docker diff` does not list them).
    let mut files = RwLayer::new();
    let _ = files.add_file(
        "/hostname",
        Meta::root(0o644, now),
        file(format!("{hostname}\n")),
    );
    let _ = files.add_file(
        "/hosts",
        Meta::root(0o644, now),
        file(hosts(hostname, None)),
    );
    let _ = files.add_file(
        "/resolv.conf",
        Meta::root(0o644, now),
        file(RESOLV_CONF.to_owned()),
    );
    let files: Rc<RefCell<dyn crate::fs::Fs>> = Rc::new(RefCell::new(files));
    let caller = crate::fs::Caller::root(now);
    for (target, source) in [
        ("/etc/hostname", "/hostname"),
        ("/etc/hosts", "/hosts"),
        ("/etc/resolv.conf", "/resolv.conf"),
    ] {
        let _ = table.mount(
            &caller,
            target,
            Rc::clone(&files),
            source,
            Access::ReadWrite,
        );
    }
    Rc::new(RefCell::new(table))
}

/// `/etc/hosts` as docker writes it for a container on the default bridge.
pub fn hosts(hostname: &str, ip: Option<[u8; 4]>) -> String {
    let mut s = String::from(
        "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n",
    );
    if let Some([a, b, c, d]) = ip {
        s.push_str(&format!("{a}.{b}.{c}.{d}\t{hostname}\n"));
    }
    s
}

/// `/etc/resolv.conf` on the default bridge under Docker Desktop (26+ format).
pub const RESOLV_CONF: &str = "# Generated by Docker Engine.
# This file can be edited; Docker Engine will not make further changes once it
# has been modified.

nameserver 192.168.65.7

# Based on host file: '/etc/resolv.conf' (legacy)
# Overrides: []
";

/// Why a container's process could not start, in runc's words (docker adds the prefix).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartError {
    /// The message after `Error response from daemon: `.
    pub message: String,
    /// The exit status `docker run` gives it (125, 126 or 127).
    pub status: i32,
}

/// Starts `id`'s main process in `kernel`; the container is then running.
pub fn start(
    store: &mut ContainerStore,
    kernel: &RefCell<Kernel>,
    programs: &Rc<crate::shell::program::Registry>,
    id: &str,
    now: Nanos,
) -> Result<(), StartError> {
    // Its address, given by the networks before it starts.
    let ip = store.get(id).and_then(|c| c.ip);
    let taken: BTreeSet<u16> = store
        .iter()
        .filter(|c| c.state.is_running())
        .flat_map(|c| c.published.iter().map(|p| p.2))
        .collect();
    let published = publish(store.get(id), &taken)?;
    let link_env = store
        .get(id)
        .map(|c| super::sandbox::link_env(store, c))
        .unwrap_or_default();
    let Some(c) = store.get_mut(id) else {
        return Err(StartError {
            message: format!("No such container: {id}"),
            status: 125,
        });
    };
    let sys = kernel.borrow().sys();
    let mut argv: Vec<String> = c.config.entrypoint.clone().unwrap_or_default();
    argv.extend(c.config.cmd.clone().unwrap_or_default());
    let Some(name) = argv.first().cloned() else {
        return Err(StartError {
            message: "no command specified".into(),
            status: 125,
        });
    };
    let fs: Rc<RefCell<dyn crate::shell::fs::ShellFs>> = Rc::new(RefCell::new(ContainerFs::new(
        Rc::clone(&c.rootfs),
        Rc::clone(&sys),
    )));
    let user =
        super::user::lookup(&*fs.borrow(), &c.config.user).map_err(|message| StartError {
            message,
            status: 125,
        })?;
    let mut env: Vec<(String, String)> = vec![
        (
            "PATH".into(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        ),
        ("HOSTNAME".into(), c.config.hostname.clone()),
    ];
    if c.config.tty {
        env.push(("TERM".into(), "xterm".into()));
    }
    env.extend(link_env);
    let path = process_env(&mut env, &c.config.env, &user.home);
    let cwd = if c.config.working_dir.is_empty() {
        "/".to_owned()
    } else {
        c.config.working_dir.clone()
    };
    {
        let caller = crate::fs::Caller::root(now);
        let mut root = c.rootfs.borrow_mut();
        if !crate::fs::Fs::exists(&*root, &cwd) {
            let _ = crate::fs::Fs::mkdir_all(&mut *root, &caller, &cwd, 0o755);
        }
    }
    let cred = user.cred;
    let file = if name.contains('/') {
        Ok(crate::shell::fs::resolve(&cwd, &name))
    } else {
        exec::lookup(&*fs.borrow(), &path, &cwd, &name, &cred)
    };
    let exec = file.and_then(|f| {
        exec::resolve(&*fs.borrow(), programs, &f, argv.clone(), &cred)
            .map_err(|e| (e, f))
            .map_err(|(e, _)| e)
    });
    let exec = match exec {
        Ok(e) => e,
        Err(e) => return Err(start_error(&name, &e)),
    };
    let mut machine = Machine::container(&c.id);
    machine.hostname = c.config.hostname.clone();
    machine.ip = ip.map(super::networks::ip_string).unwrap_or_default();
    machine.programs = Rc::clone(programs);
    let (stdin, stdout, stderr) = match (&c.tty, c.config.open_stdin) {
        (Some(t), _) => (
            Input::Tty(Rc::clone(t)),
            Sink::Tty(Rc::clone(t), Stream::Stdout),
            Sink::Tty(Rc::clone(t), Stream::Stdout),
        ),
        (None, true) => {
            let (r, w) = crate::kernel::pipe::pipe();
            c.stdin = Some(w);
            (
                Input::Pipe(r),
                log_sink(&c.log, Stream::Stdout, &sys),
                log_sink(&c.log, Stream::Stderr, &sys),
            )
        }
        (None, false) => (
            Input::Null,
            log_sink(&c.log, Stream::Stdout, &sys),
            log_sink(&c.log, Stream::Stderr, &sys),
        ),
    };
    let mut p = Proc::new(
        Rc::new(machine),
        fs,
        Rc::clone(&sys),
        exec.args.clone(),
        Stdin::new(stdin),
        stdout,
        stderr,
    );
    p.env = env;
    p.cwd = cwd;
    p.style = exec.style;
    p.cred = cred;
    let fut = crate::shell::process::run_main(p, exec.program);
    let task = kernel.borrow_mut().spawn(Box::pin(fut));
    c.task = Some(task);
    c.published = published;
    c.state = ContainerState::Running { started_at: now };
    c.stopped_by_user = false;
    c.kill_at = None;
    if let Some(t) = &c.tty {
        t.borrow_mut().set_now(now);
    }
    Ok(())
}

/// The host ports a container gets as it starts: requested ones (refused when another
/// container holds them), and ephemeral ones from 32768 up for `-P` and `-p 80`.
fn publish(
    c: Option<&Container>,
    taken: &BTreeSet<u16>,
) -> Result<Vec<(String, String, u16)>, StartError> {
    let Some(c) = c else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    let mut used = taken.clone();
    let mut next = 32768u16;
    let mut ephemeral = |used: &mut BTreeSet<u16>| {
        while used.contains(&next) {
            next = next.saturating_add(1);
        }
        used.insert(next);
        next
    };
    let mut wanted: Vec<(String, String, Option<u16>)> = Vec::new();
    for (port, bindings) in &c.host.port_bindings {
        for (ip, hp) in bindings {
            let hp = hp
                .split('-')
                .next()
                .and_then(|h| h.parse::<u16>().ok())
                .filter(|&h| h != 0);
            wanted.push((port.clone(), ip.clone(), hp));
        }
    }
    if c.host.publish_all {
        for port in &c.config.exposed_ports {
            if !c.host.port_bindings.contains_key(port) {
                wanted.push((port.clone(), String::new(), None));
            }
        }
    }
    for (port, ip, hp) in wanted {
        let host_port = match hp {
            Some(h) if used.contains(&h) => {
                let shown = if ip.is_empty() {
                    "0.0.0.0"
                } else {
                    ip.as_str()
                };
                return Err(StartError {
                    message: format!(
                        "driver failed programming external connectivity on endpoint {} ({}): Bind for {shown}:{h} failed: port is already allocated",
                        c.name,
                        crate::fs::Digest::of(c.id.as_bytes()).hex()
                    ),
                    status: 125,
                });
            }
            Some(h) => {
                used.insert(h);
                h
            }
            None => ephemeral(&mut used),
        };
        if ip.is_empty() {
            out.push((port.clone(), "0.0.0.0".to_owned(), host_port));
            out.push((port, "[::]".to_owned(), host_port));
        } else {
            out.push((port, ip, host_port));
        }
    }
    Ok(out)
}

/// How an exec's process is wired.
pub struct ExecIo {
    /// Standard input.
    pub stdin: Input,
    /// Standard output.
    pub stdout: Sink,
    /// Standard error.
    pub stderr: Sink,
    /// Whether it has a terminal (`-t`: `TERM=xterm`).
    pub tty: bool,
    /// `-u`, when given (otherwise the container's user).
    pub user: Option<String>,
}

#[allow(clippy::too_many_arguments)] // reason: mirrors ExecCreate's parts; one caller
/// Prepares `docker exec`: a new process in running container `id`, returned as a future
/// the caller awaits; the error is the text docker prints (on stdout) and the status.
pub fn exec_process(
    store: &ContainerStore,
    sys: &crate::kernel::Sys,
    programs: &Rc<crate::shell::program::Registry>,
    id: &str,
    argv: Vec<String>,
    user_env: &[String],
    workdir: Option<&str>,
    io: ExecIo,
) -> Result<crate::kernel::TaskFuture, (String, i32)> {
    let c = store
        .get(id)
        .ok_or_else(|| (format!("No such container: {id}"), 1))?;
    let name = argv.first().cloned().unwrap_or_default();
    let fs: Rc<RefCell<dyn crate::shell::fs::ShellFs>> = Rc::new(RefCell::new(ContainerFs::new(
        Rc::clone(&c.rootfs),
        Rc::clone(sys),
    )));
    let spec = io.user.as_deref().unwrap_or(&c.config.user);
    let user = super::user::lookup(&*fs.borrow(), spec).map_err(|m| (m, 126))?;
    let mut env: Vec<(String, String)> = vec![
        (
            "PATH".into(),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".into(),
        ),
        ("HOSTNAME".into(), c.config.hostname.clone()),
    ];
    if io.tty {
        env.push(("TERM".into(), "xterm".into()));
    }
    for e in c.config.env.iter().chain(user_env.iter()) {
        let (k, v) = e.split_once('=').unwrap_or((e.as_str(), ""));
        match env.iter_mut().find(|(ek, _)| ek == k) {
            Some(slot) => slot.1 = v.to_owned(),
            None => env.push((k.to_owned(), v.to_owned())),
        }
    }
    if !env.iter().any(|(k, _)| k == "HOME") {
        env.push(("HOME".into(), user.home.clone()));
    }
    let path = env
        .iter()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let cwd = match workdir {
        Some(w) => w.to_owned(),
        None if c.config.working_dir.is_empty() => "/".to_owned(),
        None => c.config.working_dir.clone(),
    };
    let cred = user.cred;
    let prefix = "OCI runtime exec failed: exec failed: unable to start container process:";
    let file = if name.contains('/') {
        Ok(crate::shell::fs::resolve(&cwd, &name))
    } else {
        exec::lookup(&*fs.borrow(), &path, &cwd, &name, &cred)
    };
    let found = file.and_then(|f| exec::resolve(&*fs.borrow(), programs, &f, argv.clone(), &cred));
    let found = match found {
        Ok(e) => e,
        Err(e) => {
            let detail = match e {
                ExecError::NotFound if !name.contains('/') => {
                    format!("exec: \"{name}\": executable file not found in $PATH")
                }
                ExecError::NotFound => {
                    format!("exec: \"{name}\": stat {name}: no such file or directory")
                }
                ExecError::IsDir => format!("exec: \"{name}\": is a directory"),
                _ => format!("exec: \"{name}\": permission denied"),
            };
            return Err((
                format!("{prefix} {detail}: unknown"),
                if matches!(e, ExecError::NotFound) {
                    127
                } else {
                    126
                },
            ));
        }
    };
    let mut machine = Machine::container(&c.id);
    machine.hostname = c.config.hostname.clone();
    if let Some([a, b, cc, d]) = c.ip {
        machine.ip = format!("{a}.{b}.{cc}.{d}");
    }
    machine.programs = Rc::clone(programs);
    let mut p = Proc::new(
        Rc::new(machine),
        fs,
        Rc::clone(sys),
        found.args.clone(),
        Stdin::new(io.stdin),
        io.stdout,
        io.stderr,
    );
    p.env = env;
    p.cwd = cwd;
    p.style = found.style;
    p.cred = cred;
    Ok(Box::pin(crate::shell::process::run_main(p, found.program)))
}

fn log_sink(log: &Log, stream: Stream, sys: &crate::kernel::Sys) -> Sink {
    Sink::Log(Rc::clone(log), stream, Rc::clone(sys))
}

/// runc's message for a command that cannot be started, and the status `docker run` gives.
fn start_error(name: &str, e: &ExecError) -> StartError {
    let prefix = "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process:";
    let (detail, status) = match e {
        ExecError::NotFound if !name.contains('/') => (
            format!("exec: \"{name}\": executable file not found in $PATH"),
            127,
        ),
        ExecError::NotFound => (
            format!("exec: \"{name}\": stat {name}: no such file or directory"),
            127,
        ),
        ExecError::IsDir => (format!("exec: \"{name}\": is a directory"), 126),
        ExecError::Denied => (format!("exec: \"{name}\": permission denied"), 126),
        ExecError::BadInterpreter(_) => {
            (format!("exec: \"{name}\": no such file or directory"), 127)
        }
        ExecError::Format | ExecError::NoExec => (format!("exec format error: {name}"), 126),
    };
    StartError {
        message: format!("{prefix} {detail}: unknown"),
        status,
    }
}

/// A new container record (not started).
#[allow(clippy::too_many_arguments)] // reason: mirrors ContainerCreate's parts
pub fn new_container(
    id: String,
    name: String,
    image: &Image,
    config: Config,
    host: HostConfig,
    now: Nanos,
) -> Container {
    let rootfs = new_rootfs(image, &config.hostname, host.read_only, now);
    let log = LogBuffer::new_shared();
    let tty = config.tty.then(|| Terminal::new_logged(Rc::clone(&log)));
    Container {
        id,
        name,
        image_id: image.id.clone(),
        created: now,
        config,
        host,
        state: ContainerState::Created,
        rootfs,
        log,
        tty,
        stdin: None,
        task: None,
        pid: None,
        restart_count: 0,
        stopped_by_user: false,
        kill_at: None,
        ip: None,
        published: Vec::new(),
    }
}

/// The image config's value at `key` as a list of strings.
pub fn strings(v: &Value, key: &str) -> Option<Vec<String>> {
    v.get(key)?.as_array().map(|a| {
        a.iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    })
}

/// Completes a process's environment: `KEY=value` entries of `config_env` replace or join
/// `env`'s, `HOME` comes from the user when unset; returns the `PATH` the process finds
/// programs with.
pub(crate) fn process_env(
    env: &mut Vec<(String, String)>,
    config_env: &[String],
    home: &str,
) -> String {
    for e in config_env {
        let (k, v) = e.split_once('=').unwrap_or((e.as_str(), ""));
        match env.iter_mut().find(|(ek, _)| ek == k) {
            Some(slot) => slot.1 = v.to_owned(),
            None => env.push((k.to_owned(), v.to_owned())),
        }
    }
    if !env.iter().any(|(k, _)| k == "HOME") {
        env.push(("HOME".into(), home.to_owned()));
    }
    env.iter()
        .find(|(k, _)| k == "PATH")
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}
