//! `clear`: the escape sequence that clears a terminal (home, erase display, erase
//! scroll-back).

use super::super::program::Proc;

/// What `clear` writes.
pub const CLEAR: &str = "\x1b[H\x1b[2J\x1b[3J";

async fn main(p: &mut Proc) -> i32 {
    p.out(CLEAR).await;
    0
}

crate::program!(Clear, main);
