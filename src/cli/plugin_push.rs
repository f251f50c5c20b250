//! `docker plugin push`: upload a plugin to a registry.

use super::command::{Args, Command};
use super::container_opts::TRUST_SIGN;

/// `docker plugin push`.
pub const CMD: Command = Command {
    name: "push",
    usage: "[OPTIONS] PLUGIN[:TAG]",
    short: "Push a plugin to a registry",
    flags: &[TRUST_SIGN],
    args: Args::Exact(1),
    ..Command::LEAF
};
