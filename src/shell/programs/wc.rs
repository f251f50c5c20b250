//! `wc [-l] [-w] [-c] [-m] [FILE]...`: lines, words, bytes, with GNU's and busybox's
//! column widths.

use super::super::program::{Proc, Style};
use super::util::{parse, OptSpec};

const SPEC: &[OptSpec] = &[
    ('l', "lines", false),
    ('w', "words", false),
    ('c', "bytes", false),
    ('m', "chars", false),
    ('L', "max-line-length", false),
];
const USAGE: &str = "Usage: wc [-cmlwL] [FILE]...\n\nCount lines, words, and bytes for FILEs (or stdin)\n\n\t-c\tCount bytes\n\t-m\tCount characters\n\t-l\tCount newlines\n\t-w\tCount words\n\t-L\tPrint longest line length";

fn counts(d: &[u8]) -> [u64; 4] {
    let s = String::from_utf8_lossy(d);
    [
        d.iter().filter(|b| **b == b'\n').count() as u64,
        s.split_whitespace().count() as u64,
        d.len() as u64,
        s.chars().count() as u64,
    ]
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut which: Vec<usize> = Vec::new();
    if o.has('l') {
        which.push(0);
    }
    if o.has('w') {
        which.push(1);
    }
    if o.has('m') {
        which.push(3);
    }
    if o.has('c') {
        which.push(2);
    }
    if which.is_empty() {
        which = vec![0, 1, 2];
    }
    let files = if o.operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        o.operands.clone()
    };
    let mut rows: Vec<([u64; 4], Option<String>)> = Vec::new();
    let mut status = 0;
    let mut saw_stdin = false;
    for f in &files {
        match p.read_operand(f).await {
            Ok(d) => {
                saw_stdin |= f == "-";
                rows.push((counts(&d), (!o.operands.is_empty()).then(|| f.clone())));
            }
            Err(e) => {
                let line = match p.style {
                    Style::Gnu => format!("wc: {f}: {e}\n"),
                    Style::Busybox => format!("wc: can't open '{f}': {e}\n"),
                };
                p.err(line).await;
                status = 1;
            }
        }
    }
    if rows.len() > 1 {
        let mut t = [0u64; 4];
        for (c, _) in &rows {
            for k in 0..4 {
                t[k] += c[k];
            }
        }
        rows.push((t, Some("total".into())));
    }
    let width = match p.style {
        _ if which.len() == 1 && rows.len() == 1 => 0,
        Style::Busybox => 9,
        Style::Gnu if saw_stdin => 7,
        Style::Gnu => rows
            .iter()
            .flat_map(|(c, _)| which.iter().map(|k| c[*k].to_string().len()))
            .max()
            .unwrap_or(1),
    };
    let mut out = String::new();
    for (c, name) in &rows {
        let cols: Vec<String> = which.iter().map(|k| format!("{:>width$}", c[*k])).collect();
        out.push_str(&cols.join(" "));
        if let Some(n) = name {
            out.push(' ');
            out.push_str(n);
        }
        out.push('\n');
    }
    p.out(out).await;
    status
}

crate::program!(Wc, main);
