//! `docker import` (= `docker image import`): make an image of one layer from a tarball,
//! such as one `docker export` wrote.

use super::command::{Args, Command};
use super::container_opts::PLATFORM;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::archive;
use crate::registry::reference;

/// `docker import`.
pub const CMD: Command = Command {
    name: "import",
    usage: "[OPTIONS] file|URL|- [REPOSITORY[:TAG]]",
    short: "Import the contents from a tarball to create a filesystem image",
    aliases_help: "docker image import, docker import",
    flags: &[
        Flag::list(
            "change",
            Some('c'),
            "Apply Dockerfile instruction to the created image",
        ),
        Flag::string(
            "message",
            Some('m'),
            "Set commit message for imported image",
        ),
        PLATFORM,
    ],
    args: Args::Range(1, 2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let source = p.args[0].as_str();
    if (source == "-" && ctx.stdin.is_none())
        || source.starts_with("http://")
        || source.starts_with("https://")
    {
        ctx.out.err(format!(
            "berth: \"docker import {source}\" (a tarball from the terminal or a URL) is not simulated yet\n"
        ));
        return 1;
    }
    let reference = match p.args.get(1) {
        None => None,
        Some(name) => match reference::parse_normalized_named(name) {
            Ok(r) if r.digest().is_some() => {
                ctx.out
                    .err("refusing to create a tag with a digest reference\n");
                return 1;
            }
            Ok(r) => Some(r.tag_name_only()),
            Err(e) => {
                ctx.out.err(format!("{e}\n"));
                return 1;
            }
        },
    };
    let bytes = match ctx.world.host.read_file(source) {
        _ if source == "-" => ctx.stdin.take().unwrap_or_default(),
        Ok(c) => c.to_vec(),
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    let changes: Vec<String> = p.all("change").into_iter().map(str::to_owned).collect();
    let message = p.last("message").unwrap_or_default().to_owned();
    ctx.api("POST", "/images/create?fromSrc=-");
    match archive::import_image(ctx.world, &bytes, reference.as_ref(), &changes, &message) {
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
