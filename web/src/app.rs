//! The page's app: a bar of terminal tabs and tools above the terminal shown, and the
//! visualizer in a side panel that can be hidden. Its timer lets the programs of every tab go
//! on (pull progress, `logs -f`), so a background tab keeps running. In a course page's iframe
//! it runs the URL's `commands=` one after the other and talks to the embedding page (see
//! [`crate::embed`]).

use std::cell::Cell;
use std::collections::VecDeque;
use std::rc::Rc;

use berth::snapshot::Snapshot;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

use crate::embed::LessonFrom;
use crate::embed::Parent;
use crate::files::download_bytes;
use crate::files::FilesPanel;
use crate::i18n::Lang;
use crate::lesson::{download_lesson, fetch_lesson, LessonMsg, Lessons, MadeAction};
use crate::options::encode;
use crate::options::{Layout, Options};
use crate::persist::{self, Saved, Unreadable};
use crate::ports::{storage, BrowserClock, BrowserEntropy};
use crate::progress;
use crate::terminal::Terminal;
use crate::visual::{changes, Change, Visualizer};
use crate::workspace::{Workspace, WorkspaceRef};

/// How often running programs are given time, in milliseconds.
const TICK_MS: i32 = 100;
/// How long after a command the state is written to the browser's storage: writing the
/// journal takes a millisecond or more, which would otherwise come out of the frame that
/// shows the command's result. Leaving the page writes at once.
const SAVE_DELAY_MS: i32 = 250;

/// Properties of [`App`].
#[derive(Properties, PartialEq)]
pub struct AppProps {
    /// The engine and its terminals.
    pub workspace: WorkspaceRef,
    /// What the page was opened with.
    #[prop_or_default]
    pub options: Options,
    /// Whether the state is saved in the browser (the page's own terminal; not an embedded
    /// one driven from JavaScript).
    #[prop_or_default]
    pub saving: bool,
    /// Lines to run once the page is up, one after the other (the URL's `commands=`).
    #[prop_or_default]
    pub commands: Rc<Vec<String>>,
    /// A lesson file to fetch and start once the page is up (the URL's `lesson=`).
    #[prop_or_default]
    pub lesson: Option<String>,
}

/// The `localStorage` key of the chosen language.
const LANG_KEY: &str = "berth.lang";
/// The `localStorage` key of the chosen theme.
const THEME_KEY: &str = "berth.theme";

/// What the app reacts to.
pub enum AppMsg {
    /// The timer: let programs run.
    Tick,
    /// Something changed from outside (a line ran, the JavaScript handle did something).
    Refresh,
    /// Open a terminal.
    NewTab,
    /// Close the terminal at this position.
    Close(usize),
    /// Show the terminal at this position.
    Select(usize),
    /// A key anywhere in the app (Alt+digit switches tabs).
    Key(KeyboardEvent),
    /// Show or hide the visualizer.
    ToggleVisual,
    /// Show or hide the host files panel.
    ToggleFiles,
    /// Forget everything and start again.
    Reset,
    /// Switch the page's language.
    SwitchLang,
    /// Close the notice.
    Dismiss,
    /// Give the keyboard back to the terminal (after a click elsewhere in the app).
    Refocus,
    /// The lessons panel.
    Lesson(LessonMsg),
    /// A line to run in the terminal shown (sent by the embedding page).
    Run(String),
    /// Take back the last line: rebuild from all the others.
    Undo,
    /// Show a link that rebuilds this state.
    Share,
    /// Download the session as a file.
    Export,
    /// Rebuild from a session file's text.
    Import(String),
    /// Switch between the dark and the light theme.
    SwitchTheme,
    /// Copy the share link to the clipboard.
    CopyShare,
    /// The share link was copied (or could not be).
    Copied(bool),
    /// The save put off after a command is due.
    Save,
}

/// The app component.
pub struct App {
    ticker: Option<(i32, Closure<dyn FnMut()>)>,
    /// A save is put off until this timer fires.
    save_timer: Option<i32>,
    /// Whether a save is put off (shared with `on_leave`).
    unsaved: Rc<Cell<bool>>,
    /// Writes the state when the page is hidden or left, so a put-off save is not lost.
    on_leave: Option<Closure<dyn FnMut()>>,
    visual: bool,
    files: bool,
    lang: Lang,
    /// What the visualizer draws, taken when something changed.
    snapshot: Rc<Snapshot>,
    /// The engine's revision when `snapshot` was taken.
    revision: [u64; 4],
    /// The last command seen (tab id, its console's line count).
    seen: (u32, u64),
    calls: Rc<Vec<String>>,
    registry: bool,
    said: Rc<Vec<Change>>,
    seq: u64,
    /// What the page tells the user once (a saved state it could not read).
    notice: Option<String>,
    /// The journal length and tab last saved.
    saved: (usize, usize),
    /// Counts resets, so terminals of a new engine are new components.
    generation: u32,
    root: NodeRef,
    /// After this render, the terminal takes the keyboard again.
    refocus: bool,
    /// Reset was clicked once: the next click forgets everything.
    arming: bool,
    lessons: Lessons,
    /// The lessons' progress last saved.
    saved_progress: String,
    /// The lessons panel was used, or progress was saved before: progress is kept.
    lessons_used: bool,
    /// Lines waiting to run, each once the terminal shown is free.
    queue: VecDeque<String>,
    /// The page embedding this one, when in an iframe.
    parent: Option<Parent>,
    /// The share link last made, shown until closed.
    share: Option<String>,
    /// Whether the share link was copied, once the copy button was used.
    copied: Option<bool>,
    share_input: NodeRef,
    /// The light theme (else dark).
    light: bool,
    import: NodeRef,
}

impl Component for App {
    type Message = AppMsg;
    type Properties = AppProps;

    fn create(ctx: &Context<Self>) -> Self {
        let link = ctx.link().clone();
        let tick = Closure::<dyn FnMut()>::new(move || link.send_message(AppMsg::Tick));
        let ticker = web_sys::window()
            .and_then(|w| {
                w.set_interval_with_callback_and_timeout_and_arguments_0(
                    tick.as_ref().unchecked_ref(),
                    TICK_MS,
                )
                .ok()
            })
            .map(|id| (id, tick));
        let props = ctx.props();
        let snapshot = Rc::new(props.workspace.0.borrow().engine().snapshot());
        let revision = props.workspace.0.borrow().engine().revision();
        let lang = props
            .options
            .lang
            .or_else(|| {
                props
                    .saving
                    .then(|| storage::load(LANG_KEY))
                    .flatten()
                    .and_then(|l| Lang::parse(&l))
            })
            .or_else(browser_lang)
            .unwrap_or_default();
        let unreadable = props.workspace.0.borrow_mut().take_unreadable();
        let notice = unreadable.map(|e| {
            let why = match e {
                Unreadable::Garbled => lang.t("saved.garbled").to_owned(),
                Unreadable::Version(v) => lang.f("saved.version", &[("v", &v.to_string())]),
            };
            lang.f("saved.unreadable", &[("why", &why)])
        });
        let mut app = App {
            ticker,
            save_timer: None,
            unsaved: Rc::default(),
            on_leave: None,
            visual: props.options.layout != Layout::Terminal,
            files: false,
            lang,
            snapshot,
            revision,
            seen: (0, 0),
            calls: Rc::default(),
            registry: false,
            said: Rc::default(),
            seq: 0,
            notice,
            saved: (usize::MAX, 0),
            generation: 0,
            root: NodeRef::default(),
            refocus: false,
            arming: false,
            lessons: Lessons::new(),
            saved_progress: String::new(),
            lessons_used: false,
            queue: props.commands.iter().cloned().collect(),
            parent: None,
            share: None,
            copied: None,
            share_input: NodeRef::default(),
            light: props
                .saving
                .then(|| storage::load(THEME_KEY))
                .flatten()
                .map_or_else(prefers_light, |t| t == "light"),
            import: NodeRef::default(),
        };
        app.on_leave = leave_saver(ctx, Rc::clone(&app.unsaved));
        app.show_theme();
        // Only what a page without lessons runs anyway is called here, so the first load
        // of a split build needs nothing more.
        if let Some(text) = props.saving.then(|| storage::load(progress::KEY)).flatten() {
            app.lessons_used = true;
            app.restore_progress(ctx, &text);
        }
        let run = ctx.link().callback(AppMsg::Run);
        let on_lesson = ctx.link().callback(AppMsg::Lesson);
        app.parent = Parent::find(
            move |line| run.emit(line),
            move |from| match from {
                LessonFrom::Text(text) => on_lesson.emit(LessonMsg::Load(text)),
                LessonFrom::Url(url) => fetch_lesson(&url, on_lesson.clone()),
            },
        );
        if let Some(url) = &props.lesson {
            fetch_lesson(url, ctx.link().callback(AppMsg::Lesson));
        }
        app.show_lang();
        app.save(ctx);
        app
    }

    fn destroy(&mut self, _ctx: &Context<Self>) {
        let Some(w) = web_sys::window() else { return };
        if let Some((id, _)) = self.ticker.take() {
            w.clear_interval_with_handle(id);
        }
        if let Some(id) = self.save_timer.take() {
            w.clear_timeout_with_handle(id);
        }
        if let Some(leave) = self.on_leave.take() {
            let f = leave.as_ref().unchecked_ref();
            let _ = w.remove_event_listener_with_callback("pagehide", f);
            if let Some(d) = w.document() {
                let _ = d.remove_event_listener_with_callback("visibilitychange", f);
            }
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: AppMsg) -> bool {
        let workspace = &ctx.props().workspace.0;
        self.refocus |= matches!(
            msg,
            AppMsg::ToggleVisual | AppMsg::SwitchLang | AppMsg::Dismiss | AppMsg::Refocus
        );
        if !matches!(msg, AppMsg::Reset | AppMsg::Tick) && self.arming {
            self.arming = false;
        }
        match msg {
            AppMsg::Reset if !self.arming => {
                self.arming = true;
                true
            }
            AppMsg::Refocus => {
                self.focus_terminal();
                false
            }
            AppMsg::Tick => {
                let typed = self.lessons.tick(&mut workspace.borrow_mut(), self.lang);
                let mut changed = workspace.borrow_mut().poll() || typed;
                changed |= self.run_queued(ctx);
                if changed {
                    self.observe(ctx);
                }
                self.tell_finished(ctx);
                changed
            }
            AppMsg::Run(line) => {
                self.queue.push_back(line);
                let ran = self.run_queued(ctx);
                if ran {
                    self.observe(ctx);
                }
                self.tell_finished(ctx);
                ran
            }
            AppMsg::Refresh => {
                self.observe(ctx);
                self.tell_finished(ctx);
                true
            }
            AppMsg::NewTab => workspace.borrow_mut().open_tab().is_some(),
            AppMsg::Close(i) => workspace.borrow_mut().close_tab(i),
            AppMsg::Select(i) => workspace.borrow_mut().select(i),
            AppMsg::Key(event) => {
                // Keyboard: Escape closes the notice or the share box (unless the terminal
                // took it to clear its line).
                let open = self.share.is_some() || self.notice.is_some();
                if open && event.key() == "Escape" && !event.default_prevented() {
                    self.notice = None;
                    self.share = None;
                    self.refocus = true;
                    return true;
                }
                let Some(target) = tab_key(&event, &workspace.borrow()) else {
                    return false;
                };
                event.prevent_default();
                match target {
                    TabKey::Select(i) => workspace.borrow_mut().select(i),
                    TabKey::New => workspace.borrow_mut().open_tab().is_some(),
                }
            }
            AppMsg::ToggleVisual => {
                self.visual = !self.visual;
                true
            }
            AppMsg::ToggleFiles => {
                self.files = !self.files;
                true
            }
            AppMsg::Reset => {
                self.arming = false;
                self.refocus = true;
                // A lesson being played starts again on the fresh machine.
                self.lessons.restart();
                let options = ctx.props().options;
                let fresh = if ctx.props().saving {
                    storage::remove(&persist::key(options.host));
                    Workspace::restore(options, None, storage::fresh_seed(), storage::wall())
                } else {
                    Workspace::new(
                        options,
                        || Box::new(BrowserClock),
                        || Box::new(BrowserEntropy::new()),
                    )
                };
                self.replace(ctx, fresh);
                true
            }
            AppMsg::Undo => {
                let saved = workspace.borrow().without_last_line();
                let Some(saved) = saved else {
                    return false;
                };
                self.rebuild(ctx, saved);
                true
            }
            AppMsg::Share => {
                let saved = workspace.borrow().saved();
                self.share = saved.map(|s| share_link(&persist::write(&s)));
                self.copied = None;
                true
            }
            // Share: the copy button and what it says in its live region.
            AppMsg::CopyShare => {
                if let Some(link) = &self.share {
                    let input = self.share_input.cast::<web_sys::HtmlInputElement>();
                    crate::clipboard::copy(link, input, ctx.link().callback(AppMsg::Copied));
                }
                false
            }
            AppMsg::Copied(ok) => {
                self.copied = Some(ok);
                true
            }
            AppMsg::Save => {
                self.save_timer = None;
                self.save(ctx);
                false
            }
            AppMsg::Export => {
                if let Some(saved) = workspace.borrow().saved() {
                    download_bytes("berth-session.json", persist::write(&saved).as_bytes());
                }
                false
            }
            AppMsg::Import(text) => {
                match persist::read(&text) {
                    Ok(saved) => self.rebuild(ctx, saved),
                    Err(_) => self.notice = Some(self.lang.t("session.unreadable").to_owned()),
                }
                true
            }
            AppMsg::SwitchTheme => {
                self.light = !self.light;
                if ctx.props().saving {
                    storage::store(THEME_KEY, if self.light { "light" } else { "dark" });
                }
                self.show_theme();
                true
            }
            AppMsg::SwitchLang => {
                self.lang = self.lang.other();
                self.lessons.guard(&mut workspace.borrow_mut(), self.lang);
                if ctx.props().saving {
                    storage::store(LANG_KEY, self.lang.code());
                }
                self.show_lang();
                true
            }
            AppMsg::Dismiss => {
                self.notice = None;
                self.share = None;
                true
            }
            AppMsg::Lesson(m) => {
                self.refocus = true;
                self.lessons_used = true;
                // A lesson picked starts on a fresh machine, as Reset does.
                let mut fresh = self.lessons.update(m, self.lang);
                let made = self.lessons.take_made(&workspace.borrow());
                match made {
                    Some((MadeAction::Download, text)) => download_lesson(&text),
                    Some((MadeAction::Play, text)) => {
                        fresh |= self.lessons.update(LessonMsg::Load(text), self.lang);
                    }
                    None => {}
                }
                if fresh {
                    self.arming = true;
                    Component::update(self, ctx, AppMsg::Reset);
                }
                self.lessons.guard(&mut workspace.borrow_mut(), self.lang);
                self.save(ctx);
                true
            }
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        if std::mem::take(&mut self.refocus) {
            self.focus_terminal();
        }
        if first_render {
            if let Some(parent) = &self.parent {
                parent.ready(&ctx.props().options, self.lang);
                parent.state(&self.snapshot);
            }
            // The URL's commands start now, after `ready`.
            if !self.queue.is_empty() {
                ctx.link().send_message(AppMsg::Tick);
            }
        }
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let workspace = ctx.props().workspace.0.borrow();
        let link = ctx.link();
        let lang = self.lang;
        let active = workspace.active();
        let count = workspace.tabs().len();
        let tabs = workspace.tabs().iter().enumerate().map(|(i, tab)| {
            let n = i + 1;
            let selected = i == active;
            html! {
                <div key={tab.id} class={classes!("berth-tab", selected.then_some("berth-tab-on"))}>
                    <button role="tab" class="berth-tab-name" id={format!("berth-tab-{}", tab.id)}
                        aria-selected={selected.to_string()} tabindex={if selected { "0" } else { "-1" }}
                        title={format!("Alt+{n}")}
                        onclick={link.callback(move |_| AppMsg::Select(i))}>
                        { lang.f("tab.name", &[("n", &n.to_string())]) }
                    </button>
                    if count > 1 {
                        <button class="berth-tab-close" aria-label={lang.f("tab.close", &[("n", &n.to_string())])}
                            title={lang.f("tab.close", &[("n", &n.to_string())])}
                            onclick={link.callback(move |_| AppMsg::Close(i))}>{"×"}</button>
                    }
                </div>
            }
        });
        let tab = &workspace.tabs()[active.min(count - 1)];
        let rev = tab.console.0.borrow().rev();
        let on_change = link.callback(|()| AppMsg::Refresh);
        let pick_import = {
            let input = self.import.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(i) = input.cast::<web_sys::HtmlElement>() {
                    i.click();
                }
            })
        };
        let on_import = {
            let input = self.import.clone();
            let import = link.callback(AppMsg::Import);
            Callback::from(move |_: Event| {
                let Some(i) = input.cast::<web_sys::HtmlInputElement>() else {
                    return;
                };
                if let Some(file) = i.files().and_then(|f| f.get(0)) {
                    let import = import.clone();
                    let done = Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| {
                        import.emit(text.as_string().unwrap_or_default());
                    });
                    let _ = file.text().then(&done);
                    // Called once, when the file is read.
                    done.forget();
                }
                i.set_value("");
            })
        };
        let options = ctx.props().options;
        let readonly = options.readonly;
        let show_terminal = options.layout != Layout::Visual;
        let layout = match options.layout {
            Layout::Split => "berth-layout-split",
            Layout::Terminal => "berth-layout-terminal",
            Layout::Visual => "berth-layout-visual",
        };
        html! {
            <div class={classes!("berth-app", layout, readonly.then_some("berth-readonly"))}
                ref={self.root.clone()} onkeydown={link.callback(AppMsg::Key)}>
                <div class="berth-bar">
                    <div class="berth-tabs" role="tablist" aria-label={lang.t("tabs.label")}>
                        { for tabs }
                        if !readonly {
                            <button class="berth-new-tab" aria-label={lang.t("tab.new")} title={lang.t("tab.new")}
                                onclick={link.callback(|_| AppMsg::NewTab)}>{"+"}</button>
                        }
                    </div>
                    <div class="berth-tools">
                        <button class="berth-toggle-files" aria-pressed={self.files.to_string()}
                            onclick={link.callback(|_| AppMsg::ToggleFiles)}>
                            { lang.t(if self.files { "files.hide" } else { "files.show" }) }
                        </button>
                        if show_terminal {
                            <button class="berth-toggle-visual" aria-pressed={self.visual.to_string()}
                                onclick={link.callback(|_| AppMsg::ToggleVisual)}>
                                { lang.t(if self.visual { "visual.hide" } else { "visual.show" }) }
                            </button>
                        }
                        if !readonly {
                            <button class="berth-undo" title={lang.t("undo.title")}
                                onclick={link.callback(|_| AppMsg::Undo)}>{ lang.t("undo") }</button>
                            <button class="berth-share" title={lang.t("share.title")}
                                onclick={link.callback(|_| AppMsg::Share)}>{ lang.t("share") }</button>
                            <button class="berth-export" title={lang.t("export.title")}
                                onclick={link.callback(|_| AppMsg::Export)}>{ lang.t("export") }</button>
                            <button class="berth-import" title={lang.t("import.title")}
                                onclick={pick_import}>{ lang.t("import") }</button>
                            <input type="file" class="berth-import-input" accept=".json,application/json"
                                hidden=true ref={self.import.clone()} onchange={on_import} />
                        }
                        <button class="berth-theme" aria-pressed={self.light.to_string()}
                            title={lang.t("theme.title")}
                            onclick={link.callback(|_| AppMsg::SwitchTheme)}>
                            { lang.t(if self.light { "theme.dark" } else { "theme.light" }) }
                        </button>
                        if !readonly {
                            <button class={classes!("berth-reset", self.arming.then_some("berth-arming"))}
                                title={lang.t("reset.title")}
                                onclick={link.callback(|_| AppMsg::Reset)}>
                                { lang.t(if self.arming { "reset.confirm" } else { "reset" }) }
                            </button>
                        }
                        <button class="berth-lang" lang={lang.other().code()}
                            aria-label={lang.t("lang.switch")} title={lang.t("lang.switch")}
                            onclick={link.callback(|_| AppMsg::SwitchLang)}>{ lang.t("lang.other") }</button>
                        <button class="berth-toggle-lessons" aria-pressed={self.lessons.is_open().to_string()}
                            onclick={link.callback(|_| AppMsg::Lesson(LessonMsg::Toggle))}>{ lang.t("lesson.toggle") }</button>
                    </div>
                </div>
                if let Some(link_text) = &self.share {
                    <div class="berth-notice berth-share-box">
                        <label>{ lang.t("share.label") }
                            <input class="berth-share-link" type="text" readonly=true value={link_text.clone()}
                                ref={self.share_input.clone()}
                                onfocus={|e: FocusEvent| {
                                    if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { i.select(); }
                                }} />
                        </label>
                        <button class="berth-share-copy" title={lang.t("share.copy_title")}
                            onclick={link.callback(|_| AppMsg::CopyShare)}>{ lang.t("share.copy") }</button>
                        <button class="berth-share-ok" onclick={link.callback(|_| AppMsg::Dismiss)}>{ lang.t("notice.ok") }</button>
                        <span class="berth-share-status" role="status" aria-live="polite">
                            { match self.copied {
                                Some(true) => lang.t("share.copied"),
                                Some(false) => lang.t("share.copy_failed"),
                                None => "",
                            } }
                        </span>
                    </div>
                }
                if let Some(notice) = &self.notice {
                    <div class="berth-notice" role="alert">
                        <span>{ notice.clone() }</span>
                        <button onclick={link.callback(|_| AppMsg::Dismiss)}>{ lang.t("notice.ok") }</button>
                    </div>
                }
                { self.lessons.view(lang, &workspace, link.callback(AppMsg::Lesson)) }
                <div class="berth-body">
                    if show_terminal {
                        <div class="berth-main" role="tabpanel" aria-labelledby={format!("berth-tab-{}", tab.id)}>
                            <Terminal key={format!("{}-{}", self.generation, tab.id)}
                                console={tab.console.clone()} {rev} {on_change} {readonly}
                                label={lang.t(if readonly { "terminal.readonly" } else { "terminal.input" })} />
                        </div>
                    }
                    if self.files {
                        <FilesPanel workspace={ctx.props().workspace.clone()} done={workspace.done()}
                            {lang} {readonly} on_change={link.callback(|()| AppMsg::Refresh)} />
                    }
                    if self.visual || !show_terminal {
                        <Visualizer snapshot={self.snapshot.clone()} calls={self.calls.clone()}
                            registry={self.registry} seq={self.seq} said={self.said.clone()} {lang}
                            on_pick={link.callback(|()| AppMsg::Refocus)} />
                    }
                </div>
            </div>
        }
    }
}

impl App {
    /// Takes what changed since the last look: the shown tab's last command and its API
    /// calls, the new state and what the change was.
    fn observe(&mut self, ctx: &Context<Self>) {
        let workspace = ctx.props().workspace.0.borrow();
        let tab = &workspace.tabs()[workspace.active().min(workspace.tabs().len() - 1)];
        let (calls, seq) = {
            let console = tab.console.0.borrow();
            (console.calls().to_vec(), console.seq())
        };
        let new_command = (tab.id, seq) != self.seen;
        if new_command {
            self.seen = (tab.id, seq);
            self.seq += 1;
            self.said = Rc::default();
            self.registry = false;
        }
        if new_command || *self.calls != calls {
            self.calls = Rc::new(calls);
        }
        // A command that changed nothing (`docker ps`) leaves the engine's revision where it
        // was: then there is no new snapshot to take (it costs a millisecond with 200 objects).
        let revision = workspace.engine().revision();
        let snapshot = if revision == self.revision {
            None
        } else {
            self.revision = revision;
            Some(workspace.engine().snapshot())
        };
        if let Some(snapshot) = snapshot.filter(|s| *s != *self.snapshot) {
            let found = changes(&self.snapshot, &snapshot);
            // Images arrive from the registry (commit, load and import make none yet).
            if found.iter().any(|c| matches!(c, Change::ImageAdded(_))) {
                self.registry = true;
            }
            let mut said = (*self.said).clone();
            said.extend(found);
            self.said = Rc::new(said);
            self.snapshot = Rc::new(snapshot);
            if let Some(parent) = &self.parent {
                parent.state(&self.snapshot);
            }
        }
        self.lessons.observe(&workspace);
        drop(workspace);
        self.save_progress(ctx);
        self.save_soon(ctx);
    }

    /// Saves once [`SAVE_DELAY_MS`] have passed (after the frame that shows the command).
    fn save_soon(&mut self, ctx: &Context<Self>) {
        if !ctx.props().saving || self.save_timer.is_some() {
            return;
        }
        let link = ctx.link().clone();
        let due = Closure::once_into_js(move || link.send_message(AppMsg::Save));
        self.save_timer = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                due.unchecked_ref(),
                SAVE_DELAY_MS,
            )
            .ok()
        });
        if self.save_timer.is_none() {
            self.save(ctx);
        } else {
            self.unsaved.set(true);
        }
    }

    /// Puts a new workspace in place of the old one, as a fresh start of the view.
    fn replace(&mut self, ctx: &Context<Self>, fresh: Workspace) {
        let workspace = &ctx.props().workspace.0;
        *workspace.borrow_mut() = fresh;
        // A lesson being played refuses its commands on the rebuilt machine too (undo, import).
        self.lessons.guard(&mut workspace.borrow_mut(), self.lang);
        self.generation += 1;
        self.refocus = true;
        self.snapshot = Rc::new(workspace.borrow().engine().snapshot());
        self.revision = workspace.borrow().engine().revision();
        self.seen = (0, 0);
        self.calls = Rc::default();
        self.said = Rc::default();
        self.registry = false;
        self.notice = None;
        self.share = None;
        self.queue.clear();
        self.saved = (usize::MAX, 0);
        self.save(ctx);
    }

    /// Rebuilds the engine and terminals from a saved state (undo, an imported file).
    fn rebuild(&mut self, ctx: &Context<Self>, saved: Saved) {
        let mut options = ctx.props().options;
        // The saved state's own seed rebuilds it, whatever the URL fixed.
        options.seed = options.seed.map(|_| saved.seed);
        let fresh = Workspace::restore(
            options,
            Some(Ok(saved)),
            storage::fresh_seed(),
            storage::wall(),
        );
        self.replace(ctx, fresh);
    }

    /// Puts the theme on the document (`data-theme`), for the page around the app too.
    fn show_theme(&self) {
        let root = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element());
        if let Some(root) = root {
            let _ = root.set_attribute("data-theme", if self.light { "light" } else { "dark" });
        }
    }

    /// Runs the waiting lines in the terminal shown while it is free (a line given while a
    /// program runs would be its input); returns whether any ran.
    fn run_queued(&mut self, ctx: &Context<Self>) -> bool {
        let console = ctx.props().workspace.0.borrow().console();
        let mut ran = false;
        while !self.queue.is_empty() && !console.0.borrow().is_busy() {
            if let Some(line) = self.queue.pop_front() {
                console.0.borrow_mut().submit(&line);
                ran = true;
            }
        }
        ran
    }

    /// Tells the embedding page which commands ended, in every terminal.
    fn tell_finished(&self, ctx: &Context<Self>) {
        let workspace = ctx.props().workspace.0.borrow();
        for (i, tab) in workspace.tabs().iter().enumerate() {
            let finished = tab.console.0.borrow_mut().take_finished();
            if let Some(parent) = &self.parent {
                for (line, status) in finished {
                    parent.command(i + 1, &line, status);
                }
            }
        }
    }

    /// Puts the keyboard in the terminal shown.
    fn focus_terminal(&mut self) {
        self.refocus = false;
        let input = self
            .root
            .cast::<Element>()
            .and_then(|root| root.query_selector(".berth-input").ok().flatten())
            .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(input) = input {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = input.focus_with_options(&options);
        }
    }

    /// Takes back the lessons' progress saved in the browser; an unreadable record is
    /// reported and replaced.
    fn restore_progress(&mut self, ctx: &Context<Self>, text: &str) {
        match progress::read(text) {
            Ok(p) => {
                let mut workspace = ctx.props().workspace.0.borrow_mut();
                self.lessons.restore(p, &mut workspace, self.lang);
            }
            Err(e) => {
                let why = match e {
                    Unreadable::Garbled => self.lang.t("saved.garbled").to_owned(),
                    Unreadable::Version(v) => {
                        self.lang.f("saved.version", &[("v", &v.to_string())])
                    }
                };
                let said = self.lang.f("lesson.unreadable", &[("why", &why)]);
                self.notice = Some(match self.notice.take() {
                    Some(before) => format!("{before} {said}"),
                    None => said,
                });
                storage::remove(progress::KEY);
            }
        }
    }

    /// Saves the state in the browser when something was done since the last save.
    fn save(&mut self, ctx: &Context<Self>) {
        self.unsaved.set(false);
        self.save_progress(ctx);
        if !ctx.props().saving {
            return;
        }
        let workspace = ctx.props().workspace.0.borrow();
        let now = (workspace.done(), workspace.active());
        if now == self.saved {
            return;
        }
        if let Some(saved) = workspace.saved() {
            let key = persist::key(ctx.props().options.host);
            storage::store(&key, &persist::write(&saved));
            self.saved = now;
        }
    }

    /// Saves the lessons' progress when it changed (a small record, saved at once).
    fn save_progress(&mut self, ctx: &Context<Self>) {
        if ctx.props().saving && self.lessons_used {
            let p = progress::write(&self.lessons.progress());
            if p != self.saved_progress && storage::store(progress::KEY, &p) {
                self.saved_progress = p;
            }
        }
    }

    /// Puts the language on the document and on the page's own texts outside the app
    /// (elements marked `data-berth-text="key"`).
    fn show_lang(&self) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", self.lang.code());
        }
        if let Ok(marked) = document.query_selector_all("[data-berth-text]") {
            for i in 0..marked.length() {
                let Some(element) = marked.item(i).and_then(|n| n.dyn_into::<Element>().ok())
                else {
                    continue;
                };
                if let Some(key) = element.get_attribute("data-berth-text") {
                    element.set_text_content(Some(self.lang.t(&key)));
                }
            }
        }
    }
}

/// Whether the browser asks for light colours.
/// A listener that writes the state when the page is hidden or left while a save is put
/// off by [`App::save_soon`] (it would otherwise be lost with a tab closed at once),
/// installed on the window's `pagehide` and the document's `visibilitychange`.
fn leave_saver(ctx: &Context<App>, unsaved: Rc<Cell<bool>>) -> Option<Closure<dyn FnMut()>> {
    if !ctx.props().saving {
        return None;
    }
    let workspace = Rc::clone(&ctx.props().workspace.0);
    let key = persist::key(ctx.props().options.host);
    let leave = Closure::<dyn FnMut()>::new(move || {
        if !unsaved.replace(false) {
            return;
        }
        let saved = workspace.try_borrow().ok().and_then(|w| w.saved());
        if let Some(saved) = saved {
            storage::store(&key, &persist::write(&saved));
        }
    });
    let w = web_sys::window()?;
    let f = leave.as_ref().unchecked_ref();
    let _ = w.add_event_listener_with_callback("pagehide", f);
    if let Some(d) = w.document() {
        let _ = d.add_event_listener_with_callback("visibilitychange", f);
    }
    Some(leave)
}

fn prefers_light() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-color-scheme: light)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// A link to this page that rebuilds `state` (a saved state's text) from its fragment.
fn share_link(state: &str) -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| {
        location
            .as_ref()
            .and_then(|l| f(l).ok())
            .unwrap_or_default()
    };
    format!(
        "{}{}{}#state={}",
        part(web_sys::Location::origin),
        part(web_sys::Location::pathname),
        part(web_sys::Location::search),
        encode(state)
    )
}

/// The browser's preferred language, when the page has it.
fn browser_lang() -> Option<Lang> {
    let navigator = web_sys::window()?.navigator();
    navigator.language().and_then(|l| Lang::parse(&l))
}

/// What a key does to the tabs.
enum TabKey {
    Select(usize),
    New,
}

/// Alt+1…9 shows that tab, Alt+← / Alt+→ the one before or after, Alt+N opens one.
fn tab_key(event: &KeyboardEvent, workspace: &Workspace) -> Option<TabKey> {
    if !event.alt_key() || event.ctrl_key() || event.meta_key() {
        return None;
    }
    let count = workspace.tabs().len();
    let active = workspace.active();
    // `code` names the physical key, so Alt+1 works where Alt changes the character typed.
    let code = event.code();
    if let Some(d) = code
        .strip_prefix("Digit")
        .and_then(|d| d.parse::<usize>().ok())
    {
        return (1..=count).contains(&d).then_some(TabKey::Select(d - 1));
    }
    match code.as_str() {
        "ArrowLeft" => Some(TabKey::Select((active + count - 1) % count)),
        "ArrowRight" => Some(TabKey::Select((active + 1) % count)),
        "KeyN" => Some(TabKey::New),
        _ => None,
    }
}
