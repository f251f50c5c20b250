//! The C corpus: each `tests/cc/corpus/NAME.c` is compiled and run, with `NAME.in` as its
//! standard input; its output and exit status must equal what the real gcc's binary gave
//! (`NAME.out`, `NAME.status`, made by `tests/cc/regen.sh`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use std::fs;
use std::path::Path;

use berth::cc::{
    compile, render, Machine, MemOs, NoHeaders, Options, Program, RunState, SourceFile, Style,
};

/// Runs one program: (stdout, exit status as a shell reports it).
fn run(name: &str, src: &str, stdin: &[u8]) -> (String, i32) {
    let (program, _) = match compile(
        &[SourceFile::new(name, src)],
        &NoHeaders,
        &Options::default(),
    ) {
        Ok(p) => p,
        Err(d) => panic!("{name} does not compile:\n{}", render(&d, Style::Gcc12)),
    };
    let program = Program::from_bytes(&program.to_bytes()).expect("executable round trip");
    let mut m = Machine::new(
        program,
        &[format!("./{}", name.trim_end_matches(".c"))],
        &[],
    );
    let mut os = MemOs::with_stdin(stdin);
    let mut state = RunState::Yielded;
    for _ in 0..1000 {
        state = m.run(1_000_000, &mut os);
        if state != RunState::Yielded {
            break;
        }
    }
    let status = match state {
        RunState::Exited(n) => n,
        RunState::Signaled(s) => 128 + s,
        other => panic!("{name} did not finish: {other:?}"),
    };
    (String::from_utf8_lossy(&os.stdout).into_owned(), status)
}

#[test]
fn corpus_matches_gcc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cc/corpus");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    names.sort();
    assert!(names.len() >= 15, "corpus is missing");
    let mut failures = Vec::new();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = fs::read_to_string(&path).unwrap();
        let stdin = fs::read(path.with_extension("in")).unwrap_or_default();
        let want_out = fs::read_to_string(path.with_extension("out")).unwrap();
        let want_status: i32 = fs::read_to_string(path.with_extension("status"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let (out, status) = run(&name, &src, &stdin);
        if out != want_out || status != want_status {
            failures.push(format!(
                "{name}: status {status} (want {want_status})\n--- got\n{out}--- want\n{want_out}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Compiles one of the echo pair the host starts with (the course's gcc exercise): the very
/// files a student finds in `C:\codec\gcc-hw`, checked here against real gcc's behaviour.
fn build(name: &str) -> Program {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/host/seed");
    let src = fs::read_to_string(dir.join(name)).unwrap();
    let (p, warnings) = compile(
        &[SourceFile::new(name, &src)],
        &NoHeaders,
        &Options {
            wall: true,
            ..Options::default()
        },
    )
    .unwrap_or_else(|d| panic!("{}", render(&d, Style::Gcc12)));
    assert!(warnings.is_empty(), "{}", render(&warnings, Style::Gcc12));
    Program::from_bytes(&p.to_bytes()).unwrap()
}

fn net_file(name: &str) -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/cc/net")
            .join(name),
    )
    .unwrap()
}

/// Runs a server and a client on one network, taking turns, until the client ends.
fn echo_exchange(
    server_ip: [u8; 4],
    client_ip: [u8; 4],
    target: &str,
) -> (MemOs, MemOs, Machine, RunState) {
    let net = berth::cc::MemNet::new(1_795_856_400_000_000_000);
    let mut sos = net.host("server", server_ip);
    sos.set_stdin(b"", false);
    let mut cos = if client_ip == server_ip {
        sos.sibling()
    } else {
        net.host("client", client_ip)
    };
    cos.set_stdin(net_file("client.in").as_bytes(), true);
    let mut server = Machine::new(build("server.c"), &["./server".into()], &[]);
    let mut client = Machine::new(build("client.c"), &["./client".into(), target.into()], &[]);
    assert_eq!(
        server.run(1_000_000, &mut sos),
        RunState::Blocked,
        "server waits in accept"
    );
    let mut cstate = RunState::Yielded;
    for _ in 0..100 {
        cstate = client.run(100_000, &mut cos);
        let s = server.run(100_000, &mut sos);
        assert!(
            matches!(s, RunState::Blocked | RunState::Yielded),
            "server: {s:?}"
        );
        if matches!(cstate, RunState::Exited(_) | RunState::Signaled(_)) {
            break;
        }
    }
    (sos, cos, server, cstate)
}

#[test]
fn echo_server_and_client_on_loopback() {
    let (mut sos, cos, mut server, cstate) =
        echo_exchange([172, 17, 0, 2], [172, 17, 0, 2], "127.0.0.1");
    assert_eq!(cstate, RunState::Exited(0));
    assert_eq!(String::from_utf8_lossy(&cos.stdout), net_file("client.out"));
    assert_eq!(String::from_utf8_lossy(&sos.stdout), net_file("server.out"));
    // The server waits for the next client until Ctrl-C.
    assert_eq!(server.run(1_000_000, &mut sos), RunState::Blocked);
    sos.kill(2);
    assert_eq!(server.run(1_000_000, &mut sos), RunState::Signaled(2));
}

#[test]
fn echo_between_two_containers() {
    let (sos, cos, _, cstate) = echo_exchange([172, 17, 0, 2], [172, 17, 0, 3], "172.17.0.2");
    assert_eq!(cstate, RunState::Exited(0));
    assert_eq!(
        String::from_utf8_lossy(&cos.stdout),
        net_file("client.out").replace("127.0.0.1", "172.17.0.2")
    );
    assert_eq!(
        String::from_utf8_lossy(&sos.stdout),
        net_file("server.out").replace("127.0.0.1", "172.17.0.3")
    );
    // By host name, as on a user-defined network.
    let (_, cos, _, cstate) = echo_exchange([172, 18, 0, 2], [172, 18, 0, 3], "server");
    assert_eq!(cstate, RunState::Exited(0));
    assert!(String::from_utf8_lossy(&cos.stdout).starts_with("Connected to 172.18.0.2:8888\n"));
}

#[test]
fn client_without_server_is_refused() {
    let net = berth::cc::MemNet::new(0);
    let mut cos = net.host("client", [172, 17, 0, 3]);
    cos.set_stdin(b"hi\n", true);
    let mut client = Machine::new(
        build("client.c"),
        &["./client".into(), "172.17.0.3".into()],
        &[],
    );
    assert_eq!(client.run(1_000_000, &mut cos), RunState::Exited(1));
    assert_eq!(
        String::from_utf8_lossy(&cos.stderr),
        net_file("refused.err")
    );
}

#[test]
fn blocked_read_waits_for_typing_and_ctrl_c_stops_it() {
    let src = "#include <stdio.h>\nint main(void) { char b[64]; while (fgets(b, sizeof b, stdin)) printf(\"got %s\", b); return 0; }\n";
    let (p, _) = compile(
        &[SourceFile::new("r.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let mut m = Machine::new(p, &["./r".into()], &[]);
    let mut os = MemOs::with_stdin(b"");
    os.set_stdin(b"", false);
    assert_eq!(m.run(1_000_000, &mut os), RunState::Blocked);
    assert_eq!(m.run(1_000_000, &mut os), RunState::Blocked);
    os.type_input(b"abc\n");
    assert_eq!(m.run(1_000_000, &mut os), RunState::Blocked);
    os.kill(2);
    assert_eq!(m.run(1_000_000, &mut os), RunState::Signaled(2));
    // Killed by a signal: the unflushed output to a pipe is lost, as on Linux.
    assert_eq!(os.stdout, b"");
}

/// Compiler messages for the mistakes students make, against gcc 12's own (`NAME.gcc12`,
/// made with `LANG=C gcc FLAGS -c NAME.c`), and gcc 5's where written (`NAME.gcc5`).
#[test]
fn diagnostics_match_gcc() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cc/diag");
    let mut names: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    names.sort();
    let mut failures = Vec::new();
    for path in names {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = fs::read_to_string(&path).unwrap();
        let flags = fs::read_to_string(path.with_extension("flags")).unwrap_or_default();
        for (ext, style) in [("gcc12", Style::Gcc12), ("gcc5", Style::Gcc5)] {
            let Ok(want) = fs::read_to_string(path.with_extension(ext)) else {
                continue;
            };
            let opts = Options {
                style,
                wall: flags.contains("-Wall"),
                ..Options::default()
            };
            let diags =
                match berth::cc::compile_unit(&SourceFile::new(&name, &src), &NoHeaders, &opts) {
                    Ok((_, w)) => w,
                    Err(d) => d,
                };
            let got = render(&diags, style);
            if got != want {
                failures.push(format!("{name} ({ext})\n--- got\n{got}--- want\n{want}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
