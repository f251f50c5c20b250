//! `tee [-a] [FILE]...`: standard input to standard output and files, as it arrives.

use super::super::program::Proc;
use super::util::{file_error, parse, OptSpec};

const SPEC: &[OptSpec] = &[('a', "append", false), ('i', "ignore-interrupts", false)];
const USAGE: &str = "Usage: tee [-ai] [FILE]...\n\nCopy stdin to each FILE, and also to stdout\n\n\t-a\tAppend to the given FILEs, don't overwrite\n\t-i\tIgnore interrupt signals (SIGINT)";

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mode = 0o666 & !p.umask;
    let mut files = Vec::new();
    let mut status = 0;
    for f in &o.operands {
        let path = p.path(f);
        let r = if o.has('a') {
            p.fs.borrow_mut().append(&path, b"", mode)
        } else {
            p.fs.borrow_mut().write(&path, b"", mode)
        };
        match r {
            Ok(()) => files.push(path),
            Err(e) => {
                file_error(p, "", "can't open", f, e).await;
                status = 1;
            }
        }
    }
    while let Some(chunk) = p.stdin.read_chunk(&p.budget, &p.sys).await {
        let mut failed = Vec::new();
        for (i, f) in files.iter().enumerate() {
            let r = p.fs.borrow_mut().append(f, &chunk, mode);
            if let Err(e) = r {
                // A full file system: reported once; the other outputs go on.
                p.err(format!("tee: {f}: {}\n", e.text())).await;
                failed.push(i);
                status = 1;
            }
        }
        for i in failed.into_iter().rev() {
            files.remove(i);
        }
        if !p.out(&chunk).await {
            return 1;
        }
    }
    status
}

crate::program!(Tee, main);
