//! `docker volume inspect`: the low-level JSON of volumes.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed, INSPECT_FORMAT_HELP};
use super::inspecting::{self, Found};
use super::Ctx;

/// `docker volume inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] VOLUME [VOLUME...]",
    short: "Display detailed information on one or more volumes",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        ctx.api("GET", &format!("/volumes/{name}"));
        match ctx.world.daemon.volumes.get(name) {
            Some(v) => {
                let labels = serde_json::json!(v.all_labels());
                let value = serde_json::json!({
                    "CreatedAt": crate::daemon::events::rfc3339(v.created),
                    "Driver": "local",
                    "Labels": labels,
                    "Mountpoint": v.mountpoint(),
                    "Name": v.name,
                    "Options": v.options,
                    "Scope": "local",
                });
                found.push(Found {
                    typed: value.clone(),
                    raw: value,
                });
            }
            None => errors.push(format!(
                "Error response from daemon: get {name}: no such volume"
            )),
        }
    }
    inspecting::print(ctx, p.last("format"), "volume.Volume", &found, &errors)
}
