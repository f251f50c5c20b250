//! `true` and `false`.

use super::super::program::Proc;

async fn yes_(_p: &mut Proc) -> i32 {
    0
}

async fn no_(_p: &mut Proc) -> i32 {
    1
}

crate::program!(True, yes_);
crate::program!(False, no_);
