//! `sed [-n] [-E|-r] [-i] [-e SCRIPT]... [SCRIPT] [FILE]...`: addresses (`N`, `$`,
//! `/re/`, ranges) and the commands `s///[gpiN]`, `p`, `d`, `q`, `=`, `y///`.

use super::super::program::Proc;
use super::super::regex::Regex;
use super::util::{lines, parse, OptSpec};

const SPEC: &[OptSpec] = &[
    ('n', "quiet", false),
    ('E', "regexp-extended", false),
    ('r', "", false),
    ('i', "in-place", false),
    ('e', "expression", true),
    ('s', "separate", false),
];
const USAGE: &str = "Usage: sed [-i[SFX]] [-nrE] [-f FILE]... [-e CMD]... [FILE]...\nor: sed [-i[SFX]] [-nrE] CMD [FILE]...\n\n\t-e CMD\tAdd CMD to sed commands to be executed\n\t-f FILE\tAdd FILE contents to sed commands to be executed\n\t-i[SFX]\tEdit files in-place (otherwise write to stdout)\n\t\tOptionally back files up, appending SFX\n\t-n\tSuppress automatic printing of pattern space\n\t-r,-E\tUse extended regex syntax\n\nIf no -e or -f, the first non-option argument is the sed command string.\nRemaining arguments are input files (stdin if none).";

#[derive(Clone, Debug)]
enum Addr {
    Line(usize),
    Last,
    Re(Regex),
}

#[derive(Clone, Debug)]
enum Cmd {
    Subst {
        re: Regex,
        rep: String,
        global: bool,
        nth: usize,
        print: bool,
    },
    Print,
    Delete,
    Quit,
    LineNo,
    Translate(Vec<char>, Vec<char>),
}

#[derive(Clone, Debug)]
struct Rule {
    from: Option<Addr>,
    to: Option<Addr>,
    negate: bool,
    cmd: Cmd,
    active: bool,
}

fn take_delimited(cs: &[char], i: &mut usize, delim: char) -> Option<String> {
    let mut s = String::new();
    while *i < cs.len() {
        let c = cs[*i];
        *i += 1;
        if c == '\\' && *i < cs.len() {
            if cs[*i] == delim {
                s.push(delim);
            } else if cs[*i] == 'n' {
                s.push('\n');
            } else {
                s.push('\\');
                s.push(cs[*i]);
            }
            *i += 1;
            continue;
        }
        if c == delim {
            return Some(s);
        }
        s.push(c);
    }
    None
}

fn addr(cs: &[char], i: &mut usize, ext: bool) -> Result<Option<Addr>, String> {
    match cs.get(*i) {
        Some('$') => {
            *i += 1;
            Ok(Some(Addr::Last))
        }
        Some(c) if c.is_ascii_digit() => {
            let mut n = 0usize;
            while let Some(d) = cs.get(*i).and_then(|c| c.to_digit(10)) {
                n = n.saturating_mul(10).saturating_add(d as usize);
                *i += 1;
            }
            Ok(Some(Addr::Line(n)))
        }
        Some('/') => {
            *i += 1;
            let re = take_delimited(cs, i, '/').ok_or("unterminated address regex")?;
            Ok(Some(Addr::Re(Regex::new(&re, ext)?)))
        }
        _ => Ok(None),
    }
}

fn compile(script: &str, ext: bool) -> Result<Vec<Rule>, String> {
    let cs: Vec<char> = script.chars().collect();
    let mut i = 0;
    let mut rules = Vec::new();
    loop {
        while i < cs.len() && (cs[i].is_whitespace() || cs[i] == ';') {
            i += 1;
        }
        if i >= cs.len() {
            break;
        }
        let from = addr(&cs, &mut i, ext)?;
        let to = if from.is_some() && cs.get(i) == Some(&',') {
            i += 1;
            Some(addr(&cs, &mut i, ext)?.ok_or("unexpected `,'")?)
        } else {
            None
        };
        while cs.get(i) == Some(&' ') {
            i += 1;
        }
        let mut negate = false;
        if cs.get(i) == Some(&'!') {
            negate = true;
            i += 1;
        }
        let Some(&c) = cs.get(i) else {
            return Err("missing command".into());
        };
        i += 1;
        let cmd = match c {
            's' => {
                let delim = *cs.get(i).ok_or("unterminated `s' command")?;
                i += 1;
                let re = take_delimited(&cs, &mut i, delim).ok_or("unterminated `s' command")?;
                let rep = take_delimited(&cs, &mut i, delim).ok_or("unterminated `s' command")?;
                let (mut global, mut nth, mut print, mut icase) = (false, 1, false, false);
                while let Some(&f) = cs.get(i) {
                    match f {
                        'g' => global = true,
                        'p' => print = true,
                        'i' | 'I' => icase = true,
                        d if d.is_ascii_digit() => nth = d.to_digit(10).unwrap_or(1) as usize,
                        _ => break,
                    }
                    i += 1;
                }
                Cmd::Subst {
                    re: Regex::new(&re, ext)?.ignore_case(icase),
                    rep,
                    global,
                    nth,
                    print,
                }
            }
            'y' => {
                let delim = *cs.get(i).ok_or("unterminated `y' command")?;
                i += 1;
                let a = take_delimited(&cs, &mut i, delim).ok_or("unterminated `y' command")?;
                let b = take_delimited(&cs, &mut i, delim).ok_or("unterminated `y' command")?;
                let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                if a.len() != b.len() {
                    return Err("strings for `y' command are different lengths".into());
                }
                Cmd::Translate(a, b)
            }
            'p' => Cmd::Print,
            'd' => Cmd::Delete,
            'q' => Cmd::Quit,
            '=' => Cmd::LineNo,
            other => return Err(format!("unknown command: `{other}'")),
        };
        rules.push(Rule {
            from,
            to,
            negate,
            cmd,
            active: false,
        });
    }
    Ok(rules)
}

fn hit(a: &Addr, n: usize, last: bool, line: &str) -> bool {
    match a {
        Addr::Line(k) => *k == n,
        Addr::Last => last,
        Addr::Re(r) => r.is_match(line),
    }
}

fn substitute(line: &str, re: &Regex, rep: &str, global: bool, nth: usize) -> Option<String> {
    let mut out = String::new();
    let mut at = 0;
    let mut count = 0;
    let mut changed = false;
    while at <= line.len() {
        let Some(m) = re.find_at(line, at) else { break };
        let (a, b) = m.range;
        count += 1;
        if count >= nth {
            out.push_str(&line[at..a]);
            let rc: Vec<char> = rep.chars().collect();
            let mut k = 0;
            while k < rc.len() {
                match rc[k] {
                    '&' => out.push_str(&line[a..b]),
                    '\\' if k + 1 < rc.len() => {
                        k += 1;
                        match rc[k] {
                            d @ '1'..='9' => {
                                let g = d as usize - '1' as usize;
                                if let Some(Some((x, y))) = m.groups.get(g) {
                                    out.push_str(&line[*x..*y]);
                                }
                            }
                            'n' => out.push('\n'),
                            't' => out.push('\t'),
                            o => out.push(o),
                        }
                    }
                    o => out.push(o),
                }
                k += 1;
            }
            changed = true;
        } else {
            out.push_str(&line[at..b]);
        }
        at = if b > a {
            b
        } else {
            if b < line.len() {
                let ch = line[b..].chars().next().map_or(1, char::len_utf8);
                out.push_str(&line[b..b + ch]);
                b + ch
            } else {
                b + 1
            }
        };
        if changed && !global {
            break;
        }
    }
    if !changed {
        return None;
    }
    if at < line.len() {
        out.push_str(&line[at..]);
    }
    Some(out)
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let mut scripts: Vec<String> = Vec::new();
    let mut rest = Vec::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "-e" || args[i] == "--expression" {
            i += 1;
            if let Some(s) = args.get(i) {
                scripts.push(s.clone());
            }
        } else {
            rest.push(args[i].clone());
        }
        i += 1;
    }
    let o = match parse(
        p,
        &rest,
        &SPEC
            .iter()
            .copied()
            .filter(|s| s.0 != 'e')
            .collect::<Vec<_>>(),
        USAGE,
    )
    .await
    {
        Ok(o) => o,
        Err(s) => return s,
    };
    let mut files = o.operands.clone();
    if scripts.is_empty() {
        if files.is_empty() {
            p.err(super::util::busybox_usage(USAGE)).await;
            return 1;
        }
        scripts.push(files.remove(0));
    }
    let ext = o.has('E') || o.has('r');
    let mut rules = match compile(&scripts.join("\n"), ext) {
        Ok(r) => r,
        Err(e) => {
            p.err(format!("sed: -e expression #1, char 0: {e}\n")).await;
            return 1;
        }
    };
    if files.is_empty() {
        files.push("-".into());
    }
    let mut status = 0;
    let mut n = 0;
    for (fi, f) in files.iter().enumerate() {
        let data = match p.read_operand(f).await {
            Ok(d) => d,
            Err(e) => {
                p.err(format!("sed: can't read {f}: {e}\n")).await;
                status = 2;
                continue;
            }
        };
        let ls = lines(&data);
        let mut out = String::new();
        let mut quit = false;
        for (li, line) in ls.iter().enumerate() {
            p.step().await;
            n += 1;
            let last = li + 1 == ls.len() && (o.has('i') || fi + 1 == files.len());
            let mut cur = line.clone();
            let mut deleted = false;
            for r in rules.iter_mut() {
                let sel = match (&r.from, &r.to) {
                    (None, _) => true,
                    (Some(a), None) => hit(a, n, last, &cur),
                    (Some(a), Some(b)) => {
                        if r.active {
                            if hit(b, n, last, &cur) || matches!(b, Addr::Line(k) if *k <= n) {
                                r.active = false;
                            }
                            true
                        } else if hit(a, n, last, &cur) {
                            r.active = !matches!(b, Addr::Line(k) if *k <= n);
                            true
                        } else {
                            false
                        }
                    }
                };
                if sel == r.negate {
                    continue;
                }
                match &r.cmd {
                    Cmd::Subst {
                        re,
                        rep,
                        global,
                        nth,
                        print,
                    } => {
                        if let Some(s) = substitute(&cur, re, rep, *global, *nth) {
                            cur = s;
                            if *print {
                                out.push_str(&cur);
                                out.push('\n');
                            }
                        }
                    }
                    Cmd::Print => {
                        out.push_str(&cur);
                        out.push('\n');
                    }
                    Cmd::Delete => {
                        deleted = true;
                        break;
                    }
                    Cmd::Quit => {
                        quit = true;
                        break;
                    }
                    Cmd::LineNo => out.push_str(&format!("{n}\n")),
                    Cmd::Translate(a, b) => {
                        cur = cur
                            .chars()
                            .map(|c| a.iter().position(|x| *x == c).map_or(c, |k| b[k]))
                            .collect();
                    }
                }
            }
            if !deleted && !o.has('n') {
                out.push_str(&cur);
                out.push('\n');
            }
            if quit {
                break;
            }
        }
        if o.has('i') && f != "-" {
            let path = p.path(f);
            let mode = p.fs.borrow().stat(&path).map_or(0o644, |s| s.mode);
            let r = p.fs.borrow_mut().write(&path, out.as_bytes(), mode);
            if let Err(e) = r {
                p.err(format!("sed: couldn't open file {f}: {e}\n")).await;
                status = 4;
            }
            n = 0;
        } else if !p.out(out).await {
            return 1;
        }
        if quit {
            break;
        }
    }
    status
}

crate::program!(Sed, main);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substitutions() {
        let re = Regex::new("o", false).unwrap();
        assert_eq!(
            substitute("foo boo", &re, "0", true, 1).as_deref(),
            Some("f00 b00")
        );
        assert_eq!(
            substitute("foo boo", &re, "0", false, 1).as_deref(),
            Some("f0o boo")
        );
        assert_eq!(
            substitute("foo boo", &re, "0", false, 3).as_deref(),
            Some("foo b0o")
        );
        let re = Regex::new("\\(b\\)\\(o*\\)", false).unwrap();
        assert_eq!(
            substitute("boo", &re, "[\\2\\1&]", false, 1).as_deref(),
            Some("[oobboo]")
        );
        assert_eq!(substitute("x", &re, "y", false, 1), None);
    }
}
