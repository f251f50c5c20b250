//! `docker manifest push`: upload a local manifest list to its repository.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker manifest push`.
pub const CMD: Command = Command {
    name: "push",
    usage: "[OPTIONS] MANIFEST_LIST",
    short: "Push a manifest list to a repository",
    experimental: true,
    flags: &[
        Flag::bool(
            "purge",
            Some('p'),
            "Remove the local manifest list after push",
        ),
        Flag::bool("insecure", None, "Allow push to an insecure registry"),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
