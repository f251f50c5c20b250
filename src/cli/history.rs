//! `docker history` (= `docker image history`): the layers of an image and the steps that
//! made them.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker history`.
pub const CMD: Command = Command {
    name: "history",
    usage: "[OPTIONS] IMAGE",
    short: "Show the history of an image",
    aliases_help: "docker image history, docker history",
    flags: &[
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "human",
            Some('H'),
            "Print sizes and dates in human readable format",
        )
        .default("true"),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only show image IDs"),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
