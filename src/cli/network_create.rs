//! `docker network create`: create a network (a user-defined bridge by default).

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker network create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] NETWORK",
    short: "Create a network",
    flags: &[
        Flag::string("driver", Some('d'), "Driver to manage the Network").default("\"bridge\""),
        Flag::map("opt", Some('o'), "Set driver specific options"),
        Flag::list("label", None, "Set metadata on a network"),
        Flag::bool("internal", None, "Restrict external access to the network"),
        Flag::bool("ipv6", None, "Enable or disable IPv6 networking"),
        Flag::bool("attachable", None, "Enable manual container attachment"),
        Flag::bool("ingress", None, "Create swarm routing-mesh network"),
        Flag::string("scope", None, "Control the network's scope"),
        Flag::bool("config-only", None, "Create a configuration only network"),
        Flag::string(
            "config-from",
            None,
            "The network from which to copy the configuration",
        ),
        Flag::string("ipam-driver", None, "IP Address Management Driver").default("\"default\""),
        Flag::strings(
            "subnet",
            None,
            "Subnet in CIDR format that represents a network segment",
        ),
        Flag::strings("ip-range", None, "Allocate container ip from a sub-range"),
        Flag::strings(
            "gateway",
            None,
            "IPv4 or IPv6 Gateway for the master subnet",
        ),
        Flag::map(
            "aux-address",
            None,
            "Auxiliary IPv4 or IPv6 addresses used by Network driver",
        ),
        Flag::map("ipam-opt", None, "Set IPAM driver specific options"),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
