//! `docker pull` (= `docker image pull`): download an image from a registry.
//!
//! The pull is a job: layers download three at a time and extract in order, and on a
//! terminal each layer's line is redrawn as it goes. `docker run` and `docker create` pull
//! the same way when the image is missing, on standard error and without the first and last
//! lines that only `docker pull` prints.

use super::command::{Args, Command, Group};
use super::container_opts::{PLATFORM, TRUST_VERIFY};
use super::flags::{Flag, Parsed};
use super::progress::ProgressWriter;
use super::{Ctx, Handles, JobIo};
use crate::collections::SmallSort;
use crate::daemon::pull::{self, PullPlan, Status};
use crate::kernel::{sleep_until, Sink};
use crate::registry::reference::{self, Reference};

/// `docker pull`.
pub const CMD: Command = Command {
    name: "pull",
    usage: "[OPTIONS] NAME[:TAG|@DIGEST]",
    short: "Download an image from a registry",
    aliases_help: "docker image pull, docker pull",
    flags: &[
        Flag::bool(
            "all-tags",
            Some('a'),
            "Download all tagged images in the repository",
        ),
        Flag::bool("quiet", Some('q'), "Suppress verbose output"),
        PLATFORM,
        TRUST_VERIFY,
    ],
    args: Args::Exact(1),
    run: Some(run),
    group: Group::Common(5),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let arg = &p.args[0];
    let all = p.bool("all-tags");
    let quiet = p.bool("quiet");
    if let Some(platform) = p.last("platform") {
        if let Some(msg) = unsupported_platform(platform) {
            ctx.out.err(format!("Error response from daemon: {msg}\n"));
            return 1;
        }
    }
    let named = match reference::parse_normalized_named(arg) {
        Ok(r) => r,
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    if all && !named.is_name_only() {
        ctx.out.err("tag can't be used with --all-tags/-a\n");
        return 1;
    }
    let mut refs: Vec<Reference> = Vec::new();
    if all {
        let mut tags = ctx.world.hub.tags(&named);
        tags.small_sort();
        for t in tags {
            if let Ok(r) = named.with_tag(&t) {
                refs.push(r);
            }
        }
    } else {
        if named.is_name_only() && !quiet {
            ctx.out.out("Using default tag: latest\n");
        }
        refs.push(named.tag_name_only());
    }
    let mut plans = Vec::new();
    for r in &refs {
        ctx.api(
            "POST",
            &format!(
                "/images/create?fromImage={}&tag={}",
                r.name(),
                r.tag().unwrap_or("")
            ),
        );
        match pull::plan(ctx.world, r) {
            Ok(plan) => plans.push(plan),
            Err(e) => {
                ctx.out.err(format!("Error response from daemon: {e}\n"));
                return 1;
            }
        }
    }
    if plans.is_empty() {
        let e = crate::registry::hub::PullError::Denied {
            name: named.familiar_name(),
        };
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let handles = ctx.handles.clone();
    let tty = ctx.stdout_tty;
    let columns = ctx.columns;
    let final_line = if all {
        named.to_string()
    } else {
        plans[0].reference.to_string()
    };
    ctx.spawn_job(super::Job::new(move |io: JobIo| {
        Box::pin(async move {
            let style = PullStyle {
                tty,
                columns,
                quiet,
                all,
            };
            for plan in &plans {
                pull_job(&handles, plan, &io.stdout, style).await;
            }
            io.stdout
                .write_all(format!("{final_line}\n").as_bytes())
                .await;
            0
        })
    }));
    0
}

/// docker 27 accepts only the daemon's platform here.
fn unsupported_platform(platform: &str) -> Option<String> {
    let p = platform.to_ascii_lowercase();
    if ["linux/amd64", "linux/x86_64", "amd64", "linux"].contains(&p.as_str()) {
        return None;
    }
    Some(format!(
        "no matching manifest for {platform} in the manifest list entries"
    ))
}

/// How a pull is shown.
#[derive(Clone, Copy, Debug)]
pub struct PullStyle {
    /// The output is a terminal: redraw lines in place.
    pub tty: bool,
    /// Terminal width.
    pub columns: usize,
    /// `-q`: show nothing.
    pub quiet: bool,
    /// `--all-tags`: the status names the repository only.
    pub all: bool,
}

/// Runs one pull to its end, showing its progress on `out`, then stores the image.
pub async fn pull_job(handles: &Handles, plan: &PullPlan, out: &Sink, style: PullStyle) {
    let start = handles.world.borrow().now();
    let sys = handles.kernel.borrow().sys();
    let mut w = ProgressWriter::new(style.tty, style.columns);
    let show = |text: String| async move {
        if !style.quiet && !text.is_empty() {
            out.write_all(text.as_bytes()).await;
        }
    };
    let id = match plan.reference.tag() {
        Some(t) => t.to_owned(),
        None => plan.reference.to_string(),
    };
    show(w.line(
        Some(&id),
        &format!("Pulling from {}", plan.reference.path()),
    ))
    .await;
    let steps = pull::timeline(plan);
    let mut i = 0;
    while i < steps.len() {
        let at = steps[i].at;
        sleep_until(&sys, start + at).await;
        let mut text = String::new();
        while i < steps.len() && steps[i].at == at {
            let s = &steps[i];
            let layer = &plan.layers[s.layer];
            let bar = s.status.progress().map(|(c, t)| {
                let left = match s.status {
                    Status::Downloading(..) => Some(time_left(c, t, at)),
                    _ => None,
                };
                (c, t, left)
            });
            text.push_str(&w.layer(&layer.short, s.status.word(), bar));
            i += 1;
        }
        show(text).await;
    }
    {
        let mut world = handles.world.borrow_mut();
        pull::commit(&mut world, plan);
    }
    show(w.line(None, &format!("Digest: {}", plan.remote.manifest_digest))).await;
    let name = if style.all {
        plan.reference.familiar_name()
    } else {
        plan.reference.familiar_string()
    };
    let status = if plan.up_to_date {
        format!("Status: Image is up to date for {name}")
    } else {
        format!("Status: Downloaded newer image for {name}")
    };
    show(w.line(None, &status)).await;
}

/// A rough time left for a download, from the bytes done so far.
fn time_left(current: u64, total: u64, elapsed: crate::ports::Nanos) -> crate::ports::Nanos {
    if current == 0 {
        return 0;
    }
    let per_byte = elapsed as f64 / current as f64;
    (per_byte * total.saturating_sub(current) as f64) as crate::ports::Nanos
}
