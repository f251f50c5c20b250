//! `docker update` (= `docker container update`): change the resource limits and restart
//! policy of containers.

use super::command::{Args, Command};
use super::container_opts::mem_swap;
use super::flags::{Check, Flag};

/// `docker update`.
pub const CMD: Command = Command {
    name: "update",
    usage: "[OPTIONS] CONTAINER [CONTAINER...]",
    short: "Update configuration of one or more containers",
    aliases_help: "docker container update, docker update",
    flags: &[
        Flag::value(
            "blkio-weight",
            None,
            "uint16",
            Check::Uint16,
            "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)",
        ),
        Flag::int(
            "cpu-period",
            None,
            "Limit CPU CFS (Completely Fair Scheduler) period",
        ),
        Flag::int(
            "cpu-quota",
            None,
            "Limit CPU CFS (Completely Fair Scheduler) quota",
        ),
        Flag::int(
            "cpu-rt-period",
            None,
            "Limit the CPU real-time period in microseconds",
        ),
        Flag::int(
            "cpu-rt-runtime",
            None,
            "Limit the CPU real-time runtime in microseconds",
        ),
        Flag::string(
            "cpuset-cpus",
            None,
            "CPUs in which to allow execution (0-3, 0,1)",
        ),
        Flag::string(
            "cpuset-mems",
            None,
            "MEMs in which to allow execution (0-3, 0,1)",
        ),
        Flag::int("cpu-shares", Some('c'), "CPU shares (relative weight)"),
        Flag::bytes("memory", Some('m'), "Memory limit"),
        Flag::bytes("memory-reservation", None, "Memory soft limit"),
        Flag::value(
            "memory-swap",
            None,
            "bytes",
            Check::Custom(mem_swap),
            "Swap limit equal to memory plus swap: -1 to enable unlimited swap",
        ),
        // No longer supported by runc: docker hides it unconditionally.
        Flag::bytes("kernel-memory", None, "Kernel memory limit (deprecated)").hidden(),
        Flag::string(
            "restart",
            None,
            "Restart policy to apply when a container exits",
        ),
        Flag::int(
            "pids-limit",
            None,
            "Tune container pids limit (set -1 for unlimited)",
        ),
        Flag::value("cpus", None, "decimal", Check::Decimal, "Number of CPUs"),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
