//! `docker export` (= `docker container export`): a container's filesystem as a tar archive.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker export`.
pub const CMD: Command = Command {
    name: "export",
    usage: "[OPTIONS] CONTAINER",
    short: "Export a container's filesystem as a tar archive",
    aliases_help: "docker container export, docker export",
    flags: &[Flag::string(
        "output",
        Some('o'),
        "Write to a file, instead of STDOUT",
    )],
    args: Args::Exact(1),
    ..Command::LEAF
};
