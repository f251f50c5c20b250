//! `docker trust inspect`: the signers and signatures of images (Docker Content Trust).

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker trust inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "IMAGE[:TAG] [IMAGE[:TAG]...]",
    short: "Return low-level information about keys and signatures",
    flags: &[Flag::bool(
        "pretty",
        None,
        "Print the information in a human friendly format",
    )],
    args: Args::Min(1),
    ..Command::LEAF
};
