//! The container options `docker run` and `docker create` share (docker/cli
//! `cli/command/container/opts.go`, `addFlags`), declared once for both.

use super::flags::{Check, Flag};

/// `--memory-swap` takes a size, or `-1` for unlimited swap (docker's `MemSwapBytes`).
pub fn mem_swap(v: &str) -> Result<(), String> {
    if v == "-1" {
        return Ok(());
    }
    crate::format::units::ram_in_bytes(v).map(|_| ())
}

/// The flags of `opts.go`, as docker 27.5.1 declares them against a Linux daemon: the
/// Windows-only ones and the old spellings (`--net`, `--net-alias`, `--dns-opt`) parse but
/// are hidden.
pub const CONTAINER: &[Flag] = &[
    // General purpose
    Flag::list("attach", Some('a'), "Attach to STDIN, STDOUT or STDERR"),
    Flag::list(
        "device-cgroup-rule",
        None,
        "Add a rule to the cgroup allowed devices list",
    ),
    Flag::list("device", None, "Add a host device to the container"),
    Flag::value(
        "gpus",
        None,
        "gpu-request",
        Check::Any,
        "GPU devices to add to the container ('all' to pass all GPUs)",
    ),
    Flag::list("env", Some('e'), "Set environment variables"),
    Flag::list("env-file", None, "Read in a file of environment variables"),
    Flag::string(
        "entrypoint",
        None,
        "Overwrite the default ENTRYPOINT of the image",
    ),
    Flag::list("group-add", None, "Add additional groups to join"),
    Flag::string("hostname", Some('h'), "Container host name"),
    Flag::string("domainname", None, "Container NIS domain name"),
    Flag::bool(
        "interactive",
        Some('i'),
        "Keep STDIN open even if not attached",
    ),
    Flag::list("label", Some('l'), "Set meta data on a container"),
    Flag::list("label-file", None, "Read in a line delimited file of labels"),
    Flag::bool(
        "read-only",
        None,
        "Mount the container's root filesystem as read only",
    ),
    Flag::string(
        "restart",
        None,
        "Restart policy to apply when a container exits",
    )
    .default("\"no\""),
    Flag::string("stop-signal", None, "Signal to stop the container"),
    Flag::int(
        "stop-timeout",
        None,
        "Timeout (in seconds) to stop a container",
    ),
    Flag::map("sysctl", None, "Sysctl options"),
    Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
    Flag::value("ulimit", None, "ulimit", Check::Any, "Ulimit options").default("[]"),
    Flag::string(
        "user",
        Some('u'),
        "Username or UID (format: <name|uid>[:<group|gid>])",
    ),
    Flag::string(
        "workdir",
        Some('w'),
        "Working directory inside the container",
    ),
    Flag::bool(
        "rm",
        None,
        "Automatically remove the container and its associated anonymous volumes when it exits",
    ),
    // Security
    Flag::list("cap-add", None, "Add Linux capabilities"),
    Flag::list("cap-drop", None, "Drop Linux capabilities"),
    Flag::bool(
        "privileged",
        None,
        "Give extended privileges to this container",
    ),
    Flag::list("security-opt", None, "Security Options"),
    Flag::string("userns", None, "User namespace to use"),
    Flag::string(
        "cgroupns",
        None,
        "Cgroup namespace to use (host|private)
'host':    Run the container in the Docker host's cgroup namespace
'private': Run the container in its own private cgroup namespace
'':        Use the cgroup namespace as configured by the
           default-cgroupns-mode option on the daemon (default)",
    ),
    // Network and port publishing
    Flag::list(
        "add-host",
        None,
        "Add a custom host-to-IP mapping (host:ip)",
    ),
    Flag::list("dns", None, "Set custom DNS servers"),
    Flag::list("dns-opt", None, "Set DNS options").hidden(),
    Flag::list("dns-option", None, "Set DNS options"),
    Flag::list("dns-search", None, "Set custom DNS search domains"),
    Flag::list("expose", None, "Expose a port or a range of ports"),
    Flag::string("ip", None, "IPv4 address (e.g., 172.30.100.104)"),
    Flag::string("ip6", None, "IPv6 address (e.g., 2001:db8::33)"),
    Flag::list("link", None, "Add link to another container"),
    Flag::list(
        "link-local-ip",
        None,
        "Container IPv4/IPv6 link-local addresses",
    ),
    Flag::string(
        "mac-address",
        None,
        "Container MAC address (e.g., 92:d0:c6:0a:29:33)",
    ),
    Flag::list(
        "publish",
        Some('p'),
        "Publish a container's port(s) to the host",
    ),
    Flag::bool(
        "publish-all",
        Some('P'),
        "Publish all exposed ports to random ports",
    ),
    Flag::value(
        "net",
        None,
        "network",
        Check::Any,
        "Connect a container to a network",
    )
    .hidden(),
    Flag::value(
        "network",
        None,
        "network",
        Check::Any,
        "Connect a container to a network",
    ),
    Flag::list(
        "net-alias",
        None,
        "Add network-scoped alias for the container",
    )
    .hidden(),
    Flag::list(
        "network-alias",
        None,
        "Add network-scoped alias for the container",
    ),
    // Logging and storage
    Flag::string("log-driver", None, "Logging driver for the container"),
    Flag::string(
        "volume-driver",
        None,
        "Optional volume driver for the container",
    ),
    Flag::list("log-opt", None, "Log driver options"),
    Flag::list(
        "storage-opt",
        None,
        "Storage driver options for the container",
    ),
    Flag::list("tmpfs", None, "Mount a tmpfs directory"),
    Flag::list(
        "volumes-from",
        None,
        "Mount volumes from the specified container(s)",
    ),
    Flag::list("volume", Some('v'), "Bind mount a volume"),
    Flag::value(
        "mount",
        None,
        "mount",
        Check::Any,
        "Attach a filesystem mount to the container",
    ),
    // Health-checking
    Flag::string("health-cmd", None, "Command to run to check health"),
    Flag::duration(
        "health-interval",
        None,
        "Time between running the check (ms|s|m|h) (default 0s)",
    ),
    Flag::int(
        "health-retries",
        None,
        "Consecutive failures needed to report unhealthy",
    ),
    Flag::duration(
        "health-timeout",
        None,
        "Maximum time to allow one check to run (ms|s|m|h) (default 0s)",
    ),
    Flag::duration(
        "health-start-period",
        None,
        "Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s)",
    ),
    Flag::duration(
        "health-start-interval",
        None,
        "Time between running the check during the start period (ms|s|m|h) (default 0s)",
    ),
    Flag::bool(
        "no-healthcheck",
        None,
        "Disable any container-specified HEALTHCHECK",
    ),
    // Resource management
    Flag::value(
        "blkio-weight",
        None,
        "uint16",
        Check::Uint16,
        "Block IO (relative weight), between 10 and 1000, or 0 to disable (default 0)",
    ),
    Flag::list(
        "blkio-weight-device",
        None,
        "Block IO weight (relative device weight)",
    )
    .default("[]"),
    Flag::string("cidfile", None, "Write the container ID to the file"),
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
    Flag::int("cpu-count", None, "CPU count (Windows only)").hidden(),
    Flag::int("cpu-percent", None, "CPU percent (Windows only)").hidden(),
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
        "Limit CPU real-time period in microseconds",
    ),
    Flag::int(
        "cpu-rt-runtime",
        None,
        "Limit CPU real-time runtime in microseconds",
    ),
    Flag::int("cpu-shares", Some('c'), "CPU shares (relative weight)"),
    Flag::value("cpus", None, "decimal", Check::Decimal, "Number of CPUs"),
    Flag::list(
        "device-read-bps",
        None,
        "Limit read rate (bytes per second) from a device",
    )
    .default("[]"),
    Flag::list(
        "device-read-iops",
        None,
        "Limit read rate (IO per second) from a device",
    )
    .default("[]"),
    Flag::list(
        "device-write-bps",
        None,
        "Limit write rate (bytes per second) to a device",
    )
    .default("[]"),
    Flag::list(
        "device-write-iops",
        None,
        "Limit write rate (IO per second) to a device",
    )
    .default("[]"),
    Flag::bytes(
        "io-maxbandwidth",
        None,
        "Maximum IO bandwidth limit for the system drive (Windows only)",
    )
    .hidden(),
    Flag::value(
        "io-maxiops",
        None,
        "uint",
        Check::Uint,
        "Maximum IOps limit for the system drive (Windows only)",
    )
    .hidden(),
    Flag::bytes("kernel-memory", None, "Kernel memory limit"),
    Flag::bytes("memory", Some('m'), "Memory limit"),
    Flag::bytes("memory-reservation", None, "Memory soft limit"),
    Flag::value(
        "memory-swap",
        None,
        "bytes",
        Check::Custom(mem_swap),
        "Swap limit equal to memory plus swap: '-1' to enable unlimited swap",
    ),
    Flag::int(
        "memory-swappiness",
        None,
        "Tune container memory swappiness (0 to 100)",
    )
    .default("-1"),
    Flag::bool("oom-kill-disable", None, "Disable OOM Killer"),
    Flag::int(
        "oom-score-adj",
        None,
        "Tune host's OOM preferences (-1000 to 1000)",
    ),
    Flag::int(
        "pids-limit",
        None,
        "Tune container pids limit (set -1 for unlimited)",
    ),
    // Low-level execution
    Flag::string(
        "cgroup-parent",
        None,
        "Optional parent cgroup for the container",
    ),
    Flag::string("ipc", None, "IPC mode to use"),
    Flag::string("isolation", None, "Container isolation technology"),
    Flag::string("pid", None, "PID namespace to use"),
    Flag::bytes("shm-size", None, "Size of /dev/shm"),
    Flag::string("uts", None, "UTS namespace to use"),
    Flag::string("runtime", None, "Runtime to use for this container"),
    Flag::bool(
        "init",
        None,
        "Run an init inside the container that forwards signals and reaps processes",
    ),
    Flag::map(
        "annotation",
        None,
        "Add an annotation to the container (passed through to the OCI runtime)",
    ),
];

/// `--platform`, as docker's `AddPlatformFlag` declares it.
pub const PLATFORM: Flag = Flag::string(
    "platform",
    None,
    "Set platform if server is multi-platform capable",
);

/// `--disable-content-trust` of commands that verify images (`AddTrustVerificationFlags`).
pub const TRUST_VERIFY: Flag =
    Flag::bool("disable-content-trust", None, "Skip image verification").default("true");

/// `--disable-content-trust` of commands that sign images (`AddTrustSigningFlags`).
pub const TRUST_SIGN: Flag =
    Flag::bool("disable-content-trust", None, "Skip image signing").default("true");
