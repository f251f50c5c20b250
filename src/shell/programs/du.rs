//! `du [-s] [-h] [-a] [-c] [PATH]...`: disk usage in 1K blocks (4K filesystem blocks).

use super::super::fs::{join, FileKind};
use super::super::program::{Proc, Style};
use super::util::{human, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('s', "summarize", false),
    ('h', "human-readable", false),
    ('a', "all", false),
    ('c', "total", false),
    ('k', "", false),
    ('d', "max-depth", true),
    ('x', "", false),
];
const USAGE: &str = "Usage: du [-aHLdclsxhmk] [FILE]...\n\nSummarize disk space used for FILEs (or directories)\n\n\t-a\tShow file sizes too\n\t-L\tFollow all symlinks\n\t-H\tFollow symlinks on command line\n\t-d N\tLimit output to directories (and files with -a) of depth < N\n\t-c\tShow grand total\n\t-l\tCount sizes many times if hard linked\n\t-s\tDisplay only a total for each argument\n\t-x\tSkip directories on different filesystems\n\t-h\tSizes in human readable format (e.g., 1K 243M 2G)\n\t-m\tSizes in megabytes\n\t-k\tSizes in kilobytes (default)";

struct Walk<'a> {
    p: &'a Proc,
    lines: Vec<(u64, String)>,
    summarize: bool,
    all: bool,
    max_depth: Option<usize>,
}

impl Walk<'_> {
    fn size(&mut self, shown: &str, path: &str, depth: usize) -> u64 {
        let st = self.p.fs.borrow().lstat(path);
        let Ok(st) = st else { return 0 };
        let own = match st.kind {
            FileKind::Dir => 4,
            FileKind::File => st.size.div_ceil(4096) * 4,
            _ => 0,
        };
        if st.kind != FileKind::Dir {
            if depth == 0 || (self.all && !self.summarize) {
                self.lines.push((own, shown.to_owned()));
            }
            return own;
        }
        let names = self.p.fs.borrow().list(path).unwrap_or_default();
        let mut total = own;
        for n in names {
            total += self.size(&join(shown, &n), &join(path, &n), depth + 1);
        }
        let shown_ok = !self.summarize && self.max_depth.is_none_or(|m| depth <= m);
        if shown_ok || (self.summarize && depth == 0) {
            self.lines.push((total, shown.to_owned()));
        }
        total
    }
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let paths = if o.operands.is_empty() {
        vec![".".to_owned()]
    } else {
        o.operands.clone()
    };
    let mut w = Walk {
        p,
        lines: Vec::new(),
        summarize: o.has('s'),
        all: o.has('a'),
        max_depth: o.value('d').and_then(|d| d.parse().ok()),
    };
    let mut status = 0;
    let mut grand = 0;
    let mut errors = Vec::new();
    for name in &paths {
        let path = p.path(name);
        if let Err(e) = p.fs.borrow().lstat(&path) {
            errors.push(match p.style {
                Style::Gnu => format!("du: cannot access {}: {e}\n", q(name)),
                Style::Busybox => format!("du: {name}: {e}\n"),
            });
            status = 1;
            continue;
        }
        grand += w.size(name, &path, 0);
    }
    if o.has('c') {
        w.lines.push((grand, "total".into()));
    }
    let h = o.has('h');
    let out: String = w
        .lines
        .iter()
        .map(|(k, n)| format!("{}\t{n}\n", if h { human(k * 1024) } else { k.to_string() }))
        .collect();
    for e in errors {
        p.err(e).await;
    }
    p.out(out).await;
    status
}

crate::program!(Du, main);
