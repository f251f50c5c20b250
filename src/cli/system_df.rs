//! `docker system df`: disk space used by images, containers, volumes and the build cache.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker system df`.
pub const CMD: Command = Command {
    name: "df",
    short: "Show docker disk usage",
    flags: &[
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "verbose",
            Some('v'),
            "Show detailed information on space usage",
        ),
    ],
    args: Args::No,
    ..Command::LEAF
};
