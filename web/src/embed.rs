//! Talking to the page that embeds Berth in an iframe, with `postMessage` (no special server
//! headers needed). Every message Berth sends is an object with `source: "berth"` and a
//! `type`:
//!
//! - `ready`: the page is up (`host`, `lang`, `layout`, `readonly`); the URL's `commands=`
//!   run after it.
//! - `command`: a command typed at the host prompt ended (`tab` from 1, `line`, `status`).
//! - `state`: what Docker holds changed (`images`, `containers`, `volumes`, `layers`).
//!
//! The embedding page sends `{ type: "run", line: "docker ps" }` to run a line in the
//! terminal shown, as if typed (after the command running, if one is), and
//! `{ type: "lesson", url: "lessons/mine.json" }` or `{ type: "lesson", lesson: {…} }` (a
//! lesson file's object, or its text) to start a lesson; one that does not validate shows
//! why in the lessons panel and changes nothing.

use berth::snapshot::Snapshot;
use berth::HostKind;
use serde::Serialize;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Window};

use crate::i18n::Lang;
use crate::options::{Layout, Options};

/// The page embedding this one, and the listener for what it sends.
pub struct Parent {
    window: Window,
    parent: Window,
    listener: Closure<dyn FnMut(MessageEvent)>,
}

impl Parent {
    /// The embedding page, when this page is in an iframe; `run` is called with each line it
    /// sends, `lesson` with each lesson it sends.
    pub fn find(
        run: impl Fn(String) + 'static,
        lesson: impl Fn(LessonFrom) + 'static,
    ) -> Option<Parent> {
        let window = web_sys::window()?;
        let parent = window.parent().ok().flatten()?;
        if js_sys::Object::is(&parent, &window) {
            return None;
        }
        Parent::talking(window, parent, run, lesson)
    }

    /// Talks from `window` to `parent`: posts to `parent`, and calls `run` with each line a
    /// message from `parent` to `window` asks to run (lessons it sends are left alone).
    pub fn between(
        window: Window,
        parent: Window,
        run: impl Fn(String) + 'static,
    ) -> Option<Parent> {
        Parent::talking(window, parent, run, |_| {})
    }

    /// As [`Parent::between`], and calls `lesson` with each lesson a message sends.
    pub fn talking(
        window: Window,
        parent: Window,
        run: impl Fn(String) + 'static,
        lesson: impl Fn(LessonFrom) + 'static,
    ) -> Option<Parent> {
        let from = parent.clone();
        let listener = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // Only the embedding page drives the terminal, not another frame.
            let from_parent = event
                .source()
                .is_some_and(|source| js_sys::Object::is(&source, &from));
            if from_parent {
                if let Some(line) = run_line(&event.data()) {
                    run(line);
                } else if let Some(from) = lesson_from(&event.data()) {
                    lesson(from);
                }
            }
        });
        window
            .add_event_listener_with_callback("message", listener.as_ref().unchecked_ref())
            .ok()?;
        Some(Parent {
            window,
            parent,
            listener,
        })
    }

    fn post(&self, message: &impl Serialize) {
        let Ok(text) = serde_json::to_string(message) else {
            return;
        };
        if let Ok(value) = js_sys::JSON::parse(&text) {
            let _ = self.parent.post_message(&value, "*");
        }
    }

    /// Says the page is up.
    pub fn ready(&self, options: &Options, lang: Lang) {
        self.post(&ready(options, lang));
    }

    /// Says a command ended.
    pub fn command(&self, tab: usize, line: &str, status: i32) {
        self.post(&Message::Command {
            source: "berth",
            tab,
            line,
            status,
        });
    }

    /// Says what Docker now holds.
    pub fn state(&self, snapshot: &Snapshot) {
        self.post(&state(snapshot));
    }
}

impl Drop for Parent {
    fn drop(&mut self) {
        let _ = self
            .window
            .remove_event_listener_with_callback("message", self.listener.as_ref().unchecked_ref());
    }
}

/// The line of a `{ type: "run", line }` message.
fn run_line(data: &JsValue) -> Option<String> {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if !data.is_object() || get("type")?.as_string()? != "run" {
        return None;
    }
    get("line")?.as_string()
}

/// Where a lesson the embedding page sends comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LessonFrom {
    /// A lesson file at this URL (relative to this page).
    Url(String),
    /// A lesson file's text.
    Text(String),
}

/// The lesson of a `{ type: "lesson", url }` or `{ type: "lesson", lesson }` message.
fn lesson_from(data: &JsValue) -> Option<LessonFrom> {
    let get = |key: &str| js_sys::Reflect::get(data, &JsValue::from_str(key)).ok();
    if !data.is_object() || get("type")?.as_string()? != "lesson" {
        return None;
    }
    if let Some(url) = get("url").and_then(|u| u.as_string()) {
        return Some(LessonFrom::Url(url));
    }
    let lesson = get("lesson")?;
    let text = match lesson.as_string() {
        Some(text) => text,
        None => js_sys::JSON::stringify(&lesson).ok()?.as_string()?,
    };
    Some(LessonFrom::Text(text))
}

/// What Berth tells the embedding page.
#[derive(Serialize, Debug, PartialEq)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Message<'a> {
    Ready {
        source: &'static str,
        host: &'static str,
        lang: &'static str,
        layout: &'static str,
        readonly: bool,
    },
    Command {
        source: &'static str,
        tab: usize,
        line: &'a str,
        status: i32,
    },
    State {
        source: &'static str,
        images: Vec<Image>,
        containers: Vec<Container>,
        volumes: Vec<String>,
        layers: usize,
    },
}

/// An image in a `state` message.
#[derive(Serialize, Debug, PartialEq)]
struct Image {
    id: String,
    tags: Vec<String>,
}

/// A container in a `state` message.
#[derive(Serialize, Debug, PartialEq)]
struct Container {
    id: String,
    name: String,
    state: String,
    image: String,
    ports: Vec<String>,
}

fn ready(options: &Options, lang: Lang) -> Message<'static> {
    Message::Ready {
        source: "berth",
        host: match options.host {
            HostKind::Windows => "windows",
            HostKind::Linux => "linux",
        },
        lang: lang.code(),
        layout: match options.layout {
            Layout::Split => "split",
            Layout::Terminal => "terminal",
            Layout::Visual => "visual",
        },
        readonly: options.readonly,
    }
}

/// Twelve hex digits of an id, as docker shows them.
fn short(id: &str) -> String {
    id.trim_start_matches("sha256:").chars().take(12).collect()
}

fn state(snapshot: &Snapshot) -> Message<'static> {
    Message::State {
        source: "berth",
        images: snapshot
            .images
            .iter()
            .map(|i| Image {
                id: short(&i.id),
                tags: i.tags.clone(),
            })
            .collect(),
        containers: snapshot
            .containers
            .iter()
            .map(|c| Container {
                id: short(&c.id),
                name: c.name.clone(),
                state: c.state.clone(),
                image: snapshot
                    .images
                    .iter()
                    .find(|i| i.id == c.image)
                    .and_then(|i| i.tags.first().cloned())
                    .unwrap_or_else(|| short(&c.image)),
                ports: c.ports.clone(),
            })
            .collect(),
        volumes: snapshot.volumes.iter().map(|v| v.name.clone()).collect(),
        layers: snapshot.layers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::{Engine, ManualClock};

    fn check(message: &Message<'_>, expected: &str) {
        assert_eq!(serde_json::to_string(message).unwrap_or_default(), expected);
    }

    #[test]
    fn messages_to_the_embedding_page() {
        let options = Options {
            host: HostKind::Linux,
            layout: Layout::Visual,
            readonly: true,
            ..Options::default()
        };
        check(
            &ready(&options, Lang::Zh),
            r#"{"type":"ready","source":"berth","host":"linux","lang":"zh-CN","layout":"visual","readonly":true}"#,
        );
        check(
            &ready(&Options::default(), Lang::En),
            r#"{"type":"ready","source":"berth","host":"windows","lang":"en","layout":"split","readonly":false}"#,
        );
        check(
            &Message::Command {
                source: "berth",
                tab: 1,
                line: "docker ps",
                status: 0,
            },
            r#"{"type":"command","source":"berth","tab":1,"line":"docker ps","status":0}"#,
        );
        let clock = ManualClock::default();
        let engine = Engine::builder()
            .seed(1)
            .clock(Box::new(clock.clone()))
            .build();
        check(
            &state(&engine.snapshot()),
            r#"{"type":"state","source":"berth","images":[],"containers":[],"volumes":[],"layers":0}"#,
        );
        let mut session = engine.session();
        for line in [
            "docker run -d --name web -p 8080:80 nginx",
            "docker volume create data",
        ] {
            session.run_line(line);
            session.settle(&clock);
        }
        let text = serde_json::to_string(&state(&engine.snapshot())).unwrap_or_default();
        let expected = [
            r#""tags":["nginx:latest"]"#,
            r#""name":"web","state":"running","image":"nginx:latest","ports":["0.0.0.0:8080->80/tcp","[::]:8080->80/tcp"]"#,
            r#""volumes":["data"]"#,
        ];
        for part in expected {
            assert!(text.contains(part), "{part} in {text}");
        }
    }
}
