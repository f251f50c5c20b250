//! `docker network ls` (also `list`): list networks.

use super::command::{Args, Command};
use super::flags::{Flag, FORMAT_HELP};
use crate::collections::SmallSort;
use std::cmp::Ordering;

use serde_json::json;

use super::filters::Filters;
use super::flags::Parsed;
use super::listing::Listing;
use super::Ctx;
use crate::daemon::events::go_time_string;
use crate::daemon::networks::Network;

/// `docker network ls`.
pub const CMD: Command = Command {
    name: "ls",
    aliases: &["list"],
    usage: "[OPTIONS]",
    short: "List networks",
    flags: &[
        Flag::filter(
            "filter",
            Some('f'),
            "Provide filter values (e.g. \"driver=bridge\")",
        ),
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool("no-trunc", None, "Do not truncate the output"),
        Flag::bool("quiet", Some('q'), "Only display network IDs"),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

const DEFAULT: &str = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}";

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let filters = Filters::from_parsed(p);
    let known = ["driver", "id", "label", "name", "scope", "type", "dangling"];
    if let Err(e) = filters.check(&known) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    for t in filters.get("type") {
        if t != "custom" && t != "builtin" {
            ctx.out.err(format!(
                "Error response from daemon: invalid filter: 'type'='{t}'\n"
            ));
            return 1;
        }
    }
    let dangling = match filters.bool("dangling") {
        Ok(d) => d,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    ctx.api("GET", "/networks");
    let no_trunc = p.bool("no-trunc");
    let mut nets: Vec<&Network> = ctx
        .world
        .daemon
        .networks
        .iter()
        .filter(|n| {
            let any = |name: &str, test: &dyn Fn(&str) -> bool| {
                let v = filters.get(name);
                v.is_empty() || v.iter().any(|x| test(x))
            };
            any("driver", &|d| n.driver == d)
                && any("id", &|i| n.id.starts_with(i))
                && any("name", &|s| n.name.contains(s))
                && any("scope", &|s| s == "local")
                && any("type", &|t| (t == "builtin") == n.predefined)
                && filters.labels_match(&n.labels)
                && dangling.is_none_or(|d| d == (!n.predefined && n.endpoints.is_empty()))
        })
        .collect();
    nets.small_sort_by(|a, b| natural_cmp(&a.name, &b.name));
    let rows: Vec<_> = nets
        .iter()
        .map(|n| {
            let labels: Vec<String> = n.labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
            json!({
                "ID": if no_trunc { n.id.as_str() } else { n.short_id() },
                "Name": n.name,
                "Driver": n.driver,
                "Scope": "local",
                "IPv6": "false",
                "Internal": n.internal.to_string(),
                "Labels": labels.join(","),
                "CreatedAt": go_time_string(n.created),
            })
        })
        .collect();
    Listing {
        format: p.last("format"),
        quiet: p.bool("quiet"),
        default_table: DEFAULT,
        quiet_format: "{{.ID}}",
        type_name: "*formatter.networkContext",
        header: json!({
            "ID": "NETWORK ID",
            "Name": "NAME",
            "Driver": "DRIVER",
            "Scope": "SCOPE",
            "IPv6": "IPV6",
            "Internal": "INTERNAL",
            "Labels": "LABELS",
            "CreatedAt": "CREATED AT",
        }),
    }
    .print(ctx, &rows)
}

/// Compares names the way `sortorder.NaturalLess` does: runs of digits by value.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let i = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let j = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let (dx, dy) = (&x[..i], &y[..j]);
                let tx = dx.iter().skip_while(|c| **c == b'0').count();
                let ty = dy.iter().skip_while(|c| **c == b'0').count();
                let ord = tx
                    .cmp(&ty)
                    .then_with(|| dx[i - tx..].cmp(&dy[j - ty..]))
                    .then(i.cmp(&j));
                if ord != Ordering::Equal {
                    return ord;
                }
                x = &x[i..];
                y = &y[j..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order() {
        let check =
            |a: &str, b: &str, want: Ordering| assert_eq!(natural_cmp(a, b), want, "{a} {b}");
        check("net2", "net10", Ordering::Less);
        check("bridge", "host", Ordering::Less);
        check("a", "a1", Ordering::Less);
        check("n01", "n1", Ordering::Greater);
        check("Z", "a", Ordering::Less);
        check("same", "same", Ordering::Equal);
    }
}
