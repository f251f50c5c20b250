//! The container options of `docker run` and `docker create`: checked as docker's CLI checks
//! them, merged with the image's config as the daemon merges them, and the shared steps of
//! both commands (pull when missing, create, name).

use crate::collections::{SortedMap as BTreeMap, SortedSet as BTreeSet};

use super::flags::Parsed;
use super::pull::{pull_job, PullStyle};
use super::Handles;
use crate::daemon::containers::{self, Config, HostConfig, RestartPolicy};
use crate::daemon::names;
use crate::daemon::pull;
use crate::format::units::ram_in_bytes;
use crate::kernel::Sink;
use crate::net::portspec;
use crate::registry::reference;

/// Options that take effect; any other container option given is refused honestly.
const SIMULATED: &[&str] = &[
    "detach",
    "interactive",
    "tty",
    "name",
    "env",
    "env-file",
    "volume",
    "mount",
    "tmpfs",
    "volumes-from",
    "expose",
    "publish",
    "publish-all",
    "rm",
    "workdir",
    "hostname",
    "user",
    "entrypoint",
    "restart",
    "label",
    "read-only",
    "memory",
    "cpus",
    "stop-signal",
    "stop-timeout",
    "pull",
    "quiet",
    "platform",
    "disable-content-trust",
    "network",
    "net",
    "network-alias",
    "ip",
    "mac-address",
    "link",
    "add-host",
    "dns",
    "privileged",
    "domainname",
    "sig-proxy",
    "help",
];

/// What `docker run`/`create` asked for.
#[derive(Clone, Debug)]
pub struct CreateOptions {
    /// The image as typed.
    pub image: String,
    /// The normalized reference with its tag (for pulling).
    pub reference: reference::Reference,
    /// `--name`.
    pub name: Option<String>,
    /// The command after the image.
    pub args: Vec<String>,
    /// `--entrypoint`, when given (empty resets it).
    pub entrypoint: Option<String>,
    /// User environment, in order.
    pub env: Vec<String>,
    /// The container settings from flags (image values are merged later).
    pub config: Config,
    /// The host settings.
    pub host: HostConfig,
    /// `-v` specs, parsed.
    pub volumes: Vec<crate::daemon::mounts::VolumeSpec>,
    /// `--mount` values, parsed.
    pub mounts: Vec<super::mount_opt::MountFlag>,
    /// `--volumes-from`: container, forced read-only or not.
    pub volumes_from: Vec<(String, Option<bool>)>,
    /// `--pull`.
    pub pull: String,
    /// `-q`.
    pub quiet: bool,
    /// `-d`.
    pub detach: bool,
    /// The network options.
    pub net: super::run_net::NetOptions,
}

/// A refusal: the message (without `docker: `), and whether docker adds `See '… --help'.`.
#[derive(Clone, Debug)]
pub struct Refusal {
    /// The message.
    pub message: String,
    /// Exit status.
    pub status: i32,
}

pub(super) fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        status: 125,
    }
}

/// Checks and collects the options; errors carry docker's words.
pub fn parse(
    p: &Parsed,
    path: &str,
    machine: &crate::host::Host,
) -> Result<CreateOptions, Refusal> {
    let given: Vec<&str> = super::flags::changed_names(p);
    if let Some(other) = given.iter().find(|f| !SIMULATED.contains(f)) {
        return Err(refuse(format!(
            "berth: \"{path} --{other}\" is not simulated yet"
        )));
    }
    let image = p.args[0].clone();
    let reference = reference::parse_normalized_named(&image).map_err(|e| refuse(e.to_string()))?;
    let reference = if reference.digest().is_some() {
        reference
    } else {
        reference.tag_name_only()
    };
    let mut config = Config {
        image: image.clone(),
        ..Config::default()
    };
    let mut host = HostConfig {
        network_mode: "bridge".into(),
        ..HostConfig::default()
    };
    let detach = p.bool("detach");
    config.tty = p.bool("tty");
    config.open_stdin = p.bool("interactive");
    config.stdin_once = config.open_stdin && !detach;
    config.attach_stdin = config.open_stdin && !detach;
    config.attach_stdout = !detach;
    config.attach_stderr = !detach;
    config.hostname = p.last("hostname").unwrap_or_default().to_owned();
    config.domainname = p.last("domainname").unwrap_or_default().to_owned();
    config.user = p.last("user").unwrap_or_default().to_owned();
    config.working_dir = p.last("workdir").unwrap_or_default().to_owned();
    if !config.working_dir.is_empty() && !config.working_dir.starts_with('/') {
        return Err(refuse(format!(
            "Error response from daemon: the working directory '{}' is invalid, it needs to be an absolute path",
            config.working_dir
        )));
    }
    config.stop_signal = p.last("stop-signal").map(str::to_owned);
    config.stop_timeout = p.last("stop-timeout").map(|v| v.parse().unwrap_or(10));
    let mut env = Vec::new();
    for file in p.all("env-file") {
        env.extend(super::env_file::read(machine, file).map_err(refuse)?);
    }
    let mut volumes = Vec::new();
    for v in p.all("volume") {
        let spec = crate::daemon::mounts::parse_volume(machine.kind, v).map_err(refuse)?;
        if spec.source == crate::daemon::mounts::Source::Anonymous {
            config.volumes.insert(spec.target.clone());
        } else {
            host.binds.push(v.to_owned());
        }
        volumes.push(spec);
    }
    let mut mounts = Vec::new();
    for m in p.all("mount") {
        let flag = super::mount_opt::parse_mount(machine.kind, m).map_err(refuse)?;
        host.mounts.push(flag.json.clone());
        mounts.push(flag);
    }
    for t in p.all("tmpfs") {
        let (path, opts) = super::mount_opt::parse_tmpfs(t).map_err(refuse)?;
        host.tmpfs.insert(path, opts);
    }
    let mut volumes_from = Vec::new();
    for v in p.all("volumes-from") {
        volumes_from.push(super::mount_opt::parse_volumes_from(v).map_err(refuse)?);
        host.volumes_from.push(v.to_owned());
    }
    for e in p.all("env") {
        if e.starts_with('=') || e.is_empty() {
            return Err(refuse(format!("invalid argument \"{e}\" for \"-e, --env\" flag: invalid environment variable: {e}")));
        }
        env.push(e.to_owned());
    }
    for l in p.all("label") {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        config.labels.insert(k.to_owned(), v.to_owned());
    }
    for spec in p.all("expose") {
        let ports = portspec::parse_expose(spec).map_err(|e| refuse(e.to_string()))?;
        config
            .exposed_ports
            .extend(ports.into_iter().map(|k| k.to_string()));
    }
    let specs = portspec::parse_port_specs(&p.all("publish")).map_err(|e| refuse(e.to_string()))?;
    config
        .exposed_ports
        .extend(specs.exposed.iter().map(ToString::to_string));
    for (port, bindings) in &specs.bindings {
        host.port_bindings.insert(
            port.to_string(),
            bindings
                .iter()
                .map(|b| (b.host_ip.clone(), b.host_port.clone()))
                .collect(),
        );
    }
    host.publish_all = p.bool("publish-all");
    if let Some(name) = p.last("name") {
        if !name.is_empty() {
            names::validate_name(name)
                .map_err(|e| refuse(format!("Error response from daemon: {e}")))?;
        }
    }
    host.auto_remove = p.bool("rm");
    let restart = p.last("restart").unwrap_or("no");
    host.restart = parse_restart(restart)?;
    if host.auto_remove && host.restart.name != "no" {
        return Err(refuse("Conflicting options: --restart and --rm"));
    }
    host.read_only = p.bool("read-only");
    if let Some(m) = p.last("memory") {
        host.memory = ram_in_bytes(m).map_err(|e| {
            refuse(format!(
                "invalid argument \"{m}\" for \"-m, --memory\" flag: {e}"
            ))
        })?;
    }
    if let Some(c) = p.last("cpus") {
        let v: f64 = c.parse().unwrap_or(0.0);
        host.nano_cpus = (v * 1e9) as i64;
    }
    let net = super::run_net::parse(p, &mut host)?;
    host.extra_hosts = p.all("add-host").into_iter().map(str::to_owned).collect();
    host.dns = p.all("dns").into_iter().map(str::to_owned).collect();
    host.privileged = p.bool("privileged");
    let pull = p.last("pull").unwrap_or("missing").to_owned();
    if !["always", "missing", "never"].contains(&pull.as_str()) {
        return Err(refuse(format!(
            "invalid pull option: '{pull}': must be one of \"always\", \"missing\" or \"never\""
        )));
    }
    Ok(CreateOptions {
        volumes,
        mounts,
        volumes_from,
        image,
        reference,
        name: p.last("name").filter(|n| !n.is_empty()).map(str::to_owned),
        args: p.args[1..].to_vec(),
        entrypoint: p.last("entrypoint").map(str::to_owned),
        env,
        config,
        host,
        pull,
        quiet: p.bool("quiet"),
        detach,
        net,
    })
}

/// `--restart` as docker checks it (for `run`, `create` and `update`).
pub fn parse_restart(s: &str) -> Result<RestartPolicy, Refusal> {
    let (name, count) = s.split_once(':').unwrap_or((s, ""));
    let max_retries = if count.is_empty() {
        0
    } else {
        count.parse::<i64>().map_err(|_| {
            refuse("invalid restart policy format: maximum retry count must be an integer")
        })?
    };
    match name {
        "" | "no" | "always" | "unless-stopped" | "on-failure" => {}
        other => {
            return Err(refuse(format!(
                "Error response from daemon: invalid restart policy: unknown policy '{other}'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'"
            )))
        }
    }
    if max_retries != 0 && name != "on-failure" {
        return Err(refuse(
            "Error response from daemon: invalid restart policy: maximum retry count can only be used with 'on-failure'",
        ));
    }
    Ok(RestartPolicy {
        name: if name.is_empty() {
            "no".into()
        } else {
            name.into()
        },
        max_retries,
    })
}

/// Makes sure the image is here (pulling it as `--pull` says, on `err`), then creates the
/// container; returns its id. The pull shows as on a terminal: docker writes it to standard
/// error and asks whether that is a terminal, and at Berth's host prompt it always is (the
/// host shell redirects standard output only).
pub async fn create(
    handles: &Handles,
    opts: &CreateOptions,
    err: &Sink,
    columns: usize,
) -> Result<String, Refusal> {
    let present = handles
        .world
        .borrow()
        .daemon
        .images
        .lookup(&opts.image)
        .is_ok();
    if opts.pull == "always" || (!present && opts.pull == "missing") {
        let plan = {
            let mut world = handles.world.borrow_mut();
            pull::plan(&mut world, &opts.reference)
        };
        if !present && !opts.quiet {
            let msg = format!(
                "Unable to find image '{}' locally\n",
                opts.reference.familiar_string()
            );
            err.write_all(msg.as_bytes()).await;
        }
        let plan = plan.map_err(|e| refuse(format!("Error response from daemon: {e}")))?;
        let style = PullStyle {
            tty: true,
            columns,
            quiet: opts.quiet,
            all: false,
        };
        pull_job(handles, &plan, err, style).await;
    } else if !present {
        return Err(refuse(format!(
            "Error response from daemon: No such image: {}",
            opts.reference.familiar_string()
        )));
    }
    let mut world = handles.world.borrow_mut();
    let now = world.now();
    let img = world
        .daemon
        .images
        .lookup(&opts.image)
        .map_err(|e| refuse(format!("Error response from daemon: {e}")))?
        .clone();
    let id = world.random_id();
    let name = match &opts.name {
        Some(n) => {
            let n = n.trim_start_matches('/').to_owned();
            if let Some(other) = world.daemon.containers.by_name(&n) {
                return Err(refuse(format!(
                    "Error response from daemon: Conflict. The container name \"/{n}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
                    other.id
                )));
            }
            n
        }
        None => {
            let taken: BTreeSet<String> = world
                .daemon
                .containers
                .iter()
                .map(|c| c.name.clone())
                .collect();
            let mut rng = SeededFromWorld(&mut world);
            names::generate_name(&mut rng, &id, &|n: &str| taken.contains(n))
        }
    };
    let ic = img.container_config().clone();
    let mut config = opts.config.clone();
    let mut host = opts.host.clone();
    let attachments = super::run_net::resolve(&world, &opts.net, &mut config, &mut host, &name)?;
    let image_entrypoint = containers::strings(&ic, "Entrypoint");
    let image_cmd = containers::strings(&ic, "Cmd");
    match &opts.entrypoint {
        Some(ep) => {
            config.entrypoint = if ep.is_empty() {
                None
            } else {
                Some(vec![ep.clone()])
            };
            config.cmd = (!opts.args.is_empty()).then(|| opts.args.clone());
        }
        None => {
            config.entrypoint = image_entrypoint;
            config.cmd = if opts.args.is_empty() {
                image_cmd
            } else {
                Some(opts.args.clone())
            };
        }
    }
    if config.entrypoint.is_none() && config.cmd.as_ref().is_none_or(Vec::is_empty) {
        return Err(refuse("Error response from daemon: no command specified"));
    }
    let mut env = opts.env.clone();
    for e in containers::strings(&ic, "Env").unwrap_or_default() {
        let key = e.split('=').next().unwrap_or_default();
        if !env.iter().any(|u| u.split('=').next() == Some(key)) {
            env.push(e);
        }
    }
    config.env = env;
    if config.working_dir.is_empty() {
        config.working_dir = ic
            .get("WorkingDir")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
    }
    if config.user.is_empty() {
        config.user = ic
            .get("User")
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_owned();
    }
    if let Some(ports) = ic.get("ExposedPorts").and_then(|v| v.as_object()) {
        config.exposed_ports.extend(ports.keys().cloned());
    }
    if let Some(vols) = ic.get("Volumes").and_then(|v| v.as_object()) {
        config.volumes.extend(vols.keys().cloned());
    }
    let labels: BTreeMap<String, String> = ic
        .get("Labels")
        .and_then(|v| v.as_object())
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    for (k, v) in labels {
        config.labels.entry(k).or_insert(v);
    }
    if config.stop_signal.is_none() {
        config.stop_signal = ic
            .get("StopSignal")
            .and_then(|v| v.as_str())
            .map(str::to_owned);
    }
    if config.hostname.is_empty() {
        config.hostname = id[..12].to_owned();
    }
    let image_volumes: Vec<String> = ic
        .get("Volumes")
        .and_then(|v| v.as_object())
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    let specs = super::mount_opt::gather(&mut world, opts)?;
    let c = containers::new_container(id.clone(), name, &img, config, host, now);
    crate::daemon::mounts::attach(&mut world, &id, &c.rootfs, &specs, &image_volumes)
        .map_err(refuse)?;
    super::mount_opt::mount_tmpfs_flags(&c.rootfs, &opts.host.tmpfs, now).map_err(refuse)?;
    world.daemon.containers.insert(c);
    world.daemon.networks.configure(&id, attachments);
    world.daemon.emit_container(now, "create", &id, &[]);
    Ok(id)
}

/// The world's entropy as the name generator wants it.
struct SeededFromWorld<'a>(&'a mut crate::world::World);

impl crate::ports::Entropy for SeededFromWorld<'_> {
    fn next_u64(&mut self) -> u64 {
        self.0.random()
    }
}
