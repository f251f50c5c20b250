//! `echo`: the program (coreutils, busybox) and the logic the shells' builtins share. bash,
//! busybox and coreutils take `-n`, `-e`, `-E` and print backslashes as they are unless
//! `-e`; dash takes only `-n` and always interprets escapes.

use super::super::program::Proc;

/// How an `echo` reads its arguments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EchoStyle {
    /// bash, busybox, coreutils.
    Bsd,
    /// dash.
    SysV,
}

/// Interprets `echo -e`'s escapes; the flag is `true` when `\c` stopped the output.
pub fn escapes(s: &str) -> (String, bool) {
    let mut out = String::new();
    let cs: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        if c != '\\' || i >= cs.len() {
            out.push(c);
            continue;
        }
        let e = cs[i];
        i += 1;
        match e {
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'c' => return (out, true),
            'e' | 'E' => out.push('\x1b'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '\\' => out.push('\\'),
            '0'..='7' => {
                // `\0nnn`, and (dash, printf %b) `\nnn`.
                let mut v = 0u32;
                let mut n = 0;
                let start_zero = e == '0';
                if !start_zero {
                    v = e as u32 - '0' as u32;
                    n = 1;
                }
                while n < 3 && i < cs.len() && ('0'..='7').contains(&cs[i]) {
                    v = v * 8 + (cs[i] as u32 - '0' as u32);
                    i += 1;
                    n += 1;
                }
                out.push(char::from_u32(v & 0xff).unwrap_or('?'));
            }
            'x' => {
                let mut v = 0u32;
                let mut n = 0;
                while n < 2 && i < cs.len() && cs[i].is_ascii_hexdigit() {
                    v = v * 16 + cs[i].to_digit(16).unwrap_or(0);
                    i += 1;
                    n += 1;
                }
                if n == 0 {
                    out.push_str("\\x");
                } else {
                    out.push(char::from_u32(v).unwrap_or('?'));
                }
            }
            o => {
                out.push('\\');
                out.push(o);
            }
        }
    }
    (out, false)
}

/// What `echo args` prints.
pub fn render(args: &[String], style: EchoStyle) -> String {
    let mut newline = true;
    let mut interpret = style == EchoStyle::SysV;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let opts = a.strip_prefix('-').filter(|o| !o.is_empty());
        let Some(opts) = opts else { break };
        let valid = match style {
            EchoStyle::Bsd => opts.chars().all(|c| matches!(c, 'n' | 'e' | 'E')),
            EchoStyle::SysV => opts.chars().all(|c| c == 'n'),
        };
        if !valid {
            break;
        }
        for c in opts.chars() {
            match c {
                'n' => newline = false,
                'e' => interpret = true,
                _ => interpret = false,
            }
        }
        i += 1;
    }
    let text = args[i..].join(" ");
    if interpret {
        let (s, stop) = escapes(&text);
        if stop {
            return s;
        }
        return if newline { s + "\n" } else { s };
    }
    if newline {
        text + "\n"
    } else {
        text
    }
}

async fn main(p: &mut Proc) -> i32 {
    let out = render(&p.args[1..], EchoStyle::Bsd);
    p.out(out).await;
    0
}

crate::program!(Echo, main);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &[&str], style: EchoStyle, expected: &str) {
        let a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        assert_eq!(render(&a, style), expected, "{args:?}");
    }

    #[test]
    fn styles() {
        use EchoStyle::*;
        check(&["a", "b"], Bsd, "a b\n");
        check(&["-n", "a"], Bsd, "a");
        check(&["-e", "a\\tb"], Bsd, "a\tb\n");
        check(&["a\\tb"], Bsd, "a\\tb\n");
        check(&["a\\tb"], SysV, "a\tb\n");
        check(&["-e", "x"], SysV, "-e x\n");
        check(&["-n", "-e", "a\\c", "b"], Bsd, "a");
        check(&["-nx"], Bsd, "-nx\n");
        check(&["-"], Bsd, "-\n");
        check(&["\\0101"], SysV, "A\n");
    }
}
