//! `docker import` (= `docker image import`): make an image of one layer from a tarball,
//! such as one `docker export` wrote.

use super::command::{Args, Command};
use super::container_opts::PLATFORM;
use super::flags::Flag;

/// `docker import`.
pub const CMD: Command = Command {
    name: "import",
    usage: "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
    short: "Import the contents from a tarball to create a filesystem image",
    aliases_help: "docker image import, docker import",
    flags: &[
        Flag::list(
            "change",
            Some('c'),
            "Apply Dockerfile instruction to the created image",
        ),
        Flag::string(
            "message",
            Some('m'),
            "Set commit message for imported image",
        ),
        PLATFORM,
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
