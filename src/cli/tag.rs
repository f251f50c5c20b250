//! `docker tag` (= `docker image tag`): give an image another name.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::Ctx;
use crate::registry::reference;

/// `docker tag`.
pub const CMD: Command = Command {
    name: "tag",
    usage: "SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
    short: "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
    aliases_help: "docker image tag, docker tag",
    args: Args::Exact(2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let (src, dst) = (&p.args[0], &p.args[1]);
    let target = match reference::parse_normalized_named(dst) {
        Ok(r) => r,
        Err(e) => {
            ctx.out.err(format!(
                "Error parsing reference: \"{dst}\" is not a valid repository/tag: {e}\n"
            ));
            return 1;
        }
    };
    if target.digest().is_some() {
        ctx.out
            .err("refusing to create a tag with a digest reference\n");
        return 1;
    }
    let target = target.tag_name_only();
    ctx.api(
        "POST",
        &format!(
            "/images/{src}/tag?repo={}&tag={}",
            target.name(),
            target.tag().unwrap_or("")
        ),
    );
    let id = match ctx.world.daemon.images.lookup(src) {
        Ok(img) => img.id.clone(),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let now = ctx.world.now();
    ctx.world.daemon.images.tag(&target, &id, now);
    let name = target.familiar_string();
    ctx.world
        .daemon
        .emit(now, "image", "tag", &id, &[("name", &name)]);
    0
}
