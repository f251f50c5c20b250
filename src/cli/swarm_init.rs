//! `docker swarm init`: make this node the first manager of a new swarm.

use super::command::{Args, Command};
use super::flags::{Check, Flag};

/// The cluster settings `swarm init` and `swarm update` share (docker's `addSwarmFlags`).
pub const SWARM_SETTINGS: [Flag; 6] = [
    Flag::int("task-history-limit", None, "Task history retention limit").default("5"),
    Flag::duration(
        "dispatcher-heartbeat",
        None,
        "Dispatcher heartbeat period (ns|us|ms|s|m|h)",
    )
    .default("5s"),
    Flag::duration(
        "cert-expiry",
        None,
        "Validity period for node certificates (ns|us|ms|s|m|h)",
    )
    .default("2160h0m0s"),
    Flag::value(
        "external-ca",
        None,
        "external-ca",
        Check::Any,
        "Specifications of one or more certificate signing endpoints",
    ),
    Flag::value(
        "max-snapshots",
        None,
        "uint",
        Check::Uint,
        "Number of additional Raft snapshots to retain",
    ),
    Flag::value(
        "snapshot-interval",
        None,
        "uint",
        Check::Uint,
        "Number of log entries between Raft snapshots",
    )
    .default("10000"),
];

/// `--listen-addr`, shared with `swarm join`.
pub const LISTEN_ADDR: Flag = Flag::value(
    "listen-addr",
    None,
    "node-addr",
    Check::Any,
    "Listen address (format: \"<ip|interface>[:port]\")",
)
.default("0.0.0.0:2377");

/// `--advertise-addr`, shared with `swarm join`.
pub const ADVERTISE_ADDR: Flag = Flag::string(
    "advertise-addr",
    None,
    "Advertised address (format: \"<ip|interface>[:port]\")",
);

/// `--data-path-addr`, shared with `swarm join`.
pub const DATA_PATH_ADDR: Flag = Flag::string(
    "data-path-addr",
    None,
    "Address or interface to use for data path traffic (format: \"<ip|interface>\")",
);

/// `--availability`, shared with `swarm join`.
pub const AVAILABILITY: Flag = Flag::string(
    "availability",
    None,
    "Availability of the node (\"active\", \"pause\", \"drain\")",
)
.default("\"active\"");

const OWN: [Flag; 8] = [
    LISTEN_ADDR,
    ADVERTISE_ADDR,
    DATA_PATH_ADDR,
    Flag::value(
        "data-path-port",
        None,
        "uint32",
        Check::Uint,
        "Port number to use for data path traffic (1024 - 49151). If no value is set or is set to 0, the default port (4789) is used.",
    ),
    Flag::bool(
        "force-new-cluster",
        None,
        "Force create a new cluster from current state",
    ),
    Flag::bool(
        "autolock",
        None,
        "Enable manager autolocking (requiring an unlock key to start a stopped manager)",
    ),
    AVAILABILITY,
    Flag::value(
        "default-addr-pool",
        None,
        "ipNetSlice",
        Check::Any,
        "default address pool in CIDR format",
    )
    .default("[]"),
];

const FLAGS: [Flag; 15] = super::flags::join(
    &OWN,
    &[
        Flag::value(
            "default-addr-pool-mask-length",
            None,
            "uint32",
            Check::Uint,
            "default address pool subnet mask length",
        )
        .default("24"),
        SWARM_SETTINGS[0],
        SWARM_SETTINGS[1],
        SWARM_SETTINGS[2],
        SWARM_SETTINGS[3],
        SWARM_SETTINGS[4],
        SWARM_SETTINGS[5],
    ],
);

/// `docker swarm init`.
pub const CMD: Command = Command {
    name: "init",
    usage: "[OPTIONS]",
    short: "Initialize a swarm",
    flags: &FLAGS,
    args: Args::No,
    ..Command::LEAF
};
