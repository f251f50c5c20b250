//! `touch [-c] FILE...`: creates empty files or sets their time to now.

use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('c', "no-create", false),
    ('a', "", false),
    ('m', "", false),
    ('d', "date", true),
    ('t', "", true),
    ('r', "reference", true),
];
const USAGE: &str = "Usage: touch [-c] [-d DATE] [-t DATE] [-r FILE] FILE...\n\nUpdate mtime of FILEs\n\n\t-c\tDon't create files\n\t-h\tDon't follow links\n\t-d DT\tDate/time to use\n\t-t DT\tDate/time to use\n\t-r FILE\tUse FILE's date/time";

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.is_empty() {
        return missing_operand(p, USAGE).await;
    }
    let now = match o.value('r') {
        Some(r) => {
            let rp = p.path(r);
            let st = p.fs.borrow().stat(&rp);
            match st {
                Ok(st) => st.mtime,
                Err(e) => {
                    p.err(format!(
                        "touch: failed to get attributes of {}: {e}\n",
                        q(r)
                    ))
                    .await;
                    return 1;
                }
            }
        }
        None => p.now(),
    };
    let mut status = 0;
    for f in &o.operands {
        let path = p.path(f);
        let exists = p.fs.borrow().stat(&path).is_ok();
        let r = if exists {
            p.fs.borrow_mut().set_mtime(&path, now)
        } else if o.has('c') {
            Ok(())
        } else {
            let mode = 0o666 & !p.umask;
            let mut fs = p.fs.borrow_mut();
            fs.write(&path, b"", mode)
                .and_then(|()| fs.set_mtime(&path, now))
        };
        if let Err(e) = r {
            let line = match p.style {
                Style::Gnu => format!("touch: cannot touch {}: {e}\n", q(f)),
                Style::Busybox => format!("touch: {f}: {e}\n"),
            };
            p.err(line).await;
            status = 1;
        }
    }
    status
}

crate::program!(Touch, main);
