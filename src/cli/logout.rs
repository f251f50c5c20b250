//! `docker logout`: forget the credentials of a registry.

use super::command::{Args, Command, Group};
use super::flags::Parsed;
use super::Ctx;

/// `docker logout`.
pub const CMD: Command = Command {
    name: "logout",
    usage: "[SERVER]",
    short: "Log out from a registry",
    long:
        "Log out from a registry.\nIf no server is specified, the default is defined by the daemon.",
    args: Args::Max(1),
    run: Some(run),
    group: Group::Common(9),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, _p: &Parsed) -> i32 {
    let address = super::login::HUB_ADDRESS;
    if ctx.world.login.take().is_some() {
        ctx.out
            .out(format!("Removing login credentials for {address}\n"));
    } else {
        ctx.out.out(format!("Not logged in to {address}\n"));
    }
    0
}
