//! The Yew terminal: the scrollback as keyed rows, then the prompt and the input line.
//!
//! The [`Console`] lives behind `Rc<RefCell<…>>`, shared with the app and the JavaScript
//! handle; the app's timer lets running programs go on and passes the new revision down. The view
//! re-renders from the console's revision counter: typing touches only the `<input>` (no
//! re-render at all), and a new line of output re-renders only the rows that changed.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, FocusOptions, HtmlElement, HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::console::Console;
use crate::editor::{self, Action, Edit, KeyPress};
use crate::screen::Line;

/// A shared console, compared by identity (so props holding it compare cheaply).
#[derive(Clone)]
pub struct ConsoleRef(pub Rc<RefCell<Console>>);

impl PartialEq for ConsoleRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Properties of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The console the terminal shows and drives.
    pub console: ConsoleRef,
    /// The console's revision when the parent rendered: a new one renders the terminal again.
    #[prop_or_default]
    pub rev: u64,
    /// Told after a line ran (the engine's state may have changed).
    #[prop_or_default]
    pub on_change: Callback<()>,
    /// The student watches: the input line takes no typing.
    #[prop_or_default]
    pub readonly: bool,
    /// The input line's accessible name, in the page's language.
    #[prop_or_default]
    pub label: AttrValue,
}

/// What the terminal reacts to.
pub enum Msg {
    /// A key went down in the input line.
    Key(KeyboardEvent),
    /// Something was pasted into the input line.
    Paste(Event),
    /// A click anywhere in the terminal.
    Click,
    /// The console changed from outside (the JavaScript handle ran a line).
    Refresh,
}

/// The terminal component.
pub struct Terminal {
    input: NodeRef,
    scroller: NodeRef,
    shown_rev: Option<u64>,
}

impl Component for Terminal {
    type Message = Msg;
    type Properties = TerminalProps;

    fn create(_ctx: &Context<Self>) -> Self {
        Terminal {
            input: NodeRef::default(),
            scroller: NodeRef::default(),
            shown_rev: None,
        }
    }

    fn destroy(&mut self, ctx: &Context<Self>) {
        // Another tab is shown: keep what was being typed for when this one comes back.
        if let Some(input) = self.input.cast::<HtmlInputElement>() {
            ctx.props().console.0.borrow_mut().set_draft(input.value());
        }
    }

    fn update(&mut self, ctx: &Context<Self>, msg: Msg) -> bool {
        match msg {
            Msg::Key(event) => self.key(ctx, &event),
            Msg::Paste(event) => self.paste(ctx, &event),
            Msg::Click => {
                if !page_has_selection() {
                    self.focus();
                }
                false
            }
            Msg::Refresh => self.changed_since_shown(ctx),
        }
    }

    fn changed(&mut self, ctx: &Context<Self>, _old: &TerminalProps) -> bool {
        self.changed_since_shown(ctx)
    }

    fn view(&self, ctx: &Context<Self>) -> Html {
        let console = &ctx.props().console;
        let (rev, prompt) = {
            let c = console.0.borrow();
            (c.rev(), c.prompt().to_owned())
        };
        html! {
            <div class="berth-terminal" ref={self.scroller.clone()}
                onclick={ctx.link().callback(|_| Msg::Click)}>
                <Rows console={console.clone()} {rev} />
                <div class="berth-input-row">
                    <span class="berth-prompt">{prompt}</span>
                    <input class="berth-input" type="text" ref={self.input.clone()}
                        aria-label={ctx.props().label.clone()} readonly={ctx.props().readonly}
                        autocomplete="off" autocapitalize="off" autocorrect="off" spellcheck="false"
                        onkeydown={ctx.link().callback(Msg::Key)}
                        onpaste={ctx.link().callback(Msg::Paste)} />
                </div>
            </div>
        }
    }

    fn rendered(&mut self, ctx: &Context<Self>, first_render: bool) {
        let rev = ctx.props().console.0.borrow().rev();
        if self.shown_rev != Some(rev) {
            self.shown_rev = Some(rev);
            if let Some(scroller) = self.scroller.cast::<HtmlElement>() {
                scroll_to_end(scroller);
            }
        }
        if first_render {
            // The line that was being typed when this tab was last hidden comes back.
            let draft = ctx.props().console.0.borrow_mut().take_draft();
            if let (false, Some(input)) = (draft.is_empty(), self.input.cast::<HtmlInputElement>())
            {
                set_line(&input, &draft, draft.chars().count());
            }
            self.focus();
            if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
                // Lets tests and the page measure navigation → usable prompt.
                let _ = performance.mark("berth-ready");
            }
        }
    }
}

/// Scrolls to the newest line at the start of the next frame: reading the height now would
/// lay the page out in the middle of a render, and again once the rest of it changed.
fn scroll_to_end(scroller: HtmlElement) {
    let scroll = wasm_bindgen::closure::Closure::once_into_js(move || {
        scroller.set_scroll_top(scroller.scroll_height());
    });
    let asked = web_sys::window().map(|w| w.request_animation_frame(scroll.unchecked_ref()));
    if !matches!(asked, Some(Ok(_))) {
        // No frames to wait for (a hidden page): scroll now.
        if let Some(scroller) = scroll.dyn_ref::<js_sys::Function>() {
            let _ = scroller.call0(&wasm_bindgen::JsValue::NULL);
        }
    }
}

impl Terminal {
    fn changed_since_shown(&self, ctx: &Context<Self>) -> bool {
        self.shown_rev != Some(ctx.props().console.0.borrow().rev())
    }

    fn focus(&self) {
        if let Some(input) = self.input.cast::<HtmlElement>() {
            let options = FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = input.focus_with_options(&options);
        }
    }

    /// Handles a key at the prompt; returns whether the view must render again.
    fn key(&mut self, ctx: &Context<Self>, event: &KeyboardEvent) -> bool {
        let Some(input) = self.input.cast::<HtmlInputElement>() else {
            return false;
        };
        if event.is_composing() || ctx.props().readonly {
            return false;
        }
        let key = event.key();
        let press = KeyPress {
            key: &key,
            ctrl: event.ctrl_key(),
            alt: event.alt_key(),
            meta: event.meta_key(),
            shift: event.shift_key(),
        };
        let Some(action) = editor::action(&press) else {
            return false;
        };
        let text = input.value();
        let (start, end) = selection(&input, &text);
        match action {
            // With a selection, the browser's own editing (and copying) is what people expect.
            Action::Edit(_) if start != end => return false,
            Action::Interrupt if start != end || page_has_selection() => return false,
            // Tab on an empty line is the browser's: the keyboard's way on to the rest of
            // the page (Shift+Tab is always the browser's).
            Action::Complete if text.is_empty() => return false,
            _ => {}
        }
        event.prevent_default();
        let console = &ctx.props().console.0;
        match action {
            Action::Edit(edit) => {
                let (text, cursor) = editor::apply(&text, start, edit);
                set_line(&input, &text, cursor);
            }
            Action::Submit => {
                input.set_value("");
                console.borrow_mut().submit(&text);
                ctx.props().on_change.emit(());
            }
            Action::HistoryUp => {
                let line = console.borrow_mut().history().up(&text).map(str::to_owned);
                if let Some(line) = line {
                    set_line(&input, &line, line.chars().count());
                }
            }
            Action::HistoryDown => {
                let line = console.borrow_mut().history().down().map(str::to_owned);
                if let Some(line) = line {
                    set_line(&input, &line, line.chars().count());
                }
            }
            Action::Interrupt => {
                input.set_value("");
                console.borrow_mut().interrupt(&text);
                ctx.props().on_change.emit(());
            }
            Action::EndOfInput if !text.is_empty() => {
                let (text, cursor) = editor::apply(&text, start, Edit::Delete);
                set_line(&input, &text, cursor);
            }
            Action::EndOfInput => {
                console.borrow_mut().end_of_input();
                ctx.props().on_change.emit(());
            }
            Action::ClearScreen => console.borrow_mut().clear(),
            Action::Complete => {
                let done = console.borrow_mut().complete(&text, start);
                if let Some((line, cursor)) = done {
                    set_line(&input, &line, cursor);
                }
            }
        }
        self.changed_since_shown(ctx)
    }

    /// Pasted text with line breaks runs line by line, as in a real terminal; anything else is
    /// left to the browser.
    fn paste(&mut self, ctx: &Context<Self>, event: &Event) -> bool {
        let Some(input) = self.input.cast::<HtmlInputElement>() else {
            return false;
        };
        if ctx.props().readonly {
            return false;
        }
        let Some(pasted) = event
            .dyn_ref::<ClipboardEvent>()
            .and_then(ClipboardEvent::clipboard_data)
            .and_then(|data| data.get_data("text").ok())
        else {
            return false;
        };
        if !pasted.contains(['\n', '\r']) {
            return false;
        }
        event.prevent_default();
        let text = input.value();
        let (start, end) = selection(&input, &text);
        let (lines, rest, cursor) = editor::paste(&text, start, end, &pasted);
        {
            let mut console = ctx.props().console.0.borrow_mut();
            for line in &lines {
                console.submit(line);
            }
        }
        ctx.props().on_change.emit(());
        set_line(&input, &rest, cursor);
        self.changed_since_shown(ctx)
    }
}

/// The input's selection as char indices (equal when it is just a cursor).
fn selection(input: &HtmlInputElement, text: &str) -> (usize, usize) {
    let len = text.encode_utf16().count() as u32;
    let start = input.selection_start().ok().flatten().unwrap_or(len);
    let end = input.selection_end().ok().flatten().unwrap_or(start);
    (
        editor::char_index(text, start as usize),
        editor::char_index(text, end as usize),
    )
}

/// Puts `text` in the input with the cursor before char `cursor`.
fn set_line(input: &HtmlInputElement, text: &str, cursor: usize) {
    input.set_value(text);
    let at = editor::utf16_index(text, cursor) as u32;
    let _ = input.set_selection_range(at, at);
}

/// Whether the user has selected text on the page (then a click or Ctrl-C is for copying).
fn page_has_selection() -> bool {
    web_sys::window()
        .and_then(|w| w.get_selection().ok().flatten())
        .is_some_and(|s| !s.is_collapsed())
}

/// Properties of [`Rows`].
#[derive(Properties, PartialEq)]
struct RowsProps {
    console: ConsoleRef,
    /// The console's revision: the rows render again only when it moves.
    rev: u64,
}

/// How many lines make a [`Block`] of the scrollback.
const BLOCK_LINES: u64 = 100;

/// The scrollback, in keyed [`Block`]s of [`BLOCK_LINES`] lines by line id: a new line
/// changes the last block alone, a line dropped from the top the first alone, so a render
/// compares a hundred blocks, not ten thousand rows.
#[component]
fn Rows(props: &RowsProps) -> Html {
    let console = props.console.0.borrow();
    let mut blocks: Vec<(u64, Vec<Rc<Line>>)> = Vec::new();
    for line in console.screen().lines() {
        let block = line.id / BLOCK_LINES;
        match blocks.last_mut() {
            Some((b, lines)) if *b == block => lines.push(Rc::clone(line)),
            _ => blocks.push((block, vec![Rc::clone(line)])),
        }
    }
    let blocks = blocks
        .into_iter()
        .map(|(key, lines)| html! { <Block {key} {lines} /> });
    html! { <div class="berth-screen" role="log">{ for blocks }</div> }
}

/// Properties of [`Block`]. Unchanged lines are the same `Rc`s, so comparing is cheap.
#[derive(Properties, PartialEq)]
struct BlockProps {
    lines: Vec<Rc<Line>>,
}

/// Up to [`BLOCK_LINES`] lines of the scrollback, one keyed [`Row`] per line. The browser
/// skips laying out and painting blocks out of view (`content-visibility` in the CSS).
#[component]
fn Block(props: &BlockProps) -> Html {
    let rows = props.lines.iter().map(|line| {
        html! { <Row key={line.id} line={Rc::clone(line)} /> }
    });
    html! { <div class="berth-block">{ for rows }</div> }
}

/// Properties of [`Row`]. Equal lines compare equal, so an unchanged row never renders again.
#[derive(Properties, PartialEq)]
struct RowProps {
    line: Rc<Line>,
}

/// One line of the scrollback: its runs of text, styled ones as spans.
#[component]
fn Row(props: &RowProps) -> Html {
    let spans = props.line.spans().into_iter().map(|(style, text)| {
        let classes = style.classes();
        if classes.is_empty() {
            html! { {text} }
        } else {
            html! { <span class={classes}>{text}</span> }
        }
    });
    html! { <div class="berth-row">{ for spans }</div> }
}
