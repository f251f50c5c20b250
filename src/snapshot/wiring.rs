//! How containers are wired: their networks (subnets and each member's address), the mode
//! of a container that shares another's network or the host's, `--link`s, and mounts from
//! volumes and host folders. Part of the [`Snapshot`](super::Snapshot) the visualizer draws.

use serde::Serialize;

use crate::collections::SmallSort;

use crate::daemon::networks::ip_string;
use crate::world::World;

/// The wiring of every container.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Wiring {
    /// Networks, as `docker network ls` lists them (by name).
    pub networks: Vec<NetworkView>,
    /// Mounts, container by container (oldest container first), each by destination.
    pub mounts: Vec<MountView>,
    /// `--link`s.
    pub links: Vec<LinkView>,
    /// Containers that do not have a network of their own: `host`, `none`, or
    /// `container:<id>`.
    pub shared: Vec<SharedView>,
}

/// One network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetworkView {
    /// 64 hex.
    pub id: String,
    /// `bridge`, `host`, `none`, or a user network's name.
    pub name: String,
    /// `bridge`, `host`, `null`.
    pub driver: String,
    /// `172.17.0.0/16`, empty without an address plan.
    pub subnet: String,
    /// `172.17.0.1`, empty without one.
    pub gateway: String,
    /// The containers configured on it.
    pub members: Vec<MemberView>,
}

/// A container on a network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MemberView {
    /// The container's id.
    pub container: String,
    /// Its address while it runs (empty when stopped, or on `host`/`none`).
    pub ip: String,
}

/// A mount of a container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MountView {
    /// The container's id.
    pub container: String,
    /// `volume` or `bind`.
    pub kind: String,
    /// The volume's name, or the host folder as typed.
    pub source: String,
    /// The path in the container.
    pub destination: String,
    /// Writable.
    pub rw: bool,
}

/// A `--link`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinkView {
    /// The id of the container that has the link.
    pub from: String,
    /// The name of the container it reaches.
    pub to: String,
    /// The name it knows it by.
    pub alias: String,
}

/// A container without a network of its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SharedView {
    /// The container's id.
    pub container: String,
    /// `host`, `none`, or `container` (then `with` is the other container's id).
    pub mode: String,
    /// The container whose network it shares.
    pub with: String,
}

impl Wiring {
    /// Takes the wiring of `world`'s containers; `order` is their ids, oldest first.
    pub fn of(world: &World, order: &[String]) -> Wiring {
        let d = &world.daemon;
        let mut w = Wiring::default();
        for net in d.networks.iter() {
            let members = order
                .iter()
                .filter(|id| {
                    d.networks
                        .attachments(id)
                        .iter()
                        .any(|a| a.network == net.id)
                })
                .map(|id| MemberView {
                    container: id.clone(),
                    ip: d
                        .networks
                        .endpoint(id, &net.id)
                        .and_then(|e| e.ip)
                        .map(ip_string)
                        .unwrap_or_default(),
                })
                .collect();
            w.networks.push(NetworkView {
                id: net.id.clone(),
                name: net.name.clone(),
                driver: net.driver.clone(),
                subnet: net
                    .ipam
                    .as_ref()
                    .map(|i| format!("{}/{}", ip_string(i.subnet.addr), i.subnet.prefix))
                    .unwrap_or_default(),
                gateway: net
                    .ipam
                    .as_ref()
                    .map(|i| ip_string(i.gateway))
                    .unwrap_or_default(),
                members,
            });
        }
        w.networks.small_sort_by(|a, b| a.name.cmp(&b.name));
        for id in order {
            let Some(c) = d.containers.get(id) else {
                continue;
            };
            for m in d.volumes.mounts_of(id) {
                w.mounts.push(MountView {
                    container: id.clone(),
                    kind: m.kind.to_owned(),
                    source: if m.kind == "volume" { m.name } else { m.source },
                    destination: m.destination,
                    rw: m.rw,
                });
            }
            for l in &c.host.links {
                if let Some((to, alias)) = parse_link(l) {
                    w.links.push(LinkView {
                        from: id.clone(),
                        to: to.to_owned(),
                        alias: alias.to_owned(),
                    });
                }
            }
            let mode = c.host.network_mode.as_str();
            let shared = match mode.split_once(':') {
                Some(("container", other)) => Some((
                    "container",
                    d.containers
                        .lookup(other)
                        .map_or_else(|_| other.to_owned(), |o| o.id.clone()),
                )),
                _ if mode == "host" || mode == "none" => Some((mode, String::new())),
                _ => None,
            };
            if let Some((mode, with)) = shared {
                w.shared.push(SharedView {
                    container: id.clone(),
                    mode: mode.to_owned(),
                    with,
                });
            }
        }
        w
    }
}

/// A link as `HostConfig.Links` holds it: `/db:/web/mydb` → (`db`, `mydb`).
fn parse_link(l: &str) -> Option<(&str, &str)> {
    let (target, name) = l.split_once(':')?;
    let alias = name.rsplit('/').next()?;
    Some((target.trim_start_matches('/'), alias))
}

#[cfg(test)]
mod tests {
    use crate::{Engine, HostKind, ManualClock};

    /// Runs `lines` on a Linux host and describes the wiring in one line per thing.
    fn check(lines: &[&str], expected: &[&str]) {
        let clock = ManualClock::default();
        let engine = Engine::builder()
            .host(HostKind::Linux)
            .seed(1)
            .clock(Box::new(clock.clone()))
            .build();
        let mut session = engine.session();
        for line in lines {
            session.run_line(line);
            session.settle(&clock);
        }
        let snap = engine.snapshot();
        let name = |id: &str| {
            snap.containers
                .iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_owned(), |c| c.name.clone())
        };
        let w = &snap.wiring;
        let mut got = Vec::new();
        for n in &w.networks {
            let members: Vec<String> = n
                .members
                .iter()
                .map(|m| format!("{}={}", name(&m.container), m.ip))
                .collect();
            got.push(format!(
                "net {} {} {} [{}]",
                n.name,
                n.driver,
                n.subnet,
                members.join(" ")
            ));
        }
        for m in &w.mounts {
            let rw = if m.rw { "rw" } else { "ro" };
            got.push(format!(
                "mount {} {} {}:{} {rw}",
                name(&m.container),
                m.kind,
                m.source,
                m.destination
            ));
        }
        for l in &w.links {
            got.push(format!("link {} -> {} as {}", name(&l.from), l.to, l.alias));
        }
        for s in &w.shared {
            got.push(format!(
                "shared {} {} {}",
                name(&s.container),
                s.mode,
                name(&s.with)
            ));
        }
        assert_eq!(got, expected, "{lines:?}");
    }

    #[test]
    fn wiring() {
        let nets = [
            "net bridge bridge 172.17.0.0/16 []",
            "net host host  []",
            "net none null  []",
        ];
        check(&[], &nets);
        check(
            &[
                "docker run -d --name db -v data:/var/lib/mysql -e MYSQL_ROOT_PASSWORD=x mysql",
                "docker run -d --name web --link db:mydb -v /tmp:/srv:ro -p 8080:80 nginx",
                "docker create --name quiet --network none alpine",
                "docker run -d --name side --network container:web alpine sleep 100",
                "docker network create app",
                "docker run -d --name api --network app nginx",
            ],
            &[
                "net app bridge 172.18.0.0/16 [api=172.18.0.2]",
                "net bridge bridge 172.17.0.0/16 [db=172.17.0.2 web=172.17.0.3]",
                "net host host  []",
                "net none null  [quiet=]",
                "mount db volume data:/var/lib/mysql rw",
                "mount web bind /tmp:/srv ro",
                "link web -> db as mydb",
                "shared quiet none ",
                "shared side container web",
            ],
        );
    }
}
