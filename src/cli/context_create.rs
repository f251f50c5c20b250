//! `docker context create`: create a context (a named daemon endpoint).

use super::command::{Args, Command};
use super::flags::{Check, Flag};

/// `docker context create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] CONTEXT",
    short: "Create a context",
    long: "Create a context

Docker endpoint config:

NAME                DESCRIPTION
from                Copy named context's Docker endpoint configuration
host                Docker endpoint on which to connect
ca                  Trust certs signed only by this CA
cert                Path to TLS certificate file
key                 Path to TLS key file
skip-tls-verify     Skip TLS certificate validation

Example:

$ docker context create my-context --description \"some description\" --docker \"host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file\"
",
    flags: &[
        Flag::string("description", None, "Description of the context"),
        Flag::value(
            "docker",
            None,
            "stringToString",
            Check::Any,
            "set the docker endpoint",
        )
        .default("[]"),
        Flag::string("from", None, "create context from a named context"),
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
