//! A lesson's goal as a small SVG picture of the target state, in the visualizer's style:
//! containers as chips coloured by the state asked for, "reach as" edges between them, the
//! networks they are attached to as bands, and images, volumes and files as boxes. Each
//! part is ticked when it holds. The parts come from the goal data
//! ([`berth::lesson::picture`]); the layout is a pure function, tested natively.

use berth::lesson::picture::{Detail, Part, PartKind};
use yew::prelude::*;

use crate::i18n::Lang;

/// Width of a box.
const BOX_W: f64 = 150.0;
/// Height of a box's title row.
const HEAD_H: f64 = 20.0;
/// Height of one detail line.
const LINE_H: f64 = 13.0;
/// Gap between boxes.
const GAP: f64 = 12.0;
/// Height of a network band.
const BAND_H: f64 = 22.0;
/// Room above the containers for the reach arcs.
const ARC_H: f64 = 26.0;
/// Margin around the drawing.
const PAD: f64 = 6.0;
/// The widest the picture grows before boxes wrap.
const MAX_W: f64 = 820.0;

/// Where one box goes.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The part's position in the parts list; `None` for a container a reach names that no
    /// container part draws.
    pub part: Option<usize>,
    /// Its label when `part` is `None`.
    pub label: String,
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Height.
    pub h: f64,
}

/// A network band.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// The part's position.
    pub part: usize,
    /// Top edge.
    pub y: f64,
}

/// An edge from one container box to another.
#[derive(Clone, Debug, PartialEq)]
pub struct Arc {
    /// The reach part's position.
    pub part: usize,
    /// Centre of the client's top edge.
    pub from: (f64, f64),
    /// Centre of the server's top edge.
    pub to: (f64, f64),
}

/// Where everything goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Containers.
    pub containers: Vec<Placed>,
    /// Reach edges.
    pub arcs: Vec<Arc>,
    /// Networks.
    pub bands: Vec<Band>,
    /// Images, volumes and files.
    pub boxes: Vec<Placed>,
}

fn box_h(lines: usize) -> f64 {
    HEAD_H + LINE_H * lines as f64 + 4.0
}

/// Flows boxes of these heights left to right from `top`, wrapping at [`MAX_W`]; returns
/// their (x, y) and the bottom.
fn flow(heights: &[f64], top: f64) -> (Vec<(f64, f64)>, f64) {
    let mut out = Vec::new();
    let (mut x, mut y, mut row_h) = (PAD, top, 0.0f64);
    for h in heights {
        if x > PAD && x + BOX_W > MAX_W {
            x = PAD;
            y += row_h + GAP;
            row_h = 0.0;
        }
        out.push((x, y));
        x += BOX_W + GAP;
        row_h = row_h.max(*h);
    }
    let bottom = if heights.is_empty() { top } else { y + row_h };
    (out, bottom)
}

/// Lays out the parts of a goal.
pub fn layout(parts: &[Part]) -> Layout {
    let mut out = Layout::default();
    // Containers: those the goal names, then the ends of reach edges it does not.
    let mut chips: Vec<(Option<usize>, String, usize)> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PartKind::Container)
        .map(|(i, p)| (Some(i), p.title.clone(), p.details.len()))
        .collect();
    for p in parts.iter().filter(|p| p.kind == PartKind::Reach) {
        for m in &p.members {
            if !chips.iter().any(|(_, t, _)| t == m) {
                chips.push((None, m.clone(), 0));
            }
        }
    }
    let has_arcs = parts.iter().any(|p| p.kind == PartKind::Reach);
    let top = PAD + if has_arcs { ARC_H } else { 0.0 };
    let heights: Vec<f64> = chips.iter().map(|c| box_h(c.2)).collect();
    let (at, mut bottom) = flow(&heights, top);
    for ((part, label, _), ((x, y), h)) in chips.into_iter().zip(at.into_iter().zip(heights)) {
        out.containers.push(Placed {
            part,
            label,
            x,
            y,
            h,
        });
    }
    let title_of = |p: &Placed| match p.part {
        Some(i) => parts.get(i).map(|q| q.title.clone()).unwrap_or_default(),
        None => p.label.clone(),
    };
    for (i, p) in parts.iter().enumerate() {
        if p.kind != PartKind::Reach {
            continue;
        }
        let end = |name: &str| {
            out.containers
                .iter()
                .find(|c| title_of(c) == name)
                .map(|c| (c.x + BOX_W / 2.0, c.y))
        };
        let (Some(from), Some(to)) = (
            p.members.first().and_then(|m| end(m)),
            p.members.get(1).and_then(|m| end(m)),
        ) else {
            continue;
        };
        out.arcs.push(Arc { part: i, from, to });
    }
    if !out.containers.is_empty() {
        bottom += GAP;
    }
    for (i, p) in parts.iter().enumerate() {
        if p.kind == PartKind::Network {
            out.bands.push(Band { part: i, y: bottom });
            bottom += BAND_H + 6.0;
        }
    }
    let rest: Vec<usize> = parts
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            !matches!(
                p.kind,
                PartKind::Container | PartKind::Network | PartKind::Reach
            )
        })
        .map(|(i, _)| i)
        .collect();
    let heights: Vec<f64> = rest
        .iter()
        .map(|i| box_h(parts.get(*i).map_or(0, |p| p.details.len())))
        .collect();
    let top = if out.bands.is_empty() && out.containers.is_empty() {
        PAD
    } else {
        bottom + GAP / 2.0
    };
    let (at, end) = flow(&heights, top);
    if !rest.is_empty() {
        bottom = end;
    }
    for ((i, (x, y)), h) in rest.into_iter().zip(at).zip(heights) {
        out.boxes.push(Placed {
            part: Some(i),
            label: String::new(),
            x,
            y,
            h,
        });
    }
    let right = out
        .containers
        .iter()
        .chain(&out.boxes)
        .map(|b| b.x + BOX_W)
        .fold(0.0f64, f64::max);
    out.width = (right + PAD).max(if out.bands.is_empty() { 0.0 } else { 320.0 });
    out.height = bottom + PAD;
    out
}

fn f(x: f64) -> String {
    format!("{x:.1}")
}

/// The first `n` chars of `text`, with `…` when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(n.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// A part's title in `lang`: its name, "any" when it has none, "no …" when the goal asks
/// that none exist, and how many when counted.
pub fn title(part: &Part, lang: Lang) -> String {
    let kind = lang.t(match part.kind {
        PartKind::Container => "picture.container",
        PartKind::Image => "picture.image",
        PartKind::Volume => "picture.volume",
        PartKind::Network => "picture.network",
        PartKind::Reach => "picture.reach",
        PartKind::File => "picture.file",
        PartKind::HostFile => "picture.host-file",
        PartKind::Changed => "picture.changed",
    });
    let name = match (part.title.is_empty(), part.none) {
        (true, true) => kind.to_owned(),
        (true, false) => lang.f("picture.any", &[("kind", kind)]),
        (false, _) => part.title.clone(),
    };
    let name = match &part.count {
        Some(c) => format!("{name} {c}"),
        None => name,
    };
    if part.none {
        lang.f("picture.none", &[("x", &name)])
    } else {
        name
    }
}

/// One detail line in `lang`.
pub fn detail(d: &Detail, lang: Lang) -> String {
    match d.key {
        None => d.text.clone(),
        Some("state") => {
            let word = lang.t(&format!("state.{}", d.text));
            if word == "?" {
                d.text.clone()
            } else {
                word.to_owned()
            }
        }
        Some("in") if d.text.is_empty() => lang.f(
            "picture.d.in",
            &[(
                "x",
                &lang.f("picture.any", &[("kind", lang.t("picture.container"))]),
            )],
        ),
        Some(key) => lang.f(&format!("picture.d.{key}"), &[("x", &d.text)]),
    }
}

/// The picture of `parts`, each ticked when `met` says it holds.
pub fn draw(parts: &[Part], met: &[bool], lang: Lang) -> Html {
    if parts.is_empty() {
        return html! {};
    }
    let lay = layout(parts);
    let is_met = |i: usize| met.get(i).copied().unwrap_or(false);
    let tick = |i: usize, x: f64, y: f64| {
        let on = is_met(i);
        html! {
            <g class={classes!("berth-goal-tick", on.then_some("berth-goal-tick-on"))}>
                <circle cx={f(x)} cy={f(y)} r="7" />
                if on { <text x={f(x)} y={f(y + 4.0)} text-anchor="middle">{ "✓" }</text> }
            </g>
        }
    };
    let status = |i: usize| {
        lang.t(if is_met(i) {
            "picture.met"
        } else {
            "picture.open"
        })
    };
    let boxed = |b: &Placed, container: bool| -> Html {
        let part = b.part.and_then(|i| parts.get(i));
        let (heading, lines, kind, state) = match part {
            Some(p) => (
                title(p, lang),
                p.details
                    .iter()
                    .map(|d| detail(d, lang))
                    .collect::<Vec<_>>(),
                format!("berth-goal-{:?}", p.kind).to_lowercase(),
                p.details
                    .iter()
                    .find(|d| d.key == Some("state"))
                    .map(|d| format!("berth-state-{}", d.text)),
            ),
            None => (
                if b.label.is_empty() {
                    lang.f("picture.any", &[("kind", lang.t("picture.container"))])
                } else {
                    b.label.clone()
                },
                Vec::new(),
                "berth-goal-container".to_owned(),
                None,
            ),
        };
        let none = part.is_some_and(|p| p.none);
        let rows = lines.iter().enumerate().map(|(n, l)| {
            html! {
                <text class="berth-goal-sub" x={f(b.x + 6.0)} y={f(b.y + HEAD_H + LINE_H * n as f64 + 8.0)}>
                    { clip(l, 22) }</text>
            }
        });
        let met_class = b.part.map(|i| {
            if is_met(i) {
                "berth-goal-met"
            } else {
                "berth-goal-open"
            }
        });
        let label = match b.part {
            Some(i) => format!("{heading}: {}. {}", lines.join(", "), status(i)),
            None => heading.clone(),
        };
        html! {
            <g class={classes!(
                    if container { "berth-chip" } else { "berth-goal-box" },
                    b.part.is_some().then_some("berth-goal-part"),
                    kind, state, met_class, none.then_some("berth-goal-none"),
                    b.part.is_none().then_some("berth-goal-ghost"))}
                data-title={part.map(|p| p.title.clone()).unwrap_or_else(|| b.label.clone())}>
                <title>{ label }</title>
                <rect x={f(b.x)} y={f(b.y)} width={f(BOX_W)} height={f(b.h)} rx={if container { "4" } else { "8" }} />
                <text x={f(b.x + 6.0)} y={f(b.y + 14.0)}>{ clip(&heading, 19) }</text>
                { for rows }
                if let Some(i) = b.part { { tick(i, b.x + BOX_W - 9.0, b.y + 9.0) } }
            </g>
        }
    };
    let containers = lay.containers.iter().map(|b| boxed(b, true));
    let boxes = lay.boxes.iter().map(|b| boxed(b, false));
    let bands = lay.bands.iter().filter_map(|b| {
        let p = parts.get(b.part)?;
        let mut text = title(p, lang);
        let details: Vec<String> = p.details.iter().map(|d| detail(d, lang)).collect();
        if !details.is_empty() {
            text = format!("{text} ({})", details.join(", "));
        }
        if !p.members.is_empty() {
            text = format!("{text}: {}", p.members.join(", "));
        }
        let w = lay.width - 2.0 * PAD;
        Some(html! {
            <g class={classes!("berth-band", "berth-goal-part", "berth-goal-network",
                    if is_met(b.part) { "berth-goal-met" } else { "berth-goal-open" })}
                data-title={p.title.clone()}>
                <title>{ format!("{}: {text}. {}", lang.t("picture.network"), status(b.part)) }</title>
                <rect x={f(PAD)} y={f(b.y)} width={f(w)} height={f(BAND_H)} rx="6" />
                <text x={f(PAD + 8.0)} y={f(b.y + 15.0)}>{ clip(&text, 80) }</text>
                { tick(b.part, PAD + w - 10.0, b.y + BAND_H / 2.0) }
            </g>
        })
    });
    let arcs = lay.arcs.iter().filter_map(|a| {
        let p = parts.get(a.part)?;
        let mid = (a.from.0 + a.to.0) / 2.0;
        let lift = PAD + 4.0;
        let (fx, tx) = if (a.from.0 - a.to.0).abs() < 1.0 {
            (a.from.0 - 30.0, a.to.0 + 30.0)
        } else {
            (a.from.0, a.to.0)
        };
        let path = format!(
            "M {} {} C {} {} {} {} {} {}",
            f(fx),
            f(a.from.1),
            f(fx),
            f(lift),
            f(tx),
            f(lift),
            f(tx),
            f(a.to.1 - 2.0)
        );
        let label = lang.f("picture.as", &[("x", &p.title)]);
        Some(html! {
            <g class={classes!("berth-edge", "berth-edge-link", "berth-goal-part", "berth-goal-reach",
                    if is_met(a.part) { "berth-goal-met" } else { "berth-goal-open" })}
                data-title={p.title.clone()}>
                <title>{ format!("{} → {} ({label}). {}", p.members.first().cloned().unwrap_or_default(),
                    p.members.get(1).cloned().unwrap_or_default(), status(a.part)) }</title>
                <path d={path} marker-end="url(#berth-goal-arrow)" />
                { tick(a.part, mid, lift + 6.0) }
                <text x={f(mid + 10.0)} y={f(lift + 10.0)}>{ label }</text>
            </g>
        })
    });
    html! {
        <svg class="berth-goal" width={f(lay.width)} height={f(lay.height)}
            viewBox={format!("0 0 {} {}", f(lay.width), f(lay.height))} role="img"
            aria-label={lang.t("picture.label")}>
            <defs>
                <marker id="berth-goal-arrow" viewBox="0 0 8 8" refX="7" refY="4" markerWidth="7"
                    markerHeight="7" orient="auto"><path d="M0 0 L8 4 L0 8 z" /></marker>
            </defs>
            { for bands }
            { for containers }
            { for arcs }
            { for boxes }
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::lesson::{self, picture};

    fn parts_of(id: &str) -> Vec<Part> {
        let all = lesson::all().unwrap_or_default();
        let l = all.iter().find(|l| l.id == id);
        l.map(|l| picture::parts(&l.goal)).unwrap_or_default()
    }

    /// Boxes as `title@x,y`, arcs as `a->b`, bands as `name@y`.
    fn check(id: &str, expected: &str) {
        let parts = parts_of(id);
        let lay = layout(&parts);
        let name = |p: &Placed| match p.part {
            Some(i) => parts[i].title.clone(),
            None => format!("({})", p.label),
        };
        let mut out: Vec<String> = lay
            .containers
            .iter()
            .chain(&lay.boxes)
            .map(|b| format!("{}@{},{}", name(b), b.x, b.y))
            .collect();
        out.extend(
            lay.arcs
                .iter()
                .map(|a| format!("{}:{}->{}", parts[a.part].title, a.from.0, a.to.0)),
        );
        out.extend(
            lay.bands
                .iter()
                .map(|b| format!("{}@{}", parts[b.part].title, b.y)),
        );
        assert_eq!(out.join(" "), expected, "{id}");
    }

    #[test]
    fn lesson_pictures_are_laid_out() {
        check("basics", "web@6,6");
        check("mysql", "my-mysql@6,32 (mysql:5.7)@168,32 server:243->81");
        check(
            "volumes",
            "mydata@6,6 /data/note.txt@168,6 C:\\temp1\\note.txt@330,6",
        );
        check("dangling", "@6,6 myimg@168,6");
        for l in lesson::all().unwrap_or_default() {
            let lay = layout(&picture::parts(&l.goal));
            assert!(lay.width <= MAX_W + PAD && lay.height > 0.0, "{}", l.id);
        }
    }

    #[test]
    fn titles_and_details_speak_the_page_language() {
        let parts = parts_of("dangling");
        assert_eq!(title(&parts[0], Lang::En), "no image");
        assert_eq!(title(&parts[0], Lang::Zh), "没有 镜像");
        assert_eq!(title(&parts[1], Lang::En), "myimg");
        assert_eq!(detail(&parts[0].details[0], Lang::En), "dangling");
        let mysql = parts_of("mysql");
        assert_eq!(detail(&mysql[0].details[1], Lang::Zh), "运行中");
    }
}
