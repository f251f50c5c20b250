//! The network part of a container's inspect JSON: the top-level fields (filled from the
//! default bridge only, as docker 27 does) and the `Networks` map.

use serde_json::{json, Map, Value};

use crate::daemon::containers::Container;
use crate::daemon::networks::ip_string;
use crate::world::World;

/// The top-level address fields of `NetworkSettings`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopLevel {
    /// `IPAddress`.
    pub ip: String,
    /// `MacAddress`.
    pub mac: String,
    /// `Gateway`.
    pub gateway: String,
    /// `IPPrefixLen`.
    pub prefix: u8,
    /// `EndpointID`.
    pub endpoint: String,
}

/// The top-level fields and the `Networks` map of a container.
pub fn network_settings(world: &World, c: &Container) -> (TopLevel, Value) {
    let nets = &world.daemon.networks;
    let running = c.state.is_running();
    let mut top = TopLevel::default();
    let mut map = Map::new();
    if c.host.network_mode.starts_with("container:") {
        return (top, Value::Object(map));
    }
    let mut attachments = nets.attachments(&c.id).to_vec();
    if attachments.is_empty() {
        if let Ok(n) = nets.lookup(&c.host.network_mode) {
            attachments.push(crate::daemon::networks::Attachment::to(&n.id));
        }
    }
    for a in &attachments {
        let Some(n) = nets.get(&a.network) else {
            continue;
        };
        let ep = if running {
            nets.endpoint(&c.id, &n.id)
        } else {
            None
        };
        let ip = ep.and_then(|e| e.ip).map(ip_string).unwrap_or_default();
        let mac = ep
            .map(|e| e.mac.clone())
            .or_else(|| a.mac.clone())
            .unwrap_or_default();
        let endpoint = ep.map(|e| e.id.clone()).unwrap_or_default();
        let (gateway, prefix) = match (&n.ipam, ep.and_then(|e| e.ip)) {
            (Some(i), Some(_)) => (ip_string(i.gateway), i.subnet.prefix),
            _ => (String::new(), 0),
        };
        if n.predefined && n.name == "bridge" {
            top = TopLevel {
                ip: ip.clone(),
                mac: mac.clone(),
                gateway: gateway.clone(),
                prefix,
                endpoint: endpoint.clone(),
            };
        }
        let list = |v: &[String]| {
            if v.is_empty() {
                Value::Null
            } else {
                json!(v)
            }
        };
        let dns_names = if n.is_user_defined() && running {
            let mut v = vec![c.name.clone()];
            v.extend(a.aliases.iter().cloned());
            v.push(c.short_id().to_owned());
            json!(v)
        } else {
            Value::Null
        };
        let ipam = match a.ip {
            Some(ip) => json!({"IPv4Address": ip_string(ip)}),
            None => Value::Null,
        };
        map.insert(
            n.name.clone(),
            json!({
                "IPAMConfig": ipam,
                "Links": list(&a.links),
                "Aliases": list(&a.aliases),
                "MacAddress": mac,
                "DriverOpts": Value::Null,
                "NetworkID": n.id,
                "EndpointID": endpoint,
                "Gateway": gateway,
                "IPAddress": ip,
                "IPPrefixLen": prefix,
                "IPv6Gateway": "",
                "GlobalIPv6Address": "",
                "GlobalIPv6PrefixLen": 0,
                "DNSNames": dns_names,
            }),
        );
    }
    (top, Value::Object(map))
}
