//! `docker manifest inspect`: an image's manifest, or manifest list, from the registry.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker manifest inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] [MANIFEST_LIST] MANIFEST",
    short: "Display an image manifest, or manifest list",
    experimental: true,
    flags: &[
        Flag::bool(
            "insecure",
            None,
            "Allow communication with an insecure registry",
        ),
        Flag::bool(
            "verbose",
            Some('v'),
            "Output additional info including layers and platform",
        ),
    ],
    args: Args::Range(1, 2),
    ..Command::LEAF
};
