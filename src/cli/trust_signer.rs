//! `docker trust signer`: the management command for the entities allowed to sign.

use super::command::Command;
use super::{trust_signer_add, trust_signer_remove};

/// `docker trust signer`.
pub const CMD: Command = Command {
    name: "signer",
    short: "Manage entities who can sign Docker images",
    subcommands: &[trust_signer_add::CMD, trust_signer_remove::CMD],
    ..Command::GROUP
};
