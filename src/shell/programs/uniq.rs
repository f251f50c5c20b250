//! `uniq [-c] [-d] [-u] [-i] [INPUT [OUTPUT]]`: adjacent duplicate lines.

use super::super::program::Proc;
use super::util::{lines, parse, read_or_complain, OptSpec};

const SPEC: &[OptSpec] = &[
    ('c', "count", false),
    ('d', "repeated", false),
    ('u', "unique", false),
    ('i', "ignore-case", false),
];
const USAGE: &str = "Usage: uniq [-cdui] [-f,s,w N] [FILE [OUTFILE]]\n\nDiscard duplicate lines\n\n\t-c\tPrefix lines by the number of occurrences\n\t-d\tOnly print duplicate lines\n\t-u\tOnly print unique lines\n\t-i\tIgnore case\n\t-f N\tSkip first N fields\n\t-s N\tSkip first N chars (after any skipped fields)\n\t-w N\tCompare N characters in line";

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let input = o.operands.first().cloned().unwrap_or_else(|| "-".into());
    let Some(data) = read_or_complain(p, &input).await else {
        return 1;
    };
    let same = |a: &str, b: &str| {
        if o.has('i') {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let mut groups: Vec<(String, usize)> = Vec::new();
    for l in lines(&data) {
        match groups.last_mut() {
            Some((g, n)) if same(g, &l) => *n += 1,
            _ => groups.push((l, 1)),
        }
    }
    let mut out = String::new();
    for (l, n) in groups {
        if (o.has('d') && n < 2) || (o.has('u') && n > 1) {
            continue;
        }
        if o.has('c') {
            out.push_str(&format!("{n:>7} {l}\n"));
        } else {
            out.push_str(&l);
            out.push('\n');
        }
    }
    if let Some(file) = o.operands.get(1) {
        let path = p.path(file);
        let _ =
            p.fs.borrow_mut()
                .write(&path, out.as_bytes(), 0o666 & !p.umask);
        return 0;
    }
    p.out(out).await;
    0
}

crate::program!(Uniq, main);
