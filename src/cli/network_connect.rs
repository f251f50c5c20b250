//! `docker network connect`: attach a container to a network.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker network connect`.
pub const CMD: Command = Command {
    name: "connect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Connect a container to a network",
    flags: &[
        Flag::string("ip", None, "IPv4 address (e.g., \"172.30.100.104\")"),
        Flag::string("ip6", None, "IPv6 address (e.g., \"2001:db8::33\")"),
        Flag::list("link", None, "Add link to another container"),
        Flag::strings("alias", None, "Add network-scoped alias for the container"),
        Flag::strings(
            "link-local-ip",
            None,
            "Add a link-local address for the container",
        ),
        Flag::strings("driver-opt", None, "driver options for the network"),
    ],
    args: Args::Exact(2),
    ..Command::LEAF
};
