//! The sockets of a container: who listens on which Unix path or TCP port, and the byte
//! streams between a client and a server. `mysqld` listens here with its SQL server;
//! compiled C programs `listen`, `accept` and `connect` here.
//!
//! Every container has one [`Table`], kept in the daemon's [`Hub`] by container id.
//! [`route`] decides which table a host name reaches: the container's own for
//! `localhost`, `127.x.x.x`, `0.0.0.0`, its own address and hostname; another container's
//! when the network view ([`crate::net::reach`]) resolves the name and finds a shared
//! network.

use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::collections::VecDeque;
use std::net::{Ipv4Addr, SocketAddrV4};
use std::rc::{Rc, Weak};

use super::program::Machine;
use crate::net::reach::{NetError, Unreach, View};
use crate::sql::server::Server;

/// Where a server listens.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Addr {
    /// A Unix socket by path (`/var/run/mysqld/mysqld.sock`).
    Unix(String),
    /// A TCP port on every address of the container (servers here bind `0.0.0.0`).
    Tcp(u16),
}

/// One TCP (or Unix) byte stream between two ends: side 0 connected, side 1 accepted.
#[derive(Debug)]
pub struct Conn {
    /// Bytes waiting for side 0 and for side 1.
    pub queues: [VecDeque<u8>; 2],
    /// Side n writes no more (closed or `shutdown(SHUT_WR)`).
    pub write_closed: [bool; 2],
    /// Side n has closed entirely.
    pub closed: [bool; 2],
    /// The address of side 0 and of side 1.
    pub addrs: [SocketAddrV4; 2],
}

/// A shared stream.
pub type ConnRef = Rc<RefCell<Conn>>;

/// A byte-stream server's queue of connections not yet accepted.
#[derive(Debug, Default)]
pub struct Backlog {
    /// Connected, waiting for `accept`.
    pub pending: VecDeque<ConnRef>,
}

/// What answers on an address.
#[derive(Clone, Debug)]
pub enum Service {
    /// `mysqld`: a client logs in to this server directly.
    Mysql(Rc<RefCell<Server>>),
    /// A program that accepts byte streams (a compiled C server).
    Stream(Rc<RefCell<Backlog>>),
    /// A web server (nginx, httpd) serving a directory.
    Http(Rc<crate::net::http::Site>),
}

/// Why a connection failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConnectError {
    /// Nothing listens there (`ECONNREFUSED`; for a Unix socket, no such file).
    Refused,
    /// The listener speaks another protocol (a C program connecting to mysqld).
    Reset,
}

/// The listeners of one container.
#[derive(Debug, Default)]
pub struct Table {
    listeners: BTreeMap<Addr, Service>,
    next_port: u16,
}

/// A shared table.
pub type TableRef = Rc<RefCell<Table>>;

impl Table {
    /// Starts listening on `addr`; `false` when something already does (`EADDRINUSE`).
    pub fn listen(&mut self, addr: Addr, service: Service) -> bool {
        if self.listeners.contains_key(&addr) {
            return false;
        }
        self.listeners.insert(addr, service);
        true
    }

    /// Stops listening on `addr`.
    pub fn close(&mut self, addr: &Addr) {
        self.listeners.remove(addr);
    }

    /// What listens on `addr`.
    pub fn service(&self, addr: &Addr) -> Option<Service> {
        self.listeners.get(addr).cloned()
    }

    /// Every address something listens on, in order.
    pub fn addrs(&self) -> Vec<Addr> {
        self.listeners.keys().cloned().collect()
    }

    /// A fresh ephemeral port (32768 and up), for a client's end.
    pub fn ephemeral_port(&mut self) -> u16 {
        self.next_port = if self.next_port < 32768 {
            32768
        } else {
            self.next_port.wrapping_add(1).max(32768)
        };
        self.next_port
    }

    /// Opens a byte stream to the server on `addr` (which must be a [`Service::Stream`]):
    /// the new connection, already queued for the server's `accept`. `from` is the client's
    /// address.
    pub fn connect_stream(
        &mut self,
        addr: &Addr,
        from: SocketAddrV4,
    ) -> Result<ConnRef, ConnectError> {
        let to = match addr {
            Addr::Tcp(port) => SocketAddrV4::new(*from.ip(), *port),
            Addr::Unix(_) => SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0),
        };
        match self.listeners.get(addr) {
            None => Err(ConnectError::Refused),
            Some(Service::Mysql(_) | Service::Http(_)) => Err(ConnectError::Reset),
            Some(Service::Stream(backlog)) => {
                let conn = Rc::new(RefCell::new(Conn {
                    queues: Default::default(),
                    write_closed: [false; 2],
                    closed: [false; 2],
                    addrs: [from, to],
                }));
                backlog.borrow_mut().pending.push_back(Rc::clone(&conn));
                Ok(conn)
            }
        }
    }
}

/// A listener that stops listening when dropped (a server killed by a signal leaves no
/// stale listener behind).
#[derive(Debug)]
pub struct Listening {
    table: Weak<RefCell<Table>>,
    addr: Addr,
}

impl Listening {
    /// Listens on `addr` in `table`; `None` when the address is taken.
    pub fn new(table: &TableRef, addr: Addr, service: Service) -> Option<Listening> {
        if !table.try_borrow_mut().ok()?.listen(addr.clone(), service) {
            return None;
        }
        Some(Listening {
            table: Rc::downgrade(table),
            addr,
        })
    }

    /// The address.
    pub fn addr(&self) -> &Addr {
        &self.addr
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        if let Some(t) = self.table.upgrade() {
            if let Ok(mut t) = t.try_borrow_mut() {
                t.close(&self.addr);
            }
        }
    }
}

/// Every container's table, by container id (the host's under `""`).
#[derive(Clone, Debug, Default)]
pub struct Hub {
    tables: Rc<RefCell<BTreeMap<String, TableRef>>>,
    view: Rc<RefCell<View>>,
    /// What the view was made from (see [`Hub::is_view_of`]).
    view_of: Rc<RefCell<Option<ViewKey>>>,
}

/// What a network view is made from: the revisions of the daemon's containers and networks,
/// and the container about to start, if any.
pub type ViewKey = (u64, u64, Option<String>);

impl Hub {
    /// The table of a container (made on first use).
    pub fn table(&self, container: &str) -> TableRef {
        let Ok(mut t) = self.tables.try_borrow_mut() else {
            return Rc::new(RefCell::new(Table::default()));
        };
        Rc::clone(t.entry(container.to_owned()).or_default())
    }

    /// Replaces the network view names and addresses resolve in, made from `key`.
    pub fn set_view(&self, view: View, key: ViewKey) {
        if let (Ok(mut v), Ok(mut k)) = (self.view.try_borrow_mut(), self.view_of.try_borrow_mut())
        {
            *v = view;
            *k = Some(key);
        }
    }

    /// Whether the view in place was made from `key` (making it again would give the same).
    pub fn is_view_of(&self, key: &ViewKey) -> bool {
        self.view_of
            .try_borrow()
            .is_ok_and(|k| k.as_ref() == Some(key))
    }

    /// The network view names and addresses resolve in now.
    pub fn view(&self) -> View {
        self.view
            .try_borrow()
            .map(|v| v.clone())
            .unwrap_or_default()
    }

    /// Forgets a removed container's table.
    pub fn remove(&self, container: &str) {
        if let Ok(mut t) = self.tables.try_borrow_mut() {
            t.remove(container);
        }
    }
}

/// Where a host name leads.
#[derive(Clone, Debug)]
pub enum Route {
    /// A container's sockets, reached at this address (`127.0.0.1` for loopback).
    Table(TableRef, [u8; 4]),
    /// The name does not resolve (`mysql`: `ERROR 2005 (HY000): Unknown MySQL server
    /// host 'x' (-2)`; C: `getaddrinfo` fails).
    Unknown,
    /// An address no container answers on (`connect` fails with `EHOSTUNREACH`).
    Unreachable,
}

/// The one place that decides where `host` leads from a process on `machine`: the machine
/// itself for `localhost`, `127.x.x.x` and `0.0.0.0` (loopback), and its own address and
/// hostname; otherwise the name resolves in the network view (`/etc/hosts` entries, then
/// the embedded DNS of user-defined networks) and the address must be on a network the
/// machine shares.
pub fn route(machine: &Machine, host: &str) -> Route {
    let hub = &machine.programs.sockets;
    let id = machine.container.as_deref().unwrap_or("");
    let own = || hub.table(id);
    let own_ip: Option<Ipv4Addr> = machine.ip.parse().ok();
    if host == "localhost" || host == "localhost.localdomain" {
        return Route::Table(own(), [127, 0, 0, 1]);
    }
    if let Ok(ip) = host.parse::<Ipv4Addr>() {
        let o = ip.octets();
        if o[0] == 127 {
            return Route::Table(own(), o);
        }
        if ip.is_unspecified() {
            return Route::Table(own(), [127, 0, 0, 1]);
        }
        if Some(ip) == own_ip {
            return Route::Table(own(), o);
        }
    } else if host.eq_ignore_ascii_case(&machine.hostname) {
        return Route::Table(own(), own_ip.map_or([127, 0, 0, 1], |i| i.octets()));
    }
    let Ok(view) = hub.view.try_borrow() else {
        return Route::Unknown;
    };
    route_in(&view, hub, machine.container.as_deref(), host)
}

/// Where `host` leads from container `from` (`None`: the host) in `view`.
fn route_in(view: &View, hub: &Hub, from: Option<&str>, host: &str) -> Route {
    let Ok(ip) = view.resolve(from, host) else {
        return Route::Unknown;
    };
    match view.route(from, ip) {
        Ok(Some(id)) => Route::Table(hub.table(&id), ip),
        _ => Route::Unreachable,
    }
}

/// Where a TCP connection to a host and port lands.
#[derive(Clone, Debug)]
pub enum Dial {
    /// Something listens: the service, at this address.
    Open(Service, [u8; 4]),
    /// The name does not resolve.
    Unknown,
    /// The address answers but nothing listens on the port (`ECONNREFUSED`).
    Refused([u8; 4]),
    /// A published port whose container does not listen: the proxy accepts, then resets.
    Reset([u8; 4]),
    /// No one answers the address, and why.
    Unreachable([u8; 4], Unreach),
}

/// What a `host`-network container serves on `port` of the host.
fn host_mode(view: &View, hub: &Hub, port: u16) -> Option<Service> {
    view.nodes
        .iter()
        .filter(|n| n.mode == crate::net::reach::Mode::Host)
        .find_map(|n| hub.table(&n.id).borrow().service(&Addr::Tcp(port)))
}

/// Connects to `host:port` from container `machine` or, with `None`, from the host
/// prompt (where `localhost` reaches published ports), by [`route`]'s rules.
pub fn dial(hub: &Hub, machine: Option<&Machine>, host: &str, port: u16) -> Dial {
    let view = hub.view();
    let Some(m) = machine.filter(|m| m.container.is_some()) else {
        return match view.connect(None, host, port) {
            Ok(peer) => {
                let published = peer.ip[0] == 127;
                match hub
                    .table(&peer.container)
                    .borrow()
                    .service(&Addr::Tcp(peer.port))
                {
                    Some(s) => Dial::Open(s, peer.ip),
                    None if published => Dial::Reset(peer.ip),
                    None => Dial::Refused(peer.ip),
                }
            }
            Err(NetError::UnknownHost(_)) => Dial::Unknown,
            // The servers of `host`-network containers listen on the host's own ports.
            Err(NetError::Refused) => match host_mode(&view, hub, port) {
                Some(s) => Dial::Open(s, [127, 0, 0, 1]),
                None => Dial::Refused(view.resolve(None, host).unwrap_or([127, 0, 0, 1])),
            },
            Err(NetError::Unreachable(ip)) => Dial::Unreachable(ip, Unreach::Filtered),
        };
    };
    match route(m, host) {
        Route::Table(t, ip) => match t.borrow().service(&Addr::Tcp(port)) {
            Some(s) => Dial::Open(s, ip),
            None => Dial::Refused(ip),
        },
        Route::Unknown => Dial::Unknown,
        Route::Unreachable => {
            let from = m.container.as_deref();
            match view.resolve(from, host) {
                Ok(ip) => Dial::Unreachable(ip, view.unreachable(from, ip)),
                Err(_) => Dial::Unknown,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn machine() -> Machine {
        let mut m = Machine::container("0123456789abcdef");
        m.ip = "172.17.0.2".into();
        m
    }

    fn check(host: &str, expected: &str) {
        let got = match route(&machine(), host) {
            Route::Table(_, ip) => format!("table {}", Ipv4Addr::from(ip)),
            Route::Unknown => "unknown".into(),
            Route::Unreachable => "unreachable".into(),
        };
        assert_eq!(got, expected, "{host}");
    }

    #[test]
    fn routes() {
        check("localhost", "table 127.0.0.1");
        check("127.0.0.1", "table 127.0.0.1");
        check("127.1.2.3", "table 127.1.2.3");
        check("0.0.0.0", "table 127.0.0.1");
        check("172.17.0.2", "table 172.17.0.2");
        check("0123456789ab", "table 172.17.0.2");
        check("172.17.0.3", "unreachable");
        check("my-mysql", "unknown");
        check("", "unknown");
    }

    /// From container `me`: `db` and `me` share user network `n1`; `far` is alone on `n2`;
    /// `me` links `far` as `server` (an `/etc/hosts` entry); `lone` has no network.
    fn check_view(me: &str, host: &str, expected: &str) {
        use crate::net::reach::{Ep, Mode, Node};
        let ep = |net: &str, ip: [u8; 4], names: &[&str]| Ep {
            network: net.into(),
            user_defined: true,
            ip,
            names: names.iter().map(|n| (*n).to_owned()).collect(),
            ..Ep::default()
        };
        let node = |id: &str, mode: Mode, endpoints: Vec<Ep>| Node {
            id: id.into(),
            hostname: id.into(),
            mode,
            endpoints,
            hosts: Vec::new(),
            published: Vec::new(),
        };
        let mut mine = node(
            "me",
            Mode::Bridged,
            vec![ep("n1", [172, 18, 0, 2], &["me"])],
        );
        mine.hosts.push(("server".into(), [172, 19, 0, 2]));
        let view = View {
            nodes: vec![
                mine,
                node(
                    "db",
                    Mode::Bridged,
                    vec![ep("n1", [172, 18, 0, 3], &["db", "dbalias"])],
                ),
                node(
                    "far",
                    Mode::Bridged,
                    vec![ep("n2", [172, 19, 0, 2], &["far"])],
                ),
                node("lone", Mode::Isolated, Vec::new()),
            ],
        };
        let hub = Hub::default();
        let got = match route_in(&view, &hub, Some(me), host) {
            Route::Table(t, ip) => {
                let same = ["me", "db", "far", "lone"]
                    .into_iter()
                    .find(|id| Rc::ptr_eq(&t, &hub.table(id)))
                    .unwrap_or("?");
                format!("{same} {}", Ipv4Addr::from(ip))
            }
            Route::Unknown => "unknown".into(),
            Route::Unreachable => "unreachable".into(),
        };
        assert_eq!(got, expected, "{me} -> {host}");
    }

    #[test]
    fn routes_between_containers() {
        check_view("me", "db", "db 172.18.0.3");
        check_view("me", "dbalias", "db 172.18.0.3");
        check_view("me", "172.18.0.3", "db 172.18.0.3");
        check_view("db", "me", "me 172.18.0.2");
        check_view("me", "far", "unknown");
        check_view("me", "server", "unreachable");
        check_view("me", "172.19.0.2", "unreachable");
        check_view("far", "db", "unknown");
        check_view("far", "172.18.0.3", "unreachable");
        check_view("lone", "db", "unknown");
        check_view("lone", "172.18.0.3", "unreachable");
        check_view("me", "nowhere", "unknown");
    }

    #[test]
    fn listeners_and_streams() {
        let t: TableRef = Rc::default();
        let backlog: Rc<RefCell<Backlog>> = Rc::default();
        let l = Listening::new(&t, Addr::Tcp(8080), Service::Stream(Rc::clone(&backlog)));
        assert!(l.is_some());
        assert!(Listening::new(&t, Addr::Tcp(8080), Service::Stream(Rc::default())).is_none());
        let from = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 40000);
        let c = t.borrow_mut().connect_stream(&Addr::Tcp(8080), from);
        assert!(c.is_ok());
        assert_eq!(backlog.borrow().pending.len(), 1);
        assert_eq!(
            t.borrow_mut().connect_stream(&Addr::Tcp(9), from).err(),
            Some(ConnectError::Refused)
        );
        drop(l);
        assert!(t.borrow().addrs().is_empty());
    }
}
