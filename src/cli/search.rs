//! `docker search`: search Docker Hub for images.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker search`.
pub const CMD: Command = Command {
    name: "search",
    usage: "[OPTIONS] TERM",
    short: "Search Docker Hub for images",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, "Pretty-print search using a Go template"),
        Flag::int("limit", None, "Max number of search results"),
        Flag::bool("no-trunc", None, "Don't truncate output"),
    ],
    args: Args::Exact(1),
    group: Group::Common(10),
    ..Command::LEAF
};
