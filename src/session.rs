//! A terminal attached to an engine: the host prompt, and (later) the shells of containers
//! it enters. A line in, an [`Output`] out.

use std::cell::RefCell;
use std::rc::Rc;

use crate::cli::{self, Flow, Handles, JobIo};
use crate::fs::Fs;
use crate::host::split::{self, Dialect, SplitError, Token};
use crate::host::HostKind;
use crate::kernel::terminal::{Terminal, Tty};
use crate::kernel::{Input, Kernel, Sink, TaskId};
use crate::output::{Event, Output, Stream};
use crate::ports::ManualClock;
use crate::world::World;

/// One terminal on an engine. Several sessions may share one engine; what one does, the
/// others see at once.
pub struct Session {
    world: Rc<RefCell<World>>,
    kernel: Rc<RefCell<Kernel>>,
    tty: Tty,
    foreground: Option<Foreground>,
    /// The current directory, a path on the host's disk (see `host::paths`).
    cwd: String,
    last_status: i32,
    /// The bytes of a `< FILE` for the next docker command.
    stdin: Option<Vec<u8>>,
    /// The line being run, for the host shell's parse errors.
    line: String,
    /// What the command inside a `$( )` printed, until the line takes it in.
    captured: Option<Vec<u8>>,
}

/// A job holding the terminal, and what remains of the line that started it.
struct Foreground {
    task: TaskId,
    rest: Vec<Token>,
    forwards_interrupt: bool,
    /// Where the job's stdout goes when the line redirected it (`docker logs c > out.txt`).
    redirect: Option<(Redirect, Rc<RefCell<Vec<u8>>>)>,
}

/// A host shell's `> FILE` or `>> FILE` on a command.
#[derive(Clone, Debug)]
struct Redirect {
    /// The file as typed.
    target: String,
    /// `>>`: append instead of replace.
    append: bool,
    /// Not a file: a `$( )`'s command, whose output the line takes in (`Session::captured`).
    capture: bool,
}

/// How far a line got.
enum Ran {
    /// Every statement ran; the last status.
    Done(i32),
    /// A job took the terminal; the rest of the line waits for it.
    Suspended,
}

impl Session {
    pub(crate) fn new(world: Rc<RefCell<World>>, kernel: Rc<RefCell<Kernel>>) -> Session {
        let cwd = world.borrow().host.home_disk().to_owned();
        Session {
            world,
            kernel,
            tty: Terminal::new_shared(),
            foreground: None,
            cwd,
            last_status: 0,
            stdin: None,
            line: String::new(),
            captured: None,
        }
    }

    /// The prompt the terminal shows before the next line: the host's, or that of the
    /// program holding the terminal (`root@3f4e5a6b7c8d:/# `, `mysql> `), or empty while a
    /// program runs without reading.
    pub fn prompt(&self) -> String {
        if self.foreground.is_some() {
            return self.tty.borrow().waiting_prompt().unwrap_or("").to_owned();
        }
        let w = self.world.borrow();
        w.host.prompt(&w.host.display_path(&self.cwd))
    }

    /// The prompt of a program that holds the terminal and waits for a line (`[y/N] `,
    /// `root@3f4e5a6b7c8d:/# `, `mysql> `); `None` at the host prompt or while it runs.
    /// Front ends without an input line of their own (a script, a transcript) print it.
    pub fn waiting_prompt(&self) -> Option<String> {
        self.foreground.as_ref()?;
        self.tty.borrow().waiting_prompt().map(str::to_owned)
    }

    /// Whether a program holds the terminal and is not waiting for a line.
    pub fn is_busy(&self) -> bool {
        self.foreground.is_some() && self.tty.borrow().waiting_prompt().is_none()
    }

    /// Sets the terminal's width in columns (docker draws progress bars only when it is
    /// wider than 110).
    pub fn set_columns(&mut self, columns: usize) {
        self.tty.borrow_mut().set_columns(columns);
    }

    /// The exit status of the last command (`$?`, `$LASTEXITCODE`).
    pub fn last_status(&self) -> i32 {
        self.last_status
    }

    /// Runs one line typed at the terminal: at the host prompt, or as input to the program
    /// that holds the terminal. `status` is set when the line's commands have finished.
    pub fn run_line(&mut self, line: &str) -> Output {
        let before = self.prompt();
        let mut out = Output::default();
        if self.foreground.is_some() {
            self.tty.borrow_mut().type_line(line);
        } else {
            line.clone_into(&mut self.line);
            let status = match self.tokens(line, &mut out) {
                Ok(tokens) => self.run_tokens(tokens, &mut out),
                Err(code) => Ran::Done(code),
            };
            if let Ran::Done(code) = status {
                self.last_status = code;
                out.status = Some(code);
            }
        }
        self.advance(&mut out);
        let after = self.prompt();
        if after != before {
            out.events.push(Event::Prompt(after));
        }
        out
    }

    /// Ctrl-C: interrupts the program holding the terminal.
    pub fn interrupt(&mut self) -> Output {
        let mut out = Output::default();
        if let Some(fg) = &self.foreground {
            if fg.forwards_interrupt {
                self.tty.borrow_mut().interrupt();
            } else {
                self.kernel.borrow_mut().cancel(fg.task, 130);
            }
            self.advance(&mut out);
        }
        out
    }

    /// Ctrl-D: end of input for the program holding the terminal.
    pub fn eof(&mut self) -> Output {
        let mut out = Output::default();
        if self.foreground.is_some() {
            self.tty.borrow_mut().type_eof();
            self.advance(&mut out);
        }
        out
    }

    /// Lets time pass: runs what is due and returns what this terminal got meanwhile
    /// (streamed logs, progress, a job that finished).
    pub fn poll(&mut self) -> Output {
        let mut out = Output::default();
        let before = self.prompt();
        self.advance(&mut out);
        let after = self.prompt();
        if after != before {
            out.events.push(Event::Prompt(after));
        }
        out
    }

    /// For scripts on a manual clock: while the program holding the terminal only waits
    /// for time, moves the clock to its next wake-up. Returns what the terminal got.
    pub fn settle(&mut self, clock: &ManualClock) -> Output {
        let mut out = Output::default();
        for _ in 0..10_000 {
            self.advance(&mut out);
            if self.foreground.is_none() || self.tty.borrow().waiting_prompt().is_some() {
                break;
            }
            match self.kernel.borrow().next_deadline() {
                Some(at) => clock.advance_to(at),
                None => break,
            }
        }
        out
    }

    /// Runs the scheduler, collects this terminal's output, and resumes the line when the
    /// foreground job has finished.
    fn advance(&mut self, out: &mut Output) {
        for _ in 0..64 {
            crate::pump(&self.world, &self.kernel);
            out.append(self.tty.borrow_mut().take_output());
            let Some(fg) = &self.foreground else { return };
            let Some(code) = self.kernel.borrow_mut().take_finished(fg.task) else {
                return;
            };
            let (rest, redirect) = self
                .foreground
                .take()
                .map(|f| (f.rest, f.redirect))
                .unwrap_or_default();
            if let Some((r, buf)) = redirect {
                if r.capture {
                    self.captured = Some(buf.borrow().clone());
                } else {
                    let text = String::from_utf8_lossy(&buf.borrow()).into_owned();
                    self.write_redirect(&r, &text, out);
                }
            }
            self.last_status = code;
            match self.continue_line(rest, code, out) {
                Ran::Done(code) => {
                    self.last_status = code;
                    out.status = Some(code);
                    return;
                }
                Ran::Suspended => {}
            }
        }
    }

    fn tokens(&self, line: &str, out: &mut Output) -> Result<Vec<Token>, i32> {
        let w = self.world.borrow();
        let (kind, dialect) = (w.host.kind, w.host.dialect());
        let last = self.last_status;
        let vars = |name: &str| -> Option<String> {
            match name {
                "?" => Some(last.to_string()),
                "LASTEXITCODE" if dialect == Dialect::PowerShell => Some(last.to_string()),
                _ => w.host.var(name),
            }
        };
        split::split(line, dialect, &vars).map_err(|e| parse_error(kind, line, &e, out))
    }

    /// Runs statements separated by `;`, `&&` and `||`.
    fn run_tokens(&mut self, tokens: Vec<Token>, out: &mut Output) -> Ran {
        self.continue_line(tokens, self.last_status, out)
    }

    fn continue_line(&mut self, tokens: Vec<Token>, mut status: i32, out: &mut Output) -> Ran {
        let mut words: Vec<String> = Vec::new();
        let mut redirect: Option<Redirect> = None;
        let mut skip = false;
        let mut iter = tokens.into_iter();
        loop {
            let tok = iter.next();
            if let Some(Token::Op(op @ (">" | ">>"))) = tok {
                match iter.next() {
                    Some(Token::Word(target)) => {
                        redirect = Some(Redirect {
                            target,
                            append: op == ">>",
                            capture: false,
                        });
                        continue;
                    }
                    _ => {
                        let kind = self.world.borrow().host.kind;
                        out.err(match kind {
                            HostKind::Windows => "\x1b[31;1mParserError: Missing file specification after redirection operator.\x1b[0m\n",
                            HostKind::Linux => "bash: syntax error near unexpected token `newline'\n",
                        });
                        return Ran::Done(if kind == HostKind::Windows { 1 } else { 2 });
                    }
                }
            }
            if let Some(Token::Op("<")) = tok {
                let target = match iter.next() {
                    Some(Token::Word(t)) => Some(t),
                    _ => None,
                };
                match self.input_redirect(target.as_deref(), out) {
                    Ok(bytes) => {
                        self.stdin = Some(bytes);
                        continue;
                    }
                    Err(code) => {
                        self.stdin = None;
                        return Ran::Done(code);
                    }
                }
            }
            let ends = matches!(
                tok,
                None | Some(Token::Semi) | Some(Token::Op("&&")) | Some(Token::Op("||"))
            );
            match tok {
                Some(Token::Word(w)) => {
                    words.push(w);
                    continue;
                }
                Some(Token::Subst { line, quoted }) if !skip => {
                    match self.substitute(&line, out) {
                        Ok(true) => words.extend(self.take_captured(quoted)),
                        Ok(false) => {
                            // The command inside is a job: the line resumes with its output.
                            let mut rest: Vec<Token> = words.drain(..).map(Token::Word).collect();
                            if let Some(r) = redirect.take() {
                                rest.push(Token::Op(if r.append { ">>" } else { ">" }));
                                rest.push(Token::Word(r.target));
                            }
                            rest.push(Token::Captured { quoted });
                            rest.extend(iter);
                            if let Some(fg) = &mut self.foreground {
                                fg.rest = rest;
                            }
                            return Ran::Suspended;
                        }
                        Err(code) => return Ran::Done(code),
                    }
                    continue;
                }
                Some(Token::Subst { .. }) => continue,
                Some(Token::Captured { quoted }) => {
                    words.extend(self.take_captured(quoted));
                    continue;
                }
                Some(Token::Op(op)) if !ends => {
                    out.err(format!(
                        "berth: the host shell's \"{op}\" is not simulated yet\n"
                    ));
                    return Ran::Done(1);
                }
                _ => {}
            }
            if !words.is_empty() && !skip {
                match self.host_command(&words, redirect.take(), out) {
                    Some(code) => status = code,
                    None => {
                        // A job holds the terminal: keep the connector and the rest.
                        let mut rest: Vec<Token> = tok.into_iter().collect();
                        rest.extend(iter);
                        if let Some(fg) = &mut self.foreground {
                            fg.rest = rest;
                        }
                        return Ran::Suspended;
                    }
                }
            }
            words.clear();
            redirect = None;
            self.stdin = None;
            skip = match tok {
                Some(Token::Op("&&")) => status != 0,
                Some(Token::Op("||")) => status == 0,
                None => return Ran::Done(status),
                _ => false,
            };
        }
    }

    /// Runs the command of a `$( )` with its output captured: `Ok(true)` when it has finished
    /// (the output waits in `captured`), `Ok(false)` when it became a job holding the terminal.
    fn substitute(&mut self, line: &str, out: &mut Output) -> Result<bool, i32> {
        let tokens = self.tokens(line, out)?;
        let mut inner = Vec::new();
        for t in tokens {
            match t {
                Token::Word(w) => inner.push(w),
                _ => {
                    out.err("berth: the host shell's \"$( )\" holding more than one command is not simulated yet\n");
                    return Err(1);
                }
            }
        }
        if inner.is_empty() {
            self.captured = Some(Vec::new());
            return Ok(true);
        }
        let capture = Redirect {
            target: String::new(),
            append: false,
            capture: true,
        };
        Ok(self.host_command(&inner, Some(capture), out).is_some())
    }

    /// The words a finished `$( )` gives: in double quotes its output as one word without
    /// the trailing newlines; otherwise bash splits it at blanks and PowerShell passes each
    /// line as an argument.
    fn take_captured(&mut self, quoted: bool) -> Vec<String> {
        let bytes = self.captured.take().unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let dialect = self.world.borrow().host.dialect();
        match (quoted, dialect) {
            (true, Dialect::Posix) => vec![text.trim_end_matches('\n').to_owned()],
            (true, Dialect::PowerShell) => vec![text.lines().collect::<Vec<_>>().join(" ")],
            (false, Dialect::Posix) => text.split_whitespace().map(str::to_owned).collect(),
            (false, Dialect::PowerShell) => text.lines().map(str::to_owned).collect(),
        }
    }

    /// `< FILE`: the file's bytes for the command's standard input, or the host shell's
    /// error (PowerShell has no `<`; bash names a missing file).
    fn input_redirect(&self, target: Option<&str>, out: &mut Output) -> Result<Vec<u8>, i32> {
        let w = self.world.borrow();
        match (w.host.kind, target) {
            (HostKind::Windows, _) => {
                let line = &self.line;
                let col = line.find('<').map_or(0, |at| line[..at].chars().count());
                out.err(format!(
                    "\x1b[31;1mParserError: \x1b[0m\n\x1b[31;1mLine |\x1b[0m\n\x1b[31;1m\x1b[36;1m   1 | \x1b[0m {line}\n\x1b[31;1m\x1b[36;1m     | \x1b[31;1m {}~\x1b[0m\n\x1b[31;1m\x1b[36;1m     | \x1b[31;1mThe '<' operator is reserved for future use.\x1b[0m\n",
                    " ".repeat(col)
                ));
                Err(1)
            }
            (HostKind::Linux, None) => {
                out.err("bash: syntax error near unexpected token `newline'\n");
                Err(2)
            }
            (HostKind::Linux, Some(t)) => {
                let path = w.host.resolve_from(&self.cwd, t);
                match w.host.disk().borrow().read(&path) {
                    Ok(c) => Ok(c.to_vec()),
                    Err(e) => {
                        out.err(format!("bash: {t}: {}\n", e.text(crate::fs::Libc::Glibc)));
                        Err(1)
                    }
                }
            }
        }
    }

    /// Writes what a redirected command printed on stdout into its file; the host's error
    /// goes to the terminal.
    fn write_redirect(&mut self, r: &Redirect, text: &str, out: &mut Output) -> i32 {
        let kind = self.world.borrow().host.kind;
        let text = crate::host::commands::redirected_text(kind, text);
        self.write_redirect_bytes(r, text.as_bytes(), out)
    }

    /// Writes `bytes` as they are into the redirect's file (a tar from `docker save`).
    fn write_redirect_bytes(&mut self, r: &Redirect, bytes: &[u8], out: &mut Output) -> i32 {
        let w = self.world.borrow();
        let path = w.host.resolve_from(&self.cwd, &r.target);
        let mut disk = w.host.disk().borrow_mut();
        let caller = w.host.caller(w.now());
        let wrote = if r.append {
            disk.append(&caller, &path, bytes)
        } else {
            disk.write(&caller, &path, crate::fs::Content::from(bytes))
        };
        match wrote {
            Ok(()) => 0,
            Err(e) => {
                let shown = w.host.display_path(&path);
                out.err(match w.host.kind {
                    HostKind::Windows => format!(
                        "\x1b[31;1mOut-File: Could not find a part of the path '{shown}'.\x1b[0m\n"
                    ),
                    HostKind::Linux => {
                        format!("bash: {}: {}\n", r.target, e.text(crate::fs::Libc::Glibc))
                    }
                });
                1
            }
        }
    }

    /// Runs one host command, its stdout going to `redirect`'s file when given; `None`
    /// when it became a job holding the terminal.
    fn host_command(
        &mut self,
        words: &[String],
        redirect: Option<Redirect>,
        out: &mut Output,
    ) -> Option<i32> {
        let Some(r) = redirect else {
            return self.run_command(words, None, out);
        };
        let mut captured = Output::default();
        let buf = Rc::new(RefCell::new(Vec::new()));
        let code = self.run_command(words, Some((r.clone(), Rc::clone(&buf))), &mut captured);
        let mut stdout = String::new();
        for chunk in captured.chunks.drain(..) {
            match chunk.stream {
                Stream::Stdout => stdout.push_str(&chunk.text),
                Stream::Stderr => out.err(chunk.text),
            }
        }
        out.events.append(&mut captured.events);
        let code = code?;
        if r.capture {
            let mut bytes = std::mem::take(&mut captured.stdout_bytes);
            bytes.extend_from_slice(stdout.as_bytes());
            self.captured = Some(bytes);
            return Some(code);
        }
        let wrote = if captured.stdout_bytes.is_empty() {
            self.write_redirect(&r, &stdout, out)
        } else {
            let mut bytes = std::mem::take(&mut captured.stdout_bytes);
            bytes.extend_from_slice(stdout.as_bytes());
            self.write_redirect_bytes(&r, &bytes, out)
        };
        Some(if wrote != 0 { wrote } else { code })
    }

    fn run_command(
        &mut self,
        words: &[String],
        redirect: Option<(Redirect, Rc<RefCell<Vec<u8>>>)>,
        out: &mut Output,
    ) -> Option<i32> {
        let kind = self.world.borrow().host.kind;
        self.world.borrow_mut().host.cwd.clone_from(&self.cwd);
        let name = words[0].as_str();
        let mut file_status = 0;
        let code = match name.to_ascii_lowercase().as_str() {
            "docker" | "docker.exe" => {
                let handles = Handles {
                    world: Rc::clone(&self.world),
                    kernel: Rc::clone(&self.kernel),
                };
                let columns = self.tty.borrow().columns();
                let flow = {
                    let mut w = self.world.borrow_mut();
                    let tty = redirect.is_none();
                    let stdin = self.stdin.take();
                    cli::docker(&mut w, handles, out, &words[1..], tty, columns, stdin)
                };
                match flow {
                    Flow::Done(code) => code,
                    Flow::Job(job) => {
                        let stdout = match &redirect {
                            Some((_, buf)) => Sink::Capture(Rc::clone(buf)),
                            None => Sink::Tty(Rc::clone(&self.tty), Stream::Stdout),
                        };
                        let io = JobIo {
                            stdin: Input::Tty(Rc::clone(&self.tty)),
                            stdout,
                            stderr: Sink::Tty(Rc::clone(&self.tty), Stream::Stderr),
                        };
                        let forwards_interrupt = job.forwards_interrupt;
                        let task = self.kernel.borrow_mut().spawn((job.start)(io));
                        self.foreground = Some(Foreground {
                            task,
                            rest: Vec::new(),
                            forwards_interrupt,
                            redirect,
                        });
                        return None;
                    }
                }
            }
            "berth" => berth_command(&mut self.world.borrow_mut(), &words[1..], out),
            "clear" | "cls" | "clear-host" => {
                out.events.push(Event::Clear);
                0
            }
            "echo" | "write-output" => {
                let sep = if kind == HostKind::Windows { "\n" } else { " " };
                out.out(format!("{}\n", words[1..].join(sep)));
                0
            }
            "whoami" => {
                let w = self.world.borrow();
                match kind {
                    HostKind::Windows => out.out(format!(
                        "{}\\{}\n",
                        w.host.hostname().to_ascii_lowercase(),
                        crate::host::Host::USER
                    )),
                    HostKind::Linux => out.out(format!("{}\n", crate::host::Host::USER)),
                }
                0
            }
            _ if {
                let w = self.world.borrow();
                let mut ctx = crate::host::commands::Ctx {
                    host: &w.host,
                    cwd: &mut self.cwd,
                    now: w.now(),
                    columns: self.tty.borrow().columns(),
                };
                match crate::host::commands::run(&mut ctx, words, out) {
                    Some(code) => {
                        file_status = code;
                        true
                    }
                    None => false,
                }
            } =>
            {
                file_status
            }
            "curl" | "curl.exe" => {
                crate::host::web::curl(&mut self.world.borrow_mut(), kind, &words[1..], out)
            }
            "hostname" => {
                let h = self.world.borrow().host.hostname();
                out.out(format!("{h}\n"));
                0
            }
            other if is_known_host_command(kind, other) => {
                out.err(format!(
                    "berth: the host command \"{name}\" is not simulated yet\n"
                ));
                1
            }
            _ => not_found(kind, name, out),
        };
        Some(code)
    }
}

/// `berth …`: the simulator's own controls, kept apart from docker's commands.
fn berth_command(world: &mut World, args: &[String], out: &mut Output) -> i32 {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["hub", "publish"] => {
            let updates = &crate::registry::catalog::catalog().updates;
            if world.hub.publish_updates() == 0 {
                out.out("Docker Hub: nothing new to publish.\n");
            } else {
                let tags: Vec<String> = updates
                    .iter()
                    .map(|u| format!("{}:{}", u.repository.trim_start_matches("library/"), u.tag))
                    .collect();
                out.out(format!(
                    "Docker Hub: a newer image was published for {}.\nPull again to get it; your old image will be left without a tag.\n",
                    tags.join(", ")
                ));
            }
            0
        }
        [] | ["help"] | ["--help"] | ["-h"] => {
            out.out(BERTH_HELP);
            0
        }
        _ => {
            out.err(format!(
                "berth: unknown command \"{}\"\n\n{BERTH_HELP}",
                args.join(" ")
            ));
            1
        }
    }
}

const BERTH_HELP: &str = "Usage:  berth COMMAND

The simulator's own controls (not part of docker).

Commands:
  hub publish   Docker Hub publishes newer images for the tags that move upstream
                (alpine:latest …): pull again and the old image is left dangling
";

/// Commands a real host has that Berth's host does not simulate yet.
fn is_known_host_command(kind: HostKind, name: &str) -> bool {
    const COMMON: &[&str] = &[
        "ls", "cd", "cat", "mkdir", "rm", "cp", "mv", "pwd", "ping", "tar", "exit", "history",
    ];
    const WINDOWS: &[&str] = &[
        "dir",
        "type",
        "del",
        "erase",
        "md",
        "rd",
        "rmdir",
        "copy",
        "move",
        "ren",
        "ni",
        "gc",
        "gci",
        "sl",
        "get-childitem",
        "get-content",
        "set-location",
        "get-location",
        "new-item",
        "remove-item",
        "copy-item",
        "move-item",
        "set-content",
        "out-file",
        "notepad",
        "code",
        "ipconfig",
        "wsl",
        "more",
        "select-string",
        "start-sleep",
    ];
    const LINUX: &[&str] = &[
        "touch", "nano", "vi", "vim", "ip", "ifconfig", "grep", "less", "more", "head", "tail",
        "sleep", "env", "export", "sudo", "apt", "apt-get", "find", "chmod", "wc", "sort",
    ];
    COMMON.contains(&name)
        || match kind {
            HostKind::Windows => WINDOWS.contains(&name),
            HostKind::Linux => LINUX.contains(&name),
        }
}

/// The host shell's answer for a word that names no command.
fn not_found(kind: HostKind, name: &str, out: &mut Output) -> i32 {
    match kind {
        HostKind::Windows => {
            out.err(format!(
                "\x1b[31;1m{name}: The term '{name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\x1b[0m\n\x1b[31;1mCheck the spelling of the name, or if a path was included, verify that the path is correct and try again.\x1b[0m\n"
            ));
            1
        }
        HostKind::Linux => {
            out.err(format!("{name}: command not found\n"));
            127
        }
    }
}

/// The host shell's answer for a line it cannot parse.
fn parse_error(kind: HostKind, line: &str, e: &SplitError, out: &mut Output) -> i32 {
    match (kind, e) {
        (HostKind::Windows, SplitError::Unterminated { at, .. }) => {
            let col = line[..*at].chars().count();
            let rest = line[*at..].chars().count();
            out.err(format!(
                "\x1b[31;1mParserError: \x1b[0m\n\x1b[31;1mLine |\x1b[0m\n\x1b[31;1m\x1b[36;1m   1 | \x1b[0m {line}\n\x1b[31;1m\x1b[36;1m     | \x1b[31;1m {}{}\x1b[0m\n\x1b[31;1m\x1b[36;1m     | \x1b[31;1m{e}\x1b[0m\n",
                " ".repeat(col),
                "~".repeat(rest.max(1)),
            ));
            1
        }
        (HostKind::Linux, SplitError::Unterminated { quote, .. }) => {
            let close = if *quote == '\'' { '\'' } else { '"' };
            out.err(format!(
                "bash: unexpected EOF while looking for matching `{close}'\n"
            ));
            2
        }
    }
}
