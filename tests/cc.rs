//! The C corpus: each `tests/cc/corpus/NAME.c` is compiled and run, with `NAME.in` as its
//! standard input; its output and exit status must equal what the real gcc's binary gave
//! (`NAME.out`, `NAME.status`, made by `tests/cc/regen.sh`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly

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
