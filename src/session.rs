//! A terminal attached to an engine: the host prompt, and (later) the shells of containers
//! it enters. A line in, an [`Output`] out.

use std::cell::RefCell;
use std::rc::Rc;

use crate::cli;
use crate::host::split::{self, Dialect, SplitError, Token};
use crate::host::HostKind;
use crate::output::{Event, Output};
use crate::world::World;

/// One terminal on an engine. Several sessions may share one engine; what one does, the
/// others see at once.
pub struct Session {
    world: Rc<RefCell<World>>,
    cwd: String,
    last_status: i32,
}

impl Session {
    pub(crate) fn new(world: Rc<RefCell<World>>) -> Session {
        let cwd = world.borrow().host.home().to_owned();
        Session {
            world,
            cwd,
            last_status: 0,
        }
    }

    /// The prompt the terminal shows before the next line.
    pub fn prompt(&self) -> String {
        self.world.borrow().host.prompt(&self.cwd)
    }

    /// The exit status of the last command (`$?`, `$LASTEXITCODE`).
    pub fn last_status(&self) -> i32 {
        self.last_status
    }

    /// Runs one line typed at the prompt.
    pub fn run_line(&mut self, line: &str) -> Output {
        let mut out = Output::default();
        let before = self.prompt();
        let status = self.host_line(line, &mut out);
        self.last_status = status;
        out.status = Some(status);
        let after = self.prompt();
        if after != before {
            out.events.push(Event::Prompt(after));
        }
        out
    }

    fn host_line(&mut self, line: &str, out: &mut Output) -> i32 {
        let (kind, dialect) = {
            let w = self.world.borrow();
            (w.host.kind, w.host.dialect())
        };
        let last = self.last_status;
        let tokens = {
            let w = self.world.borrow();
            let vars = |name: &str| -> Option<String> {
                match name {
                    "?" => Some(last.to_string()),
                    "LASTEXITCODE" if dialect == Dialect::PowerShell => Some(last.to_string()),
                    _ => w.host.var(name),
                }
            };
            split::split(line, dialect, &vars)
        };
        let tokens = match tokens {
            Ok(t) => t,
            Err(e) => return parse_error(kind, line, &e, out),
        };
        let mut status = self.last_status;
        let mut words: Vec<String> = Vec::new();
        let mut skip = false;
        for tok in tokens {
            match tok {
                Token::Word(w) => words.push(w),
                Token::Semi | Token::Op("&&") | Token::Op("||") => {
                    if !words.is_empty() && !skip {
                        status = self.host_command(&words, out);
                    }
                    words.clear();
                    skip = match tok {
                        Token::Op("&&") => status != 0,
                        Token::Op("||") => status == 0,
                        _ => false,
                    };
                }
                Token::Op(op) => {
                    out.err(format!(
                        "berth: the host shell's \"{op}\" is not simulated yet\n"
                    ));
                    return 1;
                }
            }
        }
        if !words.is_empty() && !skip {
            status = self.host_command(&words, out);
        }
        status
    }

    fn host_command(&mut self, words: &[String], out: &mut Output) -> i32 {
        let kind = self.world.borrow().host.kind;
        let name = words[0].as_str();
        match name.to_ascii_lowercase().as_str() {
            "docker" | "docker.exe" => {
                let mut w = self.world.borrow_mut();
                cli::docker(&mut w, out, &words[1..], true)
            }
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
        }
    }
}

/// Commands a real host has that Berth's host does not simulate yet.
fn is_known_host_command(kind: HostKind, name: &str) -> bool {
    const COMMON: &[&str] = &[
        "ls", "cd", "cat", "mkdir", "rm", "cp", "mv", "pwd", "curl", "ping", "tar", "exit",
        "history",
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
