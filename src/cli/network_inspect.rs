//! `docker network inspect`: the low-level JSON of networks.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker network inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] NETWORK [NETWORK...]",
    short: "Display detailed information on one or more networks",
    flags: &[
        Flag::string("format", Some('f'), INSPECT_FORMAT_HELP),
        Flag::bool("verbose", Some('v'), "Verbose output for diagnostics"),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
