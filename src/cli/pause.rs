//! `docker pause` (= `docker container pause`): freeze every process of containers.

use super::command::{Args, Command};

/// `docker pause`.
pub const CMD: Command = Command {
    name: "pause",
    usage: "CONTAINER [CONTAINER...]",
    short: "Pause all processes within one or more containers",
    aliases_help: "docker container pause, docker pause",
    args: Args::Min(1),
    ..Command::LEAF
};
