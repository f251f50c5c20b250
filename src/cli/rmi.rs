//! `docker image rm` (also `remove`) and its top-level shortcut `docker rmi`: remove images.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::images::Removed;

/// `docker image rm`.
pub const CMD: Command = Command {
    name: "rm",
    aliases: &["remove"],
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Remove one or more images",
    aliases_help: "docker image rm, docker image remove, docker rmi",
    flags: &[
        Flag::bool("force", Some('f'), "Force removal of the image"),
        Flag::bool("no-prune", None, "Do not delete untagged parents"),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

/// `docker rmi`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    name: "rmi",
    aliases: &[],
    ..CMD
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let force = p.bool("force");
    let prune = !p.bool("no-prune");
    let mut status = 0;
    for arg in &p.args {
        ctx.api(
            "DELETE",
            &format!("/images/{arg}?force={force}&noprune={}", !prune),
        );
        let users = crate::daemon::image_users(ctx.world);
        // docker names the image by its id in `untag` events.
        let image_id = ctx
            .world
            .daemon
            .images
            .lookup(arg)
            .map(|i| i.id.clone())
            .ok();
        let result = ctx
            .world
            .daemon
            .images
            .delete(arg, force, prune, &|id| users(id));
        match result {
            Ok(lines) => {
                let now = ctx.world.now();
                let mut image_deleted = false;
                for line in lines {
                    match line {
                        Removed::Untagged(r) => {
                            ctx.out.out(format!("Untagged: {r}\n"));
                            let actor = image_id.clone().unwrap_or_else(|| r.clone());
                            ctx.world.daemon.emit(
                                now,
                                "image",
                                "untag",
                                &actor,
                                &[("name", &actor)],
                            );
                        }
                        Removed::Deleted(id) => {
                            ctx.out.out(format!("Deleted: {id}\n"));
                            // The first id deleted is the image; the rest are its layers.
                            if !image_deleted {
                                image_deleted = true;
                                ctx.world.daemon.emit(
                                    now,
                                    "image",
                                    "delete",
                                    &id,
                                    &[("name", &id)],
                                );
                            }
                        }
                    }
                }
            }
            Err(e) => {
                ctx.out.err(format!("Error response from daemon: {e}\n"));
                status = 1;
            }
        }
    }
    status
}
