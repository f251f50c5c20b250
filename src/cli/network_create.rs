//! `docker network create`: create a network (a user-defined bridge by default).

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
use crate::daemon::networks::{CreateRequest, Subnet};

/// `docker network create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] NETWORK",
    short: "Create a network",
    flags: &[
        Flag::string("driver", Some('d'), "Driver to manage the Network").default("\"bridge\""),
        Flag::map("opt", Some('o'), "Set driver specific options"),
        Flag::list("label", None, "Set metadata on a network"),
        Flag::bool("internal", None, "Restrict external access to the network"),
        Flag::bool("ipv6", None, "Enable or disable IPv6 networking"),
        Flag::bool("attachable", None, "Enable manual container attachment"),
        Flag::bool("ingress", None, "Create swarm routing-mesh network"),
        Flag::string("scope", None, "Control the network's scope"),
        Flag::bool("config-only", None, "Create a configuration only network"),
        Flag::string(
            "config-from",
            None,
            "The network from which to copy the configuration",
        ),
        Flag::string("ipam-driver", None, "IP Address Management Driver").default("\"default\""),
        Flag::strings(
            "subnet",
            None,
            "Subnet in CIDR format that represents a network segment",
        ),
        Flag::strings("ip-range", None, "Allocate container ip from a sub-range"),
        Flag::strings(
            "gateway",
            None,
            "IPv4 or IPv6 Gateway for the master subnet",
        ),
        Flag::map(
            "aux-address",
            None,
            "Auxiliary IPv4 or IPv6 addresses used by Network driver",
        ),
        Flag::map("ipam-opt", None, "Set IPAM driver specific options"),
    ],
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    for flag in [
        "opt",
        "ipv6",
        "ingress",
        "scope",
        "config-only",
        "config-from",
        "aux-address",
        "ipam-opt",
    ] {
        if p.changed(flag) {
            ctx.out.err(format!(
                "berth: \"{} --{flag}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    if p.last("ipam-driver").is_some_and(|d| d != "default") {
        ctx.out.err(format!(
            "berth: \"{} --ipam-driver\" is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let mut labels = crate::collections::SortedMap::new();
    for l in p.all("label") {
        let (k, v) = l.split_once('=').unwrap_or((l, ""));
        labels.insert(k.to_owned(), v.to_owned());
    }
    let subnets = p.all("subnet");
    let gateways = p.all("gateway");
    let ranges = p.all("ip-range");
    if subnets.len() > 1 || gateways.len() > 1 || ranges.len() > 1 {
        ctx.out.err(format!(
            "berth: \"{} --subnet\" with more than one subnet is not simulated yet\n",
            ctx.path
        ));
        return 1;
    }
    let req = CreateRequest {
        name: p.args[0].clone(),
        driver: p.last("driver").unwrap_or("bridge").to_owned(),
        subnet: subnets.first().map(|s| (*s).to_owned()),
        gateway: gateways.first().map(|s| (*s).to_owned()),
        ip_range: ranges.first().map(|s| (*s).to_owned()),
        internal: p.bool("internal"),
        attachable: p.bool("attachable"),
        labels,
    };
    // The client checks these before asking the daemon.
    if req.subnet.is_none() && (req.gateway.is_some() || req.ip_range.is_some()) {
        ctx.out
            .err("every ip-range or gateway must have a corresponding subnet\n");
        return 1;
    }
    for s in req.subnet.iter().chain(req.ip_range.iter()) {
        if Subnet::parse(s).is_none() {
            ctx.out.err(format!("invalid CIDR address: {s}\n"));
            return 1;
        }
    }
    ctx.api("POST", "/networks/create");
    let now = ctx.world.now();
    let id = ctx.world.random_id();
    match ctx.world.daemon.networks.create(&req, id, now) {
        Ok(id) => {
            let name = req.name.clone();
            ctx.world.daemon.emit(
                now,
                "network",
                "create",
                &id,
                &[("name", &name), ("type", "bridge")],
            );
            ctx.out.out(format!("{id}\n"));
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}
