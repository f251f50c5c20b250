//! `read [-r] [-p prompt] [name…]`: one line of standard input into variables, split on
//! `IFS`, the last name taking the rest.

use super::super::flavor::Flavor;
use super::super::interp::Shell;
use super::super::lexer::is_name;
use super::super::program::BoxFut;
use super::fail;

/// Splits `line` into `n` fields on `ifs`; the last field keeps the rest (without
/// trailing IFS whitespace).
pub fn split_fields(line: &str, ifs: &str, n: usize) -> Vec<String> {
    let is_ws = |c: char| ifs.contains(c) && c.is_whitespace();
    let mut out = Vec::new();
    let mut rest = line.trim_start_matches(is_ws);
    while out.len() + 1 < n && !rest.is_empty() {
        match rest.find(|c: char| ifs.contains(c)) {
            Some(i) => {
                out.push(rest[..i].to_owned());
                let sep_len = rest[i..].chars().next().map_or(1, char::len_utf8);
                let mut r = &rest[i..];
                if is_ws(r.chars().next().unwrap_or(' ')) {
                    r = r.trim_start_matches(is_ws);
                    if let Some(c) = r.chars().next() {
                        if ifs.contains(c) && !c.is_whitespace() {
                            r = &r[c.len_utf8()..];
                            r = r.trim_start_matches(is_ws);
                        }
                    }
                } else {
                    r = &r[sep_len..];
                    r = r.trim_start_matches(is_ws);
                }
                rest = r;
            }
            None => {
                out.push(rest.to_owned());
                rest = "";
            }
        }
    }
    if out.len() < n {
        out.push(rest.trim_end_matches(is_ws).to_owned());
    }
    out
}

/// `read`.
pub fn read<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let mut raw = false;
        let mut prompt = String::new();
        let mut names = Vec::new();
        let mut i = 1;
        while i < a.len() {
            let arg = &a[i];
            if names.is_empty() && arg.starts_with('-') && arg.len() > 1 {
                let mut chars = arg[1..].chars();
                while let Some(c) = chars.next() {
                    match c {
                        'r' => raw = true,
                        's' => {}
                        'p' => {
                            let rest: String = chars.by_ref().collect();
                            if rest.is_empty() {
                                i += 1;
                                prompt = a.get(i).cloned().unwrap_or_default();
                            } else {
                                prompt = rest;
                            }
                        }
                        _ => {
                            let msg = match sh.flavor {
                                Flavor::Bash => format!("-{c}: invalid option"),
                                _ => format!("Illegal option -{c}"),
                            };
                            fail(sh, "read", &msg).await;
                            return 2;
                        }
                    }
                }
            } else {
                names.push(arg.clone());
            }
            i += 1;
        }
        if names.is_empty() {
            if sh.flavor == Flavor::Dash {
                fail(sh, "read", "arg count").await;
                return 2;
            }
            names.push("REPLY".into());
        }
        for n in &names {
            if !is_name(n) {
                let msg = match sh.flavor {
                    Flavor::Bash => format!("`{n}': not a valid identifier"),
                    _ => format!("{n}: bad variable name"),
                };
                fail(sh, "read", &msg).await;
                return if sh.flavor == Flavor::Bash { 1 } else { 2 };
            }
        }
        let tty = sh.fds.stdin.is_tty();
        let mut line = String::new();
        let mut eof = false;
        loop {
            let shown = if line.is_empty() && tty {
                prompt.as_str()
            } else {
                ""
            };
            let got = sh
                .fds
                .stdin
                .read_line(if tty { shown } else { "" }, &sh.env.budget, &sh.env.sys)
                .await;
            let Some(mut l) = got else {
                eof = true;
                break;
            };
            let had_nl = l.ends_with('\n');
            if had_nl {
                l.pop();
            }
            if !raw
                && l.ends_with('\\')
                && had_nl
                && (l.len() - l.trim_end_matches('\\').len()) % 2 == 1
            {
                l.pop();
                line.push_str(&l);
                continue;
            }
            line.push_str(&l);
            if !had_nl {
                eof = true;
            }
            break;
        }
        if !raw {
            let mut out = String::new();
            let mut cs = line.chars();
            while let Some(c) = cs.next() {
                if c == '\\' {
                    if let Some(n) = cs.next() {
                        out.push(n);
                    }
                } else {
                    out.push(c);
                }
            }
            line = out;
        }
        let ifs = sh.var("IFS").unwrap_or(" \t\n").to_owned();
        let fields = if names.len() == 1 && names[0] == "REPLY" && a.len() == 1 {
            vec![line.clone()]
        } else {
            split_fields(&line, &ifs, names.len())
        };
        for (i, n) in names.iter().enumerate() {
            let v = fields.get(i).cloned().unwrap_or_default();
            if !sh.set_var(n, &v).await {
                return 1;
            }
        }
        eof as i32
    })
}

#[cfg(test)]
mod tests {
    use super::split_fields;

    #[test]
    fn splitting() {
        assert_eq!(split_fields("  a  b  c  ", " \t\n", 2), ["a", "b  c"]);
        assert_eq!(split_fields("a:b:c", ":", 2), ["a", "b:c"]);
        assert_eq!(split_fields("a", " ", 3), ["a", ""]);
        assert_eq!(split_fields("root:x:0:0", ":", 4), ["root", "x", "0", "0"]);
    }
}
