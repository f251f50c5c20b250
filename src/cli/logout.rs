//! `docker logout`: forget the credentials of a registry.

use super::command::{Args, Command, Group};

/// `docker logout`.
pub const CMD: Command = Command {
    name: "logout",
    usage: "[SERVER]",
    short: "Log out from a registry",
    long:
        "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
    args: Args::Max(1),
    group: Group::Common(9),
    ..Command::LEAF
};
