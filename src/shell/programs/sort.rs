//! `sort [-r] [-n] [-u] [-f] [-V] [-k N[,M]] [-t SEP] [FILE]...` in the C locale's byte order.

use crate::collections::SmallSort;
use std::cmp::Ordering;

use super::super::program::Proc;
use super::util::{lines, parse, OptSpec};

const SPEC: &[OptSpec] = &[
    ('r', "reverse", false),
    ('n', "numeric-sort", false),
    ('u', "unique", false),
    ('f', "ignore-case", false),
    ('k', "key", true),
    ('t', "field-separator", true),
    ('h', "human-numeric-sort", false),
    ('o', "output", true),
    ('b', "", false),
    ('V', "version-sort", false),
];
const USAGE: &str = "Usage: sort [-nrugMcszbdfiokt] [-o FILE] [-k START[.OFS][OPTS][,END[.OFS][OPTS]] [-t CHAR] [FILE]...\n\nSort lines of text\n\n\t-o FILE\tOutput to FILE\n\t-c\tCheck whether input is sorted\n\t-b\tIgnore leading blanks\n\t-f\tIgnore case\n\t-i\tIgnore unprintable characters\n\t-d\tDictionary order (blank or alphanumeric only)\n\t-n\tSort numbers\n\t-g\tGeneral numerical sort\n\t-h\tSort human readable numbers (2K 1G)\n\t-M\tSort month\n\t-V\tSort version\n\t-t CHAR\tField separator\n\t-k N[,M] Sort by Nth field\n\t-r\tReverse sort order\n\t-s\tStable (don't sort ties alphabetically)\n\t-u\tSuppress duplicate lines\n\t-z\tLines are terminated by NUL, not newline";

/// `sort -V`: runs of digits compare as numbers, everything else byte by byte.
fn version_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let i = x.iter().take_while(|b| b.is_ascii_digit()).count();
                let j = y.iter().take_while(|b| b.is_ascii_digit()).count();
                let (nx, ny) = (
                    std::str::from_utf8(&x[..i]).unwrap_or("0"),
                    std::str::from_utf8(&y[..j]).unwrap_or("0"),
                );
                let (tx, ty) = (nx.trim_start_matches('0'), ny.trim_start_matches('0'));
                let o = tx.len().cmp(&ty.len()).then_with(|| tx.cmp(ty));
                if o != Ordering::Equal {
                    return o;
                }
                x = &x[i..];
                y = &y[j..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

fn key(line: &str, k: Option<(usize, Option<usize>)>, sep: Option<char>) -> &str {
    let Some((start, end)) = k else { return line };
    let fields: Vec<(usize, usize)> = match sep {
        Some(c) => {
            let mut v = Vec::new();
            let mut s = 0;
            for (i, ch) in line.char_indices() {
                if ch == c {
                    v.push((s, i));
                    s = i + ch.len_utf8();
                }
            }
            v.push((s, line.len()));
            v
        }
        None => {
            let mut v = Vec::new();
            let mut s = 0;
            let mut in_word = false;
            for (i, ch) in line.char_indices() {
                if ch.is_whitespace() && in_word {
                    v.push((s, i));
                    s = i;
                    in_word = false;
                } else if !ch.is_whitespace() {
                    in_word = true;
                }
            }
            v.push((s, line.len()));
            v
        }
    };
    let Some(&(a, _)) = fields.get(start.saturating_sub(1)) else {
        return "";
    };
    let b = end
        .and_then(|e| fields.get(e.saturating_sub(1)))
        .map_or(line.len(), |f| f.1);
    line.get(a..b.max(a)).unwrap_or("")
}

fn num(s: &str) -> f64 {
    let t = s.trim_start();
    let end = t
        .char_indices()
        .find(|(i, c)| !(c.is_ascii_digit() || *c == '.' || (*i == 0 && *c == '-')))
        .map_or(t.len(), |(i, _)| i);
    t[..end].parse().unwrap_or(0.0)
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
    let mut all = Vec::new();
    for f in &files {
        match p.read_operand(f).await {
            Ok(d) => all.extend(lines(&d)),
            Err(e) => {
                p.err(format!("sort: cannot read: {f}: {e}\n")).await;
                return 2;
            }
        }
    }
    let k = o.value('k').map(|s| {
        let (a, b) = s.split_once(',').map_or((s, None), |(a, b)| (a, Some(b)));
        let f = |x: &str| {
            x.split('.')
                .next()
                .unwrap_or("")
                .trim_end_matches(char::is_alphabetic)
                .parse::<usize>()
                .ok()
        };
        (f(a).unwrap_or(1), b.and_then(f))
    });
    let sep = o.value('t').and_then(|s| s.chars().next());
    let cmp = |a: &String, b: &String| -> Ordering {
        let (ka, kb) = (key(a, k, sep), key(b, k, sep));
        let primary = if o.has('n') || o.has('h') {
            num(ka).partial_cmp(&num(kb)).unwrap_or(Ordering::Equal)
        } else if o.has('V') {
            version_cmp(ka, kb)
        } else if o.has('f') {
            ka.to_uppercase().cmp(&kb.to_uppercase())
        } else {
            ka.as_bytes().cmp(kb.as_bytes())
        };
        primary.then_with(|| {
            if o.has('u') {
                Ordering::Equal
            } else {
                a.as_bytes().cmp(b.as_bytes())
            }
        })
    };
    all.small_sort_by(|a, b| cmp(a, b));
    if o.has('r') {
        all.reverse();
    }
    if o.has('u') {
        all.dedup_by(|a, b| cmp(a, b) == Ordering::Equal);
    }
    let mut out = String::new();
    for l in all {
        out.push_str(&l);
        out.push('\n');
    }
    if let Some(file) = o.value('o') {
        let path = p.path(file);
        let r =
            p.fs.borrow_mut()
                .write(&path, out.as_bytes(), 0o666 & !p.umask);
        if let Err(e) = r {
            p.err(format!("sort: open failed: {file}: {e}\n")).await;
            return 2;
        }
        return 0;
    }
    p.out(out).await;
    0
}

crate::program!(Sort, main);
