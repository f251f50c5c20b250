//! `docker context use`: make a context the current one.

use super::command::{Args, Command};

/// `docker context use`.
pub const CMD: Command = Command {
    name: "use",
    usage: "CONTEXT",
    short: "Set the current docker context",
    args: Args::Exact(1),
    ..Command::LEAF
};
