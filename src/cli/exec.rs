//! `docker exec` (= `docker container exec`): run a command in a running container.

use super::command::{Args, Command, Group};
use super::flags::Flag;

/// `docker exec`.
pub const CMD: Command = Command {
    name: "exec",
    usage: "[OPTIONS] CONTAINER COMMAND [ARG...]",
    short: "Execute a command in a running container",
    aliases_help: "docker container exec, docker exec",
    flags: &[
        Flag::bool(
            "detach",
            Some('d'),
            "Detached mode: run command in the background",
        ),
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::list("env", Some('e'), "Set environment variables"),
        Flag::list("env-file", None, "Read in a file of environment variables"),
        Flag::bool(
            "interactive",
            Some('i'),
            "Keep STDIN open even if not attached",
        ),
        Flag::bool(
            "privileged",
            None,
            "Give extended privileges to the command",
        ),
        Flag::bool("tty", Some('t'), "Allocate a pseudo-TTY"),
        Flag::string(
            "user",
            Some('u'),
            "Username or UID (format: \"<name|uid>[:<group|gid>]\")",
        ),
        Flag::string(
            "workdir",
            Some('w'),
            "Working directory inside the container",
        ),
    ],
    args: Args::Min(2),
    interspersed: false,
    group: Group::Common(2),
    ..Command::LEAF
};
