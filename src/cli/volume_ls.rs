//! `docker volume ls` (also `list`): list volumes.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::Ctx;
use crate::collections::SmallSort;

/// `docker volume ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List volumes",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"dangling=true\")",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("quiet", Some('q'), "Only display volume names"),
        // Cluster volumes need a swarm manager: hidden on this daemon.
        Flag::bool(
            "cluster",
            None,
            "Display only cluster volumes, and use cluster volume list formatting",
        )
        .hidden(),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.changed("filter") || p.changed("format") {
        ctx.out.err(format!(
            "berth: \"{} --filter/--format\" is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    ctx.api("GET", "/volumes");
    let mut names: Vec<String> = ctx
        .world
        .daemon
        .volumes
        .iter()
        .map(|v| v.name.clone())
        .collect();
    names.small_sort();
    let mut text = String::new();
    if p.bool("quiet") {
        for n in &names {
            text.push_str(&format!("{n}\n"));
        }
    } else {
        text.push_str("DRIVER    VOLUME NAME\n");
        for n in &names {
            text.push_str(&format!("local     {n}\n"));
        }
    }
    ctx.out.out(text);
    0
}
