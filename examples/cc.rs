//! Compiles C files with Berth's compiler and runs the program on the in-memory world:
//! `cargo run --example cc -- [--gcc12] [-Wall] FILE.c... [-- ARGS...] < input`.
//! Prints the program's output, then its exit status as a shell would.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a developer tool stops loudly on bad input

use std::io::{Read, Write};

use berth::cc::{compile, render, Machine, MemOs, NoHeaders, Options, RunState, SourceFile, Style};

fn main() {
    let mut opts = Options::default();
    let mut files = Vec::new();
    let mut args = vec!["./a.out".to_owned()];
    let mut rest = false;
    for a in std::env::args().skip(1) {
        match a.as_str() {
            _ if rest => args.push(a),
            "--" => rest = true,
            "--gcc12" => opts.style = Style::Gcc12,
            "-Wall" => opts.wall = true,
            _ => files.push(SourceFile::new(
                &a,
                &std::fs::read_to_string(&a).expect("read source"),
            )),
        }
    }
    let (program, warnings) = match compile(&files, &NoHeaders, &opts) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", render(&d, opts.style));
            std::process::exit(1);
        }
    };
    eprint!("{}", render(&warnings, opts.style));
    let mut input = Vec::new();
    std::io::stdin().read_to_end(&mut input).expect("stdin");
    let mut os = MemOs::with_stdin(&input);
    let mut m = Machine::new(program, &args, &["PATH=/usr/bin".into()]);
    let mut state = RunState::Yielded;
    while state == RunState::Yielded {
        state = m.run(10_000_000, &mut os);
    }
    std::io::stdout().write_all(&os.stdout).expect("stdout");
    std::io::stderr().write_all(&os.stderr).expect("stderr");
    if let Some(msg) = state.shell_message() {
        eprintln!("{msg}");
    }
    std::process::exit(state.status().unwrap_or(1));
}
