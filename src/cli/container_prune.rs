//! `docker container prune`: remove every stopped container.

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
use crate::format::units::human_size;
use crate::world::World;

/// `docker container prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove all stopped containers",
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
        "WARNING! This will remove all stopped containers.",
        Box::new(|world: &mut World| {
            let (mut text, reclaimed) = prune(world);
            text.push_str(&format!(
                "Total reclaimed space: {}\n",
                human_size(reclaimed as f64)
            ));
            (text, 0)
        }),
    )
}

/// Removes every stopped container; returns the `Deleted Containers:` section (empty
/// when none went) and the bytes freed.
pub fn prune(world: &mut World) -> (String, u64) {
    let now = world.now();
    let ids: Vec<(String, u64)> = world
        .daemon
        .containers
        .iter()
        .filter(|c| !c.state.is_running())
        .map(|c| (c.id.clone(), c.size_rw()))
        .collect();
    let mut text = String::new();
    if !ids.is_empty() {
        text.push_str("Deleted Containers:\n");
        for (id, _) in &ids {
            world.daemon.emit_container(now, "destroy", id, &[]);
            world.daemon.containers.remove(id);
            world.daemon.release_volumes(now, id, false);
            text.push_str(&format!("{id}\n"));
        }
        text.push('\n');
    }
    let reclaimed: u64 = ids.iter().map(|(_, s)| s).sum();
    world.daemon.emit(
        now,
        "container",
        "prune",
        "",
        &[("reclaimed", &reclaimed.to_string())],
    );
    (text, reclaimed)
}
