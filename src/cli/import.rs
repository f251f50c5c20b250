//! `docker import` (= `docker image import`): make an image of one layer from a tarball,
//! such as one `docker export` wrote.

use super::command::{Args, Command};
use super::commit::new_tag;
use super::container_opts::PLATFORM;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::daemon::archive;
use crate::registry::web;

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
    if source == "-" && ctx.stdin.is_none() {
        ctx.out.err(format!(
            "berth: \"docker import {source}\" (a tarball from the terminal) is not simulated yet\n"
        ));
        return 1;
    }
    let url = source.starts_with("http://") || source.starts_with("https://");
    let reference = match new_tag(ctx, p.args.get(1)) {
        Ok(r) => r,
        Err(status) => return status,
    };
    let mut shown = String::new();
    let bytes = match ctx.world.host.read_file(source) {
        _ if url => match fetch(source, ctx.stdout_tty, ctx.columns) {
            Ok((bytes, progress)) => {
                shown = progress;
                bytes
            }
            Err(e) => {
                ctx.out.err(format!("Error response from daemon: {e}\n"));
                return 1;
            }
        },
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
    let from = if url { source } else { "-" };
    match archive::import_image(
        ctx.world,
        &bytes,
        reference.as_ref(),
        &changes,
        &message,
        from,
    ) {
        Ok(id) => {
            ctx.out.out(format!("{shown}{id}\n"));
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}

/// Downloads `url` from the simulated web (the daemon unpacks a gzip, as it does a file's);
/// the bytes and the progress docker shows meanwhile.
fn fetch(url: &str, tty: bool, columns: usize) -> Result<(Vec<u8>, String), String> {
    let body = web::get(url)?;
    let mut shown = format!("Downloading from {url}\n");
    if tty {
        let n = body.len() as u64;
        shown.push_str(&format!(
            "\x1b[2K\rImporting {}\r",
            super::progress::progress_string(n, n, None, columns)
        ));
    } else {
        shown.push_str("Importing\n");
    }
    Ok((body, shown))
}
