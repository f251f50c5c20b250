//! The visualizer's second picture: how containers are wired. Each network is a band with
//! its subnet, holding its containers with their addresses; containers that share another's
//! network (`container:`) sit in a band of their own, drawn to the one they share; `--link`s
//! are dashed edges; volumes and host folders stand on the right with each mount drawn to
//! them; published ports come down from the host bar at the top. The layout is a pure
//! function of the [`Snapshot`], tested natively.

use berth::snapshot::{ContainerView, Snapshot};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::visual::{object_props, pickers, short_id, Picked};

/// Width of a container's chip.
const CHIP_W: f64 = 112.0;
/// Height of a chip.
const CHIP_H: f64 = 32.0;
/// Gap between chips.
const CHIP_GAP: f64 = 10.0;
/// Room for a band's label above its chips.
const BAND_LABEL: f64 = 16.0;
/// Height of a band.
const BAND_H: f64 = BAND_LABEL + CHIP_H + 10.0;
/// Height of the host bar.
const HOST_H: f64 = 24.0;
/// Width of a volume or host folder.
const STORE_W: f64 = 130.0;
/// Height of a volume or host folder.
const STORE_H: f64 = 26.0;
/// Room between the chips and the stores, for the mounts' wires.
const STORE_GAP: f64 = 60.0;
/// Margin.
const PAD: f64 = 8.0;

/// What a band holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BandKind {
    /// A network (its index in the snapshot's wiring).
    Network(usize),
    /// Containers on another container's network.
    Shared,
}

/// A band: one network.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    /// Top edge.
    pub y: f64,
    /// What it is.
    pub kind: BandKind,
}

/// A container on a band.
#[derive(Clone, Debug, PartialEq)]
pub struct Chip {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// The container's id.
    pub container: String,
    /// Its address on the band's network (empty when it has none).
    pub ip: String,
}

/// A volume or a host folder.
#[derive(Clone, Debug, PartialEq)]
pub struct Store {
    /// Top edge (the left edge is the layout's `stores_x`).
    pub y: f64,
    /// `volume` or `bind`.
    pub kind: String,
    /// The volume's name or the folder's path.
    pub source: String,
}

/// What a wire stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WireKind {
    /// A mount, from the container to its volume or folder.
    Mount,
    /// A `--link`, from the container that has it to the one it reaches.
    Link,
    /// `--network container:`, from the sharing container to the other.
    Share,
    /// A published port, from the host bar to the container.
    Port,
}

/// A wire between two objects: an SVG path and its label at a point.
#[derive(Clone, Debug, PartialEq)]
pub struct Wire {
    /// What it stands for.
    pub kind: WireKind,
    /// The SVG path.
    pub path: String,
    /// The label.
    pub label: String,
    /// Where the label goes.
    pub at: (f64, f64),
}

/// Where everything goes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WiringLayout {
    /// Width of the drawing.
    pub width: f64,
    /// Height of the drawing.
    pub height: f64,
    /// Width of the bands.
    pub band_w: f64,
    /// Left edge of the stores.
    pub stores_x: f64,
    /// Networks with containers (and the default bridge), then the shared band.
    pub bands: Vec<Band>,
    /// Containers, band by band.
    pub chips: Vec<Chip>,
    /// Volumes and host folders.
    pub stores: Vec<Store>,
    /// Mounts, links, shares and ports.
    pub wires: Vec<Wire>,
}

fn f(x: f64) -> String {
    format!("{}", (x * 10.0).round() / 10.0)
}

/// Lays out the wiring of `snap`.
pub fn layout(snap: &Snapshot) -> WiringLayout {
    let w = &snap.wiring;
    let mut out = WiringLayout::default();
    let mut rows: Vec<(BandKind, Vec<(String, String)>)> = Vec::new();
    for (i, n) in w.networks.iter().enumerate() {
        if n.members.is_empty() && n.name != "bridge" {
            continue;
        }
        let members = n
            .members
            .iter()
            .map(|m| (m.container.clone(), m.ip.clone()))
            .collect();
        rows.push((BandKind::Network(i), members));
    }
    let shared: Vec<(String, String)> = w
        .shared
        .iter()
        .filter(|s| s.mode == "container")
        .map(|s| (s.container.clone(), String::new()))
        .collect();
    if !shared.is_empty() {
        rows.push((BandKind::Shared, shared));
    }
    let widest = rows.iter().map(|(_, m)| m.len()).max().unwrap_or(0).max(1);
    out.band_w = widest as f64 * (CHIP_W + CHIP_GAP) + CHIP_GAP;
    let top = PAD + HOST_H + 8.0;
    let mut y = top;
    for (kind, members) in rows {
        for (k, (container, ip)) in members.into_iter().enumerate() {
            out.chips.push(Chip {
                x: PAD + CHIP_GAP + k as f64 * (CHIP_W + CHIP_GAP),
                y: y + BAND_LABEL,
                container,
                ip,
            });
        }
        out.bands.push(Band { y, kind });
        y += BAND_H + 6.0;
    }
    // Volumes and folders: those mounted, in the order first mounted, then unused volumes.
    out.stores_x = PAD + out.band_w + STORE_GAP;
    let mut sy = top;
    let mut add = |kind: &str, source: &str, out: &mut WiringLayout| {
        if !out
            .stores
            .iter()
            .any(|s| s.kind == kind && s.source == source)
        {
            out.stores.push(Store {
                y: sy,
                kind: kind.to_owned(),
                source: source.to_owned(),
            });
            sy += STORE_H + 8.0;
        }
    };
    for m in &w.mounts {
        add(&m.kind, &m.source, &mut out);
    }
    for v in &snap.volumes {
        add("volume", &v.name, &mut out);
    }
    let has_stores = !out.stores.is_empty();
    out.width = if has_stores {
        out.stores_x + STORE_W + PAD
    } else {
        PAD + out.band_w + PAD
    };
    out.height = y.max(sy) + PAD;
    // Each container's wires start at its first chip.
    let chip = |out: &WiringLayout, id: &str| out.chips.iter().find(|c| c.container == id).cloned();
    let mut wires = Vec::new();
    for m in &w.mounts {
        let (Some(c), Some(s)) = (
            chip(&out, &m.container),
            out.stores
                .iter()
                .find(|s| s.kind == m.kind && s.source == m.source),
        ) else {
            continue;
        };
        let (x1, y1) = (c.x + CHIP_W, c.y + CHIP_H / 2.0);
        let (x2, y2) = (out.stores_x, s.y + STORE_H / 2.0);
        let bend = (x2 - x1) / 2.0;
        let ro = if m.rw { "" } else { " (ro)" };
        wires.push(Wire {
            kind: WireKind::Mount,
            path: format!(
                "M{} {} C{} {} {} {} {} {}",
                f(x1),
                f(y1),
                f(x1 + bend),
                f(y1),
                f(x2 - bend),
                f(y2),
                f(x2),
                f(y2)
            ),
            label: format!("{}{ro}", m.destination),
            at: (x2 - 4.0, y2 - 4.0),
        });
    }
    let by_name = |name: &str| snap.containers.iter().find(|c| c.name == name);
    for l in &w.links {
        let (Some(a), Some(b)) = (
            chip(&out, &l.from),
            by_name(&l.to).and_then(|t| chip(&out, &t.id)),
        ) else {
            continue;
        };
        wires.push(arc(WireKind::Link, &a, &b, l.alias.clone()));
    }
    for s in w.shared.iter().filter(|s| s.mode == "container") {
        let (Some(a), Some(b)) = (chip(&out, &s.container), chip(&out, &s.with)) else {
            continue;
        };
        wires.push(arc(WireKind::Share, &a, &b, String::new()));
    }
    for c in &snap.containers {
        let Some(at) = chip(&out, &c.id) else {
            continue;
        };
        let ports = port_labels(&c.ports);
        if ports.is_empty() {
            continue;
        }
        let x = at.x + CHIP_W / 2.0;
        wires.push(Wire {
            kind: WireKind::Port,
            path: format!("M{} {} V{}", f(x), f(PAD + HOST_H), f(at.y)),
            label: ports.join(", "),
            at: (x + 4.0, PAD + HOST_H - 7.0),
        });
    }
    out.wires = wires;
    out
}

/// A curved wire under two chips (or over, going up), labelled in the middle.
fn arc(kind: WireKind, a: &Chip, b: &Chip, label: String) -> Wire {
    let (x1, x2) = (a.x + CHIP_W / 2.0, b.x + CHIP_W / 2.0);
    let (y1, y2) = (a.y + CHIP_H, b.y + CHIP_H);
    let depth = 14.0 + (x1 - x2).abs() / 8.0;
    let (cx, cy) = ((x1 + x2) / 2.0, y1.max(y2) + depth);
    Wire {
        kind,
        path: format!(
            "M{} {} Q{} {} {} {}",
            f(x1),
            f(y1),
            f(cx),
            f(cy),
            f(x2),
            f(y2)
        ),
        label,
        at: (cx, (y1.max(y2) + cy) / 2.0 + 4.0),
    }
}

/// `0.0.0.0:8080->80/tcp` as `8080→80/tcp`.
pub fn port_label(port: &str) -> String {
    match port.split_once("->") {
        Some((host, to)) => {
            let host = host.rsplit(':').next().unwrap_or(host);
            format!("{host}→{to}")
        }
        None => port.to_owned(),
    }
}

/// A container's published ports as labels, each once (docker lists a port for IPv4 and
/// again for IPv6).
pub fn port_labels(ports: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in ports.iter().map(|p| port_label(p)) {
        if !out.contains(&label) {
            out.push(label);
        }
    }
    out
}

/// The name of the container `id`, or its short id.
pub fn name_of(snap: &Snapshot, id: &str) -> String {
    snap.containers
        .iter()
        .find(|c| c.id == id)
        .map_or_else(|| short_id(id).to_owned(), |c| c.name.clone())
}

/// A band's label: the network and its subnet, or what the shared band holds.
fn band_label(snap: &Snapshot, kind: &BandKind, lang: Lang) -> String {
    match kind {
        BandKind::Network(i) => match snap.wiring.networks.get(*i) {
            Some(n) if n.subnet.is_empty() => lang.f(
                "wiring.network_plain",
                &[("name", &n.name), ("driver", &n.driver)],
            ),
            Some(n) => lang.f(
                "wiring.network",
                &[("name", &n.name), ("subnet", &n.subnet)],
            ),
            None => String::new(),
        },
        BandKind::Shared => lang.t("wiring.shared_band").to_owned(),
    }
}

/// Draws the wiring; `pick` is told what was picked, and whether by the mouse.
pub fn draw(snap: &Snapshot, lang: Lang, pick: &Callback<(Picked, bool)>) -> Html {
    let lay = layout(snap);
    let container = |id: &str| snap.containers.iter().find(|c| c.id == id);
    let bands = lay.bands.iter().map(|b| {
        let label = band_label(snap, &b.kind, lang);
        let (class, picked) = match &b.kind {
            BandKind::Network(i) => (
                "berth-band",
                snap.wiring
                    .networks
                    .get(*i)
                    .map(|n| Picked::Network(n.id.clone())),
            ),
            BandKind::Shared => ("berth-band berth-band-shared", None),
        };
        let name = match &b.kind {
            BandKind::Network(i) => snap
                .wiring
                .networks
                .get(*i)
                .map(|n| n.name.clone())
                .unwrap_or_default(),
            BandKind::Shared => String::new(),
        };
        let rect = html! {
            <rect x={f(PAD)} y={f(b.y)} width={f(lay.band_w)} height={f(BAND_H)} rx="6" />
        };
        let text = html! { <text x={f(PAD + 8.0)} y={f(b.y + 12.0)}>{ label.clone() }</text> };
        match picked {
            Some(p) => {
                let (click, key) = pickers(pick, p);
                html! {
                    <g class={class} data-name={name} tabindex="0" role="button"
                        aria-label={lang.f("wiring.network_button", &[("name", &label)])}
                        onclick={click} onkeydown={key}>{rect}{text}</g>
                }
            }
            None => html! { <g class={class}>{rect}{text}</g> },
        }
    });
    let chips = lay.chips.iter().filter_map(|c| {
        let v: &ContainerView = container(&c.container)?;
        Some(html! {
            <ChipBlock key={format!("{}@{}", v.id, c.y)} x={c.x} y={c.y} id={v.id.clone()}
                name={v.name.clone()} state={v.state.clone()} ip={c.ip.clone()} {lang}
                pick={pick.clone()} />
        })
    });
    let stores = lay.stores.iter().map(|s| {
        html! {
            <StoreBlock key={format!("{}:{}", s.kind, s.source)} x={lay.stores_x} y={s.y}
                volume={s.kind == "volume"} source={s.source.clone()} {lang} pick={pick.clone()} />
        }
    });
    let wires = lay.wires.iter().map(|w| {
        let class = match w.kind {
            WireKind::Mount => "berth-edge berth-edge-mount",
            WireKind::Link => "berth-edge berth-edge-link",
            WireKind::Share => "berth-edge berth-edge-share",
            WireKind::Port => "berth-edge berth-edge-port",
        };
        let anchor = if w.kind == WireKind::Mount {
            "end"
        } else if w.kind == WireKind::Port {
            "start"
        } else {
            "middle"
        };
        html! {
            <g class={class}>
                <path d={w.path.clone()} />
                if !w.label.is_empty() {
                    <text x={f(w.at.0)} y={f(w.at.1)} text-anchor={anchor}>{ w.label.clone() }</text>
                }
            </g>
        }
    });
    html! {
        <div class="berth-wiring">
            <svg class="berth-wiring-svg" width={f(lay.width)} height={f(lay.height)}
                viewBox={format!("0 0 {} {}", f(lay.width), f(lay.height))} role="group"
                aria-label={lang.t("wiring.label")}>
                <g class="berth-host-bar">
                    <rect x={f(PAD)} y={f(PAD)} width={f(lay.width - 2.0 * PAD)} height={f(HOST_H)} rx="4" />
                    <text x={f(lay.width - PAD - 8.0)} y={f(PAD + 16.0)} text-anchor="end">{ lang.t("wiring.host") }</text>
                </g>
                // Each list in its own group, the objects keyed: a change to one list
                // leaves the others' elements where they are.
                <g class="berth-bands">{ for bands }</g>
                <g class="berth-wires">{ for wires }</g>
                <g class="berth-chips">{ for chips }</g>
                <g class="berth-stores">{ for stores }</g>
            </svg>
        </div>
    }
}

object_props!(
    /// Properties of [`ChipBlock`].
    ChipProps { x: f64, y: f64, id: String, name: String, state: String, ip: String, lang: Lang }
);

/// A container on a network's band, with its address there.
#[component]
fn ChipBlock(props: &ChipProps) -> Html {
    let lang = props.lang;
    let (click, key) = pickers(&props.pick, Picked::Container(props.id.clone()));
    let state = lang.t(&format!("state.{}", props.state));
    let second = if props.ip.is_empty() {
        state.to_owned()
    } else {
        props.ip.clone()
    };
    let (x, y) = (props.x, props.y);
    html! {
        <g class={classes!("berth-chip", format!("berth-state-{}", props.state))}
            data-name={props.name.clone()} data-ip={props.ip.clone()} tabindex="0" role="button"
            aria-label={lang.f("visual.container_button", &[("name", &props.name), ("state", state)])}
            onclick={click} onkeydown={key}>
            <rect x={f(x)} y={f(y)} width={f(CHIP_W)} height={f(CHIP_H)} rx="4" />
            <text x={f(x + 6.0)} y={f(y + 13.0)}>{ clip(&props.name, 16) }</text>
            <text class="berth-chip-sub" x={f(x + 6.0)} y={f(y + 26.0)}>{ second }</text>
        </g>
    }
}

object_props!(
    /// Properties of [`StoreBlock`].
    StoreProps { x: f64, y: f64, volume: bool, source: String, lang: Lang }
);

/// A volume or a host folder.
#[component]
fn StoreBlock(props: &StoreProps) -> Html {
    let volume = props.volume;
    let shown = if volume {
        clip(&props.source, 18)
    } else {
        clip_start(&props.source, 18)
    };
    let picked = if volume {
        Picked::Volume(props.source.clone())
    } else {
        Picked::Folder(props.source.clone())
    };
    let (click, key) = pickers(&props.pick, picked);
    let what = props.lang.t(if volume {
        "wiring.volume"
    } else {
        "wiring.folder"
    });
    html! {
        <g class={classes!("berth-store", if volume { "berth-store-volume" } else { "berth-store-bind" })}
            data-name={props.source.clone()} tabindex="0" role="button"
            aria-label={format!("{what} {}", props.source)} onclick={click} onkeydown={key}>
            <rect x={f(props.x)} y={f(props.y)} width={f(STORE_W)} height={f(STORE_H)}
                rx={if volume { "10" } else { "2" }} />
            <text x={f(props.x + 8.0)} y={f(props.y + 17.0)}>{ shown }</text>
        </g>
    }
}

/// The first `n` chars of `text`, with `…` when cut.
fn clip(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        return text.to_owned();
    }
    let mut s: String = text.chars().take(n - 1).collect();
    s.push('…');
    s
}

/// The last `n` chars of `text` (a path's end says most), with `…` when cut.
fn clip_start(text: &str, n: usize) -> String {
    let count = text.chars().count();
    if count <= n {
        return text.to_owned();
    }
    let mut s = String::from("…");
    s.extend(text.chars().skip(count - (n - 1)));
    s
}

/// The wiring as sentences, for the text view.
pub fn sentences(snap: &Snapshot, lang: Lang) -> Vec<String> {
    let w = &snap.wiring;
    let name = |id: &str| name_of(snap, id);
    let mut out = Vec::new();
    for n in w.networks.iter().filter(|n| !n.members.is_empty()) {
        let members: Vec<String> = n
            .members
            .iter()
            .map(|m| {
                if m.ip.is_empty() {
                    name(&m.container)
                } else {
                    format!("{} {}", name(&m.container), m.ip)
                }
            })
            .collect();
        let subnet = if n.subnet.is_empty() {
            n.driver.clone()
        } else {
            n.subnet.clone()
        };
        out.push(lang.f(
            "text.network",
            &[
                ("name", &n.name),
                ("subnet", &subnet),
                ("members", &members.join(", ")),
            ],
        ));
    }
    for s in &w.shared {
        let key = match s.mode.as_str() {
            "host" => "text.shared_host",
            "none" => "text.shared_none",
            _ => "text.shared_container",
        };
        out.push(lang.f(
            key,
            &[("name", &name(&s.container)), ("other", &name(&s.with))],
        ));
    }
    for l in &w.links {
        out.push(lang.f(
            "text.link",
            &[("name", &name(&l.from)), ("to", &l.to), ("alias", &l.alias)],
        ));
    }
    for m in &w.mounts {
        let key = if m.kind == "volume" {
            "text.mount_volume"
        } else {
            "text.mount_folder"
        };
        let mut line = lang.f(
            key,
            &[
                ("name", &name(&m.container)),
                ("source", &m.source),
                ("path", &m.destination),
            ],
        );
        if !m.rw {
            line.push_str(lang.t("text.read_only"));
        }
        out.push(line);
    }
    for c in &snap.containers {
        for p in port_labels(&c.ports) {
            out.push(lang.f("text.port", &[("port", &p), ("name", &c.name)]));
        }
    }
    for v in snap.volumes.iter().filter(|v| v.used_by.is_empty()) {
        out.push(lang.f("text.volume_unused", &[("name", &v.name)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::{Engine, HostKind, ManualClock};

    fn snapshot(lines: &[&str]) -> Snapshot {
        let clock = ManualClock::default();
        let engine = Engine::builder()
            .host(HostKind::Linux)
            .seed(1)
            .clock(Box::new(clock.clone()))
            .build();
        let mut session = engine.session();
        for line in lines {
            session.run_line(line);
            session.settle(&clock);
        }
        engine.snapshot()
    }

    const LINES: [&str; 6] = [
        "docker run -d --name db -v data:/var/lib/mysql -e MYSQL_ROOT_PASSWORD=x mysql",
        "docker run -d --name web --link db:mydb -v /tmp:/srv:ro -p 8080:80 nginx",
        "docker run -d --name side --network container:web alpine sleep 100",
        "docker network create app",
        "docker run -d --name api --network app nginx",
        "docker volume create spare",
    ];

    #[test]
    fn bands_chips_stores_and_wires() {
        let snap = snapshot(&LINES);
        let lay = layout(&snap);
        let bands: Vec<String> = lay
            .bands
            .iter()
            .map(|b| band_label(&snap, &b.kind, Lang::En))
            .collect();
        assert_eq!(
            bands,
            [
                "app 172.18.0.0/16",
                "bridge 172.17.0.0/16",
                "Sharing another container's network"
            ]
        );
        let chips: Vec<String> = lay
            .chips
            .iter()
            .map(|c| format!("{} {}", name_of(&snap, &c.container), c.ip))
            .collect();
        assert_eq!(
            chips,
            ["api 172.18.0.2", "db 172.17.0.2", "web 172.17.0.3", "side "]
        );
        let stores: Vec<String> = lay
            .stores
            .iter()
            .map(|s| format!("{} {}", s.kind, s.source))
            .collect();
        assert_eq!(stores, ["volume data", "bind /tmp", "volume spare"]);
        let wires: Vec<String> = lay
            .wires
            .iter()
            .map(|w| format!("{:?} {}", w.kind, w.label))
            .collect();
        assert_eq!(
            wires,
            [
                "Mount /var/lib/mysql",
                "Mount /srv (ro)",
                "Link mydb",
                "Share ",
                "Port 8080→80/tcp"
            ]
        );
        assert!(lay.width >= lay.stores_x + STORE_W);
        assert!(lay.chips.iter().all(|c| c.x + CHIP_W <= lay.stores_x));
    }

    #[test]
    fn an_empty_engine_shows_the_default_bridge() {
        let lay = layout(&snapshot(&[]));
        assert_eq!(lay.bands.len(), 1);
        assert!(lay.chips.is_empty() && lay.stores.is_empty() && lay.wires.is_empty());
    }

    #[test]
    fn the_text_view_says_the_same() {
        let snap = snapshot(&LINES);
        let said = sentences(&snap, Lang::En);
        assert_eq!(
            said,
            [
                "Network app (172.18.0.0/16): api 172.18.0.2",
                "Network bridge (172.17.0.0/16): db 172.17.0.2, web 172.17.0.3",
                "Container side shares the network of web",
                "Container web reaches db by the link mydb",
                "Container db mounts volume data at /var/lib/mysql",
                "Container web mounts host folder /tmp at /srv, read-only",
                "Host port 8080→80/tcp leads to container web",
                "Volume spare is not mounted",
            ]
        );
        let none = snapshot(&["docker create --name quiet --network none alpine"]);
        assert!(sentences(&none, Lang::En)
            .contains(&"Container quiet has no network (none)".to_owned()));
        assert!(!sentences(&snap, Lang::Zh).is_empty());
    }

    #[test]
    fn labels() {
        assert_eq!(port_label("0.0.0.0:8080->80/tcp"), "8080→80/tcp");
        assert_eq!(port_label("[::]:53->53/udp"), "53→53/udp");
        assert_eq!(
            clip_start("/home/student/projects/site", 12),
            "…ojects/site"
        );
        assert_eq!(clip("short", 16), "short");
    }
}
