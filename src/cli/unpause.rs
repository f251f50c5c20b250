//! `docker unpause` (= `docker container unpause`): thaw paused containers.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::lifecycle::set_paused;
use super::Ctx;

/// `docker unpause`.
pub const CMD: Command = Command {
    name: "unpause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Unpause all processes within one or more containers",
    aliases_help: "docker container unpause, docker unpause",
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    set_paused(ctx, p, false)
}
