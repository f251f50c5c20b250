//! `docker attach` (= `docker container attach`): attach the terminal to a running
//! container's main process.

use super::command::{Args, Command};
use super::flags::Flag;

/// `docker attach`.
pub const CMD: Command = Command {
    name: "attach",
    usage: "[OPTIONS] CONTAINER",
    short: "Attach local standard input, output, and error streams to a running container",
    aliases_help: "docker container attach, docker attach",
    flags: &[
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::bool("no-stdin", None, "Do not attach STDIN"),
        Flag::bool(
            "sig-proxy",
            None,
            "Proxy all received signals to the process",
        )
        .default("true"),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
