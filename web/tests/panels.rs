//! Browser tests of the page's panels and services beside the terminal: the visualizer's
//! wiring and text view, the host files panel, the embedding page's messages, the saved state,
//! the page's words in both languages and the themes.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test set-up that fails should fail the test loudly"
)]

mod common;

use std::cell::RefCell;
use std::rc::Rc;

use berth::collections::SmallSort;
use berth::HostKind;
use berth_web::embed::Parent;
use berth_web::i18n::Lang;
use berth_web::persist;
use common::{document, settle, tick, Term};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Event, EventInit, HtmlElement, HtmlIFrameElement, HtmlInputElement, HtmlTextAreaElement,
    MessageEvent, MessageEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

impl Term {
    fn element<T: JsCast>(&self, selector: &str) -> T {
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
            .dyn_into()
            .unwrap_or_else(|_| panic!("{selector} is not the element expected"))
    }

    fn count(&self, selector: &str) -> u32 {
        self.root.query_selector_all(selector).unwrap().length()
    }

    /// Sends a bubbling event of `kind` to the first element matching `selector`.
    async fn fire(&self, selector: &str, kind: &str) {
        let init = EventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = Event::new_with_event_init_dict(kind, &init).unwrap();
        self.element::<HtmlElement>(selector)
            .dispatch_event(&event)
            .unwrap();
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn the_visualizer_draws_the_wiring_and_follows_connect_and_prune() {
    let t = Term::mount("seed=2&host=linux").await;
    for line in [
        "docker volume create data",
        "docker run -d --name db -v data:/var/lib/data alpine sleep 1000",
        "docker network create app",
    ] {
        t.run(line).await;
    }
    t.until(|t| t.has(".berth-store-volume[data-name=data]"))
        .await;
    assert!(t.has(".berth-chip[data-name=db][data-ip=\"172.17.0.2\"]"));
    assert!(t.has(".berth-edge-mount"));
    t.run("docker network connect app db").await;
    t.until(|t| t.has(".berth-band[data-name=app]")).await;
    assert_eq!(t.count(".berth-chip[data-name=db]"), 2);
    let said = t.text_of(".berth-said");
    assert!(said.contains("Container db joined network app"), "{said}");
    t.click_svg(".berth-band[data-name=app]").await;
    let details = t.text_of(".berth-details");
    assert!(
        details.contains("172.18.0.0/16") && details.contains("db 172.18.0.2"),
        "{details}"
    );
    t.click_svg(".berth-store-volume[data-name=data]").await;
    let details = t.text_of(".berth-details");
    assert!(details.contains("db (/var/lib/data)"), "{details}");
    let text = t.text_of(".berth-text");
    assert!(
        text.contains("Container db mounts volume data at /var/lib/data"),
        "{text}"
    );
    assert!(text.contains("Image alpine:latest"), "{text}");
    t.run("docker rm -f db").await;
    t.run("docker volume prune -af").await;
    t.until(|t| !t.has(".berth-store-volume[data-name=data]"))
        .await;
    assert!(!t.has(".berth-store-volume[data-name=data]"));
    assert!(t.text_of(".berth-said").contains("Volume data removed"));
    t.run("docker network prune -f").await;
    t.until(|t| !t.has(".berth-band[data-name=app]")).await;
    assert!(!t.has(".berth-band[data-name=app]"));
    assert!(t.text_of(".berth-text").contains("0 containers"));
}

#[wasm_bindgen_test]
async fn a_picked_object_is_picked_by_keyboard_too() {
    let t = Term::mount("seed=1").await;
    t.run("docker run -d --name web nginx").await;
    t.until(|t| t.has(".berth-container[data-name=web]")).await;
    let init = web_sys::KeyboardEventInit::new();
    init.set_key("Enter");
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    t.element::<web_sys::Element>(".berth-container[data-name=web]")
        .dispatch_event(&event)
        .unwrap();
    settle().await;
    let details = t.text_of(".berth-details");
    assert!(
        details.contains("/web") && details.contains("running"),
        "{details}"
    );
}

#[wasm_bindgen_test]
async fn the_files_panel_browses_writes_and_saves() {
    let t = Term::mount("seed=4").await;
    t.click(".berth-toggle-files").await;
    assert_eq!(t.text_of(".berth-files-path"), "C:\\Users\\student");
    t.element::<HtmlInputElement>(".berth-files-new input[type=text]")
        .set_value("notes.txt");
    t.fire(".berth-files-new", "submit").await;
    assert!(t.has(".berth-file[data-name=\"notes.txt\"]"));
    t.element::<HtmlTextAreaElement>(".berth-file-text")
        .set_value("first line\n");
    t.click(".berth-file-save").await;
    assert!(t
        .text_of(".berth-files-message")
        .contains("Saved notes.txt"));
    t.run("type notes.txt").await;
    assert!(t.screen().ends_with("first line"), "{}", t.screen());
    // A name with a path separator is refused.
    t.element::<HtmlInputElement>(".berth-files-new input[type=text]")
        .set_value("a/b");
    t.fire(".berth-files-new", "submit").await;
    assert!(t
        .text_of(".berth-files-message")
        .contains("cannot be empty"));
    // Into a folder and back up.
    t.run("mkdir box").await;
    t.click(".berth-toggle-files").await;
    t.click(".berth-toggle-files").await;
    t.click(".berth-file[data-name=box]").await;
    assert_eq!(t.text_of(".berth-files-path"), "C:\\Users\\student\\box");
    assert!(t.has(".berth-files-list .berth-hint"));
    t.click(".berth-files-up").await;
    assert_eq!(t.text_of(".berth-files-path"), "C:\\Users\\student");
}

/// An iframe's window, standing for the page that embeds Berth; collects what it is sent.
struct Embedder {
    frame: HtmlIFrameElement,
    got: Rc<RefCell<Vec<JsValue>>>,
    _listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Embedder {
    fn new() -> Embedder {
        let frame: HtmlIFrameElement = document()
            .create_element("iframe")
            .unwrap()
            .dyn_into()
            .unwrap();
        document().body().unwrap().append_child(&frame).unwrap();
        let got = Rc::new(RefCell::new(Vec::new()));
        let sink = got.clone();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            sink.borrow_mut().push(e.data());
        });
        frame
            .content_window()
            .unwrap()
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .unwrap();
        Embedder {
            frame,
            got,
            _listener: listener,
        }
    }

    /// The `type`s of the messages received, and the fields asked for of each.
    fn got(&self, fields: &[&str]) -> Vec<String> {
        self.got
            .borrow()
            .iter()
            .map(|m| {
                let mut parts = vec![field(m, "type")];
                parts.extend(fields.iter().map(|f| field(m, f)));
                parts.join(" ")
            })
            .collect()
    }
}

impl Drop for Embedder {
    fn drop(&mut self) {
        self.frame.remove();
    }
}

fn field(value: &JsValue, key: &str) -> String {
    let v = Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    v.as_string()
        .or_else(|| v.as_f64().map(|n| n.to_string()))
        .or_else(|| v.as_bool().map(|b| b.to_string()))
        .unwrap_or_default()
}

/// Sends `data` to this window as if from `source`.
fn send(data: &JsValue, source: &web_sys::Window) {
    let init = MessageEventInit::new();
    init.set_data(data);
    init.set_source(Some(source));
    let event = MessageEvent::new_with_event_init_dict("message", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&event).unwrap();
}

fn run_message(line: &str) -> JsValue {
    let m = Object::new();
    Reflect::set(&m, &"type".into(), &"run".into()).unwrap();
    Reflect::set(&m, &"line".into(), &line.into()).unwrap();
    m.into()
}

#[wasm_bindgen_test]
async fn the_embedding_page_is_told_and_its_run_messages_are_heard() {
    let embedder = Embedder::new();
    let ran = Rc::new(RefCell::new(Vec::<String>::new()));
    let sink = ran.clone();
    let parent_window = embedder.frame.content_window().unwrap();
    let parent = Parent::between(
        web_sys::window().unwrap(),
        parent_window.clone(),
        move |l| sink.borrow_mut().push(l),
    )
    .expect("a parent");
    let options = berth_web::options::Options::from_query("host=linux&layout=split&readonly");
    parent.ready(&options, Lang::Zh);
    parent.command(2, "docker ps", 0);
    let engine = berth::Engine::builder().seed(1).build();
    let snapshot = engine.snapshot();
    parent.state(&snapshot);
    tick().await;
    tick().await;
    assert_eq!(
        embedder.got(&["source", "host", "lang", "layout", "readonly"]),
        [
            "ready berth linux zh-CN split true",
            "command berth    ",
            "state berth    "
        ]
    );
    assert_eq!(
        embedder.got(&["tab", "line", "status"])[1],
        "command 2 docker ps 0"
    );
    let state = embedder.got.borrow()[2].clone();
    let images = Reflect::get(&state, &"images".into()).unwrap();
    assert!(Array::is_array(&images), "state lists images");

    // Only `{ type: "run", line }` from the embedding page runs a line.
    send(&run_message("docker images"), &parent_window);
    send(&run_message("from elsewhere"), &web_sys::window().unwrap());
    send(&JsValue::from_str("docker ps"), &parent_window);
    let wrong = Object::new();
    Reflect::set(&wrong, &"type".into(), &"stop".into()).unwrap();
    send(&wrong.into(), &parent_window);
    assert_eq!(*ran.borrow(), ["docker images"]);
    drop(parent);
    send(&run_message("after the end"), &parent_window);
    assert_eq!(*ran.borrow(), ["docker images"]);
}

#[wasm_bindgen_test]
async fn the_embed_options_are_read_from_the_url() {
    use berth_web::options::{Layout, Options, UrlOptions};
    /// A query, and the layout, readonly, host, language and seed it asks for.
    type Case<'a> = (&'a str, Layout, bool, HostKind, Option<Lang>, Option<u64>);
    let cases: [Case; 5] = [
        ("", Layout::Split, false, HostKind::Windows, None, None),
        (
            "layout=terminal&readonly",
            Layout::Terminal,
            true,
            HostKind::Windows,
            None,
            None,
        ),
        (
            "layout=visual&host=linux&lang=zh-CN&seed=7",
            Layout::Visual,
            false,
            HostKind::Linux,
            Some(Lang::Zh),
            Some(7),
        ),
        (
            "layout=nonsense&host=mac&lang=fr",
            Layout::Split,
            false,
            HostKind::Windows,
            None,
            None,
        ),
        (
            "readonly=0&lang=en",
            Layout::Split,
            false,
            HostKind::Windows,
            Some(Lang::En),
            None,
        ),
    ];
    for (query, layout, readonly, host, lang, seed) in cases {
        let o = Options::from_query(query);
        assert_eq!(
            (o.layout, o.readonly, o.host, o.lang, o.seed),
            (layout, readonly, host, lang, seed),
            "{query}"
        );
    }
    let url = UrlOptions::parse("commands=docker%20pull%20alpine%0Adocker%20images", "");
    assert_eq!(url.commands, ["docker pull alpine", "docker images"]);
}

#[wasm_bindgen_test]
async fn an_unreadable_saved_state_is_reported_and_replaced() {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let key = persist::key(HostKind::Windows);
    for (saved, why) in [
        ("{not json", "it is damaged"),
        (
            "{\"version\":99,\"seed\":1,\"tabs\":[]}",
            "another version of the page",
        ),
    ] {
        storage.set_item(&key, saved).unwrap();
        let root = document().create_element("div").unwrap();
        root.set_id("berth-saved-test");
        document().body().unwrap().append_child(&root).unwrap();
        let mut handle = berth_web::start("berth-saved-test").unwrap();
        settle().await;
        let notice = root
            .query_selector(".berth-notice[role=alert]")
            .unwrap()
            .and_then(|n| n.text_content())
            .unwrap_or_default();
        assert!(
            notice.contains("could not be read") && notice.contains(why),
            "{saved}: {notice}"
        );
        let now = storage
            .get_item(&key)
            .unwrap()
            .expect("a state saved again");
        assert!(persist::read(&now).is_ok(), "{saved}: {now}");
        // The page works: a line runs.
        let out = handle.run_line("docker --version");
        assert_eq!(field(&out, "status"), "0");
        // Escape (here from the notice's button) closes the notice.
        let init = web_sys::KeyboardEventInit::new();
        init.set_key("Escape");
        init.set_bubbles(true);
        init.set_cancelable(true);
        let escape =
            web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        root.query_selector(".berth-notice button")
            .unwrap()
            .expect("the notice's button")
            .dispatch_event(&escape)
            .unwrap();
        settle().await;
        assert!(root.query_selector(".berth-notice").unwrap().is_none());
        handle.destroy();
        root.remove();
    }
    storage.remove_item(&key).unwrap();
}

/// The keys the page's code asks for, read from its source: each string literal that names
/// a key of one of the language files' sections (`"files.save"`), and each literal given
/// straight to `lang.t(`/`lang.f(` (`"share"`).
fn keys_used() -> Vec<String> {
    let sources = [
        include_str!("../src/app.rs"),
        include_str!("../src/files.rs"),
        include_str!("../src/lesson.rs"),
        include_str!("../src/terminal.rs"),
        include_str!("../src/visual.rs"),
        include_str!("../src/wiring.rs"),
    ];
    let sections: Vec<&str> = include_str!("../lang/en.txt")
        .lines()
        .filter_map(|l| l.split_once('.').map(|(section, _)| section))
        .collect();
    let mut keys = Vec::new();
    for source in sources {
        for (i, literal) in source.split('"').enumerate() {
            // A file name such as "lesson.json" is not a key, though "lesson" is a section.
            let file = [".json", ".txt", ".tar"]
                .iter()
                .any(|ext| literal.ends_with(ext));
            let named = !file
                && literal
                    .split_once('.')
                    .is_some_and(|(section, rest)| sections.contains(&section) && !rest.is_empty());
            let plain = literal
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.');
            if i % 2 == 1 && named && plain {
                keys.push(literal.to_owned());
            }
        }
        for call in ["lang.t(\"", "lang.f(\""] {
            for (at, _) in source.match_indices(call) {
                if let Some(key) = source[at + call.len()..].split('"').next() {
                    keys.push(key.to_owned());
                }
            }
        }
    }
    keys.small_sort();
    keys.dedup();
    keys
}

#[wasm_bindgen_test]
async fn every_word_the_page_says_is_in_both_languages() {
    let keys = keys_used();
    assert!(keys.len() > 60, "{keys:?}");
    for key in &keys {
        for lang in [Lang::En, Lang::Zh] {
            assert!(lang.has(key), "{key} is missing in {lang:?}");
        }
    }
    // Keys made at run time: a container's state.
    for state in [
        "created",
        "running",
        "paused",
        "restarting",
        "exited",
        "dead",
        "removing",
    ] {
        for lang in [Lang::En, Lang::Zh] {
            assert!(
                lang.has(&format!("state.{state}")),
                "state.{state} in {lang:?}"
            );
        }
    }
    // The page shown in Chinese has no word missing in either language.
    let t = Term::mount("seed=1&lang=zh").await;
    t.run("docker run -d --name web -v data:/d nginx").await;
    t.click(".berth-toggle-files").await;
    let words = document()
        .body()
        .unwrap()
        .query_selector_all(&format!("#{} *", t.root.id()))
        .unwrap();
    for i in 0..words.length() {
        let e: web_sys::Element = words.item(i).unwrap().dyn_into().unwrap();
        for attr in ["aria-label", "title"] {
            if let Some(v) = e.get_attribute(attr) {
                assert!(v != "?" && !v.is_empty(), "{attr} of {}", e.outer_html());
            }
        }
        if e.children().length() == 0 {
            assert_ne!(
                e.text_content().unwrap_or_default(),
                "?",
                "{}",
                e.outer_html()
            );
        }
    }
    assert_eq!(t.text_of(".berth-toggle-files"), Lang::Zh.t("files.hide"));
}

#[wasm_bindgen_test]
async fn the_theme_button_switches_the_colours() {
    let t = Term::mount("seed=1").await;
    let html = document().document_element().unwrap();
    let first = html.get_attribute("data-theme").unwrap();
    assert!(first == "light" || first == "dark", "{first}");
    t.click(".berth-theme").await;
    let second = html.get_attribute("data-theme").unwrap();
    assert_ne!(first, second);
    let button = t.element::<HtmlElement>(".berth-theme");
    assert_eq!(
        button.get_attribute("aria-pressed").as_deref(),
        Some(if second == "light" { "true" } else { "false" })
    );
    assert_eq!(
        button.text_content().unwrap_or_default(),
        if second == "light" { "Dark" } else { "Light" }
    );
    t.click(".berth-theme").await;
    assert_eq!(html.get_attribute("data-theme").unwrap(), first);
}

/// Sends a keydown of `key` (with Shift when asked) to `selector`; whether the page took it
/// (prevented the browser's own action).
async fn key_taken(t: &Term, selector: &str, key: &str, shift: bool) -> bool {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    t.element::<web_sys::Element>(selector)
        .dispatch_event(&event)
        .unwrap();
    settle().await;
    event.default_prevented()
}

#[wasm_bindgen_test]
async fn the_keyboard_leaves_the_terminal_by_tab_on_an_empty_line_or_shift_tab() {
    let t = Term::mount("seed=1").await;
    assert!(
        !key_taken(&t, ".berth-input", "Tab", false).await,
        "Tab on an empty line moves on"
    );
    assert!(
        !key_taken(&t, ".berth-input", "Tab", true).await,
        "Shift+Tab moves back"
    );
    t.type_text("docker ru");
    assert!(
        key_taken(&t, ".berth-input", "Tab", false).await,
        "Tab completes"
    );
    assert_eq!(t.input().value(), "docker run ");
    // Escape in the terminal clears its line (the notices' Escape is tested with them).
    assert!(key_taken(&t, ".berth-input", "Escape", false).await);
    assert_eq!(t.input().value(), "");
}
