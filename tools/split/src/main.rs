//! `berth-split`: cuts the page's WebAssembly in two. The first load keeps the functions a
//! profile names (what the page runs from navigation through a course's first steps); every
//! other function moves to a second module, the rest, which the page instantiates on the first
//! call of any of them. The rest shares the first module's memory, function table and globals,
//! so a moved function runs exactly as before; in the first module each moved function that is
//! still called from there becomes a stub that loads the rest once and calls through the table.
//!
//! ```text
//! berth-split instrument IN.wasm OUT.wasm NAMES.txt
//!     OUT calls berth_rest.mark(i) on entry to local function i; NAMES has i's name on line i
//! berth-split split IN.wasm PROFILE.txt [--map MAP.txt] MAIN.wasm REST.wasm
//!     PROFILE: names of the functions the first load keeps, one per line; MAP: the linker's
//!     map of the module IN was made from, to move read-only data only the rest reads
//! ```
//!
//! The JavaScript side (scripts/split-glue.py) provides `berth_rest.load`, which instantiates
//! the rest with `{ primary: <the first module's exports> }` and sets `__berth_rest_loaded`.

#![allow(clippy::disallowed_types, clippy::disallowed_methods)] // reason: a native build tool; the page-size rules are for the engine

mod data;
mod split;

use std::collections::HashSet;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["instrument", input, out, names] => instrument(input, out, names),
        ["split", input, profile, main, rest] => split_files(input, profile, None, main, rest),
        ["split", input, profile, "--map", map, main, rest] => {
            split_files(input, profile, Some(map), main, rest)
        }
        _ => Err(
            "usage: berth-split instrument IN OUT NAMES | split IN PROFILE [--map MAP] MAIN REST"
                .into(),
        ),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("berth-split: {e}");
            ExitCode::FAILURE
        }
    }
}

fn read(path: &str) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}

fn write(path: &str, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{path}: {e}"))
}

fn instrument(input: &str, out: &str, names: &str) -> Result<(), String> {
    let (wasm, list) = split::instrument(&read(input)?)?;
    write(out, &wasm)?;
    write(names, list.join("\n").as_bytes())
}

fn split_files(
    input: &str,
    profile: &str,
    map: Option<&str>,
    main: &str,
    rest: &str,
) -> Result<(), String> {
    let text = |path: &str| String::from_utf8(read(path)?).map_err(|e| format!("{path}: {e}"));
    let keep: HashSet<String> = text(profile)?.lines().map(split::normalize).collect();
    let rodata = match map {
        Some(map) => Some(data::read_map(&text(map)?)?),
        None => None,
    };
    let parts = split::split(&read(input)?, &keep, rodata.as_deref())?;
    eprintln!(
        "berth-split: {} functions stay in the first load, {} move to the rest ({} entry stubs); \
         {} bytes of read-only data move with them",
        parts.kept, parts.moved, parts.entries, parts.data_moved
    );
    write(main, &parts.main)?;
    write(rest, &parts.rest)
}
