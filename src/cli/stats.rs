//! `docker stats` (= `docker container stats`): live resource usage of containers. With
//! `--no-stream` one table; otherwise a job redraws the table every half second, as docker
//! does on a terminal, until Ctrl-C (or until no container is left to show).

use crate::collections::SmallSort;
use serde_json::{json, Value};

use super::command::Command;
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::{Ctx, Job, JobIo};
use crate::daemon::stats::{sample, Sample};
use crate::format::table::render_list;
use crate::format::template::{Format, Options};
use crate::format::units::{bytes_size, human_size_with_precision};
use crate::host::HostKind;
use crate::ports::Nanos;
use crate::world::World;

/// `docker stats`.
pub const CMD: Command = Command {
    name: "stats",
    usage: "[OPTIONS] [CONTAINER...]",
    short: "Display a live stream of container(s) resource usage statistics",
    aliases_help: "docker container stats, docker stats",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all containers (default shows just running)",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "no-stream",
            None,
            "Disable streaming stats and only pull the first result",
        ),
        Flag::bool("no-trunc", None, "Do not truncate output"),
    ],
    run: Some(run),
    ..Command::LEAF
};

/// docker's default table (formatter_stats.go, Linux daemon).
const DEFAULT: &str = "table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.NetIO}}\t{{.BlockIO}}\t{{.PIDs}}";

/// How often the streaming table is redrawn (docker's ticker).
const TICK: Nanos = crate::ports::SECOND / 2;

/// What one `docker stats` shows.
#[derive(Clone)]
struct View {
    /// Containers named on the command line (as typed), or none for "all that run".
    named: Vec<String>,
    all: bool,
    trunc: bool,
    format: String,
}

/// One row: what the user named (or the id), and the container's full id when it exists.
type Entry = (String, Option<String>);

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let view = View {
        named: p.args.clone(),
        all: p.bool("all"),
        trunc: !p.bool("no-trunc"),
        format: p.last("format").unwrap_or("").to_owned(),
    };
    let mut entries: Vec<Entry> = Vec::new();
    if view.named.is_empty() {
        ctx.api("GET", "/containers/json");
        refresh(ctx.world, &view, &mut entries);
    } else {
        let mut errors = Vec::new();
        for name in &view.named {
            ctx.api("GET", &format!("/containers/{name}/stats"));
            match ctx.world.daemon.containers.resolve(name) {
                Ok(id) => {
                    if !entries.iter().any(|(_, i)| i.as_deref() == Some(&id)) {
                        entries.push((name.clone(), Some(id)));
                    }
                }
                Err(e) => errors.push(format!("Error response from daemon: {e}")),
            }
        }
        if !errors.is_empty() {
            ctx.out.err(format!("{}\n", errors.join("\n")));
            return 1;
        }
    }
    let sys = ctx.handles.kernel.borrow().sys();
    if p.bool("no-stream") {
        if entries.is_empty() {
            return 0;
        }
        let now = ctx.world.now();
        return match table(ctx.world, &sys, &view, &entries, now) {
            Ok(text) => {
                ctx.out.out(text);
                0
            }
            Err(e) => {
                ctx.out.err(format!("{e}\n"));
                1
            }
        };
    }
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let mut entries = entries;
            let mut next = handles.world.borrow().now();
            loop {
                crate::kernel::sleep_until(&sys, next + TICK).await;
                next = sys.borrow().now();
                let frame = {
                    let world = handles.world.borrow();
                    if view.named.is_empty() {
                        refresh(&world, &view, &mut entries);
                    }
                    table(&world, &sys, &view, &entries, next)
                };
                match frame {
                    Ok(text) => {
                        io.stdout.write_all(redraw(&text).as_bytes()).await;
                    }
                    Err(e) => {
                        io.stderr.write_all(format!("{e}\n").as_bytes()).await;
                        return 1;
                    }
                }
                if entries.is_empty() && !view.all {
                    return 0;
                }
            }
        })
    }));
    0
}

/// docker's redraw of one frame: cursor home, the table written once, then each of its
/// lines again with "erase to end of line", then "erase below".
fn redraw(table: &str) -> String {
    let first = format!("\x1b[H{table}");
    let mut out = first.clone();
    for line in first.split('\n') {
        out.push_str(line);
        out.push_str("\x1b[K\n");
    }
    out.push_str("\x1b[J");
    out
}

/// Keeps `entries` to the containers docker follows without names: those running (all with
/// `-a`), the ones already shown first, new ones added at the end, newest first at the start.
fn refresh(world: &World, view: &View, entries: &mut Vec<Entry>) {
    let store = &world.daemon.containers;
    let shown = |id: &str| {
        store
            .get(id)
            .is_some_and(|c| view.all || c.state.is_running())
    };
    entries.retain(|(_, id)| id.as_deref().is_some_and(shown));
    let mut fresh: Vec<(Nanos, String)> = store
        .iter()
        .filter(|c| shown(&c.id) && !entries.iter().any(|(_, i)| i.as_deref() == Some(&c.id)))
        .map(|c| (c.created, c.id.clone()))
        .collect();
    fresh.small_sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    entries.extend(fresh.into_iter().map(|(_, id)| (id.clone(), Some(id))));
}

/// The table (or template output) for `entries` at `now`.
fn table(
    world: &World,
    sys: &crate::kernel::Sys,
    view: &View,
    entries: &[Entry],
    now: Nanos,
) -> Result<String, String> {
    let desktop = world.host.kind == HostKind::Windows;
    let procs = sys.borrow();
    let rows: Vec<Value> = entries
        .iter()
        .map(|(named, id)| {
            let found = id.as_deref().and_then(|id| world.daemon.containers.get(id));
            let s = found.map(|c| {
                let mine: Vec<&crate::kernel::ProcInfo> = procs
                    .procs()
                    .values()
                    .filter(|i| i.container.as_deref() == Some(c.id.as_str()))
                    .collect();
                sample(c, &mine, desktop, now)
            });
            row(named, s.as_ref(), view.trunc)
        })
        .collect();
    let format = Format::resolve(&view.format, false, DEFAULT, "");
    let options = Options::structure("*container.statsContext").html_escaped_json();
    render_list(format.0, &header(), &rows, &options)
        .map_err(|e| format!("template parsing error: {e}"))
}

fn header() -> Value {
    json!({
        "BlockIO": "BLOCK I/O", "CPUPerc": "CPU %", "Container": "CONTAINER",
        "ID": "CONTAINER ID", "MemPerc": "MEM %", "MemUsage": "MEM USAGE / LIMIT",
        "Name": "NAME", "NetIO": "NET I/O", "PIDs": "PIDS",
    })
}

/// One row as docker's `statsContext` prints it; a container that is gone shows `--`.
fn row(named: &str, s: Option<&Sample>, trunc: bool) -> Value {
    let Some(s) = s else {
        return json!({
            "BlockIO": "--", "CPUPerc": "--", "Container": named, "ID": "", "MemPerc": "--",
            "MemUsage": "-- / --", "Name": "--", "NetIO": "--", "PIDs": "--",
        });
    };
    let pair = |(a, b): (f64, f64)| {
        format!(
            "{} / {}",
            human_size_with_precision(a, 3),
            human_size_with_precision(b, 3)
        )
    };
    json!({
        "BlockIO": pair(s.block),
        "CPUPerc": format!("{:.2}%", s.cpu_percent),
        "Container": named,
        "ID": if trunc { s.id.chars().take(12).collect::<String>() } else { s.id.clone() },
        "MemPerc": format!("{:.2}%", s.memory_percent()),
        "MemUsage": format!("{} / {}", bytes_size(s.memory), bytes_size(s.limit)),
        "Name": if s.name.is_empty() { "--".to_owned() } else { s.name.clone() },
        "NetIO": pair(s.net),
        "PIDs": s.pids.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redraw_writes_the_table_then_each_line_erased() {
        assert_eq!(
            redraw("A\nb\n"),
            "\x1b[HA\nb\n\x1b[HA\x1b[K\nb\x1b[K\n\x1b[K\n\x1b[J"
        );
    }

    #[test]
    fn gone_containers_show_dashes() {
        let r = row("web", None, true);
        assert_eq!(r["MemUsage"], "-- / --");
        assert_eq!(r["Name"], "--");
    }
}
