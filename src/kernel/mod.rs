//! The simulated kernel: processes, their standard streams, timers, signals, and the
//! scheduler that runs them.
//!
//! A program is an `async` Rust function. It runs until it must wait — for a line on its
//! terminal, for bytes in a pipe, for time to pass — and then yields, so one page can run
//! many containers without threads and without freezing. The scheduler polls every task
//! until none can make progress; the engine calls it after each line and on each tick. A
//! task that waits for nothing but time (a container's `sleep`) is left alone until its
//! deadline or a signal: sixty sleeping containers cost nothing per command.
//! Nothing here reads a real clock: time comes from the engine's `Clock` port.

pub mod log;
pub mod pipe;
pub mod terminal;

use crate::collections::SortedMap as BTreeMap;
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::output::Stream;
use crate::ports::Nanos;
use pipe::{PipeReader, PipeWriter, Read, Write};
use terminal::Tty;

/// A process id in the host's (the VM's) pid space.
pub type Pid = u32;

/// A running top-level task (a container's main process, an exec).
pub type TaskId = u64;

/// A task's future: resolves to the exit status.
pub type TaskFuture = Pin<Box<dyn Future<Output = i32>>>;

/// How many scheduling rounds one `run` may take before it returns to the caller, so a
/// page tick never hangs.
const MAX_ROUNDS: usize = 10_000;

/// Signal numbers used by docker and the shell.
pub mod signal {
    /// Hangup.
    pub const SIGHUP: i32 = 1;
    /// Interrupt (Ctrl-C).
    pub const SIGINT: i32 = 2;
    /// Quit.
    pub const SIGQUIT: i32 = 3;
    /// Kill: cannot be caught.
    pub const SIGKILL: i32 = 9;
    /// Broken pipe.
    pub const SIGPIPE: i32 = 13;
    /// Terminate (docker stop's first signal).
    pub const SIGTERM: i32 = 15;
}

/// One entry of the process table (`ps`, `docker top`).
#[derive(Clone, Debug, Default)]
pub struct ProcInfo {
    /// Parent process.
    pub ppid: Pid,
    /// The container the process runs in, by full id; `None` on the host.
    pub container: Option<String>,
    /// Its pid inside the container's pid namespace.
    pub ns_pid: Pid,
    /// Command line.
    pub args: Vec<String>,
    /// User name it runs as.
    pub user: String,
    /// When it started.
    pub started: Nanos,
}

/// State every process may reach: the process table, pending signals, timers, and a
/// progress counter the scheduler watches.
#[derive(Debug, Default)]
pub struct Shared {
    epoch: u64,
    /// Moves with every signal sent (and every thaw): what can end a sleep early.
    signal_epoch: u64,
    next_deadline: Option<Nanos>,
    next_pid: Pid,
    procs: BTreeMap<Pid, ProcInfo>,
    signals: BTreeMap<Pid, i32>,
    now: Nanos,
}

impl Shared {
    /// Records that something changed, so the scheduler polls again.
    pub fn bump(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// Adds a process to the table and returns its pid.
    pub fn register(&mut self, info: ProcInfo) -> Pid {
        if self.next_pid == 0 {
            self.next_pid = 1000;
        }
        let pid = self.next_pid;
        self.next_pid += 1;
        self.procs.insert(pid, info);
        self.bump();
        pid
    }

    /// Removes a process from the table.
    pub fn unregister(&mut self, pid: Pid) {
        self.procs.remove(&pid);
        self.signals.remove(&pid);
        self.bump();
    }

    /// The process table.
    pub fn procs(&self) -> &BTreeMap<Pid, ProcInfo> {
        &self.procs
    }

    /// The next pid a container's namespace would hand out.
    pub fn next_ns_pid(&self, container: &str) -> Pid {
        self.procs
            .values()
            .filter(|p| p.container.as_deref() == Some(container))
            .map(|p| p.ns_pid)
            .max()
            .unwrap_or(0)
            + 1
    }

    /// Sends `sig` to `pid`.
    pub fn kill(&mut self, pid: Pid, sig: i32) {
        if self.procs.contains_key(&pid) {
            self.signals.insert(pid, sig);
            self.bump();
            self.signal_epoch = self.signal_epoch.wrapping_add(1);
        }
    }

    /// Takes a pending signal of `pid`.
    pub fn take_signal(&mut self, pid: Pid) -> Option<i32> {
        self.signals.remove(&pid)
    }

    /// The time as of this scheduling run.
    pub fn now(&self) -> Nanos {
        self.now
    }

    /// `exec` (or a program setting its title): the process shows another command line.
    pub fn set_args(&mut self, pid: Pid, args: Vec<String>) {
        if let Some(p) = self.procs.get_mut(&pid) {
            p.args = args;
        }
    }

    fn want_wakeup(&mut self, at: Nanos) {
        self.next_deadline = Some(self.next_deadline.map_or(at, |d| d.min(at)));
    }
}

/// A handle to [`Shared`], cloned into every process.
pub type Sys = Rc<RefCell<Shared>>;

/// Where a process reads its standard input.
#[derive(Debug)]
pub enum Input {
    /// `/dev/null`: always end of file.
    Null,
    /// A pipe from another process.
    Pipe(PipeReader),
    /// A terminal.
    Tty(Tty),
    /// Fixed bytes (a file redirected with `<`, a here-document).
    Bytes(Rc<[u8]>, usize),
}

/// Where a process writes standard output or error.
#[derive(Debug, Clone)]
pub enum Sink {
    /// `/dev/null`.
    Null,
    /// A pipe to another process.
    Pipe(PipeWriter),
    /// A terminal, tagged with the stream the text counts as.
    Tty(Tty, Stream),
    /// A buffer the caller reads afterwards (command substitution), holding at most
    /// [`CAPTURE_LIMIT`] bytes.
    Capture(Rc<RefCell<Vec<u8>>>),
    /// Bytes on their way to a file (a shell's `>` redirection, which appends them when the
    /// command ends), holding at most [`FILE_BUFFER_LIMIT`] bytes.
    File(Rc<RefCell<Vec<u8>>>),
    /// A container's log (no terminal): `docker logs` and attached clients read it.
    Log(log::Log, Stream, Sys),
}

/// What a write to a sink did.
#[derive(Debug, PartialEq, Eq)]
pub enum Wrote {
    /// All written.
    Done,
    /// The reader is gone: the writer should stop (SIGPIPE).
    Broken,
    /// A bounded buffer took what fit and is full: the writer should stop.
    Full,
}

/// Bytes a [`Sink::Capture`] holds at most (16 MiB). A command substitution's output is
/// held in memory by the shell; past this the shell's job is killed
/// ([`crate::shell::budget::MEMORY_LIMIT`]), and writers outside the shell (a docker
/// client's output to a host file) lose the rest.
pub const CAPTURE_LIMIT: usize = 16 << 20;

/// Bytes a [`Sink::File`] holds before the file system takes them (16 MiB): a command
/// that writes more at once (`yes > f`) finds the disk full, as it would once a real
/// writable layer fills its disk.
pub const FILE_BUFFER_LIMIT: usize = 16 << 20;

/// Appends `rest` to a bounded buffer: everything, or what fits and [`Wrote::Full`].
fn fill(buf: &RefCell<Vec<u8>>, rest: &[u8], limit: usize) -> Wrote {
    let mut b = buf.borrow_mut();
    let room = limit.saturating_sub(b.len());
    if rest.len() <= room {
        b.extend_from_slice(rest);
        return Wrote::Done;
    }
    b.extend_from_slice(&rest[..room]);
    Wrote::Full
}

impl Sink {
    /// Writes everything, waiting while a pipe is full.
    pub async fn write_all(&self, bytes: &[u8]) -> Wrote {
        let mut rest = bytes;
        loop {
            match self {
                Sink::Null => return Wrote::Done,
                Sink::Tty(t, stream) => {
                    t.borrow_mut()
                        .write(*stream, &String::from_utf8_lossy(rest));
                    return Wrote::Done;
                }
                Sink::Capture(buf) => return fill(buf, rest, CAPTURE_LIMIT),
                Sink::File(buf) => return fill(buf, rest, FILE_BUFFER_LIMIT),
                Sink::Log(log, stream, sys) => {
                    let now = sys.borrow().now;
                    log.borrow_mut()
                        .write(now, *stream, &String::from_utf8_lossy(rest), false);
                    sys.borrow_mut().bump();
                    return Wrote::Done;
                }
                Sink::Pipe(w) => match w.write(rest) {
                    Write::Broken => return Wrote::Broken,
                    Write::Took(n) => {
                        rest = &rest[n..];
                        if rest.is_empty() {
                            return Wrote::Done;
                        }
                        yield_now().await;
                    }
                },
            }
        }
    }

    /// Whether the sink is a terminal (`isatty`).
    pub fn is_tty(&self) -> bool {
        matches!(self, Sink::Tty(..))
    }
}

impl Input {
    /// Reads one line (with its `\n` when there is one); `None` at end of file. On a
    /// terminal, `prompt` is shown while it waits.
    pub async fn read_line(&mut self, prompt: &str) -> Option<String> {
        loop {
            match self {
                Input::Null => return None,
                Input::Bytes(bytes, pos) => {
                    if *pos >= bytes.len() {
                        return None;
                    }
                    let rest = &bytes[*pos..];
                    let end = rest
                        .iter()
                        .position(|&b| b == b'\n')
                        .map_or(rest.len(), |p| p + 1);
                    *pos += end;
                    return Some(String::from_utf8_lossy(&rest[..end]).into_owned());
                }
                Input::Pipe(r) => match r.read_line() {
                    Read::Data(d) => return Some(String::from_utf8_lossy(&d).into_owned()),
                    Read::Eof => return None,
                    Read::Empty => {}
                },
                Input::Tty(t) => {
                    let got = t.borrow_mut().read_line(prompt);
                    if let Some(line) = got {
                        return line;
                    }
                }
            }
            yield_now().await;
        }
    }

    /// Whether standard input is a terminal.
    pub fn is_tty(&self) -> bool {
        matches!(self, Input::Tty(_))
    }
}

/// What the task being polled waits for, as noted by the futures that return `Pending`:
/// the scheduler may skip a task that waits for time alone ([`Waits::Time`]) until then.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Waits {
    /// Nothing noted yet.
    Nothing,
    /// Only the clock reaching this time.
    Time(Nanos),
    /// Anything else (a pipe, a terminal, a condition re-checked every round).
    Other,
}

thread_local! {
    static WAITS: Cell<Waits> = const { Cell::new(Waits::Nothing) };
}

/// Notes a wait of the task being polled.
fn note_wait(w: Waits) {
    WAITS.with(|c| {
        let now = match (c.get(), w) {
            (Waits::Other, _) | (_, Waits::Other) => Waits::Other,
            (Waits::Time(a), Waits::Time(b)) => Waits::Time(a.min(b)),
            (Waits::Nothing, x) | (x, Waits::Nothing) => x,
        };
        c.set(now);
    });
}

/// Notes that the task being polled waits for something besides time: a future that checks
/// a condition of its own on every poll (Ctrl-C on a terminal) calls this when pending.
pub fn waits_for_more_than_time() {
    note_wait(Waits::Other);
}

/// Yields once, noting what the task waits for.
struct YieldNow {
    yielded: bool,
    /// `Some`: the task waits for the clock to reach this time, nothing else.
    until: Option<Nanos>,
}

impl Future for YieldNow {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            note_wait(self.until.map_or(Waits::Other, Waits::Time));
            Poll::Pending
        }
    }
}

/// Yields once: the task is polled again in the next round.
pub fn yield_now() -> impl Future<Output = ()> {
    YieldNow {
        yielded: false,
        until: None,
    }
}

/// Yields once, asking to be woken by `deadline` at the latest: for loops that re-check a
/// condition on every scheduling round but must not let a script's clock stall.
pub async fn tick_until(sys: &Sys, deadline: Nanos) {
    {
        let mut s = sys.borrow_mut();
        if s.now >= deadline {
            return;
        }
        s.want_wakeup(deadline);
    }
    yield_now().await;
}

/// Waits until the clock reaches `deadline`.
pub async fn sleep_until(sys: &Sys, deadline: Nanos) {
    loop {
        {
            let mut s = sys.borrow_mut();
            if s.now >= deadline {
                return;
            }
            s.want_wakeup(deadline);
        }
        YieldNow {
            yielded: false,
            until: Some(deadline),
        }
        .await;
    }
}

struct Task {
    future: Option<TaskFuture>,
    waiting: bool,
    /// After a poll that waited for time alone: until when, and the signal epoch then.
    sleeps: Option<(Nanos, u64)>,
}

/// The scheduler: top-level tasks and the shared kernel state.
pub struct Kernel {
    sys: Sys,
    tasks: BTreeMap<TaskId, Task>,
    next_task: TaskId,
    finished: BTreeMap<TaskId, i32>,
    frozen: crate::collections::SortedSet<TaskId>,
}

impl Default for Kernel {
    fn default() -> Self {
        Kernel {
            sys: Rc::new(RefCell::new(Shared::default())),
            tasks: BTreeMap::new(),
            next_task: 1,
            finished: BTreeMap::new(),
            frozen: crate::collections::SortedSet::new(),
        }
    }
}

impl Kernel {
    /// The shared state handle to give processes.
    pub fn sys(&self) -> Sys {
        Rc::clone(&self.sys)
    }

    /// Starts a task; it first runs at the next [`Kernel::run`].
    pub fn spawn(&mut self, future: TaskFuture) -> TaskId {
        let id = self.next_task;
        self.next_task += 1;
        self.tasks.insert(
            id,
            Task {
                future: Some(future),
                waiting: false,
                sleeps: None,
            },
        );
        self.sys.borrow_mut().bump();
        id
    }

    /// Takes the exit status of `task` if it has finished and nobody claimed it yet.
    pub fn take_finished(&mut self, task: TaskId) -> Option<i32> {
        self.finished.remove(&task)
    }

    /// Ends `task` at once as if it exited with `code` (Ctrl-C on a client command: the
    /// process dies of SIGINT). Its future is dropped, closing whatever it held.
    pub fn cancel(&mut self, task: TaskId, code: i32) {
        if self.tasks.remove(&task).is_some() {
            self.finished.insert(task, code);
            self.sys.borrow_mut().bump();
        }
    }

    /// Freezes or thaws a task (`docker pause`, the cgroup freezer): a frozen task is not
    /// run, so its processes neither advance nor see time pass.
    pub fn set_frozen(&mut self, task: TaskId, frozen: bool) {
        if frozen {
            self.frozen.insert(task);
        } else {
            self.frozen.remove(&task);
            let mut s = self.sys.borrow_mut();
            s.bump();
            s.signal_epoch = s.signal_epoch.wrapping_add(1);
        }
    }

    /// Whether `task` is still running.
    pub fn is_running(&self, task: TaskId) -> bool {
        self.tasks.contains_key(&task)
    }

    /// How many tasks are running.
    pub fn task_count(&self) -> usize {
        self.tasks.len()
    }

    /// The earliest time a sleeping task wants to wake, as of the last run.
    pub fn next_deadline(&self) -> Option<Nanos> {
        self.sys.borrow().next_deadline
    }

    /// Runs every task until none can make progress at time `now`; returns the tasks that
    /// finished, with their exit status. Tasks may borrow the kernel's shared state but not
    /// the kernel itself: it is not borrowed while a task runs.
    pub fn run(kernel: &RefCell<Kernel>, now: Nanos) -> Vec<(TaskId, i32)> {
        let sys = kernel.borrow().sys();
        {
            let mut s = sys.borrow_mut();
            s.now = now;
            s.next_deadline = None;
        }
        let mut cx = Context::from_waker(Waker::noop());
        let mut finished = Vec::new();
        for _ in 0..MAX_ROUNDS {
            let before = sys.borrow().epoch;
            let ids: Vec<TaskId> = {
                let k = kernel.borrow();
                k.tasks
                    .keys()
                    .copied()
                    .filter(|id| !k.frozen.contains(id))
                    .collect()
            };
            if ids.is_empty() {
                break;
            }
            let mut progressed = false;
            for id in ids {
                // A task asleep with no signal sent since is not due before its deadline.
                let asleep = kernel.borrow().tasks.get(&id).and_then(|t| t.sleeps);
                if let Some((deadline, signals)) = asleep {
                    let mut s = sys.borrow_mut();
                    if now < deadline && s.signal_epoch == signals {
                        s.want_wakeup(deadline);
                        continue;
                    }
                }
                let taken = kernel
                    .borrow_mut()
                    .tasks
                    .get_mut(&id)
                    .and_then(|t| t.future.take());
                let Some(mut fut) = taken else { continue };
                WAITS.with(|w| w.set(Waits::Nothing));
                let polled = fut.as_mut().poll(&mut cx);
                let waits = WAITS.with(|w| w.replace(Waits::Nothing));
                match polled {
                    Poll::Ready(code) => {
                        let mut k = kernel.borrow_mut();
                        k.tasks.remove(&id);
                        k.finished.insert(id, code);
                        finished.push((id, code));
                        progressed = true;
                    }
                    Poll::Pending => {
                        let signals = sys.borrow().signal_epoch;
                        if let Some(t) = kernel.borrow_mut().tasks.get_mut(&id) {
                            t.future = Some(fut);
                            t.waiting = true;
                            t.sleeps = match waits {
                                Waits::Time(deadline) => Some((deadline, signals)),
                                Waits::Nothing | Waits::Other => None,
                            };
                        }
                    }
                }
            }
            if !progressed && sys.borrow().epoch == before {
                break;
            }
        }
        finished
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::SmallSort;
    use crate::kernel::terminal::Terminal;
    use crate::ports::SECOND;

    #[test]
    fn a_task_reads_lines_from_its_terminal_until_eof() {
        let k = RefCell::new(Kernel::default());
        let tty = Terminal::new_shared();
        let (t_in, t_out) = (Rc::clone(&tty), Rc::clone(&tty));
        k.borrow_mut().spawn(Box::pin(async move {
            let mut input = Input::Tty(t_in);
            let out = Sink::Tty(t_out, Stream::Stdout);
            let mut n = 0;
            while let Some(line) = input.read_line("> ").await {
                out.write_all(line.to_uppercase().as_bytes()).await;
                n += 1;
            }
            n
        }));
        assert!(Kernel::run(&k, 0).is_empty());
        assert_eq!(tty.borrow().waiting_prompt(), Some("> "));
        tty.borrow_mut().type_line("hello");
        assert!(Kernel::run(&k, 0).is_empty());
        assert_eq!(tty.borrow_mut().take_output().text(), "HELLO\n");
        tty.borrow_mut().type_eof();
        assert_eq!(Kernel::run(&k, 0), vec![(1, 1)]);
        assert_eq!(k.borrow().task_count(), 0);
    }

    #[test]
    fn sleeping_tasks_wake_when_the_clock_passes_their_deadline() {
        let k = RefCell::new(Kernel::default());
        let sys = k.borrow().sys();
        k.borrow_mut().spawn(Box::pin(async move {
            sleep_until(&sys, 5 * SECOND).await;
            7
        }));
        assert!(Kernel::run(&k, SECOND).is_empty());
        assert_eq!(k.borrow().next_deadline(), Some(5 * SECOND));
        assert_eq!(Kernel::run(&k, 5 * SECOND), vec![(1, 7)]);
    }

    /// A future that counts its polls and is ready once `ready` is set.
    fn counted(polls: &Rc<Cell<u32>>, body: impl Future<Output = i32> + 'static) -> TaskFuture {
        struct Counted<F>(Rc<Cell<u32>>, Pin<Box<F>>);
        impl<F: Future<Output = i32>> Future for Counted<F> {
            type Output = i32;
            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i32> {
                self.0.set(self.0.get() + 1);
                self.1.as_mut().poll(cx)
            }
        }
        Box::pin(Counted(Rc::clone(polls), Box::pin(body)))
    }

    #[test]
    fn a_task_asleep_is_not_polled_before_its_deadline_or_a_signal() {
        let k = RefCell::new(Kernel::default());
        let sys = k.borrow().sys();
        let pid = sys.borrow_mut().register(ProcInfo::default());
        let (asleep, busy) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(0)));
        let s = Rc::clone(&sys);
        // As a supervised `sleep 100`: a signal ends it at its next poll.
        k.borrow_mut().spawn(counted(
            &asleep,
            std::future::poll_fn(move |cx| {
                if s.borrow_mut().take_signal(pid).is_some() {
                    return Poll::Ready(143);
                }
                let mut sleep = Box::pin(sleep_until(&s, 100 * SECOND));
                sleep.as_mut().poll(cx).map(|()| 0)
            }),
        ));
        // A task that re-checks a condition every round is polled every run.
        let s = Rc::clone(&sys);
        k.borrow_mut().spawn(counted(&busy, async move {
            while s.borrow().now() < 3 * SECOND {
                yield_now().await;
            }
            0
        }));
        Kernel::run(&k, SECOND);
        let (a, b) = (asleep.get(), busy.get());
        Kernel::run(&k, 2 * SECOND);
        assert_eq!(
            asleep.get(),
            a,
            "the sleeper was polled before its deadline"
        );
        assert!(busy.get() > b, "the busy task was not polled");
        assert_eq!(
            k.borrow().next_deadline(),
            Some(100 * SECOND),
            "the skipped sleeper's deadline"
        );
        sys.borrow_mut().kill(pid, 15);
        assert_eq!(Kernel::run(&k, 3 * SECOND), vec![(1, 143), (2, 0)]);
    }

    #[test]
    fn a_pipeline_ends_when_the_reader_stops() {
        // `yes | head -n 2`: the writer sees a broken pipe once the reader is gone.
        let k = RefCell::new(Kernel::default());
        let (r, w) = pipe::pipe();
        let captured = Rc::new(RefCell::new(Vec::new()));
        let cap = Sink::Capture(Rc::clone(&captured));
        k.borrow_mut().spawn(Box::pin(async move {
            let out = Sink::Pipe(w);
            loop {
                if out.write_all(b"y\n").await == Wrote::Broken {
                    return 141;
                }
            }
        }));
        k.borrow_mut().spawn(Box::pin(async move {
            let mut input = Input::Pipe(r);
            for _ in 0..2 {
                if let Some(l) = input.read_line("").await {
                    cap.write_all(l.as_bytes()).await;
                }
            }
            0
        }));
        let mut done = Kernel::run(&k, 0);
        done.small_sort();
        assert_eq!(done, vec![(1, 141), (2, 0)]);
        assert_eq!(captured.borrow().as_slice(), b"y\ny\n");
    }

    #[test]
    fn signals_and_process_table() {
        let sys: Sys = Rc::new(RefCell::new(Shared::default()));
        let info = ProcInfo {
            ppid: 0,
            container: Some("c1".into()),
            ns_pid: 1,
            args: vec!["sh".into()],
            user: "root".into(),
            started: 0,
        };
        let pid = sys.borrow_mut().register(info);
        assert_eq!(sys.borrow().next_ns_pid("c1"), 2);
        sys.borrow_mut().kill(pid, signal::SIGTERM);
        assert_eq!(sys.borrow_mut().take_signal(pid), Some(signal::SIGTERM));
        sys.borrow_mut().unregister(pid);
        sys.borrow_mut().kill(pid, signal::SIGKILL);
        assert_eq!(sys.borrow_mut().take_signal(pid), None);
    }
}
