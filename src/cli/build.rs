//! `docker build` (= `docker image build`, `docker builder build`): build an image from a
//! Dockerfile, with the classic builder (no buildx plugin is installed).

use super::command::{Args, Command, Group};
use super::container_opts::{PLATFORM, TRUST_VERIFY};
use super::flags::{Check, Flag};

/// `docker build`.
pub const CMD: Command = Command {
    name: "build",
    usage: "[OPTIONS] PATH | URL | -",
    short: "Build an image from a Dockerfile",
    aliases_help: "docker image build, docker build, docker builder build",
    flags: &[
        Flag::list(
            "tag",
            Some('t'),
            "Name and optionally a tag in the \"name:tag\" format",
        ),
        Flag::list("build-arg", None, "Set build-time variables"),
        Flag::value("ulimit", None, "ulimit", Check::Any, "Ulimit options").default("[]"),
        Flag::string(
            "file",
            Some('f'),
            "Name of the Dockerfile (Default is \"PATH/Dockerfile\")",
        ),
        Flag::bytes("memory", Some('m'), "Memory limit"),
        Flag::value(
            "memory-swap",
            None,
            "bytes",
            Check::Custom(super::container_opts::mem_swap),
            "Swap limit equal to memory plus swap: -1 to enable unlimited swap",
        ),
        Flag::bytes("shm-size", None, "Size of \"/dev/shm\""),
        Flag::int("cpu-shares", Some('c'), "CPU shares (relative weight)"),
        Flag::int(
            "cpu-period",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) period",
        ),
        Flag::int(
            "cpu-quota",
            None,
            "Limit the CPU CFS (Completely Fair Scheduler) quota",
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
        Flag::string(
            "cgroup-parent",
            None,
            "Set the parent cgroup for the \"RUN\" instructions during build",
        ),
        Flag::string("isolation", None, "Container isolation technology"),
        Flag::list("label", None, "Set metadata for an image"),
        Flag::bool("no-cache", None, "Do not use cache when building the image"),
        Flag::bool(
            "rm",
            None,
            "Remove intermediate containers after a successful build",
        )
        .default("true"),
        Flag::bool("force-rm", None, "Always remove intermediate containers"),
        Flag::bool(
            "quiet",
            Some('q'),
            "Suppress the build output and print image ID on success",
        ),
        Flag::bool(
            "pull",
            None,
            "Always attempt to pull a newer version of the image",
        ),
        Flag::strings("cache-from", None, "Images to consider as cache sources"),
        Flag::bool("compress", None, "Compress the build context using gzip"),
        Flag::strings("security-opt", None, "Security options"),
        Flag::string(
            "network",
            None,
            "Set the networking mode for the RUN instructions during build",
        )
        .default("\"default\""),
        Flag::list(
            "add-host",
            None,
            "Add a custom host-to-IP mapping (\"host:ip\")",
        ),
        Flag::string("target", None, "Set the target build stage to build."),
        Flag::string("iidfile", None, "Write the image ID to the file"),
        TRUST_VERIFY,
        PLATFORM,
        // Needs an experimental daemon: hidden on this one.
        Flag::bool(
            "squash",
            None,
            "Squash newly built layers into a single new layer",
        )
        .hidden(),
    ],
    args: Args::Exact(1),
    group: Group::Common(4),
    ..Command::LEAF
};
