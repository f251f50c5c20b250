//! `docker logs` (= `docker container logs`): a container's output.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::{Ctx, Job, JobIo};
use crate::daemon::events::{parse_rfc3339, rfc3339_nanos};
use crate::format::units::parse_go_duration;
use crate::kernel::log::LogEntry;
use crate::kernel::yield_now;
use crate::output::Stream;

/// `docker logs`.
pub const CMD: Command = Command {
    name: "logs",
    usage: "[OPTIONS] CONTAINER",
    short: "Fetch the logs of a container",
    aliases_help: "docker container logs, docker logs",
    flags: &[
        Flag::bool("details", None, "Show extra details provided to logs"),
        Flag::bool("follow", Some('f'), "Follow log output"),
        Flag::string(
            "since",
            None,
            "Show logs since timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)",
        ),
        Flag::string(
            "tail",
            Some('n'),
            "Number of lines to show from the end of the logs",
        )
        .default("\"all\""),
        Flag::bool("timestamps", Some('t'), "Show timestamps"),
        Flag::string(
            "until",
            None,
            "Show logs before a timestamp (e.g. \"2013-01-02T13:23:37Z\") or relative (e.g. \"42m\" for 42 minutes)",
        ),
    ],
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.bool("details") {
        ctx.out
            .err("berth: \"docker logs --details\" is not simulated yet\n");
        return 1;
    }
    let target = &p.args[0];
    ctx.api("GET", &format!("/containers/{target}/logs"));
    let id = match ctx.world.daemon.containers.resolve(target) {
        Ok(id) => id,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let now = ctx.world.now();
    let time = |flag: &str| -> Result<Option<i64>, String> {
        match p.last(flag) {
            None => Ok(None),
            Some(v) => parse_go_duration(v)
                .map(|d| now - d)
                .ok()
                .or_else(|| parse_rfc3339(v))
                .or_else(|| v.parse::<i64>().ok().map(|s| s * crate::ports::SECOND))
                .map(Some)
                .ok_or_else(|| format!("invalid value for \"{flag}\": failed to parse value as time or duration: \"{v}\"")),
        }
    };
    let (since, until) = match (time("since"), time("until")) {
        (Ok(s), Ok(u)) => (s, u),
        (Err(e), _) | (_, Err(e)) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    let tail = match p.last("tail") {
        None | Some("all") => None,
        Some(n) => match n.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n as usize),
            _ => None,
        },
    };
    let timestamps = p.bool("timestamps");
    let Some(c) = ctx.world.daemon.containers.get(&id) else {
        return 1;
    };
    let show_echo = c.config.tty;
    let entries: Vec<LogEntry> = c
        .log
        .borrow()
        .entries()
        .iter()
        .filter(|e| show_echo || !e.echo)
        .filter(|e| since.is_none_or(|s| e.time >= s) && until.is_none_or(|u| e.time <= u))
        .cloned()
        .collect();
    let cursor = c.log.borrow().len();
    let lines = split_lines(&entries);
    let skip = tail.map_or(0, |t| lines.len().saturating_sub(t));
    for (time, stream, text) in &lines[skip..] {
        let text = if timestamps {
            format!("{} {text}", rfc3339_nanos(*time))
        } else {
            text.clone()
        };
        ctx.out.push(*stream, &text);
    }
    if !p.bool("follow") {
        return 0;
    }
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let mut cursor = cursor;
            loop {
                let (new, running) = {
                    let world = handles.world.borrow();
                    match world.daemon.containers.get(&id) {
                        Some(c) => {
                            let log = c.log.borrow();
                            let new: Vec<LogEntry> = log.since(cursor).to_vec();
                            cursor = log.len();
                            (new, c.state.is_running())
                        }
                        None => (Vec::new(), false),
                    }
                };
                for (time, stream, text) in split_lines(&new) {
                    let text = if timestamps {
                        format!("{} {text}", rfc3339_nanos(time))
                    } else {
                        text
                    };
                    let sink = if stream == Stream::Stderr {
                        &io.stderr
                    } else {
                        &io.stdout
                    };
                    sink.write_all(text.as_bytes()).await;
                }
                if !running {
                    return 0;
                }
                yield_now().await;
            }
        })
    }));
    0
}

/// Log entries cut into lines (each keeps its newline), as docker stores them.
fn split_lines(entries: &[LogEntry]) -> Vec<(i64, Stream, String)> {
    let mut out = Vec::new();
    for e in entries {
        for line in e.text.split_inclusive('\n') {
            out.push((e.time, e.stream, line.to_owned()));
        }
    }
    out
}
