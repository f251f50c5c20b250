//! Tests that run scripts through the shells on an in-memory filesystem.

mod exercises;
mod harness;
mod interactive;
mod memory;
mod programs;
mod props;
mod scripts;
