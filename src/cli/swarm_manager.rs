//! The swarm-manager-only commands (`config`, `node`, `secret`, `service`, `stack`). Docker
//! hides them from a daemon that is not a swarm manager, and the daemon refuses each of
//! their operations; so do these, whatever their arguments.

use super::command::{Args, Command, Group};
use super::flags::Parsed;
use super::Ctx;

/// The daemon's refusal, as the client prints it.
pub const NOT_A_MANAGER: &str = "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.\n";

/// Answers any use of a swarm-manager-only operation on this node.
pub fn not_a_manager(ctx: &mut Ctx<'_>, _: &Parsed) -> i32 {
    ctx.out.err(NOT_A_MANAGER);
    1
}

/// One operation of a swarm-manager-only command: listed in its `--help`, refused when used.
pub const fn operation(
    name: &'static str,
    aliases: &'static [&'static str],
    usage: &'static str,
    short: &'static str,
) -> Command {
    Command {
        name,
        aliases,
        usage,
        short,
        args: Args::Any,
        interspersed: false,
        run: Some(not_a_manager),
        unparsed: true,
        ..Command::LEAF
    }
}

/// A swarm-manager-only management command, hidden from the root help.
pub const fn hidden(
    name: &'static str,
    short: &'static str,
    subcommands: &'static [Command],
) -> Command {
    Command {
        name,
        short,
        subcommands,
        group: Group::Hidden,
        ..Command::GROUP
    }
}
