//! `docker container ls` (also `list`, `ps`) and its top-level shortcut `docker ps`: list
//! containers.

use crate::collections::SmallSort;
use serde_json::json;

use super::command::{Args, Command, Group};
use super::filters::Filters;
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::listing::Listing;
use super::Ctx;
use crate::daemon::containers::Container;
use crate::daemon::events::go_time_string;
use crate::format::text::{ellipsis, quote};
use crate::format::units::{human_duration, human_size_with_precision};

/// `docker container ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list", "ps"],
    usage: "[OPTIONS]",
    short: "List containers",
    aliases_help: "docker container ls, docker container list, docker container ps, docker ps",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all containers (default shows just running)",
        ),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::int(
            "last",
            Some('n'),
            "Show n last created containers (includes all states)",
        )
        .default("-1"),
        Flag::bool(
            "latest",
            Some('l'),
            "Show the latest created container (includes all states)",
        ),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only display container IDs"),
        Flag::bool("size", Some('s'), "Display total file sizes"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

/// `docker ps`: the same command at the top level, without the aliases.
pub const TOP: Command = Command {
    name: "ps",
    aliases: &[],
    group: Group::Common(3),
    ..CMD
};

const DEFAULT: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}";

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let filters = Filters::from_parsed(p);
    let known = [
        "id",
        "name",
        "label",
        "exited",
        "status",
        "ancestor",
        "before",
        "since",
        "volume",
        "network",
        "publish",
        "expose",
        "health",
        "isolation",
        "is-task",
    ];
    if let Err(e) = filters.check(&known) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let statuses = [
        "created",
        "restarting",
        "running",
        "removing",
        "paused",
        "exited",
        "dead",
    ];
    for s in filters.get("status") {
        if !statuses.contains(&s.as_str()) {
            ctx.out.err(format!(
                "Error response from daemon: invalid filter 'status={s}'\n"
            ));
            return 1;
        }
    }
    let mut exited_codes = Vec::new();
    for e in filters.get("exited") {
        match e.parse::<i32>() {
            Ok(n) => exited_codes.push(n),
            Err(_) => {
                ctx.out.err(format!(
                    "Error response from daemon: invalid filter 'exited={e}'\n"
                ));
                return 1;
            }
        }
    }
    if p.bool("quiet") && p.changed("format") {
        ctx.out
            .err("WARNING: Ignoring custom format, because both --format and --quiet are set.\n");
    }
    ctx.api("GET", "/containers/json");
    let mut last = p.int("last", -1);
    if p.bool("latest") {
        last = 1;
    }
    let all =
        p.bool("all") || last > 0 || !exited_codes.is_empty() || !filters.get("status").is_empty();
    let now = ctx.world.now();
    let no_trunc = p.bool("no-trunc");
    let with_size = p.bool("size") || p.last("format").is_some_and(|f| f.contains(".Size"));
    let daemon = &ctx.world.daemon;
    let mut list: Vec<&Container> = daemon.containers.iter().collect();
    list.small_sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    if last > 0 {
        list.truncate(last as usize);
    }
    let mut rows = Vec::new();
    for c in list {
        if !all && !c.state.is_running() {
            continue;
        }
        if !filters.get("status").is_empty()
            && !filters.get("status").iter().any(|s| s == c.state.word())
        {
            continue;
        }
        let exited = matches!(c.state, crate::daemon::state::ContainerState::Exited { .. });
        let code_matches = exited && exited_codes.contains(&c.state.exit_code());
        if !exited_codes.is_empty() && !code_matches {
            continue;
        }
        if !filters.get("name").is_empty()
            && !filters
                .get("name")
                .iter()
                .any(|n| c.name.contains(n.trim_start_matches('/')))
        {
            continue;
        }
        if !filters.get("id").is_empty()
            && !filters
                .get("id")
                .iter()
                .any(|i| c.id.starts_with(i.as_str()))
        {
            continue;
        }
        if !filters.labels_match(&c.config.labels) {
            continue;
        }
        if !filters.get("ancestor").is_empty() {
            let hit = filters
                .get("ancestor")
                .iter()
                .any(|a| daemon.images.lookup(a).is_ok_and(|i| i.id == c.image_id));
            if !hit {
                continue;
            }
        }
        let command = crate::daemon::usage::list_command(c);
        let command = if no_trunc {
            quote(&command)
        } else {
            quote(&ellipsis(&command, 20))
        };
        let image_size = daemon.images.get(&c.image_id).map_or(0, |i| i.size());
        let size = if with_size {
            format!(
                "{} (virtual {})",
                human_size_with_precision(c.size_rw() as f64, 3),
                human_size_with_precision((c.size_rw() + image_size) as f64, 3)
            )
        } else {
            String::new()
        };
        let labels: Vec<String> = c
            .config
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        rows.push(json!({
            "Command": command,
            "CreatedAt": go_time_string(c.created),
            "ID": if no_trunc { c.id.clone() } else { c.short_id().to_owned() },
            "Image": c.config.image,
            "Labels": labels.join(","),
            "LocalVolumes": "0",
            "Mounts": "",
            "Names": c.name,
            "Networks": if c.state.is_running() { "bridge" } else { "" },
            "Ports": ports_text(c),
            "RunningFor": format!("{} ago", human_duration(now - c.created)),
            "Size": size,
            "State": c.state.word(),
            "Status": c.state.status_text(now),
        }));
    }
    let default = if p.bool("size") {
        "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t{{.Ports}}\t{{.Names}}\t{{.Size}}"
    } else {
        DEFAULT
    };
    let listing = Listing {
        format: p.last("format").filter(|_| !p.bool("quiet")),
        quiet: p.bool("quiet"),
        default_table: default,
        quiet_format: "{{.ID}}",
        type_name: "*formatter.ContainerContext",
        header: json!({
            "Command": "COMMAND", "CreatedAt": "CREATED AT", "ID": "CONTAINER ID", "Image": "IMAGE",
            "Labels": "LABELS", "LocalVolumes": "LOCAL VOLUMES", "Mounts": "MOUNTS", "Names": "NAMES",
            "Networks": "NETWORKS", "Ports": "PORTS", "RunningFor": "CREATED", "Size": "SIZE",
            "State": "STATE", "Status": "STATUS",
        }),
    };
    listing.print(ctx, &rows)
}

/// The PORTS column: published ports of a running container (`0.0.0.0:8080->80/tcp,
/// [::]:8080->80/tcp`), or its exposed ports (`80/tcp`); none for a container that uses the
/// host's or another container's network (it has no ports of its own).
pub fn ports_text(c: &Container) -> String {
    if !c.state.is_running() || c.shares_network() {
        return String::new();
    }
    let mut ports: Vec<&String> = c.config.exposed_ports.iter().collect();
    ports.small_sort_by_key(|p| {
        let (n, proto) = p.split_once('/').unwrap_or((p.as_str(), "tcp"));
        (n.parse::<u32>().unwrap_or(0), proto.to_owned())
    });
    let mut items = Vec::new();
    for port in ports {
        match c
            .published
            .iter()
            .filter(|(p, _, _)| p == port)
            .collect::<Vec<_>>()
        {
            bound if !bound.is_empty() => {
                for (_, ip, host_port) in bound {
                    items.push(format!("{ip}:{host_port}->{port}"));
                }
            }
            _ => items.push(port.clone()),
        }
    }
    items.join(", ")
}
