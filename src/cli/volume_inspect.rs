//! `docker volume inspect`: the low-level JSON of volumes.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker volume inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Display detailed information on one or more volumes",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::Min(1),
    ..Command::LEAF
};
