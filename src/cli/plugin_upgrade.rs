//! `docker plugin upgrade`: replace an installed plugin with a newer image.

use super::command::{Args, Command};
use super::container_opts::TRUST_VERIFY;
use super::flags::Flag;

/// `docker plugin upgrade`.
pub const CMD: Command = Command {
    name: "upgrade",
    usage: "[OPTIONS] PLUGIN [REMOTE]",
    short: "Upgrade an existing plugin",
    flags: &[
        TRUST_VERIFY,
        Flag::bool(
            "grant-all-permissions",
            None,
            "Grant all permissions necessary to run the plugin",
        ),
        Flag::bool(
            "skip-remote-check",
            None,
            "Do not check if specified remote plugin matches existing plugin image",
        ),
    ],
    args: Args::Range(1, 2),
    ..Command::LEAF
};
