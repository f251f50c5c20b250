//! `docker trust key`: the management command for signing keys.

use super::command::Command;
use super::{trust_key_generate, trust_key_load};

/// `docker trust key`.
pub const CMD: Command = Command {
    name: "key",
    short: "Manage keys for signing Docker images",
    subcommands: &[trust_key_generate::CMD, trust_key_load::CMD],
    ..Command::GROUP
};
