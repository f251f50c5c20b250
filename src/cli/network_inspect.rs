//! `docker network inspect`: the low-level JSON of networks.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};
use serde_json::{json, Map, Value};

use super::flags::Parsed;
use super::inspecting::{self, Found};
use super::Ctx;
use crate::daemon::events::rfc3339_nano_trimmed;
use crate::daemon::networks::{ip_string, Network};
use crate::world::World;

/// `docker network inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] NETWORK [NETWORK...]",
    short: "Display detailed information on one or more networks",
    flags: &[
        Flag::string("format", Some('f'), INSPECT_FORMAT_HELP),
        Flag::bool("verbose", Some('v'), "Verbose output for diagnostics"),
    ],
    args: Args::Min(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.bool("verbose") {
        ctx.out.err(format!(
            "berth: \"{} --verbose\" is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for name in &p.args {
        ctx.api("GET", &format!("/networks/{name}"));
        match ctx.world.daemon.networks.lookup(name) {
            Ok(n) => {
                let v = network_json(ctx.world, n);
                found.push(Found {
                    typed: v.clone(),
                    raw: v,
                });
            }
            Err(e) => errors.push(format!("Error response from daemon: {e}")),
        }
    }
    inspecting::print(ctx, p.last("format"), "network.Inspect", &found, &errors)
}

/// A network's inspect JSON, in docker 27's field order.
pub fn network_json(world: &World, n: &Network) -> Value {
    let config = match &n.ipam {
        None => Value::Null,
        Some(i) => {
            let mut c = Map::new();
            c.insert("Subnet".into(), json!(i.subnet.to_string()));
            if let Some(r) = i.ip_range {
                c.insert("IPRange".into(), json!(r.to_string()));
            }
            c.insert("Gateway".into(), json!(ip_string(i.gateway)));
            json!([c])
        }
    };
    let ipam_options = if n.predefined { Value::Null } else { json!({}) };
    let mut containers = Map::new();
    for (cid, e) in &n.endpoints {
        let name = world
            .daemon
            .containers
            .get(cid)
            .map(|c| c.name.clone())
            .unwrap_or_default();
        let prefix = n.ipam.as_ref().map_or(0, |i| i.subnet.prefix);
        containers.insert(
            cid.clone(),
            json!({
                "Name": name,
                "EndpointID": e.id,
                "MacAddress": e.mac,
                "IPv4Address": e.ip.map(|ip| format!("{}/{prefix}", ip_string(ip))).unwrap_or_default(),
                "IPv6Address": "",
            }),
        );
    }
    let options: Map<String, Value> = n
        .options
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let labels: Map<String, Value> = n
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    json!({
        "Name": n.name,
        "Id": n.id,
        "Created": rfc3339_nano_trimmed(n.created),
        "Scope": "local",
        "Driver": n.driver,
        "EnableIPv6": false,
        "IPAM": {
            "Driver": "default",
            "Options": ipam_options,
            "Config": config,
        },
        "Internal": n.internal,
        "Attachable": n.attachable,
        "Ingress": false,
        "ConfigFrom": {
            "Network": "",
        },
        "ConfigOnly": false,
        "Containers": containers,
        "Options": options,
        "Labels": labels,
    })
}
