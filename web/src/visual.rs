//! The visualizer: what the engine holds, drawn as SVG by Yew as commands run. At the top the
//! three parts — client → daemon → registry — with the Engine API calls of the last command
//! travelling between them; below, images as stacks of layers (a layer shared by several
//! images drawn once, under all of them; dangling images marked) and each container as its
//! writable layer on its image, coloured by state. Then the networks, volumes and host
//! folders with what each container is wired to ([`crate::wiring`]). Clicking an object shows
//! its summary. The same state as text for screen readers, and a live region saying what the
//! last command changed.
//!
//! The layout and the changes are pure functions of [`Snapshot`]s, tested natively.

use berth::collections::SmallSort;
use std::rc::Rc;

use berth::snapshot::{ContainerView, ImageView, Snapshot};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::wiring;

/// Width of one column (an image, or one container on it).
const UNIT: f64 = 118.0;
/// Gap between image columns.
const GAP: f64 = 10.0;
/// Height of a read-only layer.
const LAYER_H: f64 = 13.0;
/// Height of a container's writable layer.
const CONTAINER_H: f64 = 24.0;
/// Room for an image's label above its stack.
const LABEL_H: f64 = 18.0;
/// Margin around the drawing.
const PAD: f64 = 8.0;

/// A read-only layer, drawn under every image that has it at that height.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width: spans all images sharing it.
    pub w: f64,
    /// The layer's diff id.
    pub diff_id: String,
    /// How many images have it (drawn under all of them when they stand side by side;
    /// otherwise marked shared wherever it shows).
    pub images: usize,
}

/// An image: the column over its stack of layers.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageBox {
    /// Left edge of the column.
    pub x: f64,
    /// Width of the column.
    pub w: f64,
    /// Baseline of the label.
    pub label_y: f64,
    /// Top of its top layer.
    pub top: f64,
    /// The image.
    pub image: ImageView,
}

/// A container: its writable layer on top of its image's.
#[derive(Clone, Debug, PartialEq)]
pub struct ContainerBox {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// The container.
    pub container: ContainerView,
}

/// Where everything goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Layers, each once.
    pub layers: Vec<LayerBox>,
    /// Images, left to right.
    pub images: Vec<ImageBox>,
    /// Containers.
    pub containers: Vec<ContainerBox>,
}

/// An image's name as `docker images` would show it (`nginx:latest`, `<none>:<none>`).
pub fn image_label(image: &ImageView) -> String {
    image
        .tags
        .first()
        .cloned()
        .unwrap_or_else(|| "<none>:<none>".to_owned())
}

/// The 12-hex short id docker prints.
pub fn short_id(id: &str) -> &str {
    let hex = id.trim_start_matches("sha256:");
    hex.get(..12).unwrap_or(hex)
}

/// Lays out `snap`: images sorted by their layers, so images sharing lower layers stand side
/// by side and a shared layer is one box under all of them.
pub fn layout(snap: &Snapshot) -> Layout {
    let mut images: Vec<&ImageView> = snap.images.iter().collect();
    images.small_sort_by(|a, b| a.layers.cmp(&b.layers).then(a.id.cmp(&b.id)));
    let containers_of = |image: &ImageView| -> Vec<&ContainerView> {
        snap.containers
            .iter()
            .filter(|c| c.image == image.id)
            .collect()
    };
    let depth = images.iter().map(|i| i.layers.len()).max().unwrap_or(0);
    let base = PAD + LABEL_H + CONTAINER_H + 4.0 + depth as f64 * LAYER_H;
    let mut out = Layout {
        height: base + PAD,
        ..Layout::default()
    };
    let mut x = PAD;
    let mut columns = Vec::new();
    for image in &images {
        let on_it = containers_of(image);
        let w = UNIT * on_it.len().max(1) as f64;
        let top = base - image.layers.len() as f64 * LAYER_H;
        for (k, c) in on_it.iter().enumerate() {
            out.containers.push(ContainerBox {
                x: x + k as f64 * UNIT + 2.0,
                y: top - CONTAINER_H - 2.0,
                w: UNIT - 4.0,
                container: (*c).clone(),
            });
        }
        let label_y = if on_it.is_empty() {
            top - 5.0
        } else {
            top - CONTAINER_H - 7.0
        };
        out.images.push(ImageBox {
            x,
            w,
            label_y,
            top,
            image: (*image).clone(),
        });
        columns.push((x, w));
        x += w + GAP;
    }
    out.width = (x - GAP + PAD).max(2.0 * PAD);
    // At each height, consecutive images with the same layers up to there share one box.
    for d in 0..depth {
        let y = base - (d + 1) as f64 * LAYER_H;
        let mut i = 0;
        while i < images.len() {
            if images[i].layers.len() <= d {
                i += 1;
                continue;
            }
            let prefix = &images[i].layers[..=d];
            let mut j = i + 1;
            while j < images.len()
                && images[j].layers.len() > d
                && &images[j].layers[..=d] == prefix
            {
                j += 1;
            }
            let (x0, _) = columns[i];
            let (xl, wl) = columns[j - 1];
            let diff_id = images[i].layers[d].clone();
            let users = images
                .iter()
                .filter(|i| i.layers.contains(&diff_id))
                .count();
            out.layers.push(LayerBox {
                x: x0,
                y,
                w: xl + wl - x0,
                diff_id,
                images: users,
            });
            i = j;
        }
    }
    out
}

/// One thing a command changed, for the live region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A new image (pulled, committed, loaded).
    ImageAdded(String),
    /// An image was removed.
    ImageRemoved(String),
    /// An image lost its last tag.
    ImageDangling(String),
    /// A container was created.
    ContainerCreated(String),
    /// A container's state changed (to the word given).
    ContainerState(String, String),
    /// A container was removed.
    ContainerRemoved(String),
    /// A volume was created.
    VolumeAdded(String),
    /// A volume was removed.
    VolumeRemoved(String),
    /// A network was created.
    NetworkAdded(String),
    /// A network was removed.
    NetworkRemoved(String),
    /// A container joined a network: (container, network).
    Connected(String, String),
    /// A container left a network: (container, network).
    Disconnected(String, String),
}

impl Change {
    /// The sentence the page says.
    pub fn say(&self, lang: Lang) -> String {
        let (key, name, state) = match self {
            Change::VolumeAdded(n) => ("change.volume_added", n, ""),
            Change::VolumeRemoved(n) => ("change.volume_removed", n, ""),
            Change::NetworkAdded(n) => ("change.network_added", n, ""),
            Change::NetworkRemoved(n) => ("change.network_removed", n, ""),
            Change::Connected(n, net) | Change::Disconnected(n, net) => {
                let key = if matches!(self, Change::Connected(..)) {
                    "change.connected"
                } else {
                    "change.disconnected"
                };
                return lang.f(key, &[("name", n), ("network", net)]);
            }
            Change::ImageAdded(n) => ("change.image_added", n, ""),
            Change::ImageRemoved(n) => ("change.image_removed", n, ""),
            Change::ImageDangling(n) => ("change.image_dangling", n, ""),
            Change::ContainerCreated(n) => ("change.container_created", n, ""),
            Change::ContainerState(n, s) => ("change.container_state", n, s.as_str()),
            Change::ContainerRemoved(n) => ("change.container_removed", n, ""),
        };
        let state = lang.t(&format!("state.{state}"));
        lang.f(key, &[("name", name), ("state", state)])
    }
}

/// What changed from `before` to `after`, images first.
pub fn changes(before: &Snapshot, after: &Snapshot) -> Vec<Change> {
    let mut out = Vec::new();
    for i in &after.images {
        match before.images.iter().find(|b| b.id == i.id) {
            None => out.push(Change::ImageAdded(image_label(i))),
            Some(b) if !b.tags.is_empty() && i.tags.is_empty() => {
                out.push(Change::ImageDangling(short_id(&i.id).to_owned()));
            }
            Some(_) => {}
        }
    }
    for b in &before.images {
        if !after.images.iter().any(|i| i.id == b.id) {
            out.push(Change::ImageRemoved(image_label(b)));
        }
    }
    for c in &after.containers {
        match before.containers.iter().find(|b| b.id == c.id) {
            None => {
                out.push(Change::ContainerCreated(c.name.clone()));
                if c.state != "created" {
                    out.push(Change::ContainerState(c.name.clone(), c.state.clone()));
                }
            }
            Some(b) if b.state != c.state => {
                out.push(Change::ContainerState(c.name.clone(), c.state.clone()));
            }
            Some(_) => {}
        }
    }
    for b in &before.containers {
        if !after.containers.iter().any(|c| c.id == b.id) {
            out.push(Change::ContainerRemoved(b.name.clone()));
        }
    }
    wiring_changes(before, after, &mut out);
    out
}

/// What changed in volumes and networks: created, removed, joined, left.
fn wiring_changes(before: &Snapshot, after: &Snapshot, out: &mut Vec<Change>) {
    let added = |a: &[String], b: &[String]| -> Vec<String> {
        a.iter().filter(|x| !b.contains(x)).cloned().collect()
    };
    let names =
        |s: &Snapshot| -> Vec<String> { s.volumes.iter().map(|v| v.name.clone()).collect() };
    let (old, new) = (names(before), names(after));
    out.extend(added(&new, &old).into_iter().map(Change::VolumeAdded));
    out.extend(added(&old, &new).into_iter().map(Change::VolumeRemoved));
    let nets = |s: &Snapshot| -> Vec<String> {
        s.wiring.networks.iter().map(|n| n.name.clone()).collect()
    };
    let (old, new) = (nets(before), nets(after));
    out.extend(added(&new, &old).into_iter().map(Change::NetworkAdded));
    out.extend(added(&old, &new).into_iter().map(Change::NetworkRemoved));
    // Membership of containers that exist before and after (creating and removing one is
    // told already).
    let members = |s: &Snapshot| -> Vec<(String, String)> {
        s.wiring
            .networks
            .iter()
            .flat_map(|n| {
                n.members
                    .iter()
                    .map(|m| (m.container.clone(), n.name.clone()))
            })
            .collect()
    };
    let (old, new) = (members(before), members(after));
    let both = |id: &str| {
        before.containers.iter().any(|c| c.id == id) && after.containers.iter().any(|c| c.id == id)
    };
    for (id, net) in new.iter().filter(|m| !old.contains(m) && both(&m.0)) {
        out.push(Change::Connected(wiring::name_of(after, id), net.clone()));
    }
    for (id, net) in old.iter().filter(|m| !new.contains(m) && both(&m.0)) {
        out.push(Change::Disconnected(
            wiring::name_of(after, id),
            net.clone(),
        ));
    }
}

/// The colour of a container's state.
fn state_colour(state: &str) -> &'static str {
    match state {
        "running" => "#13a10e",
        "paused" => "#c19c00",
        "restarting" => "#ca5010",
        "created" => "#3b78ff",
        "dead" | "removing" => "#c50f1f",
        _ => "#767676",
    }
}

/// A layer's colour, from its diff id (the same layer is the same colour everywhere).
fn layer_colour(diff_id: &str, shared: bool) -> String {
    let hex = diff_id.trim_start_matches("sha256:");
    let hue = u32::from_str_radix(hex.get(..3).unwrap_or("0"), 16).unwrap_or(0) % 360;
    if shared {
        format!("hsl({hue} 55% 42%)")
    } else {
        format!("hsl({hue} 25% 32%)")
    }
}

/// What was clicked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    /// An image, by id.
    Image(String),
    /// A container, by id.
    Container(String),
    /// A layer, by diff id.
    Layer(String),
    /// A volume, by name.
    Volume(String),
    /// A host folder, by its path as typed.
    Folder(String),
    /// A network, by id.
    Network(String),
}

/// Properties of [`Visualizer`].
#[derive(Properties, PartialEq)]
pub struct VisualProps {
    /// The state to draw.
    pub snapshot: Rc<Snapshot>,
    /// The Engine API calls of the last command (`POST /containers/create`).
    pub calls: Rc<Vec<String>>,
    /// Whether the last command reached the registry (a pull).
    pub registry: bool,
    /// Counts commands: a new one starts the animation again.
    pub seq: u64,
    /// What the last command changed.
    pub said: Rc<Vec<Change>>,
    /// The page's language.
    pub lang: Lang,
    /// Told when an object was clicked with the mouse (the terminal then takes the keyboard
    /// back, so typing goes on).
    #[prop_or_default]
    pub on_pick: Callback<()>,
}

/// The visualizer panel. What depends only on the state (the drawing, the text view) is in
/// components that render again only when the state changed, so a command that changes
/// nothing, or one object among hundreds, costs the page little.
#[component]
pub fn Visualizer(props: &VisualProps) -> Html {
    let picked = use_state(|| None::<Picked>);
    let lang = props.lang;
    let snap = &props.snapshot;
    let pick = {
        let picked = picked.setter();
        let on_pick = props.on_pick.clone();
        Callback::from(move |(p, by_mouse): (Picked, bool)| {
            picked.set(Some(p));
            if by_mouse {
                on_pick.emit(());
            }
        })
    };
    html! {
        <aside class="berth-visual" aria-label={lang.t("visual.label")}>
            <Parts calls={props.calls.clone()} registry={props.registry} seq={props.seq} {lang} />
            <div class="berth-said" aria-live="polite" role="status">
                { for props.said.iter().map(|c| html! { <div>{ c.say(lang) }</div> }) }
            </div>
            <Drawing snapshot={snap.clone()} {lang} {pick} />
            { details(snap, picked.as_ref(), lang) }
            <TextView snapshot={snap.clone()} {lang} />
        </aside>
    }
}

/// Properties of [`Drawing`] and [`TextView`].
#[derive(Properties)]
struct StateProps {
    snapshot: Rc<Snapshot>,
    lang: Lang,
    /// Told what was picked, and whether by the mouse.
    #[prop_or_default]
    pick: Callback<(Picked, bool)>,
}

impl PartialEq for StateProps {
    /// The same state (the same `Rc`: the app makes a new one only when the state changed)
    /// in the same language. The callback is left out: every one the app makes does the same.
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.snapshot, &other.snapshot) && self.lang == other.lang
    }
}

/// The images, containers and wiring drawn; renders again only when the state changed.
#[component]
fn Drawing(props: &StateProps) -> Html {
    let lang = props.lang;
    let snap = &props.snapshot;
    let lay = layout(snap);
    let pick = &props.pick;
    let layers = lay.layers.iter().map(|l| {
        html! {
            <LayerRect key={format!("{}@{}", l.diff_id, l.x)} x={l.x} y={l.y} w={l.w}
                diff_id={l.diff_id.clone()} images={l.images} {lang} pick={pick.clone()} />
        }
    });
    let images = lay.images.iter().map(|i| {
        html! {
            <ImageLabel key={i.image.id.clone()} x={i.x} w={i.w} label_y={i.label_y} top={i.top}
                bottom={lay.height - PAD} id={i.image.id.clone()} label={image_label(&i.image)}
                dangling={i.image.tags.is_empty()} {lang} pick={pick.clone()} />
        }
    });
    let containers = lay.containers.iter().map(|c| {
        let v = &c.container;
        html! {
            <ContainerBlock key={v.id.clone()} x={c.x} y={c.y} w={c.w} id={v.id.clone()}
                name={v.name.clone()} state={v.state.clone()} {lang} pick={pick.clone()} />
        }
    });
    let empty = snap.images.is_empty() && snap.containers.is_empty();
    let wired = wiring::draw(snap, lang, pick);

    html! {
        <>
            <h2>{ lang.t("visual.images") }</h2>
            if empty {
                <p class="berth-hint">{ lang.t("visual.empty") }</p>
            } else {
                <div class="berth-stacks">
                    <svg class="berth-stacks-svg" width={lay.width.to_string()} height={lay.height.to_string()}
                        viewBox={format!("0 0 {} {}", lay.width, lay.height)} role="group"
                        aria-label={lang.t("visual.stacks_label")}>
                        // Each list in its own group, keyed: a change to one list leaves
                        // the others' elements where they are.
                        <g class="berth-layers">{ for layers }</g>
                        <g class="berth-images">{ for images }</g>
                        <g class="berth-containers">{ for containers }</g>
                    </svg>
                </div>
                <p class="berth-legend">
                    <span class="berth-key berth-key-shared"></span>{ lang.t("visual.legend_shared") }
                    <span class="berth-key berth-key-running"></span>{ lang.t("state.running") }
                    <span class="berth-key berth-key-exited"></span>{ lang.t("state.exited") }
                    <span class="berth-key berth-key-created"></span>{ lang.t("state.created") }
                    <span class="berth-key berth-key-dangling"></span>{ lang.t("visual.legend_dangling") }
                </p>
            }
            <h2>{ lang.t("visual.wiring") }</h2>
            { wired }
            <p class="berth-legend">
                <span class="berth-key berth-key-volume"></span>{ lang.t("wiring.legend_volume") }
                <span class="berth-key berth-key-folder"></span>{ lang.t("wiring.legend_folder") }
                <span class="berth-key berth-key-link"></span>{ lang.t("wiring.legend_link") }
                <span class="berth-key berth-key-port"></span>{ lang.t("wiring.legend_port") }
            </p>
        </>
    }
}

/// The click and key handlers of a drawn object: the mouse picks it and gives the keyboard
/// back to the terminal; Enter or Space picks it and leaves the focus on it.
pub(crate) fn pickers(
    pick: &Callback<(Picked, bool)>,
    p: Picked,
) -> (Callback<MouseEvent>, Callback<KeyboardEvent>) {
    let click = {
        let pick = pick.clone();
        let p = p.clone();
        Callback::from(move |_: MouseEvent| pick.emit((p.clone(), true)))
    };
    let pick = pick.clone();
    let key = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" || e.key() == " " {
            e.prevent_default();
            pick.emit((p.clone(), false));
        }
    });
    (click, key)
}

/// Declares a drawn object's properties: its fields and the pick callback, equal when the
/// fields are (the callback is left out: every one the app makes does the same). An object
/// whose fields did not change is not drawn again.
macro_rules! object_props {
    ($(#[$m:meta])* $name:ident { $($(#[$fm:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        $(#[$m])*
        #[derive(Properties)]
        pub(crate) struct $name {
            $($(#[$fm])* pub(crate) $field: $ty,)*
            /// Told what was picked, and whether by the mouse.
            pub(crate) pick: Callback<(Picked, bool)>,
        }
        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                true $(&& self.$field == other.$field)*
            }
        }
    };
}
pub(crate) use object_props;

object_props!(
    /// Properties of [`LayerRect`].
    LayerProps { x: f64, y: f64, w: f64, diff_id: String, images: usize, lang: Lang }
);

/// A read-only layer.
#[component]
fn LayerRect(props: &LayerProps) -> Html {
    let (lang, shared) = (props.lang, props.images > 1);
    let title = if shared {
        lang.f(
            "visual.layer_shared",
            &[
                ("id", short_id(&props.diff_id)),
                ("n", &props.images.to_string()),
            ],
        )
    } else {
        lang.f("visual.layer", &[("id", short_id(&props.diff_id))])
    };
    let (click, key) = pickers(&props.pick, Picked::Layer(props.diff_id.clone()));
    html! {
        <rect class={classes!("berth-layer", shared.then_some("berth-layer-shared"))}
            x={(props.x + 1.0).to_string()} y={(props.y + 0.5).to_string()}
            width={(props.w - 2.0).to_string()} height={(LAYER_H - 1.0).to_string()} rx="2"
            fill={layer_colour(&props.diff_id, shared)} tabindex="0" role="button"
            aria-label={title.clone()} onclick={click} onkeydown={key}>
            <title>{title}</title>
        </rect>
    }
}

object_props!(
    /// Properties of [`ImageLabel`].
    ImageProps {
        x: f64,
        w: f64,
        label_y: f64,
        top: f64,
        /// The bottom of the drawing (a dangling image's mark reaches it).
        bottom: f64,
        id: String,
        label: String,
        dangling: bool,
        lang: Lang,
    }
);

/// An image's column: its name over its stack (a dangling one marked).
#[component]
fn ImageLabel(props: &ImageProps) -> Html {
    let lang = props.lang;
    let label = if props.dangling {
        "<none>"
    } else {
        props.label.as_str()
    };
    let name = if props.dangling {
        format!("<none> {}", lang.t("visual.dangling"))
    } else {
        label.to_owned()
    };
    let (click, key) = pickers(&props.pick, Picked::Image(props.id.clone()));
    let (x, w, top) = (props.x, props.w, props.top);
    html! {
        <g class={classes!("berth-image", props.dangling.then_some("berth-dangling"))}
            data-id={props.id.clone()} tabindex="0" role="button"
            aria-label={lang.f("visual.image_button", &[("name", &name)])}
            onclick={click} onkeydown={key}>
            if props.dangling {
                <rect class="berth-dangling-mark" x={(x - 2.0).to_string()}
                    y={(top - 1.0).to_string()} width={(w + 4.0).to_string()}
                    height={(props.bottom - top + 2.0).to_string()} rx="4" />
            }
            <text x={(x + w / 2.0).to_string()} y={props.label_y.to_string()}
                text-anchor="middle">{ clip(label, w) }</text>
        </g>
    }
}

object_props!(
    /// Properties of [`ContainerBlock`].
    ContainerProps { x: f64, y: f64, w: f64, id: String, name: String, state: String, lang: Lang }
);

/// A container: its writable layer, coloured by state.
#[component]
fn ContainerBlock(props: &ContainerProps) -> Html {
    let lang = props.lang;
    let state = lang.t(&format!("state.{}", props.state));
    let (click, key) = pickers(&props.pick, Picked::Container(props.id.clone()));
    let (x, y, w) = (props.x, props.y, props.w);
    html! {
        <g class={classes!("berth-container", format!("berth-state-{}", props.state))}
            data-name={props.name.clone()} tabindex="0" role="button"
            aria-label={lang.f("visual.container_button", &[("name", &props.name), ("state", state)])}
            onclick={click} onkeydown={key}>
            <rect x={x.to_string()} y={y.to_string()} width={w.to_string()}
                height={CONTAINER_H.to_string()} rx="4" fill={state_colour(&props.state)} />
            <text x={(x + w / 2.0).to_string()} y={(y + 16.0).to_string()}
                text-anchor="middle">{ clip(&props.name, w) }</text>
        </g>
    }
}

/// The state as text for screen readers; renders again only when the state changed.
#[component]
fn TextView(props: &StateProps) -> Html {
    html! {
        <details class="berth-text-view">
            <summary>{ props.lang.t("visual.as_text") }</summary>
            { text_view(&props.snapshot, props.lang) }
        </details>
    }
}

/// Shortens `text` to what fits in `width` pixels of the drawing's font.
fn clip(text: &str, width: f64) -> String {
    let fits = ((width - 8.0) / 6.6).max(3.0) as usize;
    if text.chars().count() <= fits {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(fits.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

/// The summary of what was clicked, in `docker inspect`'s terms.
fn details(snap: &Snapshot, picked: Option<&Picked>, lang: Lang) -> Html {
    let rows: Vec<(&str, String)> = match picked {
        None => return html! {},
        Some(Picked::Image(id)) => {
            let Some(i) = snap.images.iter().find(|i| &i.id == id) else {
                return html! {};
            };
            let users: Vec<&str> = snap
                .containers
                .iter()
                .filter(|c| &c.image == id)
                .map(|c| c.name.as_str())
                .collect();
            vec![
                ("Id", i.id.clone()),
                (
                    "RepoTags",
                    if i.tags.is_empty() {
                        lang.t("visual.none_dangling").to_owned()
                    } else {
                        i.tags.join(", ")
                    },
                ),
                ("RootFS.Layers", i.layers.len().to_string()),
                ("Size", human_size(i.size)),
                ("Containers", users.join(", ")),
            ]
        }
        Some(Picked::Container(id)) => {
            let Some(c) = snap.containers.iter().find(|c| &c.id == id) else {
                return html! {};
            };
            let image = snap
                .images
                .iter()
                .find(|i| i.id == c.image)
                .map_or_else(|| short_id(&c.image).to_owned(), image_label);
            vec![
                ("Name", format!("/{}", c.name)),
                ("Id", c.id.clone()),
                ("Image", image),
                ("State.Status", c.state.clone()),
                ("State.ExitCode", c.exit_code.to_string()),
                ("Ports", c.ports.join(", ")),
                ("Networks", networks_of(snap, id)),
                ("Mounts", mounts_of(snap, id)),
            ]
        }
        Some(Picked::Layer(diff)) => {
            let users: Vec<String> = snap
                .images
                .iter()
                .filter(|i| i.layers.contains(diff))
                .map(image_label)
                .collect();
            vec![("DiffID", diff.clone()), ("Images", users.join(", "))]
        }
        Some(Picked::Volume(name)) => {
            let users = mount_users(snap, "volume", name);
            vec![
                ("Name", name.clone()),
                ("Driver", "local".to_owned()),
                (
                    "Mountpoint",
                    format!("/var/lib/docker/volumes/{name}/_data"),
                ),
                ("Containers", users.join(", ")),
            ]
        }
        Some(Picked::Folder(path)) => {
            let users = mount_users(snap, "bind", path);
            vec![
                ("Type", "bind".to_owned()),
                ("Source", path.clone()),
                ("Containers", users.join(", ")),
            ]
        }
        Some(Picked::Network(id)) => {
            let Some(n) = snap.wiring.networks.iter().find(|n| &n.id == id) else {
                return html! {};
            };
            let members: Vec<String> = n
                .members
                .iter()
                .map(|m| {
                    let name = wiring::name_of(snap, &m.container);
                    if m.ip.is_empty() {
                        name
                    } else {
                        format!("{name} {}", m.ip)
                    }
                })
                .collect();
            vec![
                ("Name", n.name.clone()),
                ("Id", n.id.clone()),
                ("Driver", n.driver.clone()),
                ("IPAM.Config.Subnet", n.subnet.clone()),
                ("IPAM.Config.Gateway", n.gateway.clone()),
                ("Containers", members.join(", ")),
            ]
        }
    };
    html! {
        <div class="berth-details" aria-live="polite">
            <h2>{ lang.t("visual.inspect") }</h2>
            <dl>
                { for rows.into_iter().map(|(k, v)| html! { <><dt>{k}</dt><dd>{v}</dd></> }) }
            </dl>
        </div>
    }
}

/// A container's networks and addresses (`bridge 172.17.0.2`), or its shared mode.
fn networks_of(snap: &Snapshot, id: &str) -> String {
    let w = &snap.wiring;
    if let Some(s) = w
        .shared
        .iter()
        .find(|s| s.container == id && s.mode == "container")
    {
        return format!("container:{}", wiring::name_of(snap, &s.with));
    }
    let nets: Vec<String> = w
        .networks
        .iter()
        .filter_map(|n| {
            let m = n.members.iter().find(|m| m.container == id)?;
            Some(if m.ip.is_empty() {
                n.name.clone()
            } else {
                format!("{} {}", n.name, m.ip)
            })
        })
        .collect();
    nets.join(", ")
}

/// A container's mounts as `source:destination`.
fn mounts_of(snap: &Snapshot, id: &str) -> String {
    let mounts: Vec<String> = snap
        .wiring
        .mounts
        .iter()
        .filter(|m| m.container == id)
        .map(|m| {
            format!(
                "{}:{}{}",
                m.source,
                m.destination,
                if m.rw { "" } else { ":ro" }
            )
        })
        .collect();
    mounts.join(", ")
}

/// Sizes as docker prints them (`187MB`).
fn human_size(bytes: u64) -> String {
    berth::format::units::human_size(bytes as f64)
}

/// The state as lists, for screen readers and for anyone who prefers text.
fn text_view(snap: &Snapshot, lang: Lang) -> Html {
    let images = snap.images.iter().map(|i| {
        let shared = i
            .layers
            .iter()
            .filter(|l| snap.images.iter().filter(|o| o.layers.contains(l)).count() > 1)
            .count();
        let mut line = lang.f(
            "text.image",
            &[
                ("name", &image_label(i)),
                ("n", &i.layers.len().to_string()),
                ("shared", &shared.to_string()),
            ],
        );
        if i.tags.is_empty() {
            line.push_str(lang.t("text.dangling"));
        }
        html! { <li>{line}</li> }
    });
    let containers = snap.containers.iter().map(|c| {
        let image = snap
            .images
            .iter()
            .find(|i| i.id == c.image)
            .map_or_else(|| short_id(&c.image).to_owned(), image_label);
        let state = lang.t(&format!("state.{}", c.state));
        html! { <li>{ lang.f("text.container", &[("name", &c.name), ("state", state), ("image", &image)]) }</li> }
    });
    html! {
        <div class="berth-text">
            <p>{ lang.f("text.counts", &[
                ("images", &snap.images.len().to_string()),
                ("layers", &snap.layers.to_string()),
                ("containers", &snap.containers.len().to_string()),
            ]) }</p>
            <ul aria-label={lang.t("visual.images")}>{ for images }</ul>
            <ul aria-label={lang.t("visual.containers")}>{ for containers }</ul>
            <ul aria-label={lang.t("visual.wiring")}>
                { for wiring::sentences(snap, lang).into_iter().map(|l| html! { <li>{l}</li> }) }
            </ul>
        </div>
    }
}

/// Properties of [`Parts`].
#[derive(Properties, PartialEq)]
struct PartsProps {
    calls: Rc<Vec<String>>,
    registry: bool,
    seq: u64,
    lang: Lang,
}

/// Client → daemon → registry, with the last command's API calls travelling along.
#[component]
fn Parts(props: &PartsProps) -> Html {
    let lang = props.lang;
    let active = !props.calls.is_empty();
    let boxes = [
        (10.0, "client", lang.t("visual.client"), "docker CLI"),
        (150.0, "daemon", lang.t("visual.daemon"), "dockerd"),
        (290.0, "registry", lang.t("visual.registry"), "Docker Hub"),
    ];
    html! {
        <div class="berth-parts">
            <svg viewBox="0 0 400 74" class="berth-parts-svg" role="img"
                aria-label={lang.t("visual.parts_label")}>
                { for boxes.iter().map(|(x, class, name, sub)| html! {
                    <g class={format!("berth-part berth-part-{class}")}>
                        <rect x={x.to_string()} y="14" width="100" height="46" rx="6" />
                        <text x={(x + 50.0).to_string()} y="34" text-anchor="middle">{*name}</text>
                        <text class="berth-part-sub" x={(x + 50.0).to_string()} y="50" text-anchor="middle">{*sub}</text>
                    </g>
                }) }
                <line class={classes!("berth-wire", active.then_some("berth-wire-on"))} x1="110" y1="37" x2="150" y2="37" />
                <line class={classes!("berth-wire", props.registry.then_some("berth-wire-on"))} x1="250" y1="37" x2="290" y2="37" />
                if active {
                    <circle key={format!("a{}", props.seq)} class="berth-packet berth-packet-api" cx="110" cy="37" r="5" />
                }
                if props.registry {
                    <circle key={format!("r{}", props.seq)} class="berth-packet berth-packet-pull" cx="250" cy="37" r="5" />
                }
            </svg>
            <ul class="berth-calls" aria-label={lang.t("visual.calls")}>
                if props.calls.is_empty() {
                    <li class="berth-hint">{ lang.t("visual.no_calls") }</li>
                }
                { for props.calls.iter().map(|c| html! { <li key={c.clone()}><code>{c}</code></li> }) }
                if props.registry {
                    <li><code>{"registry: GET /v2/…/manifests, /blobs"}</code></li>
                }
            </ul>
        </div>
    }
}

/// The containers that mount `source` (a volume's name or a host folder) as `kind`, each with
/// where it mounts it: `web (/data)`.
fn mount_users(snap: &Snapshot, kind: &str, source: &str) -> Vec<String> {
    snap.wiring
        .mounts
        .iter()
        .filter(|m| m.kind == kind && m.source == source)
        .map(|m| {
            format!(
                "{} ({})",
                wiring::name_of(snap, &m.container),
                m.destination
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image(id: &str, tags: &[&str], layers: &[&str]) -> ImageView {
        ImageView {
            id: id.to_owned(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            layers: layers.iter().map(|l| (*l).to_owned()).collect(),
            size: 1000,
        }
    }

    fn container(id: &str, name: &str, image: &str, state: &str) -> ContainerView {
        ContainerView {
            id: id.to_owned(),
            name: name.to_owned(),
            image: image.to_owned(),
            state: state.to_owned(),
            exit_code: 0,
            ports: Vec::new(),
        }
    }

    /// The layers as `diff_id×images@column` left to right, bottom up.
    fn layers(snap: &Snapshot) -> Vec<String> {
        let lay = layout(snap);
        lay.layers
            .iter()
            .map(|l| {
                let col = ((l.x - PAD) / (UNIT + GAP)).round();
                format!("{}×{}@{col}", l.diff_id, l.images)
            })
            .collect()
    }

    #[test]
    fn shared_layers_are_drawn_once_under_every_image() {
        let snap = Snapshot {
            images: vec![
                image("i3", &["other:1"], &["x"]),
                image("i1", &["nginx:latest"], &["a", "b", "c"]),
                image("i2", &["nginx:alpine"], &["a", "b", "d"]),
            ],
            containers: Vec::new(),
            layers: 5,
            ..Snapshot::default()
        };
        assert_eq!(layers(&snap), ["a×2@0", "x×1@2", "b×2@0", "c×1@0", "d×1@1"]);
        let lay = layout(&snap);
        let names: Vec<String> = lay.images.iter().map(|i| image_label(&i.image)).collect();
        assert_eq!(names, ["nginx:latest", "nginx:alpine", "other:1"]);
    }

    #[test]
    fn containers_sit_on_their_image_and_widen_its_column() {
        let snap = Snapshot {
            images: vec![image("i1", &["nginx:latest"], &["a", "b"])],
            containers: vec![
                container("c1", "web", "i1", "running"),
                container("c2", "old", "i1", "exited"),
            ],
            layers: 2,
            ..Snapshot::default()
        };
        let lay = layout(&snap);
        assert_eq!(lay.images[0].w, 2.0 * UNIT);
        assert_eq!(lay.layers[0].w, 2.0 * UNIT);
        let tops: Vec<(String, bool)> = lay
            .containers
            .iter()
            .map(|c| {
                (
                    c.container.name.clone(),
                    c.y + CONTAINER_H < lay.images[0].top,
                )
            })
            .collect();
        assert_eq!(tops, [("web".to_owned(), true), ("old".to_owned(), true)]);
        assert!(lay.containers[1].x > lay.containers[0].x);
    }

    #[test]
    fn an_empty_engine_lays_out_nothing() {
        let lay = layout(&Snapshot::default());
        assert!(lay.layers.is_empty() && lay.images.is_empty());
    }

    fn check(before: &Snapshot, after: &Snapshot, expected: &[&str]) {
        let said: Vec<String> = changes(before, after)
            .iter()
            .map(|c| c.say(Lang::En))
            .collect();
        assert_eq!(said, expected);
    }

    #[test]
    fn changes_are_told_in_words() {
        let empty = Snapshot::default();
        let pulled = Snapshot {
            images: vec![image("i1", &["nginx:latest"], &["a"])],
            ..Snapshot::default()
        };
        let running = Snapshot {
            containers: vec![container("c1", "web", "i1", "running")],
            ..pulled.clone()
        };
        let created = Snapshot {
            containers: vec![container("c1", "web", "i1", "created")],
            ..pulled.clone()
        };
        let exited = Snapshot {
            containers: vec![container("c1", "web", "i1", "exited")],
            ..pulled.clone()
        };
        let dangling = Snapshot {
            images: vec![image("sha256:0123456789abcdef", &[], &["a"])],
            ..Snapshot::default()
        };
        let tagged = Snapshot {
            images: vec![image("sha256:0123456789abcdef", &["alpine:latest"], &["a"])],
            ..Snapshot::default()
        };
        check(&empty, &empty, &[]);
        check(&empty, &pulled, &["Image nginx:latest added"]);
        check(
            &pulled,
            &running,
            &["Container web created", "Container web is now running"],
        );
        check(&pulled, &created, &["Container web created"]);
        check(&running, &exited, &["Container web is now exited"]);
        check(&exited, &pulled, &["Container web removed"]);
        check(&pulled, &empty, &["Image nginx:latest removed"]);
        check(
            &tagged,
            &dangling,
            &["Image 0123456789ab lost its last tag: it is dangling"],
        );
        assert_eq!(
            Change::ContainerState("web".into(), "running".into()).say(Lang::Zh),
            "容器 web 现在是运行中"
        );
    }

    #[test]
    fn labels_fit_their_boxes() {
        assert_eq!(clip("web", UNIT), "web");
        assert_eq!(
            clip("a-very-long-container-name-indeed", UNIT),
            "a-very-long-con…"
        );
        assert_eq!(short_id("sha256:0123456789abcdef"), "0123456789ab");
        assert_eq!(short_id("abc"), "abc");
    }

    #[test]
    fn volume_and_network_changes_are_told() {
        use berth::{Engine, HostKind, ManualClock};
        let clock = ManualClock::default();
        let engine = Engine::builder()
            .host(HostKind::Linux)
            .seed(1)
            .clock(Box::new(clock.clone()))
            .build();
        let mut session = engine.session();
        let mut before = engine.snapshot();
        let mut step = |line: &str| {
            session.run_line(line);
            session.settle(&clock);
            let after = engine.snapshot();
            let said: Vec<String> = changes(&before, &after)
                .iter()
                .map(|c| c.say(Lang::En))
                .collect();
            before = after;
            said
        };
        assert_eq!(step("docker volume create data"), ["Volume data created"]);
        assert_eq!(step("docker network create app"), ["Network app created"]);
        step("docker run -d --name web nginx");
        assert_eq!(
            step("docker network connect app web"),
            ["Container web joined network app"]
        );
        assert_eq!(
            step("docker network disconnect app web"),
            ["Container web left network app"]
        );
        assert_eq!(step("docker network rm app"), ["Network app removed"]);
        assert_eq!(step("docker volume rm data"), ["Volume data removed"]);
        assert_eq!(
            Change::Connected("web".into(), "app".into()).say(Lang::Zh),
            "容器 web 加入了网络 app"
        );
    }
}
