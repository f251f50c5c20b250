//! `docker trust`: the management command for Docker Content Trust (signed images).

use super::command::Command;
use super::{trust_inspect, trust_key, trust_revoke, trust_sign, trust_signer};

/// `docker trust`.
pub const CMD: Command = Command {
    name: "trust",
    short: "Manage trust on Docker images",
    subcommands: &[
        trust_inspect::CMD,
        trust_key::CMD,
        trust_revoke::CMD,
        trust_sign::CMD,
        trust_signer::CMD,
    ],
    ..Command::GROUP
};
