//! `ip addr`, `ip link` and `ip route` (iproute2 on Debian and Ubuntu, busybox's applet
//! on Alpine): the loopback interface and one `ethN@ifM` per network the container is on,
//! with the addresses, MACs and routes the daemon gave it.

use super::super::program::{Proc, Style};
use crate::daemon::networks::{ip_string, Ip};
use crate::net::reach::{Ep, Mode, Node};

/// What to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Object {
    Addr,
    Link,
    Route,
}

/// The objects `ip` knows by their accepted abbreviations.
fn object(word: &str) -> Option<Object> {
    let matches = |full: &str, min: usize| word.len() >= min && full.starts_with(word);
    if matches("address", 1) || matches("addr", 1) {
        Some(Object::Addr)
    } else if matches("link", 1) {
        Some(Object::Link)
    } else if matches("route", 1) {
        Some(Object::Route)
    } else {
        None
    }
}

/// The objects both `ip`s know that Berth does not show.
const OTHER_OBJECTS: &[&str] = &["neighbour", "neighbor", "rule", "tunnel", "help"];

/// busybox's `ip` usage.
const BUSYBOX_USAGE: &str = "Usage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n\nOPTIONS := -f[amily] inet|inet6|link | -o[neline]\n\nip addr add|del IFADDR dev IFACE | show|flush [dev IFACE] [to PREFIX]\nip route list|flush|add|del|change|append|replace|test ROUTE\nip link set IFACE [up|down] [arp on|off] [multicast on|off]\n\t[promisc on|off] [mtu NUM] [name NAME] [qlen NUM] [address MAC]\n\t[master IFACE | nomaster] [netns PID]\nip tunnel add|change|del NAME [mode ipip|gre|sit]\n\t[remote ADDR] [local ADDR] [ttl TTL]\nip neigh show|flush [to PREFIX] [dev DEV] [nud STATE]\nip rule [list] | add|del SELECTOR ACTION";

/// The interface index of the container's `n`th interface on address `ip`, and its
/// peer's on the host side (veth pairs are made together).
fn indexes(n: usize, ip: Ip) -> (u32, u32) {
    let host = u32::from(ip[2]) * 256 + u32::from(ip[3]);
    let idx = 2 * host + 1 + 40 * n as u32;
    (idx, idx + 1)
}

fn broadcast(ep: &Ep) -> String {
    let bits = u32::from(ep.prefix.min(32));
    let hostmask = u32::MAX.checked_shr(bits).unwrap_or(0);
    ip_string((u32::from_be_bytes(ep.ip) | hostmask).to_be_bytes())
}

fn network(ep: &Ep) -> String {
    let bits = u32::from(ep.prefix.min(32));
    let mask = u32::MAX.checked_shl(32 - bits).unwrap_or(0);
    format!(
        "{}/{}",
        ip_string((u32::from_be_bytes(ep.ip) & mask).to_be_bytes()),
        ep.prefix
    )
}

/// `ip addr` or `ip link` for a node's interfaces.
fn interfaces(style: Style, node: Option<&Node>, addrs: bool, only: Option<&str>) -> String {
    let gnu = style == Style::Gnu;
    let mut out = String::new();
    let mode = if addrs { "" } else { "mode DEFAULT " };
    if only.is_none_or(|o| o == "lo") {
        let group = if gnu { "group default " } else { "" };
        out.push_str(&format!(
            "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN {mode}{group}qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
        ));
        if addrs {
            out.push_str("    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n");
        }
    }
    let eps: &[Ep] = node.map_or(&[], |n| &n.endpoints);
    for (n, ep) in eps.iter().enumerate() {
        let name = format!("eth{n}");
        if only.is_some_and(|o| o != name) {
            continue;
        }
        let (idx, peer) = indexes(n, ep.ip);
        let (flags, group, netns) = if gnu {
            (
                "<BROADCAST,MULTICAST,UP,LOWER_UP>",
                "group default ",
                " link-netnsid 0",
            )
        } else {
            ("<BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN>", "", "")
        };
        out.push_str(&format!(
            "{idx}: {name}@if{peer}: {flags} mtu 1500 qdisc noqueue state UP {mode}{group}\n    link/ether {} brd ff:ff:ff:ff:ff:ff{netns}\n",
            ep.mac
        ));
        if addrs {
            out.push_str(&format!(
                "    inet {}/{} brd {} scope global {name}\n       valid_lft forever preferred_lft forever\n",
                ip_string(ep.ip),
                ep.prefix,
                broadcast(ep)
            ));
        }
    }
    out
}

/// `ip route`: the default route through the first network's gateway, then each subnet.
fn routes(node: Option<&Node>) -> String {
    let mut out = String::new();
    let eps: &[Ep] = node.map_or(&[], |n| &n.endpoints);
    if let Some((n, gw)) = eps
        .iter()
        .enumerate()
        .find_map(|(n, e)| e.gateway.map(|g| (n, g)))
    {
        out.push_str(&format!("default via {} dev eth{n} \n", ip_string(gw)));
    }
    for (n, ep) in eps.iter().enumerate() {
        out.push_str(&format!(
            "{} dev eth{n} proto kernel scope link src {} \n",
            network(ep),
            ip_string(ep.ip)
        ));
    }
    out
}

async fn main(p: &mut Proc) -> i32 {
    let style = p.style;
    let args: Vec<String> = p.args.get(1..).unwrap_or(&[]).to_vec();
    let Some(first) = args.first() else {
        p.err("berth: \"ip\" without an object is not simulated yet\n")
            .await;
        return 1;
    };
    if first.starts_with('-') {
        p.err(format!("berth: \"ip {first}\" is not simulated yet\n"))
            .await;
        return 1;
    }
    let Some(obj) = object(first) else {
        if OTHER_OBJECTS.iter().any(|o| o.starts_with(first.as_str())) {
            p.err(format!("berth: \"ip {first}\" is not simulated yet\n"))
                .await;
            return 1;
        }
        let msg = match style {
            Style::Gnu => format!("Object \"{first}\" is unknown, try \"ip help\".\n"),
            Style::Busybox => super::util::busybox_usage(BUSYBOX_USAGE),
        };
        p.err(msg).await;
        return 1;
    };
    // `show`/`list`/`ls` and `dev NAME` (or a bare NAME) select interfaces.
    let mut rest = args[1..].iter().map(String::as_str).peekable();
    if rest
        .peek()
        .is_some_and(|w| matches!(*w, "show" | "list" | "ls" | "sh" | "s" | "l"))
    {
        rest.next();
    }
    let mut only = None;
    while let Some(w) = rest.next() {
        match (w, obj) {
            ("dev", Object::Addr | Object::Link) => only = rest.next(),
            (name, Object::Addr | Object::Link) if only.is_none() => only = Some(name),
            _ => {
                p.err(format!(
                    "berth: \"ip {}\" is not simulated yet\n",
                    args.join(" ")
                ))
                .await;
                return 1;
            }
        }
    }
    let me = p.machine.container.clone().unwrap_or_default();
    let view = p.machine.programs.sockets.view();
    let node = view.node(&me);
    if node.is_some_and(|n| n.mode == Mode::Host) {
        p.err("berth: \"ip\" in a container on the host's network is not simulated yet\n")
            .await;
        return 1;
    }
    if let Some(o) = only {
        let known = o == "lo"
            || o.strip_prefix("eth")
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n < node.map_or(0, |x| x.endpoints.len()));
        if !known {
            let msg = match style {
                Style::Gnu => format!("Device \"{o}\" does not exist.\n"),
                Style::Busybox => format!("ip: can't find device '{o}'\n"),
            };
            p.err(msg).await;
            return 1;
        }
    }
    let text = match obj {
        Object::Addr => interfaces(style, node, true, only),
        Object::Link => interfaces(style, node, false, only),
        Object::Route => routes(node),
    };
    p.out(text).await;
    0
}

crate::program!(IpCmd, main);

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> Node {
        let ep = |ip: Ip, gw: Ip, name: &str| Ep {
            network: name.into(),
            network_name: name.into(),
            prefix: 16,
            gateway: Some(gw),
            mac: crate::daemon::networks::mac_of(ip),
            user_defined: true,
            ip,
            names: Vec::new(),
        };
        Node {
            id: "x".into(),
            hostname: "x".into(),
            mode: Mode::Bridged,
            endpoints: vec![
                ep([172, 17, 0, 2], [172, 17, 0, 1], "bridge"),
                ep([172, 18, 0, 3], [172, 18, 0, 1], "mynet"),
            ],
            hosts: Vec::new(),
            published: Vec::new(),
        }
    }

    #[test]
    fn objects() {
        let check = |w: &str, want: Option<Object>| assert_eq!(object(w), want, "{w}");
        check("a", Some(Object::Addr));
        check("addr", Some(Object::Addr));
        check("address", Some(Object::Addr));
        check("r", Some(Object::Route));
        check("route", Some(Object::Route));
        check("link", Some(Object::Link));
        check("routes", None);
        check("foo", None);
    }

    #[test]
    fn addresses() {
        let n = node();
        let text = interfaces(Style::Gnu, Some(&n), true, None);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000");
        assert_eq!(lines[6], "5: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ");
        assert_eq!(
            lines[7],
            "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0"
        );
        assert_eq!(
            lines[8],
            "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0"
        );
        assert_eq!(lines[10], "47: eth1@if48: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default ");
        let bb = interfaces(Style::Busybox, Some(&n), true, Some("eth1"));
        assert_eq!(bb.lines().next(), Some("47: eth1@if48: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP "));
        let none = interfaces(Style::Gnu, None, false, None);
        assert_eq!(none.lines().count(), 2);
    }

    #[test]
    fn route_table() {
        assert_eq!(
            routes(Some(&node())),
            "default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.3 \n"
        );
        assert_eq!(routes(None), "");
    }
}
