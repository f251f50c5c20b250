//! A C compiler and the machine that runs what it compiles, for the course's gcc exercise:
//! `gcc server.c -o server`, `make`, `cmake ..`, then `./server` and `./client` talking
//! over the simulated network.
//!
//! # The boundary
//!
//! This module knows nothing of the shell, the filesystem or the network. Everything it
//! needs from them comes through three small traits, which the integrator implements:
//!
//! - [`HeaderSource`]: reads user headers (`#include "x.h"`) by path. Standard headers
//!   (`<stdio.h>`, `<sys/socket.h>`, …) are built in.
//! - [`Os`]: the running program's whole world — `read`/`write`/`close` on integer
//!   descriptors, sockets with [`std::net::SocketAddrV4`], name resolution, the clock,
//!   signals. A call that must wait returns `Err(Errno::EAGAIN)`; the machine stops with
//!   [`RunState::Blocked`] and repeats the call on its next run. [`MemOs`] and [`MemNet`]
//!   are an in-memory world with a loopback network, used by the tests.
//! - [`driver::Host`]: files (read, write, mtime, list, mkdir), the working directory and
//!   the two output streams, for the `gcc`, `make` and `cmake` commands in [`driver`],
//!   [`make`] and [`cmake`]. None of them runs another command itself: make hands each
//!   recipe line back to the caller.
//!
//! # Compiling
//!
//! [`compile`] checks, compiles and links source files into a [`Program`]; [`compile_unit`]
//! makes one [`Object`] (`gcc -c`), and [`link()`] joins objects. Diagnostics are
//! [`Diagnostic`]s; [`render`] prints them exactly as gcc 5 or gcc 12 does
//! ([`Options::style`]). An executable is bytes: [`Program::to_bytes`] starts with `\x7fELF`
//! and has the line `berth-exec:c-program` in its first 256 bytes (the shell's convention
//! for "run me with [`Machine`]"); [`Program::from_bytes`] loads and validates them, and
//! gives a [`LoadError`] for anything else. Object files carry `berth-object:c`.
//!
//! ```
//! use berth::cc::{compile, Machine, MemOs, NoHeaders, Options, RunState, SourceFile};
//! let src = SourceFile::new("hi.c", "#include <stdio.h>\nint main(void) { printf(\"hi\\n\"); return 3; }\n");
//! let (program, _warnings) = compile(&[src], &NoHeaders, &Options::default()).unwrap();
//! let mut m = Machine::new(program, &["./hi".into()], &[]);
//! let mut os = MemOs::with_stdin(b"");
//! assert_eq!(m.run(1_000_000, &mut os), RunState::Exited(3));
//! assert_eq!(os.stdout, b"hi\n");
//! ```
//!
//! # The commands
//!
//! - [`driver::gcc`]`(argv, host, style) -> status`: `gcc`/`cc` with `-o`, `-c`, `-Wall`,
//!   `-Werror`, `-w`, `-I`, `-D`, `-l`, several files, objects; writes `a.out` by default;
//!   prints diagnostics and linker errors on the host's stderr.
//! - [`make::Make`]: `Make::start(argv, host, style)`, then `step(host, last_status)` until
//!   [`make::MakeStep::Done`]; each [`make::MakeStep::Run`] is a recipe line for the shell
//!   (make has already echoed it). [`make::run`] drives it with a closure, and
//!   [`make::builtin_command`] runs the usual recipe commands (`gcc`, `cc`, `echo`, `rm`,
//!   `mkdir`) without a shell. Recipes written by [`cmake`] call the compiler as
//!   `/usr/local/bin/cc` (gcc 5 style) or `/usr/bin/cc`: the shell should map those to gcc.
//! - [`cmake::cmake`]`(argv, host, style) -> status`: configures from `CMakeLists.txt`
//!   into the working directory and writes a Makefile.
//! - [`driver::MemHost`] is an in-memory [`driver::Host`] for tests.
//!
//! # Running
//!
//! `run(budget, os)` executes at most `budget` instructions and returns: `Exited(status)`,
//! `Blocked` (waiting on `os`; call again when something may have changed), `Yielded`
//! (budget used; call again on the next tick), or `Signaled(sig)`. [`RunState::status`]
//! gives `$?` (139 for SIGSEGV, 130 for Ctrl-C) and [`RunState::shell_message`] the line
//! bash prints (`Segmentation fault (core dumped)`; nothing for Ctrl-C). Ctrl-C reaches the
//! program through [`Os::pending_signal`]; a program that installed a handler with
//! `signal()` runs it instead of dying. Output a program leaves in its stdio buffers is
//! lost when it dies of a signal, as on Linux; stdout is line-buffered only when
//! [`Os::isatty`] says so.

pub mod ast;
pub mod cmake;
pub mod code;
pub mod diag;
pub mod driver;
mod expr;
pub mod gen;
pub mod headers;
pub mod lex;
pub mod libc;
pub mod link;
pub mod make;
pub mod mem;
pub mod os;
pub mod parse;
pub mod pp;
pub mod printf;
pub mod serial;
pub mod types;
pub mod vm;

pub use code::{Object, Program};
pub use diag::{render, Diagnostic, Level, Style};
pub use link::link;
pub use os::{Errno, MemNet, MemOs, Os, Readiness};
pub use serial::LoadError;
pub use vm::{Machine, RunState};

/// A C source file to compile.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// The name as given on the command line (gcc prints it in diagnostics).
    pub name: String,
    /// The text.
    pub text: String,
}

impl SourceFile {
    /// A source file.
    pub fn new(name: &str, text: &str) -> SourceFile {
        SourceFile {
            name: name.to_owned(),
            text: text.to_owned(),
        }
    }
}

/// Where `#include "…"` and `-I` headers come from. Paths are joined as gcc would
/// (the including file's directory first, then each `-I` directory).
pub trait HeaderSource {
    /// The text of the file at `path`, if it exists.
    fn read(&self, path: &str) -> Option<String>;
}

/// No user headers at all.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHeaders;

impl HeaderSource for NoHeaders {
    fn read(&self, _path: &str) -> Option<String> {
        None
    }
}

/// Compiler options (the parts of gcc's command line that matter here).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Which gcc's diagnostics to imitate (the course image ships gcc 5.2).
    pub style: Style,
    /// `-Wall`: unused variables, missing returns, printf format checks, …
    pub wall: bool,
    /// `-Werror`: warnings fail the compilation.
    pub werror: bool,
    /// `-DNAME=VALUE`.
    pub defines: Vec<(String, String)>,
    /// `-I DIR`.
    pub include_dirs: Vec<String>,
}

/// Compiles one translation unit (`gcc -c`). On success, the object and the warnings;
/// on failure, every diagnostic (errors and warnings, in gcc's order).
pub fn compile_unit(
    src: &SourceFile,
    headers: &dyn HeaderSource,
    opts: &Options,
) -> Result<(Object, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut map = diag::SrcMap::default();
    let mut pp = pp::Preprocessor::new(headers, opts.include_dirs.clone());
    for (k, v) in &opts.defines {
        pp.define(k, v);
    }
    let out = pp.run(&mut map, &src.name, &src.text);
    let mut diags = std::mem::take(&mut pp.diags);
    if out.fatal {
        if opts.style == Style::Gcc5 {
            // gcc 5 points just past the end of the `#include` line.
            for d in diags.iter_mut().filter(|d| d.level == Level::Fatal) {
                if let Some(src) = &d.source {
                    d.col = src.trim_end().len() as u32 + 1;
                    d.len = 1;
                }
            }
        }
        diags.push(Diagnostic::plain(
            Level::Fatal,
            "compilation terminated.".into(),
        ));
        return Err(diags);
    }
    let parser = parse::Parser::new(out.tokens, &map, opts.style, opts.wall);
    let (unit, more) = parser.unit();
    diags.extend(more);
    if opts.werror {
        for d in diags.iter_mut() {
            if d.level == Level::Warning {
                d.level = Level::Error;
                if let Some(o) = &d.option {
                    d.option = Some(o.replacen("-W", "-Werror=", 1));
                }
            }
        }
    }
    if diags.iter().any(|d| d.is_error()) {
        return Err(diags);
    }
    let obj = gen::gen_unit(&unit, &src.name);
    Ok((obj, diags))
}

/// Compiles and links source files into a program (`gcc a.c b.c -o app`). Link errors are
/// plain diagnostics holding ld's lines.
pub fn compile(
    units: &[SourceFile],
    headers: &dyn HeaderSource,
    opts: &Options,
) -> Result<(Program, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut objs = Vec::new();
    let mut diags = Vec::new();
    let mut failed = false;
    for (i, u) in units.iter().enumerate() {
        match compile_unit(u, headers, opts) {
            Ok((o, d)) => {
                diags.extend(d);
                objs.push((temp_object_name(&u.text, i), o));
            }
            Err(d) => {
                diags.extend(d);
                failed = true;
            }
        }
    }
    if failed {
        return Err(diags);
    }
    match link(&objs, opts.style) {
        Ok(p) => {
            if p.validate().is_err() {
                diags.push(Diagnostic::plain(
                    Level::Error,
                    "internal compiler error: invalid code generated".into(),
                ));
                return Err(diags);
            }
            Ok((p, diags))
        }
        Err(e) => {
            diags.extend(e);
            Err(diags)
        }
    }
}

/// The `/tmp/ccXXXXXX.o` name gcc gives an intermediate object, derived from the source so
/// that the same input gives the same name.
pub fn temp_object_name(text: &str, index: usize) -> String {
    const ALPHA: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ index as u64;
    for b in text.bytes() {
        h = (h ^ b as u64).wrapping_mul(0x100_0000_01b3);
    }
    let mut s = String::from("/tmp/cc");
    for _ in 0..6 {
        s.push(ALPHA[(h % ALPHA.len() as u64) as usize] as char);
        h /= ALPHA.len() as u64;
        h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(17);
    }
    s.push_str(".o");
    s
}

#[cfg(test)]
mod tests;
