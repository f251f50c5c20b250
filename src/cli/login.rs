//! `docker login`: authenticate to a registry (Docker Hub when no server is named).

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker login`.
pub const CMD: Command = Command {
    name: "login",
    usage: "[OPTIONS] [SERVER]",
    short: "Authenticate to a registry",
    long: "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
    flags: &[
        Flag::string("username", Some('u'), "Username"),
        Flag::string("password", Some('p'), "Password"),
        Flag::bool("password-stdin", None, "Take the password from stdin"),
    ],
    args: Args::Max(1),
    group: Group::Common(8),
    ..Command::LEAF
};
