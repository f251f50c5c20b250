//! The interpreter: the shell's state ([`Shell`]) and the execution of lists, and-or lists,
//! pipelines and compound commands. Simple commands are in [`super::command`], expansions
//! in [`super::expand`], redirections in [`super::redir`].

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{AndOr, Command, Compound, List, Pipeline};
use super::budget::Budget;
use super::flavor::Flavor;
use super::fs::ShellFs;
use super::io::{self, Stdin};
use super::pattern::Pattern;
use super::process::{self, join_all};
use super::program::{BoxFut, Cred, Machine, Proc, SigState};
use super::vars::{Var, Vars};
use crate::kernel::pipe::pipe;
use crate::kernel::{Input, Pid, Sink, Sys};

/// How the shell was started: it decides error prefixes and what ends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reading commands from a terminal.
    Interactive,
    /// `sh -c '…'`.
    Command,
    /// Running a script file (its name as given).
    Script(String),
    /// Reading commands from a non-terminal standard input (`sh < file`, `docker run -i`).
    Stdin,
}

/// Non-local control flow in progress.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    /// Nothing special.
    Normal,
    /// `break n`.
    Break(u32),
    /// `continue n`.
    Continue(u32),
    /// `return`.
    Return,
    /// `exit`: the shell (or subshell) ends.
    Exit,
}

/// `set` options.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Opts {
    /// `-e`.
    pub errexit: bool,
    /// `-x`.
    pub xtrace: bool,
    /// `-f`.
    pub noglob: bool,
    /// `-u`.
    pub nounset: bool,
}

/// The three standard descriptors of the shell.
#[derive(Clone, Debug)]
pub struct Fds {
    /// 0.
    pub stdin: Stdin,
    /// 1.
    pub stdout: Sink,
    /// 2.
    pub stderr: Sink,
}

/// What every copy of the shell (subshells, pipeline members, jobs) shares.
#[derive(Clone)]
pub struct Env {
    /// The kernel.
    pub sys: Sys,
    /// The filesystem.
    pub fs: Rc<RefCell<dyn ShellFs>>,
    /// The machine.
    pub machine: Rc<Machine>,
    /// Who the shell runs as.
    pub cred: Cred,
    /// The current job's budget.
    pub budget: Rc<Budget>,
    /// Signals the shell handles.
    pub signals: Rc<SigState>,
    /// Background jobs still running.
    pub jobs: Rc<RefCell<Vec<Job>>>,
    /// The shell's pid in the kernel table.
    pub pid: Pid,
    /// `$$`: the shell's pid as its container sees it.
    pub ns_pid: Pid,
    /// The shell process's nesting depth (see [`Proc::depth`]).
    pub depth: u32,
}

/// A background job.
pub struct Job {
    /// Job number (`[1]`).
    pub number: usize,
    /// The process id shown as `$!`.
    pub pid: Pid,
    /// The job's future; `None` once done.
    pub fut: Option<BoxFut<'static, i32>>,
}

/// The state of one shell.
#[derive(Clone)]
pub struct Shell {
    /// bash, dash or ash.
    pub flavor: Flavor,
    /// `$0`.
    pub arg0: String,
    /// How it was started.
    pub mode: Mode,
    /// Variables.
    pub vars: Vars,
    /// `$1`…
    pub positional: Vec<String>,
    /// Functions.
    pub funcs: HashMap<String, Rc<Command>>,
    /// The logical working directory (`$PWD`).
    pub cwd: String,
    /// `$?`.
    pub status: i32,
    /// `set` options.
    pub opts: Opts,
    /// The line being run (error prefixes; dash counts interactive lines).
    pub line: u32,
    /// The line number of the first line of the text being run.
    pub line_base: u32,
    /// Control flow in progress.
    pub flow: Flow,
    /// Enclosing loops.
    pub loop_depth: u32,
    /// Enclosing function calls.
    pub func_depth: u32,
    /// Saved variables of `local`, one frame per function call.
    pub locals: Vec<Vec<(String, Option<Var>)>>,
    /// File creation mask.
    pub umask: u32,
    /// Whether this is a subshell (a copy made by `( )`, a pipeline or `$( )`).
    pub subshell: bool,
    /// Depth of contexts where `set -e` does not apply (conditions, `!`, `&&` lists).
    pub no_errexit: u32,
    /// The status of the last command substitution of the current command.
    pub last_subst: Option<i32>,
    /// The last background job's pid (`$!`).
    pub last_bg: Option<Pid>,
    /// The standard descriptors.
    pub fds: Fds,
    /// File output of `exec >file`, written after each command.
    pub held: Vec<super::redir::Capture>,
    /// Shared state.
    pub env: Env,
}

impl Shell {
    /// A shell running in process `p`, as `flavor`.
    pub fn new(p: &Proc, flavor: Flavor, mode: Mode) -> Shell {
        let mut vars = Vars::default();
        for (k, v) in &p.env {
            let _ = vars.set(k, v);
            vars.export(k);
        }
        Shell {
            flavor,
            arg0: p.args.first().cloned().unwrap_or_else(|| "sh".into()),
            mode,
            vars,
            positional: Vec::new(),
            funcs: HashMap::new(),
            cwd: p.cwd.clone(),
            status: 0,
            opts: Opts::default(),
            line: 1,
            line_base: 1,
            flow: Flow::Normal,
            loop_depth: 0,
            func_depth: 0,
            locals: Vec::new(),
            umask: p.umask,
            subshell: false,
            no_errexit: 0,
            last_subst: None,
            last_bg: None,
            held: Vec::new(),
            fds: Fds {
                stdin: p.stdin.clone(),
                stdout: p.stdout.clone(),
                stderr: p.stderr.clone(),
            },
            env: Env {
                sys: Rc::clone(&p.sys),
                fs: Rc::clone(&p.fs),
                machine: Rc::clone(&p.machine),
                cred: p.cred.clone(),
                budget: Rc::clone(&p.budget),
                signals: Rc::clone(&p.signals),
                jobs: Rc::new(RefCell::new(Vec::new())),
                pid: p.pid,
                ns_pid: p.ns_pid,
                depth: p.depth,
            },
        }
    }

    /// Whether the shell reads commands from a terminal.
    pub fn is_interactive(&self) -> bool {
        self.mode == Mode::Interactive
    }

    /// The shell's name as its messages start (`bash`, `sh`, a script's path).
    pub fn name(&self) -> String {
        let a = self.arg0.rsplit('/').next().unwrap_or(&self.arg0);
        a.trim_start_matches('-').to_owned()
    }

    /// What an error message starts with: `bash: `, `bash: line 3: `, `sh: 1: `, `sh: `.
    pub fn prefix(&self) -> String {
        let line = self.line;
        match (&self.mode, self.flavor) {
            (Mode::Script(s), Flavor::Bash) => format!("{s}: line {line}: "),
            (Mode::Script(s), Flavor::Dash) => format!("{s}: {line}: "),
            (Mode::Script(s), Flavor::Ash) => format!("{s}: line {line}: "),
            (Mode::Interactive, Flavor::Bash) => format!("{}: ", self.name()),
            (_, Flavor::Bash) => format!("{}: line {line}: ", self.name()),
            (_, Flavor::Dash) => format!("{}: {line}: ", self.name()),
            (_, Flavor::Ash) => format!("{}: ", self.name()),
        }
    }

    /// Writes to the shell's standard output.
    pub async fn out(&self, s: &str) -> bool {
        io::write(
            &self.fds.stdout,
            s.as_bytes(),
            &self.env.budget,
            &self.env.sys,
        )
        .await
    }

    /// Writes to the shell's standard error.
    pub async fn err(&self, s: &str) -> bool {
        io::write(
            &self.fds.stderr,
            s.as_bytes(),
            &self.env.budget,
            &self.env.sys,
        )
        .await
    }

    /// Writes `prefix` + `msg` + newline to standard error.
    pub async fn error(&self, msg: &str) {
        let line = format!("{}{msg}\n", self.prefix());
        self.err(&line).await;
    }

    /// Counts a step (yielding now and then; parking when the budget trips).
    pub async fn step(&self) {
        self.env.budget.step(&self.env.sys).await;
    }

    /// A variable's value.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.vars.value(name)
    }

    /// Sets a variable, reporting a read-only one; `false` on failure.
    pub async fn set_var(&mut self, name: &str, value: &str) -> bool {
        if self.vars.set(name, value).is_err() {
            let msg = match self.flavor {
                Flavor::Bash => format!("{name}: readonly variable"),
                _ => format!("{name}: is read only"),
            };
            self.error(&msg).await;
            return false;
        }
        true
    }

    /// A copy to run in a subshell.
    pub fn subshell(&self) -> Shell {
        let mut s = self.clone();
        s.subshell = true;
        s.locals = Vec::new();
        s
    }

    /// Sets `$?` and returns it, applying `set -e`.
    fn finish(&mut self, status: i32) -> i32 {
        self.status = status;
        if self.opts.errexit && status != 0 && self.no_errexit == 0 && self.flow == Flow::Normal {
            self.flow = Flow::Exit;
        }
        status
    }

    /// Runs a list.
    pub fn run_list<'a>(&'a mut self, list: &'a List) -> BoxFut<'a, i32> {
        Box::pin(async move {
            let mut status = self.status;
            for item in &list.0 {
                if item.background {
                    self.spawn_job(&item.and_or).await;
                    status = 0;
                    self.status = 0;
                } else {
                    status = self.run_and_or(&item.and_or).await;
                }
                if self.flow != Flow::Normal {
                    break;
                }
            }
            status
        })
    }

    async fn run_and_or(&mut self, ao: &AndOr) -> i32 {
        let guarded = !ao.rest.is_empty();
        if guarded {
            self.no_errexit += 1;
        }
        let mut status = self.run_pipeline(&ao.first).await;
        for (i, (and, p)) in ao.rest.iter().enumerate() {
            if self.flow != Flow::Normal {
                break;
            }
            if (status == 0) != *and {
                continue;
            }
            if i + 1 == ao.rest.len() {
                self.no_errexit -= 1;
                status = self.run_pipeline(p).await;
                self.no_errexit += 1;
            } else {
                status = self.run_pipeline(p).await;
            }
        }
        if guarded {
            self.no_errexit -= 1;
        }
        self.finish(status)
    }

    async fn run_pipeline(&mut self, p: &Pipeline) -> i32 {
        self.step().await;
        if p.bang {
            self.no_errexit += 1;
        }
        let status = if p.cmds.len() == 1 {
            self.run_command(&p.cmds[0]).await
        } else {
            self.run_piped(&p.cmds).await
        };
        if p.bang {
            self.no_errexit -= 1;
            self.status = (status == 0) as i32;
            return self.status;
        }
        self.status = status;
        status
    }

    async fn run_piped(&mut self, cmds: &[crate::shell::ast::Command]) -> i32 {
        let mut futs: Vec<BoxFut<'_, i32>> = Vec::new();
        let mut next_in: Option<Stdin> = None;
        for (i, cmd) in cmds.iter().enumerate() {
            let mut sh = self.subshell();
            if let Some(stdin) = next_in.take() {
                sh.fds.stdin = stdin;
            }
            if i + 1 < cmds.len() {
                let (r, w) = pipe();
                sh.fds.stdout = Sink::Pipe(w);
                next_in = Some(Stdin::new(Input::Pipe(r)));
            }
            futs.push(Box::pin(async move {
                let mut sh = sh;
                sh.run_command(cmd).await;
                sh.exit_status()
            }));
        }
        let codes = join_all(futs).await;
        codes.last().copied().unwrap_or(0)
    }

    /// The status a shell ends with after running: `$?`.
    pub fn exit_status(&self) -> i32 {
        self.status
    }

    /// Runs one command of a pipeline.
    pub fn run_command<'a>(&'a mut self, cmd: &'a Command) -> BoxFut<'a, i32> {
        Box::pin(async move {
            let status = match cmd {
                Command::Simple(s) => self.run_simple(s).await,
                Command::FuncDef(name, body) => {
                    self.funcs.insert(name.clone(), Rc::clone(body));
                    0
                }
                Command::Compound(c, redirs) => {
                    let Some(saved) = self.apply_redirs(redirs).await else {
                        self.status = self.redirect_failed();
                        return self.status;
                    };
                    let status = self.run_compound(c).await;
                    self.restore_redirs(saved);
                    status
                }
            };
            self.status = status;
            status
        })
    }

    async fn run_compound(&mut self, c: &Compound) -> i32 {
        match c {
            Compound::Brace(l) => self.run_list(l).await,
            Compound::Subshell(l) => {
                let mut sh = self.subshell();
                sh.run_list(l).await;
                sh.exit_status()
            }
            Compound::If { arms, otherwise } => {
                for (cond, body) in arms {
                    self.no_errexit += 1;
                    let c = self.run_list(cond).await;
                    self.no_errexit -= 1;
                    if self.flow != Flow::Normal {
                        return c;
                    }
                    if c == 0 {
                        return self.run_list(body).await;
                    }
                }
                match otherwise {
                    Some(l) => self.run_list(l).await,
                    None => 0,
                }
            }
            Compound::Loop { until, cond, body } => self.run_loop(*until, cond, body).await,
            Compound::For { var, words, body } => {
                let items = match words {
                    Some(ws) => match self.expand_words(ws).await {
                        Some(v) => v,
                        None => return 1,
                    },
                    None => self.positional.clone(),
                };
                self.loop_depth += 1;
                let mut status = 0;
                for it in items {
                    self.step().await;
                    if !self.set_var(var, &it).await {
                        status = 1;
                        break;
                    }
                    status = self.run_list(body).await;
                    if self.loop_control() {
                        break;
                    }
                }
                self.loop_depth -= 1;
                status
            }
            Compound::Case { word, arms } => {
                let Some(subject) = self.expand_one(word).await else {
                    return 1;
                };
                for (pats, body) in arms {
                    for pw in pats {
                        let Some((text, active)) = self.expand_pattern(pw).await else {
                            return 1;
                        };
                        if Pattern::new(&text, &active).matches(&subject) {
                            return self.run_list(body).await;
                        }
                    }
                }
                0
            }
            Compound::Cond(words) => super::builtins::test::run_cond(self, words).await,
            Compound::Arith(w) => {
                let Some(text) = self.expand_one(w).await else {
                    return 1;
                };
                match self.arith(&text).await {
                    Some(v) => (v == 0) as i32,
                    None => 1,
                }
            }
        }
    }

    /// After a loop body: handles `break`/`continue`; `true` when the loop must end.
    fn loop_control(&mut self) -> bool {
        match self.flow {
            Flow::Break(n) => {
                self.flow = if n > 1 {
                    Flow::Break(n - 1)
                } else {
                    Flow::Normal
                };
                true
            }
            Flow::Continue(n) => {
                if n > 1 {
                    self.flow = Flow::Continue(n - 1);
                    true
                } else {
                    self.flow = Flow::Normal;
                    false
                }
            }
            Flow::Normal => false,
            _ => true,
        }
    }

    async fn run_loop(&mut self, until: bool, cond: &List, body: &List) -> i32 {
        self.loop_depth += 1;
        let mut status = 0;
        loop {
            self.step().await;
            self.no_errexit += 1;
            let c = self.run_list(cond).await;
            self.no_errexit -= 1;
            if self.flow != Flow::Normal {
                if self.loop_control() {
                    break;
                }
                continue;
            }
            if (c == 0) == until {
                break;
            }
            status = self.run_list(body).await;
            if self.loop_control() {
                break;
            }
        }
        self.loop_depth -= 1;
        status
    }

    /// Starts `ao` as a background job (`cmd &`).
    async fn spawn_job(&mut self, ao: &AndOr) {
        let mut sh = self.subshell();
        let budget = Budget::new();
        sh.env.budget = Rc::clone(&budget);
        if self.is_interactive() {
            sh.fds.stdin = Stdin::null();
        }
        let mut jp = Proc::new(
            Rc::clone(&self.env.machine),
            Rc::clone(&self.env.fs),
            Rc::clone(&self.env.sys),
            vec![self.arg0.clone()],
            sh.fds.stdin.clone(),
            sh.fds.stdout.clone(),
            sh.fds.stderr.clone(),
        );
        jp.cred = self.env.cred.clone();
        jp.budget = Rc::clone(&budget);
        let ao = ao.clone();
        let stderr = sh.fds.stderr.clone();
        let sys = Rc::clone(&self.env.sys);
        let prog: Rc<dyn super::program::Program> =
            Rc::new(JobProgram(RefCell::new(Some((sh, ao)))));
        let ppid = self.env.pid;
        let jobs = Rc::clone(&self.env.jobs);
        let number = jobs.borrow().len() + 1;
        // Register now so that `$!` is known at once.
        let user = process::user_name(&jp, jp.cred.uid);
        let (pid, fut) = process::start_child(jp, prog, ppid, &user);
        let fut: BoxFut<'static, i32> = Box::pin(async move {
            match process::guard(fut, &budget, None, None).await {
                Ok(c) => c,
                Err(process::Stop::Budget(trip)) => {
                    budget.clear();
                    io::write(&stderr, trip.message().as_bytes(), &budget, &sys).await;
                    trip.status()
                }
                Err(process::Stop::Interrupted) => 130,
            }
        });
        // Run the job up to its first wait now, as a fork would start it at once.
        let mut fut = fut;
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        let done = fut.as_mut().poll(&mut cx).is_ready();
        self.last_bg = Some(pid);
        if self.is_interactive() && self.flavor != Flavor::Dash {
            let line = format!("[{number}] {pid}\n");
            self.err(&line).await;
        }
        if !done {
            jobs.borrow_mut().push(Job {
                number,
                pid,
                fut: Some(fut),
            });
        }
    }
}

/// A background job's body as a program: a subshell running an and-or list.
struct JobProgram(RefCell<Option<(Shell, AndOr)>>);

impl super::program::Program for JobProgram {
    fn run<'a>(&'a self, p: &'a mut Proc) -> BoxFut<'a, i32> {
        let taken = self.0.borrow_mut().take();
        let pid = p.pid;
        Box::pin(async move {
            let Some((mut sh, ao)) = taken else { return 0 };
            sh.env.pid = pid;
            sh.run_and_or(&ao).await;
            sh.exit_status()
        })
    }
}

impl std::future::Future for JobsThen<'_> {
    type Output = i32;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<i32> {
        if let Some(jobs) = &self.jobs {
            let taken: Vec<Job> = jobs
                .try_borrow_mut()
                .map(|mut j| std::mem::take(&mut *j))
                .unwrap_or_default();
            let mut keep = Vec::new();
            for mut job in taken {
                if let Some(f) = job.fut.as_mut() {
                    if f.as_mut().poll(cx).is_ready() {
                        continue;
                    }
                }
                keep.push(job);
            }
            if let Ok(mut j) = jobs.try_borrow_mut() {
                keep.append(&mut j);
                *j = keep;
            }
        }
        self.main.as_mut().poll(cx)
    }
}

/// A shell's main future together with its background jobs: polling it polls the jobs.
pub struct JobsThen<'a> {
    /// The shell's job list.
    pub jobs: Option<Rc<RefCell<Vec<Job>>>>,
    /// The main future.
    pub main: BoxFut<'a, i32>,
}
