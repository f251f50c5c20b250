//! The MySQL server and `mysql` client the `mysql` images run: a small SQL engine and the
//! client's exact texts.

pub mod ast;
pub mod catalog;
pub mod client;
pub mod entrypoint;
pub mod error;
pub mod eval;
pub mod exec;
pub mod lexer;
pub mod parser;
pub mod persist;
pub mod result;
pub mod select;
pub mod server;
pub mod sha1;
pub mod types;
pub mod value;
pub mod version;

#[cfg(test)]
mod tests;
