//! `docker build` (= `docker image build`, `docker builder build`): build an image from a
//! Dockerfile on the host, with BuildKit's display (the daemon's side is `daemon::build`).

use super::command::{Args, Command, Group};
use super::container_opts::{PLATFORM, TRUST_VERIFY};
use super::flags::{Check, Flag, Parsed};
use super::{Ctx, Job, JobIo};
use crate::build::display::{render, Vertex};
use crate::build::ignore::Ignore;
use crate::daemon::build::{build, BuildRequest};
use crate::fs::{Caller, Fs, Kind, Preserve, RwLayer};
use crate::registry::reference;

/// `docker build`.
pub const CMD: Command = Command {
    name: "build",
    usage: "[OPTIONS] PATH | URL | -",
    short: "Build an image from a Dockerfile",
    aliases_help: "docker image build, docker build, docker builder build",
    flags: &[
        Flag::list(
            "tag",
            Some('t'),
            "Name and optionally a tag in the \"name:tag\" format",
        ),
        Flag::list("build-arg", None, "Set build-time variables"),
        Flag::value("ulimit", None, "ulimit", Check::Any, "Ulimit options").default("[]"),
        Flag::string(
            "file",
            Some('f'),
            "Name of the Dockerfile (Default is \"PATH/Dockerfile\")",
        ),
        Flag::bytes("memory", Some('m'), "Memory limit"),
        Flag::value(
            "memory-swap",
            None,
            "bytes",
            Check::Custom(super::container_opts::mem_swap),
            "Swap limit equal to memory plus swap: -1 to enable unlimited swap",
        ),
        Flag::bytes("shm-size", None, "Size of \"/dev/shm\""),
        Flag::int("cpu-shares", Some('c'), "CPU shares (relative weight)"),
        Flag::int(
            "cpu-period",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) period",
        ),
        Flag::int(
            "cpu-quota",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) quota",
        ),
        Flag::string(
            "cpuset-cpus",
            None,
            "CPUs in which to allow execution (0-3, 0,1)",
        ),
        Flag::string(
            "cpuset-mems",
            None,
            "MEMs in which to allow execution (0-3, 0,1)",
        ),
        Flag::string(
            "cgroup-parent",
            None,
            "Set the parent cgroup for the \"RUN\" instructions during build",
        ),
        Flag::string("isolation", None, "Container isolation technology"),
        Flag::list("label", None, "Set metadata for an image"),
        Flag::bool("no-cache", None, "Do not use cache when building the image"),
        Flag::bool(
            "rm",
            None,
            "Remove intermediate containers after a successful build",
        )
        .default("true"),
        Flag::bool("force-rm", None, "Always remove intermediate containers"),
        Flag::bool(
            "quiet",
            Some('q'),
            "Suppress the build output and print image ID on success",
        ),
        Flag::bool(
            "pull",
            None,
            "Always attempt to pull a newer version of the image",
        ),
        Flag::strings("cache-from", None, "Images to consider as cache sources"),
        Flag::bool("compress", None, "Compress the build context using gzip"),
        Flag::strings("security-opt", None, "Security options"),
        Flag::string(
            "network",
            None,
            "Set the networking mode for the RUN instructions during build",
        )
        .default("\"default\""),
        Flag::list(
            "add-host",
            None,
            "Add a custom host-to-IP mapping (\"host:ip\")",
        ),
        Flag::string("target", None, "Set the target build stage to build."),
        Flag::string("iidfile", None, "Write the image ID to the file"),
        TRUST_VERIFY,
        PLATFORM,
        // Needs an experimental daemon: hidden on this one.
        Flag::bool(
            "squash",
            None,
            "Squash newly built layers into a single new layer",
        )
        .hidden(),
    ],
    args: Args::Exact(1),
    group: Group::Common(4),
    run: Some(run),
    ..Command::LEAF
};

/// Flags whose effect Berth does not simulate.
const REFUSED: &[&str] = &[
    "cache-from",
    "iidfile",
    "target",
    "squash",
    "network",
    "add-host",
    "platform",
    "pull",
    "isolation",
    "security-opt",
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
            if !p.bool("quiet") {
                text.push_str(&render(&[v], &builder, width));
            }
            text.push_str(&format!(
                "ERROR: failed to solve: failed to read dockerfile: open {file_name}: no such file or directory\n"
            ));
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
