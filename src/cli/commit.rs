//! `docker commit` (= `docker container commit`): create an image from a container's
//! changes.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker commit`.
pub const CMD: Command = Command {
    name: "commit",
    usage: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
    short: "Create a new image from a container's changes",
    aliases_help: "docker container commit, docker commit",
    flags: &[
        Flag::string(
            "author",
            Some('a'),
            "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")",
        ),
        Flag::list(
            "change",
            Some('c'),
            "Apply Dockerfile instruction to the created image",
        ),
        Flag::string("message", Some('m'), "Commit message"),
        Flag::bool("pause", Some('p'), "Pause container during commit").default("true"),
    ],
    args: Args::Range(1, 2),
    ..Command::LEAF
};
