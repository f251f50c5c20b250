//! What the browser tests share: a page mounted into a fresh element, keys and clicks sent
//! as bubbling events, and what the DOM shows read back.
#![allow(dead_code, reason = "each test file uses its own part of the helpers")]

use std::sync::atomic::{AtomicUsize, Ordering};

use berth_web::BerthHandle;
use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlInputElement, KeyboardEvent, KeyboardEventInit};

pub const WIN: &str = "PS C:\\Users\\student> ";

/// Lets Yew render what the last event scheduled.
pub async fn tick() {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
    });
    JsFuture::from(promise).await.unwrap();
}

/// Lets Yew finish what a change of tab scheduled: the app renders, then the new terminal.
pub async fn settle() {
    for _ in 0..4 {
        tick().await;
    }
}

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// A terminal mounted in its own element.
pub struct Term {
    pub handle: BerthHandle,
    pub root: Element,
}

impl Term {
    pub async fn mount(options: &str) -> Term {
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

    pub fn input(&self) -> HtmlInputElement {
        self.root
            .query_selector(".berth-input")
            .unwrap()
            .expect("an input line")
            .dyn_into()
            .unwrap()
    }

    pub fn prompt(&self) -> String {
        self.root
            .query_selector(".berth-prompt")
            .unwrap()
            .and_then(|p| p.text_content())
            .unwrap_or_default()
    }

    /// The scrollback, one row per line.
    pub fn screen(&self) -> String {
        let rows = self.root.query_selector_all(".berth-row").unwrap();
        (0..rows.length())
            .filter_map(|i| rows.item(i))
            .map(|r| r.text_content().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Puts `text` in the input line with the cursor at its end, as if typed.
    pub fn type_text(&self, text: &str) {
        let input = self.input();
        input.set_value(text);
        let end = text.encode_utf16().count() as u32;
        input.set_selection_range(end, end).unwrap();
    }

    pub async fn press(&self, key: &str) {
        self.key(key, false).await;
    }

    pub async fn ctrl(&self, key: &str) {
        self.key(key, true).await;
    }

    pub async fn key(&self, key: &str, ctrl: bool) {
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
    pub async fn until(&self, done: impl Fn(&Self) -> bool) {
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

    pub async fn run(&self, line: &str) {
        self.type_text(line);
        self.press("Enter").await;
    }

    /// The input's text with the cursor marked `|`.
    pub fn line(&self) -> String {
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

impl Term {
    /// Clicks the first element matching `selector` inside the page's root.
    pub async fn click(&self, selector: &str) {
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
    pub fn tabs(&self) -> Vec<String> {
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
    pub async fn alt(&self, code: &str) {
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

impl Term {
    /// The text of the first element matching `selector`, or "" when there is none.
    pub fn text_of(&self, selector: &str) -> String {
        self.root
            .query_selector(selector)
            .unwrap()
            .and_then(|e| e.text_content())
            .unwrap_or_default()
    }

    pub fn has(&self, selector: &str) -> bool {
        self.root.query_selector(selector).unwrap().is_some()
    }

    /// Clicks an SVG element (not an `HtmlElement`) with a bubbling mouse event.
    pub async fn click_svg(&self, selector: &str) {
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
