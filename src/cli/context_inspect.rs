//! `docker context inspect`: the JSON of contexts (the current one by default).

use super::command::Command;
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker context inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] [CONTEXT] [CONTEXT...]",
    short: "Display detailed information on one or more contexts",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    ..Command::LEAF
};
