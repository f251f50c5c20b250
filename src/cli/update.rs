//! `docker update` (= `docker container update`): change the resource limits and restart
//! policy of containers.

use super::command::{Args, Command};
use super::container_opts::mem_swap;
use super::flags::{Check, Flag, Parsed};
use super::lifecycle::resolve_all;
use super::run_opts::parse_restart;
use super::Ctx;

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
    run: Some(run),
    ..Command::LEAF
};

/// The flags of `docker update` other than `--restart` (their limits are not simulated).
const LIMITS: &[&str] = &[
    "blkio-weight",
    "cpu-period",
    "cpu-quota",
    "cpu-rt-period",
    "cpu-rt-runtime",
    "cpuset-cpus",
    "cpuset-mems",
    "cpu-shares",
    "memory",
    "memory-reservation",
    "memory-swap",
    "kernel-memory",
    "pids-limit",
    "cpus",
];

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if let Some(flag) = LIMITS.iter().find(|f| p.changed(f)) {
        ctx.out.err(format!(
            "berth: \"{} --{flag}\" is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let Some(spec) = p.last("restart") else {
        ctx.out
            .err("you must provide one or more flags when using this command\n");
        return 1;
    };
    let policy = match parse_restart(spec) {
        Ok(r) => r,
        Err(r) => {
            ctx.out.err(format!("{}\n", r.message));
            return 1;
        }
    };
    let mut errors = Vec::new();
    for (arg, r) in resolve_all(ctx, &p.args) {
        ctx.api("POST", &format!("/containers/{arg}/update"));
        let id = match r {
            Ok(id) => id,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let now = ctx.world.now();
        let Some(c) = ctx.world.daemon.containers.get_mut(&id) else {
            continue;
        };
        if c.host.auto_remove && policy.name != "no" {
            errors.push(format!("Error response from daemon: Cannot update container {id}: Restart policy cannot be updated because AutoRemove is enabled for the container"));
            continue;
        }
        c.host.restart = policy.clone();
        ctx.world.daemon.emit_container(now, "update", &id, &[]);
        ctx.out.out(format!("{arg}\n"));
    }
    if errors.is_empty() {
        return 0;
    }
    ctx.out.err(format!("{}\n", errors.join("\n")));
    1
}
