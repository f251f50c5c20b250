//! The Docker daemon: it owns all state and every change goes through it.

pub mod archive;
pub mod build;
pub mod commit;
pub mod containers;
pub mod events;
pub mod images;
pub mod local_volume;
pub mod mounts;
pub mod names;
pub mod networks;
pub mod programs;
pub mod pull;
pub mod restart;
pub mod rootfs;
pub mod sandbox;
pub mod state;
pub mod stats;
pub mod usage;
pub mod user;
pub mod volumes;

use crate::collections::SortedMap as BTreeMap;
use std::cell::RefCell;
use std::rc::Rc;

use crate::kernel::{self, Kernel};

use crate::ports::{Entropy, Nanos};
use crate::world::random_hex;
use events::{DaemonEvent, EventLog};
use images::ImageStore;

/// The daemon's state.
pub struct Daemon {
    /// The daemon's identity (`docker info` ID), fixed at start.
    pub id: String,
    /// When the daemon started.
    pub started: Nanos,
    /// Images and their layers.
    pub images: ImageStore,
    /// Every change, in order.
    pub events: EventLog,
    /// Containers.
    pub containers: containers::ContainerStore,
    /// Networks and the endpoints of running containers.
    pub networks: networks::NetworkStore,
    /// Exit codes of auto-removed containers (for the client that ran them).
    pub removed_exits: BTreeMap<String, i32>,
    /// Restart policies at work.
    pub restarts: restart::Restarts,
    /// Volumes and the mounts of each container.
    pub volumes: volumes::VolumeStore,
    /// BuildKit's cache of build steps.
    pub build_cache: build::BuildCache,
    programs: Option<Rc<crate::shell::program::Registry>>,
}

/// How many containers are in each state (`docker info`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ContainerCounts {
    /// Running (including restarting).
    pub running: usize,
    /// Paused.
    pub paused: usize,
    /// Created, exited or dead.
    pub stopped: usize,
}

impl Daemon {
    /// A daemon that has just started, with nothing in it.
    pub fn new(entropy: &mut dyn Entropy, now: Nanos) -> Daemon {
        let h = random_hex(entropy, 32);
        let id = format!(
            "{}-{}-{}-{}-{}",
            &h[0..8],
            &h[8..12],
            &h[12..16],
            &h[16..20],
            &h[20..32]
        );
        Daemon {
            networks: networks::NetworkStore::new(&id, now),
            id,
            started: now,
            images: ImageStore::default(),
            events: EventLog::default(),
            containers: containers::ContainerStore::default(),
            removed_exits: BTreeMap::new(),
            restarts: restart::Restarts::default(),
            volumes: volumes::VolumeStore::default(),
            build_cache: build::BuildCache::default(),
            programs: None,
        }
    }

    /// Container counts by state.
    pub fn container_counts(&self) -> ContainerCounts {
        let mut c = ContainerCounts::default();
        for ctr in self.containers.iter() {
            match ctr.state {
                state::ContainerState::Paused { .. } => c.paused += 1,
                ref s if s.is_running() => c.running += 1,
                _ => c.stopped += 1,
            }
        }
        c
    }

    /// The programs containers can run (built once).
    pub fn programs(&mut self) -> Rc<crate::shell::program::Registry> {
        Rc::clone(self.programs.get_or_insert_with(programs::registry))
    }

    /// The event attributes of a container: its labels, image and name.
    pub fn container_attrs(&self, id: &str) -> Vec<(String, String)> {
        let Some(c) = self.containers.get(id) else {
            return Vec::new();
        };
        let mut attrs: Vec<(String, String)> = c
            .config
            .labels
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        attrs.push(("image".into(), c.config.image.clone()));
        attrs.push(("name".into(), c.name.clone()));
        attrs
    }

    /// Records a container event with its usual attributes plus `extra`.
    pub fn emit_container(&mut self, now: Nanos, action: &str, id: &str, extra: &[(&str, &str)]) {
        let mut attrs = self.container_attrs(id);
        attrs.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        let pairs: Vec<(&str, &str)> = attrs
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        self.emit(now, "container", action, id, &pairs);
    }

    /// Sends `sig` to a running container's main process.
    pub fn signal(&self, kernel: &RefCell<Kernel>, id: &str, sig: i32) {
        let sys = kernel.borrow().sys();
        let pid = sys
            .borrow()
            .procs()
            .iter()
            .find(|(_, p)| p.container.as_deref() == Some(id) && p.ns_pid == 1)
            .map(|(pid, _)| *pid);
        if let Some(pid) = pid {
            sys.borrow_mut().kill(pid, sig);
        }
    }

    /// Collects containers whose main process ended (and kills those past their stop
    /// timeout); returns whether anything changed.
    pub fn reap(&mut self, kernel: &RefCell<Kernel>, now: Nanos) -> bool {
        let mut changed = false;
        let due: Vec<String> = self
            .containers
            .iter()
            .filter(|c| c.kill_at.is_some_and(|t| now >= t) && c.state.is_running())
            .map(|c| c.id.clone())
            .collect();
        for id in due {
            self.signal(kernel, &id, kernel::signal::SIGKILL);
            if let Some(c) = self.containers.get_mut(&id) {
                c.kill_at = None;
            }
            self.emit_container(now, "kill", &id, &[("signal", "9")]);
            changed = true;
        }
        let ended: Vec<(String, i32)> = self
            .containers
            .iter()
            .filter_map(|c| c.task.map(|t| (c.id.clone(), t)))
            .filter_map(|(id, t)| kernel.borrow_mut().take_finished(t).map(|code| (id, code)))
            .collect();
        for (id, code) in ended {
            changed = true;
            let Some(c) = self.containers.get_mut(&id) else {
                continue;
            };
            let started = c.state.started_at().unwrap_or(now);
            let restarting = self.restarts.on_exit(c, kernel, code, now);
            if !restarting {
                c.state = state::ContainerState::Exited {
                    exit_code: code,
                    started_at: started,
                    finished_at: now,
                };
            }
            c.task = None;
            c.ip = None;
            self.networks.release(&id);
            c.published.clear();
            c.stdin = None;
            c.kill_at = None;
            let auto_remove = c.host.auto_remove && !restarting;
            let duration = ((now - started) / crate::ports::SECOND).to_string();
            let code_s = code.to_string();
            self.emit_container(
                now,
                "die",
                &id,
                &[("exitCode", &code_s), ("execDuration", &duration)],
            );
            if auto_remove {
                self.removed_exits.insert(id.clone(), code);
                self.emit_container(now, "destroy", &id, &[]);
                self.containers.remove(&id);
                self.release_volumes(now, &id, true);
            }
        }
        changed |= self.restart_due(kernel, now);
        changed
    }

    /// Starts again the containers whose restart wait is over.
    fn restart_due(&mut self, kernel: &RefCell<Kernel>, now: Nanos) -> bool {
        let due = self.restarts.due(kernel);
        let changed = !due.is_empty();
        for id in due {
            let Some(c) = self.containers.get_mut(&id) else {
                continue;
            };
            let state::ContainerState::Restarting {
                exit_code,
                finished_at,
                started_at,
            } = c.state
            else {
                continue;
            };
            let programs = self.programs();
            match containers::start(&mut self.containers, kernel, &programs, &id, now) {
                Ok(()) => self.emit_container(now, "start", &id, &[]),
                Err(_) => {
                    if let Some(c) = self.containers.get_mut(&id) {
                        c.state = state::ContainerState::Exited {
                            exit_code,
                            started_at,
                            finished_at,
                        };
                    }
                }
            }
        }
        changed
    }

    /// Forgets container `id`'s mounts and, with `anonymous`, removes its anonymous
    /// volumes (`--rm`, `docker rm -v`), emitting their `destroy` events.
    pub fn release_volumes(&mut self, now: Nanos, id: &str, anonymous: bool) {
        for name in self.volumes.release(id, anonymous) {
            self.emit(now, "volume", "destroy", &name, &[("driver", "local")]);
        }
    }

    /// How many images the daemon holds.
    pub fn image_count(&self) -> usize {
        self.images.len()
    }

    /// Records an event (`docker events`, the visualizer).
    pub fn emit(
        &mut self,
        time: Nanos,
        kind: &'static str,
        action: &str,
        actor: &str,
        attrs: &[(&str, &str)],
    ) {
        let attributes: BTreeMap<String, String> = attrs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        self.events.push(DaemonEvent {
            time,
            kind,
            action: action.to_owned(),
            actor: actor.to_owned(),
            attributes,
        });
    }
}

/// Which containers use each image (`docker rmi` conflicts).
pub fn image_users(world: &crate::world::World) -> impl Fn(&str) -> Vec<images::User> {
    let users: Vec<(String, images::User)> = world
        .daemon
        .containers
        .iter()
        .map(|c| {
            (
                c.image_id.clone(),
                images::User {
                    short_id: c.short_id().to_owned(),
                    running: c.state.is_running(),
                },
            )
        })
        .collect();
    move |id: &str| {
        users
            .iter()
            .filter(|(i, _)| i == id)
            .map(|(_, u)| u.clone())
            .collect()
    }
}
