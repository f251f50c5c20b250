//! `docker builder`: the management command for builds (the classic builder: no buildx
//! plugin is installed).

use super::command::Command;
use super::{build, builder_prune};

/// `docker builder`.
pub const CMD: Command = Command {
    name: "builder",
    short: "Manage builds",
    subcommands: &[build::CMD, builder_prune::CMD],
    ..Command::GROUP
};
