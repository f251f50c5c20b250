//! `docker builder prune`: remove the build cache.

use super::command::{Args, Command};
use super::confirm::confirm_inline_then;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::format::units::human_size;
use crate::world::World;

/// `docker builder prune`.
pub const CMD: Command = Command {
    name: "prune",
    usage: "",
    short: "Remove build cache",
    flags: &[
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused build cache, not just dangling ones",
        ),
        Flag::filter("filter", None, "Provide filter values (e.g. \"until=24h\")"),
        Flag::bytes(
            "keep-storage",
            None,
            "Amount of disk space to keep for cache",
        ),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    for flag in ["filter", "keep-storage"] {
        if p.changed(flag) {
            ctx.out.err(format!(
                "berth: \"{} --{flag}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    let question = if p.bool("all") {
        "WARNING! This will remove all build cache. Are you sure you want to continue?"
    } else {
        "WARNING! This will remove all dangling build cache. Are you sure you want to continue?"
    };
    confirm_inline_then(
        ctx,
        p.bool("force"),
        question,
        Box::new(|world: &mut World| {
            let (mut text, freed) = prune(world);
            text.push_str(&format!(
                "Total reclaimed space: {}\n",
                human_size(freed as f64)
            ));
            (text, 0)
        }),
    )
}

/// Empties the build cache (no build is using it between command lines); returns the
/// `Deleted build cache objects:` section (empty when there was none) and the bytes freed.
pub fn prune(world: &mut World) -> (String, u64) {
    let (ids, freed) = world.daemon.build_cache.prune();
    let mut text = String::new();
    if !ids.is_empty() {
        text.push_str("Deleted build cache objects:\n");
        for id in &ids {
            text.push_str(&format!("{id}\n"));
        }
        text.push('\n');
    }
    let now = world.now();
    world.daemon.emit(
        now,
        "builder",
        "prune",
        "",
        &[("reclaimed", &freed.to_string())],
    );
    (text, freed)
}
