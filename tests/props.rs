//! Property tests: no input line panics the engine, and the same lines give the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use berth::{Engine, HostKind};
use proptest::prelude::*;

/// Words docker users type, so random lines reach deep into the command tree.
const WORDS: &[&str] = &[
    "docker",
    "run",
    "ps",
    "-a",
    "-it",
    "-d",
    "--rm",
    "--name",
    "web",
    "nginx",
    "alpine",
    "ubuntu",
    "bash",
    "sh",
    "-p",
    "8080:80",
    "-v",
    "C:\\codec\\gcc-hw:/hw",
    "-w",
    "/hw",
    "-e",
    "A=1",
    "--help",
    "-h",
    "container",
    "image",
    "volume",
    "network",
    "system",
    "ls",
    "rm",
    "rmi",
    "inspect",
    "-f",
    "{{.Name}}",
    "version",
    "info",
    "pull",
    "mysql:5.7",
    "--link",
    "my-mysql:server",
    "--",
    "-",
    "--format",
    "json",
    "'",
    "\"",
    ";",
    "&&",
    "||",
    "|",
    ">",
    "$env:USERNAME",
    "$?",
    "`",
    "\\",
    "=",
    "--net=none",
    "-dit",
    "exec",
    "logs",
    "-f",
    "stop",
    "start",
    "help",
    "--version",
    "-v",
    "-D",
    "--log-level",
    "-H",
    "--context",
    "x",
    "",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..12).prop_map(|w| w.join(" "))
}

fn host() -> impl Strategy<Value = HostKind> {
    prop_oneof![Just(HostKind::Windows), Just(HostKind::Linux)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(host in host(), line in "\\PC{0,80}") {
        let engine = Engine::builder().host(host).build();
        let out = engine.session().run_line(&line);
        prop_assert!(out.status.is_some());
    }

    #[test]
    fn docker_like_soups_never_panic(host in host(), lines in prop::collection::vec(soup(), 1..6)) {
        let engine = Engine::builder().host(host).build();
        let mut session = engine.session();
        for line in &lines {
            let out = session.run_line(line);
            prop_assert!(out.status.is_some());
        }
    }

    #[test]
    fn same_seed_same_bytes(seed in any::<u64>(), lines in prop::collection::vec(soup(), 1..5)) {
        let run = || {
            let engine = Engine::builder().seed(seed).build();
            let mut session = engine.session();
            lines.iter().map(|l| session.run_line(l)).collect::<Vec<_>>()
        };
        prop_assert_eq!(run(), run());
    }
}

/// Container commands a student mixes up: names reused, containers removed while running,
/// the image removed under a container.
const CONTAINER_LINES: &[&str] = &[
    "docker run -d --name a alpine sleep 100",
    "docker run -d --name b alpine sleep 100",
    "docker run -d alpine sleep 100",
    "docker run --name c alpine true",
    "docker run --rm alpine echo hi",
    "docker create --name a alpine",
    "docker stop a",
    "docker stop b",
    "docker start a",
    "docker kill b",
    "docker rm a",
    "docker rm -f a",
    "docker rm -f b",
    "docker rm c",
    "docker rename a b",
    "docker rename b c",
    "docker rmi alpine",
    "docker rmi -f alpine",
    "docker container prune -f",
    "docker image prune -af",
    "docker ps -a",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn container_invariants_hold(lines in prop::collection::vec(prop::sample::select(CONTAINER_LINES), 1..12)) {
        let clock = berth::ManualClock::default();
        let engine = Engine::builder().clock(Box::new(clock.clone())).build();
        let mut session = engine.session();
        session.run_line("docker pull alpine");
        session.settle(&clock);
        for line in &lines {
            clock.advance(berth::ports::SECOND);
            let mut out = session.run_line(line);
            out.append(session.settle(&clock));
            prop_assert!(out.status.is_some() || session.is_busy() || session.waiting_prompt().is_some());
            let snap = engine.snapshot();
            // Names are unique.
            let mut names: Vec<&str> = snap.containers.iter().map(|c| c.name.as_str()).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            prop_assert_eq!(before, names.len(), "duplicate names after {}", line);
            // A running container's image is never deleted under it (docker refuses even
            // with -f: only the tag goes).
            for c in snap.containers.iter().filter(|c| c.state == "running") {
                prop_assert!(snap.images.iter().any(|i| i.id == c.image), "{} lost its image after {}", c.name, line);
            }
            // Every layer an image lists is stored, and nothing else is.
            let mut wanted: Vec<&str> = snap.images.iter().flat_map(|i| i.layers.iter().map(String::as_str)).collect();
            wanted.sort_unstable();
            wanted.dedup();
            prop_assert_eq!(wanted.len(), snap.layers, "layers stored vs used after {}", line);
        }
    }
}
