//! `docker load` (= `docker image load`): load images from a tar archive `docker save`
//! wrote.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::archive;

/// `docker load`.
pub const CMD: Command = Command {
    name: "load",
    short: "Load an image from a tar archive or STDIN",
    aliases_help: "docker image load, docker load",
    flags: &[
        Flag::string(
            "input",
            Some('i'),
            "Read from tar archive file, instead of STDIN",
        ),
        Flag::bool("quiet", Some('q'), "Suppress the load output"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let file = p.last("input").unwrap_or_default();
    let bytes = match ctx.world.host.read_file(file) {
        _ if file.is_empty() => match ctx.stdin.take() {
            Some(bytes) => bytes,
            None => {
                ctx.out
                    .err("requested load from stdin, but stdin is empty\n");
                return 1;
            }
        },
        Ok(c) => c.to_vec(),
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    // On a terminal docker asks for the progress of each layer it loads.
    let progress = ctx.stdout_tty && !p.bool("quiet");
    ctx.api(
        "POST",
        &format!("/images/load?quiet={}", if progress { 0 } else { 1 }),
    );
    match archive::load_images_shown(ctx.world, &bytes) {
        Ok(lines) => {
            if p.bool("quiet") {
                return 0;
            }
            let mut writer = super::progress::ProgressWriter::new(true, ctx.columns);
            for l in lines {
                match l {
                    archive::LoadLine::Layer { id, size } if progress => {
                        let text = writer.layer(&id, "Loading layer", Some((size, size, None)));
                        ctx.out.out(text);
                    }
                    archive::LoadLine::Layer { .. } => {}
                    archive::LoadLine::Text(t) => {
                        let text = writer.line(None, &t);
                        ctx.out.out(text);
                    }
                }
            }
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}
