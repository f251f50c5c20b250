//! `docker search`: search Docker Hub for images.

use serde_json::json;

use super::command::{Args, Command, Group};
use super::filters::Filters;
use super::flags::{Flag, Parsed};
use super::listing::Listing;
use super::Ctx;
use crate::format::text::ellipsis;
use crate::registry::catalog;

/// `docker search`.
pub const CMD: Command = Command {
    name: "search",
    usage: "[OPTIONS] TERM",
    short: "Search Docker Hub for images",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, "Pretty-print search using a Go template"),
        Flag::int("limit", None, "Max number of search results"),
        Flag::bool("no-trunc", None, "Don't truncate output"),
    ],
    args: Args::Exact(1),
    run: Some(run),
    group: Group::Common(10),
    ..Command::LEAF
};

const DEFAULT: &str = "table {{.Name}}\t{{.Description}}\t{{.StarCount}}\t{{.IsOfficial}}";

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let term = &p.args[0];
    let filters = Filters::from_parsed(p);
    let fail = |ctx: &mut Ctx<'_>, e: String| {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        1
    };
    if let Err(e) = filters.check(&["is-automated", "is-official", "stars"]) {
        return fail(ctx, e);
    }
    let official = match filters.bool("is-official") {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    let automated = match filters.bool("is-automated") {
        Ok(v) => v,
        Err(e) => return fail(ctx, e),
    };
    if automated.is_some() {
        ctx.out.err("WARNING: the \"is-automated\" filter is deprecated, and searching for \"is-automated=true\" will not yield any results in future.\n");
    }
    let mut min_stars = 0u64;
    for v in filters.get("stars") {
        match v.parse::<u64>() {
            Ok(n) => min_stars = min_stars.max(n),
            Err(_) => return fail(ctx, format!("invalid filter 'stars={v}'")),
        }
    }
    let limit = p.int("limit", 0);
    if !(0..=100).contains(&limit) {
        return fail(
            ctx,
            format!("limit {limit} is outside the range of [1, 100]"),
        );
    }
    let limit = if limit == 0 { 25 } else { limit as usize };
    ctx.api("GET", &format!("/images/search?term={term}&limit={limit}"));
    let no_trunc = p.bool("no-trunc");
    let rows: Vec<serde_json::Value> = catalog::catalog()
        .search(term)
        .into_iter()
        .filter(|r| official.is_none_or(|o| r.official == o))
        .filter(|r| automated.is_none_or(|a| r.automated == a))
        .filter(|r| r.stars >= min_stars)
        .take(limit)
        .map(|r| {
            let description = r.description.replace(['\n', '\r'], " ");
            let description = if no_trunc {
                description
            } else {
                ellipsis(&description, 45)
            };
            json!({
                "Description": description,
                "IsAutomated": if r.automated { "[OK]" } else { "" },
                "IsOfficial": if r.official { "[OK]" } else { "" },
                "Name": r.display_name(),
                "StarCount": r.stars.to_string(),
            })
        })
        .collect();
    let listing = Listing {
        format: p.last("format"),
        quiet: false,
        default_table: DEFAULT,
        quiet_format: DEFAULT,
        type_name: "*registry.searchContext",
        header: json!({
            "Description": "DESCRIPTION", "IsAutomated": "AUTOMATED", "IsOfficial": "OFFICIAL",
            "Name": "NAME", "StarCount": "STARS",
        }),
    };
    listing.print(ctx, &rows)
}
