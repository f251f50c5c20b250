//! `docker swarm ca`: show or rotate the swarm's root CA. Needs a swarm manager, so docker
//! hides it on this daemon.

use super::command::{Args, Command, Group};
use super::flags::{Check, Flag};
use super::swarm_init::SWARM_SETTINGS;

/// `docker swarm ca`.
pub const CMD: Command = Command {
    name: "ca",
    usage: "[OPTIONS]",
    short: "Display and rotate the root CA",
    flags: &[
        Flag::value(
            "ca-cert",
            None,
            "pem-file",
            Check::Any,
            "Path to the PEM-formatted root CA certificate to use for the new cluster",
        ),
        Flag::value(
            "ca-key",
            None,
            "pem-file",
            Check::Any,
            "Path to the PEM-formatted root CA key to use for the new cluster",
        ),
        SWARM_SETTINGS[2],
        SWARM_SETTINGS[3],
        Flag::bool(
            "detach",
            Some('d'),
            "Exit immediately instead of waiting for the root rotation to converge",
        ),
        Flag::bool("quiet", Some('q'), "Suppress progress output"),
        Flag::bool(
            "rotate",
            None,
            "Rotate the swarm CA - if no certificate or key are provided, new ones will be generated",
        ),
    ],
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
