//! Networks: the predefined `bridge`, `host` and `none`, user-defined bridges, their
//! address management (lowest free address, pools handed out in docker's order) and the
//! endpoints of running containers.

use crate::collections::SortedMap as BTreeMap;
use std::fmt;

use crate::fs::tar::Digest;
use crate::ports::Nanos;

/// An IPv4 address.
pub type Ip = [u8; 4];

/// Writes an address the dotted way.
pub fn ip_string(ip: Ip) -> String {
    format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])
}

/// Parses a dotted IPv4 address (Go's `net.ParseIP` for IPv4: no leading zeros beyond one digit).
pub fn parse_ip(s: &str) -> Option<Ip> {
    let mut out = [0u8; 4];
    let mut parts = s.split('.');
    for slot in &mut out {
        let p = parts.next()?;
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if p.len() > 1 && p.starts_with('0') {
            return None;
        }
        *slot = p.parse().ok()?;
    }
    parts.next().is_none().then_some(out)
}

/// The MAC address the bridge driver derives from an address: `02:42:` and its four bytes.
pub fn mac_of(ip: Ip) -> String {
    format!(
        "02:42:{:02x}:{:02x}:{:02x}:{:02x}",
        ip[0], ip[1], ip[2], ip[3]
    )
}

fn to_u32(ip: Ip) -> u32 {
    u32::from_be_bytes(ip)
}

fn from_u32(n: u32) -> Ip {
    n.to_be_bytes()
}

/// An IPv4 prefix (`172.18.0.0/16`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Subnet {
    /// The address as written (masked for a valid subnet).
    pub addr: Ip,
    /// The prefix length, 0 to 32.
    pub prefix: u8,
}

impl Subnet {
    /// Parses `a.b.c.d/n` (Go's `net.ParseCIDR`).
    pub fn parse(s: &str) -> Option<Subnet> {
        let (ip, n) = s.split_once('/')?;
        let addr = parse_ip(ip)?;
        if n.is_empty() || n.len() > 2 || !n.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let prefix: u8 = n.parse().ok()?;
        (prefix <= 32).then_some(Subnet { addr, prefix })
    }

    fn mask(&self) -> u32 {
        if self.prefix == 0 {
            0
        } else {
            u32::MAX << (32 - u32::from(self.prefix))
        }
    }

    /// The subnet with host bits cleared.
    pub fn masked(&self) -> Subnet {
        Subnet {
            addr: from_u32(to_u32(self.addr) & self.mask()),
            prefix: self.prefix,
        }
    }

    /// Whether `ip` is inside.
    pub fn contains(&self, ip: Ip) -> bool {
        to_u32(ip) & self.mask() == to_u32(self.addr) & self.mask()
    }

    /// Whether two prefixes share an address.
    pub fn overlaps(&self, other: &Subnet) -> bool {
        self.contains(other.addr) || other.contains(self.addr)
    }

    /// The first and last address.
    fn bounds(&self) -> (u32, u32) {
        let lo = to_u32(self.addr) & self.mask();
        (lo, lo | !self.mask())
    }
}

impl fmt::Display for Subnet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", ip_string(self.addr), self.prefix)
    }
}

/// The local address pools, in the order docker hands them out: 172.17–172.31 as /16s,
/// then 192.168.0.0/16 as /20s.
pub fn default_pools() -> Vec<Subnet> {
    let mut v: Vec<Subnet> = (17..=31)
        .map(|b| Subnet {
            addr: [172, b, 0, 0],
            prefix: 16,
        })
        .collect();
    v.extend((0..16).map(|i| Subnet {
        addr: [192, 168, i * 16, 0],
        prefix: 20,
    }));
    v
}

/// How a network hands out addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ipam {
    /// The subnet.
    pub subnet: Subnet,
    /// The gateway (the bridge's own address).
    pub gateway: Ip,
    /// `--ip-range`: where container addresses come from.
    pub ip_range: Option<Subnet>,
    /// The subnet was given by the user (`--subnet`), so `--ip` is allowed.
    pub user_subnet: bool,
}

impl Ipam {
    /// The lowest free address for a container (not the network's first or last address,
    /// not the gateway), or `None` when the pool is full.
    pub fn lowest_free(&self, used: &[Ip]) -> Option<Ip> {
        let (lo, hi) = self.subnet.bounds();
        let (rlo, rhi) = self.ip_range.map_or((lo, hi), |r| r.bounds());
        let start = rlo.max(lo + 1);
        let end = rhi.min(hi.saturating_sub(1));
        (start..=end)
            .map(from_u32)
            .find(|ip| *ip != self.gateway && !used.contains(ip))
    }
}

/// A running container's place on a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Endpoint {
    /// 64 hex.
    pub id: String,
    /// Its address (none on `host` and `none`).
    pub ip: Option<Ip>,
    /// Its MAC address (empty on `host` and `none`).
    pub mac: String,
}

/// A container's wish to be on a network: kept while it exists, running or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attachment {
    /// The network's id.
    pub network: String,
    /// `--network-alias` / `--alias`.
    pub aliases: Vec<String>,
    /// `--ip`.
    pub ip: Option<Ip>,
    /// `--mac-address`.
    pub mac: Option<String>,
    /// `--link` on a user network (`target:alias`).
    pub links: Vec<String>,
}

impl Attachment {
    /// An attachment with nothing requested.
    pub fn to(network: &str) -> Attachment {
        Attachment {
            network: network.to_owned(),
            aliases: Vec::new(),
            ip: None,
            mac: None,
            links: Vec::new(),
        }
    }
}

/// One network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// 64 hex.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `bridge`, `host` or `null`.
    pub driver: String,
    /// When it was made.
    pub created: Nanos,
    /// Addresses (none for `host` and `none`).
    pub ipam: Option<Ipam>,
    /// `--internal`.
    pub internal: bool,
    /// `--attachable`.
    pub attachable: bool,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
    /// Driver options (the default bridge's).
    pub options: Vec<(String, String)>,
    /// One of `bridge`, `host`, `none`.
    pub predefined: bool,
    /// Running containers on it, by container id.
    pub endpoints: BTreeMap<String, Endpoint>,
}

impl Network {
    /// The 12-hex short id.
    pub fn short_id(&self) -> &str {
        &self.id[..12]
    }

    /// A user-defined network (where names resolve and `--ip`/aliases are allowed).
    pub fn is_user_defined(&self) -> bool {
        !self.predefined
    }
}

/// Options of `docker network create`.
#[derive(Clone, Debug, Default)]
pub struct CreateRequest {
    /// The name.
    pub name: String,
    /// `--driver`.
    pub driver: String,
    /// `--subnet`.
    pub subnet: Option<String>,
    /// `--gateway`.
    pub gateway: Option<String>,
    /// `--ip-range`.
    pub ip_range: Option<String>,
    /// `--internal`.
    pub internal: bool,
    /// `--attachable`.
    pub attachable: bool,
    /// `--label`.
    pub labels: BTreeMap<String, String>,
}

/// All networks and the attachments of every container.
#[derive(Clone, Debug, Default)]
pub struct NetworkStore {
    nets: Vec<Network>,
    /// Container id → the networks it is configured on, in order.
    attachments: BTreeMap<String, Vec<Attachment>>,
    /// Moves on every change (see [`NetworkStore::revision`]).
    rev: u64,
}

/// The options of the default bridge.
fn bridge_options() -> Vec<(String, String)> {
    [
        ("com.docker.network.bridge.default_bridge", "true"),
        ("com.docker.network.bridge.enable_icc", "true"),
        ("com.docker.network.bridge.enable_ip_masquerade", "true"),
        ("com.docker.network.bridge.host_binding_ipv4", "0.0.0.0"),
        ("com.docker.network.bridge.name", "docker0"),
        ("com.docker.network.driver.mtu", "1500"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

/// The endpoint id of a container on a network.
fn endpoint_id(container: &str, net: &Network) -> String {
    if net.name == "bridge" && net.predefined {
        Digest::of(format!("endpoint {container}").as_bytes()).hex()
    } else {
        Digest::of(format!("endpoint {container} {}", net.id).as_bytes()).hex()
    }
}

impl NetworkStore {
    /// The three predefined networks of a daemon that just started.
    pub fn new(daemon_id: &str, now: Nanos) -> NetworkStore {
        let mk = |name: &str, driver: &str, ipam: Option<Ipam>, options| Network {
            id: Digest::of(format!("network {name} {daemon_id}").as_bytes()).hex(),
            name: name.to_owned(),
            driver: driver.to_owned(),
            created: now,
            ipam,
            internal: false,
            attachable: false,
            labels: BTreeMap::new(),
            options,
            predefined: true,
            endpoints: BTreeMap::new(),
        };
        let bridge = Ipam {
            subnet: Subnet {
                addr: [172, 17, 0, 0],
                prefix: 16,
            },
            gateway: [172, 17, 0, 1],
            ip_range: None,
            user_subnet: false,
        };
        NetworkStore {
            nets: vec![
                mk("bridge", "bridge", Some(bridge), bridge_options()),
                mk("host", "host", None, Vec::new()),
                mk("none", "null", None, Vec::new()),
            ],
            attachments: BTreeMap::new(),
            rev: 0,
        }
    }

    /// A number that moves whenever a network or an attachment may have changed.
    pub fn revision(&self) -> u64 {
        self.rev
    }

    /// Every network, in creation order.
    pub fn iter(&self) -> impl Iterator<Item = &Network> {
        self.nets.iter()
    }

    /// A network by id.
    pub fn get(&self, id: &str) -> Option<&Network> {
        self.nets.iter().find(|n| n.id == id)
    }

    /// Finds a network as docker does: full id, then exact name, then id prefix.
    pub fn lookup(&self, s: &str) -> Result<&Network, String> {
        if s.is_empty() {
            return Err(format!("network {s} not found"));
        }
        if let Some(n) = self.nets.iter().find(|n| n.id == s) {
            return Ok(n);
        }
        if let Some(n) = self.nets.iter().find(|n| n.name == s) {
            return Ok(n);
        }
        let hits: Vec<&Network> = self.nets.iter().filter(|n| n.id.starts_with(s)).collect();
        match hits.as_slice() {
            [one] => Ok(one),
            [] => Err(format!("network {s} not found")),
            _ => Err(format!(
                "network {s} is ambiguous ({} matches found based on ID prefix)",
                hits.len()
            )),
        }
    }

    fn index(&self, id: &str) -> Option<usize> {
        self.nets.iter().position(|n| n.id == id)
    }

    /// Creates a user-defined network with the id given; returns the id.
    pub fn create(
        &mut self,
        req: &CreateRequest,
        id: String,
        now: Nanos,
    ) -> Result<String, String> {
        self.rev += 1;
        if ["bridge", "host", "none"].contains(&req.name.as_str()) {
            return Err("operation is not permitted on predefined bridge network".into());
        }
        if self.nets.iter().any(|n| n.name == req.name) {
            return Err(format!("network with name {} already exists", req.name));
        }
        match req.driver.as_str() {
            "bridge" => {}
            "host" | "null" => {
                return Err(format!(
                    "only one instance of \"{}\" network is allowed",
                    req.driver
                ))
            }
            other => return Err(format!("plugin \"{other}\" not found")),
        }
        let taken: Vec<Subnet> = self
            .nets
            .iter()
            .filter_map(|n| n.ipam.as_ref().map(|i| i.subnet))
            .collect();
        let ipam = match &req.subnet {
            Some(s) => {
                let subnet =
                    Subnet::parse(s).ok_or_else(|| format!("invalid CIDR address: {s}"))?;
                if subnet.masked() != subnet {
                    return Err(format!(
                        "invalid network config:\ninvalid subnet {subnet}: it should be {}",
                        subnet.masked()
                    ));
                }
                let ip_range = match &req.ip_range {
                    Some(r) => {
                        let range =
                            Subnet::parse(r).ok_or_else(|| format!("invalid CIDR address: {r}"))?;
                        if !subnet.contains(range.addr) || range.prefix < subnet.prefix {
                            return Err(format!("no matching subnet for range {r}"));
                        }
                        if range.masked() != range {
                            return Err(format!(
                                "invalid network config:\ninvalid ip-range {range}: it should be {}",
                                range.masked()
                            ));
                        }
                        Some(range)
                    }
                    None => None,
                };
                let gateway = match &req.gateway {
                    Some(g) => {
                        let ip =
                            parse_ip(g).ok_or_else(|| format!("invalid gateway address: {g}"))?;
                        if !subnet.contains(ip) {
                            return Err(format!("no matching subnet for gateway {g}"));
                        }
                        ip
                    }
                    None => from_u32(to_u32(subnet.addr) + 1),
                };
                if taken.iter().any(|t| t.overlaps(&subnet)) {
                    return Err(
                        "invalid pool request: Pool overlaps with other one on this address space"
                            .into(),
                    );
                }
                Ipam {
                    subnet,
                    gateway,
                    ip_range,
                    user_subnet: true,
                }
            }
            None => {
                if req.gateway.is_some() || req.ip_range.is_some() {
                    return Err("every ip-range or gateway must have a corresponding subnet".into());
                }
                let subnet = default_pools()
                    .into_iter()
                    .find(|p| !taken.iter().any(|t| t.overlaps(p)))
                    .ok_or("could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network")?;
                Ipam {
                    subnet,
                    gateway: from_u32(to_u32(subnet.addr) + 1),
                    ip_range: None,
                    user_subnet: false,
                }
            }
        };
        self.nets.push(Network {
            id: id.clone(),
            name: req.name.clone(),
            driver: req.driver.clone(),
            created: now,
            ipam: Some(ipam),
            internal: req.internal,
            attachable: req.attachable,
            labels: req.labels.clone(),
            options: Vec::new(),
            predefined: false,
            endpoints: BTreeMap::new(),
        });
        Ok(id)
    }

    /// Removes a network (`docker network rm`); returns it.
    pub fn remove(&mut self, s: &str) -> Result<Network, String> {
        self.rev += 1;
        let net = self.lookup(s)?;
        if net.predefined {
            return Err(format!(
                "{} is a pre-defined network and cannot be removed",
                net.name
            ));
        }
        if !net.endpoints.is_empty() {
            return Err(format!(
                "error while removing network: network {} id {} has active endpoints",
                net.name, net.id
            ));
        }
        let id = net.id.clone();
        match self.index(&id) {
            Some(i) => Ok(self.nets.remove(i)),
            None => Err(format!("network {s} not found")),
        }
    }

    /// The networks `docker network prune` removes: user networks without endpoints.
    pub fn unused(&self) -> Vec<String> {
        self.nets
            .iter()
            .filter(|n| !n.predefined && n.endpoints.is_empty())
            .map(|n| n.id.clone())
            .collect()
    }

    /// The networks a container is configured on.
    pub fn attachments(&self, container: &str) -> &[Attachment] {
        self.attachments
            .get(container)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// Sets a new container's networks (at create).
    pub fn configure(&mut self, container: &str, attachments: Vec<Attachment>) {
        self.rev += 1;
        self.attachments.insert(container.to_owned(), attachments);
    }

    /// Forgets a removed container.
    pub fn forget(&mut self, container: &str) {
        self.rev += 1;
        self.release(container);
        self.attachments.remove(container);
    }

    /// The endpoint of a container on a network, while it runs.
    pub fn endpoint(&self, container: &str, network: &str) -> Option<&Endpoint> {
        self.get(network)?.endpoints.get(container)
    }

    /// Gives a starting container an endpoint on each of its networks; returns the address
    /// of the first (the one its hostname resolves to), or an error in docker's words.
    pub fn start(&mut self, container: &str) -> Result<Option<Ip>, String> {
        self.rev += 1;
        let wanted = self.attachments(container).to_vec();
        let mut first = None;
        for (i, a) in wanted.iter().enumerate() {
            if let Err(e) = self.join(container, a) {
                self.release(container);
                return Err(e);
            }
            if i == 0 {
                first = self.endpoint(container, &a.network).and_then(|e| e.ip);
            }
        }
        Ok(first)
    }

    /// Allocates one endpoint.
    fn join(&mut self, container: &str, a: &Attachment) -> Result<(), String> {
        let Some(i) = self.index(&a.network) else {
            return Err(format!("network {} not found", a.network));
        };
        let net = &self.nets[i];
        let ip = match &net.ipam {
            None => None,
            Some(ipam) => {
                let used: Vec<Ip> = net.endpoints.values().filter_map(|e| e.ip).collect();
                match a.ip {
                    Some(want) => {
                        if !ipam.user_subnet {
                            return Err("user specified IP address is supported only when connecting to networks with user configured subnets".into());
                        }
                        if !ipam.subnet.contains(want) {
                            return Err(format!(
                                "no configured subnet or ip-range contain the IP address {}",
                                ip_string(want)
                            ));
                        }
                        if used.contains(&want) || want == ipam.gateway {
                            return Err("Address already in use".into());
                        }
                        Some(want)
                    }
                    None => Some(ipam.lowest_free(&used).ok_or_else(|| {
                        format!(
                            "no available IPv4 addresses on this network's address pools: {} ({})",
                            net.name, net.id
                        )
                    })?),
                }
            }
        };
        let mac = match (&a.mac, ip) {
            (Some(m), _) => m.clone(),
            (None, Some(ip)) => mac_of(ip),
            (None, None) => String::new(),
        };
        let id = endpoint_id(container, net);
        self.nets[i]
            .endpoints
            .insert(container.to_owned(), Endpoint { id, ip, mac });
        Ok(())
    }

    /// Frees a stopped container's addresses.
    pub fn release(&mut self, container: &str) {
        self.rev += 1;
        for n in &mut self.nets {
            n.endpoints.remove(container);
        }
    }

    /// `docker network connect`: adds the network to the container's list, and an endpoint
    /// when it runs.
    pub fn connect(
        &mut self,
        container: &str,
        container_name: &str,
        network_mode: &str,
        running: bool,
        a: Attachment,
    ) -> Result<(), String> {
        self.rev += 1;
        let Some(net) = self.get(&a.network) else {
            return Err(format!("network {} not found", a.network));
        };
        let net_name = net.name.clone();
        let net_driver = net.driver.clone();
        if network_mode == "host" || network_mode.starts_with("container:") {
            return Err("container sharing network namespace with another container or host cannot be connected to any other network".into());
        }
        if net_driver == "host" {
            return Err(
                "container cannot be disconnected from host network or connected to host network"
                    .into(),
            );
        }
        let current = self.attachments(container).to_vec();
        if net_driver == "null" || network_mode == "none" {
            return Err("container cannot be connected to multiple networks with one of the networks in private (none) mode".into());
        }
        if current.iter().any(|c| c.network == a.network) {
            return Err(format!(
                "endpoint with name {container_name} already exists in network {net_name}"
            ));
        }
        if a.ip.is_some() && !net.is_user_defined() {
            return Err(
                "user specified IP address is supported on user defined networks only".into(),
            );
        }
        if !a.aliases.is_empty() && !net.is_user_defined() {
            return Err(
                "network-scoped aliases are only supported for user-defined networks".into(),
            );
        }
        if running {
            self.join(container, &a)?;
        }
        self.attachments
            .entry(container.to_owned())
            .or_default()
            .push(a);
        Ok(())
    }

    /// `docker network disconnect`.
    pub fn disconnect(&mut self, container: &str, network: &str) -> Result<(), String> {
        self.rev += 1;
        let Some(net) = self.get(network) else {
            return Err(format!("network {network} not found"));
        };
        if net.driver == "host" {
            return Err(
                "container cannot be disconnected from host network or connected to host network"
                    .into(),
            );
        }
        let name = net.name.clone();
        let list = self.attachments.entry(container.to_owned()).or_default();
        let Some(pos) = list.iter().position(|a| a.network == network) else {
            return Err(format!(
                "container {container} is not connected to network {name}"
            ));
        };
        list.remove(pos);
        if let Some(i) = self.index(network) {
            self.nets[i].endpoints.remove(container);
        }
        Ok(())
    }

    /// The networks (ids) that hold an endpoint of `container`, in its order.
    pub fn joined(&self, container: &str) -> Vec<&Network> {
        self.attachments(container)
            .iter()
            .filter_map(|a| self.get(&a.network))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> NetworkStore {
        NetworkStore::new("daemon", 0)
    }

    fn create(s: &mut NetworkStore, name: &str, subnet: Option<&str>) -> Result<String, String> {
        let req = CreateRequest {
            name: name.into(),
            driver: "bridge".into(),
            subnet: subnet.map(str::to_owned),
            ..CreateRequest::default()
        };
        s.create(&req, format!("{name:0>64}"), 0)
    }

    fn subnet_of(s: &NetworkStore, name: &str) -> String {
        s.lookup(name)
            .ok()
            .and_then(|n| {
                n.ipam
                    .as_ref()
                    .map(|i| format!("{} gw {}", i.subnet, ip_string(i.gateway)))
            })
            .unwrap_or_default()
    }

    #[test]
    fn pools_are_handed_out_in_docker_order() {
        let mut s = store();
        let mut got = Vec::new();
        for i in 0..17 {
            let name = format!("n{i}");
            let _ = create(&mut s, &name, None);
            got.push(subnet_of(&s, &name));
        }
        let check = |i: usize, want: &str| assert_eq!(got[i], want, "network {i}");
        check(0, "172.18.0.0/16 gw 172.18.0.1");
        check(1, "172.19.0.0/16 gw 172.19.0.1");
        check(2, "172.20.0.0/16 gw 172.20.0.1");
        check(13, "172.31.0.0/16 gw 172.31.0.1");
        check(14, "192.168.0.0/20 gw 192.168.0.1");
        check(15, "192.168.16.0/20 gw 192.168.16.1");
        check(16, "192.168.32.0/20 gw 192.168.32.1");
    }

    #[test]
    fn a_freed_pool_is_reused() {
        let mut s = store();
        let _ = create(&mut s, "a", None);
        let _ = create(&mut s, "b", None);
        assert!(s.remove("a").is_ok());
        let _ = create(&mut s, "c", None);
        assert_eq!(subnet_of(&s, "c"), "172.18.0.0/16 gw 172.18.0.1");
        let _ = create(&mut s, "d", Some("172.20.0.0/16"));
        let _ = create(&mut s, "e", None);
        assert_eq!(subnet_of(&s, "e"), "172.21.0.0/16 gw 172.21.0.1");
    }

    #[test]
    fn create_errors() {
        let check = |name: &str, subnet: Option<&str>, want: &str| {
            let mut s = store();
            let _ = create(&mut s, "taken", Some("10.1.0.0/16"));
            assert_eq!(
                create(&mut s, name, subnet).err().as_deref(),
                Some(want),
                "{name} {subnet:?}"
            );
        };
        check(
            "bridge",
            None,
            "operation is not permitted on predefined bridge network",
        );
        check(
            "none",
            None,
            "operation is not permitted on predefined bridge network",
        );
        check("taken", None, "network with name taken already exists");
        check(
            "x",
            Some("10.1.2.0/24"),
            "invalid pool request: Pool overlaps with other one on this address space",
        );
        check(
            "x",
            Some("10.2.0.1/16"),
            "invalid network config:\ninvalid subnet 10.2.0.1/16: it should be 10.2.0.0/16",
        );
        check(
            "x",
            Some("10.2.0.0/33"),
            "invalid CIDR address: 10.2.0.0/33",
        );
        check(
            "x",
            Some("172.17.5.0/24"),
            "invalid pool request: Pool overlaps with other one on this address space",
        );
    }

    #[test]
    fn addresses_are_the_lowest_free_and_released_on_stop() {
        let mut s = store();
        let bridge = s.lookup("bridge").map(|n| n.id.clone()).unwrap_or_default();
        let start = |s: &mut NetworkStore, c: &str| {
            s.configure(c, vec![Attachment::to(&bridge)]);
            s.start(c).ok().flatten().map(ip_string).unwrap_or_default()
        };
        assert_eq!(start(&mut s, "a"), "172.17.0.2");
        assert_eq!(start(&mut s, "b"), "172.17.0.3");
        assert_eq!(start(&mut s, "c"), "172.17.0.4");
        s.release("b");
        assert_eq!(start(&mut s, "d"), "172.17.0.3");
        assert_eq!(start(&mut s, "e"), "172.17.0.5");
        assert_eq!(
            s.endpoint("d", &bridge)
                .map(|e| e.mac.clone())
                .unwrap_or_default(),
            "02:42:ac:11:00:03"
        );
    }

    #[test]
    fn ip_range_gateway_and_requested_addresses() {
        let mut s = store();
        let req = CreateRequest {
            name: "r".into(),
            driver: "bridge".into(),
            subnet: Some("10.5.0.0/16".into()),
            gateway: Some("10.5.0.254".into()),
            ip_range: Some("10.5.1.0/24".into()),
            ..CreateRequest::default()
        };
        let id = s.create(&req, "f".repeat(64), 0).unwrap_or_default();
        let check = |s: &mut NetworkStore, c: &str, ip: Option<&str>, want: &str| {
            let mut a = Attachment::to(&id);
            a.ip = ip.and_then(parse_ip);
            s.configure(c, vec![a]);
            let got = match s.start(c) {
                Ok(ip) => ip.map(ip_string).unwrap_or_default(),
                Err(e) => e,
            };
            assert_eq!(got, want, "{c}");
        };
        check(&mut s, "a", None, "10.5.1.0");
        check(&mut s, "b", None, "10.5.1.1");
        check(&mut s, "c", Some("10.5.0.7"), "10.5.0.7");
        check(&mut s, "d", Some("10.5.0.7"), "Address already in use");
        check(
            &mut s,
            "e",
            Some("10.6.0.7"),
            "no configured subnet or ip-range contain the IP address 10.6.0.7",
        );
        let _ = create(&mut s, "auto", None);
        let auto = s.lookup("auto").map(|n| n.id.clone()).unwrap_or_default();
        let mut a = Attachment::to(&auto);
        a.ip = parse_ip("172.18.0.9");
        s.configure("f", vec![a]);
        assert_eq!(
            s.start("f").err().as_deref(),
            Some("user specified IP address is supported only when connecting to networks with user configured subnets")
        );
    }

    #[test]
    fn parsing_addresses() {
        let check = |s: &str, want: Option<Ip>| assert_eq!(parse_ip(s), want, "{s}");
        check("172.17.0.2", Some([172, 17, 0, 2]));
        check("0.0.0.0", Some([0, 0, 0, 0]));
        check("256.1.1.1", None);
        check("1.2.3", None);
        check("1.2.3.4.5", None);
        check("01.2.3.4", None);
        check("a.b.c.d", None);
        assert_eq!(mac_of([192, 168, 16, 5]), "02:42:c0:a8:10:05");
    }
}
