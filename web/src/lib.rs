//! Berth in the browser: the Yew terminal, the browser's clock and randomness, and the
//! JavaScript handle a page uses to mount and drive a simulated Docker host. The only crate
//! of the project that knows about the browser; the engine (`berth`) knows nothing of it.
//!
//! Code map: [`screen`] (scrollback and ANSI), [`editor`] (line editing and keys), [`history`],
//! [`console`] (one terminal's state), [`workspace`] (the tabs: terminals on one engine),
//! [`options`] (URL query and fragment), [`embed`] (`postMessage` to a course page), [`ports`] (browser clock and entropy), [`terminal`] (the Yew
//! terminal), [`visual`] (the SVG visualizer), [`wiring`] (its networks, mounts, links and ports), [`i18n`] (the page's words in English and
//! Chinese), [`clipboard`] (copying the share link), [`files`] (the host files panel), [`lesson`] (the lessons panel), [`progress`] (lessons kept across reloads), [`goal_picture`] (a goal drawn), [`app`] (tabs, tools and panels), [`handle`] (the `#[wasm_bindgen]` surface).

pub mod app;
pub mod base64;
pub mod clipboard;
pub mod complete;
pub mod console;
pub mod editor;
pub mod embed;
pub mod files;
pub mod goal_picture;
pub mod handle;
pub mod history;
pub mod i18n;
pub mod lesson;
pub mod options;
pub mod persist;
pub mod ports;
pub mod progress;
pub mod screen;
pub mod terminal;
pub mod visual;
pub mod wiring;
pub mod workspace;

pub use handle::{start, BerthHandle};
