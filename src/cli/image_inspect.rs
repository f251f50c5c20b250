//! `docker image inspect`: the low-level JSON of images.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker image inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Display detailed information on one or more images",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::Min(1),
    ..Command::LEAF
};
