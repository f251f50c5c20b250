//! `docker volume prune`: remove unused anonymous volumes (with `-a`, named ones too).

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::format::units::human_size;
use crate::world::World;

/// `docker volume prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused local volumes",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused volumes, not just anonymous ones",
        ),
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"label=<label>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let filters = super::filters::Filters::from_parsed(p);
    if let Err(e) = filters.check(&["label", "label!", "all"]) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let all_filter = match filters.bool("all") {
        Ok(a) => a.unwrap_or(false),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let all = p.bool("all") || all_filter;
    let warning = if all {
        "WARNING! This will remove all local volumes not used by at least one container."
    } else {
        "WARNING! This will remove anonymous local volumes not used by at least one container."
    };
    confirm_then(
        ctx,
        p.bool("force"),
        warning,
        Box::new(move |world: &mut World| {
            let now = world.now();
            let removed = world.daemon.volumes.prune_where(all, &|labels| {
                filters.labels_match(labels)
                    && filters
                        .get("label!")
                        .iter()
                        .all(|f| match f.split_once('=') {
                            Some((k, v)) => labels.get(k).is_none_or(|x| x != v),
                            None => !labels.contains_key(f.as_str()),
                        })
            });
            let mut text = String::new();
            if !removed.is_empty() {
                text.push_str("Deleted Volumes:\n");
                for (name, _) in &removed {
                    world
                        .daemon
                        .emit(now, "volume", "destroy", name, &[("driver", "local")]);
                    text.push_str(&format!("{name}\n"));
                }
                text.push('\n');
            }
            let reclaimed: u64 = removed.iter().map(|(_, s)| s).sum();
            world.daemon.emit(
                now,
                "volume",
                "prune",
                "",
                &[("reclaimed", &reclaimed.to_string())],
            );
            text.push_str(&format!(
                "Total reclaimed space: {}\n",
                human_size(reclaimed as f64)
            ));
            (text, 0)
        }),
    )
}
