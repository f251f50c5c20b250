//! `docker swarm update`: change the swarm's settings. Needs a swarm manager, so docker
//! hides it on this daemon.

use super::command::{Args, Command, Group};
use super::flags::{join, Flag};
use super::swarm_init::SWARM_SETTINGS;

const FLAGS: [Flag; 7] = join(
    &[Flag::bool(
        "autolock",
        None,
        "Change manager autolocking setting (true|false)",
    )],
    &SWARM_SETTINGS,
);

/// `docker swarm update`.
pub const CMD: Command = Command {
    name: "update",
    usage: "[OPTIONS]",
    short: "Update the swarm",
    flags: &FLAGS,
    args: Args::No,
    group: Group::Hidden,
    ..Command::LEAF
};
