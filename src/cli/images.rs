//! `docker image ls` (also `list`) and its top-level shortcut `docker images`: list images.

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;

use serde_json::{json, Value};

use super::command::{Args, Command, Group};
use super::filters::{glob_match, Filters};
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::listing::Listing;
use super::Ctx;
use crate::daemon::events::go_time_string;
use crate::daemon::images::Image;
use crate::format::text::truncate_id;
use crate::format::units::{human_duration, human_size, human_size_with_precision};
use crate::registry::reference;

/// `docker image ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS] [REPOSITORY[:TAG]]",
    short: "List images",
    aliases_help: "docker image ls, docker image list, docker images",
    flags: &[
        Flag::bool(
            "all",
            Some('a'),
            "Show all images (default hides intermediate images)",
        ),
        Flag::bool("digests", None, "Show digests"),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only show image IDs"),
        Flag::bool(
            "tree",
            None,
            "List multi-platform images as a tree (EXPERIMENTAL)",
        ),
    ],
    args: Args::Max(1),
    run: Some(run),
    ..Command::LEAF
};

/// `docker images`: the same command at the top level, without the alias.
pub const TOP: Command = Command {
    name: "images",
    aliases: &[],
    group: Group::Common(7),
    ..CMD
};

const DEFAULT: &str =
    "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
const WITH_DIGESTS: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

/// Words that are `docker image` subcommands: `docker images ls` finds nothing and hints.
const SUBCOMMAND_WORDS: &[&str] = &[
    "build", "history", "import", "inspect", "list", "load", "ls", "prune", "pull", "push", "rm",
    "save", "tag",
];

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.bool("tree") {
        ctx.out
            .err("berth: \"docker images --tree\" is not simulated yet\n");
        return 1;
    }
    let mut filters = Filters::from_parsed(p);
    if let Some(r) = p.args.first() {
        filters.add("reference", r);
    }
    if let Err(e) = filters.check(&["dangling", "label", "before", "since", "reference", "until"]) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    let dangling = match filters.bool("dangling") {
        Ok(d) => d,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    ctx.api("GET", "/images/json");
    let store = &ctx.world.daemon.images;
    let bound = |name: &str| -> Result<Option<i64>, String> {
        match filters.get(name).first() {
            None => Ok(None),
            Some(v) => store
                .lookup(v)
                .map(|i| Some(i.created))
                .map_err(|e| e.to_string()),
        }
    };
    let (before, since) = match (bound("before"), bound("since")) {
        (Ok(b), Ok(s)) => (b, s),
        (Err(e), _) | (_, Err(e)) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let now = ctx.world.now();
    let no_trunc = p.bool("no-trunc");
    let mut images: Vec<&Image> = store.iter().collect();
    images.small_sort_by(|a, b| b.created.cmp(&a.created).then(b.id.cmp(&a.id)));
    let mut rows = Vec::new();
    for img in images {
        let is_dangling = store.is_dangling(&img.id);
        if dangling == Some(true) && !is_dangling || dangling == Some(false) && is_dangling {
            continue;
        }
        if !p.bool("all") && is_dangling && !store.children(&img.id).is_empty() {
            continue;
        }
        if before.is_some_and(|b| img.created >= b) || since.is_some_and(|s| img.created <= s) {
            continue;
        }
        if !filters.labels_match(&labels(img)) {
            continue;
        }
        let tags = store.repo_tags(&img.id);
        let mut pairs: Vec<(String, String, String)> = Vec::new();
        for t in &tags {
            let (repo, tag) = split_tag(t);
            let digest = img
                .repo_digests
                .iter()
                .find(|d| d.split('@').next() == Some(repo.as_str()))
                .and_then(|d| d.split('@').nth(1))
                .unwrap_or("<none>")
                .to_owned();
            pairs.push((repo, tag, digest));
        }
        if pairs.is_empty() {
            for d in &img.repo_digests {
                if let Some((repo, digest)) = d.split_once('@') {
                    pairs.push((repo.to_owned(), "<none>".to_owned(), digest.to_owned()));
                }
            }
        }
        if pairs.is_empty() {
            pairs.push(("<none>".into(), "<none>".into(), "<none>".into()));
        }
        let refs = filters.get("reference");
        for (repo, tag, digest) in pairs {
            if !refs.is_empty() {
                let full = format!("{repo}:{tag}");
                let hit = refs.iter().any(|r| {
                    let r = reference::parse_normalized_named(r)
                        .map(|n| n.familiar_string())
                        .unwrap_or_else(|_| r.clone());
                    glob_match(&r, &repo) || glob_match(&r, &full)
                });
                if !hit || repo == "<none>" {
                    continue;
                }
            }
            let id = if no_trunc {
                img.id.clone()
            } else {
                truncate_id(&img.id).to_owned()
            };
            let size = img.size() as f64;
            rows.push(json!({
                "Containers": "N/A",
                "CreatedAt": go_time_string(img.created),
                "CreatedSince": format!("{} ago", human_duration(now - img.created)),
                "Digest": digest,
                "ID": id,
                "Repository": repo,
                "SharedSize": "N/A",
                "Size": human_size_with_precision(size, 3),
                "Tag": tag,
                "UniqueSize": "N/A",
                "VirtualSize": human_size(size),
            }));
        }
    }
    let listing = Listing {
        format: p.last("format"),
        quiet: p.bool("quiet"),
        default_table: if p.bool("digests") {
            WITH_DIGESTS
        } else {
            DEFAULT
        },
        quiet_format: "{{.ID}}",
        type_name: "*formatter.ImageContext",
        header: json!({
            "Containers": "CONTAINERS", "CreatedAt": "CREATED AT", "CreatedSince": "CREATED",
            "Digest": "DIGEST", "ID": "IMAGE ID", "Repository": "REPOSITORY",
            "SharedSize": "SHARED SIZE", "Size": "SIZE", "Tag": "TAG",
            "UniqueSize": "UNIQUE SIZE", "VirtualSize": "SIZE",
        }),
    };
    let status = listing.print(ctx, &rows);
    if rows.is_empty() {
        if let Some(word) = p
            .args
            .first()
            .filter(|w| SUBCOMMAND_WORDS.contains(&w.as_str()))
        {
            ctx.out.err(format!(
                "\nNo images found matching \"{word}\": did you mean \"docker image {word}\"?\n"
            ));
        }
    }
    status
}

/// `nginx:latest` → (`nginx`, `latest`); a registry port's colon is not a tag.
fn split_tag(familiar: &str) -> (String, String) {
    match familiar.rsplit_once(':') {
        Some((repo, tag)) if !tag.contains('/') => (repo.to_owned(), tag.to_owned()),
        _ => (familiar.to_owned(), "<none>".to_owned()),
    }
}

/// An image's labels (`config.Labels`).
pub fn labels(img: &Image) -> BTreeMap<String, String> {
    img.container_config()
        .get("Labels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default()
}
