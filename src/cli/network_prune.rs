//! `docker network prune`: remove every network no container uses.

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::filters::Filters;
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
use crate::daemon::networks::Network;
use crate::format::units::parse_go_duration;
use crate::ports::Nanos;
use crate::world::World;

/// `docker network prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove all unused networks",
    flags: &[
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"until=<timestamp>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let filters = Filters::from_parsed(p);
    if let Err(e) = filters.check(&["until", "label", "label!"]) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let until = match until(&filters, ctx.world.now()) {
        Ok(u) => u,
        Err(v) => {
            ctx.out.err(format!(
                "Error response from daemon: failed to parse value as time or duration: \"{v}\"\n"
            ));
            return 1;
        }
    };
    confirm_then(
        ctx,
        p.bool("force"),
        "WARNING! This will remove all custom networks not used by at least one container.",
        Box::new(move |world: &mut World| (prune(world, until, &filters), 0)),
    )
}

/// The `until` filter as a time: a Go duration back from `now`, an RFC 3339 time or Unix
/// seconds; `Err` holds a value that is none of these.
fn until(filters: &Filters, now: Nanos) -> Result<Option<Nanos>, String> {
    let mut until = None;
    for v in filters.get("until") {
        let t = match parse_go_duration(v) {
            Ok(d) => now - d,
            Err(_) => crate::daemon::events::parse_rfc3339(v)
                .or_else(|| v.parse::<i64>().ok().map(|s| s * crate::ports::SECOND))
                .ok_or_else(|| v.clone())?,
        };
        until = Some(t);
    }
    Ok(until)
}

/// Whether a network passes the prune filters: made before `until`, with the labels
/// `label` asks for and none of those `label!` names.
fn kept_by(filters: &Filters, until: Option<Nanos>, net: &Network) -> bool {
    let old_enough = until.is_none_or(|u| net.created < u);
    let negated = filters
        .get("label!")
        .iter()
        .any(|f| match f.split_once('=') {
            Some((k, v)) => net.labels.get(k).is_some_and(|x| x == v),
            None => net.labels.contains_key(f.as_str()),
        });
    old_enough && filters.labels_match(&net.labels) && !negated
}

/// Removes every user network without a running container that passes the filters;
/// returns the `Deleted Networks:` section (empty when none went).
pub fn prune(world: &mut World, until: Option<Nanos>, filters: &Filters) -> String {
    let now = world.now();
    let mut text = String::new();
    let chosen: Vec<String> = world
        .daemon
        .networks
        .unused()
        .into_iter()
        .filter(|id| {
            world
                .daemon
                .networks
                .get(id)
                .is_some_and(|n| kept_by(filters, until, n))
        })
        .collect();
    for id in chosen {
        if let Ok(net) = world.daemon.networks.remove(&id) {
            if text.is_empty() {
                text.push_str("Deleted Networks:\n");
            }
            text.push_str(&format!("{}\n", net.name));
            world.daemon.emit(
                now,
                "network",
                "destroy",
                &net.id,
                &[("name", &net.name), ("type", &net.driver)],
            );
        }
    }
    if !text.is_empty() {
        text.push('\n');
    }
    // moby reports no space for networks.
    world
        .daemon
        .emit(now, "network", "prune", "", &[("reclaimed", "0")]);
    text
}
