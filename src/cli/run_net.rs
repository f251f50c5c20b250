//! The network options of `docker run`/`create` (`--network`, `--network-alias`, `--ip`,
//! `--mac-address`, `--link`, `-h`, `--dns`, `--add-host`, `-p`/`--expose` in the modes
//! that forbid them): the client's checks, then the daemon's as the container is created.

use super::flags::Parsed;
use super::run_opts::Refusal;
use crate::daemon::containers::{Config, HostConfig};
use crate::daemon::networks::{parse_ip, Attachment};
use crate::world::World;

/// What the network flags asked for.
#[derive(Clone, Debug, Default)]
pub struct NetOptions {
    /// `--network` values in order (`default` when none).
    pub networks: Vec<String>,
    /// `--network-alias`.
    pub aliases: Vec<String>,
    /// `--ip`.
    pub ip: Option<String>,
    /// `--mac-address`.
    pub mac: Option<String>,
    /// `--link` as typed.
    pub links: Vec<String>,
}

fn refuse(message: impl Into<String>) -> Refusal {
    Refusal {
        message: message.into(),
        status: 125,
    }
}

fn daemon(message: impl std::fmt::Display) -> Refusal {
    refuse(format!("Error response from daemon: {message}"))
}

/// The daemon's warning for a container it creates (printed by the client on stderr):
/// ports published in host network mode are discarded.
pub fn create_warning(host: &HostConfig) -> Option<&'static str> {
    let publishes = !host.port_bindings.is_empty() || host.publish_all;
    (host.network_mode == "host" && publishes)
        .then_some("WARNING: Published ports are discarded when using host network mode\n")
}

/// `container.NetworkMode.IsUserDefined`.
pub fn is_user_defined(mode: &str) -> bool {
    !matches!(mode, "default" | "bridge" | "host" | "none") && !mode.starts_with("container:")
}

/// The client's checks (docker's `parseNetworkOpts`); sets `NetworkMode`.
pub fn parse(p: &Parsed, host: &mut HostConfig) -> Result<NetOptions, Refusal> {
    let mut networks: Vec<String> = p
        .all("network")
        .into_iter()
        .chain(p.all("net"))
        .map(str::to_owned)
        .collect();
    if networks.is_empty() {
        networks.push("default".into());
    }
    let user = networks.iter().filter(|n| is_user_defined(n)).count();
    if user > 0 && user < networks.len() {
        return Err(refuse(
            "conflicting options: cannot attach both user-defined and non-user-defined network-modes",
        ));
    }
    let opts = NetOptions {
        aliases: p
            .all("network-alias")
            .into_iter()
            .map(str::to_owned)
            .collect(),
        ip: p.last("ip").filter(|s| !s.is_empty()).map(str::to_owned),
        mac: p
            .last("mac-address")
            .filter(|s| !s.is_empty())
            .map(str::to_owned),
        links: p.all("link").into_iter().map(str::to_owned).collect(),
        networks,
    };
    for l in &opts.links {
        if l.split(':').count() > 2 {
            return Err(refuse(format!(
                "invalid argument \"{l}\" for \"--link\" flag: bad format for links: {l}"
            )));
        }
    }
    if let Some(ip) = &opts.ip {
        if parse_ip(ip).is_none() {
            return Err(refuse(format!(
                "invalid argument \"{ip}\" for \"--ip\" flag: invalid string being converted to IP address: {ip}"
            )));
        }
    }
    if let Some(m) = &opts.mac {
        if !valid_mac(m) {
            return Err(refuse(format!("{m} is not a valid mac address")));
        }
    }
    let first = opts.networks[0].as_str();
    if !is_user_defined(first) {
        if !opts.aliases.is_empty() {
            return Err(refuse(
                "network-scoped aliases are only supported for user-defined networks",
            ));
        }
        if first != "default" && !opts.links.is_empty() {
            return Err(refuse("links are only supported for user-defined networks"));
        }
    }
    if first == "container:" {
        return Err(daemon(
            "Invalid network mode: invalid container format container:<name|id>",
        ));
    }
    host.network_mode = if first == "default" {
        "bridge".into()
    } else {
        first.to_owned()
    };
    Ok(opts)
}

/// `net.ParseMAC` for the 6-byte colon form.
fn valid_mac(m: &str) -> bool {
    let parts: Vec<&str> = m.split([':', '-']).collect();
    parts.len() == 6
        && parts
            .iter()
            .all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// The daemon's checks as it creates the container: the networks exist, the modes'
/// conflicts, the links' targets. Rewrites `container:NAME` to the id and fills in the
/// hostname a mode implies; returns the networks to attach.
pub fn resolve(
    world: &World,
    opts: &NetOptions,
    config: &mut Config,
    host: &mut HostConfig,
    name: &str,
) -> Result<Vec<Attachment>, Refusal> {
    let mode = host.network_mode.clone();
    let daemon_state = &world.daemon;
    if let Some(target) = mode.strip_prefix("container:") {
        if !config.hostname.is_empty() {
            return Err(daemon("conflicting options: hostname and the network mode"));
        }
        if !host.dns.is_empty() {
            return Err(daemon("conflicting options: dns and the network mode"));
        }
        if !host.extra_hosts.is_empty() {
            return Err(daemon(
                "conflicting options: custom host-to-IP mapping and the network mode",
            ));
        }
        if !host.port_bindings.is_empty() || host.publish_all {
            return Err(daemon(
                "conflicting options: port publishing and the container type network mode",
            ));
        }
        if !config.exposed_ports.is_empty() {
            return Err(daemon(
                "conflicting options: port exposing and the container type network mode",
            ));
        }
        let t = daemon_state.containers.lookup(target).map_err(daemon)?;
        host.network_mode = format!("container:{}", t.id);
        config.hostname = t.config.hostname.clone();
        return Ok(Vec::new());
    }
    if mode == "host" && !opts.links.is_empty() {
        return Err(daemon("conflicting options: host type networking can't be used with links. This would result in undefined behavior"));
    }
    if mode == "host" {
        host.port_bindings.clear();
        host.publish_all = false;
        if config.hostname.is_empty() {
            config.hostname = if world.host.kind == crate::host::HostKind::Windows {
                "docker-desktop".into()
            } else {
                world.host.hostname().into()
            };
        }
    }
    let mut out = Vec::new();
    for (i, n) in opts.networks.iter().enumerate() {
        let n = if n == "default" { "bridge" } else { n.as_str() };
        let net = daemon_state.networks.lookup(n).map_err(daemon)?;
        let mut a = Attachment::to(&net.id);
        if i == 0 {
            if let Some(ip) = &opts.ip {
                if !net.is_user_defined() {
                    return Err(daemon(
                        "user specified IP address is supported on user defined networks only",
                    ));
                }
                a.ip = parse_ip(ip);
            }
            a.aliases = opts.aliases.clone();
            a.mac = opts.mac.clone();
            if net.is_user_defined() {
                a.links = opts.links.clone();
            }
        }
        if out.iter().any(|o: &Attachment| o.network == a.network) {
            continue;
        }
        out.push(a);
    }
    if mode == "bridge" {
        host.links.clear();
        for l in &opts.links {
            let (target, alias) = l.split_once(':').unwrap_or((l.as_str(), l.as_str()));
            let t = daemon_state
                .containers
                .lookup(target)
                .map_err(|e| daemon(format!("could not get container for {target}: {e}")))?;
            if !t.state.is_running() {
                return Err(daemon(format!(
                    "Cannot link to a non running container: /{} AS /{name}/{alias}",
                    t.name
                )));
            }
            host.links.push(format!("/{}:/{name}/{alias}", t.name));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_defined_modes() {
        let check = |m: &str, want: bool| assert_eq!(is_user_defined(m), want, "{m}");
        check("default", false);
        check("bridge", false);
        check("host", false);
        check("none", false);
        check("container:web", false);
        check("mynet", true);
        check("containers", true);
    }

    #[test]
    fn mac_addresses() {
        let check = |m: &str, want: bool| assert_eq!(valid_mac(m), want, "{m}");
        check("02:42:ac:11:00:02", true);
        check("02-42-AC-11-00-02", true);
        check("02:42:ac:11:00", false);
        check("zz:42:ac:11:00:02", false);
    }
}
