//! `cat [-n] [FILE]...` (also `less` and `more`, which on a page just print): files in
//! order, `-` or nothing for standard input, which is copied as it arrives.

use super::super::program::Proc;
use super::util::{parse, read_or_complain, OptSpec};

const SPEC: &[OptSpec] = &[
    ('n', "number", false),
    ('A', "", false),
    ('E', "", false),
    ('u', "", false),
    ('s', "", false),
];
const USAGE: &str = "Usage: cat [-nbvteA] [FILE]...\n\nPrint FILEs to stdout\n\n\t-n\tNumber output lines\n\t-b\tNumber nonempty lines\n\t-v\tShow nonprinting characters as ^x or M-x\n\t-t\t...and tabs as ^I\n\t-e\t...and end lines with $\n\t-A\tSame as -vte";

struct Numberer {
    n: u64,
    at_line_start: bool,
}

impl Numberer {
    fn apply(&mut self, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(data.len() + 16);
        for &b in data {
            if self.at_line_start {
                self.n += 1;
                out.extend_from_slice(format!("{:>6}\t", self.n).as_bytes());
                self.at_line_start = false;
            }
            out.push(b);
            if b == b'\n' {
                self.at_line_start = true;
            }
        }
        out
    }
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let files = if o.operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        o.operands.clone()
    };
    let mut num = o.has('n').then_some(Numberer {
        n: 0,
        at_line_start: true,
    });
    let mut status = 0;
    for f in files {
        if f == "-" {
            while let Some(chunk) = p.stdin.read_chunk(&p.budget, &p.sys).await {
                let data = match num.as_mut() {
                    Some(n) => n.apply(&chunk),
                    None => chunk,
                };
                if !p.out(&data).await {
                    return 1;
                }
            }
            continue;
        }
        let Some(data) = read_or_complain(p, &f).await else {
            status = 1;
            continue;
        };
        let data = match num.as_mut() {
            Some(n) => n.apply(&data),
            None => data,
        };
        for chunk in data.chunks(64 * 1024) {
            if !p.out(chunk).await {
                return 1;
            }
        }
    }
    status
}

crate::program!(Cat, main);
