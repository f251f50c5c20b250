//! A command's engine time with 1,000 containers present (DESIGN's budget: ≤ 1 ms median for
//! run/ps/images): pulls alpine, creates 1,000 containers, then times `docker ps`,
//! `docker images`, `docker inspect`, `docker create` and `docker run -d alpine true` line by
//! line and prints the median and 90th percentile of each against the budget. `docker ps -a`,
//! which prints all 1,000 rows, is shown too: its time is per 1,000 rows of output.
//!
//! Run with `cargo bench --bench commands`. It prints figures; it asserts only that every
//! command succeeded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a benchmark with bad input should stop loudly
#![allow(clippy::disallowed_methods)] // reason: a benchmark measures wall time; it is not the engine

use std::time::{Duration, Instant};

use berth::{Engine, ManualClock, Session};

const CONTAINERS: usize = 1_000;
const RUNS: usize = 101;

/// A benchmark line's name and what makes each of its command lines.
type Case<'a> = (&'a str, Box<dyn FnMut() -> String>);

fn run(s: &mut Session, clock: &ManualClock, line: &str) -> Duration {
    clock.advance(berth::ports::SECOND);
    let start = Instant::now();
    let mut out = s.run_line(line);
    out.append(s.settle(clock));
    let took = start.elapsed();
    assert_eq!(out.status, Some(0), "{line}: {}", out.text());
    took
}

fn main() {
    let clock = ManualClock::default();
    let engine = Engine::builder().clock(Box::new(clock.clone())).build();
    let mut s = engine.session();
    run(&mut s, &clock, "docker pull alpine");
    let start = Instant::now();
    for i in 0..CONTAINERS {
        run(
            &mut s,
            &clock,
            &format!("docker create --name c{i} alpine true"),
        );
    }
    println!(
        "{CONTAINERS} containers created in {:.2} s",
        start.elapsed().as_secs_f64()
    );
    let mut n = CONTAINERS;
    let mut cases: Vec<Case> = vec![
        ("docker ps", Box::new(|| "docker ps".into())),
        (
            "docker ps -a (1,000 rows)",
            Box::new(|| "docker ps -a".into()),
        ),
        ("docker images", Box::new(|| "docker images".into())),
        (
            "docker inspect c500",
            Box::new(|| "docker inspect c500".into()),
        ),
        (
            "docker create alpine",
            Box::new(move || {
                n += 1;
                format!("docker create --name c{n} alpine true")
            }),
        ),
        (
            "docker run -d alpine true",
            Box::new(|| "docker run -d alpine true".into()),
        ),
    ];
    println!(
        "{:<28} {:>10} {:>10}   budget: median ≤ 1 ms",
        "command", "median", "p90"
    );
    for (name, line) in &mut cases {
        let mut times: Vec<Duration> = (0..RUNS).map(|_| run(&mut s, &clock, &line())).collect();
        times.sort();
        let median = times[RUNS / 2];
        let p90 = times[RUNS * 9 / 10];
        let verdict = if name.contains("rows") {
            "  (not a budget line)"
        } else if median <= Duration::from_millis(1) {
            ""
        } else {
            "  OVER BUDGET"
        };
        println!(
            "{name:<28} {:>8.3}ms {:>8.3}ms{verdict}",
            median.as_secs_f64() * 1e3,
            p90.as_secs_f64() * 1e3
        );
    }
}
