//! `docker push` (= `docker image push`): upload an image to a registry.

use super::command::{Args, Command, Group};
use super::container_opts::TRUST_SIGN;
use super::flags::Flag;

/// `docker push`.
pub const CMD: Command = Command {
    name: "push",
    usage: "[OPTIONS] NAME[:TAG]",
    short: "Upload an image to a registry",
    aliases_help: "docker image push, docker push",
    flags: &[
        Flag::bool(
            "all-tags",
            Some('a'),
            "Push all tags of an image to the repository",
        ),
        Flag::bool("quiet", Some('q'), "Suppress verbose output"),
        Flag::string(
            "platform",
            None,
            "Push a platform-specific manifest as a single-platform image to the registry.
Image index won't be pushed, meaning that other manifests, including attestations won't be preserved.
'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
        ),
        TRUST_SIGN,
    ],
    args: Args::Exact(1),
    group: Group::Common(6),
    ..Command::LEAF
};
