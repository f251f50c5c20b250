//! `docker trust key generate`: make a signing key pair.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust key generate`.
pub const CMD: Command = Command {
    name: "generate",
    usage: "NAME",
    short: "Generate and load a signing key-pair",
    flags: &[Flag::string(
        "dir",
        None,
        "Directory to generate key in, defaults to current directory",
    )],
    args: Args::Exact(1),
    ..Command::LEAF
};
