//! `docker build` (= `docker image build`, `docker builder build`, `docker buildx build`):
//! build an image from a Dockerfile on the host, with BuildKit's display (the daemon's side
//! is `daemon::build`). Docker 27.5.1 hands `docker build` to the buildx plugin, its default
//! builder: the flags and `--help` are buildx v0.19.3's.

use super::command::{Args, Command, Group};
use super::flags::{go_quote, Check, Flag, Parsed};
use super::{Ctx, Job, JobIo};
use crate::build::display::{render, render_plain, Progress, Vertex};
use crate::build::ignore::Ignore;
use crate::daemon::build::{build, BuildRequest};
use crate::fs::{Caller, Fs, Kind, Preserve, RwLayer};
use crate::registry::reference;

/// A `stringArray` flag (repeatable, each value whole).
const fn array(long: &'static str, short: Option<char>, usage: &'static str) -> Flag {
    Flag::value(long, short, "stringArray", Check::Any, usage)
}

/// How many flags `docker buildx build` has, hidden ones included.
const FLAG_COUNT: usize = 49;

/// buildx's flags for `build`, with `--builder`'s default as `--help` shows it: docker sets
/// `BUILDX_BUILDER` to its context when it hands `docker build` over, `docker buildx build`
/// leaves it unset.
const fn build_flags(builder_default: &'static str) -> [Flag; FLAG_COUNT] {
    [
        Flag::strings(
            "add-host",
            None,
            "Add a custom host-to-IP mapping (format: \"host:ip\")",
        ),
        Flag::strings(
            "allow",
            None,
            "Allow extra privileged entitlement (e.g., \"network.host\", \"security.insecure\")",
        ),
        array("annotation", None, "Add annotation to the image"),
        array(
            "attest",
            None,
            "Attestation parameters (format: \"type=sbom,generator=image\")",
        ),
        array("build-arg", None, "Set build-time variables"),
        array(
            "build-context",
            None,
            "Additional build contexts (e.g., name=path)",
        ),
        Flag::string("builder", None, "Override the configured builder instance")
            .default(builder_default),
        array(
            "cache-from",
            None,
            "External cache sources (e.g., \"user/app:cache\", \"type=local,src=path/to/dir\")",
        ),
        array(
            "cache-to",
            None,
            "Cache export destinations (e.g., \"user/app:cache\", \"type=local,dest=path/to/dir\")",
        ),
        Flag::string(
            "call",
            None,
            "Set method for evaluating build (\"check\", \"outline\", \"targets\")",
        )
        .default("\"build\""),
        Flag::string(
            "cgroup-parent",
            None,
            "Set the parent cgroup for the \"RUN\" instructions during build",
        ),
        // pflag prints the empty default of this alias flag as `(default )`.
        Flag::bool("check", None, "Shorthand for \"--call=check\" (default )"),
        Flag::bool("debug", Some('D'), "Enable debug logging"),
        Flag::string(
            "file",
            Some('f'),
            "Name of the Dockerfile (default: \"PATH/Dockerfile\")",
        ),
        Flag::string("iidfile", None, "Write the image ID to a file"),
        array("label", None, "Set metadata for an image"),
        Flag::bool("load", None, "Shorthand for \"--output=type=docker\""),
        Flag::string("metadata-file", None, "Write build result metadata to a file"),
        Flag::string(
            "network",
            None,
            "Set the networking mode for the \"RUN\" instructions during build",
        )
        .default("\"default\""),
        Flag::bool("no-cache", None, "Do not use cache when building the image"),
        array("no-cache-filter", None, "Do not cache specified stages"),
        array(
            "output",
            Some('o'),
            "Output destination (format: \"type=local,dest=path\")",
        ),
        array("platform", None, "Set target platform for build"),
        Flag::string(
            "progress",
            None,
            "Set type of progress output (\"auto\", \"plain\", \"tty\", \"rawjson\"). Use plain to show container output",
        )
        .default("\"auto\""),
        Flag::string(
            "provenance",
            None,
            "Shorthand for \"--attest=type=provenance\"",
        ),
        Flag::bool("pull", None, "Always attempt to pull all referenced images"),
        Flag::bool("push", None, "Shorthand for \"--output=type=registry\""),
        Flag::bool(
            "quiet",
            Some('q'),
            "Suppress the build output and print image ID on success",
        ),
        Flag::string("sbom", None, "Shorthand for \"--attest=type=sbom\""),
        array(
            "secret",
            None,
            "Secret to expose to the build (format: \"id=mysecret[,src=/local/secret]\")",
        ),
        Flag::bytes("shm-size", None, "Shared memory size for build containers"),
        array(
            "ssh",
            None,
            "SSH agent socket or keys to expose to the build (format: \"default|<id>[=<socket>|<key>[,<key>]]\")",
        ),
        array(
            "tag",
            Some('t'),
            "Name and optionally a tag (format: \"name:tag\")",
        ),
        Flag::string("target", None, "Set the target build stage to build"),
        Flag::value("ulimit", None, "ulimit", Check::Any, "Ulimit options").default("[]"),
        // Hidden: the classic builder's flags, which buildx takes and ignores.
        Flag::string(
            "print",
            None,
            "Print result of information request (e.g., outline, targets)",
        )
        .hidden(),
        Flag::bool("compress", None, "Compress the build context using gzip").hidden(),
        Flag::string("isolation", None, "Container isolation technology").hidden(),
        Flag::strings("security-opt", None, "Security options").hidden(),
        Flag::bool(
            "squash",
            None,
            "Squash newly built layers into a single new layer",
        )
        .hidden(),
        Flag::string("memory", Some('m'), "Memory limit").hidden(),
        Flag::string(
            "memory-swap",
            None,
            "Swap limit equal to memory plus swap: \"-1\" to enable unlimited swap",
        )
        .hidden(),
        Flag::int("cpu-shares", Some('c'), "CPU shares (relative weight)").hidden(),
        Flag::int(
            "cpu-period",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) period",
        )
        .hidden(),
        Flag::int(
            "cpu-quota",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) quota",
        )
        .hidden(),
        Flag::string(
            "cpuset-cpus",
            None,
            "CPUs in which to allow execution (\"0-3\", \"0,1\")",
        )
        .hidden(),
        Flag::string(
            "cpuset-mems",
            None,
            "MEMs in which to allow execution (\"0-3\", \"0,1\")",
        )
        .hidden(),
        Flag::bool(
            "rm",
            None,
            "Remove intermediate containers after a successful build",
        )
        .hidden(),
        Flag::bool("force-rm", None, "Always remove intermediate containers").hidden(),
    ]
}

/// `docker buildx build`'s flags.
const FLAGS: [Flag; FLAG_COUNT] = build_flags("");
/// The same, handed over by `docker build` on a Linux host (context `default`).
const FLAGS_DEFAULT: [Flag; FLAG_COUNT] = build_flags("\"default\"");
/// The same, handed over by `docker build` under Docker Desktop (context `desktop-linux`).
const FLAGS_DESKTOP: [Flag; FLAG_COUNT] = build_flags("\"desktop-linux\"");

/// The flags `--help` shows for `cmd` on a host whose docker context is `context`.
pub fn help_flags(cmd: &Command, context: &str) -> &'static [Flag] {
    match (cmd.plugin_path.is_empty(), context) {
        (true, _) => &FLAGS,
        (false, "desktop-linux") => &FLAGS_DESKTOP,
        (false, _) => &FLAGS_DEFAULT,
    }
}

/// `docker build`, `docker image build`, `docker builder build`: docker hands them to buildx.
pub const CMD: Command = Command {
    name: "build",
    usage: "[OPTIONS] PATH | URL | -",
    short: "Build an image from a Dockerfile",
    long: "Start a build",
    aliases_help: "docker build, docker builder build, docker image build, docker buildx b",
    flags: &FLAGS,
    args: Args::Exact(1),
    group: Group::Common(4),
    run: Some(run),
    plugin: true,
    plugin_path: "docker buildx build",
    ..Command::LEAF
};

/// `docker buildx build` (`docker buildx b`).
pub const BUILDX_CMD: Command = Command {
    name: "build",
    aliases: &["b"],
    usage: "[OPTIONS] PATH | URL | -",
    short: "Start a build",
    aliases_help: "docker build, docker builder build, docker image build, docker buildx b",
    flags: &FLAGS,
    args: Args::Exact(1),
    run: Some(run),
    plugin: true,
    ..Command::LEAF
};

/// Flags whose effect Berth does not simulate: refused rather than ignored. (`--load` is
/// what the docker driver does anyway; the hidden classic flags are ignored by buildx too.)
const REFUSED: &[&str] = &[
    "add-host",
    "allow",
    "annotation",
    "attest",
    "build-context",
    "cache-from",
    "cache-to",
    "cgroup-parent",
    "check",
    "debug",
    "iidfile",
    "metadata-file",
    "no-cache-filter",
    "output",
    "platform",
    "provenance",
    "pull",
    "push",
    "sbom",
    "secret",
    "shm-size",
    "ssh",
    "target",
    "ulimit",
    "print",
    "isolation",
    "security-opt",
    "squash",
];

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    for flag in REFUSED {
        if p.changed(flag) {
            ctx.out.err(format!(
                "berth: \"{} --{flag}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    if let Some(b) = p.last("builder") {
        if b != ctx.world.host.context_name() {
            ctx.out
                .err(format!("ERROR: no builder {} found\n", go_quote(b)));
            return 1;
        }
    }
    for (flag, only) in [("call", "build"), ("network", "default")] {
        if let Some(v) = p.last(flag).filter(|v| *v != only) {
            ctx.out.err(format!(
                "berth: \"{} --{flag} {v}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    let progress = match progress_mode(p.last("progress").unwrap_or("auto")) {
        Ok(mode) => mode,
        Err(text) => {
            ctx.out.err(text.replace("{path}", &ctx.path));
            return 1;
        }
    };
    let typed = p.args[0].clone();
    if typed == "-" || typed.contains("://") || typed.starts_with("git@") {
        ctx.out.err(format!(
            "berth: \"{} {typed}\": a context from standard input or a URL is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let mut tags = Vec::new();
    for t in p.all("tag") {
        match reference::parse_normalized_named(t) {
            Ok(r) if r.digest().is_none() => tags.push(r.tag_name_only()),
            Ok(_) => {
                ctx.out.err(format!("ERROR: invalid tag \"{t}\": refusing to create a tag with a digest reference\n"));
                return 1;
            }
            Err(e) => {
                ctx.out.err(format!("ERROR: invalid tag \"{t}\": {e}\n"));
                return 1;
            }
        }
    }
    let host = &ctx.world.host;
    let dir = host.resolve(&typed);
    let is_dir = host
        .disk()
        .borrow()
        .stat(&dir)
        .is_ok_and(|s| s.kind == Kind::Dir);
    if !is_dir {
        ctx.out.err(format!(
            "ERROR: unable to prepare context: path \"{typed}\" not found\n"
        ));
        return 1;
    }
    let (file_path, file_name) = match p.last("file") {
        Some(f) => (
            host.resolve(f),
            f.rsplit(['/', '\\']).next().unwrap_or(f).to_owned(),
        ),
        None => (
            format!("{}/Dockerfile", dir.trim_end_matches('/')),
            "Dockerfile".to_owned(),
        ),
    };
    let builder = format!("docker:{}", host.context_name());
    let width = ctx.columns;
    let dockerfile = match host.disk().borrow().read(&file_path) {
        Ok(c) => String::from_utf8_lossy(&c.to_vec()).into_owned(),
        Err(_) => {
            let v = Vertex::new(format!("[internal] load build definition from {file_name}"))
                .with_line("transferring dockerfile: 2B");
            let mut text = String::new();
            let message =
                format!("failed to read dockerfile: open {file_name}: no such file or directory");
            match progress {
                _ if p.bool("quiet") => {}
                Progress::Quiet => {}
                Progress::Tty => text.push_str(&render(&[v], &builder, width)),
                Progress::Plain => text.push_str(&render_plain(
                    &[v],
                    ctx.world.host.context_name(),
                    Some(&message),
                )),
            }
            text.push_str(&format!("ERROR: failed to solve: {message}\n"));
            ctx.out.err(text);
            return 1;
        }
    };
    let ignore_path = format!("{}/.dockerignore", dir.trim_end_matches('/'));
    let ignore_text = host
        .disk()
        .borrow()
        .read(&ignore_path)
        .ok()
        .map(|c| String::from_utf8_lossy(&c.to_vec()).into_owned());
    let context = context_layer(
        &host.disk().borrow(),
        &dir,
        &Ignore::parse(ignore_text.as_deref().unwrap_or_default()),
        ctx.world.now(),
    );
    let build_args = p
        .all("build-arg")
        .into_iter()
        .filter_map(|a| a.split_once('=').map(|(k, v)| (k.to_owned(), v.to_owned())))
        .collect();
    let labels = p
        .all("label")
        .into_iter()
        .map(|a| match a.split_once('=') {
            Some((k, v)) => (k.to_owned(), v.to_owned()),
            None => (a.to_owned(), String::new()),
        })
        .collect();
    let quiet = p.bool("quiet");
    let req = BuildRequest {
        dockerfile_name: file_name,
        dockerfile,
        context,
        dockerignore_size: ignore_text.map(|t| t.len() as u64),
        tags,
        build_args,
        labels,
        no_cache: p.bool("no-cache"),
        builder,
        width,
        quiet,
        progress,
    };
    ctx.api("POST", "/build");
    let world = ctx.handles.world.clone();
    let kernel = ctx.handles.kernel.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let report = build(world, kernel, req).await;
            io.stderr.write_all(report.stderr.as_bytes()).await;
            match report.image_id {
                Some(id) => {
                    if quiet {
                        io.stdout.write_all(format!("{id}\n").as_bytes()).await;
                    }
                    0
                }
                None => 1,
            }
        })
    }));
    0
}

/// What `--progress` asks for: `auto` is the terminal's display (Berth's terminal is
/// always one), `rawjson` is refused, anything else is buildkit's error.
fn progress_mode(mode: &str) -> Result<Progress, String> {
    match mode {
        "auto" | "tty" => Ok(Progress::Tty),
        "plain" => Ok(Progress::Plain),
        "quiet" => Ok(Progress::Quiet),
        "rawjson" => Err("berth: \"{path} --progress rawjson\" is not simulated yet\n".to_owned()),
        other => Err(format!("ERROR: invalid progress mode {other}\n")),
    }
}

/// The build context: the folder's files, less what `.dockerignore` leaves out.
fn context_layer(disk: &RwLayer, dir: &str, ignore: &Ignore, now: crate::ports::Nanos) -> RwLayer {
    let mut layer = RwLayer::new();
    let caller = Caller::root(now);
    if let Ok(names) = disk.read_dir(dir) {
        for n in names {
            let from = format!("{}/{n}", dir.trim_end_matches('/'));
            if let Ok(snap) = disk.snapshot(&from) {
                let _ = layer.paste(&caller, &format!("/{n}"), &snap, Preserve::ALL);
            }
        }
    }
    remove_ignored(&mut layer, "", ignore, &caller);
    layer
}

fn remove_ignored(layer: &mut RwLayer, rel: &str, ignore: &Ignore, caller: &Caller) {
    let path = if rel.is_empty() {
        "/".to_owned()
    } else {
        format!("/{rel}")
    };
    for n in layer.read_dir(&path).unwrap_or_default() {
        let child = if rel.is_empty() {
            n.clone()
        } else {
            format!("{rel}/{n}")
        };
        if ignore.excludes(&child) {
            let _ = layer.remove_all(caller, &format!("/{child}"));
        } else if layer
            .lstat(&format!("/{child}"))
            .is_ok_and(|s| s.kind == Kind::Dir)
        {
            remove_ignored(layer, &child, ignore, caller);
        }
    }
}
