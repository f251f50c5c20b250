//! `docker system`: the management command for the daemon as a whole.

use super::command::Command;
use super::{events, info, system_df, system_dial_stdio, system_prune};

/// `docker system`.
pub const CMD: Command = Command {
    name: "system",
    short: "Manage Docker",
    subcommands: &[
        system_df::CMD,
        system_dial_stdio::CMD,
        events::CMD,
        info::CMD,
        system_prune::CMD,
    ],
    ..Command::GROUP
};
