//! `docker volume create`: create a named (or anonymous) volume.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker volume create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] [VOLUME]",
    short: "Create a volume",
    flags: &[
        Flag::string("driver", Some('d'), "Specify volume driver name").default("\"local\""),
        Flag::string("name", None, "Specify volume name").hidden(),
        Flag::map("opt", Some('o'), "Set driver specific options"),
        Flag::list("label", None, "Set metadata for a volume"),
        // Cluster volumes need a swarm manager: hidden on this daemon.
        Flag::string("group", None, "Cluster Volume group (cluster volumes)").hidden(),
        Flag::string("scope", None, "Cluster Volume access scope").hidden(),
        Flag::string("sharing", None, "Cluster Volume access sharing").hidden(),
        Flag::string("availability", None, "Cluster Volume availability").hidden(),
        Flag::string("type", None, "Cluster Volume access type").hidden(),
        Flag::strings(
            "topology-required",
            None,
            "A topology that the Cluster Volume must be accessible from",
        )
        .hidden(),
        Flag::strings(
            "topology-preferred",
            None,
            "A topology that the Cluster Volume would be preferred in",
        )
        .hidden(),
        Flag::bytes(
            "limit-bytes",
            None,
            "Minimum size of the Cluster Volume in bytes",
        )
        .hidden(),
        Flag::bytes(
            "required-bytes",
            None,
            "Maximum size of the Cluster Volume in bytes",
        )
        .hidden(),
        Flag::list("secret", None, "Cluster Volume secrets").hidden(),
    ],
    args: Args::Max(1),
    ..Command::LEAF
};
