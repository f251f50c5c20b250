//! Runs every transcript in tests/scenarios/*.md through the engine and compares.
//!
//! A transcript is Markdown. Inside ```console blocks, a line starting with `$ ` is typed at
//! the terminal; the lines after it, up to the next `$ ` line or the block's end, are what the
//! terminal must show (both streams interleaved, ANSI colour removed, cursor movements
//! applied as a terminal applies them). Expected lines may use:
//! - `[..]` inside a line: any run of characters (only where docker itself varies);
//! - a line `...`: any number of lines;
//! - a `2> ` prefix: this line went to standard error. When any line of an output has the
//!   prefix, every line's stream is checked (unprefixed lines must be standard output) and
//!   the raw lines are compared, without cursor movements;
//! - a last line `[exit N]`: the exit status; without it the status must be 0 (a command
//!   that still holds the terminal, waiting for a line, has no status yet).
//!
//! When a program holds the terminal and waits for a line, its prompt ends the output
//! (`Are you sure you want to continue? [y/N] `, `root@3f4e5a6b7c8d:/# `), as on a pipe.
//! A line `$ ^C` presses Ctrl-C, `$ ^D` presses Ctrl-D. While a program holds the terminal
//! and only waits for time, the clock jumps ahead (`Session::settle`).
//! A comment `<!-- berth: host=linux seed=7 -->` before the first block sets the engine.
//! Each file is one engine; the clock moves one second before each line, as `berth` does on
//! a pipe. A job that holds the terminal without reading (a server waiting for clients) has
//! no status yet either; `$ ^C` interrupts whatever job holds the terminal.
//!
//! Several terminals: a comment `<!-- terminal 2 -->` outside the blocks makes the blocks
//! after it typed in terminal 2 (a second `Session` of the same `Engine`), until another such
//! comment; the file starts in terminal 1. What a terminal receives while another one is
//! typed at (a server's log line) is shown by lines at the top of a block, before its first
//! `$ ` line: that is what the terminal showed meanwhile. Output a terminal received and no
//! block showed comes before the output of its next line.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use std::fs;
use std::path::Path;

use berth::{Engine, HostKind, ManualClock, Output, Stream};

struct Step {
    /// The terminal (1, 2, …) typed at.
    term: usize,
    /// The typed line; `None` for a look at what the terminal showed meanwhile.
    line: Option<String>,
    at: usize,
    expected: Vec<String>,
    status: i32,
}

struct Scenario {
    host: HostKind,
    seed: u64,
    steps: Vec<Step>,
}

fn parse(text: &str) -> Scenario {
    let mut sc = Scenario {
        host: HostKind::Windows,
        seed: 0,
        steps: Vec::new(),
    };
    let mut in_block = false;
    let mut term = 1;
    for (n, raw) in text.lines().enumerate() {
        let lineno = n + 1;
        if !in_block {
            if let Some(t) = raw.trim().strip_prefix("<!-- terminal ") {
                term = t
                    .trim_end_matches("-->")
                    .trim()
                    .parse()
                    .unwrap_or_else(|_| panic!("line {lineno}: bad terminal number"));
                assert!(term >= 1, "line {lineno}: terminals count from 1");
            }
            if let Some(opts) = raw.trim().strip_prefix("<!-- berth:") {
                for opt in opts.trim_end_matches("-->").split_whitespace() {
                    match opt.split_once('=') {
                        Some(("host", h)) => sc.host = HostKind::parse(h).expect("host"),
                        Some(("seed", s)) => sc.seed = s.parse().expect("seed"),
                        _ => panic!("line {lineno}: unknown option {opt}"),
                    }
                }
            }
            if raw.trim_end() == "```console" {
                in_block = true;
                // Lines before the block's first `$ ` are a look at the terminal.
                sc.steps.push(Step {
                    term,
                    line: None,
                    at: lineno + 1,
                    expected: Vec::new(),
                    status: 0,
                });
            }
            continue;
        }
        if raw.trim_end() == "```" {
            in_block = false;
            continue;
        }
        if let Some(cmd) = raw.strip_prefix("$ ") {
            if sc
                .steps
                .last()
                .is_some_and(|s| s.line.is_none() && s.expected.is_empty())
            {
                sc.steps.pop();
            }
            sc.steps.push(Step {
                term,
                line: Some(cmd.to_owned()),
                at: lineno,
                expected: Vec::new(),
                status: 0,
            });
            continue;
        }
        let step = sc.steps.last_mut().expect("a block starts with a step");
        if let Some(code) = raw.strip_prefix("[exit ").and_then(|r| r.strip_suffix(']')) {
            step.status = code
                .parse()
                .unwrap_or_else(|_| panic!("line {lineno}: bad exit status"));
        } else {
            step.expected.push(raw.to_owned());
        }
    }
    assert!(!in_block, "unclosed ```console block");
    sc.steps
        .retain(|s| s.line.is_some() || !s.expected.is_empty());
    sc
}

/// Removes ANSI escape sequences (CSI … final byte), as a terminal shows text.
fn strip_ansi(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if ('@'..='~').contains(&d) {
                    break;
                }
            }
            continue;
        }
        out.push(c);
    }
    out
}

/// Actual output as (is_stderr, line) pairs.
fn actual_lines(out: &Output) -> Vec<(bool, String)> {
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_err = false;
    for chunk in &out.chunks {
        let is_err = chunk.stream == Stream::Stderr;
        for c in strip_ansi(&chunk.text).chars() {
            if c == '\n' {
                lines.push((current_err || is_err, std::mem::take(&mut current)));
                current_err = false;
            } else {
                if current.is_empty() {
                    current_err = is_err;
                }
                current.push(c);
            }
        }
    }
    if !current.is_empty() {
        lines.push((current_err, current));
    }
    lines
}

/// What the terminal shows, cursor movements applied (docker redraws progress in place).
fn screen_lines(out: &Output) -> Vec<(bool, String)> {
    let mut screen = berth::screen::Screen::new();
    screen.write(&out.text());
    screen
        .text()
        .lines()
        .map(|l| (false, l.to_owned()))
        .collect()
}

/// Whether `line` matches `pattern` with `[..]` wildcards.
fn line_matches(pattern: &str, line: &str) -> bool {
    let parts: Vec<&str> = pattern.split("[..]").collect();
    if parts.len() == 1 {
        return pattern == line;
    }
    let mut rest = line;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(pos) => rest = &rest[pos + part.len()..],
                None => return false,
            }
        }
    }
    true
}

/// Whether the actual lines match the expected ones (`...` = any lines), checking streams
/// when `streams` is set.
fn lines_match(expected: &[(bool, String)], actual: &[(bool, String)], streams: bool) -> bool {
    match expected.first() {
        None => actual.is_empty(),
        Some((_, e)) if e == "..." => {
            (0..=actual.len()).any(|skip| lines_match(&expected[1..], &actual[skip..], streams))
        }
        Some((err, e)) => match actual.first() {
            Some((aerr, a)) => {
                line_matches(e, a)
                    && (!streams || err == aerr)
                    && lines_match(&expected[1..], &actual[1..], streams)
            }
            None => false,
        },
    }
}

fn render(lines: &[(bool, String)]) -> String {
    lines
        .iter()
        .map(|(err, l)| {
            if *err {
                format!("2> {l}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect()
}

fn run_file(path: &Path) -> Result<usize, String> {
    let text = fs::read_to_string(path).map_err(|e| e.to_string())?;
    let sc = parse(&text);
    let clock = ManualClock::default();
    let engine = Engine::builder()
        .host(sc.host)
        .seed(sc.seed)
        .clock(Box::new(clock.clone()))
        .build();
    let mut sessions = Vec::new();
    // What each terminal received and no step has shown yet.
    let mut pending: Vec<Output> = Vec::new();
    let mut failures = String::new();
    for step in &sc.steps {
        while sessions.len() < step.term {
            sessions.push(engine.session());
            pending.push(Output::default());
        }
        let t = step.term - 1;
        let mut out = std::mem::take(&mut pending[t]);
        let session = &mut sessions[t];
        match step.line.as_deref() {
            None => {
                out.append(session.poll());
                if let Some(prompt) = session.waiting_prompt() {
                    if !out.chunks.is_empty() {
                        out.out(prompt);
                    }
                }
            }
            Some(line) => {
                clock.advance(berth::ports::SECOND);
                out.status = None;
                out.append(match line {
                    "^C" => session.interrupt(),
                    "^D" => session.eof(),
                    line => session.run_line(line),
                });
                out.append(session.settle(&clock));
                if let Some(prompt) = session.waiting_prompt() {
                    out.out(prompt);
                }
            }
        }
        for (i, other) in sessions.iter_mut().enumerate() {
            if i != t {
                pending[i].append(other.poll());
            }
        }
        let session = &sessions[t];
        let streams = step.expected.iter().any(|l| l.starts_with("2> "));
        let actual = if streams {
            actual_lines(&out)
        } else {
            screen_lines(&out)
        };
        let expected: Vec<(bool, String)> = step
            .expected
            .iter()
            .map(|l| match l.strip_prefix("2> ") {
                Some(rest) => (true, rest.to_owned()),
                None => (false, l.clone()),
            })
            .collect();
        // A command still holding the terminal (waiting for a line, or running without
        // reading) has no status yet; a look has none to check.
        let status = match out.status {
            _ if step.line.is_none() => step.status,
            Some(code) => code,
            None if session.waiting_prompt().is_some() || session.is_busy() => step.status,
            None => -1,
        };
        if !lines_match(&expected, &actual, streams) || status != step.status {
            failures.push_str(&format!(
                "\n{}:{}: [terminal {}] $ {}\n--- expected (exit {}):\n{}--- actual (exit {}):\n{}",
                path.display(),
                step.at,
                step.term,
                step.line
                    .as_deref()
                    .unwrap_or("(what the terminal showed meanwhile)"),
                step.status,
                render(&expected),
                status,
                render(&actual),
            ));
        }
    }
    if failures.is_empty() {
        Ok(sc.steps.len())
    } else {
        Err(failures)
    }
}

#[test]
fn scenarios() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("tests/scenarios")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no scenarios found");
    let filter = std::env::var("SCENARIO").unwrap_or_default();
    let mut failed = String::new();
    let mut steps = 0;
    for f in files
        .iter()
        .filter(|f| f.to_string_lossy().contains(&filter))
    {
        match run_file(f) {
            Ok(n) => steps += n,
            Err(e) => failed.push_str(&e),
        }
    }
    assert!(failed.is_empty(), "scenario failures:{failed}");
    assert!(steps > 0, "no steps ran");
}

#[test]
fn matcher_rules() {
    let l = |s: &str| (false, s.to_owned());
    assert!(line_matches("Up [..] ago", "Up 3 seconds ago"));
    assert!(!line_matches("Up [..] ago", "Up 3 seconds"));
    assert!(line_matches("[..]", ""));
    assert!(lines_match(
        &[l("a"), l("..."), l("d")],
        &[l("a"), l("b"), l("c"), l("d")],
        false
    ));
    assert!(!lines_match(&[l("a"), l("...")], &[l("b")], false));
    assert!(!lines_match(&[(true, "x".into())], &[l("x")], true));
    assert!(lines_match(&[(true, "x".into())], &[l("x")], false));
    assert_eq!(strip_ansi("\x1b[31;1mred\x1b[0m"), "red");
}
