//! The JavaScript surface: one handle class, `BerthHandle`, and a `start` shortcut.
//!
//! ```js
//! import init, { start, BerthHandle } from './pkg/berth_web.js';
//! await init();
//! const berth = start('terminal');                // options from the page URL (?seed=&host=…)
//! const other = new BerthHandle({ seed: 1, host: 'linux' });
//! other.start('second-terminal');
//! other.run_line('docker --version');             // { text, stdout, stderr, status, prompt, ansi }
//! other.destroy();
//! ```

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Once;

use berth::{Output, Stream};
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use yew::AppHandle;

use crate::app::{App, AppMsg, AppProps};
use crate::options::{Options, UrlOptions};
use crate::persist;
use crate::ports::{storage, BrowserClock, BrowserEntropy};
use crate::screen::strip_ansi;
use crate::workspace::{Workspace, WorkspaceRef};

thread_local! {
    static PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Records the first panic's message and reports it on the browser console. A panic ends the
/// module (the release build aborts), so the page can only tell the user. Set through Yew, which
/// would otherwise put its own hook in place when the terminal first renders.
fn install_panic_hook() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        yew::set_custom_panic_hook(Box::new(|info| {
            let message = info.to_string();
            web_sys::console::error_1(&JsValue::from_str(&format!("berth: {message}")));
            PANIC.with(|p| {
                p.borrow_mut().get_or_insert(message);
            });
        }));
    });
}

/// A simulated Docker host with its terminals, for a page to mount and to drive.
#[wasm_bindgen]
pub struct BerthHandle {
    workspace: WorkspaceRef,
    options: Options,
    saving: bool,
    /// Lines the app runs once it is shown (the URL's `commands=`).
    commands: Rc<Vec<String>>,
    /// A lesson file the app fetches once it is shown (the URL's `lesson=`).
    lesson: Option<String>,
    app: Option<AppHandle<App>>,
}

#[wasm_bindgen]
impl BerthHandle {
    /// A new engine and terminal. `options` is an object `{ seed, host, lang }`, a query
    /// string (`"seed=1&host=linux"`), or nothing to read the page URL's query. It saves
    /// nothing; [`start`] makes the page's own handle, which does.
    #[wasm_bindgen(constructor)]
    pub fn new(options: JsValue) -> BerthHandle {
        install_panic_hook();
        let options = options_from(&options);
        let workspace = Workspace::new(
            options,
            || Box::new(BrowserClock),
            || Box::new(BrowserEntropy::new()),
        );
        BerthHandle::around(workspace, options, false)
    }

    fn around(workspace: Workspace, options: Options, saving: bool) -> BerthHandle {
        BerthHandle {
            workspace: WorkspaceRef(Rc::new(RefCell::new(workspace))),
            options,
            saving,
            commands: Rc::default(),
            lesson: None,
            app: None,
        }
    }

    /// The page's own handle, as its URL says. A plain page saves its state in the browser's
    /// `localStorage` and is rebuilt from it. A page whose URL holds the state — a shared
    /// link's `state=` or a lesson's `commands=` — shows that state and saves nothing, so a
    /// lesson never mixes with the student's own session.
    fn from_url(url: UrlOptions) -> BerthHandle {
        install_panic_hook();
        let options = url.options;
        let from_url = url.state.is_some() || !url.commands.is_empty();
        let saved = if from_url {
            url.state.as_deref().map(persist::read)
        } else {
            storage::load(&persist::key(options.host)).map(|text| persist::read(&text))
        };
        let workspace = Workspace::restore(options, saved, storage::fresh_seed(), storage::wall());
        let mut handle = BerthHandle::around(workspace, options, !from_url);
        handle.commands = Rc::new(url.commands);
        handle.lesson = url.lesson;
        handle
    }

    /// Shows the terminal in the element with id `element_id`, replacing its content (and
    /// moving the terminal there if it was shown elsewhere).
    pub fn start(&mut self, element_id: &str) -> Result<(), JsValue> {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(element_id))
            .ok_or_else(|| {
                JsValue::from_str(&format!("berth: no element with id {element_id:?}"))
            })?;
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        let props = AppProps {
            workspace: self.workspace.clone(),
            options: self.options,
            saving: self.saving,
            commands: std::mem::take(&mut self.commands),
            lesson: self.lesson.take(),
        };
        self.app = Some(yew::Renderer::<App>::with_root_and_props(root, props).render());
        Ok(())
    }

    /// Runs a line as if typed at the prompt (the terminal, if shown, shows it too). Returns
    /// `{ text, stdout, stderr, status, prompt, ansi }`: `text` is both streams in order
    /// without colour codes, `ansi` the same with them; `status` is null for a blank line.
    /// The line runs in the terminal shown.
    pub fn run_line(&self, line: &str) -> JsValue {
        let console = self.workspace.0.borrow().console();
        let out = console.0.borrow_mut().submit(line);
        self.refresh();
        let prompt = console.0.borrow().prompt().to_owned();
        output_object(&out, &prompt)
    }

    /// The prompt shown before the next line in the terminal shown.
    pub fn prompt(&self) -> String {
        let console = self.workspace.0.borrow().console();
        let prompt = console.0.borrow().prompt().to_owned();
        prompt
    }

    /// Opens another terminal on the same engine and shows it; returns its position (from
    /// 0), or -1 when no more can open.
    pub fn open_tab(&self) -> i32 {
        let opened = self.workspace.0.borrow_mut().open_tab();
        self.refresh();
        opened.map_or(-1, |i| i as i32)
    }

    /// Shows the terminal at `index` (from 0); returns whether there is one.
    pub fn select_tab(&self, index: usize) -> bool {
        let selected = self.workspace.0.borrow_mut().select(index);
        self.refresh();
        selected
    }

    /// How many terminals are open.
    pub fn tab_count(&self) -> usize {
        self.workspace.0.borrow().tabs().len()
    }

    fn refresh(&self) {
        if let Some(app) = &self.app {
            app.send_message(AppMsg::Refresh);
        }
    }

    /// Removes the terminal from the page. The engine stays: `run_line` still works, and
    /// `start` shows the terminal again.
    pub fn destroy(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }

    /// Whether the module panicked (it cannot go on after that; reload the page).
    pub fn has_panicked() -> bool {
        PANIC.with(|p| p.borrow().is_some())
    }

    /// The first panic's message, if any.
    pub fn panic_message() -> Option<String> {
        PANIC.with(|p| p.borrow().clone())
    }
}

/// Shows a terminal in the element with id `element_id`, configured by the page URL's query
/// and fragment (`?seed=N&host=windows|linux&lang=en|zh&layout=split|terminal|visual&readonly`
/// `&commands=…`, `#state=…`; see [`crate::options`]).
///
/// The page's state is saved in the browser as it changes and rebuilt on the next visit,
/// unless the URL gives the state.
#[wasm_bindgen]
pub fn start(element_id: &str) -> Result<BerthHandle, JsValue> {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    let url = UrlOptions::parse(
        &part(web_sys::Location::search),
        &part(web_sys::Location::hash),
    );
    let mut handle = BerthHandle::from_url(url);
    handle.start(element_id)?;
    Ok(handle)
}

/// Reads options from what JavaScript passed (see [`BerthHandle::new`]).
fn options_from(value: &JsValue) -> Options {
    if let Some(query) = value.as_string() {
        return Options::from_query(&query);
    }
    if value.is_object() {
        let mut options = Options::default();
        for key in ["seed", "host", "lang"] {
            let Ok(v) = Reflect::get(value, &JsValue::from_str(key)) else {
                continue;
            };
            if let Some(n) = v.as_f64() {
                options.set(key, &n.to_string());
            } else if let Some(s) = v.as_string() {
                options.set(key, &s);
            }
        }
        return options;
    }
    let query = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    Options::from_query(&query)
}

/// The JavaScript object [`BerthHandle::run_line`] returns.
fn output_object(out: &Output, prompt: &str) -> JsValue {
    let object = Object::new();
    let ansi = out.text();
    let status = out
        .status
        .map_or(JsValue::NULL, |s| JsValue::from_f64(f64::from(s)));
    let fields = [
        ("text", JsValue::from_str(&strip_ansi(&ansi))),
        (
            "stdout",
            JsValue::from_str(&strip_ansi(&out.stream_text(Stream::Stdout))),
        ),
        (
            "stderr",
            JsValue::from_str(&strip_ansi(&out.stream_text(Stream::Stderr))),
        ),
        ("status", status),
        ("prompt", JsValue::from_str(prompt)),
        ("ansi", JsValue::from_str(&ansi)),
    ];
    for (key, value) in fields {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &value);
    }
    object.into()
}
