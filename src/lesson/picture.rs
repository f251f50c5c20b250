//! A goal as the parts of a picture of the target state: the containers, images, volumes,
//! networks, files and "reach as" edges it asks for, each with the goal that ticks it. Taken
//! from the goal data alone, so every lesson (a teacher's too) gets its picture.
//!
//! Words are keys (`dangling`, `unused` …) the page translates; names, images, ports,
//! variables and paths are shown as docker writes them.

use std::rc::Rc;

use super::goal::{ContainerSpec, Counted, Goal, MountSpec};

/// What kind of object a part is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    /// A container.
    Container,
    /// An image.
    Image,
    /// A volume.
    Volume,
    /// A network, with the containers the goal attaches to it.
    Network,
    /// One container reaching another by a name.
    Reach,
    /// A file in a container.
    File,
    /// A file on the host.
    HostFile,
    /// A change in a container's writable layer.
    Changed,
}

/// One line under a part's title: a word to translate (`key`, with `text` as its `{x}`), or,
/// without a key, `text` as docker writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    /// The page's key (`dangling`, `layers` …), if a word.
    pub key: Option<&'static str>,
    /// The value.
    pub text: String,
}

fn text(t: impl Into<String>) -> Detail {
    Detail {
        key: None,
        text: t.into(),
    }
}

fn word(key: &'static str, t: impl Into<String>) -> Detail {
    Detail {
        key: Some(key),
        text: t.into(),
    }
}

/// One object of the picture.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    /// What it is.
    pub kind: PartKind,
    /// Its name, image reference or path; empty for "any".
    pub title: String,
    /// What else the goal says of it.
    pub details: Vec<Detail>,
    /// A network's containers; a reach's client and server (labels as [`container_label`]).
    pub members: Vec<String>,
    /// The goal asks that no such thing exist.
    pub none: bool,
    /// How many, when the goal counts (`≥2`, `≤1`, `2–3`).
    pub count: Option<String>,
    /// Holds when this part of the goal is true.
    pub check: Goal,
}

/// A container's label in a picture: its name, else its image, else empty ("any").
pub fn container_label(spec: &ContainerSpec) -> String {
    spec.name
        .clone()
        .or_else(|| spec.image.clone())
        .unwrap_or_default()
}

type Wrap = Rc<dyn Fn(Goal) -> Goal>;

/// The parts of `goal`'s picture, in the goal's order; the networks its containers are
/// attached to get a part each.
pub fn parts(goal: &Goal) -> Vec<Part> {
    let mut out = Vec::new();
    walk(goal, false, &(Rc::new(|g| g) as Wrap), &mut out);
    // Containers attached to a network are drawn on it.
    let attached: Vec<(String, String)> = out
        .iter()
        .filter(|p| p.kind == PartKind::Container && !p.none)
        .flat_map(|p| {
            p.details
                .iter()
                .filter(|d| d.key == Some("network"))
                .map(|d| (d.text.clone(), p.title.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    for (network, member) in attached {
        match out
            .iter_mut()
            .find(|p| p.kind == PartKind::Network && p.title == network)
        {
            Some(p) => {
                if !p.members.contains(&member) {
                    p.members.push(member);
                }
            }
            None => out.push(Part {
                kind: PartKind::Network,
                title: network.clone(),
                details: Vec::new(),
                members: vec![member],
                none: false,
                count: None,
                check: Goal::Network(super::goal::NetworkSpec {
                    name: network,
                    driver: None,
                }),
            }),
        }
    }
    out
}

fn count_label<S>(c: &Counted<S>) -> Option<String> {
    match (c.min, c.max) {
        (None, None) | (Some(1), None) => None,
        (Some(0) | None, Some(0)) => None,
        (Some(a), Some(b)) if a == b => Some(format!("={a}")),
        (Some(a), Some(b)) => Some(format!("{a}–{b}")),
        (Some(a), None) => Some(format!("≥{a}")),
        (None, Some(b)) => Some(format!("≤{b}")),
    }
}

fn walk(goal: &Goal, negated: bool, wrap: &Wrap, out: &mut Vec<Part>) {
    let mut push = |kind, title: String, details, none: bool, count, members| {
        out.push(Part {
            kind,
            title,
            details,
            members,
            none: none != negated,
            count,
            check: wrap(goal.clone()),
        });
    };
    match goal {
        Goal::All(gs) => {
            for g in gs {
                walk(g, negated, wrap, out);
            }
        }
        Goal::Any(gs) => {
            // The first way is drawn; it ticks when any way holds.
            if let Some(first) = gs.first() {
                let whole = goal.clone();
                let outer = Rc::clone(wrap);
                let w: Wrap = Rc::new(move |_| outer(whole.clone()));
                walk(first, negated, &w, out);
            }
        }
        Goal::Not(g) => {
            let outer = Rc::clone(wrap);
            let w: Wrap = Rc::new(move |x| outer(Goal::Not(Box::new(x))));
            walk(g, !negated, &w, out);
        }
        Goal::Container(s) => push(
            PartKind::Container,
            s.name.clone().unwrap_or_default(),
            container_details(s),
            false,
            None,
            Vec::new(),
        ),
        Goal::Containers(c) => push(
            PartKind::Container,
            c.spec.name.clone().unwrap_or_default(),
            container_details(&c.spec),
            c.max == Some(0),
            count_label(c),
            Vec::new(),
        ),
        Goal::Image(s) => push(
            PartKind::Image,
            s.reference.clone().unwrap_or_default(),
            image_details(s),
            false,
            None,
            Vec::new(),
        ),
        Goal::Images(c) => push(
            PartKind::Image,
            c.spec.reference.clone().unwrap_or_default(),
            image_details(&c.spec),
            c.max == Some(0),
            count_label(c),
            Vec::new(),
        ),
        Goal::Volume(s) => push(
            PartKind::Volume,
            s.name.clone().unwrap_or_default(),
            volume_details(s),
            false,
            None,
            Vec::new(),
        ),
        Goal::Volumes(c) => push(
            PartKind::Volume,
            c.spec.name.clone().unwrap_or_default(),
            volume_details(&c.spec),
            c.max == Some(0),
            count_label(c),
            Vec::new(),
        ),
        Goal::Network(s) => push(
            PartKind::Network,
            s.name.clone(),
            s.driver.iter().map(|d| word("driver", d.clone())).collect(),
            false,
            None,
            Vec::new(),
        ),
        Goal::File(s) => {
            let mut d = content_details(&s.content);
            let c = container_label(&s.container);
            d.insert(0, word("in", c));
            push(
                PartKind::File,
                s.path.clone(),
                d,
                s.content.absent,
                None,
                Vec::new(),
            );
        }
        Goal::HostFile(s) => push(
            PartKind::HostFile,
            s.path.clone(),
            content_details(&s.content),
            s.content.absent,
            None,
            Vec::new(),
        ),
        Goal::Changed(s) => {
            let mut d = vec![word("in", container_label(&s.container))];
            if let Some(k) = &s.kind {
                d.push(text(k.clone()));
            }
            push(
                PartKind::Changed,
                s.path.clone(),
                d,
                false,
                None,
                Vec::new(),
            );
        }
        Goal::Reach(s) => push(
            PartKind::Reach,
            s.name.clone(),
            Vec::new(),
            false,
            None,
            vec![container_label(&s.from), container_label(&s.to)],
        ),
    }
}

fn mount_text(m: &MountSpec) -> String {
    let from = m
        .name
        .clone()
        .or_else(|| m.source.clone())
        .or_else(|| m.kind.clone())
        .unwrap_or_default();
    match &m.destination {
        Some(d) => format!("{from}:{d}"),
        None => from,
    }
}

fn container_details(s: &ContainerSpec) -> Vec<Detail> {
    let mut d = Vec::new();
    if let Some(i) = &s.image {
        d.push(word("image", i.clone()));
    }
    if let Some(st) = &s.state {
        d.push(word("state", st.clone()));
    }
    if let Some(e) = s.exit_code {
        d.push(word("exit", e.to_string()));
    }
    d.extend(s.env.iter().map(|e| word("env", e.clone())));
    d.extend(s.ports.iter().map(|p| word("port", p.clone())));
    d.extend(s.mounts.iter().map(|m| word("mount", mount_text(m))));
    d.extend(s.networks.iter().map(|n| word("network", n.clone())));
    if let Some(m) = &s.network_mode {
        d.push(word("network-mode", m.clone()));
    }
    d.extend(s.links.iter().map(|l| word("link", l.clone())));
    d
}

fn image_details(s: &super::goal::ImageSpec) -> Vec<Detail> {
    let mut d = Vec::new();
    if let Some(x) = s.dangling {
        d.push(word(if x { "dangling" } else { "tagged" }, ""));
    }
    if let Some(x) = s.used {
        d.push(word(if x { "used" } else { "unused" }, ""));
    }
    if let Some(n) = s.min_layers {
        d.push(word("layers", n.to_string()));
    }
    d
}

fn volume_details(s: &super::goal::VolumeSpec) -> Vec<Detail> {
    let mut d = Vec::new();
    if let Some(x) = s.anonymous {
        d.push(word(if x { "anonymous" } else { "named" }, ""));
    }
    if let Some(x) = s.in_use {
        d.push(word(if x { "in-use" } else { "unused" }, ""));
    }
    d
}

fn content_details(c: &super::goal::Content) -> Vec<Detail> {
    let mut d = Vec::new();
    if let Some(x) = &c.contains {
        d.push(word("contains", x.clone()));
    }
    if let Some(x) = &c.equals {
        d.push(word("equals", x.clone()));
    }
    d
}
