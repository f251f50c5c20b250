//! `docker volume`: the management command for volumes.

use super::command::Command;
use super::{volume_create, volume_inspect, volume_ls, volume_prune, volume_rm, volume_update};

/// `docker volume`.
pub const CMD: Command = Command {
    name: "volume",
    short: "Manage volumes",
    subcommands: &[
        volume_create::CMD,
        volume_inspect::CMD,
        volume_ls::CMD,
        volume_prune::CMD,
        volume_rm::CMD,
        volume_update::CMD,
    ],
    ..Command::GROUP
};
