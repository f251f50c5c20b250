//! The shell that runs inside containers (and on a Linux host), and the programs images
//! ship.
//!
//! - [`lexer`], [`parser`], [`ast`]: shell text to a syntax tree; incomplete input is
//!   [`parser::SyntaxError::Incomplete`] so an interactive shell shows `> `.
//! - [`interp`] (with [`command`], [`expand`], [`redir`], [`builtins`]): the interpreter.
//! - [`program`]: the [`program::Program`] trait, the process context [`program::Proc`]
//!   and the [`program::Registry`]; [`programs`]: one file per program.
//! - [`exec`]: how a file in the container's filesystem names the program it runs.
//! - [`fs`]: the [`fs::ShellFs`] trait programs use; [`memfs`]: an in-memory one.
//! - [`process`], [`budget`], [`io`]: processes as futures, the runaway-job budget, and
//!   standard streams.
//!
//! To run a container's main process: build a [`program::Proc`] (its `machine`, `fs`,
//! `sys`, argv, streams, env, cwd, credentials), resolve argv\[0\] with [`exec::lookup`] and
//! [`exec::resolve`], and spawn [`process::run_main`] on the kernel.

pub mod arith;
pub mod ast;
pub mod brace;
pub mod budget;
pub mod builtins;
pub mod command;
pub mod exec;
pub mod expand;
pub mod flavor;
pub mod fs;
pub mod glob;
pub mod interp;
pub mod io;
pub mod lexer;
pub mod memfs;
pub mod parser;
pub mod pattern;
pub mod process;
pub mod program;
pub mod programs;
pub mod redir;
pub mod regex;
pub mod sockets;
pub mod users;
pub mod vars;

#[cfg(test)]
mod tests;
