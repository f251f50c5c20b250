//! The goal language of lessons: predicates over the engine's state ([`Facts`]), composed
//! with `all`, `any` and `not`. A predicate names only what matters; ids, generated names,
//! times and order are ignored unless a field asks for them.

use serde::{Deserialize, Serialize};

use super::facts::Facts;
use crate::snapshot::{ContainerSetup, ContainerView, ImageView};

/// A condition on the state, as a lesson file writes it (`{"container": {…}}`).
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Goal {
    /// Every one holds (an empty list holds).
    All(Vec<Goal>),
    /// At least one holds.
    Any(Vec<Goal>),
    /// The goal does not hold.
    Not(Box<Goal>),
    /// At least one container matches.
    Container(ContainerSpec),
    /// How many containers match.
    Containers(Counted<ContainerSpec>),
    /// At least one image matches.
    Image(ImageSpec),
    /// How many images match.
    Images(Counted<ImageSpec>),
    /// At least one volume matches.
    Volume(VolumeSpec),
    /// How many volumes match.
    Volumes(Counted<VolumeSpec>),
    /// A network with this name exists (and this driver, when given).
    Network(NetworkSpec),
    /// A file in the filesystem of a container that matches.
    File(FileSpec),
    /// A file on the host's disk (a path as typed at the host prompt).
    HostFile(HostFileSpec),
    /// A change `docker diff` lists for a container that matches.
    Changed(ChangedSpec),
    /// A running container reaches another by a name.
    Reach(ReachSpec),
}

/// A count of matches: `min` and `max` are inclusive; without either, at least one.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Counted<S> {
    /// What each counted item matches.
    #[serde(rename = "where")]
    pub spec: S,
    /// At least this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<usize>,
    /// At most this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<usize>,
}

impl<S> Counted<S> {
    fn holds(&self, n: usize) -> bool {
        match (self.min, self.max) {
            (None, None) => n >= 1,
            (min, max) => min.is_none_or(|m| n >= m) && max.is_none_or(|m| n <= m),
        }
    }
}

/// What a container must be; every field given must match.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContainerSpec {
    /// Its name, exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The image it runs (`mysql:5.7`; `nginx` means `nginx:latest`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// Its state word: `created`, `running`, `paused`, `exited` …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Its exit code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_code: Option<i32>,
    /// Variables it has: `KEY` (set to anything) or `KEY=value`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub env: Vec<String>,
    /// Mounts it has.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mounts: Vec<MountSpec>,
    /// Published ports, as `8080->80/tcp` or with the host address `0.0.0.0:8080->80/tcp`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ports: Vec<String>,
    /// Names of networks it is attached to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub networks: Vec<String>,
    /// `--network` as given: `none`, `host`, `bridge` (also the default), `container:NAME`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_mode: Option<String>,
    /// Aliases it links another container by (`--link my-mysql:server` gives `server`;
    /// `--link my-mysql` gives `my-mysql`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
}

/// One mount of a container.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MountSpec {
    /// `volume`, `bind` or `tmpfs`.
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub kind: Option<String>,
    /// The path in the container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// The volume's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// A bind mount's host path, as typed (`C:\codec\gcc-hw`); compared without case
    /// and with either slash.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// What an image must be.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ImageSpec {
    /// One of its tags (`nginx` means `nginx:latest`).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "ref")]
    pub reference: Option<String>,
    /// Without any tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dangling: Option<bool>,
    /// Used by at least one container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub used: Option<bool>,
    /// At least this many layers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_layers: Option<usize>,
}

/// What a volume must be.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct VolumeSpec {
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Made without a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anonymous: Option<bool>,
    /// Mounted by at least one container.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_use: Option<bool>,
}

/// What a network must be.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NetworkSpec {
    /// Its name.
    pub name: String,
    /// Its driver (`bridge`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub driver: Option<String>,
}

/// What a file must hold. Without `contains` or `equals`, it need only exist; with
/// `absent`, it must not exist.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Content {
    /// Its text includes this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contains: Option<String>,
    /// Its text is exactly this (a final newline ignored on both sides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equals: Option<String>,
    /// It does not exist.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub absent: bool,
}

/// A file in a container.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FileSpec {
    /// Which containers to look in (any that matches will do).
    #[serde(default)]
    pub container: ContainerSpec,
    /// An absolute path in the container.
    pub path: String,
    /// What it holds.
    #[serde(flatten)]
    pub content: Content,
}

/// A file on the host.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct HostFileSpec {
    /// The path as typed at the host prompt (relative to the home folder).
    pub path: String,
    /// What it holds.
    #[serde(flatten)]
    pub content: Content,
}

/// A change in a container's writable layer.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChangedSpec {
    /// Which containers to look in.
    #[serde(default)]
    pub container: ContainerSpec,
    /// The path `docker diff` lists.
    pub path: String,
    /// `A`, `C` or `D`; any when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A running container `from` resolves `name` to an address of a running container `to`
/// and can route to it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ReachSpec {
    /// The client.
    #[serde(default)]
    pub from: ContainerSpec,
    /// The server.
    #[serde(default)]
    pub to: ContainerSpec,
    /// The host name the client uses.
    #[serde(rename = "as")]
    pub name: String,
}

/// `nginx` → `nginx:latest`, `docker.io/library/nginx:1` → `nginx:1`: the familiar form
/// docker lists tags in.
pub fn familiar(reference: &str) -> String {
    let r = reference.trim();
    let r = r.strip_prefix("docker.io/").unwrap_or(r);
    let r = r.strip_prefix("library/").unwrap_or(r);
    let last = r.rsplit('/').next().unwrap_or(r);
    if last.contains(':') || r.contains('@') {
        r.to_owned()
    } else {
        format!("{r}:latest")
    }
}

/// A host path compared loosely: without case, either slash, no trailing slash, and a
/// Windows drive (`C:\temp1`) as Docker Desktop mounts it (`/run/desktop/mnt/host/c/temp1`).
fn loose_path(p: &str) -> String {
    let p = p.replace('\\', "/").to_lowercase();
    let p = p.trim_end_matches('/');
    let p = p.strip_prefix("/run/desktop/mnt/host").unwrap_or(p);
    let b = p.as_bytes();
    if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
        format!("/{}{}", &p[..1], &p[2..])
    } else {
        p.to_owned()
    }
}

impl Goal {
    /// Whether the goal holds in `facts`.
    pub fn holds(&self, facts: &Facts<'_>) -> bool {
        match self {
            Goal::All(gs) => gs.iter().all(|g| g.holds(facts)),
            Goal::Any(gs) => gs.iter().any(|g| g.holds(facts)),
            Goal::Not(g) => !g.holds(facts),
            Goal::Container(spec) => facts.containers().any(|c| spec.matches(facts, c)),
            Goal::Containers(count) => count.holds(
                facts
                    .containers()
                    .filter(|c| count.spec.matches(facts, *c))
                    .count(),
            ),
            Goal::Image(spec) => facts.snapshot.images.iter().any(|i| spec.matches(facts, i)),
            Goal::Images(count) => count.holds(
                facts
                    .snapshot
                    .images
                    .iter()
                    .filter(|i| count.spec.matches(facts, i))
                    .count(),
            ),
            Goal::Volume(spec) => facts.snapshot.volumes.iter().any(|v| spec.matches(v)),
            Goal::Volumes(count) => count.holds(
                facts
                    .snapshot
                    .volumes
                    .iter()
                    .filter(|v| count.spec.matches(v))
                    .count(),
            ),
            Goal::Network(spec) => facts.snapshot.wiring.networks.iter().any(|n| {
                n.name == spec.name && spec.driver.as_ref().is_none_or(|d| *d == n.driver)
            }),
            Goal::File(spec) => facts
                .containers()
                .filter(|c| spec.container.matches(facts, *c))
                .any(|c| {
                    spec.content
                        .matches(facts.container_file(&c.0.id, &spec.path))
                }),
            Goal::HostFile(spec) => spec.content.matches(facts.host_file(&spec.path)),
            Goal::Changed(spec) => facts
                .containers()
                .filter(|c| spec.container.matches(facts, *c))
                .any(|c| {
                    facts.changes(&c.0.id).iter().any(|(kind, path)| {
                        *path == spec.path && spec.kind.as_ref().is_none_or(|k| k == kind)
                    })
                }),
            Goal::Reach(spec) => facts
                .containers()
                .filter(|c| c.0.state == "running" && spec.from.matches(facts, *c))
                .any(|from| {
                    facts
                        .reaches(&from.0.id, &spec.name)
                        .and_then(|id| facts.container(&id))
                        .is_some_and(|to| spec.to.matches(facts, to))
                }),
        }
    }
}

impl ContainerSpec {
    /// Whether container `c` (with how it was made) matches.
    fn matches(&self, facts: &Facts<'_>, c: (&ContainerView, &ContainerSetup)) -> bool {
        let (view, setup) = c;
        if self.name.as_ref().is_some_and(|n| *n != view.name) {
            return false;
        }
        if let Some(want) = &self.image {
            let want = familiar(want);
            let tagged = facts
                .snapshot
                .images
                .iter()
                .find(|i| i.id == view.image)
                .is_some_and(|i| i.tags.contains(&want));
            if !tagged && familiar(&setup.image_ref) != want {
                return false;
            }
        }
        if self.state.as_ref().is_some_and(|s| *s != view.state) {
            return false;
        }
        if self.exit_code.is_some_and(|e| e != view.exit_code) {
            return false;
        }
        let env_ok = self.env.iter().all(|want| {
            setup.env.iter().any(|have| match want.split_once('=') {
                Some(_) => have == want,
                None => have.split_once('=').map_or(have.as_str(), |(k, _)| k) == want,
            })
        });
        if !env_ok {
            return false;
        }
        let mounts_ok = self.mounts.iter().all(|want| {
            setup.mounts.iter().any(|m| {
                want.kind.as_ref().is_none_or(|k| *k == m.kind)
                    && want
                        .destination
                        .as_ref()
                        .is_none_or(|d| *d == m.destination)
                    && want.name.as_ref().is_none_or(|n| *n == m.name)
                    && want
                        .source
                        .as_ref()
                        .is_none_or(|s| loose_path(s) == loose_path(&m.source))
            })
        });
        if !mounts_ok {
            return false;
        }
        let ports_ok = self.ports.iter().all(|want| {
            view.ports
                .iter()
                .any(|p| p == want || p.ends_with(&format!(":{want}")))
        });
        if !ports_ok {
            return false;
        }
        if !self
            .networks
            .iter()
            .all(|n| setup.networks.iter().any(|h| h == n))
        {
            return false;
        }
        if let Some(mode) = &self.network_mode {
            let have = match setup.network_mode.as_str() {
                "default" | "" => "bridge",
                m => m,
            };
            let same = match (
                have.strip_prefix("container:"),
                mode.strip_prefix("container:"),
            ) {
                (Some(h), Some(w)) => {
                    h == w
                        || facts
                            .container_by_name(w)
                            .is_some_and(|c| c.0.id.starts_with(h))
                }
                _ => have == mode,
            };
            if !same {
                return false;
            }
        }
        self.links.iter().all(|want| {
            setup.links.iter().any(|l| {
                let alias = l.rsplit(['/', ':']).next().unwrap_or(l);
                alias == want
            })
        })
    }
}

impl ImageSpec {
    fn matches(&self, facts: &Facts<'_>, i: &ImageView) -> bool {
        self.reference
            .as_ref()
            .is_none_or(|r| i.tags.contains(&familiar(r)))
            && self.dangling.is_none_or(|d| d == i.tags.is_empty())
            && self
                .used
                .is_none_or(|u| u == facts.snapshot.containers.iter().any(|c| c.image == i.id))
            && self.min_layers.is_none_or(|n| i.layers.len() >= n)
    }
}

impl VolumeSpec {
    fn matches(&self, v: &crate::snapshot::VolumeView) -> bool {
        self.name.as_ref().is_none_or(|n| *n == v.name)
            && self.anonymous.is_none_or(|a| a == v.anonymous)
            && self.in_use.is_none_or(|u| u != v.used_by.is_empty())
    }
}

impl Content {
    fn matches(&self, bytes: Option<Vec<u8>>) -> bool {
        let Some(bytes) = bytes else {
            return self.absent;
        };
        if self.absent {
            return false;
        }
        let text = String::from_utf8_lossy(&bytes);
        self.contains
            .as_ref()
            .is_none_or(|c| text.contains(c.as_str()))
            && self
                .equals
                .as_ref()
                .is_none_or(|e| text.trim_end_matches('\n') == e.trim_end_matches('\n'))
    }
}
