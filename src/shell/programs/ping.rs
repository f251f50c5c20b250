//! `ping [-c COUNT] [-q] HOST`: iputils' ping (Debian, Ubuntu) and busybox's applet. Names
//! resolve and addresses answer by the network's rules ([`crate::net::reach`]); an address
//! no one answers gets no reply (100% packet loss), one on the container's own subnet that
//! no one holds gets "Destination Host Unreachable", and a container without a network
//! cannot send at all.

use super::super::program::{Proc, Style};
use crate::daemon::networks::{ip_string, Ip};
use crate::kernel::signal;
use crate::net::reach::Unreach;
use crate::ports::{Nanos, SECOND};

/// What one run of ping was asked.
#[derive(Debug, PartialEq, Eq)]
struct Args {
    count: Option<u64>,
    quiet: bool,
    host: String,
}

/// Parses ping's arguments; `Err` holds the complaint and the status.
fn parse(args: &[String], style: Style) -> Result<Args, (String, i32)> {
    let mut count = None;
    let mut quiet = false;
    let mut host = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if let Some(rest) = a.strip_prefix("-c") {
            let v = if rest.is_empty() {
                i += 1;
                args.get(i - 1).cloned()
            } else {
                Some(rest.to_owned())
            };
            let n = v.as_deref().and_then(|v| v.parse::<u64>().ok());
            match (n, style) {
                (Some(n), _) if n > 0 => count = Some(n),
                (_, Style::Gnu) => {
                    let shown = v.unwrap_or_default();
                    return Err((
                        format!("ping: invalid argument: '{shown}': out of range: 1 <= value <= 9223372036854775807\n"),
                        2,
                    ));
                }
                (_, Style::Busybox) => {
                    let shown = v.unwrap_or_default();
                    return Err((format!("ping: invalid number '{shown}'\n"), 1));
                }
            }
        } else if a == "-q" {
            quiet = true;
        } else if a == "-4" {
        } else if a.starts_with('-') && a.len() > 1 {
            return Err((format!("berth: \"ping {a}\" is not simulated yet\n"), 2));
        } else if host.is_none() {
            host = Some(a.clone());
        }
    }
    let Some(host) = host else {
        return Err(match style {
            Style::Gnu => ("ping: usage error: Destination address required\n".into(), 2),
            Style::Busybox => (
                super::util::busybox_usage("Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern"),
                1,
            ),
        });
    };
    Ok(Args { count, quiet, host })
}

/// A round-trip time in microseconds: small and steady, as on one host's bridge.
fn rtt_us(ip: Ip, seq: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in ip.iter().copied().chain(seq.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    if seq == 1 || seq == 0 {
        70 + h % 60
    } else {
        40 + h % 50
    }
}

fn ms(us: u64) -> String {
    format!("{}.{:03}", us / 1000, us % 1000)
}

/// The statistics lines: `rtts` holds the answered round trips in microseconds.
fn statistics(style: Style, host: &str, sent: u64, rtts: &[u64], errors: u64) -> String {
    let got = rtts.len() as u64;
    let loss = ((sent - got.min(sent)) * 100)
        .checked_div(sent)
        .unwrap_or(0);
    let mut s = format!("\n--- {host} ping statistics ---\n");
    let (min, max) = (
        rtts.iter().copied().min().unwrap_or(0),
        rtts.iter().copied().max().unwrap_or(0),
    );
    let avg = rtts.iter().sum::<u64>().checked_div(got).unwrap_or(0);
    match style {
        Style::Gnu => {
            let time = sent.saturating_sub(1) * 1000 + sent.saturating_sub(1);
            let errs = if errors > 0 {
                format!(", +{errors} errors")
            } else {
                String::new()
            };
            s.push_str(&format!(
                "{sent} packets transmitted, {got} received{errs}, {loss}% packet loss, time {time}ms\n"
            ));
            if got > 0 {
                let n = got as f64;
                let mean = rtts.iter().sum::<u64>() as f64 / n;
                let mean_sq = rtts.iter().map(|t| (t * t) as f64).sum::<f64>() / n;
                let mdev = (mean_sq - mean * mean).max(0.0).sqrt() as u64;
                s.push_str(&format!(
                    "rtt min/avg/max/mdev = {}/{}/{}/{} ms\n",
                    ms(min),
                    ms(avg),
                    ms(max),
                    ms(mdev)
                ));
            } else if errors > 1 {
                s.push_str(&format!("pipe {errors}\n"));
            }
        }
        Style::Busybox => {
            s.push_str(&format!(
                "{sent} packets transmitted, {got} packets received, {loss}% packet loss\n"
            ));
            if got > 0 {
                s.push_str(&format!(
                    "round-trip min/avg/max = {}/{}/{} ms\n",
                    ms(min),
                    ms(avg),
                    ms(max)
                ));
            }
        }
    }
    s
}

/// Whether the packets to `ip` come back, from the container the process runs in.
fn answer(p: &Proc, ip: Ip) -> Result<(), Unreach> {
    let Some(me) = p.machine.container.as_deref() else {
        return Ok(());
    };
    let view = p.machine.programs.sockets.view();
    if ip[0] == 127 {
        return Ok(());
    }
    let Some(node) = view.node(me) else {
        return Err(Unreach::NoNetwork);
    };
    if node.endpoints.iter().any(|e| e.gateway == Some(ip)) {
        return Ok(());
    }
    match view.route(Some(me), ip) {
        Ok(Some(_)) => Ok(()),
        _ => Err(view.unreachable(Some(me), ip)),
    }
}

async fn main(p: &mut Proc) -> i32 {
    let style = p.style;
    let args = match parse(p.args.get(1..).unwrap_or(&[]), style) {
        Ok(a) => a,
        Err((msg, code)) => {
            p.err(msg).await;
            return code;
        }
    };
    let me = p.machine.container.clone();
    let view = p.machine.programs.sockets.view();
    let host = args.host.as_str();
    let numeric = crate::daemon::networks::parse_ip(host).is_some();
    let ipv6_localhost = style == Style::Gnu && (host == "localhost" || host == "ip6-localhost");
    let ip = match view.resolve(me.as_deref(), host) {
        Ok(ip) => ip,
        Err(_) => {
            let msg = match style {
                Style::Gnu => format!("ping: {host}: Name or service not known\n"),
                Style::Busybox => format!("ping: bad address '{host}'\n"),
            };
            p.err(msg).await;
            return match style {
                Style::Gnu => 2,
                Style::Busybox => 1,
            };
        }
    };
    let reach = answer(p, ip);
    if reach == Err(Unreach::NoNetwork) {
        let (msg, code) = match style {
            Style::Gnu => ("ping: connect: Network is unreachable\n", 2),
            Style::Busybox => ("ping: sendto: Network unreachable\n", 1),
        };
        p.err(msg).await;
        return code;
    }
    let dotted = ip_string(ip);
    let shown_addr = if ipv6_localhost {
        "::1".to_owned()
    } else {
        dotted.clone()
    };
    let head = match style {
        Style::Gnu if ipv6_localhost => format!("PING {host}({host} (::1)) 56 data bytes\n"),
        Style::Gnu => format!("PING {host} ({dotted}) 56(84) bytes of data.\n"),
        Style::Busybox => format!("PING {host} ({dotted}): 56 data bytes\n"),
    };
    p.out(head).await;
    let from = if numeric || style == Style::Busybox {
        shown_addr.clone()
    } else {
        let name = if ipv6_localhost || ip[0] == 127 {
            Some("localhost".to_owned())
        } else {
            view.reverse(me.as_deref(), ip)
        };
        format!(
            "{} ({shown_addr})",
            name.unwrap_or_else(|| shown_addr.clone())
        )
    };
    let sigint = signal::SIGINT;
    p.signals.caught.set(p.signals.caught.get() | 1 << sigint);
    let my_ip = p.machine.ip.clone();
    let start: Nanos = p.now();
    let mut sent = 0u64;
    let mut rtts = Vec::new();
    let mut errors = 0u64;
    loop {
        if args.count.is_some_and(|c| sent >= c) {
            break;
        }
        sent += 1;
        let seq = match style {
            Style::Gnu => sent,
            Style::Busybox => sent - 1,
        };
        match reach {
            Ok(()) => {
                let us = rtt_us(ip, sent);
                rtts.push(us);
                if !args.quiet {
                    let line = match style {
                        Style::Gnu => format!(
                            "64 bytes from {from}: icmp_seq={seq} ttl=64 time={} ms\n",
                            trim_ms(us)
                        ),
                        Style::Busybox => format!(
                            "64 bytes from {from}: seq={seq} ttl=64 time={} ms\n",
                            ms(us)
                        ),
                    };
                    p.out(line).await;
                }
            }
            Err(Unreach::NoHost) if style == Style::Gnu => {
                // ARP gives up after three tries a second apart.
                p.sleep_until(p.now().saturating_add(3 * SECOND)).await;
                errors += 1;
                if !args.quiet {
                    p.out(format!(
                        "From {my_ip} icmp_seq={seq} Destination Host Unreachable\n"
                    ))
                    .await;
                }
            }
            Err(_) => {}
        }
        if p.signals.take_caught(sigint) {
            break;
        }
        let last = args.count.is_some_and(|c| sent >= c);
        let next = if last {
            if reach.is_ok() || errors > 0 {
                break;
            }
            // Nothing came back: wait for late replies before giving up.
            p.now().saturating_add(10 * SECOND)
        } else {
            start.saturating_add(sent as i64 * SECOND).max(p.now())
        };
        p.sleep_until(next).await;
        if p.signals.take_caught(sigint) {
            break;
        }
        if last {
            break;
        }
    }
    p.out(statistics(style, host, sent, &rtts, errors)).await;
    if rtts.is_empty() {
        1
    } else {
        0
    }
}

/// iputils prints three significant digits: `0.053`, `0.101`, `1.23`.
fn trim_ms(us: u64) -> String {
    if us < 1000 {
        format!("0.{us:03}")
    } else if us < 10_000 {
        format!("{}.{:02}", us / 1000, (us % 1000) / 10)
    } else {
        format!("{}.{}", us / 1000, (us % 1000) / 100)
    }
}

crate::program!(Ping, main);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str], style: Style, want: &str) {
        let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
        let got = match parse(&args, style) {
            Ok(a) => format!("{:?} {} {}", a.count, a.quiet, a.host),
            Err((m, c)) => format!("{c} {}", m.lines().next().unwrap_or("")),
        };
        assert_eq!(got, want, "{args:?}");
    }

    #[test]
    fn arguments() {
        check(&["-c", "2", "db"], Style::Gnu, "Some(2) false db");
        check(&["-c2", "-q", "db"], Style::Gnu, "Some(2) true db");
        check(&["db"], Style::Busybox, "None false db");
        check(
            &["-c", "x", "db"],
            Style::Busybox,
            "1 ping: invalid number 'x'",
        );
        check(
            &["-c", "0", "db"],
            Style::Gnu,
            "2 ping: invalid argument: '0': out of range: 1 <= value <= 9223372036854775807",
        );
        check(
            &[],
            Style::Gnu,
            "2 ping: usage error: Destination address required",
        );
        check(
            &[],
            Style::Busybox,
            "1 BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.",
        );
    }

    #[test]
    fn statistics_lines() {
        assert_eq!(
            statistics(Style::Gnu, "db", 2, &[89, 71], 0),
            "\n--- db ping statistics ---\n2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min/avg/max/mdev = 0.071/0.080/0.089/0.009 ms\n"
        );
        assert_eq!(
            statistics(Style::Gnu, "x", 2, &[], 2),
            "\n--- x ping statistics ---\n2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\npipe 2\n"
        );
        assert_eq!(
            statistics(Style::Busybox, "db", 2, &[82, 105], 0),
            "\n--- db ping statistics ---\n2 packets transmitted, 2 packets received, 0% packet loss\nround-trip min/avg/max = 0.082/0.093/0.105 ms\n"
        );
        assert_eq!(
            statistics(Style::Busybox, "db", 3, &[], 0),
            "\n--- db ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n"
        );
        assert_eq!(trim_ms(53), "0.053");
        assert_eq!(trim_ms(1234), "1.23");
    }
}
