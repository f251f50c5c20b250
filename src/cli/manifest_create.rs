//! `docker manifest create`: make a local manifest list from image manifests.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker manifest create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "MANIFEST_LIST MANIFEST [MANIFEST...]",
    short: "Create a local manifest list for annotating and pushing to a registry",
    experimental: true,
    flags: &[
        Flag::bool(
            "insecure",
            None,
            "Allow communication with an insecure registry",
        ),
        Flag::bool("amend", Some('a'), "Amend an existing manifest list"),
    ],
    args: Args::Min(2),
    ..Command::LEAF
};
