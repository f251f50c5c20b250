//! Simple commands: expansion, assignments, and finding what runs — a function, a builtin,
//! or a program file found through `PATH` — with the not-found and cannot-execute texts of
//! each shell.

use std::rc::Rc;

use super::ast::SimpleCommand;
use super::builtins;
use super::exec::{self, ExecError};
use super::flavor::Flavor;
use super::fs::resolve;
use super::interp::{Flow, Shell};
use super::process;
use super::program::{Proc, Program};

/// How deep functions, `.` and nested processes (a script running itself) may nest,
/// together. Each level costs stack while its future is polled (about 4 KB in a release
/// build, ten times that in a debug build); a wasm page has 1 MB.
pub const MAX_NESTING: u32 = 64;

/// Quotes a word for `set -x` and `type` output the way bash does: as is when it needs
/// no quoting, else in single quotes.
pub fn quote(s: &str) -> String {
    if !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-./=:,+@%^".contains(c))
    {
        return s.to_owned();
    }
    format!("'{}'", s.replace('\'', "'\\''"))
}

impl Shell {
    /// Runs a simple command.
    pub async fn run_simple(&mut self, c: &SimpleCommand) -> i32 {
        self.line = self.line_base + c.line.saturating_sub(1);
        self.step().await;
        self.last_subst = None;
        let Some(argv) = self.expand_words(&c.words).await else {
            return self.status;
        };
        let mut assigns = Vec::new();
        for (name, w) in &c.assigns {
            let Some(v) = self.expand_one(w).await else {
                return self.status;
            };
            assigns.push((name.clone(), v));
        }
        if self.opts.xtrace {
            let mut line = String::from("+");
            for (n, v) in &assigns {
                line.push(' ');
                line.push_str(&format!("{n}={}", quote(v)));
            }
            for a in &argv {
                line.push(' ');
                line.push_str(&quote(a));
            }
            line.push('\n');
            self.err(&line).await;
        }
        if argv.is_empty() {
            let status = self.last_subst.unwrap_or(0);
            for (n, v) in &assigns {
                if !self.set_var(n, v).await {
                    return 1;
                }
            }
            let Some(saved) = self.apply_redirs(&c.redirs).await else {
                return self.redirect_failed();
            };
            self.restore_redirs(saved);
            return status;
        }
        let name = argv[0].clone();
        let special = builtins::is_special(&name);
        if !special {
            if let Some(body) = self.funcs.get(&name).cloned() {
                return self.call_function(&body, &argv, &assigns, &c.redirs).await;
            }
        }
        if let Some(b) = builtins::find(self.flavor, &name) {
            if name == "exec" && argv.len() == 1 {
                return if self.apply_permanent(&c.redirs).await {
                    0
                } else {
                    1
                };
            }
            let Some(saved) = self.apply_redirs(&c.redirs).await else {
                return self.redirect_failed();
            };
            let mut old = Vec::new();
            for (n, v) in &assigns {
                old.push((n.clone(), self.vars.get(n).cloned()));
                let _ = self.vars.set(n, v);
            }
            let status = b(self, &argv).await;
            if !special {
                for (n, v) in old.into_iter().rev() {
                    self.vars.restore(&n, v);
                }
            }
            return self.finish_redirs(saved, &name, status).await;
        }
        let Some(saved) = self.apply_redirs(&c.redirs).await else {
            return self.redirect_failed();
        };
        let status = self.run_external(argv, &assigns).await;
        self.finish_redirs(saved, &name, status).await
    }

    async fn call_function(
        &mut self,
        body: &Rc<super::ast::Command>,
        argv: &[String],
        assigns: &[(String, String)],
        redirs: &[super::ast::Redir],
    ) -> i32 {
        if self.env.depth + self.func_depth >= MAX_NESTING {
            self.error(&format!(
                "{}: maximum function nesting level exceeded ({MAX_NESTING})",
                argv[0]
            ))
            .await;
            self.flow = Flow::Exit;
            return 1;
        }
        let Some(saved) = self.apply_redirs(redirs).await else {
            return 1;
        };
        let old_pos = std::mem::replace(&mut self.positional, argv[1..].to_vec());
        self.locals.push(Vec::new());
        for (n, v) in assigns {
            let prev = self.vars.get(n).cloned();
            if let Some(frame) = self.locals.last_mut() {
                frame.push((n.clone(), prev));
            }
            let _ = self.vars.set(n, v);
        }
        self.func_depth += 1;
        let status = self.run_command(body).await;
        self.func_depth -= 1;
        if let Some(frame) = self.locals.pop() {
            for (n, v) in frame.into_iter().rev() {
                self.vars.restore(&n, v);
            }
        }
        self.positional = old_pos;
        if self.flow == Flow::Return {
            self.flow = Flow::Normal;
        }
        self.restore_redirs(saved);
        let _ = status;
        self.status
    }

    /// The status of a command whose redirection failed: 2 in dash, 1 elsewhere.
    pub fn redirect_failed(&self) -> i32 {
        if self.flavor == Flavor::Dash {
            2
        } else {
            1
        }
    }

    /// Finds a command in `PATH` (for `type`, `command -v`): its absolute path.
    pub fn find_program(&self, name: &str) -> Result<String, ExecError> {
        if name.contains('/') {
            return Ok(resolve(&self.cwd, name));
        }
        let path = self
            .var("PATH")
            .unwrap_or("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        exec::lookup(
            &*self.env.fs.borrow(),
            path,
            &self.cwd,
            name,
            &self.env.cred,
        )
    }

    /// A process context for a program this shell starts.
    pub fn child_proc(&self, args: Vec<String>, assigns: &[(String, String)]) -> Proc {
        let mut p = Proc::new(
            Rc::clone(&self.env.machine),
            Rc::clone(&self.env.fs),
            Rc::clone(&self.env.sys),
            args,
            self.fds.stdin.clone(),
            self.fds.stdout.clone(),
            self.fds.stderr.clone(),
        );
        p.env = self.vars.environ();
        for (n, v) in assigns {
            p.set_var(n, v);
        }
        p.cwd = self.cwd.clone();
        p.cred = self.env.cred.clone();
        p.budget = Rc::clone(&self.env.budget);
        p.umask = self.umask;
        p.depth = self.env.depth + self.func_depth + 1;
        p
    }

    /// Runs a program file: looks it up, reports why it cannot run, or runs it as a child
    /// process and returns its status.
    pub async fn run_external(&mut self, argv: Vec<String>, assigns: &[(String, String)]) -> i32 {
        self.run_external_as(argv, assigns, false).await
    }

    /// `exec`: runs a program file in the shell's own process: same pid, same signal
    /// handling, so a container's PID 1 becomes the program (`exec "$@"` in entrypoints).
    pub async fn exec_external(&mut self, argv: Vec<String>) -> i32 {
        self.run_external_as(argv, &[], true).await
    }

    async fn run_external_as(
        &mut self,
        argv: Vec<String>,
        assigns: &[(String, String)],
        in_place: bool,
    ) -> i32 {
        let name = argv[0].clone();
        if self.env.depth + self.func_depth >= MAX_NESTING {
            self.error("fork: retry: Resource temporarily unavailable")
                .await;
            return 254;
        }
        let path = match self.find_program(&name) {
            Ok(p) => p,
            Err(ExecError::Denied) => {
                self.error(&format!("{name}: Permission denied")).await;
                return 126;
            }
            Err(_) => {
                let msg = self.flavor.not_found(&name);
                self.error(&msg).await;
                return 127;
            }
        };
        let registry = Rc::clone(&self.env.machine.programs);
        let found = exec::resolve(
            &*self.env.fs.borrow(),
            &registry,
            &path,
            argv.clone(),
            &self.env.cred,
        );
        let (program, args, style): (Rc<dyn Program>, Vec<String>, _) = match found {
            Ok(e) => (e.program, e.args, e.style),
            Err(ExecError::NoExec) => {
                let mut args = vec![self.arg0.clone(), path.clone()];
                args.extend(argv.into_iter().skip(1));
                let prog: Rc<dyn Program> = Rc::new(super::programs::sh::Sh(self.flavor));
                (prog, args, super::program::Style::Gnu)
            }
            Err(ExecError::BadInterpreter(interp)) => {
                let msg = match self.flavor {
                    Flavor::Bash => {
                        format!("{name}: {interp}: bad interpreter: No such file or directory")
                    }
                    _ => self.flavor.cannot_exec(&name, super::fs::Errno::ENOENT),
                };
                self.error(&msg).await;
                return if self.flavor == Flavor::Bash {
                    126
                } else {
                    127
                };
            }
            Err(e) => {
                let msg = self.flavor.cannot_exec(&name, e.errno());
                self.error(&msg).await;
                return e.status();
            }
        };
        let mut p = self.child_proc(args, assigns);
        p.style = style;
        if in_place {
            if let Ok(mut sys) = p.sys.try_borrow_mut() {
                sys.set_args(self.env.pid, p.args.clone());
            }
            p.pid = self.env.pid;
            p.ns_pid = self.env.ns_pid;
            p.signals = Rc::clone(&self.env.signals);
            p.depth = self.env.depth;
            return program.run(&mut p).await;
        }
        process::run_child(p, program, self.env.pid).await
    }
}
