//! Port specifications as docker 27 parses them (go-connections/nat v0.5.0 and the CLI's
//! `--expose` handling): `-p [ip:][hostPort[-end]:]containerPort[-end][/proto]`, port ranges,
//! and the `80/tcp` keys of `ExposedPorts` and `PortBindings`.
//!
//! Error values print docker's exact texts, including Go's `strconv.ParseUint` messages.

use crate::collections::{SortedMap as BTreeMap, SortedSet as BTreeSet};
use std::cmp::Ordering;
use std::fmt;
use std::net::IpAddr;

/// The protocols `-p` accepts.
pub const PROTOCOLS: [&str; 3] = ["tcp", "udp", "sctp"];

/// Why a decimal port number was rejected: Go's `strconv.ParseUint(s, 10, 16)` error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseUintError {
    input: String,
    out_of_range: bool,
}

impl ParseUintError {
    /// The text that failed to parse.
    pub fn input(&self) -> &str {
        &self.input
    }

    /// True for `value out of range`, false for `invalid syntax`.
    pub fn is_out_of_range(&self) -> bool {
        self.out_of_range
    }
}

impl fmt::Display for ParseUintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "strconv.ParseUint: parsing {}: {}",
            go_quote(&self.input),
            if self.out_of_range {
                "value out of range"
            } else {
                "invalid syntax"
            }
        )
    }
}

impl std::error::Error for ParseUintError {}

/// Parses a port number as Go's `strconv.ParseUint(s, 10, 16)`: ASCII digits only, no sign,
/// at most 65535. Like Go, it reports `value out of range` as soon as the digits read so far
/// exceed the limit, even if an invalid character follows.
pub fn parse_uint16(s: &str) -> Result<u16, ParseUintError> {
    let err = |out_of_range| ParseUintError {
        input: s.to_owned(),
        out_of_range,
    };
    if s.is_empty() {
        return Err(err(false));
    }
    let mut n: u32 = 0;
    for b in s.bytes() {
        if !b.is_ascii_digit() {
            return Err(err(false));
        }
        n = n * 10 + u32::from(b - b'0');
        if n > u32::from(u16::MAX) {
            return Err(err(true));
        }
    }
    u16::try_from(n).map_err(|_| err(true))
}

/// Why a port or port range was rejected (`nat.ParsePortRange`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortRangeError {
    /// `empty string specified for ports`
    Empty,
    /// A number did not parse.
    Number(ParseUintError),
    /// `invalid range specified for port: <range>` (end before start).
    Reversed(String),
}

impl fmt::Display for PortRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortRangeError::Empty => f.write_str("empty string specified for ports"),
            PortRangeError::Number(e) => e.fmt(f),
            PortRangeError::Reversed(r) => write!(f, "invalid range specified for port: {r}"),
        }
    }
}

impl std::error::Error for PortRangeError {}

impl From<ParseUintError> for PortRangeError {
    fn from(e: ParseUintError) -> Self {
        PortRangeError::Number(e)
    }
}

/// Parses `8000` or `8000-8080` into (start, end) (`nat.ParsePortRange`). Only the first two
/// `-`-separated parts are read, as in Go (`1-2-3` is 1 to 2).
pub fn parse_port_range(ports: &str) -> Result<(u16, u16), PortRangeError> {
    if ports.is_empty() {
        return Err(PortRangeError::Empty);
    }
    let mut parts = ports.split('-');
    let start = parse_uint16(parts.next().unwrap_or_default())?;
    let Some(end) = parts.next() else {
        return Ok((start, start));
    };
    let end = parse_uint16(end)?;
    if end < start {
        return Err(PortRangeError::Reversed(ports.to_owned()));
    }
    Ok((start, end))
}

/// Splits `port[/proto]` into (proto, port) (`nat.SplitProtoPort`): `tcp` when no protocol is
/// given, both empty when there is no port. Extra `/parts` are ignored. Nothing is validated.
pub fn split_proto_port(raw: &str) -> (&str, &str) {
    let mut parts = raw.split('/');
    let port = parts.next().unwrap_or_default();
    if port.is_empty() {
        return ("", "");
    }
    match parts.next() {
        None | Some("") => ("tcp", port),
        Some(proto) => (proto, port),
    }
}

/// True for the protocols docker publishes: `tcp`, `udp`, `sctp` (lower case).
pub fn is_valid_proto(proto: &str) -> bool {
    PROTOCOLS.contains(&proto)
}

/// A container port and protocol, written `80/tcp`: the key of `ExposedPorts`,
/// `PortBindings` and `NetworkSettings.Ports`.
///
/// Ordered as docker prints these maps in JSON (Go sorts map keys as strings, so `443/tcp`
/// comes before `80/tcp`); [`PortKey::cmp_numeric`] is the order of `docker ps`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PortKey {
    text: String,
    number: u16,
}

impl PortKey {
    /// The key for `number/proto` (`nat.NewPort` for a single port). The protocol is kept as
    /// given: `--expose 80/ncp` really gives `80/ncp`.
    pub fn new(number: u16, proto: &str) -> PortKey {
        PortKey {
            text: format!("{number}/{proto}"),
            number,
        }
    }

    /// Reads a key such as `80/tcp` or `53` (taken as `53/tcp`), as stored in image configs.
    pub fn parse(s: &str) -> Result<PortKey, PortRangeError> {
        let (proto, port) = split_proto_port(s);
        if port.is_empty() {
            return Err(PortRangeError::Empty);
        }
        Ok(PortKey::new(parse_uint16(port)?, proto))
    }

    /// The port number.
    pub fn number(&self) -> u16 {
        self.number
    }

    /// The protocol, e.g. `tcp`.
    pub fn proto(&self) -> &str {
        self.text.split_once('/').map_or("tcp", |(_, p)| p)
    }

    /// The key as docker writes it, e.g. `80/tcp`.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The order of `docker ps`'s PORTS column: by number, then protocol.
    pub fn cmp_numeric(&self, other: &PortKey) -> Ordering {
        self.number
            .cmp(&other.number)
            .then_with(|| self.proto().cmp(other.proto()))
    }
}

impl Ord for PortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl PartialOrd for PortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for PortKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// Where a container port is published on the host. Empty `host_port` asks for an ephemeral
/// port; a range such as `8000-8010` asks for a free one in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct PortBinding {
    /// The host address (`HostIp`), empty for all addresses.
    pub host_ip: String,
    /// The host port (`HostPort`): empty, a number, or a range.
    pub host_port: String,
}

/// One container port and its binding, as one `-p` spec expands to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PortMapping {
    /// The container port.
    pub port: PortKey,
    /// Where it is published.
    pub binding: PortBinding,
}

/// Why a `-p` spec was rejected. `Display` gives docker 27's exact text (the CLI shows it as
/// `docker: <text>.`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PortSpecError {
    /// `invalid IP address <ip>: address <ip>:: <reason>` — a `[` address that is not closed
    /// properly.
    IpBrackets {
        /// The address as written.
        ip: String,
        /// Go's `net.SplitHostPort` complaint, e.g. `missing ']' in address`.
        reason: &'static str,
    },
    /// `invalid IP address: <ip>`
    InvalidIp(String),
    /// `no port specified: <spec><empty>`
    NoPort(String),
    /// `invalid containerPort: <port>`
    InvalidContainerPort(String),
    /// `invalid hostPort: <port>`
    InvalidHostPort(String),
    /// `invalid ranges specified for container and host Ports: <container> and <host>`
    RangeMismatch {
        /// The container range.
        container: String,
        /// The host range.
        host: String,
    },
    /// `invalid proto: <proto>` (as typed, not lower-cased)
    InvalidProto(String),
}

impl fmt::Display for PortSpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PortSpecError::IpBrackets { ip, reason } => {
                write!(f, "invalid IP address {ip}: address {ip}:: {reason}")
            }
            PortSpecError::InvalidIp(ip) => write!(f, "invalid IP address: {ip}"),
            PortSpecError::NoPort(raw) => write!(f, "no port specified: {raw}<empty>"),
            PortSpecError::InvalidContainerPort(p) => write!(f, "invalid containerPort: {p}"),
            PortSpecError::InvalidHostPort(p) => write!(f, "invalid hostPort: {p}"),
            PortSpecError::RangeMismatch { container, host } => write!(
                f,
                "invalid ranges specified for container and host Ports: {container} and {host}"
            ),
            PortSpecError::InvalidProto(p) => write!(f, "invalid proto: {p}"),
        }
    }
}

impl std::error::Error for PortSpecError {}

/// Splits a spec on `:` from the right: the last part is the container port, the one before
/// it the host port, and everything before that (rejoined) the IP.
fn split_parts(raw: &str) -> (&str, &str, &str) {
    match raw.rsplit_once(':') {
        None => ("", "", raw),
        Some((rest, container)) => match rest.rsplit_once(':') {
            None => ("", rest, container),
            Some((ip, host)) => (ip, host, container),
        },
    }
}

/// Go's `net.SplitHostPort(ip + ":")` for an address starting with `[`: the address inside
/// the brackets, or the reason it is malformed.
fn strip_brackets(ip: &str) -> Result<&str, &'static str> {
    let Some(end) = ip.find(']') else {
        return Err("missing ']' in address");
    };
    // `ip + ":"` has its last colon at ip.len(); the `]` must sit just before it.
    if end + 1 != ip.len() {
        return Err(if ip[end + 1..].starts_with(':') {
            "too many colons in address"
        } else {
            "missing port in address"
        });
    }
    let host = &ip[1..end];
    if ip[1..].contains('[') {
        return Err("unexpected '[' in address");
    }
    Ok(host)
}

/// Parses one `-p` spec into one mapping per container port (`nat.ParsePortSpec`).
///
/// A container range gives one mapping per port, paired with the host range when there is
/// one; a single container port with a host range keeps the range as its host port.
pub fn parse_port_spec(raw: &str) -> Result<Vec<PortMapping>, PortSpecError> {
    let (ip, host_port, container_part) = split_parts(raw);
    let (proto, container_port) = split_proto_port(container_part);

    let mut ip = ip;
    if ip.starts_with('[') {
        ip = strip_brackets(ip).map_err(|reason| PortSpecError::IpBrackets {
            ip: ip.to_owned(),
            reason,
        })?;
    }
    if !ip.is_empty() && ip.parse::<IpAddr>().is_err() {
        return Err(PortSpecError::InvalidIp(ip.to_owned()));
    }
    if container_port.is_empty() {
        return Err(PortSpecError::NoPort(raw.to_owned()));
    }
    let (start, end) = parse_port_range(container_port)
        .map_err(|_| PortSpecError::InvalidContainerPort(container_port.to_owned()))?;

    let (mut host_start, mut host_end) = (0, 0);
    if !host_port.is_empty() {
        (host_start, host_end) = parse_port_range(host_port)
            .map_err(|_| PortSpecError::InvalidHostPort(host_port.to_owned()))?;
        if end - start != host_end - host_start && end != start {
            return Err(PortSpecError::RangeMismatch {
                container: container_port.to_owned(),
                host: host_port.to_owned(),
            });
        }
    }

    let proto_lower = proto.to_ascii_lowercase();
    if !is_valid_proto(&proto_lower) {
        return Err(PortSpecError::InvalidProto(proto.to_owned()));
    }

    let mut mappings = Vec::with_capacity(usize::from(end - start) + 1);
    for (i, number) in (start..=end).enumerate() {
        let host_port = if host_port.is_empty() {
            String::new()
        } else if start == end && host_start != host_end {
            format!("{host_start}-{host_end}")
        } else {
            // Within range: the host range is as long as the container range here.
            u16::try_from(usize::from(host_start) + i)
                .map(|p| p.to_string())
                .unwrap_or_default()
        };
        mappings.push(PortMapping {
            port: PortKey::new(number, &proto_lower),
            binding: PortBinding {
                host_ip: ip.to_owned(),
                host_port,
            },
        });
    }
    Ok(mappings)
}

/// All `-p` specs of a command line: the ports they expose and their bindings, in spec order
/// per port (`nat.ParsePortSpecs`). The first bad spec stops the parse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PortSpecs {
    /// Every container port mentioned (`Config.ExposedPorts`).
    pub exposed: BTreeSet<PortKey>,
    /// The bindings of each port (`HostConfig.PortBindings`).
    pub bindings: BTreeMap<PortKey, Vec<PortBinding>>,
}

/// Parses every `-p` spec (`nat.ParsePortSpecs`).
pub fn parse_port_specs<S: AsRef<str>>(specs: &[S]) -> Result<PortSpecs, PortSpecError> {
    let mut out = PortSpecs::default();
    for spec in specs {
        for m in parse_port_spec(spec.as_ref())? {
            out.exposed.insert(m.port.clone());
            out.bindings.entry(m.port).or_default().push(m.binding);
        }
    }
    Ok(out)
}

/// Why an `--expose` value was rejected. `Display` gives docker's exact text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExposeError {
    /// `invalid port format for --expose: <spec>` (the value has a `:`).
    PortFormat(String),
    /// `invalid range format for --expose: <spec>, error: <why>`
    RangeFormat {
        /// The value as given.
        spec: String,
        /// Why its port range did not parse.
        error: PortRangeError,
    },
}

impl fmt::Display for ExposeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExposeError::PortFormat(s) => write!(f, "invalid port format for --expose: {s}"),
            ExposeError::RangeFormat { spec, error } => {
                write!(
                    f,
                    "invalid range format for --expose: {spec}, error: {error}"
                )
            }
        }
    }
}

impl std::error::Error for ExposeError {}

/// Parses one `--expose` value, `port[/proto]` or `start-end[/proto]`, into the ports it
/// exposes. As in docker's CLI the protocol is neither checked nor lower-cased.
pub fn parse_expose(spec: &str) -> Result<Vec<PortKey>, ExposeError> {
    if spec.contains(':') {
        return Err(ExposeError::PortFormat(spec.to_owned()));
    }
    let (proto, port) = split_proto_port(spec);
    let (start, end) = parse_port_range(port).map_err(|error| ExposeError::RangeFormat {
        spec: spec.to_owned(),
        error,
    })?;
    Ok((start..=end).map(|n| PortKey::new(n, proto)).collect())
}

/// Go's `strconv.Quote`: double quotes, with `"` and `\` escaped and control characters
/// written as escapes. Other non-ASCII characters are kept, as Go keeps printable ones.
fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if c < ' ' || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if c.is_control() || (c.is_whitespace() && c != ' ') || is_format_char(c) => {
                let n = u32::from(c);
                if n < 0x10000 {
                    out.push_str(&format!("\\u{n:04x}"));
                } else {
                    out.push_str(&format!("\\U{n:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Invisible formatting characters Go does not print as-is.
fn is_format_char(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::SmallSort;

    /// `expected`: the mappings as `{Port:… HostIP:"…" HostPort:"…"}` joined by spaces (the
    /// reference's notation), or `error <text>`.
    fn check(spec: &str, expected: &str) {
        let got = match parse_port_spec(spec) {
            Ok(ms) => ms
                .iter()
                .map(|m| {
                    format!(
                        "{{Port:{} HostIP:{:?} HostPort:{:?}}}",
                        m.port, m.binding.host_ip, m.binding.host_port
                    )
                })
                .collect::<Vec<_>>()
                .join(" "),
            Err(e) => format!("error {e}"),
        };
        assert_eq!(got, expected, "ParsePortSpec({spec:?})");
    }

    #[test]
    #[rustfmt::skip]
    fn port_spec_table() {
        check("80", r#"{Port:80/tcp HostIP:"" HostPort:""}"#);
        check("53/UDP", r#"{Port:53/udp HostIP:"" HostPort:""}"#);
        check("8080:80/udp", r#"{Port:80/udp HostIP:"" HostPort:"8080"}"#);
        check("0.0.0.0:1234-1235:3333-3334/tcp", r#"{Port:3333/tcp HostIP:"0.0.0.0" HostPort:"1234"} {Port:3334/tcp HostIP:"0.0.0.0" HostPort:"1235"}"#);
        check("8000-8010:80", r#"{Port:80/tcp HostIP:"" HostPort:"8000-8010"}"#);
        check("[::1]:80:80", r#"{Port:80/tcp HostIP:"::1" HostPort:"80"}"#);
        check("::::80", r#"{Port:80/tcp HostIP:"::" HostPort:""}"#);
        check("80:99999", "error invalid containerPort: 99999");
        check("8080:80/xyz", "error invalid proto: xyz");
        check(":80", r#"{Port:80/tcp HostIP:"" HostPort:""}"#);
        check("80-70", "error invalid containerPort: 80-70");
        check("-1", "error invalid containerPort: -1");
        check("80/tcp/udp", r#"{Port:80/tcp HostIP:"" HostPort:""}"#);
    }

    #[test]
    #[rustfmt::skip]
    fn port_spec_errors_and_edges() {
        // docker run -p errors of the reference (§6.5).
        check("99999:80", "error invalid hostPort: 99999");
        check("abc", "error invalid containerPort: abc");
        check("1.2.3:80:80", "error invalid IP address: 1.2.3");
        check("8080:80/XYZ", "error invalid proto: XYZ");
        check("", "error no port specified: <empty>");
        check("80:", "error no port specified: 80:<empty>");
        check("/tcp", "error no port specified: /tcp<empty>");
        check("1234-1236:80-81", "error invalid ranges specified for container and host Ports: 80-81 and 1234-1236");
        check("[::1:80:80", "error invalid IP address [::1: address [::1:: missing ']' in address");
        check("[::1]x:80:80", "error invalid IP address [::1]x: address [::1]x:: missing port in address");
        check("[::1]::80:80", "error invalid IP address [::1]:: address [::1]::: too many colons in address");
        check("[[::1]:80:80", "error invalid IP address [[::1]: address [[::1]:: unexpected '[' in address");
        check("[1.2.3.4]:80:80", r#"{Port:80/tcp HostIP:"1.2.3.4" HostPort:"80"}"#);
        check("localhost:1234:1234/tcp", "error invalid IP address: localhost");
        check("01.2.3.4:80:80", "error invalid IP address: 01.2.3.4");
        check("fe80::1%eth0:80:80", "error invalid IP address: fe80::1%eth0");
        check("0:80", r#"{Port:80/tcp HostIP:"" HostPort:"0"}"#);
        check("80/sctp", r#"{Port:80/sctp HostIP:"" HostPort:""}"#);
        check("65535:65535", r#"{Port:65535/tcp HostIP:"" HostPort:"65535"}"#);
        check("65534-65535:65534-65535", r#"{Port:65534/tcp HostIP:"" HostPort:"65534"} {Port:65535/tcp HostIP:"" HostPort:"65535"}"#);
        check("127.0.0.1::80", r#"{Port:80/tcp HostIP:"127.0.0.1" HostPort:""}"#);
        check("8080-8080:80", r#"{Port:80/tcp HostIP:"" HostPort:"8080"}"#);
        check("1-2-3", r#"{Port:1/tcp HostIP:"" HostPort:""} {Port:2/tcp HostIP:"" HostPort:""}"#);
    }

    #[test]
    #[rustfmt::skip]
    fn port_specs_from_go_connections_tests() {
        let check = |specs: &[&str], expected: &str| {
            let got = match parse_port_specs(specs) {
                Ok(p) => {
                    let exposed: Vec<_> = p.exposed.iter().map(PortKey::as_str).collect();
                    let bindings: Vec<_> = p
                        .bindings
                        .iter()
                        .map(|(k, bs)| {
                            let bs: Vec<_> = bs
                                .iter()
                                .map(|b| format!("{}:{}", b.host_ip, b.host_port))
                                .collect();
                            format!("{k}=[{}]", bs.join(","))
                        })
                        .collect();
                    format!("{} | {}", exposed.join(" "), bindings.join(" "))
                }
                Err(e) => format!("error {e}"),
            };
            assert_eq!(got, expected, "ParsePortSpecs({specs:?})");
        };
        check(&["1234/tcp", "2345/udp", "3456/sctp"], "1234/tcp 2345/udp 3456/sctp | 1234/tcp=[:] 2345/udp=[:] 3456/sctp=[:]");
        check(&["1234:1234/tcp", "2345:2345/udp", "3456:3456/sctp"], "1234/tcp 2345/udp 3456/sctp | 1234/tcp=[:1234] 2345/udp=[:2345] 3456/sctp=[:3456]");
        check(&["0.0.0.0:1234:1234/tcp", "0.0.0.0:2345:2345/udp"], "1234/tcp 2345/udp | 1234/tcp=[0.0.0.0:1234] 2345/udp=[0.0.0.0:2345]");
        check(&["localhost:1234:1234/tcp"], "error invalid IP address: localhost");
        check(&["1234-1236/tcp"], "1234/tcp 1235/tcp 1236/tcp | 1234/tcp=[:] 1235/tcp=[:] 1236/tcp=[:]");
        check(&["1234-1236:1234-1236/tcp"], "1234/tcp 1235/tcp 1236/tcp | 1234/tcp=[:1234] 1235/tcp=[:1235] 1236/tcp=[:1236]");
        check(&["0.0.0.0:1234-1236:1234-1236/tcp"], "1234/tcp 1235/tcp 1236/tcp | 1234/tcp=[0.0.0.0:1234] 1235/tcp=[0.0.0.0:1235] 1236/tcp=[0.0.0.0:1236]");
        // The same port twice keeps both bindings, in order; JSON key order puts 443 first.
        check(&["8080:80", "[::]:8081:80", "443"], "443/tcp 80/tcp | 443/tcp=[:] 80/tcp=[:8080,:::8081]");
        check(&["80", "abc"], "error invalid containerPort: abc");
    }

    #[test]
    #[rustfmt::skip]
    fn port_range_cases() {
        let check = |input: &str, expected: &str| {
            let got = match parse_port_range(input) {
                Ok((a, b)) => format!("{a} {b} <nil>"),
                Err(e) => format!("0 0 {e}"),
            };
            assert_eq!(got, expected, "ParsePortRange({input:?})");
        };
        check("8000", "8000 8000 <nil>");
        check("8000-8080", "8000 8080 <nil>");
        check("", "0 0 empty string specified for ports");
        check("8000-", r#"0 0 strconv.ParseUint: parsing "": invalid syntax"#);
        check("-8000", r#"0 0 strconv.ParseUint: parsing "": invalid syntax"#);
        check("8080-8000", "0 0 invalid range specified for port: 8080-8000");
        check("abc", r#"0 0 strconv.ParseUint: parsing "abc": invalid syntax"#);
        check("0", "0 0 <nil>");
        check("65535", "65535 65535 <nil>");
        check("65536", r#"0 0 strconv.ParseUint: parsing "65536": value out of range"#);
        check("+80", r#"0 0 strconv.ParseUint: parsing "+80": invalid syntax"#);
        check("99999x", r#"0 0 strconv.ParseUint: parsing "99999x": value out of range"#);
        check("1234567890-8080", r#"0 0 strconv.ParseUint: parsing "1234567890": value out of range"#);
        check("a\"b\tc", r#"0 0 strconv.ParseUint: parsing "a\"b\tc": invalid syntax"#);
        check("é", r#"0 0 strconv.ParseUint: parsing "é": invalid syntax"#);
        check("\u{a0}", r#"0 0 strconv.ParseUint: parsing "\u00a0": invalid syntax"#);
    }

    #[test]
    fn split_proto_port_cases() {
        let check = |input: &str, expected: (&str, &str)| {
            assert_eq!(
                split_proto_port(input),
                expected,
                "SplitProtoPort({input:?})"
            );
        };
        check("1234/tcp", ("tcp", "1234"));
        check("1234", ("tcp", "1234"));
        check("1234/", ("tcp", "1234"));
        check("/tcp", ("", ""));
        check("", ("", ""));
        check("1234/udp/x", ("udp", "1234"));
    }

    #[test]
    #[rustfmt::skip]
    fn expose_values() {
        let check = |input: &str, expected: &str| {
            let got = match parse_expose(input) {
                Ok(keys) => keys
                    .iter()
                    .map(PortKey::as_str)
                    .collect::<Vec<_>>()
                    .join(" "),
                Err(e) => format!("error {e}"),
            };
            assert_eq!(got, expected, "--expose {input:?}");
        };
        check("abc", r#"error invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": invalid syntax"#);
        check("80-70", "error invalid range format for --expose: 80-70, error: invalid range specified for port: 80-70");
        check(":", "error invalid port format for --expose: :");
        check("8080:9090", "error invalid port format for --expose: 8080:9090");
        check("/tcp", "error invalid range format for --expose: /tcp, error: empty string specified for ports");
        check("NaN-NaN/tcp", r#"error invalid range format for --expose: NaN-NaN/tcp, error: strconv.ParseUint: parsing "NaN": invalid syntax"#);
        check("1234567890-8080/tcp", r#"error invalid range format for --expose: 1234567890-8080/tcp, error: strconv.ParseUint: parsing "1234567890": value out of range"#);
        check("8080/tcp", "8080/tcp");
        check("8080/udp", "8080/udp");
        check("8080/ncp", "8080/ncp");
        check("8080", "8080/tcp");
        check("8080-8080/udp", "8080/udp");
        check("8080-8082/tcp", "8080/tcp 8081/tcp 8082/tcp");
    }

    #[test]
    fn port_keys_sort_like_docker() {
        let mut keys: Vec<PortKey> = ["80/tcp", "443/tcp", "80/udp", "8080/tcp", "53"]
            .iter()
            .map(|s| PortKey::parse(s).unwrap())
            .collect();
        keys.small_sort();
        let json: Vec<_> = keys.iter().map(PortKey::as_str).collect();
        assert_eq!(json, ["443/tcp", "53/tcp", "80/tcp", "80/udp", "8080/tcp"]);
        keys.small_sort_by(PortKey::cmp_numeric);
        let ps: Vec<_> = keys.iter().map(PortKey::as_str).collect();
        assert_eq!(ps, ["53/tcp", "80/tcp", "80/udp", "443/tcp", "8080/tcp"]);

        let k = PortKey::new(80, "tcp");
        assert_eq!(
            (k.number(), k.proto(), k.to_string()),
            (80, "tcp", "80/tcp".to_owned())
        );
        assert_eq!(
            PortKey::parse("x/tcp").map_err(|e| e.to_string()),
            Err(r#"strconv.ParseUint: parsing "x": invalid syntax"#.to_owned())
        );
        assert_eq!(PortKey::parse("/tcp"), Err(PortRangeError::Empty));
    }

    #[test]
    fn uint16_matches_go() {
        assert_eq!(parse_uint16("00080"), Ok(80));
        assert_eq!(parse_uint16("65535"), Ok(65535));
        assert!(parse_uint16("65536").unwrap_err().is_out_of_range());
        assert_eq!(parse_uint16("-0").unwrap_err().input(), "-0");
        assert_eq!(
            parse_uint16("1_000").map_err(|e| e.is_out_of_range()),
            Err(false)
        );
    }
}
