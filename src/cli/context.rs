//! `docker context`: the management command for contexts (named daemon endpoints).

use super::command::Command;
use super::{
    context_create, context_export, context_import, context_inspect, context_ls, context_rm,
    context_show, context_update, context_use,
};

/// `docker context`.
pub const CMD: Command = Command {
    name: "context",
    short: "Manage contexts",
    subcommands: &[
        context_create::CMD,
        context_export::CMD,
        context_import::CMD,
        context_inspect::CMD,
        context_ls::CMD,
        context_rm::CMD,
        context_show::CMD,
        context_update::CMD,
        context_use::CMD,
    ],
    ..Command::GROUP
};
