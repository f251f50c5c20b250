//! Sleeping programs wake for what can end them early: Ctrl-C at a container's shell, a
//! signal from `docker stop`, `docker kill` or `docker pause`/`unpause` — not only for the
//! clock. (The scheduler leaves a task that waits for time alone until its deadline.)

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly

use berth::{Clock, Engine, ManualClock, Session};

fn engine() -> (Engine, ManualClock) {
    let clock = ManualClock::default();
    let engine = Engine::builder().clock(Box::new(clock.clone())).build();
    (engine, clock)
}

/// Types `line` and lets its job run to the end (or to its next prompt); returns the text.
fn run(s: &mut Session, clock: &ManualClock, line: &str) -> String {
    clock.advance(berth::ports::SECOND);
    let mut out = s.run_line(line);
    out.append(s.settle(clock));
    out.text()
}

#[test]
fn ctrl_c_ends_a_sleep_at_a_container_shell() {
    let (engine, clock) = engine();
    let mut s = engine.session();
    run(&mut s, &clock, "docker run -it --name box alpine sh");
    assert!(
        s.waiting_prompt().is_some_and(|p| p.ends_with("# ")),
        "{:?}",
        s.waiting_prompt()
    );
    clock.advance(berth::ports::SECOND);
    s.run_line("sleep 1000");
    // Time passes without reaching the deadline: the sleep holds the terminal.
    for _ in 0..3 {
        clock.advance(berth::ports::SECOND);
        s.poll();
    }
    assert!(s.is_busy(), "sleep 1000 ended early");
    let out = s.interrupt();
    assert!(
        s.waiting_prompt().is_some_and(|p| p.ends_with("# ")),
        "{}",
        out.text()
    );
    assert_eq!(
        run(&mut s, &clock, "echo $?").trim_end().lines().next(),
        Some("130")
    );
}

#[test]
fn docker_stop_and_kill_reach_a_sleeping_container() {
    let (engine, clock) = engine();
    let mut s = engine.session();
    run(&mut s, &clock, "docker run -d --name a1 alpine sleep 1000");
    run(&mut s, &clock, "docker run -d --name a2 nginx");
    // sleep as pid 1 ignores SIGTERM: docker stop waits 10 s, then kills (137).
    let start = clock.now();
    run(&mut s, &clock, "docker stop a1");
    let waited = (clock.now() - start) / berth::ports::SECOND;
    assert!((10..=12).contains(&waited), "docker stop took {waited} s");
    // nginx ends at once on its stop signal (SIGQUIT, the image's STOPSIGNAL).
    let start = clock.now();
    run(&mut s, &clock, "docker stop a2");
    let waited = (clock.now() - start) / berth::ports::SECOND;
    assert!(waited <= 2, "docker stop a2 took {waited} s");
    let states = run(
        &mut s,
        &clock,
        "docker ps -a --format '{{.Names}} {{.Status}}'",
    );
    assert!(states.contains("a1 Exited (137)"), "{states}");
    assert!(states.contains("a2 Exited (0)"), "{states}");
    run(&mut s, &clock, "docker run -d --name a3 alpine sleep 1000");
    run(&mut s, &clock, "docker pause a3");
    run(&mut s, &clock, "docker unpause a3");
    run(&mut s, &clock, "docker kill a3");
    let states = run(
        &mut s,
        &clock,
        "docker ps -a --format '{{.Names}} {{.Status}}'",
    );
    assert!(states.contains("a3 Exited (137)"), "{states}");
}
