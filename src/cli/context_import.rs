//! `docker context import`: read a context from a tar or zip archive.

use super::command::{Args, Command};

/// `docker context import`.
pub const CMD: Command = Command {
    name: "import",
    usage: "CONTEXT FILE|-",
    short: "Import a context from a tar or zip file",
    args: Args::Exact(2),
    ..Command::LEAF
};
