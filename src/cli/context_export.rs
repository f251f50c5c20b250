//! `docker context export`: write a context to a tar archive.

use super::command::{Args, Command};

/// `docker context export`.
pub const CMD: Command = Command {
    name: "export",
    usage: "[OPTIONS] CONTEXT [FILE|-]",
    short: "Export a context to a tar archive FILE or a tar stream on STDOUT.",
    args: Args::Range(1, 2),
    ..Command::LEAF
};
