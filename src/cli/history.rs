//! `docker history` (= `docker image history`): the layers of an image and the steps that
//! made them.

use super::command::{Args, Command};
use super::flags::Parsed;
use super::flags::{Flag, FORMAT_HELP};
use super::listing::Listing;
use super::Ctx;
use crate::daemon::events::{parse_rfc3339, rfc3339};
use crate::format::text::{ellipsis, truncate_id};
use crate::format::units::{human_duration, human_size_with_precision};
use serde_json::{json, Value};

/// `docker history`.
pub const CMD: Command = Command {
    name: "history",
    usage: "[OPTIONS] IMAGE",
    short: "Show the history of an image",
    aliases_help: "docker image history, docker history",
    flags: &[
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "human",
            Some('H'),
            "Print sizes and dates in human readable format",
        )
        .default("true"),
        Flag::bool("no-trunc", None, "Don't truncate output"),
        Flag::bool("quiet", Some('q'), "Only show image IDs"),
    ],
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

const DEFAULT: &str = "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
const NOT_HUMAN: &str = "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

/// Times at or before 2000-01-01 print as `N/A` (formatter_history.go).
const Y2K: i64 = 946_684_800 * crate::ports::SECOND;

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let human = match p.last("human") {
        None => true,
        Some(_) => p.bool("human"),
    };
    let no_trunc = p.bool("no-trunc");
    let name = &p.args[0];
    ctx.api("GET", &format!("/images/{name}/history"));
    let img = match ctx.world.daemon.images.lookup(name) {
        Ok(i) => i.clone(),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let now = ctx.world.now();
    let history: Vec<Value> = img
        .config
        .get("history")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut layer_sizes = img.layers.iter().map(|l| l.size());
    let mut entries: Vec<(i64, String, u64, String)> = Vec::new();
    for h in &history {
        let created = h
            .get("created")
            .and_then(Value::as_str)
            .and_then(parse_rfc3339)
            .unwrap_or(0);
        let by = h
            .get("created_by")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .replace('\t', " ");
        let empty = h
            .get("empty_layer")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let size = if empty {
            0
        } else {
            layer_sizes.next().unwrap_or(0)
        };
        let comment = h
            .get("comment")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        entries.push((created, by, size, comment));
    }
    // Locally known ancestors (commit, build) show their ids; pulled layers show <missing>.
    let store = &ctx.world.daemon.images;
    let mut ids: Vec<String> = vec![img.id.clone()];
    let mut cur = img.parent.clone();
    while let Some(pid) = cur {
        match store.get(&pid) {
            Some(parent) => {
                ids.push(parent.id.clone());
                cur = parent.parent.clone();
            }
            None => break,
        }
    }
    let history_len = |id: &str| -> usize {
        store
            .get(id)
            .and_then(|i| i.config.get("history"))
            .and_then(Value::as_array)
            .map_or(0, Vec::len)
    };
    let mut rows = Vec::new();
    for (i, (created, by, size, comment)) in entries.iter().enumerate().rev() {
        // The row that ends an image's own history shows that image's id.
        let id = ids.iter().find(|id| history_len(id) == i + 1).cloned();
        let shown_id = match id {
            Some(id) if no_trunc => id,
            Some(id) => truncate_id(&id).to_owned(),
            None => "<missing>".to_owned(),
        };
        let since = if *created <= Y2K {
            "N/A".to_owned()
        } else if human {
            format!("{} ago", human_duration(now - created))
        } else {
            rfc3339(*created)
        };
        let at = if *created <= Y2K {
            "N/A".to_owned()
        } else {
            rfc3339(*created)
        };
        let shown_by = if no_trunc {
            by.clone()
        } else {
            ellipsis(by, 45)
        };
        let shown_size = if human {
            human_size_with_precision(*size as f64, 3)
        } else {
            size.to_string()
        };
        rows.push(json!({
            "Comment": comment,
            "CreatedAt": if human { at } else { since.clone() },
            "CreatedBy": shown_by,
            "CreatedSince": since,
            "ID": shown_id,
            "Size": shown_size,
        }));
    }
    let listing = Listing {
        format: p.last("format"),
        quiet: p.bool("quiet"),
        default_table: if human { DEFAULT } else { NOT_HUMAN },
        quiet_format: "{{.ID}}",
        type_name: "*formatter.historyContext",
        header: json!({
            "Comment": "COMMENT", "CreatedAt": "CREATED AT", "CreatedBy": "CREATED BY",
            "CreatedSince": "CREATED", "ID": "IMAGE", "Size": "SIZE",
        }),
    };
    listing.print(ctx, &rows)
}
