//! Tests that run scripts through the shells on an in-memory filesystem.

mod harness;
mod interactive;
mod programs;
mod props;
mod scripts;
