//! `docker trust key load`: import a private signing key.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust key load`.
pub const CMD: Command = Command {
    name: "load",
    usage: "[OPTIONS] KEYFILE",
    short: "Load a private key file for signing",
    flags: &[Flag::string("name", None, "Name for the loaded key").default("\"signer\"")],
    args: Args::Exact(1),
    ..Command::LEAF
};
