//! Browser tests of the terminal: mount it into a fresh element, type and press keys as
//! events, and read what the DOM shows.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test set-up that fails should fail the test loudly"
)]

use std::sync::atomic::{AtomicUsize, Ordering};

use berth_web::BerthHandle;
use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    ClipboardEvent, ClipboardEventInit, DataTransfer, Document, Element, HtmlInputElement,
    KeyboardEvent, KeyboardEventInit,
};

wasm_bindgen_test_configure!(run_in_browser);

const WIN: &str = "PS C:\\Users\\student> ";

/// Lets Yew render what the last event scheduled.
async fn tick() {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Lets Yew finish what a change of tab scheduled: the app renders, then the new terminal.
async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
}

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A terminal mounted in its own element.
struct Term {
    handle: BerthHandle,
    root: Element,
}

impl Term {
    async fn mount(options: &str) -> Term {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let id = format!("berth-test-{}", NEXT.fetch_add(1, Ordering::Relaxed));
        let root = document().create_element("div").unwrap();
        root.set_id(&id);
        document().body().unwrap().append_child(&root).unwrap();
        let mut handle = BerthHandle::new(JsValue::from_str(options));
        handle.start(&id).unwrap();
        tick().await;
        Term { handle, root }
    }

    fn input(&self) -> HtmlInputElement {
        self.root
            .query_selector(".berth-input")
            .unwrap()
            .expect("an input line")
            .dyn_into()
            .unwrap()
    }

    fn prompt(&self) -> String {
        self.root
            .query_selector(".berth-prompt")
            .unwrap()
            .and_then(|p| p.text_content())
            .unwrap_or_default()
    }

    /// The scrollback, one row per line.
    fn screen(&self) -> String {
        let rows = self.root.query_selector_all(".berth-row").unwrap();
        (0..rows.length())
            .filter_map(|i| rows.item(i))
            .map(|r| r.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Puts `text` in the input line with the cursor at its end, as if typed.
    fn type_text(&self, text: &str) {
        let input = self.input();
        input.set_value(text);
        let end = text.encode_utf16().count() as u32;
        input.set_selection_range(end, end).unwrap();
    }

    async fn press(&self, key: &str) {
        self.key(key, false).await;
    }

    async fn ctrl(&self, key: &str) {
        self.key(key, true).await;
    }

    async fn key(&self, key: &str, ctrl: bool) {
        let init = KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        self.input().dispatch_event(&event).unwrap();
        tick().await;
    }

    /// Waits (up to two seconds) for `done`: a loaded machine may render a new tab a few
    /// frames later than the events that made it.
    async fn until(&self, done: impl Fn(&Self) -> bool) {
        for _ in 0..200 {
            if done(self) {
                return;
            }
            let promise = Promise::new(&mut |resolve, _| {
                let _ = web_sys::window()
                    .unwrap()
                    .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
            });
            JsFuture::from(promise).await.unwrap();
        }
    }

    async fn run(&self, line: &str) {
        self.type_text(line);
        self.press("Enter").await;
    }

    /// The input's text with the cursor marked `|`.
    fn line(&self) -> String {
        let input = self.input();
        let mut chars: Vec<char> = input.value().chars().collect();
        let at = input.selection_start().unwrap().unwrap_or(0) as usize;
        chars.insert(at.min(chars.len()), '|');
        chars.into_iter().collect()
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        self.handle.destroy();
        self.root.remove();
    }
}

#[wasm_bindgen_test]
async fn enter_runs_the_line_and_gives_a_new_prompt() {
    let t = Term::mount("seed=1").await;
    assert_eq!(t.prompt(), WIN);
    assert_eq!(t.screen(), "");
    t.run("docker --version").await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker --version\nDocker version 27.5.1, build 9f9e405")
    );
    assert_eq!(t.prompt(), WIN);
    assert_eq!(t.input().value(), "");
}

#[wasm_bindgen_test]
async fn up_and_down_walk_the_history() {
    let t = Term::mount("seed=1").await;
    t.run("docker --version").await;
    t.run("docker version").await;
    t.type_text("dock");
    let mut seen = Vec::new();
    for key in ["ArrowUp", "ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown"] {
        t.press(key).await;
        seen.push(t.input().value());
    }
    assert_eq!(
        seen,
        [
            "docker version",
            "docker --version",
            "docker --version",
            "docker version",
            "dock"
        ]
    );
}

#[wasm_bindgen_test]
async fn ctrl_l_and_cls_clear_the_screen() {
    let t = Term::mount("seed=1").await;
    t.run("docker --version").await;
    assert_ne!(t.screen(), "");
    t.ctrl("l").await;
    assert_eq!(t.screen(), "");
    assert_eq!(t.prompt(), WIN);
    t.run("echo hi").await;
    assert_eq!(t.screen(), format!("{WIN}echo hi\nhi"));
    t.run("cls").await;
    assert_eq!(t.screen(), "");
}

#[wasm_bindgen_test]
async fn ctrl_c_abandons_the_line() {
    let t = Term::mount("seed=1").await;
    t.type_text("docker ru");
    t.ctrl("c").await;
    assert_eq!(t.screen(), format!("{WIN}docker ru^C"));
    assert_eq!(t.input().value(), "");
    assert_eq!(t.prompt(), WIN);
}

#[wasm_bindgen_test]
async fn editing_keys_change_the_line() {
    let t = Term::mount("seed=1").await;
    t.type_text("docker run nginx");
    let steps: [(&str, bool, &str); 11] = [
        ("w", true, "docker run |"),
        ("ArrowLeft", false, "docker run| "),
        ("ArrowLeft", false, "docker ru|n "),
        ("ArrowRight", false, "docker run| "),
        ("k", true, "docker run|"),
        ("a", true, "|docker run"),
        ("Delete", false, "|ocker run"),
        ("e", true, "ocker run|"),
        ("Backspace", false, "ocker ru|"),
        ("Home", false, "|ocker ru"),
        ("End", false, "ocker ru|"),
    ];
    for (key, ctrl, expected) in steps {
        t.key(key, ctrl).await;
        assert_eq!(t.line(), expected, "after {key} (ctrl {ctrl})");
    }
    t.key("ArrowLeft", false).await;
    t.ctrl("u").await;
    assert_eq!(t.line(), "|u");
}

#[wasm_bindgen_test]
async fn colours_and_stderr_become_classes() {
    let t = Term::mount("seed=1").await;
    t.run("nosuchthing").await;
    let span = t
        .root
        .query_selector(".berth-row span")
        .unwrap()
        .expect("a styled span");
    let classes = span.class_name();
    assert!(classes.contains("berth-fg91"), "{classes}");
    assert!(classes.contains("berth-err"), "{classes}");
    assert!(span
        .text_content()
        .unwrap_or_default()
        .starts_with("nosuchthing: The term 'nosuchthing' is not recognized"));
}

#[wasm_bindgen_test]
async fn pasted_lines_run_one_by_one() {
    let t = Term::mount("seed=1").await;
    let data = DataTransfer::new().unwrap();
    data.set_data("text", "echo one\necho two\ndocker").unwrap();
    let init = ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    t.input().dispatch_event(&event).unwrap();
    tick().await;
    assert_eq!(
        t.screen(),
        format!("{WIN}echo one\none\n{WIN}echo two\ntwo")
    );
    assert_eq!(t.line(), "docker|");
}

#[wasm_bindgen_test]
async fn the_host_option_changes_the_prompt() {
    let t = Term::mount("host=linux&seed=3").await;
    assert_eq!(t.prompt(), "student@host:~$ ");
    t.run("whoami").await;
    assert_eq!(t.screen(), "student@host:~$ whoami\nstudent");
}

#[wasm_bindgen_test]
async fn the_handle_runs_lines_and_the_terminal_shows_them() {
    let t = Term::mount("seed=1").await;
    let out = t.handle.run_line("docker foo");
    let field = |k: &str| Reflect::get(&out, &JsValue::from_str(k)).unwrap();
    assert_eq!(field("status").as_f64(), Some(1.0));
    assert_eq!(
        field("stderr").as_string().unwrap(),
        "docker: 'foo' is not a docker command.\nSee 'docker --help'\n"
    );
    assert_eq!(field("stdout").as_string().unwrap(), "");
    assert_eq!(field("prompt").as_string().unwrap(), WIN);
    tick().await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker foo\ndocker: 'foo' is not a docker command.\nSee 'docker --help'")
    );
    let blank = t.handle.run_line("");
    assert!(Reflect::get(&blank, &JsValue::from_str("status"))
        .unwrap()
        .is_null());
}

#[wasm_bindgen_test]
async fn options_can_be_an_object() {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"host".into(), &"linux".into()).unwrap();
    Reflect::set(&options, &"seed".into(), &JsValue::from_f64(5.0)).unwrap();
    let handle = BerthHandle::new(options.into());
    assert_eq!(handle.prompt(), "student@host:~$ ");
}

#[wasm_bindgen_test]
async fn destroy_removes_the_terminal_and_start_brings_it_back() {
    let mut t = Term::mount("seed=1").await;
    t.run("echo kept").await;
    t.handle.destroy();
    tick().await;
    assert!(t.root.query_selector(".berth-input").unwrap().is_none());
    t.handle.start(&t.root.id()).unwrap();
    tick().await;
    assert_eq!(t.screen(), format!("{WIN}echo kept\nkept"));
}

impl Term {
    /// Clicks the first element matching `selector` inside the page's root.
    async fn click(&self, selector: &str) {
        let element: web_sys::HtmlElement = self
            .root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
            .dyn_into()
            .unwrap();
        element.click();
        settle().await;
    }

    /// The tab names, the shown one marked with `*`.
    fn tabs(&self) -> Vec<String> {
        let tabs = self.root.query_selector_all("[role=tab]").unwrap();
        (0..tabs.length())
            .filter_map(|i| tabs.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .map(|t| {
                let name = t.text_content().unwrap_or_default();
                if t.get_attribute("aria-selected").as_deref() == Some("true") {
                    format!("{name}*")
                } else {
                    name
                }
            })
            .collect()
    }

    /// Presses Alt with the key whose `code` is given.
    async fn alt(&self, code: &str) {
        let init = KeyboardEventInit::new();
        init.set_code(code);
        init.set_key(code);
        init.set_alt_key(true);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        self.input().dispatch_event(&event).unwrap();
        settle().await;
    }
}

#[wasm_bindgen_test]
async fn tabs_are_terminals_on_one_engine() {
    let t = Term::mount("seed=1").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    t.run("docker run -d --name web nginx").await;
    t.type_text("echo draft");
    t.click(".berth-new-tab").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    assert_eq!(t.screen(), "");
    assert_eq!(t.input().value(), "");
    t.run("docker ps --format '{{.Names}} {{.Image}}'").await;
    t.until(|t| !t.screen().is_empty()).await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker ps --format '{{{{.Names}}}} {{{{.Image}}}}'\nweb nginx")
    );
    t.alt("Digit1").await;
    assert_eq!(t.tabs(), ["Terminal 1*", "Terminal 2"]);
    assert!(t
        .screen()
        .starts_with(&format!("{WIN}docker run -d --name web nginx")));
    assert_eq!(t.line(), "echo draft|", "the line being typed comes back");
    t.alt("ArrowRight").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    t.alt("KeyN").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2", "Terminal 3*"]);
    t.click(".berth-tab-on .berth-tab-close").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    assert!(t.screen().contains("web nginx"), "{}", t.screen());
    t.click(".berth-tab-on .berth-tab-close").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    assert!(t.root.query_selector(".berth-tab-close").unwrap().is_none());
}

impl Term {
    /// The text of the first element matching `selector`, or "" when there is none.
    fn text_of(&self, selector: &str) -> String {
        self.root
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    /// Clicks an SVG element (not an `HtmlElement`) with a bubbling mouse event.
    async fn click_svg(&self, selector: &str) {
        let init = web_sys::MouseEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
        self.root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("no {selector}"))
            .dispatch_event(&event)
            .unwrap();
        tick().await;
    }
}

#[wasm_bindgen_test]
async fn tab_completes_names_and_lists_choices() {
    let t = Term::mount("seed=1").await;
    t.run("docker run -d --name web nginx").await;
    t.type_text("docker sto");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker stop |");
    t.type_text("docker stop w");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker stop web |");
    t.type_text("docker run --rm ngi");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker run --rm nginx|");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker run --rm nginx|");
    assert!(
        t.screen().ends_with("\nnginx         nginx:latest"),
        "{}",
        t.screen()
    );
}

#[wasm_bindgen_test]
async fn the_visualizer_follows_the_engine() {
    let t = Term::mount("seed=1").await;
    assert!(t.text_of(".berth-visual").contains("No images yet"));
    t.run("docker run -d --name web nginx").await;
    tick().await;
    assert!(t.has(".berth-container.berth-state-running[data-name=web]"));
    assert!(t.has(".berth-image[data-id]"));
    assert!(t
        .text_of(".berth-calls")
        .contains("POST /containers/create"));
    let said = t.text_of(".berth-said");
    assert!(said.contains("Image nginx:latest added"), "{said}");
    assert!(said.contains("Container web is now running"), "{said}");
    t.run("docker stop web").await;
    tick().await;
    assert!(t.has(".berth-container.berth-state-exited[data-name=web]"));
    t.click_svg(".berth-container[data-name=web]").await;
    let details = t.text_of(".berth-details");
    assert!(
        details.contains("/web") && details.contains("exited"),
        "{details}"
    );
    t.run("docker rm web").await;
    tick().await;
    assert!(!t.has(".berth-container"));
    assert!(t.text_of(".berth-text").contains("0 containers"));
    t.click(".berth-toggle-visual").await;
    assert!(!t.has(".berth-visual"));
}

#[wasm_bindgen_test]
async fn the_language_button_switches_the_page_words_only() {
    let t = Term::mount("seed=1&lang=en").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    t.click(".berth-lang").await;
    assert_eq!(t.tabs(), ["终端 1*"]);
    assert_eq!(t.text_of(".berth-toggle-visual"), "隐藏图示");
    t.run("docker --version").await;
    assert!(t.screen().ends_with("Docker version 27.5.1, build 9f9e405"));
    t.click(".berth-lang").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
}
