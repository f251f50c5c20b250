//! `docker image inspect`: the low-level JSON of images.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed, INSPECT_FORMAT_HELP};
use super::inspecting::{self, Found};
use super::Ctx;
use crate::format::inspect;

/// `docker image inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] IMAGE [IMAGE...]",
    short: "Display detailed information on one or more images",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        ctx.api("GET", &format!("/images/{name}/json"));
        let store = &ctx.world.daemon.images;
        match store.lookup(name) {
            Ok(img) => {
                let v = inspect::image(store, img);
                found.push(Found {
                    typed: v.clone(),
                    raw: v,
                });
            }
            Err(e) => errors.push(format!("Error response from daemon: {e}")),
        }
    }
    inspecting::print(
        ctx,
        p.last("format"),
        "image.InspectResponse",
        &found,
        &errors,
    )
}
