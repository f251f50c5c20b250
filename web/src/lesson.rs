//! The lessons panel: the course's chapters as levels. Picking one starts a fresh engine,
//! types its start commands, then checks its goal after every command; forbidden commands
//! are refused at the prompt of every terminal tab. Completion is shown, ticked in the list,
//! and told to an embedding page with a `lesson-complete` message (`{type, lesson, commands,
//! reference}`). What was completed and the lesson in progress are kept across reloads
//! ([`crate::progress`]). A lesson can also come from a file pasted or uploaded here, or from
//! a URL ([`fetch_lesson`]); one that does not validate shows why and changes nothing.

use std::collections::VecDeque;
use std::rc::Rc;

use berth::lesson::picture::{self, Part};
use berth::lesson::{self, Lang as LessonLang, Lesson, Text};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use crate::files::download_bytes;
use crate::goal_picture;
use crate::i18n::Lang;
use crate::progress::{Current, Progress};
use crate::workspace::{SharedGuard, Workspace};

/// What the panel asks for.
pub enum LessonMsg {
    /// Show or hide the panel.
    Toggle,
    /// Start the lesson at this position of the list.
    Pick(usize),
    /// Back to the list.
    List,
    /// Show one more hint.
    Hint,
    /// Show the reference solution.
    Solution,
    /// Start the lesson in this file's text (pasted, uploaded or fetched), if it validates.
    Load(String),
    /// Start the lesson in the text pasted in the panel.
    LoadPasted,
    /// Show or hide where a lesson file is pasted or uploaded.
    Own,
    /// A lesson file could not be fetched from this URL (the reason, in the browser's words).
    FetchFailed(String, String),
    /// Open (or close) the form that makes a lesson from the sandbox's state.
    Make,
    /// A text of the lesson being made changed: which (0 title, 1 goal) and language.
    MakeText(usize, LessonLang, String),
    /// Download the lesson made from the state now.
    MakeDownload,
    /// Play the lesson made from the state now.
    MakePlay,
}

/// The texts of a lesson being made from the sandbox's state.
struct Maker {
    title: Text,
    goal: Text,
}

/// The lesson being played.
struct Playing {
    lesson: Lesson,
    /// The lesson file's text, when the lesson is not a shipped one.
    source: Option<String>,
    /// Start commands not typed yet.
    pending: VecDeque<String>,
    /// Lines run on every terminal when the start commands were done.
    base: u64,
    /// Commands the student ran, once the start is done.
    commands: u64,
    /// The start commands have run and the guard is on.
    ready: bool,
    hints: usize,
    solution: bool,
    complete: bool,
    /// The goal's picture, and which of its parts hold.
    parts: Vec<Part>,
    met: Vec<bool>,
}

impl Playing {
    fn new(lesson: Lesson, source: Option<String>) -> Playing {
        let parts = picture::parts(&lesson.goal);
        Playing {
            met: vec![false; parts.len()],
            parts,
            pending: lesson.start.iter().cloned().collect(),
            lesson,
            source,
            base: 0,
            ready: false,
            commands: 0,
            hints: 0,
            solution: false,
            complete: false,
        }
    }
}

/// The panel's state, kept by the app.
#[derive(Default)]
pub struct Lessons {
    all: Vec<Lesson>,
    open: bool,
    playing: Option<Playing>,
    progress: Progress,
    /// Why the last lesson file given was not loaded, one line each.
    errors: Vec<String>,
    paste: NodeRef,
    upload: NodeRef,
    /// Where a lesson file is pasted or uploaded is shown.
    own: bool,
    /// The form making a lesson from the sandbox's state, when open.
    maker: Option<Maker>,
    /// The lesson made, waiting for the app to give the state it is made from.
    made: Option<MadeAction>,
}

/// What to do with a lesson made from the state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MadeAction {
    /// Save it as a file.
    Download,
    /// Play it.
    Play,
}

fn lesson_lang(lang: Lang) -> LessonLang {
    match lang {
        Lang::En => LessonLang::En,
        Lang::Zh => LessonLang::ZhCn,
    }
}

/// Lines run on every terminal of `workspace`.
fn lines_run(workspace: &Workspace) -> u64 {
    workspace
        .tabs()
        .iter()
        .map(|t| t.console.0.borrow().seq())
        .sum()
}

/// Reads a lesson file: the lesson, or what is wrong with it (the engine's validation).
pub fn validate(text: &str) -> Result<Lesson, Vec<String>> {
    let lesson = Lesson::parse(text).map_err(|e| vec![e])?;
    let problems = lesson.problems();
    if problems.is_empty() {
        Ok(lesson)
    } else {
        Err(problems)
    }
}

impl Lessons {
    /// The shipped lessons, the panel closed.
    pub fn new() -> Lessons {
        // Built field by field: a page that never opens the panel runs nothing new here.
        Lessons {
            all: lesson::all().unwrap_or_default(),
            open: false,
            playing: None,
            progress: Progress {
                version: crate::progress::VERSION,
                done: Vec::new(),
                current: None,
            },
            errors: Vec::new(),
            paste: NodeRef::default(),
            upload: NodeRef::default(),
            own: false,
            maker: None,
            made: None,
        }
    }

    /// Handles a message; true when the app must start a fresh engine (a lesson was picked).
    pub fn update(&mut self, msg: LessonMsg, lang: Lang) -> bool {
        match msg {
            LessonMsg::Toggle => self.open = !self.open,
            LessonMsg::Own => self.own = !self.own,
            LessonMsg::List => {
                self.playing = None;
                self.errors.clear();
            }
            LessonMsg::Pick(i) => {
                if let Some(l) = self.all.get(i) {
                    self.errors.clear();
                    self.playing = Some(Playing::new(l.clone(), None));
                    return true;
                }
            }
            LessonMsg::Hint => {
                if let Some(p) = &mut self.playing {
                    p.hints = (p.hints + 1).min(p.lesson.hints.len());
                }
            }
            LessonMsg::Solution => {
                if let Some(p) = &mut self.playing {
                    p.solution = true;
                }
            }
            LessonMsg::LoadPasted => {
                let text = self
                    .paste
                    .cast::<web_sys::HtmlTextAreaElement>()
                    .map(|t| t.value())
                    .unwrap_or_default();
                return self.update(LessonMsg::Load(text), lang);
            }
            LessonMsg::Load(text) => {
                self.open = true;
                // The same file again (a reload of a `lesson=` page) goes on where it was;
                // Reset starts it again.
                if self
                    .playing
                    .as_ref()
                    .is_some_and(|p| p.source.as_deref() == Some(text.as_str()))
                {
                    self.errors.clear();
                    return false;
                }
                match validate(&text) {
                    Ok(l) => {
                        self.errors.clear();
                        self.playing = Some(Playing::new(l, Some(text)));
                        if let Some(t) = self.paste.cast::<web_sys::HtmlTextAreaElement>() {
                            t.set_value("");
                        }
                        return true;
                    }
                    Err(problems) => {
                        self.errors = std::iter::once(lang.t("lesson.invalid").to_owned())
                            .chain(problems)
                            .collect();
                    }
                }
            }
            LessonMsg::Make => {
                self.maker = match self.maker {
                    Some(_) => None,
                    None => {
                        let both = |key: &str| Text {
                            en: Lang::En.t(key).to_owned(),
                            zh_cn: Lang::Zh.t(key).to_owned(),
                        };
                        Some(Maker {
                            title: both("lesson.make.title-default"),
                            goal: both("lesson.make.goal-default"),
                        })
                    }
                };
            }
            LessonMsg::MakeText(which, l, value) => {
                if let Some(m) = &mut self.maker {
                    let text = if which == 0 {
                        &mut m.title
                    } else {
                        &mut m.goal
                    };
                    match l {
                        LessonLang::En => text.en = value,
                        LessonLang::ZhCn => text.zh_cn = value,
                    }
                }
            }
            LessonMsg::MakeDownload => self.made = Some(MadeAction::Download),
            LessonMsg::MakePlay => self.made = Some(MadeAction::Play),
            LessonMsg::FetchFailed(url, why) => {
                self.open = true;
                self.errors = vec![lang.f("lesson.fetch-failed", &[("url", &url), ("why", &why)])];
            }
        }
        false
    }

    /// The lesson made from `workspace`'s state on the last request (download or play), as
    /// a lesson file's text; the request is taken.
    pub fn take_made(&mut self, workspace: &Workspace) -> Option<(MadeAction, String)> {
        let action = self.made.take()?;
        let m = self.maker.as_ref()?;
        Some((action, made_lesson(m, workspace).to_json()))
    }

    /// The lesson starts again from its start commands (the machine was reset).
    pub fn restart(&mut self) {
        if let Some(p) = self.playing.take() {
            self.playing = Some(Playing::new(p.lesson, p.source));
        }
    }

    /// Takes back the progress kept in the browser: the ticks, and the lesson in progress
    /// reopened as it was (its terminals are the saved session's, already replayed).
    pub fn restore(&mut self, progress: Progress, workspace: &mut Workspace, lang: Lang) {
        let current = progress.current.clone();
        self.progress = Progress {
            current: None,
            ..progress
        };
        let Some(c) = current else {
            return;
        };
        let lesson = match &c.source {
            Some(text) => validate(text).ok(),
            None => self.all.iter().find(|l| l.id == c.id).cloned(),
        };
        let Some(lesson) = lesson else {
            return;
        };
        let mut p = Playing::new(lesson, c.source);
        for _ in 0..c.started.min(p.pending.len()) {
            p.pending.pop_front();
        }
        p.ready = c.ready;
        p.base = c.base;
        p.hints = c.hints.min(p.lesson.hints.len());
        p.solution = c.solution;
        p.complete = c.complete;
        if p.ready {
            p.commands = lines_run(workspace).saturating_sub(p.base);
        }
        let checks: Vec<&lesson::Goal> = p.parts.iter().map(|part| &part.check).collect();
        p.met = lesson::met_each(workspace.engine(), &checks);
        self.playing = Some(p);
        self.open = true;
        self.guard(workspace, lang);
    }

    /// What to keep in the browser.
    pub fn progress(&self) -> Progress {
        let mut out = self.progress.clone();
        out.current = self.playing.as_ref().map(|p| Current {
            id: p.lesson.id.clone(),
            source: p.source.clone(),
            started: p.lesson.start.len().saturating_sub(p.pending.len()),
            ready: p.ready,
            base: p.base,
            hints: p.hints,
            solution: p.solution,
            complete: p.complete,
        });
        out
    }

    /// Types the next start command when the terminal is free; true when it typed one.
    pub fn tick(&mut self, workspace: &mut Workspace, lang: Lang) -> bool {
        let Some(p) = &mut self.playing else {
            return false;
        };
        if p.ready {
            return false;
        }
        let console = workspace.console();
        let mut c = console.0.borrow_mut();
        if c.busy() {
            return false;
        }
        if let Some(line) = p.pending.pop_front() {
            c.submit(&line);
            return true;
        }
        drop(c);
        p.ready = true;
        p.base = lines_run(workspace);
        self.guard(workspace, lang);
        true
    }

    /// Puts the lesson's refusals on every terminal, those opened later too (again after a
    /// language switch); takes them off when no lesson is being played.
    pub fn guard(&self, workspace: &mut Workspace, lang: Lang) {
        let guard = self.playing.as_ref().filter(|p| p.ready).map(|p| {
            let lesson = p.lesson.clone();
            let l = lesson_lang(lang);
            Rc::new(move |line: &str| lesson.refusal(line, l)) as SharedGuard
        });
        workspace.set_guard(guard);
    }

    /// Checks the goal after a command; tells the embedding page when it was just met.
    pub fn observe(&mut self, workspace: &Workspace) {
        let Some(p) = &mut self.playing else {
            return;
        };
        let checks: Vec<&lesson::Goal> = p.parts.iter().map(|part| &part.check).collect();
        p.met = lesson::met_each(workspace.engine(), &checks);
        if !p.ready || p.complete {
            return;
        }
        p.commands = lines_run(workspace).saturating_sub(p.base);
        if lesson::met(workspace.engine(), &p.lesson.goal) {
            p.complete = true;
            self.progress.complete(&p.lesson.id);
            post_complete(&p.lesson.id, p.commands, p.lesson.solution.len());
        }
    }

    /// The panel, when open.
    pub fn view(&self, lang: Lang, workspace: &Workspace, on: Callback<LessonMsg>) -> Html {
        if !self.open {
            return html! {};
        }
        let ll = lesson_lang(lang);
        let errors = (!self.errors.is_empty()).then(|| {
            let lines = self.errors.iter().map(|e| html! { <li>{ e.clone() }</li> });
            html! { <ul class="berth-lesson-errors" role="alert">{ for lines }</ul> }
        });
        let body = match &self.playing {
            None => {
                let items = self.all.iter().enumerate().map(|(i, l)| {
                    let on = on.clone();
                    let done = self.progress.is_done(&l.id);
                    html! {
                        <li class={classes!(done.then_some("berth-lesson-ticked"))}>
                            <button class="berth-lesson-pick" data-lesson={l.id.clone()}
                            onclick={Callback::from(move |_| on.emit(LessonMsg::Pick(i)))}>
                            <span class="berth-lesson-chapter">{ l.chapter.clone() }</span>
                            { " " }{ l.title.get(ll).to_owned() }
                            if done {
                                <span class="berth-lesson-tick" title={lang.t("lesson.completed")}
                                    aria-label={lang.t("lesson.completed")}>{ " ✓" }</span>
                            }
                        </button></li>
                    }
                });
                let on_upload = {
                    let input = self.upload.clone();
                    let load = on.reform(LessonMsg::Load);
                    Callback::from(move |_: Event| {
                        let Some(i) = input.cast::<web_sys::HtmlInputElement>() else {
                            return;
                        };
                        if let Some(file) = i.files().and_then(|f| f.get(0)) {
                            let load = load.clone();
                            let done = Closure::<dyn FnMut(JsValue)>::once(move |t: JsValue| {
                                load.emit(t.as_string().unwrap_or_default());
                            });
                            let _ = file.text().then(&done);
                            // Called once, when the file is read.
                            done.forget();
                        }
                        i.set_value("");
                    })
                };
                let maker = self.maker.as_ref().map(|m| {
                    let field = |which: usize, l: LessonLang, key: &str, value: &str| {
                        let on = on.clone();
                        let oninput = Callback::from(move |e: InputEvent| {
                            if let Some(t) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                                on.emit(LessonMsg::MakeText(which, l, t.value()));
                            }
                        });
                        html! {
                            <label>{ lang.t(key) }
                                <input type="text" class={format!("berth-make-{which}-{}", l.tag())}
                                    value={value.to_owned()} {oninput} />
                            </label>
                        }
                    };
                    let made = made_lesson(m, workspace);
                    let goals = match &made.goal {
                        lesson::Goal::All(gs) => gs.len(),
                        _ => 1,
                    };
                    html! {
                        <div class="berth-lesson-make">
                            { field(0, LessonLang::En, "lesson.make.title-en", &m.title.en) }
                            { field(0, LessonLang::ZhCn, "lesson.make.title-zh", &m.title.zh_cn) }
                            { field(1, LessonLang::En, "lesson.make.goal-en", &m.goal.en) }
                            { field(1, LessonLang::ZhCn, "lesson.make.goal-zh", &m.goal.zh_cn) }
                            <p class="berth-lesson-make-summary">{ lang.f("lesson.make.summary", &[
                                ("goals", &goals.to_string()),
                                ("lines", &made.solution.len().to_string()),
                            ]) }</p>
                            <div class="berth-lesson-picture">{ goal_picture::draw(&picture::parts(&made.goal), &[], lang) }</div>
                            <button class="berth-lesson-make-download" onclick={on.reform(|_| LessonMsg::MakeDownload)}>
                                { lang.t("lesson.make.download") }</button>
                            <button class="berth-lesson-make-play" onclick={on.reform(|_| LessonMsg::MakePlay)}>
                                { lang.t("lesson.make.play") }</button>
                        </div>
                    }
                });
                html! {
                    <>
                        <ol class="berth-lesson-list">{ for items }</ol>
                        <button class="berth-lesson-make-open" aria-expanded={self.maker.is_some().to_string()}
                            onclick={on.reform(|_| LessonMsg::Make)}>{ lang.t("lesson.make") }</button>
                        { for maker }
                        <button class="berth-lesson-own-open" aria-expanded={self.own.to_string()}
                            onclick={on.reform(|_| LessonMsg::Own)}>{ lang.t("lesson.own") }</button>
                        if self.own {
                        <div class="berth-lesson-own">
                            <textarea class="berth-lesson-paste" ref={self.paste.clone()} rows="4"
                                aria-label={lang.t("lesson.paste")} placeholder={lang.t("lesson.paste")} />
                            <button class="berth-lesson-load" onclick={on.reform(|_| LessonMsg::LoadPasted)}>
                                { lang.t("lesson.load") }</button>
                            <label class="berth-lesson-upload-label">{ lang.t("lesson.upload") }
                                <input type="file" class="berth-lesson-upload" accept=".json,application/json"
                                    ref={self.upload.clone()} onchange={on_upload} />
                            </label>
                        </div>
                        }
                    </>
                }
            }
            Some(p) => {
                let l = &p.lesson;
                let hints = l
                    .hints
                    .iter()
                    .take(p.hints)
                    .map(|h| html! { <li>{ h.get(ll).to_owned() }</li> });
                let solution = l.solution.join("\n");
                let on_list = on.reform(|_| LessonMsg::List);
                let on_hint = on.reform(|_| LessonMsg::Hint);
                let on_solution = on.reform(|_| LessonMsg::Solution);
                let count = lang.f(
                    "lesson.count",
                    &[
                        ("n", &p.commands.to_string()),
                        ("ref", &l.solution.len().to_string()),
                    ],
                );
                html! {
                    <div class="berth-lesson" data-lesson={l.id.clone()}>
                        <button class="berth-lesson-back" onclick={on_list}>{ lang.t("lesson.back") }</button>
                        <h2>{ l.title.get(ll).to_owned() }</h2>
                        <p class="berth-lesson-goal">{ l.goal_text.get(ll).to_owned() }</p>
                        <div class="berth-lesson-picture">{ goal_picture::draw(&p.parts, &p.met, lang) }</div>
                        if !p.ready {
                            <p class="berth-lesson-setup">{ lang.t("lesson.setup") }</p>
                        }
                        <p class="berth-lesson-count">{ count }</p>
                        if p.complete {
                            <p class="berth-lesson-done" role="status">{ lang.t("lesson.done") }</p>
                        }
                        <ul class="berth-lesson-hints">{ for hints }</ul>
                        if p.hints < l.hints.len() {
                            <button class="berth-lesson-hint" onclick={on_hint}>{ lang.t("lesson.hint") }</button>
                        }
                        if p.solution {
                            <pre class="berth-lesson-solution">{ solution }</pre>
                        } else {
                            <button class="berth-lesson-show" onclick={on_solution}>{ lang.t("lesson.solution") }</button>
                        }
                    </div>
                }
            }
        };
        html! {
            <aside class="berth-lessons" aria-label={lang.t("lesson.label")}>{ errors }{ body }</aside>
        }
    }

    /// Whether the panel is open (the tools button shows it pressed).
    pub fn is_open(&self) -> bool {
        self.open
    }
}

/// The lesson of `workspace`'s state now, with `m`'s texts: the lines typed are its
/// solution.
fn made_lesson(m: &Maker, workspace: &Workspace) -> Lesson {
    let hint = Text {
        en: Lang::En.t("lesson.make.hint-default").to_owned(),
        zh_cn: Lang::Zh.t("lesson.make.hint-default").to_owned(),
    };
    lesson::make::from_state(
        workspace.engine(),
        &workspace.typed_lines(),
        [m.title.clone(), m.goal.clone(), hint],
    )
}

/// Saves a made lesson's text as a file.
pub fn download_lesson(text: &str) {
    download_bytes("lesson.json", text.as_bytes());
}

/// Fetches the lesson file at `url`; `done` gets its text, or the URL and why it failed.
pub fn fetch_lesson(url: &str, done: Callback<LessonMsg>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let fail = {
        let done = done.clone();
        let url = url.to_owned();
        move |why: String| done.emit(LessonMsg::FetchFailed(url.clone(), why))
    };
    let got_text = {
        let done = done.clone();
        Closure::<dyn FnMut(JsValue)>::once(move |text: JsValue| {
            done.emit(LessonMsg::Load(text.as_string().unwrap_or_default()));
        })
    };
    let failed = {
        let fail = fail.clone();
        Closure::<dyn FnMut(JsValue)>::once(move |e: JsValue| {
            fail(
                e.as_string()
                    .or_else(|| {
                        js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                            .ok()
                            .and_then(|m| m.as_string())
                    })
                    .unwrap_or_default(),
            );
        })
    };
    let got_response = Closure::<dyn FnMut(JsValue)>::once(move |response: JsValue| {
        let get = |k: &str| js_sys::Reflect::get(&response, &JsValue::from_str(k)).ok();
        let ok = get("ok").and_then(|v| v.as_bool()).unwrap_or(false);
        let status = get("status").and_then(|v| v.as_f64()).unwrap_or(0.0);
        let text = get("text").and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        match (ok, text) {
            (true, Some(text)) => {
                if let Ok(p) = text.call0(&response) {
                    let _ = js_sys::Promise::from(p).then(&got_text);
                }
            }
            _ => fail(format!("HTTP {status}")),
        }
        // Called once, when the text is read.
        got_text.forget();
    });
    let _ = window.fetch_with_str(url).then2(&got_response, &failed);
    // Each is called at most once, when the fetch ends.
    got_response.forget();
    failed.forget();
}

/// Tells the page that embeds this one (if any) that lesson `id` is complete.
fn post_complete(id: &str, commands: u64, reference: usize) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), &v);
    };
    set("type", JsValue::from_str("lesson-complete"));
    set("lesson", JsValue::from_str(id));
    set("commands", JsValue::from_f64(commands as f64));
    set("reference", JsValue::from_f64(reference as f64));
    let _ = parent.post_message(&message, "*");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workspace::testing::run;
    use berth::HostKind;

    fn workspace() -> Workspace {
        crate::workspace::testing::workspace_on(HostKind::Windows)
    }

    /// Plays lesson `id` in `w` until its start is typed.
    fn play(id: &str, w: &mut Workspace) -> Lessons {
        let mut l = Lessons::new();
        let i = l.all.iter().position(|x| x.id == id).unwrap_or(usize::MAX);
        assert!(l.update(LessonMsg::Pick(i), Lang::En), "{id}");
        while l.tick(w, Lang::En) {}
        l
    }

    #[test]
    fn the_lesson_in_progress_comes_back_with_its_refusals_in_every_tab() {
        let mut w = workspace();
        let mut l = play("dangling", &mut w);
        l.update(LessonMsg::Hint, Lang::En);
        l.observe(&w);
        let p = l.progress();
        let current = p.current.clone().unwrap_or_default();
        assert_eq!(
            (
                current.id.as_str(),
                current.started,
                current.ready,
                current.hints
            ),
            ("dangling", 4, true, 1)
        );
        assert_eq!(
            l.playing.as_ref().map(|p| p.met.clone()),
            Some(vec![false, true])
        );
        // As after a reload: new panel state, the same (replayed) terminals.
        let mut again = Lessons::new();
        again.restore(p.clone(), &mut w, Lang::Zh);
        assert_eq!(again.progress(), p);
        assert!(again.is_open());
        assert_eq!(w.open_tab(), Some(1));
        for tab in 0..2 {
            assert!(
                run(&w, tab, "docker rmi myimg").starts_with("本课不允许使用"),
                "{tab}"
            );
        }
        again.update(LessonMsg::List, Lang::En);
        again.guard(&mut w, Lang::En);
        assert!(!run(&w, 1, "docker rmi myimg").contains("does not allow"));
        assert_eq!(again.progress().current, None);
    }

    #[test]
    fn a_lesson_file_that_does_not_validate_changes_nothing() {
        let mut w = workspace();
        let mut l = play("basics", &mut w);
        for text in ["", "{\"id\": \"x\"}", "[1]"] {
            assert!(
                !l.update(LessonMsg::Load(text.to_owned()), Lang::En),
                "{text}"
            );
            assert_eq!(
                l.errors.first().map(String::as_str),
                Some(Lang::En.t("lesson.invalid"))
            );
            assert_eq!(
                l.progress().current.map(|c| c.id).as_deref(),
                Some("basics")
            );
        }
        let shipped = berth::lesson::FILES[4].1;
        let broken = shipped.replace("\"zh-CN\": \"虚悬镜像与清理\"", "\"zh-CN\": \"\"");
        assert!(!l.update(LessonMsg::Load(broken), Lang::En));
        assert!(
            l.errors.iter().any(|e| e == "title: no zh-CN text"),
            "{:?}",
            l.errors
        );
        assert!(l.update(LessonMsg::Load(shipped.to_owned()), Lang::En));
        assert!(l.errors.is_empty());
        let current = l.progress().current.unwrap_or_default();
        assert_eq!(current.id, "dangling");
        assert_eq!(current.source.as_deref(), Some(shipped));
        // The same file again goes on where it was.
        l.update(LessonMsg::Hint, Lang::En);
        assert!(!l.update(LessonMsg::Load(shipped.to_owned()), Lang::En));
        assert_eq!(l.progress().current.map(|c| c.hints), Some(1));
    }
}
