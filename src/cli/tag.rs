//! `docker tag` (= `docker image tag`): give an image another name.

use super::command::{Args, Command};

/// `docker tag`.
pub const CMD: Command = Command {
    name: "tag",
    usage: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
    short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
    aliases_help: "docker image tag, docker tag",
    args: Args::Exact(2),
    ..Command::LEAF
};
