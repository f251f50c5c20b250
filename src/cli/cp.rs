//! `docker cp` (= `docker container cp`): copy files between a container and the host.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker cp`.
pub const CMD: Command = Command {
    name: "cp",
    usage: "[OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-
\tdocker cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH",
    short: "Copy files/folders between a container and the local filesystem",
    long: "Copy files/folders between a container and the local filesystem

Use '-' as the source to read a tar archive from stdin
and extract it to a directory destination in a container.
Use '-' as the destination to stream a tar archive of a
container source to stdout.",
    aliases_help: "docker container cp, docker cp",
    flags: &[
        Flag::bool(
            "archive",
            Some('a'),
            "Archive mode (copy all uid/gid information)",
        ),
        Flag::bool(
            "follow-link",
            Some('L'),
            "Always follow symbol link in SRC_PATH",
        ),
        Flag::bool(
            "quiet",
            Some('q'),
            "Suppress progress output during copy. Progress output is automatically suppressed if no terminal is attached",
        ),
    ],
    args: Args::Exact(2),
    ..Command::LEAF
};
