//! `docker plugin inspect`: the JSON of installed plugins.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker plugin inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] PLUGIN [PLUGIN...]",
    short: "Display detailed information on one or more plugins",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::Min(1),
    ..Command::LEAF
};
