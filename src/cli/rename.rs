//! `docker rename` (= `docker container rename`): give a container a new name.

use super::command::{Args, Command};

/// `docker rename`.
pub const CMD: Command = Command {
    name: "rename",
    usage: "CONTAINER NEW_NAME",
    short: "Rename a container",
    aliases_help: "docker container rename, docker rename",
    args: Args::Exact(2),
    ..Command::LEAF
};
