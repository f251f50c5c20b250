//! Copying a text to the clipboard: the asynchronous Clipboard API when the page may use it,
//! else (no `navigator.clipboard`, or it refused: an iframe without the permission) the old
//! way, selecting the text in its input and asking the document to copy the selection.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::Callback;

/// Copies `text`, shown in `input`; `done` is told whether it was copied.
pub fn copy(text: &str, input: Option<HtmlInputElement>, done: Callback<bool>) {
    let Some(write) = clipboard_write(text) else {
        done.emit(fallback(input.as_ref()));
        return;
    };
    let ok = {
        let done = done.clone();
        Closure::once_into_js(move |_: JsValue| done.emit(true))
    };
    let refused = Closure::once_into_js(move |_: JsValue| done.emit(fallback(input.as_ref())));
    if let Ok(then) = Reflect::get(&write, &JsValue::from_str("then")) {
        if let Some(then) = then.dyn_ref::<Function>() {
            let _ = then.call2(&write, &ok, &refused);
        }
    }
}

/// `navigator.clipboard.writeText(text)`, when the page has it.
fn clipboard_write(text: &str) -> Option<Promise> {
    let navigator = web_sys::window()?.navigator();
    let clipboard = Reflect::get(&navigator, &JsValue::from_str("clipboard")).ok()?;
    if clipboard.is_undefined() || clipboard.is_null() {
        return None;
    }
    let write: Function = Reflect::get(&clipboard, &JsValue::from_str("writeText"))
        .ok()?
        .dyn_into()
        .ok()?;
    write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()?
        .dyn_into()
        .ok()
}

/// Selects the input's text and runs `document.execCommand("copy")`; whether it copied.
fn fallback(input: Option<&HtmlInputElement>) -> bool {
    let (Some(input), Some(document)) = (input, web_sys::window().and_then(|w| w.document()))
    else {
        return false;
    };
    let _ = input.focus();
    input.select();
    let exec = Reflect::get(&document, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    exec.and_then(|f| f.call1(&document, &JsValue::from_str("copy")).ok())
        .is_some_and(|r| r.as_bool() == Some(true))
}
