//! "Make a lesson from this state": a lesson whose goal describes an engine's state now —
//! its containers (image, name, state, variables, ports, mounts, networks, links), volumes, user
//! networks and images — leaving out what a replay would not give again (ids, times, names
//! docker generated, anonymous volumes' names). Its solution is the lines typed to get
//! there and it starts from nothing; a teacher edits its texts.

use super::file::{Lesson, Text};
use super::goal::{
    familiar, ContainerSpec, Counted, Goal, ImageSpec, MountSpec, NetworkSpec, VolumeSpec,
};
use crate::daemon::names::{LEFT, RIGHT};
use crate::snapshot::Snapshot;
use crate::world::World;
use crate::{Engine, HostKind};

/// Whether docker could have made `name` up (`adjective_surname`, maybe with a digit).
fn generated(name: &str) -> bool {
    let bare = name.trim_end_matches(|c: char| c.is_ascii_digit());
    bare.split_once('_')
        .is_some_and(|(l, r)| LEFT.contains(&l) && RIGHT.contains(&r))
}

/// The lesson of `engine`'s state, reached by typing `solution` on its host. Its texts are
/// `title`, `goal_text` and one `hint`, as given.
pub fn from_state(engine: &Engine, solution: &[String], texts: [Text; 3]) -> Lesson {
    let (goal, host) = match engine.world.try_borrow() {
        Ok(world) => (goal_of(&world), world.host.kind),
        Err(_) => (Goal::All(Vec::new()), HostKind::default()),
    };
    let [title, goal_text, hint] = texts;
    Lesson {
        id: "my-lesson".to_owned(),
        chapter: String::new(),
        host: Some(
            match host {
                HostKind::Windows => "windows",
                HostKind::Linux => "linux",
            }
            .to_owned(),
        ),
        title,
        goal_text,
        hints: vec![hint],
        start: Vec::new(),
        goal,
        forbidden: Vec::new(),
        solution: solution
            .iter()
            .filter(|l| !l.trim().is_empty())
            .cloned()
            .collect(),
    }
}

/// The goal that describes `world` now.
fn goal_of(world: &World) -> Goal {
    let snap = Snapshot::of(world);
    let mut all = Vec::new();
    for (c, setup) in snap.containers.iter().zip(&snap.setups) {
        let image = snap.images.iter().find(|i| i.id == c.image);
        let image_env: Vec<String> = world
            .daemon
            .images
            .get(&c.image)
            .and_then(|i| i.config.pointer("/config/Env"))
            .and_then(|e| e.as_array())
            .map(|e| {
                e.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let by_ref = familiar(&setup.image_ref);
        let image_ref = match image {
            Some(i) if i.tags.contains(&by_ref) => Some(by_ref),
            Some(i) => i.tags.first().cloned(),
            None => None,
        };
        let name_of = |id: &str| {
            snap.containers
                .iter()
                .find(|o| !id.is_empty() && o.id.starts_with(id))
                .map(|o| o.name.clone())
        };
        // `none`, `host` and `container:NAME` say how it is networked; a user network's
        // name is among its networks.
        let network_mode = match setup.network_mode.as_str() {
            m @ ("none" | "host") => Some(m.to_owned()),
            m => m
                .strip_prefix("container:")
                .map(|id| format!("container:{}", name_of(id).unwrap_or_else(|| id.to_owned()))),
        };
        all.push(Goal::Container(ContainerSpec {
            name: (!generated(&c.name)).then(|| c.name.clone()),
            image: image_ref,
            state: Some(c.state.clone()),
            exit_code: None,
            env: setup
                .env
                .iter()
                .filter(|e| !image_env.contains(e))
                .cloned()
                .collect(),
            mounts: setup
                .mounts
                .iter()
                .map(|m| {
                    let anonymous = snap.volumes.iter().any(|v| v.name == m.name && v.anonymous);
                    MountSpec {
                        kind: Some(m.kind.clone()),
                        destination: Some(m.destination.clone()),
                        name: (m.kind == "volume" && !anonymous).then(|| m.name.clone()),
                        source: (m.kind == "bind").then(|| m.source.clone()),
                    }
                })
                .collect(),
            ports: {
                let mut ports: Vec<String> = Vec::new();
                for p in &c.ports {
                    let bare = p
                        .strip_prefix("[::]:")
                        .or_else(|| p.split_once(':').map(|(_, rest)| rest))
                        .unwrap_or(p);
                    if !ports.iter().any(|q| q == bare) {
                        ports.push(bare.to_owned());
                    }
                }
                ports
            },
            networks: setup
                .networks
                .iter()
                // The default network goes without saying.
                .filter(|n| **n != "bridge")
                .cloned()
                .collect(),
            network_mode,
            links: setup
                .links
                .iter()
                .map(|l| l.rsplit(['/', ':']).next().unwrap_or(l).to_owned())
                .collect(),
        }));
    }
    for v in snap.volumes.iter().filter(|v| !v.anonymous) {
        all.push(Goal::Volume(VolumeSpec {
            name: Some(v.name.clone()),
            anonymous: None,
            in_use: None,
        }));
    }
    let anonymous = snap.volumes.iter().filter(|v| v.anonymous).count();
    if anonymous > 0 {
        all.push(Goal::Volumes(Counted {
            spec: VolumeSpec {
                anonymous: Some(true),
                ..VolumeSpec::default()
            },
            min: Some(anonymous),
            max: None,
        }));
    }
    for n in &snap.wiring.networks {
        if !matches!(n.name.as_str(), "bridge" | "host" | "none") {
            all.push(Goal::Network(NetworkSpec {
                name: n.name.clone(),
                driver: Some(n.driver.clone()),
            }));
        }
    }
    for i in &snap.images {
        for t in &i.tags {
            all.push(Goal::Image(ImageSpec {
                reference: Some(t.clone()),
                ..ImageSpec::default()
            }));
        }
    }
    let dangling = snap.images.iter().filter(|i| i.tags.is_empty()).count();
    if dangling > 0 {
        all.push(Goal::Images(Counted {
            spec: ImageSpec {
                dangling: Some(true),
                ..ImageSpec::default()
            },
            min: Some(dangling),
            max: None,
        }));
    }
    Goal::All(all)
}

impl Lesson {
    /// The lesson as a lesson file's text (pretty JSON).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
