//! `docker trust sign`: sign an image tag.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust sign`.
pub const CMD: Command = Command {
    name: "sign",
    usage: "IMAGE:TAG",
    short: "Sign an image",
    flags: &[Flag::bool("local", None, "Sign a locally tagged image")],
    args: Args::Exact(1),
    ..Command::LEAF
};
