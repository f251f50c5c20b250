//! `docker commit` (= `docker container commit`): create an image from a container's
//! changes.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::commit::{self, CommitOptions};
use crate::registry::reference;

/// `docker commit`.
pub const CMD: Command = Command {
    name: "commit",
    usage: "[OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
    short: "Create a new image from a container's changes",
    aliases_help: "docker container commit, docker commit",
    flags: &[
        Flag::string(
            "author",
            Some('a'),
            "Author (e.g., \"John Hannibal Smith <hannibal@a-team.com>\")",
        ),
        Flag::list(
            "change",
            Some('c'),
            "Apply Dockerfile instruction to the created image",
        ),
        Flag::string("message", Some('m'), "Commit message"),
        Flag::bool("pause", Some('p'), "Pause container during commit").default("true"),
    ],
    args: Args::Range(1, 2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let target = &p.args[0];
    let reference = match new_tag(ctx, p.args.get(1)) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let pause = match p.last("pause") {
        None => true,
        Some(_) => p.bool("pause"),
    };
    let opts = CommitOptions {
        comment: p.last("message").unwrap_or_default().to_owned(),
        author: p.last("author").unwrap_or_default().to_owned(),
        changes: p.all("change").into_iter().map(str::to_owned).collect(),
        pause,
        reference,
    };
    ctx.api("POST", &format!("/commit?container={target}"));
    match commit::commit(ctx.world, target, &opts) {
        Ok(id) => {
            ctx.out.out(format!("{id}\n"));
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}

/// The optional REPOSITORY[:TAG] argument of `commit` and `import`: the tag to give the new
/// image, or docker's error printed and the status to return.
pub(crate) fn new_tag(
    ctx: &mut Ctx<'_>,
    name: Option<&String>,
) -> Result<Option<reference::Reference>, i32> {
    let Some(name) = name else {
        return Ok(None);
    };
    match reference::parse_normalized_named(name) {
        Ok(r) if r.digest().is_some() => {
            ctx.out
                .err("refusing to create a tag with a digest reference\n");
            Err(1)
        }
        Ok(r) => Ok(Some(r.tag_name_only())),
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            Err(1)
        }
    }
}
