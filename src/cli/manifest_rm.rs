//! `docker manifest rm`: delete local manifest lists.

use super::command::{Args, Command};

/// `docker manifest rm`.
pub const CMD: Command = Command {
    name: "rm",
    usage: "MANIFEST_LIST [MANIFEST_LIST...]",
    short: "Delete one or more manifest lists from local storage",
    experimental: true,
    args: Args::Min(1),
    ..Command::LEAF
};
