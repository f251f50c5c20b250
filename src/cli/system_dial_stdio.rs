//! `docker system dial-stdio`: a hidden plumbing command that proxies standard input and
//! output to the daemon's socket (used by ssh connection helpers).

use super::command::{Args, Command, Group};

/// `docker system dial-stdio`.
pub const CMD: Command = Command {
    name: "dial-stdio",
    usage: "",
    short: "Proxy the stdio stream to the daemon connection. Should not be invoked manually.",
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
