//! `docker inspect`: the low-level JSON of any object (container, image, volume, network…)
//! by name or id.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::flags::{Flag, INSPECT_FORMAT_HELP};
use super::inspecting::{self, Found};
use super::Ctx;
use crate::format::inspect;

/// `docker inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] NAME|ID [NAME|ID...]",
    short: "Return low-level information on Docker objects",
    flags: &[
        Flag::string("format", Some('f'), INSPECT_FORMAT_HELP),
        Flag::bool(
            "size",
            Some('s'),
            "Display total file sizes if the type is container",
        ),
        Flag::string("type", None, "Return JSON for specified type"),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let kind = p.last("type").unwrap_or("");
    let kinds = [
        "",
        "config",
        "container",
        "image",
        "network",
        "node",
        "plugin",
        "secret",
        "service",
        "task",
        "volume",
    ];
    if !kinds.contains(&kind) {
        ctx.out
            .err(format!("\"{kind}\" is not a valid value for --type\n"));
        return 1;
    }
    if p.bool("size") {
        ctx.out
            .err("berth: \"docker inspect --size\" is not simulated yet\n");
        return 1;
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        let daemon = &ctx.world.daemon;
        if matches!(kind, "" | "container") {
            if let Ok(c) = daemon.containers.lookup(name) {
                let v = inspect::container(ctx.world, c);
                found.push(Found {
                    typed: v.clone(),
                    raw: v,
                });
                continue;
            }
        }
        if matches!(kind, "" | "image") {
            if let Ok(img) = daemon.images.lookup(name) {
                let v = inspect::image(&daemon.images, img);
                found.push(Found {
                    typed: v.clone(),
                    raw: v,
                });
                continue;
            }
        }
        errors.push(match kind {
            "" => format!("Error: No such object: {name}"),
            "container" => format!("Error response from daemon: No such container: {name}"),
            "image" => format!("Error response from daemon: No such image: {name}"),
            other => format!("Error: No such {other}: {name}"),
        });
    }
    inspecting::print(
        ctx,
        p.last("format"),
        "types.ContainerJSON",
        &found,
        &errors,
    )
}
