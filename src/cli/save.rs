//! `docker save` (= `docker image save`): images to a tar archive.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker save`.
pub const CMD: Command = Command {
    name: "save",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Save one or more images to a tar archive (streamed to STDOUT by default)",
    aliases_help: "docker image save, docker save",
    flags: &[Flag::string(
        "output",
        Some('o'),
        "Write to a file, instead of STDOUT",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
