//! `docker builder`: the management command for builds (`docker builder build` is handed
//! to the buildx plugin, as `docker build` is).

use super::command::Command;
use super::{build, builder_prune};

/// `docker builder`.
pub const CMD: Command = Command {
    name: "builder",
    short: "Manage builds",
    subcommands: &[build::CMD, builder_prune::CMD],
    ..Command::GROUP
};
