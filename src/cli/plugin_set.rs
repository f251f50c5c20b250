//! `docker plugin set`: change a plugin's settings.

use super::command::{Args, Command};

/// `docker plugin set`.
pub const CMD: Command = Command {
    name: "set",
    usage: "PLUGIN KEY=VALUE [KEY=VALUE...]",
    short: "Change settings for a plugin",
    args: Args::Min(2),
    ..Command::LEAF
};
