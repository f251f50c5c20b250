//! Who reaches whom: name resolution as a container sees it (its `/etc/hosts` entries, the
//! embedded DNS server of user-defined networks) and routing between containers that share
//! a network, or from the host to published ports. The daemon [`publish`]es a [`View`] of
//! its running containers before programs run; `crate::shell::sockets::route` asks it.

use std::fmt;

use crate::daemon::networks::{parse_ip, Ip};
use crate::daemon::Daemon;

/// One network a container is on, while it runs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ep {
    /// The network's id.
    pub network: String,
    /// The network's name (reverse lookups answer `NAME.NETWORK`).
    pub network_name: String,
    /// The prefix length of its subnet.
    pub prefix: u8,
    /// Its gateway (the bridge's address).
    pub gateway: Option<Ip>,
    /// The interface's MAC address.
    pub mac: String,
    /// Whether names resolve on it (user-defined networks).
    pub user_defined: bool,
    /// The container's address there.
    pub ip: Ip,
    /// Its names there: name, aliases, short id.
    pub names: Vec<String>,
}

/// How a container is plugged in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// On bridges (the default bridge or user networks).
    Bridged,
    /// `--network host`: the host's (the VM's) stack.
    Host,
    /// `--network none`: loopback only.
    Isolated,
    /// `--network container:ID`: the namespace of that container.
    Shared(String),
}

/// A running container as the network sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// 64 hex.
    pub id: String,
    /// Its hostname (resolves to its own address).
    pub hostname: String,
    /// How it is plugged in.
    pub mode: Mode,
    /// Its endpoints.
    pub endpoints: Vec<Ep>,
    /// `/etc/hosts` entries beyond its own: `--add-host` and `--link` (name → address).
    pub hosts: Vec<(String, Ip)>,
    /// Published ports: (host port, container port).
    pub published: Vec<(u16, u16)>,
}

/// The network state of every running container.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct View {
    /// Running containers.
    pub nodes: Vec<Node>,
}

/// Where a connection lands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Peer {
    /// The container that owns the address (its full id).
    pub container: String,
    /// The address connected to.
    pub ip: Ip,
    /// The port inside that container.
    pub port: u16,
}

/// Why a name or a connection fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NetError {
    /// The name does not resolve (`bad address 'db'`, `Could not resolve host: db`).
    UnknownHost(String),
    /// The address exists nowhere this container can route to (ping gets no answer).
    Unreachable(Ip),
    /// Nothing is published on that host port (`Connection refused`).
    Refused,
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::UnknownHost(h) => write!(f, "bad address '{h}'"),
            NetError::Unreachable(ip) => write!(
                f,
                "{} is unreachable",
                crate::daemon::networks::ip_string(*ip)
            ),
            NetError::Refused => write!(f, "Connection refused"),
        }
    }
}

/// Why a packet gets no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unreach {
    /// No interface but loopback (`--network none`): `ENETUNREACH` at once.
    NoNetwork,
    /// On one of its subnets, but no one has the address: ARP fails, `EHOSTUNREACH`
    /// (errno 113, "No route to host") after about three seconds.
    NoHost,
    /// Routed away and dropped (another network, isolated by docker's firewall rules):
    /// no answer at all.
    Filtered,
}

const LOOPBACK: Ip = [127, 0, 0, 1];

/// Hands the daemon's current [`View`] to the sockets of its containers' programs (called
/// before the kernel runs them, so a name resolves to what is running now). `starting` is a
/// container about to start, counted as running. The view is made again only when a
/// container or a network changed since (this runs before every scheduling round).
pub fn publish(daemon: &mut Daemon, starting: Option<&str>) {
    let key = (
        daemon.containers.revision(),
        daemon.networks.revision(),
        starting.map(str::to_owned),
    );
    if daemon.programs().sockets.is_view_of(&key) {
        // Tests check that every change reaches the revisions the key is made of.
        debug_assert!(
            daemon.programs().sockets.view() == View::of(daemon, starting),
            "a container or network changed without moving its store's revision"
        );
        return;
    }
    let view = View::of(daemon, starting);
    daemon.programs().sockets.set_view(view, key);
}

impl View {
    /// The running containers of `daemon` (and `starting`, about to run).
    pub fn of(daemon: &Daemon, starting: Option<&str>) -> View {
        let nets = &daemon.networks;
        let mut nodes = Vec::new();
        for c in daemon
            .containers
            .iter()
            .filter(|c| c.state.is_running() || starting == Some(c.id.as_str()))
        {
            let mode = match c.host.network_mode.as_str() {
                "host" => Mode::Host,
                "none" => Mode::Isolated,
                m => match m.strip_prefix("container:") {
                    Some(t) => Mode::Shared(
                        daemon
                            .containers
                            .by_name(t)
                            .or_else(|| daemon.containers.get(t))
                            .map_or_else(|| t.to_owned(), |c| c.id.clone()),
                    ),
                    None => Mode::Bridged,
                },
            };
            let mut endpoints = Vec::new();
            let mut link_hosts = Vec::new();
            for a in nets.attachments(&c.id) {
                let Some(n) = nets.get(&a.network) else {
                    continue;
                };
                let Some(ip) = n.endpoints.get(&c.id).and_then(|e| e.ip) else {
                    continue;
                };
                let mut names = vec![c.name.clone()];
                names.extend(a.aliases.iter().cloned());
                names.push(c.short_id().to_owned());
                let mac = n
                    .endpoints
                    .get(&c.id)
                    .map(|e| e.mac.clone())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| crate::daemon::networks::mac_of(ip));
                // Links on a user network: the embedded DNS answers their aliases for
                // this container alone.
                for l in &a.links {
                    let (target, alias) = l.split_once(':').unwrap_or((l.as_str(), l.as_str()));
                    let Ok(t) = daemon.containers.lookup(target) else {
                        continue;
                    };
                    if let Some(tip) = n.endpoints.get(&t.id).and_then(|e| e.ip) {
                        link_hosts.push((alias.to_owned(), tip));
                    }
                }
                endpoints.push(Ep {
                    network: n.id.clone(),
                    network_name: n.name.clone(),
                    prefix: n.ipam.as_ref().map_or(16, |i| i.subnet.prefix),
                    gateway: n.ipam.as_ref().map(|i| i.gateway),
                    mac,
                    user_defined: n.is_user_defined(),
                    ip,
                    names,
                });
            }
            let mut hosts = link_hosts;
            for h in &c.host.extra_hosts {
                if let Some((name, addr)) = h.split_once(':').or_else(|| h.split_once('=')) {
                    if let Some(ip) = parse_ip(addr) {
                        hosts.push((name.to_owned(), ip));
                    }
                }
            }
            for l in &c.host.links {
                let Some((target, name)) = l.split_once(':') else {
                    continue;
                };
                let alias = name.rsplit('/').next().unwrap_or(name);
                let Some(t) = daemon.containers.by_name(target.trim_start_matches('/')) else {
                    continue;
                };
                if let Some(ip) = t.ip {
                    hosts.push((alias.to_owned(), ip));
                    hosts.push((t.config.hostname.clone(), ip));
                    hosts.push((t.name.clone(), ip));
                }
            }
            let published = c
                .published
                .iter()
                .filter_map(|(port, _, hp)| {
                    let n = port.split('/').next()?.parse().ok()?;
                    Some((*hp, n))
                })
                .collect();
            nodes.push(Node {
                id: c.id.clone(),
                hostname: c.config.hostname.clone(),
                mode,
                endpoints,
                hosts,
                published,
            });
        }
        View { nodes }
    }

    /// The node whose network stack container `id` uses (the target's for
    /// `container:` mode).
    pub fn node(&self, id: &str) -> Option<&Node> {
        let n = self.nodes.iter().find(|n| n.id == id)?;
        match &n.mode {
            Mode::Shared(t) if t != id => self.nodes.iter().find(|m| m.id == *t).or(Some(n)),
            _ => Some(n),
        }
    }

    /// What `host` means inside container `from` (`None`: on the host): an address, or
    /// `UnknownHost`.
    pub fn resolve(&self, from: Option<&str>, host: &str) -> Result<Ip, NetError> {
        if let Some(ip) = parse_ip(host) {
            return Ok(ip);
        }
        if host == "localhost" {
            return Ok(LOOPBACK);
        }
        let unknown = || NetError::UnknownHost(host.to_owned());
        let Some(me) = from.and_then(|f| self.node(f)) else {
            return Err(unknown());
        };
        if let Some((_, ip)) = me.hosts.iter().find(|(n, _)| n == host) {
            return Ok(*ip);
        }
        if me.hostname == host {
            return Ok(me.endpoints.first().map_or(LOOPBACK, |e| e.ip));
        }
        // The embedded DNS server answers on user-defined networks only, with the names
        // of containers on the same network.
        for mine in me.endpoints.iter().filter(|e| e.user_defined) {
            for other in &self.nodes {
                for ep in &other.endpoints {
                    if ep.network == mine.network && ep.names.iter().any(|n| n == host) {
                        return Ok(ep.ip);
                    }
                }
            }
        }
        Err(unknown())
    }

    /// The name a reverse lookup of `ip` gives inside container `from`: the first name of
    /// its `/etc/hosts` line for that address, else `NAME.NETWORK` from the embedded DNS
    /// of a user-defined network it shares with the owner.
    pub fn reverse(&self, from: Option<&str>, ip: Ip) -> Option<String> {
        let me = from.and_then(|f| self.node(f))?;
        if let Some((n, _)) = me.hosts.iter().find(|(_, a)| *a == ip) {
            return Some(n.clone());
        }
        if me.endpoints.iter().any(|e| e.ip == ip) {
            return Some(me.hostname.clone());
        }
        for mine in me.endpoints.iter().filter(|e| e.user_defined) {
            for other in &self.nodes {
                for ep in &other.endpoints {
                    if ep.network == mine.network && ep.ip == ip {
                        let name = ep.names.first()?;
                        return Some(format!("{name}.{}", ep.network_name));
                    }
                }
            }
        }
        None
    }

    /// Why container `from` (`None`: the host) gets no answer from `ip`.
    pub fn unreachable(&self, from: Option<&str>, ip: Ip) -> Unreach {
        let Some(me) = from.and_then(|f| self.node(f)) else {
            return Unreach::Filtered;
        };
        if me.mode == Mode::Isolated || (me.mode == Mode::Bridged && me.endpoints.is_empty()) {
            return Unreach::NoNetwork;
        }
        let on_link = me.endpoints.iter().any(|e| {
            let mask = u32::MAX
                .checked_shl(32 - u32::from(e.prefix.min(32)))
                .unwrap_or(0);
            u32::from_be_bytes(e.ip) & mask == u32::from_be_bytes(ip) & mask
        });
        if on_link {
            Unreach::NoHost
        } else {
            Unreach::Filtered
        }
    }

    /// Whether container `from` (`None`: the host) can reach `ip`; the container that owns
    /// it when one does.
    pub fn route(&self, from: Option<&str>, ip: Ip) -> Result<Option<String>, NetError> {
        let me = from.and_then(|f| self.node(f));
        if ip[0] == 127 {
            return Ok(me.map(|m| m.id.clone()));
        }
        let owner = self
            .nodes
            .iter()
            .find(|n| n.endpoints.iter().any(|e| e.ip == ip));
        match me {
            None => Ok(owner.map(|o| o.id.clone())),
            Some(m) => {
                if m.endpoints.iter().any(|e| e.ip == ip) {
                    return Ok(Some(m.id.clone()));
                }
                match &m.mode {
                    Mode::Isolated => Err(NetError::Unreachable(ip)),
                    Mode::Host => Ok(owner.map(|o| o.id.clone())),
                    _ => {
                        let Some(o) = owner else {
                            return Err(NetError::Unreachable(ip));
                        };
                        let shared = m.endpoints.iter().any(|mine| {
                            o.endpoints
                                .iter()
                                .any(|e| e.ip == ip && e.network == mine.network)
                        });
                        if shared {
                            Ok(Some(o.id.clone()))
                        } else {
                            Err(NetError::Unreachable(ip))
                        }
                    }
                }
            }
        }
    }

    /// A connection from container `from` (`None`: the host prompt) to `host:port`: the
    /// container and port it lands on. Loopback on the host (and in a `host`-network
    /// container) reaches published ports.
    pub fn connect(&self, from: Option<&str>, host: &str, port: u16) -> Result<Peer, NetError> {
        let ip = self.resolve(from, host)?;
        let me = from.and_then(|f| self.node(f));
        let on_host = me.is_none_or(|m| m.mode == Mode::Host);
        if ip[0] == 127 && on_host {
            let published = self.nodes.iter().find_map(|n| {
                n.published
                    .iter()
                    .find(|(hp, _)| *hp == port)
                    .map(|(_, cp)| Peer {
                        container: n.id.clone(),
                        ip,
                        port: *cp,
                    })
            });
            return match (published, me) {
                (Some(p), _) => Ok(p),
                // A `host`-network container's own servers listen on the host's ports.
                (None, Some(m)) => Ok(Peer {
                    container: m.id.clone(),
                    ip,
                    port,
                }),
                (None, None) => Err(NetError::Refused),
            };
        }
        match self.route(from, ip)? {
            Some(container) => Ok(Peer {
                container,
                ip,
                port,
            }),
            None => Err(NetError::Unreachable(ip)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(net: &str, user: bool, ip: Ip, names: &[&str]) -> Ep {
        Ep {
            network: net.into(),
            user_defined: user,
            ip,
            names: names.iter().map(|s| (*s).to_owned()).collect(),
            ..Ep::default()
        }
    }

    fn node(id: &str, mode: Mode, endpoints: Vec<Ep>) -> Node {
        Node {
            id: id.into(),
            hostname: format!("{id}-host"),
            mode,
            endpoints,
            hosts: Vec::new(),
            published: Vec::new(),
        }
    }

    /// web and db on `app` (user network), web also on the default bridge next to
    /// `old`, which links db's bridge address as `legacy`; `lone` has no network; `hostnet`
    /// uses the host's.
    fn view() -> View {
        let mut old = node(
            "old",
            Mode::Bridged,
            vec![ep("bridge", false, [172, 17, 0, 3], &["old"])],
        );
        old.hosts.push(("legacy".into(), [172, 17, 0, 2]));
        let mut web = node(
            "web",
            Mode::Bridged,
            vec![
                ep(
                    "app",
                    true,
                    [172, 18, 0, 2],
                    &["web", "www", "aaaaaaaaaaaa"],
                ),
                ep("bridge", false, [172, 17, 0, 2], &["web"]),
            ],
        );
        web.published.push((8080, 80));
        View {
            nodes: vec![
                web,
                node(
                    "db",
                    Mode::Bridged,
                    vec![ep("app", true, [172, 18, 0, 3], &["db", "bbbbbbbbbbbb"])],
                ),
                old,
                node("lone", Mode::Isolated, Vec::new()),
                node("hostnet", Mode::Host, Vec::new()),
                node("side", Mode::Shared("db".into()), Vec::new()),
            ],
        }
    }

    #[test]
    fn names_resolve_like_docker() {
        let v = view();
        let check = |from: Option<&str>, host: &str, want: &str| {
            let got = match v.resolve(from, host) {
                Ok(ip) => crate::daemon::networks::ip_string(ip),
                Err(e) => e.to_string(),
            };
            assert_eq!(got, want, "{from:?} {host}");
        };
        check(Some("db"), "web", "172.18.0.2");
        check(Some("db"), "www", "172.18.0.2");
        check(Some("db"), "aaaaaaaaaaaa", "172.18.0.2");
        check(Some("web"), "db", "172.18.0.3");
        check(Some("side"), "web", "172.18.0.2");
        check(Some("old"), "web", "bad address 'web'");
        check(Some("old"), "legacy", "172.17.0.2");
        check(Some("lone"), "web", "bad address 'web'");
        check(None, "web", "bad address 'web'");
        check(Some("web"), "web-host", "172.18.0.2");
        check(Some("web"), "localhost", "127.0.0.1");
        check(Some("web"), "8.8.8.8", "8.8.8.8");
    }

    #[test]
    fn connections_follow_shared_networks() {
        let v = view();
        let check = |from: Option<&str>, host: &str, port: u16, want: &str| {
            let got = match v.connect(from, host, port) {
                Ok(p) => format!("{}:{}", p.container, p.port),
                Err(e) => e.to_string(),
            };
            assert_eq!(got, want, "{from:?} {host}:{port}");
        };
        check(Some("db"), "web", 80, "web:80");
        check(Some("old"), "172.17.0.2", 80, "web:80");
        check(Some("old"), "172.18.0.3", 3306, "172.18.0.3 is unreachable");
        check(Some("db"), "172.17.0.3", 80, "172.17.0.3 is unreachable");
        check(Some("lone"), "172.17.0.2", 80, "172.17.0.2 is unreachable");
        check(Some("lone"), "localhost", 80, "lone:80");
        check(Some("web"), "localhost", 80, "web:80");
        check(None, "localhost", 8080, "web:80");
        check(None, "localhost", 9090, "Connection refused");
        check(None, "172.18.0.3", 3306, "db:3306");
        check(Some("hostnet"), "localhost", 8080, "web:80");
        check(Some("hostnet"), "172.18.0.3", 3306, "db:3306");
        check(Some("side"), "localhost", 3306, "db:3306");
        check(Some("side"), "web", 80, "web:80");
    }
}
