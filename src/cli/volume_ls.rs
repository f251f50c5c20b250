//! `docker volume ls` (also `list`): list volumes.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};

/// `docker volume ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List volumes",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"dangling=true\")",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("quiet", Some('q'), "Only display volume names"),
        // Cluster volumes need a swarm manager: hidden on this daemon.
        Flag::bool(
            "cluster",
            None,
            "Display only cluster volumes, and use cluster volume list formatting",
        )
        .hidden(),
    ],
    args: Args::No,
    ..Command::LEAF
};
