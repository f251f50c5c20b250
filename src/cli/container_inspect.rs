//! `docker container inspect`: the low-level JSON of containers.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

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
    ..Command::LEAF
};
