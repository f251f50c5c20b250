//! `berth`: the engine on a real terminal. Interactive on a terminal; on a pipe or file it
//! runs one line at a time and prints what the page would show, exiting with the last
//! command's status.

use std::io::{self, BufRead, IsTerminal, Write};
use std::process::ExitCode;

use berth::ports::{Clock, Nanos, SECOND};
use berth::{Engine, HostKind, ManualClock, Output, Stream};

/// The real time, for interactive use (a person at a terminal lives in real time).
struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)] // reason: the native front end owns the real clock
    fn now(&self) -> Nanos {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
            .unwrap_or(0)
    }
}

const USAGE: &str = "Usage: berth [--seed N] [--host windows|linux]

Runs a simulated Docker host. On a terminal, berth shows a prompt; with standard input
from a pipe or a file it runs each line and prints what the terminal would show. On a
pipe the clock starts at 2026-11-28 09:00:00 UTC and moves one second per line, so the
same lines always give the same bytes; a program that only waits for time (a pull, a
sleep) moves the clock to its next wake-up. A line `^C` presses Ctrl-C, `^D` Ctrl-D.

Options:
  --seed N                 fix every id and name the engine invents (default 0)
  --host windows|linux     the machine the student sits at (default windows)
  -h, --help               show this help
";

fn main() -> ExitCode {
    let mut seed = 0u64;
    let mut host = HostKind::Windows;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (name, inline) = match arg.split_once('=') {
            Some((n, v)) => (n.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        let mut value = || inline.clone().or_else(|| args.next());
        match name.as_str() {
            "--seed" => match value().and_then(|v| v.parse().ok()) {
                Some(s) => seed = s,
                None => return usage_error("--seed needs a number"),
            },
            "--host" => match value().as_deref().and_then(HostKind::parse) {
                Some(h) => host = h,
                None => return usage_error("--host needs windows or linux"),
            },
            "-h" | "--help" => {
                print!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => return usage_error(&format!("unknown option {other}")),
        }
    }
    let stdin = io::stdin();
    let interactive = stdin.is_terminal();
    // On a pipe the clock is manual and moves one second per line, so the same script
    // gives the same bytes; on a terminal it is the real clock.
    let manual = ManualClock::default();
    let builder = Engine::builder().host(host).seed(seed);
    let engine = if interactive {
        builder.clock(Box::new(SystemClock)).build()
    } else {
        builder.clock(Box::new(manual.clone())).build()
    };
    let mut session = engine.session();
    let mut status = 0;
    let mut lines = stdin.lock().lines();
    loop {
        if interactive {
            print!("{}", session.prompt());
            let _ = io::stdout().flush();
        }
        let Some(Ok(line)) = lines.next() else { break };
        manual.advance(SECOND);
        let mut out = match line.as_str() {
            "^C" if !interactive => session.interrupt(),
            "^D" if !interactive => session.eof(),
            _ => session.run_line(&line),
        };
        if !interactive {
            out.append(session.settle(&manual));
            if let Some(prompt) = session.waiting_prompt() {
                out.out(prompt);
            }
        }
        show(&out);
        status = out.status.unwrap_or(status);
        // On a terminal, a running program (a pull, a sleep) goes on in real time.
        while interactive && session.is_busy() {
            std::thread::sleep(std::time::Duration::from_millis(50));
            let out = session.poll();
            show(&out);
            status = out.status.unwrap_or(status);
        }
    }
    if interactive {
        println!();
    }
    ExitCode::from(u8::try_from(status & 0xff).unwrap_or(1))
}

/// Writes each chunk to the stream it belongs to, in order. When the real output is not a
/// terminal, each run of text is first drawn on a screen model, so a file gets what the
/// page shows (progress redrawn in place, colours removed) rather than escape sequences.
fn show(out: &Output) {
    let stdout = io::stdout();
    let stderr = io::stderr();
    let on_terminal = stdout.is_terminal();
    for chunk in &out.chunks {
        let drawn;
        let text = if on_terminal {
            &chunk.text
        } else {
            let mut screen = berth::screen::Screen::new();
            screen.write(&chunk.text);
            drawn = screen.text();
            &drawn
        };
        let _ = match chunk.stream {
            Stream::Stdout => {
                let mut o = stdout.lock();
                o.write_all(text.as_bytes()).and_then(|()| o.flush())
            }
            Stream::Stderr => {
                let mut e = stderr.lock();
                e.write_all(text.as_bytes()).and_then(|()| e.flush())
            }
        };
    }
    for event in &out.events {
        if *event == berth::Event::Clear && io::stdout().is_terminal() {
            print!("\x1b[H\x1b[2J");
        }
    }
}

fn usage_error(msg: &str) -> ExitCode {
    eprint!("berth: {msg}\n\n{USAGE}");
    ExitCode::from(2)
}
