//! `docker system prune`: remove stopped containers, unused networks, dangling images and
//! the build cache (and with flags, unused images and volumes).

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::filters::Filters;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::format::units::human_size;
use crate::world::World;

/// `docker system prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused data",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused images not just dangling ones",
        ),
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"label=<key>=<value>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
        Flag::bool("volumes", None, "Prune anonymous volumes"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.changed("filter") {
        ctx.out.err(format!(
            "berth: \"{} --filter\" is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let (all, volumes) = (p.bool("all"), p.bool("volumes"));
    let mut warning = String::from(
        "WARNING! This will remove:\n  - all stopped containers\n  - all networks not used by at least one container\n",
    );
    if volumes {
        warning.push_str("  - all anonymous volumes not used by at least one container\n");
    }
    warning.push_str(if all {
        "  - all images without at least one container associated to them\n  - all build cache\n"
    } else {
        "  - all dangling images\n  - unused build cache\n"
    });
    confirm_then(
        ctx,
        p.bool("force"),
        &warning,
        Box::new(move |world: &mut World| prune(world, all, volumes)),
    )
}

/// Prunes containers, networks, (volumes,) images and the build cache, in docker's order;
/// the report it prints.
fn prune(world: &mut World, all: bool, volumes: bool) -> (String, i32) {
    let (mut text, mut reclaimed) = super::container_prune::prune(world);
    text.push_str(&super::network_prune::prune(
        world,
        None,
        &crate::cli::filters::Filters::default(),
    ));
    if volumes {
        let now = world.now();
        let removed = world.daemon.volumes.prune_where(false, &|_| true);
        if !removed.is_empty() {
            text.push_str("Deleted Volumes:\n");
            for (name, size) in &removed {
                world
                    .daemon
                    .emit(now, "volume", "destroy", name, &[("driver", "local")]);
                text.push_str(&format!("{name}\n"));
                reclaimed += size;
            }
            text.push('\n');
        }
        let freed: u64 = removed.iter().map(|(_, s)| s).sum();
        world.daemon.emit(
            now,
            "volume",
            "prune",
            "",
            &[("reclaimed", &freed.to_string())],
        );
    }
    let (images, freed) = super::image_prune::prune_images(world, all, None, &Filters::default());
    text.push_str(&images);
    reclaimed += freed;
    let (cache, freed) = super::builder_prune::prune(world);
    text.push_str(&cache);
    reclaimed += freed;
    text.push_str(&format!(
        "Total reclaimed space: {}\n",
        human_size(reclaimed as f64)
    ));
    (text, 0)
}
