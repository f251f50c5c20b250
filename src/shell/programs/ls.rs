//! `ls`: GNU coreutils and busybox. Columns on a terminal (80 wide), one name per line
//! otherwise; `-l` long format with `total`; `-a -A -1 -R -h -d -F -t -S -r`; no colour.

use super::super::fs::{join, FileKind, Stat};
use super::super::program::{Proc, Style};
use super::super::users;
use super::util::{file_error, human, ls_time, parse, OptSpec};
use crate::collections::SmallSort;

const SPEC: &[OptSpec] = &[
    ('l', "", false),
    ('a', "all", false),
    ('A', "almost-all", false),
    ('1', "", false),
    ('R', "recursive", false),
    ('h', "human-readable", false),
    ('d', "directory", false),
    ('F', "classify", false),
    ('t', "", false),
    ('S', "", false),
    ('r', "reverse", false),
    ('n', "numeric-uid-gid", false),
    ('i', "inode", false),
    ('C', "", false),
    ('p', "", false),
    ('e', "", false),
];

const USAGE: &str = "Usage: ls [-1AaCxdLHRFplinshrSXvctu] [-w WIDTH] [FILE]...\n\nList directory contents\n\n\t-1\tOne column output\n\t-a\tInclude names starting with .\n\t-A\tLike -a, but exclude . and ..\n\t-x\tList by lines\n\t-d\tList directory names, not contents\n\t-L\tFollow symlinks\n\t-H\tFollow symlinks on command line\n\t-R\tRecurse\n\t-p\tAppend / to directory names\n\t-F\tAppend indicator (one of */=@|) to names\n\t-l\tLong format\n\t-i\tList inode numbers\n\t-n\tList numeric UIDs and GIDs instead of names\n\t-s\tList allocated blocks\n\t-lc\tList ctime\n\t-lu\tList atime\n\t--full-time\tList full date/time\n\t-h\tHuman readable sizes (1K 243M 2G)\n\t--group-directories-first\n\t-S\tSort by size\n\t-X\tSort by extension\n\t-v\tSort by version\n\t-t\tSort by mtime\n\t-tc\tSort by ctime\n\t-tu\tSort by atime\n\t-r\tReverse sort order\n\t-w N\tFormat N columns wide\n\t--color[={always,never,auto}]";

const GNU_HELP: &str = "Usage: ls [OPTION]... [FILE]...\nList information about the FILEs (the current directory by default).\nSort entries alphabetically if none of -cftuvSUX nor --sort is specified.\n";

/// One `ls -l` line's columns: mode, links, owner, group, size, time and name.
type Row = (String, String, String, String, String, String);

struct Entry {
    name: String,
    path: String,
    st: Stat,
    link: Option<String>,
}

fn blocks(st: &Stat) -> u64 {
    match st.kind {
        FileKind::Dir => 4,
        FileKind::File => st.size.div_ceil(4096) * 4,
        _ => 0,
    }
}

fn classify(e: &Entry, o: &super::util::Opts) -> &'static str {
    if o.has('F') {
        match e.st.kind {
            FileKind::Dir => "/",
            FileKind::Symlink => "@",
            FileKind::Fifo => "|",
            FileKind::Socket => "=",
            FileKind::File if e.st.mode & 0o111 != 0 => "*",
            _ => "",
        }
    } else if o.has('p') && e.st.kind == FileKind::Dir {
        "/"
    } else {
        ""
    }
}

fn sort(v: &mut [Entry], o: &super::util::Opts) {
    v.small_sort_by(|a, b| a.name.as_bytes().cmp(b.name.as_bytes()));
    if o.has('t') {
        v.small_sort_by_key(|e| std::cmp::Reverse(e.st.mtime));
    } else if o.has('S') {
        v.small_sort_by_key(|e| std::cmp::Reverse(e.st.size));
    }
    if o.has('r') {
        v.reverse();
    }
}

/// Lays names out in columns, filled top to bottom, as GNU ls does on a terminal.
pub fn columns(names: &[String], width: usize) -> String {
    if names.is_empty() {
        return String::new();
    }
    let lens: Vec<usize> = names.iter().map(|n| n.chars().count()).collect();
    let n = names.len();
    let mut best = (1, vec![lens.iter().copied().max().unwrap_or(0)]);
    for cols in 2..=n {
        let rows = n.div_ceil(cols);
        if rows * cols - n >= rows {
            continue;
        }
        let widths: Vec<usize> = (0..cols)
            .map(|c| {
                (0..rows)
                    .filter_map(|r| lens.get(c * rows + r))
                    .copied()
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let total: usize = widths.iter().sum::<usize>() + 2 * (cols - 1);
        if total <= width {
            best = (cols, widths);
        }
    }
    let (cols, widths) = best;
    let rows = n.div_ceil(cols);
    let mut out = String::new();
    for r in 0..rows {
        let mut line = String::new();
        for (c, width) in widths.iter().enumerate() {
            let i = c * rows + r;
            let Some(name) = names.get(i) else { continue };
            line.push_str(name);
            let last = c + 1 == cols || (c + 1) * rows + r >= n;
            if !last {
                line.push_str(&" ".repeat(width - lens[i] + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn long_lines(p: &Proc, v: &[Entry], o: &super::util::Opts) -> String {
    let fs = p.fs.borrow();
    let now = p.now();
    let owner = |uid: u32| {
        if o.has('n') {
            uid.to_string()
        } else {
            users::user_name(&*fs, uid).unwrap_or_else(|| uid.to_string())
        }
    };
    let group = |gid: u32| {
        if o.has('n') {
            gid.to_string()
        } else {
            users::group_name(&*fs, gid).unwrap_or_else(|| gid.to_string())
        }
    };
    let rows: Vec<Row> = v
        .iter()
        .map(|e| {
            let size = if e.st.kind == FileKind::CharDevice {
                "1, 3".to_owned()
            } else if o.has('h') {
                human(e.st.size)
            } else {
                e.st.size.to_string()
            };
            let mut name = format!("{}{}", e.name, classify(e, o));
            if let Some(t) = &e.link {
                name = format!("{} -> {t}", e.name);
            }
            (
                e.st.mode_string(),
                e.st.nlink.to_string(),
                owner(e.st.uid),
                group(e.st.gid),
                size,
                format!("{} {name}", ls_time(e.st.mtime, now)),
            )
        })
        .collect();
    let w = |f: fn(&Row) -> &String| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (wl, wo, wg, ws) = (w(|r| &r.1), w(|r| &r.2), w(|r| &r.3), w(|r| &r.4));
    let mut out = String::new();
    for r in &rows {
        let line = match p.style {
            Style::Gnu => format!(
                "{} {:>wl$} {:<wo$} {:<wg$} {:>ws$} {}\n",
                r.0, r.1, r.2, r.3, r.4, r.5
            ),
            Style::Busybox => format!(
                "{:<10} {:>4} {:<8} {:<8} {:>9} {}\n",
                r.0, r.1, r.2, r.3, r.4, r.5
            ),
        };
        out.push_str(&line);
    }
    out
}

fn render(p: &Proc, v: &[Entry], o: &super::util::Opts) -> String {
    if o.has('l') || o.has('n') {
        return long_lines(p, v, o);
    }
    let names: Vec<String> = v
        .iter()
        .map(|e| format!("{}{}", e.name, classify(e, o)))
        .collect();
    if p.stdout.is_tty() && !o.has('1') {
        columns(&names, 80)
    } else {
        names.iter().map(|n| format!("{n}\n")).collect()
    }
}

fn entry(p: &Proc, name: &str, path: &str) -> Result<Entry, super::super::fs::Errno> {
    let fs = p.fs.borrow();
    let st = fs.lstat(path)?;
    let link = if st.kind == FileKind::Symlink {
        fs.readlink(path).ok()
    } else {
        None
    };
    Ok(Entry {
        name: name.to_owned(),
        path: path.to_owned(),
        st,
        link,
    })
}

fn dir_entries(
    p: &Proc,
    path: &str,
    o: &super::util::Opts,
) -> Result<Vec<Entry>, super::super::fs::Errno> {
    let names = p.fs.borrow().list(path)?;
    let mut v = Vec::new();
    if o.has('a') {
        for (n, sub) in [
            (".", path.to_owned()),
            ("..", super::super::fs::dirname(path)),
        ] {
            if let Ok(mut e) = entry(p, n, &sub) {
                e.name = n.to_owned();
                v.push(e);
            }
        }
    }
    for n in names {
        if n.starts_with('.') && !o.has('a') && !o.has('A') {
            continue;
        }
        if let Ok(e) = entry(p, &n, &join(path, &n)) {
            v.push(e);
        }
    }
    Ok(v)
}

async fn list_dir(
    p: &Proc,
    shown: &str,
    path: &str,
    o: &super::util::Opts,
    header: bool,
    first: &mut bool,
) -> i32 {
    let mut v = match dir_entries(p, path, o) {
        Ok(v) => v,
        Err(e) => {
            file_error(p, "cannot open directory", "can't open", shown, e).await;
            return 2;
        }
    };
    sort(&mut v, o);
    let mut out = String::new();
    if !*first {
        out.push('\n');
    }
    *first = false;
    if header {
        out.push_str(&format!("{shown}:\n"));
    }
    if o.has('l') || o.has('n') {
        let total: u64 = v.iter().map(|e| blocks(&e.st)).sum();
        let t = if o.has('h') {
            human(total * 1024)
        } else {
            total.to_string()
        };
        out.push_str(&format!("total {t}\n"));
    }
    out.push_str(&render(p, &v, o));
    p.out(out).await;
    let mut status = 0;
    if o.has('R') {
        for e in v
            .iter()
            .filter(|e| e.st.kind == FileKind::Dir && e.name != "." && e.name != "..")
        {
            let sub = if shown.ends_with('/') {
                format!("{shown}{}", e.name)
            } else {
                format!("{shown}/{}", e.name)
            };
            let s = Box::pin(list_dir(p, &sub, &e.path, o, true, first)).await;
            status = status.max(s);
        }
    }
    status
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let usage = if p.style == Style::Gnu {
        GNU_HELP
    } else {
        USAGE
    };
    let o = match parse(p, &args, SPEC, usage).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let operands = if o.operands.is_empty() {
        vec![".".to_owned()]
    } else {
        o.operands.clone()
    };
    let mut status = 0;
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for name in &operands {
        let path = p.path(name);
        let st =
            p.fs.borrow()
                .stat(&path)
                .or_else(|_| p.fs.borrow().lstat(&path));
        match st {
            Err(e) => {
                file_error(p, "cannot access", "", name, e).await;
                status = if p.style == Style::Gnu { 2 } else { 1 };
            }
            Ok(st) if st.kind == FileKind::Dir && !o.has('d') => dirs.push((name.clone(), path)),
            Ok(_) => {
                if let Ok(mut e) = entry(p, name, &path) {
                    if e.st.kind == FileKind::Symlink && !(o.has('l') || o.has('d')) {
                        if let Ok(st) = p.fs.borrow().stat(&path) {
                            e.st = st;
                        }
                    }
                    files.push(e);
                }
            }
        }
    }
    sort(&mut files, &o);
    let mut first = true;
    if !files.is_empty() {
        let text = render(p, &files, &o);
        p.out(text).await;
        first = false;
    }
    dirs.small_sort_by(|a, b| a.0.cmp(&b.0));
    if o.has('r') {
        dirs.reverse();
    }
    let header = operands.len() > 1 || o.has('R');
    for (name, path) in dirs {
        let s = list_dir(p, &name, &path, &o, header, &mut first).await;
        status = status.max(s);
    }
    status
}

crate::program!(Ls, main);

#[cfg(test)]
mod tests {
    use super::columns;

    #[test]
    fn column_layout() {
        let names: Vec<String> = [
            "bin", "boot", "dev", "etc", "home", "lib", "lib64", "media", "mnt", "opt", "proc",
            "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        assert_eq!(
            columns(&names, 80),
            "bin   dev  home  lib64  mnt  proc  run   srv  tmp  var\nboot  etc  lib   media  opt  root  sbin  sys  usr\n"
        );
        assert_eq!(columns(&names[..3], 80), "bin  boot  dev\n");
        let long: Vec<String> = (0..6)
            .map(|i| format!("file-number-{i:02}-with-a-long-name"))
            .collect();
        assert_eq!(columns(&long, 80).lines().count(), 3);
    }
}
