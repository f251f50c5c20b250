//! `docker manifest annotate`: add platform details to an entry of a local manifest list.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker manifest annotate`.
pub const CMD: Command = Command {
    name: "annotate",
    usage: "[OPTIONS] MANIFEST_LIST MANIFEST",
    short: "Add additional information to a local image manifest",
    experimental: true,
    flags: &[
        Flag::string("os", None, "Set operating system"),
        Flag::string("arch", None, "Set architecture"),
        Flag::string("os-version", None, "Set operating system version"),
        Flag::strings("os-features", None, "Set operating system feature"),
        Flag::string("variant", None, "Set architecture variant"),
    ],
    args: Args::Exact(2),
    ..Command::LEAF
};
