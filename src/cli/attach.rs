//! `docker attach` (= `docker container attach`): attach the terminal to a running
//! container's main process. A `-t` container's terminal becomes this one (typed lines go
//! to it, Ctrl-C is a keystroke for it, the detach keys leave it running); without `-t`
//! the process's output follows, and Ctrl-C is sent to it as SIGINT unless
//! `--sig-proxy=false`. The client ends with the container's exit status.

use std::rc::Rc;

use super::command::{Args, Command};
use super::flags::{Flag, Parsed};
use super::{Ctx, Handles, Job, JobIo};
use crate::kernel::terminal::Tty;
use crate::kernel::{signal, yield_now, Input};
use crate::output::Stream;

/// `docker attach`.
pub const CMD: Command = Command {
    name: "attach",
    usage: "[OPTIONS] CONTAINER",
    short: "Attach local standard input, output, and error streams to a running container",
    aliases_help: "docker container attach, docker attach",
    flags: &[
        Flag::string(
            "detach-keys",
            None,
            "Override the key sequence for detaching a container",
        ),
        Flag::bool("no-stdin", None, "Do not attach STDIN"),
        Flag::bool(
            "sig-proxy",
            None,
            "Proxy all received signals to the process",
        )
        .default("true"),
    ],
    args: Args::Exact(1),
    run: Some(run),
    ..Command::LEAF
};

/// What one attached client does.
struct Attach {
    id: String,
    /// Typed lines go to the container.
    stdin: bool,
    /// Ctrl-C becomes SIGINT for a container without a terminal.
    sig_proxy: bool,
    /// The bytes that detach (`ctrl-p,ctrl-q`).
    detach: Vec<u8>,
    /// The container's own terminal, when it has one.
    tty: Option<Tty>,
}

/// Parses docker's `--detach-keys` (`ctrl-p,ctrl-q`, `a`, `ctrl-@`…) into bytes.
pub fn detach_keys(spec: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for key in spec.split(',') {
        let k = key.to_ascii_lowercase();
        if let Some(c) = k.strip_prefix("ctrl-") {
            let b = match c.as_bytes() {
                [b @ b'a'..=b'z'] => b - b'a' + 1,
                [b'@'] => 0,
                [b'['] => 27,
                [b'\\'] => 28,
                [b']'] => 29,
                [b'^'] => 30,
                [b'_'] => 31,
                _ => return Err(format!("Unknown character: '{c}'")),
            };
            out.push(b);
        } else if key.len() == 1 {
            out.push(key.as_bytes()[0]);
        } else {
            return Err(format!("Unknown character: '{key}'"));
        }
    }
    Ok(out)
}

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let target = &p.args[0];
    ctx.api("GET", &format!("/containers/{target}/json"));
    let c = match ctx.world.daemon.containers.lookup(target) {
        Ok(c) => c,
        Err(e) => {
            ctx.out.err(format!("Error response from daemon: {e}\n"));
            return 1;
        }
    };
    use crate::daemon::state::ContainerState;
    let refusal = match c.state {
        ContainerState::Running { .. } => None,
        ContainerState::Paused { .. } => {
            Some("You cannot attach to a paused container, unpause it first")
        }
        ContainerState::Restarting { .. } => {
            Some("You cannot attach to a restarting container, wait until it is running")
        }
        _ => Some("You cannot attach to a stopped container, start it first"),
    };
    if let Some(r) = refusal {
        ctx.out.err(format!("{r}\n"));
        return 1;
    }
    let detach = match detach_keys(p.last("detach-keys").unwrap_or("ctrl-p,ctrl-q")) {
        Ok(d) => d,
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    let stdin = c.config.open_stdin && !p.bool("no-stdin");
    if stdin && c.config.tty && !ctx.stdout_tty {
        ctx.out.err("the input device is not a TTY\n");
        return 1;
    }
    let a = Attach {
        id: c.id.clone(),
        stdin,
        sig_proxy: p.last("sig-proxy") != Some("false"),
        detach,
        tty: c.config.tty.then(|| c.tty.clone()).flatten(),
    };
    ctx.api("POST", &format!("/containers/{target}/attach"));
    let now = ctx.world.now();
    ctx.world.daemon.emit_container(now, "attach", &a.id, &[]);
    let handles = ctx.handles.clone();
    let forwards = a.tty.is_some() || a.sig_proxy;
    let mut job = Job::new(move |io: JobIo| Box::pin(async move { follow(&handles, a, io).await }));
    job.forwards_interrupt = forwards;
    ctx.spawn_job(job);
    0
}

/// The client: follows the container, then leaves the terminal without a pending read.
async fn follow(handles: &Handles, a: Attach, io: JobIo) -> i32 {
    let session = match &io.stdin {
        Input::Tty(t) => Some(Rc::clone(t)),
        _ => None,
    };
    let code = follow_until_done(handles, &a, &io, session.as_ref()).await;
    if let Some(s) = &session {
        s.borrow_mut().cancel_read();
    }
    code
}

/// The client's loop: output out, input in, until the container stops or the user detaches.
async fn follow_until_done(
    handles: &Handles,
    a: &Attach,
    io: &JobIo,
    session: Option<&Tty>,
) -> i32 {
    let mut cursor = handles
        .world
        .borrow()
        .daemon
        .containers
        .get(&a.id)
        .map_or(0, |c| c.log.borrow().len());
    loop {
        let (entries, done) = {
            let world = handles.world.borrow();
            match world.daemon.containers.get(&a.id) {
                Some(c) => {
                    let log = c.log.borrow();
                    let entries: Vec<_> = log.since(cursor).to_vec();
                    cursor = log.len();
                    let done = (!c.state.is_running()).then(|| c.state.exit_code());
                    (entries, done)
                }
                None => (
                    Vec::new(),
                    Some(world.daemon.removed_exits.get(&a.id).copied().unwrap_or(0)),
                ),
            }
        };
        for e in entries.iter().filter(|e| !e.echo) {
            let sink = if e.stream == Stream::Stderr {
                &io.stderr
            } else {
                &io.stdout
            };
            sink.write_all(e.text.as_bytes()).await;
        }
        if let Some(code) = done {
            return code;
        }
        if let Some(s) = session {
            let interrupted = s.borrow_mut().take_interrupt();
            if interrupted {
                match &a.tty {
                    Some(t) => t.borrow_mut().interrupt(),
                    None => {
                        let world = handles.world.borrow();
                        world.daemon.signal(&handles.kernel, &a.id, signal::SIGINT);
                    }
                }
            }
            if a.stdin {
                let prompt = a
                    .tty
                    .as_ref()
                    .and_then(|t| t.borrow().waiting_prompt().map(str::to_owned))
                    .unwrap_or_default();
                let line = s.borrow_mut().read_line(&prompt);
                match line {
                    Some(Some(line))
                        if !a.detach.is_empty() && contains(line.as_bytes(), &a.detach) =>
                    {
                        // The detach keys: the client leaves, the container runs on.
                        return 0;
                    }
                    Some(Some(line)) => send(handles, a, &line),
                    Some(None) => {
                        if let Some(t) = &a.tty {
                            t.borrow_mut().type_eof();
                        } else {
                            // End of input: the container's standard input closes.
                            let mut world = handles.world.borrow_mut();
                            if let Some(c) = world.daemon.containers.get_mut(&a.id) {
                                c.stdin = None;
                            }
                        }
                    }
                    None => {}
                }
            }
        }
        yield_now().await;
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// A typed line for the container: to its terminal, or to its standard input.
fn send(handles: &Handles, a: &Attach, line: &str) {
    match &a.tty {
        Some(t) => t.borrow_mut().type_line(line.trim_end_matches('\n')),
        None => {
            let world = handles.world.borrow();
            if let Some(w) = world
                .daemon
                .containers
                .get(&a.id)
                .and_then(|c| c.stdin.as_ref())
            {
                let _ = w.write(line.as_bytes());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detach_keys_like_docker() {
        assert_eq!(detach_keys("ctrl-p,ctrl-q"), Ok(vec![16, 17]));
        assert_eq!(detach_keys("ctrl-a,x"), Ok(vec![1, b'x']));
        assert_eq!(detach_keys("ctrl-@"), Ok(vec![0]));
        assert_eq!(
            detach_keys("ctrl-1"),
            Err("Unknown character: '1'".to_owned())
        );
    }
}
