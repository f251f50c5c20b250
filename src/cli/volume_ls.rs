//! `docker volume ls` (also `list`): list volumes.

// Docker lists volumes and networks in the same natural order (sortorder.NaturalLess).
use super::network_ls::natural_cmp;

use serde_json::{json, Value};

use super::command::{Args, Command};
use super::filters::Filters;
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::listing::Listing;
use super::Ctx;
use crate::collections::SmallSort;
use crate::daemon::volumes::Volume;

/// `docker volume ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List volumes",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"dangling=true\")",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("quiet", Some('q'), "Only display volume names"),
        // Cluster volumes need a swarm manager: hidden on this daemon.
        Flag::bool(
            "cluster",
            None,
            "Display only cluster volumes, and use cluster volume list formatting",
        )
        .hidden(),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    ctx.api("GET", "/volumes");
    let filters = Filters::from_parsed(p);
    if let Err(e) = filters.check(&["dangling", "driver", "label", "name"]) {
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
    let store = &ctx.world.daemon.volumes;
    let mut vols: Vec<&Volume> = store
        .iter()
        .filter(|v| dangling.is_none_or(|d| store.users(&v.name).is_empty() == d))
        .filter(|v| {
            let names = filters.get("name");
            names.is_empty() || names.iter().any(|n| v.name.contains(n.as_str()))
        })
        .filter(|_| {
            let drivers = filters.get("driver");
            drivers.is_empty() || drivers.iter().any(|d| d == "local")
        })
        .filter(|v| filters.labels_match(&v.all_labels()))
        .collect();
    vols.small_sort_by(|a, b| natural_cmp(&a.name, &b.name));
    let rows: Vec<Value> = vols.iter().map(|v| row(v)).collect();
    let listing = Listing {
        format: p.last("format"),
        quiet: p.bool("quiet"),
        default_table: "table {{.Driver}}\t{{.Name}}",
        quiet_format: "{{.Name}}",
        type_name: "*formatter.volumeContext",
        header: json!({
            "Driver": "DRIVER",
            "Name": "VOLUME NAME",
            "Scope": "SCOPE",
            "Mountpoint": "MOUNTPOINT",
            "Labels": "LABELS",
            "Links": "LINKS",
            "Size": "SIZE",
            "Group": "GROUP",
            "Availability": "AVAILABILITY",
            "Status": "STATUS",
        }),
    };
    listing.print(ctx, &rows)
}

/// One volume as docker's volume formatter shows it (keys in `json`'s order).
fn row(v: &Volume) -> Value {
    let labels: Vec<String> = v
        .all_labels()
        .iter()
        .map(|(k, val)| format!("{k}={val}"))
        .collect();
    json!({
        "Availability": "N/A",
        "Driver": "local",
        "Group": "N/A",
        "Labels": labels.join(","),
        "Links": "N/A",
        "Mountpoint": v.mountpoint(),
        "Name": v.name,
        "Scope": "local",
        "Size": "N/A",
        "Status": "N/A",
    })
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering::{Equal, Greater, Less};

    #[test]
    fn natural_order() {
        for (a, b, o) in [
            ("vol2", "vol10", Less),
            ("a", "b", Less),
            ("vol010", "vol10", Greater),
            ("x", "x", Equal),
            ("abc", "ab", Greater),
            ("1a", "a", Less),
        ] {
            assert_eq!(natural_cmp(a, b), o, "{a} {b}");
        }
    }
}
