//! `docker context show`: the name of the current context.

use super::command::{Args, Command};

/// `docker context show`.
pub const CMD: Command = Command {
    name: "show",
    usage: "",
    short: "Print the name of the current context",
    args: Args::No,
    ..Command::LEAF
};
