//! `grep [-iEFvncrlLqwxoHhs] [-e PATTERN] PATTERN [FILE]...` (also `egrep`, `fgrep`),
//! with basic or extended regular expressions or fixed strings.

use super::super::fs::{join, FileKind};
use super::super::program::{Proc, Style};
use super::super::regex::Regex;
use super::util::{lines, parse, OptSpec};
use crate::collections::SmallSort;

const SPEC: &[OptSpec] = &[
    ('i', "ignore-case", false),
    ('E', "extended-regexp", false),
    ('F', "fixed-strings", false),
    ('G', "basic-regexp", false),
    ('v', "invert-match", false),
    ('n', "line-number", false),
    ('c', "count", false),
    ('r', "recursive", false),
    ('R', "dereference-recursive", false),
    ('l', "files-with-matches", false),
    ('L', "files-without-match", false),
    ('q', "quiet", false),
    ('w', "word-regexp", false),
    ('x', "line-regexp", false),
    ('o', "only-matching", false),
    ('H', "with-filename", false),
    ('h', "no-filename", false),
    ('s', "no-messages", false),
    ('e', "regexp", true),
];
const USAGE: &str = "Usage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n\nSearch for PATTERN in FILEs (or stdin)\n\n\t-H\tAdd 'filename:' prefix\n\t-h\tDo not add 'filename:' prefix\n\t-n\tAdd 'line_no:' prefix\n\t-l\tShow only names of files that match\n\t-L\tShow only names of files that don't match\n\t-c\tShow only count of matching lines\n\t-o\tShow only the matching part of line\n\t-q\tQuiet. Return 0 if PATTERN is found, 1 otherwise\n\t-v\tSelect non-matching lines\n\t-s\tSuppress open and read errors\n\t-r\tRecurse\n\t-R\tRecurse and dereference symlinks\n\t-i\tIgnore case\n\t-w\tMatch whole words only\n\t-x\tMatch whole lines only\n\t-F\tPATTERN is a literal (not regexp)\n\t-E\tPATTERN is an extended regexp\n\t-m N\tMatch up to N times per file\n\t-A N\tPrint N lines of trailing context\n\t-B N\tPrint N lines of leading context\n\t-C N\tSame as '-A N -B N'\n\t-e PTRN\tPattern to match\n\t-f FILE\tRead pattern from file";

fn escape(s: &str) -> String {
    let mut o = String::new();
    for c in s.chars() {
        if "\\.[]*^$+?(){}|".contains(c) {
            o.push('\\');
        }
        o.push(c);
    }
    o
}

struct Search {
    res: Vec<Regex>,
    invert: bool,
    word: bool,
    line: bool,
}

impl Search {
    /// The match spans of a line (empty when it does not match).
    fn spans(&self, l: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        for r in &self.res {
            let mut at = 0;
            while at <= l.len() {
                let Some(m) = r.find_at(l, at) else { break };
                let (a, b) = m.range;
                let ok_word = !self.word || {
                    let before = l[..a]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    let after = l[b..]
                        .chars()
                        .next()
                        .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
                    before && after
                };
                let ok_line = !self.line || (a == 0 && b == l.len());
                if ok_word && ok_line {
                    v.push((a, b));
                }
                at = if b > a {
                    b
                } else {
                    b + l[b..].chars().next().map_or(1, char::len_utf8)
                };
            }
        }
        v.small_sort();
        v
    }

    fn matches(&self, l: &str) -> bool {
        self.spans(l).is_empty() == self.invert
    }
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut operands = o.operands.clone();
    let patterns: Vec<String> = match o.value('e') {
        Some(e) => vec![e.to_owned()],
        None => {
            if operands.is_empty() {
                let msg = match p.style {
                    Style::Gnu => "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n".to_owned(),
                    Style::Busybox => super::util::busybox_usage(USAGE),
                };
                p.err(msg).await;
                return 2;
            }
            operands.remove(0).split('\n').map(str::to_owned).collect()
        }
    };
    let extended = o.has('E') || p.name() == "egrep";
    let fixed = o.has('F') || p.name() == "fgrep";
    let mut res = Vec::new();
    for pat in &patterns {
        let src = if fixed { escape(pat) } else { pat.clone() };
        match Regex::new(&src, extended) {
            Ok(r) => res.push(r.ignore_case(o.has('i'))),
            Err(e) => {
                p.err(format!("grep: {e}\n")).await;
                return 2;
            }
        }
    }
    let search = Search {
        res,
        invert: o.has('v'),
        word: o.has('w'),
        line: o.has('x'),
    };
    let recursive = o.has('r') || o.has('R');
    if operands.is_empty() {
        operands.push(if recursive { ".".into() } else { "-".into() });
    }
    // Expand directories when recursive.
    let mut files: Vec<String> = Vec::new();
    let mut status_err = false;
    for f in &operands {
        let path = p.path(f);
        let is_dir = f != "-"
            && p.fs
                .borrow()
                .stat(&path)
                .is_ok_and(|s| s.kind == FileKind::Dir);
        if is_dir && recursive {
            let mut stack = vec![(f.trim_end_matches('/').to_owned(), path)];
            while let Some((shown, abs)) = stack.pop() {
                let names = p.fs.borrow().list(&abs).unwrap_or_default();
                for n in names.into_iter().rev() {
                    let (s2, a2) = (format!("{shown}/{n}"), join(&abs, &n));
                    let k = p.fs.borrow().lstat(&a2).map(|s| s.kind);
                    match k {
                        Ok(FileKind::Dir) => stack.push((s2, a2)),
                        Ok(FileKind::File) => files.push(s2),
                        _ => {}
                    }
                }
            }
        } else {
            files.push(f.clone());
        }
    }
    let names = (files.len() > 1 || recursive || o.has('H')) && !o.has('h');
    let mut any = false;
    for f in &files {
        p.step().await;
        let data = match p.read_operand(f).await {
            Ok(d) => d,
            Err(e) => {
                if !o.has('s') {
                    p.err(format!("grep: {f}: {e}\n")).await;
                }
                status_err = true;
                continue;
            }
        };
        let shown = if f == "-" {
            "(standard input)"
        } else {
            f.as_str()
        };
        let mut count = 0;
        let mut out = String::new();
        for (i, l) in lines(&data).iter().enumerate() {
            if !search.matches(l) {
                continue;
            }
            count += 1;
            any = true;
            if o.has('q') {
                return 0;
            }
            if o.has('l') || o.has('L') || o.has('c') {
                continue;
            }
            let prefix = format!(
                "{}{}",
                if names {
                    format!("{shown}:")
                } else {
                    String::new()
                },
                if o.has('n') {
                    format!("{}:", i + 1)
                } else {
                    String::new()
                }
            );
            if o.has('o') && !o.has('v') {
                for (a, b) in search.spans(l) {
                    if b > a {
                        out.push_str(&format!("{prefix}{}\n", &l[a..b]));
                    }
                }
            } else {
                out.push_str(&format!("{prefix}{l}\n"));
            }
        }
        if o.has('c') {
            out = if names {
                format!("{shown}:{count}\n")
            } else {
                format!("{count}\n")
            };
        }
        if o.has('l') && count > 0 {
            out = format!("{shown}\n");
        }
        if o.has('L') {
            out = if count == 0 {
                format!("{shown}\n")
            } else {
                String::new()
            };
        }
        if !out.is_empty() && !p.out(out).await {
            return 1;
        }
    }
    if status_err && !(any && o.has('q')) {
        2
    } else if any {
        0
    } else {
        1
    }
}

crate::program!(Grep, main);
