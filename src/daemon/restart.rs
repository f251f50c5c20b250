//! Restart policies (`--restart no|always|unless-stopped|on-failure[:N]`): moby's restart
//! manager. When a container's main process ends, its policy says whether the daemon starts
//! it again; the wait doubles from 100ms up to a minute, and falls back to 100ms once a run
//! has lasted 10 seconds. A container waiting for its restart is `Restarting`; `docker stop`
//! or `docker kill` cancels the restart for good (until the next `docker start`).

use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;

use super::containers::{Container, RestartPolicy};
use super::state::ContainerState;
use crate::kernel::{sleep_until, Kernel, TaskId};
use crate::ports::{Nanos, SECOND};

/// The first wait (moby's `defaultTimeout`).
const FIRST: Nanos = SECOND / 10;
/// The longest wait (`maxRestartTimeout`).
const LONGEST: Nanos = 60 * SECOND;

/// One container's restart manager.
#[derive(Clone, Debug, Default)]
pub struct Manager {
    /// The wait before the next restart (0 before the first).
    timeout: Nanos,
    /// Restarts this manager made (for `on-failure:N`).
    count: i64,
    /// The kernel task that sleeps until the restart is due.
    waiter: Option<TaskId>,
}

/// The restart managers of all containers, by id.
#[derive(Default)]
pub struct Restarts {
    by_id: BTreeMap<String, Manager>,
}

/// Whether `policy` restarts a container whose process ended with `code` after `count`
/// restarts; `manual` when a user stopped or killed it.
pub fn wants_restart(policy: &RestartPolicy, code: i32, count: i64, manual: bool) -> bool {
    if manual {
        return false;
    }
    match policy.name.as_str() {
        "always" | "unless-stopped" => true,
        "on-failure" => code != 0 && (policy.max_retries == 0 || count < policy.max_retries),
        _ => false,
    }
}

/// The next wait after a run of `ran` nanoseconds, given the previous wait.
pub fn next_timeout(previous: Nanos, ran: Nanos) -> Nanos {
    let previous = if ran >= 10 * SECOND { 0 } else { previous };
    if previous == 0 {
        FIRST
    } else {
        (previous * 2).min(LONGEST)
    }
}

impl Restarts {
    /// Forgets a container's manager (`docker start` makes a new one; `rm` drops it).
    pub fn reset(&mut self, id: &str) {
        self.by_id.remove(id);
    }

    /// Decides, as `c`'s process ended with `code` at `now`, whether it restarts. If so the
    /// container becomes `Restarting`, its restart count grows, and a waiter task is started
    /// in `kernel`; returns whether it restarts.
    pub fn on_exit(
        &mut self,
        c: &mut Container,
        kernel: &RefCell<Kernel>,
        code: i32,
        now: Nanos,
    ) -> bool {
        let m = self.by_id.entry(c.id.clone()).or_default();
        let started = c.state.started_at().unwrap_or(now);
        m.timeout = next_timeout(m.timeout, now - started);
        if !wants_restart(&c.host.restart, code, m.count, c.stopped_by_user) {
            return false;
        }
        m.count += 1;
        c.restart_count = c.restart_count.saturating_add(1);
        c.state = ContainerState::Restarting {
            exit_code: code,
            finished_at: now,
            started_at: started,
        };
        let sys = kernel.borrow().sys();
        let due = now + m.timeout;
        let task = kernel.borrow_mut().spawn(Box::pin(async move {
            sleep_until(&sys, due).await;
            0
        }));
        m.waiter = Some(task);
        true
    }

    /// The containers whose wait is over (each returned once).
    pub fn due(&mut self, kernel: &RefCell<Kernel>) -> Vec<String> {
        let mut out = Vec::new();
        for (id, m) in &mut self.by_id {
            if let Some(t) = m.waiter {
                if kernel.borrow_mut().take_finished(t).is_some() {
                    m.waiter = None;
                    out.push(id.clone());
                }
            }
        }
        out
    }
}

/// What `docker stop` or `docker kill` does to a container waiting for its restart: it
/// stays stopped, with the exit code of its last run.
pub fn cancel(c: &mut Container) {
    c.stopped_by_user = true;
    if let ContainerState::Restarting {
        exit_code,
        finished_at,
        started_at,
    } = c.state
    {
        c.state = ContainerState::Exited {
            exit_code,
            started_at,
            finished_at,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(name: &str, max: i64) -> RestartPolicy {
        RestartPolicy {
            name: name.into(),
            max_retries: max,
        }
    }

    #[test]
    fn policies_decide_like_moby() {
        let check = |p: RestartPolicy, code: i32, count: i64, manual: bool, want: bool| {
            assert_eq!(
                wants_restart(&p, code, count, manual),
                want,
                "{p:?} {code} {count} {manual}"
            );
        };
        check(policy("no", 0), 1, 0, false, false);
        check(policy("", 0), 1, 0, false, false);
        check(policy("always", 0), 0, 50, false, true);
        check(policy("always", 0), 0, 0, true, false);
        check(policy("unless-stopped", 0), 3, 0, false, true);
        check(policy("unless-stopped", 0), 3, 0, true, false);
        check(policy("on-failure", 0), 0, 0, false, false);
        check(policy("on-failure", 0), 1, 99, false, true);
        check(policy("on-failure", 3), 1, 2, false, true);
        check(policy("on-failure", 3), 1, 3, false, false);
    }

    #[test]
    fn back_off_doubles_to_a_minute_and_resets_after_ten_seconds() {
        let check =
            |prev: Nanos, ran: Nanos, want: Nanos| assert_eq!(next_timeout(prev, ran), want);
        check(0, 0, SECOND / 10);
        check(SECOND / 10, SECOND, SECOND / 5);
        check(SECOND / 5, 0, 2 * SECOND / 5);
        check(51_200_000_000, 0, 60 * SECOND);
        check(60 * SECOND, 0, 60 * SECOND);
        check(60 * SECOND, 10 * SECOND, SECOND / 10);
    }
}
