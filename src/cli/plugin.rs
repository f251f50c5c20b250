//! `docker plugin`: the management command for engine plugins.

use super::command::Command;
use super::{
    plugin_create, plugin_disable, plugin_enable, plugin_inspect, plugin_install, plugin_ls,
    plugin_push, plugin_rm, plugin_set, plugin_upgrade,
};

/// `docker plugin`.
pub const CMD: Command = Command {
    name: "plugin",
    short: "Manage plugins",
    subcommands: &[
        plugin_create::CMD,
        plugin_disable::CMD,
        plugin_enable::CMD,
        plugin_inspect::CMD,
        plugin_install::CMD,
        plugin_ls::CMD,
        plugin_push::CMD,
        plugin_rm::CMD,
        plugin_set::CMD,
        plugin_upgrade::CMD,
    ],
    ..Command::GROUP
};
