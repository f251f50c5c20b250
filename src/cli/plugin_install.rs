//! `docker plugin install`: pull a plugin from a registry and enable it.

use super::command::{Args, Command};
use super::container_opts::TRUST_VERIFY;
use super::flags::Flag;

/// `docker plugin install`.
pub const CMD: Command = Command {
    name: "install",
    usage: "[OPTIONS] PLUGIN [KEY=VALUE...]",
    short: "Install a plugin",
    flags: &[
        Flag::bool("disable", None, "Do not enable the plugin on install"),
        Flag::string("alias", None, "Local name for plugin"),
        Flag::bool(
            "grant-all-permissions",
            None,
            "Grant all permissions necessary to run the plugin",
        ),
        TRUST_VERIFY,
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
