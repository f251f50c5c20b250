//! `curl` at the host prompt: Windows' `curl.exe` (PowerShell 7 runs it for `curl`; curl
//! 8.x) or the Linux host's curl 8.5. From the host, `localhost:PORT` reaches a container
//! through a published port; nothing published there is curl's "Failed to connect".

use crate::net::http::{fetch, parse_url, Failure};
use crate::output::Output;
use crate::shell::programs::curl::{
    failure_line, follow, parse_opts, render, unknown_option, url_error_line, Flavor,
};
use crate::world::World;

use super::HostKind;

/// Runs the host's `curl` with `args` (after the command word).
pub fn curl(world: &mut World, kind: HostKind, args: &[String], out: &mut Output) -> i32 {
    let (flavor, reset, refused_ms) = match kind {
        HostKind::Windows => (Flavor::Eight, "Connection was reset", 2044),
        HostKind::Linux => (Flavor::EightEarly, "Connection reset by peer", 0),
    };
    let o = match parse_opts(args) {
        Ok(o) => o,
        Err(opt) => {
            out.err(unknown_option(&opt));
            return 2;
        }
    };
    let Some(raw) = o.url.clone() else {
        out.err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    };
    if o.output.as_deref().is_some_and(|p| p != "-") {
        out.err("berth: \"curl -o\" at the host prompt is not simulated yet\n");
        return 1;
    }
    let show_errors = !o.silent || o.show_error;
    let url = match parse_url(&raw) {
        Ok(u) => u,
        Err(e) => {
            let (line, code) = url_error_line(flavor, &e);
            if show_errors {
                out.err(format!("curl: {line}\n"));
            }
            return code;
        }
    };
    crate::net::reach::publish(&mut world.daemon, None);
    let hub = world.daemon.programs().sockets.clone();
    let now = world.now();
    // Docker Desktop's containers live in a VM: Windows has no route to their addresses.
    let behind_vm = kind == HostKind::Windows
        && crate::daemon::networks::parse_ip(&url.host).is_some_and(|ip| ip[0] != 127);
    if behind_vm {
        if let Some(ip) = crate::daemon::networks::parse_ip(&url.host) {
            let (line, code) = failure_line(flavor, &url, &Failure::Timeout(ip), reset);
            if show_errors {
                let line = line.replace(
                    &format!(
                        "after {} ms",
                        crate::shell::programs::curl::failure_delay_ms(&Failure::Timeout(ip))
                    ),
                    "after 21045 ms",
                );
                out.err(format!("curl: {line}\n"));
            }
            return code;
        }
    }
    let first = fetch(&hub, None, &url, now);
    let result = follow(&o, &url, first, |u| fetch(&hub, None, u, now));
    let fetched = match result {
        Ok(f) => f,
        Err(Failure::Stream(_)) => {
            out.err("berth: HTTP to a compiled program's socket is not simulated yet\n");
            return 1;
        }
        Err(f) => {
            let (mut line, code) = failure_line(flavor, &url, &f, reset);
            if matches!(f, Failure::Refused(_)) {
                line = line.replace("after 0 ms", &format!("after {refused_ms} ms"));
            }
            if show_errors {
                out.err(format!("curl: {line}\n"));
            }
            return code;
        }
    };
    match render(&o, &fetched.response) {
        Ok(body) => {
            out.out(String::from_utf8_lossy(&body));
            0
        }
        Err((line, code)) => {
            if show_errors {
                out.err(format!("curl: {line}\n"));
            }
            code
        }
    }
}
