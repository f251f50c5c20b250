//! `docker network prune`: remove every network no container uses.

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
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
    confirm_then(
        ctx,
        p.bool("force"),
        "WARNING! This will remove all custom networks not used by at least one container.",
        Box::new(|world: &mut World| (prune(world), 0)),
    )
}

/// Removes every user network without a running container; returns the
/// `Deleted Networks:` section (empty when none went).
pub fn prune(world: &mut World) -> String {
    let now = world.now();
    let mut text = String::new();
    for id in world.daemon.networks.unused() {
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
    text
}
