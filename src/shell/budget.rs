//! Step and output budgets: what keeps a runaway command (`while true; do :; done`, `yes`)
//! from hanging the page.
//!
//! Every interpreter step and every write of a program counts one step; every
//! [`YIELD_EVERY`] steps the process yields to the scheduler so the page stays live. A job
//! that takes [`STEP_LIMIT`] steps, or writes [`OUTPUT_LIMIT`] bytes to a terminal, without
//! once waiting for terminal input or for time to pass, is stopped: the budget trips, every
//! process sharing it parks, and the owner of the budget (the interactive shell for the
//! line it runs, the job runner for a background job, [`super::process::run_main`] for a
//! container's main process) drops the job, prints [`Trip::message`] on standard error and
//! gives status [`STOPPED_STATUS`].
//!
//! Memory is bounded the same way: a job that holds more than [`MEMORY_LIMIT`] bytes in one
//! value (a command substitution's output, a variable, a word, the whole input of `sort` or
//! `tail`) is killed as the kernel's OOM killer kills the process that outgrew the memory:
//! SIGKILL, status 137 and `Killed` from the shell that waited for it. On Linux the
//! victim would be the process holding the memory, which for `x=$(yes)` is the shell
//! itself; Berth kills the line's job instead and keeps the shell, so a student's terminal
//! stays open, and the status and message are the ones bash shows for a killed job.

use std::cell::Cell;
use std::rc::Rc;

use crate::kernel::{yield_now, Sys};

/// Steps a job may take without waiting on input or time.
pub const STEP_LIMIT: u64 = 2_000_000;

/// Bytes a job may write to a terminal without waiting on input or time.
pub const OUTPUT_LIMIT: u64 = 1 << 20;

/// How many steps run between two yields to the scheduler.
pub const YIELD_EVERY: u64 = 256;

/// Bytes one value of a job may hold (16 MiB): far above any course exercise, far below
/// what would hurt the page (wasm32 memory stops at 4 GB and a tab dies well before). A
/// job's peak stays within a few times this: the value, a copy being made, its
/// expansion's bookkeeping.
pub const MEMORY_LIMIT: usize = 16 << 20;

/// The exit status of a job the OOM killer ended: 128 + SIGKILL.
pub const KILLED_STATUS: i32 = 137;

/// The exit status of a stopped job: 124, as `timeout(1)` gives for a command it stopped.
pub const STOPPED_STATUS: i32 = 124;

/// Why a budget tripped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trip {
    /// Too many steps.
    Steps,
    /// Too much output to a terminal.
    Output,
    /// Too much memory held: killed as by the OOM killer.
    Memory,
}

impl Trip {
    /// The one line printed on standard error (with its newline).
    pub fn message(self) -> String {
        match self {
            Trip::Steps => {
                format!("berth: stopped a runaway loop after {STEP_LIMIT} steps\n")
            }
            Trip::Output => format!(
                "berth: stopped a command that wrote {OUTPUT_LIMIT} bytes to the terminal\n"
            ),
            // What bash prints when a foreground job dies of SIGKILL.
            Trip::Memory => "Killed\n".to_owned(),
        }
    }

    /// The status of the job it ended: [`KILLED_STATUS`] for memory, otherwise
    /// [`STOPPED_STATUS`].
    pub fn status(self) -> i32 {
        match self {
            Trip::Memory => KILLED_STATUS,
            Trip::Steps | Trip::Output => STOPPED_STATUS,
        }
    }
}

/// The counters one job shares among its processes.
#[derive(Debug, Default)]
pub struct Budget {
    steps: Cell<u64>,
    output: Cell<u64>,
    tripped: Cell<Option<Trip>>,
}

/// Waits forever: what a process of a tripped job does until its owner drops it.
pub async fn park() {
    std::future::pending::<()>().await;
}

impl Budget {
    /// A fresh budget.
    pub fn new() -> Rc<Budget> {
        Rc::new(Budget::default())
    }

    /// The job waited for input or time: it is not running away.
    pub fn reset(&self) {
        self.steps.set(0);
        self.output.set(0);
    }

    /// Clears a trip after its owner handled it.
    pub fn clear(&self) {
        self.reset();
        self.tripped.set(None);
    }

    /// Whether the budget tripped, and why.
    pub fn tripped(&self) -> Option<Trip> {
        self.tripped.get()
    }

    /// Counts one step; yields every [`YIELD_EVERY`] steps (telling the scheduler there is
    /// more to do); parks forever once the budget trips.
    pub async fn step(&self, sys: &Sys) {
        if self.tripped.get().is_some() {
            park().await;
        }
        let n = self.steps.get() + 1;
        self.steps.set(n);
        if n > STEP_LIMIT {
            self.tripped.set(Some(Trip::Steps));
            park().await;
        }
        if n % YIELD_EVERY == 0 {
            if let Ok(mut s) = sys.try_borrow_mut() {
                s.bump();
            }
            yield_now().await;
        }
    }

    /// Checks a value of `len` bytes the job is about to hold: past [`MEMORY_LIMIT`] the
    /// budget trips with [`Trip::Memory`] and the caller parks until its owner ends the job.
    pub async fn hold(&self, len: usize) {
        if len > MEMORY_LIMIT {
            self.tripped.set(Some(Trip::Memory));
            park().await;
        }
    }

    /// Counts bytes written to a terminal; parks forever once the budget trips.
    pub async fn output(&self, n: usize) {
        let total = self.output.get().saturating_add(n as u64);
        self.output.set(total);
        if total > OUTPUT_LIMIT {
            self.tripped.set(Some(Trip::Output));
            park().await;
        }
    }
}
