//! Resource usage of a container (`GET /containers/{id}/stats`): figures derived from the
//! processes it runs, so an idle server sits near 0% CPU and its memory is what its program
//! typically holds. Every figure is a function of the container and the clock, never of
//! chance, so the same lines give the same table.

use super::containers::Container;
use crate::kernel::ProcInfo;
use crate::ports::{Nanos, SECOND};

/// Memory of the machine the daemon runs on, as `docker info` shows it (`7.657GiB` under
/// Docker Desktop, `7.663GiB` on the Linux host).
pub fn host_memory(desktop: bool) -> u64 {
    if desktop {
        8_221_179_904
    } else {
        8_228_126_720
    }
}

/// One sample of a container's usage (the fields of docker's `StatsEntry`).
#[derive(Clone, Debug, PartialEq)]
pub struct Sample {
    /// The 64-hex id.
    pub id: String,
    /// The name, without `/`.
    pub name: String,
    /// CPU use in percent of one CPU's time times the number of CPUs.
    pub cpu_percent: f64,
    /// Memory in use, in bytes (without the page cache).
    pub memory: f64,
    /// The memory limit: `-m`, or the host's memory.
    pub limit: f64,
    /// Bytes received and sent on its networks.
    pub net: (f64, f64),
    /// Bytes read and written on block devices.
    pub block: (f64, f64),
    /// Processes it runs.
    pub pids: u64,
}

impl Sample {
    /// `memory / limit` in percent (0 without a limit).
    pub fn memory_percent(&self) -> f64 {
        if self.limit > 0.0 {
            self.memory / self.limit * 100.0
        } else {
            0.0
        }
    }
}

/// What a process of a program typically holds in memory (resident, in bytes), and
/// whether it is a server that wakes up now and then (a little CPU) or a program that
/// waits (none).
fn footprint(args: &[String]) -> (f64, bool) {
    const KIB: f64 = 1024.0;
    const MIB: f64 = 1024.0 * 1024.0;
    let first = args.first().map(String::as_str).unwrap_or_default();
    if first.starts_with("nginx: master") {
        // The master and the worker it starts (its log's "start worker process").
        return (2.1 * MIB + 1.3 * MIB, true);
    }
    if first.starts_with("nginx: worker") {
        return (1.08 * MIB, true);
    }
    let name = first.rsplit('/').next().unwrap_or(first);
    match name {
        "nginx" => (1.42 * MIB, true),
        "httpd" => (5.6 * MIB, true),
        "redis-server" => (3.9 * MIB, true),
        "mysqld" => (382.0 * MIB, true),
        "postgres" => (18.5 * MIB, true),
        "node" => (41.0 * MIB, true),
        "python" | "python3" => (9.2 * MIB, false),
        "bash" => (3.1 * MIB, false),
        "sh" | "ash" | "dash" => (560.0 * KIB, false),
        "sleep" | "tail" | "cat" => (368.0 * KIB, false),
        _ => (1.0 * MIB, false),
    }
}

/// A deterministic number in `0..n` from the container and a step of time.
fn wobble(id: &str, step: i64, n: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in id.bytes().chain(step.to_le_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    if n == 0 {
        0
    } else {
        (h >> 17) % n
    }
}

/// A sample of `c` at `now`, from `procs` (its processes in the kernel's table).
pub fn sample(c: &Container, procs: &[&ProcInfo], desktop: bool, now: Nanos) -> Sample {
    let limit = if c.host.memory > 0 {
        c.host.memory as f64
    } else {
        host_memory(desktop) as f64
    };
    let mut s = Sample {
        id: c.id.clone(),
        name: c.name.clone(),
        cpu_percent: 0.0,
        memory: 0.0,
        limit,
        net: (0.0, 0.0),
        block: (0.0, 0.0),
        pids: 0,
    };
    let Some(started) = c.state.started_at().filter(|_| c.state.is_running()) else {
        // A stopped container has no cgroup: docker shows zeros and no limit.
        s.limit = 0.0;
        return s;
    };
    let up = ((now - started).max(0) / SECOND).max(0);
    let mut servers = 0u64;
    for p in procs {
        let (rss, server) = footprint(&p.args);
        s.memory += rss;
        servers += u64::from(server);
        // nginx's worker is a process of its own.
        s.pids += u64::from(
            p.args
                .first()
                .is_some_and(|a| a.starts_with("nginx: master")),
        );
    }
    // The cgroup also counts kernel memory and a little page cache that docker does not
    // subtract; it wobbles by a few KiB as the server wakes up.
    s.memory += 160.0 * 1024.0 + (wobble(&c.id, up / 10, 64) * 1024) as f64;
    s.memory = s.memory.min(limit);
    if servers > 0 && !c.state.is_paused() {
        s.cpu_percent = wobble(&c.id, up, 4) as f64 / 100.0;
    }
    s.pids += procs.len() as u64;
    if c.host.network_mode != "none" && c.host.network_mode != "host" {
        // The bridge brings IPv6 router solicitations and multicast now and then.
        let rx = 726 + 90 * (up / 45).min(400) as u64;
        s.net = (rx as f64, 0.0);
    }
    // Reads come from the page cache the image's files already sit in; writes are what
    // the container's layer holds.
    s.block = (0.0, c.size_rw() as f64);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn footprints_by_program() {
        let check = |args: &[&str], rss_mib: f64, server: bool| {
            let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
            let (rss, srv) = footprint(&args);
            assert!(
                (rss / 1024.0 / 1024.0 - rss_mib).abs() < 0.01,
                "{args:?}: {rss}"
            );
            assert_eq!(srv, server, "{args:?}");
        };
        check(&["nginx: master process nginx -g daemon off;"], 3.4, true);
        check(&["nginx: worker process"], 1.08, true);
        check(&["/usr/sbin/mysqld"], 382.0, true);
        check(&["sleep", "300"], 0.359, false);
        check(&["bash"], 3.1, false);
        check(&[], 1.0, false);
    }

    #[test]
    fn wobble_is_stable_and_bounded() {
        assert_eq!(wobble("abc", 3, 4), wobble("abc", 3, 4));
        assert!((0..100).all(|t| wobble("abc", t, 4) < 4));
        assert_eq!(wobble("abc", 3, 0), 0);
    }
}
