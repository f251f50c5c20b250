//! Property tests: no input line panics the engine, and the same lines give the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly

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
