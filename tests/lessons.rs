//! Every shipped lesson is complete and solvable: each validates, its start state does not
//! meet its goal, and its reference solution, typed line by line into the engine alone,
//! does.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use berth::lesson::{self, Goal, Lang, Lesson};
use berth::{Engine, ManualClock, Output, Session};

/// A student's pace: the clock moves this far before each line (a server has time to start).
const PAUSE: i64 = 30_000_000_000;

/// What a line that names no real command prints (the host's shells and docker's).
const NOT_A_COMMAND: &[&str] = &[
    "command not found",
    "is not recognized as a name",
    "is not a docker command",
    "unknown flag",
    "unknown shorthand flag",
    "is not simulated yet",
    "Berth does not simulate",
];

fn line(session: &mut Session, clock: &ManualClock, text: &str) -> Output {
    clock.advance(PAUSE);
    let mut out = session.run_line(text);
    out.append(session.settle(clock));
    out
}

fn start(l: &Lesson) -> (Engine, Session, ManualClock) {
    let clock = ManualClock::default();
    let engine = Engine::builder()
        .host(l.host_kind())
        .clock(Box::new(clock.clone()))
        .build();
    let mut session = engine.session();
    // The start runs at one instant, as on a page with a fixed seed, where the clock
    // stands still.
    for s in &l.start {
        let mut out = session.run_line(s);
        out.append(session.settle(&clock));
        assert_eq!(
            out.status,
            Some(0),
            "{}: start line {s:?}:\n{}",
            l.id,
            out.text()
        );
    }
    (engine, session, clock)
}

/// The parts of a goal that do not hold.
fn unmet(engine: &Engine, goal: &Goal) -> Vec<Goal> {
    match goal {
        Goal::All(gs) => gs
            .iter()
            .filter(|g| !lesson::met(engine, g))
            .cloned()
            .collect(),
        g => vec![g.clone()],
    }
}

#[test]
fn every_lesson_validates() {
    let all = lesson::all().unwrap();
    assert_eq!(all.len(), lesson::FILES.len());
    let mut ids: Vec<&str> = all.iter().map(|l| l.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), all.len(), "two lessons share an id");
    for l in &all {
        assert_eq!(l.problems(), Vec::<String>::new(), "{}", l.id);
    }
}

#[test]
fn every_solution_meets_its_goal_and_the_start_does_not() {
    for l in lesson::all().unwrap() {
        let (engine, mut session, clock) = start(&l);
        assert!(
            !lesson::met(&engine, &l.goal),
            "{}: the start state already meets the goal",
            l.id
        );
        for s in &l.solution {
            assert_eq!(l.refusal(s, Lang::En), None, "{}: {s:?}", l.id);
            let out = line(&mut session, &clock, s);
            let text = out.text();
            for bad in NOT_A_COMMAND {
                assert!(!text.contains(bad), "{}: {s:?} printed:\n{text}", l.id);
            }
        }
        assert!(
            lesson::met(&engine, &l.goal),
            "{}: the reference solution does not meet the goal: {:?}",
            l.id,
            unmet(&engine, &l.goal)
        );
    }
}
