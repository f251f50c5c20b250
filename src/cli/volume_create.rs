//! `docker volume create`: create a named (or anonymous) volume.

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::Ctx;
use crate::collections::SortedMap as BTreeMap;

/// `docker volume create`.
pub const CMD: Command = Command {
    name: "create",
    usage: "[OPTIONS] [VOLUME]",
    short: "Create a volume",
    flags: &[
        Flag::string("driver", Some('d'), "Specify volume driver name").default("\"local\""),
        Flag::string("name", None, "Specify volume name").hidden(),
        Flag::map("opt", Some('o'), "Set driver specific options"),
        Flag::list("label", None, "Set metadata for a volume"),
        // Cluster volumes need a swarm manager: hidden on this daemon.
        Flag::string("group", None, "Cluster Volume group (cluster volumes)").hidden(),
        Flag::string("scope", None, "Cluster Volume access scope").hidden(),
        Flag::string("sharing", None, "Cluster Volume access sharing").hidden(),
        Flag::string("availability", None, "Cluster Volume availability").hidden(),
        Flag::string("type", None, "Cluster Volume access type").hidden(),
        Flag::strings(
            "topology-required",
            None,
            "A topology that the Cluster Volume must be accessible from",
        )
        .hidden(),
        Flag::strings(
            "topology-preferred",
            None,
            "A topology that the Cluster Volume would be preferred in",
        )
        .hidden(),
        Flag::bytes(
            "limit-bytes",
            None,
            "Minimum size of the Cluster Volume in bytes",
        )
        .hidden(),
        Flag::bytes(
            "required-bytes",
            None,
            "Maximum size of the Cluster Volume in bytes",
        )
        .hidden(),
        Flag::list("secret", None, "Cluster Volume secrets").hidden(),
    ],
    args: Args::Max(1),
    run: Some(run),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let given = p.last("name").filter(|n| !n.is_empty());
    if given.is_some() && !p.args.is_empty() {
        ctx.out.err(format!(
            "conflicting options: either specify --name or provide positional arg, not both\nSee '{} --help'.\n",
            ctx.path
        ));
        return 1;
    }
    ctx.api("POST", "/volumes/create");
    let (name, anonymous) = match given.or(p.args.first().map(String::as_str)) {
        Some(n) => (n.to_owned(), false),
        None => (ctx.world.random_id(), true),
    };
    if !crate::daemon::volumes::valid_name(&name) {
        ctx.out.err(format!(
            "Error response from daemon: create {name}: \"{name}\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed. If you intended to pass a host directory, use absolute path\n"
        ));
        return 1;
    }
    if let Some(d) = p.last("driver").filter(|d| *d != "local") {
        ctx.out.err(format!(
            "Error response from daemon: create {name}: error looking up volume plugin {d}: plugin \"{d}\" not found\n"
        ));
        return 1;
    }
    let split = |v: &String| {
        let (k, val) = v.split_once('=').unwrap_or((v, ""));
        (k.to_owned(), val.to_owned())
    };
    let options: BTreeMap<String, String> = p
        .all("opt")
        .into_iter()
        .map(|v| split(&v.to_owned()))
        .collect();
    if let Err(e) = crate::daemon::local_volume::validate(&options) {
        ctx.out
            .err(format!("Error response from daemon: create {name}: {e}\n"));
        return 1;
    }
    let labels: BTreeMap<String, String> = p
        .all("label")
        .into_iter()
        .map(|v| split(&v.to_owned()))
        .collect();
    let now = ctx.world.now();
    let (_, created) = ctx
        .world
        .daemon
        .volumes
        .get_or_create(&name, anonymous, now);
    if created {
        ctx.world.daemon.volumes.configure(&name, labels, options);
        ctx.world
            .daemon
            .emit(now, "volume", "create", &name, &[("driver", "local")]);
    }
    ctx.out.out(format!("{name}\n"));
    0
}
