//! `docker container inspect`: the low-level JSON of containers.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::flags::{Flag, INSPECT_FORMAT_HELP};
use super::inspecting::{self, Found};
use super::Ctx;
use crate::format::inspect;

/// `docker container inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Display detailed information on one or more containers",
    flags: &[
        Flag::string("format", Some('f'), INSPECT_FORMAT_HELP),
        Flag::bool("size", Some('s'), "Display total file sizes"),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        ctx.api("GET", &format!("/containers/{name}/json"));
        match ctx.world.daemon.containers.lookup(name) {
            Ok(c) => {
                let v = inspect::container(ctx.world, c);
                found.push(Found {
                    typed: v.clone(),
                    raw: v,
                });
            }
            Err(e) => errors.push(format!("Error response from daemon: {e}")),
        }
    }
    inspecting::print(
        ctx,
        p.last("format"),
        "types.ContainerJSON",
        &found,
        &errors,
    )
}
