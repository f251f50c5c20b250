//! `printf FORMAT [ARG…]`: the program and the engine the shells' builtins share. The
//! format is reused while arguments remain; `%s %b %c %d %i %u %o %x %X %e %f %g %%` with
//! flags, width and precision (`*` too).

use super::super::budget::MEMORY_LIMIT;
use super::super::program::Proc;
use super::echo::escapes;

/// Output, and the arguments that were not numbers (reported as `invalid number`).
#[derive(Debug, Default, PartialEq)]
pub struct Printed {
    /// The text.
    pub out: String,
    /// Arguments that failed to convert.
    pub invalid: Vec<String>,
}

/// Interprets the backslash escapes of a format string.
fn format_escapes(s: &str) -> String {
    escapes(s).0
}

fn parse_int(a: &str) -> Option<i64> {
    let t = a.trim();
    if let Some(c) = t.strip_prefix('\'').or_else(|| t.strip_prefix('"')) {
        return Some(c.chars().next().map_or(0, |c| c as i64));
    }
    if t.is_empty() {
        return Some(0);
    }
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let v = super::super::arith::parse_number(body)?;
    Some(if neg { v.wrapping_neg() } else { v })
}

fn pad(s: String, width: usize, left: bool, zero: bool) -> String {
    let n = s.chars().count();
    if n >= width {
        return s;
    }
    let fill = width - n;
    if left {
        format!("{s}{}", " ".repeat(fill))
    } else if zero {
        let (sign, digits) = if s.starts_with(['-', '+']) {
            s.split_at(1)
        } else {
            ("", s.as_str())
        };
        format!("{sign}{}{digits}", "0".repeat(fill))
    } else {
        format!("{}{s}", " ".repeat(fill))
    }
}

/// Formats like `printf(1)`. A width or precision past the memory limit counts as just
/// past it, and formatting stops once the text passes it: the caller checks the text's
/// length against its budget, which ends the job (`printf '%*d' 1000000000 1`).
pub fn format(fmt: &str, args: &[String]) -> Printed {
    let fmt: Vec<char> = fmt.chars().collect();
    let mut p = Printed::default();
    let mut ai = 0;
    loop {
        let mut consumed = false;
        let mut i = 0;
        let mut lit = String::new();
        while i < fmt.len() {
            let c = fmt[i];
            if c == '\\' {
                let mut j = i + 1;
                if j < fmt.len() {
                    j += 1;
                    if matches!(fmt[i + 1], '0'..='7' | 'x') {
                        while j < fmt.len() && j < i + 5 && fmt[j].is_ascii_hexdigit() {
                            j += 1;
                        }
                    }
                }
                let esc: String = fmt[i..j].iter().collect();
                if esc == "\\c" {
                    p.out.push_str(&format_escapes(&lit));
                    return p;
                }
                lit.push_str(&esc);
                i = j;
                continue;
            }
            if c != '%' {
                lit.push(c);
                i += 1;
                continue;
            }
            p.out.push_str(&format_escapes(&std::mem::take(&mut lit)));
            i += 1;
            if fmt.get(i) == Some(&'%') {
                p.out.push('%');
                i += 1;
                continue;
            }
            let (mut left, mut zero, mut plus, mut space, mut alt) =
                (false, false, false, false, false);
            while let Some(f) = fmt.get(i) {
                match f {
                    '-' => left = true,
                    '0' => zero = true,
                    '+' => plus = true,
                    ' ' => space = true,
                    '#' => alt = true,
                    _ => break,
                }
                i += 1;
            }
            let num = |i: &mut usize, ai: &mut usize, consumed: &mut bool| -> Option<usize> {
                if fmt.get(*i) == Some(&'*') {
                    *i += 1;
                    let v = args.get(*ai).and_then(|a| parse_int(a)).unwrap_or(0);
                    *ai += 1;
                    *consumed = true;
                    return Some((v.max(0) as usize).min(MEMORY_LIMIT + 1));
                }
                let start = *i;
                while fmt.get(*i).is_some_and(char::is_ascii_digit) {
                    *i += 1;
                }
                (*i > start).then(|| {
                    fmt[start..*i]
                        .iter()
                        .collect::<String>()
                        .parse::<usize>()
                        .unwrap_or(0)
                        .min(MEMORY_LIMIT + 1)
                })
            };
            let width = num(&mut i, &mut ai, &mut consumed).unwrap_or(0);
            let prec = if fmt.get(i) == Some(&'.') {
                i += 1;
                Some(num(&mut i, &mut ai, &mut consumed).unwrap_or(0))
            } else {
                None
            };
            while matches!(fmt.get(i), Some('l' | 'h' | 'q' | 'j' | 'z' | 't' | 'L')) {
                i += 1;
            }
            let Some(&conv) = fmt.get(i) else {
                p.out.push('%');
                break;
            };
            i += 1;
            let arg = args.get(ai).cloned();
            if "sbcdiuoxXeEfFgG".contains(conv) {
                ai += 1;
                consumed = true;
            }
            let arg_s = arg.clone().unwrap_or_default();
            let s = match conv {
                's' => {
                    let mut s = arg_s;
                    if let Some(pr) = prec {
                        s = s.chars().take(pr).collect();
                    }
                    s
                }
                'b' => {
                    let (s, stop) = escapes(&arg_s);
                    if stop {
                        p.out.push_str(&pad(s, width, left, false));
                        return p;
                    }
                    s
                }
                'c' => arg_s.chars().next().map(String::from).unwrap_or_default(),
                'd' | 'i' | 'u' | 'o' | 'x' | 'X' => {
                    let v = match parse_int(&arg_s) {
                        Some(v) => v,
                        None => {
                            p.invalid.push(arg_s.clone());
                            let digits: String =
                                arg_s.chars().take_while(char::is_ascii_digit).collect();
                            digits.parse().unwrap_or(0)
                        }
                    };
                    let mut s = match conv {
                        'o' => format!("{}{:o}", if alt && v != 0 { "0" } else { "" }, v),
                        'x' => format!("{}{:x}", if alt && v != 0 { "0x" } else { "" }, v),
                        'X' => format!("{}{:X}", if alt && v != 0 { "0X" } else { "" }, v),
                        'u' => format!("{}", v as u64),
                        _ => v.to_string(),
                    };
                    if let Some(pr) = prec {
                        let neg = s.starts_with('-');
                        let digits = s.trim_start_matches('-').to_owned();
                        if digits.len() < pr {
                            s = format!(
                                "{}{}{digits}",
                                if neg { "-" } else { "" },
                                "0".repeat(pr - digits.len())
                            );
                        }
                    }
                    if matches!(conv, 'd' | 'i') && v >= 0 {
                        if plus {
                            s.insert(0, '+');
                        } else if space {
                            s.insert(0, ' ');
                        }
                    }
                    p.out.push_str(&pad(s, width, left, zero && prec.is_none()));
                    continue;
                }
                'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                    let v: f64 = match arg_s.trim().parse() {
                        Ok(v) => v,
                        Err(_) if arg_s.trim().is_empty() => 0.0,
                        Err(_) => {
                            p.invalid.push(arg_s.clone());
                            0.0
                        }
                    };
                    let pr = prec.unwrap_or(6);
                    let mut s = match conv {
                        'f' | 'F' => format!("{v:.pr$}"),
                        'e' | 'E' => c_exp(v, pr, conv == 'E'),
                        _ => {
                            let pr = pr.max(1);
                            let exp = if v == 0.0 {
                                0
                            } else {
                                v.abs().log10().floor() as i32
                            };
                            if exp < -4 || exp >= pr as i32 {
                                c_exp(v, pr - 1, conv == 'G')
                            } else {
                                let dec = (pr as i32 - 1 - exp).max(0) as usize;
                                let t = format!("{v:.dec$}");
                                if t.contains('.') && !alt {
                                    t.trim_end_matches('0').trim_end_matches('.').to_owned()
                                } else {
                                    t
                                }
                            }
                        }
                    };
                    if v >= 0.0 && plus {
                        s.insert(0, '+');
                    }
                    p.out.push_str(&pad(s, width, left, zero));
                    continue;
                }
                other => {
                    p.out.push('%');
                    p.out.push(other);
                    continue;
                }
            };
            p.out.push_str(&pad(s, width, left, false));
        }
        p.out.push_str(&format_escapes(&lit));
        if !consumed || ai >= args.len() || p.out.len() > MEMORY_LIMIT {
            break;
        }
    }
    p
}

fn c_exp(v: f64, pr: usize, upper: bool) -> String {
    let s = format!("{v:.pr$e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let ev: i32 = e.parse().unwrap_or(0);
    let out = format!("{m}e{}{:02}", if ev < 0 { '-' } else { '+' }, ev.abs());
    if upper {
        out.to_uppercase()
    } else {
        out
    }
}

async fn main(p: &mut Proc) -> i32 {
    let Some(fmt) = p.args.get(1).cloned() else {
        let msg = if p.style == super::super::program::Style::Busybox {
            "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: printf FORMAT [ARG]...\n\nFormat and print ARG(s) according to FORMAT (a-la C printf)\n"
                .to_owned()
        } else {
            "printf: missing operand\nTry 'printf --help' for more information.\n".to_owned()
        };
        p.err(msg).await;
        return 1;
    };
    let r = format(&fmt, &p.args[2..]);
    p.budget.hold(r.out.len()).await;
    p.out(&r.out).await;
    for a in &r.invalid {
        p.error(format!("'{a}': expected a numeric value")).await;
    }
    (!r.invalid.is_empty()) as i32
}

crate::program!(Printf, main);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(fmt: &str, args: &[&str], expected: &str) {
        let a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        assert_eq!(format(fmt, &a).out, expected, "{fmt}");
    }

    #[test]
    fn formats() {
        check("%s\\n", &["a", "b"], "a\nb\n");
        check("%5s|%-5s|\\n", &["ab", "cd"], "   ab|cd   |\n");
        check(
            "%d %03d %x %o\\n",
            &["42", "7", "255", "8"],
            "42 007 ff 10\n",
        );
        check("%.2f %e\\n", &["3.14159", "1234.5"], "3.14 1.234500e+03\n");
        check("%g %g\\n", &["0.0001", "100000"], "0.0001 100000\n");
        check("%c%c\\n", &["hi", "yo"], "hy\n");
        check("%b\\n", &["a\\tb"], "a\tb\n");
        check("100%%\\n", &[], "100%\n");
        check("%s-%s\\n", &["1"], "1-\n");
        check("%d\\n", &["'A"], "65\n");
        check("no args\\n", &["x"], "no args\n");
        check("%*d|\\n", &["4", "7"], "   7|\n");
        assert_eq!(format("%d", &["x".to_string()]).invalid, ["x"]);
    }
}
