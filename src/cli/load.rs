//! `docker load` (= `docker image load`): load images from a tar archive `docker save`
//! wrote.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker load`.
pub const CMD: Command = Command {
    name: "load",
    short: "Load an image from a tar archive or STDIN",
    aliases_help: "docker image load, docker load",
    flags: &[
        Flag::string(
            "input",
            Some('i'),
            "Read from tar archive file, instead of STDIN",
        ),
        Flag::bool("quiet", Some('q'), "Suppress the load output"),
    ],
    args: Args::No,
    ..Command::LEAF
};
