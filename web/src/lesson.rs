//! The lessons panel: the course's chapters as levels. Picking one starts a fresh engine,
//! types its start commands, then checks its goal after every command; forbidden commands
//! are refused at the prompt. Completion is shown, and told to an embedding page with a
//! `lesson-complete` message (`{type, lesson, commands, reference}`).

use std::collections::VecDeque;

use berth::lesson::{self, Lang as LessonLang, Lesson};
use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::workspace::Workspace;

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
}

/// The lesson being played.
struct Playing {
    lesson: Lesson,
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
}

/// The panel's state, kept by the app.
#[derive(Default)]
pub struct Lessons {
    all: Vec<Lesson>,
    open: bool,
    playing: Option<Playing>,
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

impl Lessons {
    /// The shipped lessons, the panel closed.
    pub fn new() -> Lessons {
        Lessons {
            all: lesson::all().unwrap_or_default(),
            open: false,
            playing: None,
        }
    }

    /// Handles a message; true when the app must start a fresh engine (a lesson was picked).
    pub fn update(&mut self, msg: LessonMsg) -> bool {
        match msg {
            LessonMsg::Toggle => self.open = !self.open,
            LessonMsg::List => self.playing = None,
            LessonMsg::Pick(i) => {
                if let Some(l) = self.all.get(i) {
                    self.playing = Some(Playing {
                        lesson: l.clone(),
                        pending: l.start.iter().cloned().collect(),
                        base: 0,
                        ready: false,
                        commands: 0,
                        hints: 0,
                        solution: false,
                        complete: false,
                    });
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
        }
        false
    }

    /// Types the next start command when the terminal is free; true when it typed one.
    pub fn tick(&mut self, workspace: &Workspace, lang: Lang) -> bool {
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

    /// Puts the lesson's refusals on every terminal (again after a language switch).
    pub fn guard(&self, workspace: &Workspace, lang: Lang) {
        let Some(p) = &self.playing else {
            return;
        };
        let l = lesson_lang(lang);
        for tab in workspace.tabs() {
            let lesson = p.lesson.clone();
            tab.console
                .0
                .borrow_mut()
                .set_guard(Some(Box::new(move |line: &str| lesson.refusal(line, l))));
        }
    }

    /// Checks the goal after a command; tells the embedding page when it was just met.
    pub fn observe(&mut self, workspace: &Workspace) {
        let Some(p) = &mut self.playing else {
            return;
        };
        if !p.ready || p.complete {
            return;
        }
        p.commands = lines_run(workspace).saturating_sub(p.base);
        if lesson::met(workspace.engine(), &p.lesson.goal) {
            p.complete = true;
            post_complete(&p.lesson.id, p.commands, p.lesson.solution.len());
        }
    }

    /// The panel, when open.
    pub fn view(&self, lang: Lang, on: Callback<LessonMsg>) -> Html {
        if !self.open {
            return html! {};
        }
        let ll = lesson_lang(lang);
        let body = match &self.playing {
            None => {
                let items = self.all.iter().enumerate().map(|(i, l)| {
                    let on = on.clone();
                    html! {
                        <li><button class="berth-lesson-pick" data-lesson={l.id.clone()}
                            onclick={Callback::from(move |_| on.emit(LessonMsg::Pick(i)))}>
                            <span class="berth-lesson-chapter">{ l.chapter.clone() }</span>
                            { " " }{ l.title.get(ll).to_owned() }
                        </button></li>
                    }
                });
                html! { <ol class="berth-lesson-list">{ for items }</ol> }
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
            <aside class="berth-lessons" aria-label={lang.t("lesson.label")}>{ body }</aside>
        }
    }

    /// Whether the panel is open (the tools button shows it pressed).
    pub fn is_open(&self) -> bool {
        self.open
    }
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
