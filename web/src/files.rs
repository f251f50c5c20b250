//! The host files panel: browse the simulated host's folders, open a text file to edit and
//! save it (a `server.c`, an env file, a Dockerfile), download any file (a tar written by
//! `docker save -o`), and upload one from the real computer (to `docker load` or `import`).
//! Writes go through [`Workspace::write_file`](crate::workspace::Workspace::write_file), so
//! they are saved and replayed like typed lines.

use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlElement, HtmlInputElement, HtmlTextAreaElement, Url};
use yew::prelude::*;

use crate::i18n::Lang;
use crate::workspace::WorkspaceRef;

/// The largest file the panel opens as text.
const MAX_TEXT: usize = 256 * 1024;

/// Properties of [`FilesPanel`].
#[derive(Properties, PartialEq)]
pub struct FilesProps {
    /// The engine whose host is shown.
    pub workspace: WorkspaceRef,
    /// Changes when something was done (the listing is read again).
    pub done: usize,
    /// The page's language.
    pub lang: Lang,
    /// Nothing can be written.
    #[prop_or_default]
    pub readonly: bool,
    /// Told after a file was written.
    #[prop_or_default]
    pub on_change: Callback<()>,
}

/// The separator of the host's paths (`\` on Windows, `/` on Linux).
fn separator(home: &str) -> char {
    if home.starts_with('/') {
        '/'
    } else {
        '\\'
    }
}

/// `dir` and `name` joined.
pub fn join(dir: &str, name: &str) -> String {
    let sep = separator(dir);
    if dir.ends_with(sep) {
        format!("{dir}{name}")
    } else {
        format!("{dir}{sep}{name}")
    }
}

/// The folder holding `path`, or `None` at the top (`C:\`, `/`).
pub fn parent(path: &str) -> Option<String> {
    let sep = separator(path);
    let trimmed = path.trim_end_matches(sep);
    let (up, _) = trimmed.rsplit_once(sep)?;
    if up.is_empty() || up.ends_with(':') {
        Some(format!("{up}{sep}"))
    } else {
        Some(up.to_owned())
    }
}

/// The last part of `path`.
fn base_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// A name a new file may have: no separators, not `.` or `..`.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty() && name != "." && name != ".." && !name.contains(['/', '\\', ':'])
}

/// The panel.
#[component]
pub fn FilesPanel(props: &FilesProps) -> Html {
    let lang = props.lang;
    let workspace = props.workspace.clone();
    let home = workspace.0.borrow().engine().host_home();
    let folder = use_state(|| home.clone());
    let open = use_state(|| None::<String>);
    let message = use_state(|| None::<String>);
    let new_name = use_node_ref();
    let upload = use_node_ref();
    let editor = use_node_ref();

    let entries = workspace
        .0
        .borrow()
        .engine()
        .host_dir(&folder)
        .unwrap_or_default();
    let write = {
        let workspace = workspace.clone();
        let on_change = props.on_change.clone();
        let message = message.clone();
        Rc::new(move |path: String, bytes: Vec<u8>| {
            let result = workspace.0.borrow_mut().write_file(&path, bytes);
            match result {
                Ok(()) => message.set(Some(lang.f("files.saved", &[("name", base_name(&path))]))),
                Err(e) => message.set(Some(e)),
            }
            on_change.emit(());
        })
    };

    let up = parent(&folder).map(|p| {
        let folder = folder.clone();
        let open = open.clone();
        html! {
            <button class="berth-files-up" title={lang.t("files.up")} aria-label={lang.t("files.up")}
                onclick={move |_| { folder.set(p.clone()); open.set(None); }}>{"↑"}</button>
        }
    });
    let rows = entries.iter().map(|e| {
        let path = join(&folder, &e.name);
        let selected = open.as_deref() == Some(path.as_str());
        let onclick = {
            let folder = folder.clone();
            let open = open.clone();
            let message = message.clone();
            let dir = e.dir;
            let path = path.clone();
            Callback::from(move |_: MouseEvent| {
                message.set(None);
                if dir {
                    folder.set(path.clone());
                    open.set(None);
                } else {
                    open.set(Some(path.clone()));
                }
            })
        };
        let size = if e.dir {
            String::new()
        } else {
            berth::format::units::human_size(e.size as f64)
        };
        html! {
            <li>
                <button class={classes!("berth-file", e.dir.then_some("berth-file-dir"), selected.then_some("berth-file-on"))}
                    data-name={e.name.clone()} {onclick}>
                    <span class="berth-file-icon" aria-hidden="true">{ if e.dir { "▸" } else { "·" } }</span>
                    <span class="berth-file-name">{ e.name.clone() }{ if e.dir { "/" } else { "" } }</span>
                    <span class="berth-file-size">{ size }</span>
                </button>
            </li>
        }
    });

    let opened = open.as_ref().map(|path| {
        let bytes = workspace.0.borrow().engine().host_file(path).unwrap_or_default();
        let name = base_name(path).to_owned();
        let download = {
            let path = path.clone();
            let workspace = workspace.clone();
            Callback::from(move |_: MouseEvent| {
                let bytes = workspace.0.borrow().engine().host_file(&path).unwrap_or_default();
                download_bytes(base_name(&path), &bytes);
            })
        };
        let text = (bytes.len() <= MAX_TEXT)
            .then(|| String::from_utf8(bytes.clone()).ok())
            .flatten();
        let body = match text {
            Some(text) => {
                let save = {
                    let write = Rc::clone(&write);
                    let path = path.clone();
                    let editor = editor.clone();
                    Callback::from(move |_: MouseEvent| {
                        if let Some(t) = editor.cast::<HtmlTextAreaElement>() {
                            write(path.clone(), t.value().into_bytes());
                        }
                    })
                };
                html! {
                    <>
                        <textarea key={path.clone()} class="berth-file-text" ref={editor.clone()}
                            aria-label={lang.f("files.editing", &[("name", &name)])}
                            spellcheck="false" readonly={props.readonly} value={text} />
                        if !props.readonly {
                            <button class="berth-file-save" onclick={save}>{ lang.t("files.save") }</button>
                        }
                    </>
                }
            }
            None => html! {
                <p class="berth-hint">{ lang.f("files.binary", &[("size", &berth::format::units::human_size(bytes.len() as f64))]) }</p>
            },
        };
        html! {
            <div class="berth-file-open">
                <h3>{ name.clone() }</h3>
                { body }
                <button class="berth-file-download" onclick={download}>{ lang.t("files.download") }</button>
            </div>
        }
    });

    let create = {
        let write = Rc::clone(&write);
        let folder = folder.clone();
        let open = open.clone();
        let new_name = new_name.clone();
        let message = message.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = new_name.cast::<HtmlInputElement>() else {
                return;
            };
            let name = input.value().trim().to_owned();
            if !valid_name(&name) {
                message.set(Some(lang.t("files.bad_name").to_owned()));
                return;
            }
            let path = join(&folder, &name);
            write(path.clone(), Vec::new());
            input.set_value("");
            open.set(Some(path));
        })
    };
    let on_upload = {
        let write = Rc::clone(&write);
        let folder = folder.clone();
        let upload = upload.clone();
        Callback::from(move |_: Event| {
            let Some(input) = upload.cast::<HtmlInputElement>() else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let path = join(&folder, &file.name());
            let write = Rc::clone(&write);
            let done = Closure::<dyn FnMut(JsValue)>::once(move |buffer: JsValue| {
                write(path, Uint8Array::new(&buffer).to_vec());
            });
            let _ = file.array_buffer().then(&done);
            // Called once, when the file is read; a few bytes per upload stay behind.
            done.forget();
            input.set_value("");
        })
    };
    let pick_upload = {
        let upload = upload.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = upload.cast::<HtmlElement>() {
                input.click();
            }
        })
    };

    html! {
        <aside class="berth-files" aria-label={lang.t("files.label")}>
            <div class="berth-files-head">
                { for up }
                <code class="berth-files-path">{ (*folder).clone() }</code>
            </div>
            <ul class="berth-files-list">
                if entries.is_empty() {
                    <li class="berth-hint">{ lang.t("files.empty") }</li>
                }
                { for rows }
            </ul>
            if !props.readonly {
                <form class="berth-files-new" onsubmit={create}>
                    <input ref={new_name} type="text" placeholder={lang.t("files.new_placeholder")}
                        aria-label={lang.t("files.new_placeholder")} spellcheck="false" />
                    <button type="submit">{ lang.t("files.new") }</button>
                    <button type="button" class="berth-files-upload" onclick={pick_upload}>{ lang.t("files.upload") }</button>
                    <input ref={upload} type="file" class="berth-files-upload-input" hidden=true onchange={on_upload} />
                </form>
            }
            if let Some(m) = &*message {
                <p class="berth-files-message" role="status">{ m.clone() }</p>
            }
            { for opened }
        </aside>
    }
}

/// Offers `bytes` to the browser as a download called `name`.
pub fn download_bytes(name: &str, bytes: &[u8]) {
    let parts = Array::new();
    parts.push(&Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.create_element("a").ok())
        .and_then(|a| a.dyn_into::<HtmlElement>().ok());
    if let Some(link) = link {
        let _ = link.set_attribute("href", &url);
        let _ = link.set_attribute("download", name);
        link.click();
    }
    // The download has started with the click; the URL can go once this task ends.
    let revoke = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let cases = [
            ("C:\\Users\\student", "a.txt", "C:\\Users\\student\\a.txt"),
            ("C:\\", "Users", "C:\\Users"),
            ("/home/student", "site", "/home/student/site"),
            ("/", "home", "/home"),
        ];
        for (dir, name, joined) in cases {
            assert_eq!(join(dir, name), joined);
        }
        let parents = [
            ("C:\\Users\\student", Some("C:\\Users")),
            ("C:\\Users", Some("C:\\")),
            ("C:\\", None),
            ("/home/student", Some("/home")),
            ("/home", Some("/")),
            ("/", None),
        ];
        for (path, up) in parents {
            assert_eq!(parent(path).as_deref(), up, "{path}");
        }
        assert!(valid_name("server.c"));
        for bad in ["", ".", "..", "a/b", "a\\b", "C:x"] {
            assert!(!valid_name(bad), "{bad}");
        }
    }
}
