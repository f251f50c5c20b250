//! `docker events` (= `docker system events`): the daemon's event stream.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker events`.
pub const CMD: Command = Command {
    name: "events",
    short: "Get real time events from the server",
    aliases_help: "docker system events, docker events",
    flags: &[
        Flag::string("since", None, "Show all events created since timestamp"),
        Flag::string("until", None, "Stream events until this timestamp"),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, INSPECT_FORMAT_HELP),
    ],
    args: Args::No,
    ..Command::LEAF
};
