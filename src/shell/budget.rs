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

use std::cell::Cell;
use std::rc::Rc;

use crate::kernel::{yield_now, Sys};

/// Steps a job may take without waiting on input or time.
pub const STEP_LIMIT: u64 = 2_000_000;

/// Bytes a job may write to a terminal without waiting on input or time.
pub const OUTPUT_LIMIT: u64 = 1 << 20;

/// How many steps run between two yields to the scheduler.
pub const YIELD_EVERY: u64 = 256;

/// The exit status of a stopped job: 124, as `timeout(1)` gives for a command it stopped.
pub const STOPPED_STATUS: i32 = 124;

/// Why a budget tripped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trip {
    /// Too many steps.
    Steps,
    /// Too much output to a terminal.
    Output,
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
