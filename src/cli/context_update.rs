//! `docker context update`: change a context's description or endpoint.

use super::command::{Args, Command};
use super::flags::{Check, Flag};

/// `docker context update`.
pub const CMD: Command = Command {
    name: "update",
    usage: "[OPTIONS] CONTEXT",
    short: "Update a context",
    long: "Update a context

Docker endpoint config:

NAME                DESCRIPTION
from                Copy named context's Docker endpoint configuration
host                Docker endpoint on which to connect
ca                  Trust certs signed only by this CA
cert                Path to TLS certificate file
key                 Path to TLS key file
skip-tls-verify     Skip TLS certificate validation

Example:

$ docker context update my-context --description \"some description\" --docker \"host=tcp://myserver:2376,ca=~/ca-file,cert=~/cert-file,key=~/key-file\"
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
    ],
    args: Args::Exact(1),
    ..Command::LEAF
};
