//! `chmod [-R] MODE FILE...` with octal (`755`) and symbolic (`u+x,go-w,a=r,+x`) modes,
//! and the mode parser `mkdir -m` shares.

use super::super::fs::{join, FileKind};
use super::super::program::{Proc, Style};
use super::util::{missing_operand, parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('R', "recursive", false),
    ('v', "verbose", false),
    ('f', "silent", false),
    ('c', "changes", false),
];
const USAGE: &str = "Usage: chmod [-Rcvf] MODE[,MODE]... FILE...\n\nMODE is octal number (bit pattern sstrwxrwxrwx) or [ugoa]{+|-|=}[rwxXst]\n\n\t-R\tRecurse\n\t-c\tList changed files\n\t-v\tList all files\n\t-f\tHide errors";

/// Applies a mode specification to `current`. `is_dir` makes `X` add execute bits. A
/// symbolic clause without `u`, `g`, `o` or `a` is filtered by the umask, as chmod does.
pub fn parse_mode(spec: &str, current: u32, umask: u32, is_dir: bool) -> Option<u32> {
    if !spec.is_empty() && spec.chars().all(|c| ('0'..='7').contains(&c)) {
        let v = u32::from_str_radix(spec, 8).ok()?;
        return (v <= 0o7777).then_some(v);
    }
    let mut mode = current & 0o7777;
    for clause in spec.split(',') {
        let cs: Vec<char> = clause.chars().collect();
        let mut i = 0;
        let mut who = 0u32;
        while i < cs.len() && "ugoa".contains(cs[i]) {
            who |= match cs[i] {
                'u' => 0o4700,
                'g' => 0o2070,
                'o' => 0o1007,
                _ => 0o7777,
            };
            i += 1;
        }
        let masked = who == 0;
        if masked {
            who = 0o7777;
        }
        if i >= cs.len() {
            return None;
        }
        while i < cs.len() {
            let op = cs[i];
            if !"+-=".contains(op) {
                return None;
            }
            i += 1;
            let mut bits = 0u32;
            while i < cs.len() && !"+-=".contains(cs[i]) {
                bits |= match cs[i] {
                    'r' => 0o444,
                    'w' => 0o222,
                    'x' => 0o111,
                    'X' if is_dir || mode & 0o111 != 0 => 0o111,
                    'X' => 0,
                    's' => 0o6000,
                    't' => 0o1000,
                    'u' => {
                        let u = (mode >> 6) & 7;
                        u << 6 | u << 3 | u
                    }
                    'g' => {
                        let g = (mode >> 3) & 7;
                        g << 6 | g << 3 | g
                    }
                    'o' => {
                        let o = mode & 7;
                        o << 6 | o << 3 | o
                    }
                    _ => return None,
                };
                i += 1;
            }
            let mut eff = bits & who;
            if masked {
                eff &= !umask;
            }
            match op {
                '+' => mode |= eff,
                '-' => mode &= !eff,
                _ => mode = (mode & !(who & 0o7777)) | eff,
            }
        }
    }
    Some(mode)
}

async fn apply(p: &Proc, shown: &str, path: &str, spec: &str, recursive: bool) -> i32 {
    let st = p.fs.borrow().stat(path);
    let st = match st {
        Ok(s) => s,
        Err(e) => {
            let line = match p.style {
                Style::Gnu => format!("chmod: cannot access {}: {e}\n", q(shown)),
                Style::Busybox => format!("chmod: {shown}: {e}\n"),
            };
            p.err(line).await;
            return 1;
        }
    };
    let Some(mode) = parse_mode(spec, st.mode, p.umask, st.is_dir()) else {
        return 1;
    };
    if p.cred.uid != 0 && p.cred.uid != st.uid {
        let line = match p.style {
            Style::Gnu => format!(
                "chmod: changing permissions of {}: Operation not permitted\n",
                q(shown)
            ),
            Style::Busybox => format!("chmod: {shown}: Operation not permitted\n"),
        };
        p.err(line).await;
        return 1;
    }
    let r = p.fs.borrow_mut().chmod(path, mode);
    if let Err(e) = r {
        let line = match p.style {
            Style::Gnu => format!("chmod: changing permissions of {}: {e}\n", q(shown)),
            Style::Busybox => format!("chmod: {shown}: {e}\n"),
        };
        p.err(line).await;
        return 1;
    }
    let mut status = 0;
    if recursive && st.kind == FileKind::Dir {
        let names = p.fs.borrow().list(path).unwrap_or_default();
        for n in names {
            let sub = join(path, &n);
            if p.fs
                .borrow()
                .lstat(&sub)
                .is_ok_and(|s| s.kind == FileKind::Symlink)
            {
                continue;
            }
            status |= Box::pin(apply(p, &join(shown, &n), &sub, spec, true)).await;
        }
    }
    status
}

async fn main(p: &mut Proc) -> i32 {
    let mut args = p.args[1..].to_vec();
    // A mode like `-x` or `-w` looks like an option: take it as the mode.
    let is_flag = |a: &String| {
        a.starts_with("--")
            || (a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "Rvfc".contains(c)))
    };
    let mode_at = args.iter().position(|a| !is_flag(a));
    let spec = match mode_at {
        Some(i) => args.remove(i),
        None => return missing_operand(p, USAGE).await,
    };
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if parse_mode(&spec, 0, 0, false).is_none() {
        p.error(format!("invalid mode: {}", q(&spec))).await;
        return 1;
    }
    if o.operands.is_empty() {
        let msg = match p.style {
            Style::Gnu => format!(
                "chmod: missing operand after {}\nTry 'chmod --help' for more information.\n",
                q(&spec)
            ),
            Style::Busybox => super::util::busybox_usage(USAGE),
        };
        p.err(msg).await;
        return 1;
    }
    let mut status = 0;
    for f in &o.operands {
        let path = p.path(f);
        status |= apply(p, f, &path, &spec, o.has('R')).await;
    }
    status
}

crate::program!(Chmod, main);

#[cfg(test)]
mod tests {
    use super::parse_mode;

    #[test]
    fn modes() {
        assert_eq!(parse_mode("755", 0, 0o022, false), Some(0o755));
        assert_eq!(parse_mode("u+x", 0o644, 0o022, false), Some(0o744));
        assert_eq!(parse_mode("+x", 0o644, 0o022, false), Some(0o755));
        assert_eq!(parse_mode("go-rwx", 0o755, 0o022, false), Some(0o700));
        assert_eq!(parse_mode("a=r,u+w", 0o777, 0o022, false), Some(0o644));
        assert_eq!(parse_mode("u+s", 0o755, 0o022, false), Some(0o4755));
        assert_eq!(parse_mode("z", 0o755, 0, false), None);
        assert_eq!(parse_mode("9", 0o755, 0, false), None);
    }
}
