//! `cut -f LIST [-d C] [-s]`, `cut -c LIST`, `cut -b LIST`.

use super::super::program::Proc;
use super::util::{lines, parse, read_or_complain, OptSpec};

const SPEC: &[OptSpec] = &[
    ('f', "fields", true),
    ('d', "delimiter", true),
    ('c', "characters", true),
    ('b', "bytes", true),
    ('s', "only-delimited", false),
];
const USAGE: &str = "Usage: cut [OPTIONS] [FILE]...\n\nPrint selected fields from FILEs to stdout\n\n\t-b LIST\tOutput only bytes from LIST\n\t-c LIST\tOutput only characters from LIST\n\t-d SEP\tInput field delimiter (default -f TAB, -F run of whitespace)\n\t-O SEP\tOutput field delimeter (default = -d for -f, one space for -F)\n\t-D\tDon't sort/collate sections or match -fF lines without delimeter\n\t-f LIST\tPrint only these fields (-d is single char)\n\t-F LIST\tPrint only these fields (-d is regex)\n\t-s\tOutput only lines containing delimiter\n\t-n\tIgnored";

/// Parses a cut LIST (`1,3-5,7-`) into inclusive ranges (1-based).
pub fn ranges(list: &str) -> Option<Vec<(usize, usize)>> {
    let mut v = Vec::new();
    for part in list.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (
                if a.is_empty() { 1 } else { a.parse().ok()? },
                if b.is_empty() {
                    usize::MAX
                } else {
                    b.parse().ok()?
                },
            ),
            None => {
                let n = part.parse().ok()?;
                (n, n)
            }
        };
        if a == 0 || b < a {
            return None;
        }
        v.push((a, b));
    }
    Some(v)
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let (mode, list) = match (o.value('f'), o.value('c').or(o.value('b'))) {
        (Some(f), _) => ('f', f.to_owned()),
        (None, Some(c)) => ('c', c.to_owned()),
        _ => {
            p.err("cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n").await;
            return 1;
        }
    };
    let Some(rs) = ranges(&list) else {
        p.err(format!(
            "cut: invalid field value '{list}'\nTry 'cut --help' for more information.\n"
        ))
        .await;
        return 1;
    };
    let delim = o.value('d').and_then(|d| d.chars().next()).unwrap_or('\t');
    let inside = |i: usize| rs.iter().any(|(a, b)| (*a..=*b).contains(&i));
    let files = if o.operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        o.operands.clone()
    };
    let mut status = 0;
    for f in files {
        let Some(data) = read_or_complain(p, &f).await else {
            status = 1;
            continue;
        };
        let mut out = String::new();
        for l in lines(&data) {
            if mode == 'c' {
                out.extend(
                    l.chars()
                        .enumerate()
                        .filter(|(i, _)| inside(i + 1))
                        .map(|(_, c)| c),
                );
            } else {
                if !l.contains(delim) {
                    if !o.has('s') {
                        out.push_str(&l);
                        out.push('\n');
                    }
                    continue;
                }
                let picked: Vec<&str> = l
                    .split(delim)
                    .enumerate()
                    .filter(|(i, _)| inside(i + 1))
                    .map(|(_, s)| s)
                    .collect();
                out.push_str(&picked.join(&delim.to_string()));
            }
            out.push('\n');
        }
        if !p.out(out).await {
            return 1;
        }
    }
    status
}

crate::program!(Cut, main);
