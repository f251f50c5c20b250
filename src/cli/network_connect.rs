//! `docker network connect`: attach a container to a network.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
use crate::daemon::networks::{parse_ip, Attachment};

/// `docker network connect`.
pub const CMD: Command = Command {
    name: "connect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Connect a container to a network",
    flags: &[
        Flag::string("ip", None, "IPv4 address (e.g., \"172.30.100.104\")"),
        Flag::string("ip6", None, "IPv6 address (e.g., \"2001:db8::33\")"),
        Flag::list("link", None, "Add link to another container"),
        Flag::strings("alias", None, "Add network-scoped alias for the container"),
        Flag::strings(
            "link-local-ip",
            None,
            "Add a link-local address for the container",
        ),
        Flag::strings("driver-opt", None, "driver options for the network"),
    ],
    args: Args::Exact(2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    for flag in ["ip6", "link-local-ip", "driver-opt"] {
        if p.changed(flag) {
            ctx.out.err(format!(
                "berth: \"{} --{flag}\" is not simulated yet\n",
                ctx.path
            ));
            return 1;
        }
    }
    let (net, ctr) = (&p.args[0], &p.args[1]);
    ctx.api("POST", &format!("/networks/{net}/connect"));
    let daemon = &mut ctx.world.daemon;
    let c = match daemon.containers.lookup(ctr) {
        Ok(c) => c,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let (id, name, mode, running) = (
        c.id.clone(),
        c.name.clone(),
        c.host.network_mode.clone(),
        c.state.is_running(),
    );
    let network = match daemon.networks.lookup(net) {
        Ok(n) => n.id.clone(),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let mut a = Attachment::to(&network);
    a.aliases = p.all("alias").into_iter().map(str::to_owned).collect();
    a.links = p.all("link").into_iter().map(str::to_owned).collect();
    if let Some(ip) = p.last("ip").filter(|s| !s.is_empty()) {
        match parse_ip(ip) {
            Some(ip) => a.ip = Some(ip),
            None => {
                ctx.out.err(format!(
                    "Error response from daemon: invalid IPv4 address: {ip}\n"
                ));
                return 1;
            }
        }
    }
    match daemon.networks.connect(&id, &name, &mode, running, a) {
        Ok(()) => {
            let now = ctx.world.now();
            let net_name = ctx
                .world
                .daemon
                .networks
                .get(&network)
                .map(|n| n.name.clone())
                .unwrap_or_default();
            ctx.world.daemon.emit(
                now,
                "network",
                "connect",
                &network,
                &[("container", &id), ("name", &net_name), ("type", "bridge")],
            );
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}
