//! `docker network disconnect`: detach a container from a network.

use super::command::{Args, Command};
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;

/// `docker network disconnect`.
pub const CMD: Command = Command {
    name: "disconnect",
    usage: "[OPTIONS] NETWORK CONTAINER",
    short: "Disconnect a container from a network",
    flags: &[Flag::bool(
        "force",
        Some('f'),
        "Force the container to disconnect from a network",
    )],
    args: Args::Exact(2),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let (net, ctr) = (&p.args[0], &p.args[1]);
    ctx.api("POST", &format!("/networks/{net}/disconnect"));
    let daemon = &mut ctx.world.daemon;
    let id = match daemon.containers.lookup(ctr) {
        Ok(c) => c.id.clone(),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    let (network, net_name, driver) = match daemon.networks.lookup(net) {
        Ok(n) => (n.id.clone(), n.name.clone(), n.driver.clone()),
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    match daemon.networks.disconnect(&id, &network) {
        Ok(()) => {
            let now = ctx.world.now();
            ctx.world.daemon.emit(
                now,
                "network",
                "disconnect",
                &network,
                &[("container", &id), ("name", &net_name), ("type", &driver)],
            );
            0
        }
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            1
        }
    }
}
