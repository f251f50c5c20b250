//! `docker pause` (= `docker container pause`): freeze every process of containers.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::lifecycle::set_paused;
use super::Ctx;

/// `docker pause`.
pub const CMD: Command = Command {
    name: "pause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Pause all processes within one or more containers",
    aliases_help: "docker container pause, docker pause",
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    set_paused(ctx, p, true)
}
