//! `docker container`: the management command for containers.

use super::command::Command;
use super::{
    attach, commit, container_inspect, container_prune, cp, create, diff, exec, export, kill, logs,
    pause, port, ps, rename, restart, rm, run, start, stats, stop, top, unpause, update, wait,
};

/// `docker container`.
pub const CMD: Command = Command {
    name: "container",
    short: "Manage containers",
    subcommands: &[
        attach::CMD,
        commit::CMD,
        cp::CMD,
        create::CMD,
        diff::CMD,
        exec::CMD,
        export::CMD,
        container_inspect::CMD,
        kill::CMD,
        logs::CMD,
        ps::CMD,
        pause::CMD,
        port::CMD,
        container_prune::CMD,
        rename::CMD,
        restart::CMD,
        rm::CMD,
        run::CMD,
        start::CMD,
        stats::CMD,
        stop::CMD,
        top::CMD,
        unpause::CMD,
        update::CMD,
        wait::CMD,
    ],
    ..Command::GROUP
};
