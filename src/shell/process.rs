//! Processes as futures: registering in the kernel's process table, delivering signals
//! (dropping a killed program's future ends it), running siblings concurrently (pipelines),
//! and the foreground guard that turns Ctrl-C and a tripped budget into an ended job.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use super::budget::{Budget, Trip};
use super::program::{BoxFut, Proc, Program, SigState};
use crate::kernel::terminal::Tty;
use crate::kernel::{signal, Pid, ProcInfo, Sys};

/// Removes a process from the table when dropped (finished or killed).
struct Registration {
    sys: Sys,
    pid: Pid,
}

impl Drop for Registration {
    fn drop(&mut self) {
        if let Ok(mut s) = self.sys.try_borrow_mut() {
            s.unregister(self.pid);
        }
    }
}

/// Adds `p` to the process table as a child of `ppid`, setting its pid and namespace pid.
fn register(p: &mut Proc, ppid: Pid, user: &str) -> Option<Registration> {
    let mut s = p.sys.try_borrow_mut().ok()?;
    let ns_pid = match &p.machine.container {
        Some(c) => s.next_ns_pid(c),
        None => 0,
    };
    let started = s.now();
    let pid = s.register(ProcInfo {
        ppid,
        container: p.machine.container.clone(),
        ns_pid,
        args: p.args.clone(),
        user: user.to_owned(),
        started,
    });
    drop(s);
    p.pid = pid;
    p.ns_pid = if ns_pid == 0 { pid } else { ns_pid };
    Some(Registration {
        sys: Rc::clone(&p.sys),
        pid,
    })
}

/// What the supervisor does with a signal that arrived for a process.
fn disposition(sig: i32, state: &SigState, ns_pid: Pid) -> Option<i32> {
    if sig == signal::SIGKILL {
        return Some(128 + sig);
    }
    if SigState::has(state.ignored.get(), sig) {
        return None;
    }
    if SigState::has(state.caught.get(), sig) {
        state.deliver(sig);
        return None;
    }
    // A namespace's init gets no signal it has no handler for (as Linux does for pid 1).
    if ns_pid == 1 {
        return None;
    }
    Some(128 + sig)
}

/// A program's future under supervision: signals for `pid` end it (by dropping it).
struct Supervised {
    fut: Option<BoxFut<'static, i32>>,
    sys: Sys,
    pid: Pid,
    ns_pid: Pid,
    state: Rc<SigState>,
}

impl Future for Supervised {
    type Output = i32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<i32> {
        let sig = self
            .sys
            .try_borrow_mut()
            .ok()
            .and_then(|mut s| s.take_signal(self.pid));
        if let Some(sig) = sig {
            if let Some(code) = disposition(sig, &self.state, self.ns_pid) {
                self.fut = None;
                return Poll::Ready(code);
            }
        }
        match self.fut.as_mut() {
            None => Poll::Ready(128 + signal::SIGKILL),
            Some(f) => f.as_mut().poll(cx),
        }
    }
}

/// The user name for a uid, from the process's `/etc/passwd`.
pub fn user_name(p: &Proc, uid: u32) -> String {
    super::users::user_name(&*p.fs.borrow(), uid).unwrap_or_else(|| uid.to_string())
}

/// Registers `p` as a child of `ppid` and returns its pid as its container sees it, with
/// the supervised future that runs it (signals to its pid end it with status 128+n; it
/// leaves the process table when the future ends or is dropped).
pub fn start_child(
    mut p: Proc,
    program: Rc<dyn Program>,
    ppid: Pid,
    user: &str,
) -> (Pid, BoxFut<'static, i32>) {
    let reg = register(&mut p, ppid, user);
    let (sys, pid, ns_pid, state) = (Rc::clone(&p.sys), p.pid, p.ns_pid, Rc::clone(&p.signals));
    let fut: BoxFut<'static, i32> = Box::pin(async move {
        let mut p = p;
        program.run(&mut p).await
    });
    let sup = Supervised {
        fut: Some(fut),
        sys,
        pid,
        ns_pid,
        state,
    };
    (
        ns_pid,
        Box::pin(async move {
            let code = sup.await;
            drop(reg);
            code
        }),
    )
}

/// Runs `program` as a child process of `ppid`: it appears in the process table (`ps`)
/// while it runs, and a signal sent to its pid ends it with status 128+n.
pub async fn run_child(p: Proc, program: Rc<dyn Program>, ppid: Pid) -> i32 {
    let user = user_name(&p, p.cred.uid);
    start_child(p, program, ppid, &user).1.await
}

/// Runs a container's (or an exec's) main process: like [`run_child`] with parent 0, and
/// the owner of its budget: a runaway job is stopped with the budget's message on the
/// process's standard error and status [`super::budget::STOPPED_STATUS`]; one that
/// outgrew [`super::budget::MEMORY_LIMIT`] dies silently with status 137, as a container's
/// main process killed by the OOM killer does.
pub async fn run_main(p: Proc, program: Rc<dyn Program>) -> i32 {
    let budget = Rc::clone(&p.budget);
    let stderr = p.stderr.clone();
    let sys = Rc::clone(&p.sys);
    let fut: BoxFut<'_, i32> = Box::pin(run_child(p, program, 0));
    match guard(fut, &budget, None, None).await {
        Ok(code) => code,
        Err(Stop::Interrupted) => 128 + signal::SIGINT,
        Err(Stop::Budget(trip)) => {
            budget.clear();
            if trip != Trip::Memory {
                super::io::write(&stderr, trip.message().as_bytes(), &budget, &sys).await;
            }
            trip.status()
        }
    }
}

/// Runs futures concurrently; resolves to their results in order once all are done. A
/// finished future is dropped at once (closing its pipe ends).
pub async fn join_all<'a>(futs: Vec<BoxFut<'a, i32>>) -> Vec<i32> {
    struct JoinAll<'a> {
        futs: Vec<Option<BoxFut<'a, i32>>>,
        results: Vec<i32>,
    }
    impl Future for JoinAll<'_> {
        type Output = Vec<i32>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Vec<i32>> {
            let this = &mut *self;
            let mut pending = false;
            for (i, slot) in this.futs.iter_mut().enumerate() {
                if let Some(f) = slot {
                    match f.as_mut().poll(cx) {
                        Poll::Ready(code) => {
                            this.results[i] = code;
                            *slot = None;
                        }
                        Poll::Pending => pending = true,
                    }
                }
            }
            if pending {
                Poll::Pending
            } else {
                Poll::Ready(std::mem::take(&mut this.results))
            }
        }
    }
    let n = futs.len();
    JoinAll {
        futs: futs.into_iter().map(Some).collect(),
        results: vec![0; n],
    }
    .await
}

/// Why a guarded job ended early.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Ctrl-C on the terminal, or SIGINT caught by the shell.
    Interrupted,
    /// The budget tripped.
    Budget(Trip),
}

/// Runs a foreground job: ends it (by dropping it) when its budget trips, or on Ctrl-C on
/// `tty` or a SIGINT caught in `signals`. The job is polled first, so an inner guard (a
/// nested interactive shell) takes the interrupt before an outer one sees it.
pub async fn guard<'a, T: 'a>(
    fut: BoxFut<'a, T>,
    budget: &'a Budget,
    tty: Option<&'a Tty>,
    signals: Option<&'a SigState>,
) -> Result<T, Stop> {
    struct Guard<'a, T> {
        fut: Option<BoxFut<'a, T>>,
        budget: &'a Budget,
        tty: Option<&'a Tty>,
        signals: Option<&'a SigState>,
    }
    impl<T> Future for Guard<'_, T> {
        type Output = Result<T, Stop>;
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
            let Some(f) = self.fut.as_mut() else {
                return Poll::Ready(Err(Stop::Interrupted));
            };
            if let Poll::Ready(v) = f.as_mut().poll(cx) {
                self.fut = None;
                return Poll::Ready(Ok(v));
            }
            if let Some(trip) = self.budget.tripped() {
                self.fut = None;
                return Poll::Ready(Err(Stop::Budget(trip)));
            }
            let tty_int = self
                .tty
                .is_some_and(|t| t.try_borrow_mut().is_ok_and(|mut t| t.take_interrupt()));
            let sig_int = self.signals.is_some_and(|s| s.take_caught(signal::SIGINT));
            if tty_int || sig_int {
                self.fut = None;
                return Poll::Ready(Err(Stop::Interrupted));
            }
            if self.tty.is_some() || self.signals.is_some() {
                // Ctrl-C can end this wait at any time, not only the clock.
                crate::kernel::waits_for_more_than_time();
            }
            Poll::Pending
        }
    }
    Guard {
        fut: Some(fut),
        budget,
        tty,
        signals,
    }
    .await
}
