//! `docker pull` (= `docker image pull`): download an image from a registry.

use super::command::{Args, Command, Group};
use super::container_opts::{PLATFORM, TRUST_VERIFY};
use super::flags::Flag;

/// `docker pull`.
pub const CMD: Command = Command {
    name: "pull",
    usage: "[OPTIONS] NAME[:TAG|@DIGEST]",
    short: "Download an image from a registry",
    aliases_help: "docker image pull, docker pull",
    flags: &[
        Flag::bool(
            "all-tags",
            Some('a'),
            "Download all tagged images in the repository",
        ),
        Flag::bool("quiet", Some('q'), "Suppress verbose output"),
        PLATFORM,
        TRUST_VERIFY,
    ],
    args: Args::Exact(1),
    group: Group::Common(5),
    ..Command::LEAF
};
