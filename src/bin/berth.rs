//! `berth`: the engine on a real terminal. Interactive on a terminal; on a pipe or file it
//! runs one line at a time and prints what the page would show, exiting with the last
//! command's status.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use berth::collections::{SmallSort, SortedMap};
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

const USAGE: &str = "Usage: berth [--seed N] [--host windows|linux] [--host-dir DIR]

Runs a simulated Docker host. On a terminal, berth shows a prompt; with standard input
from a pipe or a file it runs each line and prints what the terminal would show. On a
pipe the clock starts at 2026-11-28 09:00:00 UTC and moves one second per line, so the
same lines always give the same bytes; a program that only waits for time (a pull, a
sleep) moves the clock to its next wake-up. A line `^C` presses Ctrl-C, `^D` Ctrl-D.

Options:
  --seed N                 fix every id and name the engine invents (default 0)
  --host windows|linux     the machine the student sits at (default windows)
  --host-dir DIR           map the simulated home folder (C:\\Users\\student on the
                           Windows host, /home/student on the Linux host) onto the real
                           folder DIR: its files appear there at start, and every file
                           the session writes (docker save -o x.tar, docker export c >
                           c.tar) is written back to DIR after each line. Deleting a
                           simulated file leaves the real one.
  -h, --help               show this help
";

fn main() -> ExitCode {
    let mut seed = 0u64;
    let mut host = HostKind::Windows;
    let mut host_dir: Option<PathBuf> = None;
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
            "--host-dir" => match value() {
                Some(d) if Path::new(&d).is_dir() => host_dir = Some(PathBuf::from(d)),
                Some(d) => return usage_error(&format!("--host-dir {d}: no such folder")),
                None => return usage_error("--host-dir needs a folder"),
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
    let mut mirror = match host_dir {
        Some(dir) => match Mirror::open(&engine, dir) {
            Ok(m) => Some(m),
            Err(e) => {
                eprintln!("berth: --host-dir: {e}");
                return ExitCode::from(1);
            }
        },
        None => None,
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
        if let Some(m) = &mut mirror {
            if let Err(e) = m.write_back(&engine) {
                eprintln!("berth: --host-dir: {e}");
            }
        }
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

/// `--host-dir`: the simulated home folder kept in step with a real folder. Files are
/// copied in at start; after each line, every simulated file whose bytes changed since the
/// last look is written to the real folder (its folders made as needed).
struct Mirror {
    /// The real folder.
    dir: PathBuf,
    /// Each simulated file (by its path under the home folder, `/`-separated) as last seen.
    seen: SortedMap<String, Vec<u8>>,
}

impl Mirror {
    /// Copies the real folder's files into the simulated home folder.
    fn open(engine: &Engine, dir: PathBuf) -> io::Result<Mirror> {
        let mut files = Vec::new();
        collect_real(&dir, "", &mut files)?;
        for (rel, is_dir) in files {
            let real = dir.join(&rel);
            let made = if is_dir {
                engine.make_host_dir(&rel)
            } else {
                engine.write_host_file(&rel, std::fs::read(&real)?)
            };
            made.map_err(|e| io::Error::other(format!("{}: {e}", real.display())))?;
        }
        let mut seen = SortedMap::default();
        collect_simulated(engine, "", &mut seen);
        Ok(Mirror { dir, seen })
    }

    /// Writes what changed in the simulated home folder since the last call.
    fn write_back(&mut self, engine: &Engine) -> io::Result<()> {
        let mut now = SortedMap::default();
        collect_simulated(engine, "", &mut now);
        for (rel, bytes) in &now {
            if self.seen.get(rel) == Some(bytes) {
                continue;
            }
            let real = self.dir.join(rel);
            if let Some(parent) = real.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(&real, bytes)?;
        }
        self.seen = now;
        Ok(())
    }
}

/// The real folder's entries under `rel`, folders before what they hold.
fn collect_real(root: &Path, rel: &str, out: &mut Vec<(String, bool)>) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(root.join(rel))?.collect::<Result<_, _>>()?;
    entries.small_sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        let child = if rel.is_empty() {
            name
        } else {
            format!("{rel}/{name}")
        };
        if e.file_type()?.is_dir() {
            out.push((child.clone(), true));
            collect_real(root, &child, out)?;
        } else {
            out.push((child, false));
        }
    }
    Ok(())
}

/// Every simulated file under the home folder's `rel`, with its bytes.
fn collect_simulated(engine: &Engine, rel: &str, out: &mut SortedMap<String, Vec<u8>>) {
    let typed = if rel.is_empty() { "." } else { rel };
    for e in engine.host_dir(typed).unwrap_or_default() {
        let child = if rel.is_empty() {
            e.name
        } else {
            format!("{rel}/{}", e.name)
        };
        if e.dir {
            collect_simulated(engine, &child, out);
        } else if let Some(bytes) = engine.host_file(&child) {
            out.insert(child, bytes);
        }
    }
}
