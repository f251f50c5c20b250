//! `docker image prune`: remove dangling images, or with `-a` every unused one.

use super::command::{Args, Command};
use super::confirm::confirm_then;
use super::filters::Filters;
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::collections::SmallSort;
use crate::daemon::images::Removed;
use crate::format::units::{human_size, parse_go_duration};
use crate::world::World;

/// `docker image prune`.
pub const CMD: Command = Command {
    name: "prune",
    short: "Remove unused images",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Remove all unused images, not just dangling ones",
        ),
        Flag::filter(
            "filter",
            None,
            "Provide filter values (e.g. \"until=<timestamp>\")",
        ),
        Flag::bool("force", Some('f'), "Do not prompt for confirmation"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let all = p.bool("all");
    let filters = Filters::from_parsed(p);
    if let Err(e) = filters.check(&["until", "label", "label!", "dangling"]) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let now = ctx.world.now();
    let mut until = None;
    for v in filters.get("until") {
        match parse_go_duration(v) {
            Ok(d) => until = Some(now - d),
            Err(_) => match crate::daemon::events::parse_rfc3339(v)
                .or_else(|| v.parse::<i64>().ok().map(|s| s * crate::ports::SECOND))
            {
                Some(t) => until = Some(t),
                None => {
                    ctx.out.err(format!("Error response from daemon: failed to parse value as time or duration: \"{v}\"\n"));
                    return 1;
                }
            },
        }
    }
    let warning = if all {
        "WARNING! This will remove all images without at least one container associated to them."
    } else {
        "WARNING! This will remove all dangling images."
    };
    confirm_then(
        ctx,
        p.bool("force"),
        warning,
        Box::new(move |world: &mut World| prune(world, all, until, &filters)),
    )
}

/// Removes dangling images (or, with `all`, every image no container uses); returns the
/// report docker prints.
pub fn prune(world: &mut World, all: bool, until: Option<i64>, filters: &Filters) -> (String, i32) {
    let (mut text, reclaimed) = prune_images(world, all, until, filters);
    text.push_str(&format!(
        "Total reclaimed space: {}\n",
        human_size(reclaimed as f64)
    ));
    (text, 0)
}

/// Removes the images as [`prune`] does; returns the `Deleted Images:` section (empty
/// when none went) and the bytes freed.
pub fn prune_images(
    world: &mut World,
    all: bool,
    until: Option<i64>,
    filters: &Filters,
) -> (String, u64) {
    let users = crate::daemon::image_users(world);
    let store = &mut world.daemon.images;
    let before = store.layers_size();
    let mut ids: Vec<String> = store
        .iter()
        .filter(|i| all || store.is_dangling(&i.id))
        .filter(|i| until.is_none_or(|u| i.created < u))
        .filter(|i| filters.labels_match(&super::images::labels(i)))
        .filter(|i| users(&i.id).is_empty())
        .map(|i| i.id.clone())
        .collect();
    ids.small_sort();
    let mut lines = Vec::new();
    // What each image's removal did, for its events: untags and the image's deletion, named
    // by the image's id as moby's `LogImageEvent` names them.
    let mut events: Vec<(String, &str)> = Vec::new();
    for id in ids {
        if store.get(&id).is_none() || !store.children(&id).is_empty() {
            continue;
        }
        if let Ok(removed) = store.delete(&id, true, true, &|i| users(i)) {
            let mut deleted = false;
            for r in &removed {
                match r {
                    Removed::Untagged(_) => events.push((id.clone(), "untag")),
                    // The first id deleted is the image; the rest are its layers.
                    Removed::Deleted(_) if !deleted => {
                        deleted = true;
                        events.push((id.clone(), "delete"));
                    }
                    Removed::Deleted(_) => {}
                }
            }
            lines.extend(removed);
        }
    }
    let reclaimed = before.saturating_sub(store.layers_size());
    let mut text = String::new();
    if !lines.is_empty() {
        text.push_str("Deleted Images:\n");
        for l in &lines {
            match l {
                Removed::Untagged(r) => text.push_str(&format!("untagged: {r}\n")),
                Removed::Deleted(d) => text.push_str(&format!("deleted: {d}\n")),
            }
        }
        text.push('\n');
    }
    let now = world.now();
    for (id, action) in &events {
        world.daemon.emit(now, "image", action, id, &[("name", id)]);
    }
    world.daemon.emit(
        now,
        "image",
        "prune",
        "",
        &[("reclaimed", &reclaimed.to_string())],
    );
    (text, reclaimed)
}
