//! `rmdir [-p] DIR...`.

use super::super::fs::dirname;
use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[('p', "parents", false), ('v', "verbose", false)];
const USAGE: &str =
    "Usage: rmdir [-p] DIRECTORY...\n\nRemove DIRECTORY if it is empty\n\n\t-p\tInclude parents";

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.is_empty() {
        return missing_operand(p, USAGE).await;
    }
    let mut status = 0;
    for name in &o.operands {
        let mut shown = name.trim_end_matches('/').to_owned();
        loop {
            let path = p.path(&shown);
            let r = p.fs.borrow_mut().remove_dir(&path);
            if let Err(e) = r {
                let line = match p.style {
                    Style::Gnu => format!("rmdir: failed to remove {}: {e}\n", q(&shown)),
                    Style::Busybox => format!("rmdir: '{shown}': {e}\n"),
                };
                p.err(line).await;
                status = 1;
                break;
            }
            if !o.has('p') {
                break;
            }
            let parent = dirname(&shown);
            if parent == "." || parent == "/" || parent == shown {
                break;
            }
            shown = parent;
        }
    }
    status
}

crate::program!(Rmdir, main);
