//! `docker rename` (= `docker container rename`): give a container a new name.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::Ctx;
use crate::daemon::names;

/// `docker rename`.
pub const CMD: Command = Command {
    name: "rename",
    usage: "CONTAINER NEW_NAME",
    short: "Rename a container",
    aliases_help: "docker container rename, docker rename",
    args: Args::Exact(2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let (old, new) = (&p.args[0], p.args[1].trim_start_matches('/').to_owned());
    ctx.api("POST", &format!("/containers/{old}/rename?name={new}"));
    let fail = |ctx: &mut Ctx<'_>, msg: String| {
        ctx.out.err(format!(
            "Error response from daemon: {msg}\nError: failed to rename container named {old}\n"
        ));
        1
    };
    let id = match ctx.world.daemon.containers.resolve(old) {
        Ok(id) => id,
        Err(e) => return fail(ctx, e.to_string()),
    };
    if let Err(e) = names::validate_name(&new) {
        return fail(ctx, e.to_string());
    }
    if ctx
        .world
        .daemon
        .containers
        .get(&id)
        .is_some_and(|c| c.name == new)
    {
        return fail(
            ctx,
            "Renaming a container with the same name as its current name".into(),
        );
    }
    if let Some(other) = ctx.world.daemon.containers.by_name(&new) {
        let msg = format!(
            "Conflict. The container name \"/{new}\" is already in use by container \"{}\". You have to remove (or rename) that container to be able to reuse that name.",
            other.id
        );
        return fail(ctx, msg);
    }
    let now = ctx.world.now();
    let old_name = ctx
        .world
        .daemon
        .containers
        .get(&id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    if let Some(c) = ctx.world.daemon.containers.get_mut(&id) {
        c.name = new;
    }
    ctx.world
        .daemon
        .emit_container(now, "rename", &id, &[("oldName", &format!("/{old_name}"))]);
    0
}
