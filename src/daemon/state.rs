//! A container's lifecycle: one state enum, its transitions, and how docker words it.

use crate::format::units::human_duration;
use crate::ports::Nanos;

/// Where a container is in its life (docker's `State.Status`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContainerState {
    /// Made by `create`, never started.
    Created,
    /// Its main process runs.
    Running {
        /// When it (last) started.
        started_at: Nanos,
    },
    /// Frozen by `pause`.
    Paused {
        /// When it (last) started.
        started_at: Nanos,
    },
    /// Waiting to be started again by its restart policy.
    Restarting {
        /// The exit code that caused the restart.
        exit_code: i32,
        /// When the last run ended.
        finished_at: Nanos,
        /// When the last run started.
        started_at: Nanos,
    },
    /// Its main process ended.
    Exited {
        /// The main process's exit status.
        exit_code: i32,
        /// When it last started (zero if it never ran).
        started_at: Nanos,
        /// When it ended.
        finished_at: Nanos,
    },
    /// Being removed.
    Removing,
    /// Removal failed half-way.
    Dead,
}

impl ContainerState {
    /// docker's word for the state (`docker ps --format '{{.State}}'`, inspect `Status`).
    pub fn word(&self) -> &'static str {
        match self {
            ContainerState::Created => "created",
            ContainerState::Running { .. } => "running",
            ContainerState::Paused { .. } => "paused",
            ContainerState::Restarting { .. } => "restarting",
            ContainerState::Exited { .. } => "exited",
            ContainerState::Removing => "removing",
            ContainerState::Dead => "dead",
        }
    }

    /// Whether its process runs (running, paused or restarting count as active).
    pub fn is_running(&self) -> bool {
        matches!(
            self,
            ContainerState::Running { .. }
                | ContainerState::Paused { .. }
                | ContainerState::Restarting { .. }
        )
    }

    /// Whether it is paused.
    pub fn is_paused(&self) -> bool {
        matches!(self, ContainerState::Paused { .. })
    }

    /// Whether `docker start` may start it (a paused container must be unpaused instead).
    pub fn can_start(&self) -> bool {
        matches!(
            self,
            ContainerState::Created | ContainerState::Exited { .. } | ContainerState::Dead
        )
    }

    /// Whether `docker pause` may pause it.
    pub fn can_pause(&self) -> bool {
        matches!(self, ContainerState::Running { .. })
    }

    /// Whether `docker rm` without `-f` may remove it.
    pub fn can_remove(&self) -> bool {
        !self.is_running()
    }

    /// The exit code docker reports (0 for containers that have not exited).
    pub fn exit_code(&self) -> i32 {
        match self {
            ContainerState::Exited { exit_code, .. }
            | ContainerState::Restarting { exit_code, .. } => *exit_code,
            _ => 0,
        }
    }

    /// When it last started, if ever.
    pub fn started_at(&self) -> Option<Nanos> {
        match self {
            ContainerState::Running { started_at }
            | ContainerState::Paused { started_at }
            | ContainerState::Restarting { started_at, .. } => Some(*started_at),
            ContainerState::Exited { started_at, .. } if *started_at > 0 => Some(*started_at),
            _ => None,
        }
    }

    /// When it last ended, if ever.
    pub fn finished_at(&self) -> Option<Nanos> {
        match self {
            ContainerState::Exited { finished_at, .. }
            | ContainerState::Restarting { finished_at, .. } => Some(*finished_at),
            _ => None,
        }
    }

    /// The STATUS column of `docker ps` at time `now` (moby container/state.go `String`).
    pub fn status_text(&self, now: Nanos) -> String {
        match self {
            ContainerState::Created => "Created".to_owned(),
            ContainerState::Running { started_at } => {
                format!("Up {}", human_duration(now - started_at))
            }
            ContainerState::Paused { started_at } => {
                format!("Up {} (Paused)", human_duration(now - started_at))
            }
            ContainerState::Restarting {
                exit_code,
                finished_at,
                ..
            } => {
                format!(
                    "Restarting ({exit_code}) {} ago",
                    human_duration(now - finished_at)
                )
            }
            ContainerState::Exited {
                exit_code,
                finished_at,
                ..
            } => {
                format!(
                    "Exited ({exit_code}) {} ago",
                    human_duration(now - finished_at)
                )
            }
            ContainerState::Removing => "Removal In Progress".to_owned(),
            ContainerState::Dead => "Dead".to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::SECOND;

    #[test]
    fn status_texts_match_docker() {
        let now = 1000 * SECOND;
        let check = |s: ContainerState, want: &str| assert_eq!(s.status_text(now), want);
        check(ContainerState::Created, "Created");
        check(
            ContainerState::Running { started_at: now },
            "Up Less than a second",
        );
        check(
            ContainerState::Running {
                started_at: now - 5 * SECOND,
            },
            "Up 5 seconds",
        );
        check(
            ContainerState::Paused {
                started_at: now - 120 * SECOND,
            },
            "Up 2 minutes (Paused)",
        );
        check(
            ContainerState::Exited {
                exit_code: 0,
                started_at: 1,
                finished_at: now - 13 * SECOND,
            },
            "Exited (0) 13 seconds ago",
        );
        check(
            ContainerState::Exited {
                exit_code: 137,
                started_at: 1,
                finished_at: now - 70 * SECOND,
            },
            "Exited (137) About a minute ago",
        );
        check(
            ContainerState::Restarting {
                exit_code: 1,
                finished_at: now - 2 * SECOND,
                started_at: 1,
            },
            "Restarting (1) 2 seconds ago",
        );
    }

    #[test]
    fn transitions_allowed_by_state() {
        let running = ContainerState::Running { started_at: 1 };
        assert!(
            running.is_running()
                && !running.can_start()
                && !running.can_remove()
                && running.can_pause()
        );
        let paused = ContainerState::Paused { started_at: 1 };
        assert!(paused.is_paused() && !paused.can_start() && !paused.can_pause());
        let exited = ContainerState::Exited {
            exit_code: 3,
            started_at: 1,
            finished_at: 2,
        };
        assert!(exited.can_start() && exited.can_remove() && exited.exit_code() == 3);
        assert_eq!(exited.word(), "exited");
        assert_eq!(ContainerState::Created.started_at(), None);
    }
}
