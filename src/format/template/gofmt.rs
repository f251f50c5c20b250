//! Go's `fmt` printing, for the template values: `%v` of strings, numbers, slices (`[a b]`)
//! and maps (`map[k:v]`), `Sprint`/`Sprintln`/`Sprintf` with the common verbs and flags,
//! and `strconv.FormatFloat`, all with Go's output and Go's `%!verb(...)` complaints.

use super::value::{Val, K};
use crate::format::text::{can_backquote, quote, quote_rune, quote_to_ascii};
use std::fmt::Write;

const LDIGITS: &[u8; 17] = b"0123456789abcdefx";
const UDIGITS: &[u8; 17] = b"0123456789ABCDEFX";

/// Formatting flags of one verb.
#[derive(Clone, Copy, Default)]
struct Spec {
    minus: bool,
    plus: bool,
    sharp: bool,
    space: bool,
    zero: bool,
    sharp_v: bool,
    plus_v: bool,
    wid: Option<usize>,
    prec: Option<usize>,
}

/// What `{{.X}}` prints: `<no value>` for a missing value, otherwise Go's `%v`.
pub(crate) fn print_value(v: &Val<'_>) -> String {
    if v.is_invalid() {
        return "<no value>".into();
    }
    let mut out = String::new();
    print_arg(&mut out, v, 'v', &Spec::default());
    out
}

/// Go's `fmt.Sprint`: spaces between operands when neither side is a string.
pub(crate) fn sprint(args: &[Val<'_>]) -> String {
    let mut out = String::new();
    let mut prev_string = false;
    for (i, a) in args.iter().enumerate() {
        let is_string = matches!(a.k, K::Str(_) | K::Num(_));
        if i > 0 && !is_string && !prev_string {
            out.push(' ');
        }
        print_arg(&mut out, a, 'v', &Spec::default());
        prev_string = is_string;
    }
    out
}

/// Go's `fmt.Sprintln`: operands separated by spaces, then a newline.
pub(crate) fn sprintln(args: &[Val<'_>]) -> String {
    let mut out = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        print_arg(&mut out, a, 'v', &Spec::default());
    }
    out.push('\n');
    out
}

fn too_large(x: usize) -> bool {
    x > 1_000_000
}

/// Go's `parsenum`: a decimal number at `i`, if any.
fn parse_num(b: &[u8], start: usize, end: usize) -> (usize, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num = 0usize;
    let mut isnum = false;
    let mut i = start;
    while i < end && b[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end);
        }
        num = num * 10 + usize::from(b[i] - b'0');
        isnum = true;
        i += 1;
    }
    (num, isnum, i)
}

struct ArgState {
    arg_num: usize,
    reordered: bool,
    good_arg_num: bool,
}

impl ArgState {
    /// Go's `argNumber`: an explicit `[n]` argument index at `i`.
    fn arg_number(&mut self, b: &[u8], i: usize, num_args: usize) -> (usize, bool) {
        if b.len() <= i || b[i] != b'[' {
            return (i, false);
        }
        self.reordered = true;
        let f = &b[i..];
        let (index, wid, ok) = {
            let mut res = (0usize, 1usize, false);
            if f.len() >= 3 {
                if let Some(close) = f.iter().skip(1).position(|&c| c == b']').map(|p| p + 1) {
                    let (n, ok, newi) = parse_num(f, 1, close);
                    res = if !ok || newi != close || n == 0 {
                        (0, close + 1, ok && newi == close && n > 0)
                    } else {
                        (n - 1, close + 1, true)
                    };
                }
            }
            res
        };
        if ok && index < num_args {
            self.arg_num = index;
            return (i + wid, true);
        }
        self.good_arg_num = false;
        (i + wid, ok)
    }
}

fn int_from_arg(args: &[Val<'_>], arg_num: usize) -> (usize, bool, bool, usize) {
    // (magnitude, negative, is_int, new arg num)
    if arg_num >= args.len() {
        return (0, false, false, arg_num);
    }
    let (num, neg, ok) = match &args[arg_num].k {
        K::Int(i) => (i.unsigned_abs(), *i < 0, true),
        K::Uint(u) if *u <= i64::MAX as u64 => (*u, false, true),
        _ => (0, false, false),
    };
    let num = usize::try_from(num).unwrap_or(usize::MAX);
    if too_large(num) {
        return (0, false, false, arg_num + 1);
    }
    (num, neg, ok, arg_num + 1)
}

/// Go's `fmt.Sprintf`.
pub(crate) fn sprintf(format: &str, args: &[Val<'_>]) -> String {
    let b = format.as_bytes();
    let end = b.len();
    let mut out = String::new();
    let mut st = ArgState {
        arg_num: 0,
        reordered: false,
        good_arg_num: true,
    };
    let mut i = 0;
    while i < end {
        st.good_arg_num = true;
        let lasti = i;
        while i < end && b[i] != b'%' {
            i += 1;
        }
        if i > lasti {
            out.push_str(&format[lasti..i]);
        }
        if i >= end {
            break;
        }
        i += 1;
        let mut spec = Spec::default();
        // Flags.
        while i < end {
            match b[i] {
                b'#' => spec.sharp = true,
                b'0' => spec.zero = !spec.minus,
                b'+' => spec.plus = true,
                b'-' => {
                    spec.minus = true;
                    spec.zero = false;
                }
                b' ' => spec.space = true,
                _ => break,
            }
            i += 1;
        }
        let (ni, mut after_index) = st.arg_number(b, i, args.len());
        i = ni;
        // Width.
        if i < end && b[i] == b'*' {
            i += 1;
            let (n, neg, ok, next) = int_from_arg(args, st.arg_num);
            st.arg_num = next;
            if ok {
                spec.wid = Some(n);
                if neg {
                    spec.minus = true;
                    spec.zero = false;
                }
            } else {
                out.push_str("%!(BADWIDTH)");
            }
            after_index = false;
        } else {
            let (n, isnum, ni) = parse_num(b, i, end);
            i = ni;
            if isnum {
                spec.wid = Some(n);
                if after_index {
                    st.good_arg_num = false;
                }
            }
        }
        // Precision.
        if i + 1 < end && b[i] == b'.' {
            i += 1;
            if after_index {
                st.good_arg_num = false;
            }
            let (ni, ai) = st.arg_number(b, i, args.len());
            i = ni;
            after_index = ai;
            if i < end && b[i] == b'*' {
                i += 1;
                let (n, neg, ok, next) = int_from_arg(args, st.arg_num);
                st.arg_num = next;
                if ok && !neg {
                    spec.prec = Some(n);
                } else if !ok {
                    out.push_str("%!(BADPREC)");
                }
                after_index = false;
            } else {
                let (n, isnum, ni) = parse_num(b, i, end);
                i = ni;
                spec.prec = Some(if isnum { n } else { 0 });
            }
        }
        if !after_index {
            let (ni, ai) = st.arg_number(b, i, args.len());
            i = ni;
            after_index = ai;
        }
        let _ = after_index;
        if i >= end {
            out.push_str("%!(NOVERB)");
            break;
        }
        let Some(verb) = format[i..].chars().next() else {
            break;
        };
        i += verb.len_utf8();
        if verb == '%' {
            out.push('%');
        } else if !st.good_arg_num {
            let _ = write!(out, "%!{verb}(BADINDEX)");
        } else if st.arg_num >= args.len() {
            let _ = write!(out, "%!{verb}(MISSING)");
        } else {
            if verb == 'v' {
                spec.sharp_v = spec.sharp;
                spec.sharp = false;
                spec.plus_v = spec.plus;
                spec.plus = false;
            }
            print_arg(&mut out, &args[st.arg_num], verb, &spec);
            st.arg_num += 1;
        }
    }
    if !st.reordered && st.arg_num < args.len() {
        out.push_str("%!(EXTRA ");
        for (n, a) in args[st.arg_num..].iter().enumerate() {
            if n > 0 {
                out.push_str(", ");
            }
            if matches!(a.k, K::Invalid | K::Nil) {
                out.push_str("<nil>");
            } else {
                out.push_str(&a.type_name());
                out.push('=');
                print_arg(&mut out, a, 'v', &Spec::default());
            }
        }
        out.push(')');
    }
    out
}

fn write_padding(out: &mut String, n: usize, spec: &Spec) {
    let c = if spec.zero && !spec.minus { '0' } else { ' ' };
    out.extend(std::iter::repeat_n(c, n));
}

/// Go's `fmt.pad`: pads to the width, counting runes.
fn pad(out: &mut String, s: &str, spec: &Spec) {
    let Some(wid) = spec.wid else {
        out.push_str(s);
        return;
    };
    let n = wid.saturating_sub(s.chars().count());
    if spec.minus {
        out.push_str(s);
        write_padding(out, n, spec);
    } else {
        write_padding(out, n, spec);
        out.push_str(s);
    }
}

fn truncate(s: &str, spec: &Spec) -> String {
    match spec.prec {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_owned(),
    }
}

fn bad_verb(out: &mut String, v: &Val<'_>, verb: char) {
    let _ = write!(out, "%!{verb}(");
    if matches!(v.k, K::Invalid | K::Nil) {
        out.push_str("<nil>");
    } else {
        out.push_str(&v.type_name());
        out.push('=');
        print_arg(out, v, 'v', &Spec::default());
    }
    out.push(')');
}

fn print_arg(out: &mut String, v: &Val<'_>, verb: char, spec: &Spec) {
    print_at(out, v, verb, spec, 0);
}

fn print_at(out: &mut String, v: &Val<'_>, verb: char, spec: &Spec, depth: usize) {
    if verb == 'T' && depth == 0 {
        let t = v.type_name();
        pad(out, &truncate(&t, spec), spec);
        return;
    }
    match &v.k {
        K::Invalid | K::Nil => {
            if depth > 0 || verb == 'v' {
                pad(out, "<nil>", spec);
            } else {
                bad_verb(out, v, verb);
            }
        }
        K::Bool(b) => match verb {
            't' | 'v' => pad(out, if *b { "true" } else { "false" }, spec),
            _ => bad_verb(out, v, verb),
        },
        K::Int(i) => fmt_integer(out, v, i.unsigned_abs(), *i < 0, true, verb, spec),
        K::Uint(u) => fmt_integer(out, v, *u, false, false, verb, spec),
        K::Float(f) => match verb {
            'v' => fmt_float(out, *f, 'g', None, spec),
            'g' | 'G' => fmt_float(out, *f, verb, None, spec),
            'f' | 'F' | 'e' | 'E' => fmt_float(out, *f, verb, Some(6), spec),
            _ => bad_verb(out, v, verb),
        },
        K::Str(s) | K::Num(s) => fmt_string(out, v, s, verb, spec),
        K::Strs(_) | K::Arr(..) => {
            out.push('[');
            for (n, e) in v.elements().unwrap_or_default().iter().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                print_at(out, e, verb, spec, depth + 1);
            }
            out.push(']');
        }
        K::Obj(..) => {
            out.push_str("map[");
            for (n, (key, e)) in v.sorted_entries().unwrap_or_default().iter().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                print_at(out, &Val::str(*key), verb, spec, depth + 1);
                out.push(':');
                print_at(out, e, verb, spec, depth + 1);
            }
            out.push(']');
        }
        K::Struct(m, name) => {
            if depth == 0 && name.starts_with('*') {
                out.push('&');
            }
            out.push('{');
            for (n, e) in m.values().enumerate() {
                if n > 0 {
                    out.push(' ');
                }
                print_at(out, &Val::from_data(e, false), verb, spec, depth + 1);
            }
            out.push('}');
        }
    }
}

fn fmt_string(out: &mut String, v: &Val<'_>, s: &str, verb: char, spec: &Spec) {
    match verb {
        'v' if spec.sharp_v => fmt_q(out, s, spec),
        'v' | 's' => pad(out, &truncate(s, spec), spec),
        'x' => fmt_sx(out, s, LDIGITS, spec),
        'X' => fmt_sx(out, s, UDIGITS, spec),
        'q' => fmt_q(out, s, spec),
        _ => bad_verb(out, v, verb),
    }
}

fn fmt_q(out: &mut String, s: &str, spec: &Spec) {
    let s = truncate(s, spec);
    if spec.sharp && can_backquote(&s) {
        pad(out, &format!("`{s}`"), spec);
    } else if spec.plus {
        pad(out, &quote_to_ascii(&s), spec);
    } else {
        pad(out, &quote(&s), spec);
    }
}

fn fmt_sx(out: &mut String, s: &str, digits: &[u8; 17], spec: &Spec) {
    let bytes = s.as_bytes();
    let length = spec.prec.map_or(bytes.len(), |p| p.min(bytes.len()));
    let mut width = 2 * length;
    if width > 0 {
        if spec.space {
            if spec.sharp {
                width *= 2;
            }
            width += length - 1;
        } else if spec.sharp {
            width += 2;
        }
    } else {
        if let Some(w) = spec.wid {
            write_padding(out, w, spec);
        }
        return;
    }
    let wid = spec.wid.unwrap_or(0);
    if wid > width && !spec.minus {
        write_padding(out, wid - width, spec);
    }
    if spec.sharp {
        out.push('0');
        out.push(char::from(digits[16]));
    }
    for (i, &c) in bytes[..length].iter().enumerate() {
        if spec.space && i > 0 {
            out.push(' ');
            if spec.sharp {
                out.push('0');
                out.push(char::from(digits[16]));
            }
        }
        out.push(char::from(digits[usize::from(c >> 4)]));
        out.push(char::from(digits[usize::from(c & 0xF)]));
    }
    if wid > width && spec.minus {
        write_padding(out, wid - width, spec);
    }
}

fn fmt_integer(
    out: &mut String,
    v: &Val<'_>,
    u: u64,
    negative: bool,
    signed: bool,
    verb: char,
    spec: &Spec,
) {
    match verb {
        'v' | 'd' => fmt_int_base(out, u, negative, 10, verb, LDIGITS, spec),
        'b' => fmt_int_base(out, u, negative, 2, verb, LDIGITS, spec),
        'o' | 'O' => fmt_int_base(out, u, negative, 8, verb, LDIGITS, spec),
        'x' => fmt_int_base(out, u, negative, 16, verb, LDIGITS, spec),
        'X' => fmt_int_base(out, u, negative, 16, verb, UDIGITS, spec),
        'c' => {
            let c = if negative {
                None
            } else {
                u32::try_from(u).ok().and_then(char::from_u32)
            };
            pad(out, &c.unwrap_or('\u{FFFD}').to_string(), spec);
        }
        'q' => {
            let c = if negative {
                None
            } else {
                u32::try_from(u).ok().and_then(char::from_u32)
            };
            pad(out, &quote_rune(c.unwrap_or('\u{FFFD}'), spec.plus), spec);
        }
        'U' => {
            let mut s = if negative {
                format!("U+-{u:04X}")
            } else {
                format!("U+{u:04X}")
            };
            if spec.sharp && !negative {
                if let Some(c) = u32::try_from(u).ok().and_then(char::from_u32) {
                    if crate::format::text::is_print(c) {
                        let _ = write!(s, " '{c}'");
                    }
                }
            }
            let mut plain = *spec;
            plain.zero = false;
            pad(out, &s, &plain);
        }
        _ => bad_verb(out, v, verb),
    }
    let _ = signed;
}

fn fmt_int_base(
    out: &mut String,
    mut u: u64,
    negative: bool,
    base: u64,
    verb: char,
    digits: &[u8; 17],
    spec: &Spec,
) {
    let mut prec = 0usize;
    if let Some(p) = spec.prec {
        prec = p;
        if p == 0 && u == 0 {
            let mut plain = *spec;
            plain.zero = false;
            write_padding(out, spec.wid.unwrap_or(0), &plain);
            return;
        }
    } else if spec.zero && !spec.minus {
        if let Some(w) = spec.wid {
            prec = w;
            if negative || spec.plus || spec.space {
                prec = prec.saturating_sub(1);
            }
        }
    }
    let mut buf: Vec<u8> = Vec::new();
    loop {
        buf.push(digits[(u % base) as usize]);
        u /= base;
        if u == 0 {
            break;
        }
    }
    while buf.len() < prec {
        buf.push(b'0');
    }
    if spec.sharp {
        match base {
            2 => buf.extend_from_slice(b"b0"),
            8 if buf.last() != Some(&b'0') => buf.push(b'0'),
            16 => {
                buf.push(digits[16]);
                buf.push(b'0');
            }
            _ => {}
        }
    }
    if verb == 'O' {
        buf.extend_from_slice(b"o0");
    }
    if negative {
        buf.push(b'-');
    } else if spec.plus {
        buf.push(b'+');
    } else if spec.space {
        buf.push(b' ');
    }
    buf.reverse();
    let s = String::from_utf8_lossy(&buf);
    let mut plain = *spec;
    plain.zero = false;
    pad(out, &s, &plain);
}

fn fmt_float(out: &mut String, v: f64, verb: char, default_prec: Option<usize>, spec: &Spec) {
    let prec = spec.prec.or(default_prec);
    let num = format_float(v, verb, prec);
    // num carries a sign only when negative; Go reasons with an explicit sign byte.
    let (sign, digits) = match num.strip_prefix('-') {
        Some(rest) => ('-', rest.to_owned()),
        None => ('+', num.clone()),
    };
    let mut sign = sign;
    if spec.space && sign == '+' && !spec.plus {
        sign = ' ';
    }
    if digits.starts_with('+') || digits.starts_with('N') {
        // Infinities and NaN are not padded with zeros.
        let mut plain = *spec;
        plain.zero = false;
        pad(out, &num, &plain);
        return;
    }
    if spec.plus || sign != '+' {
        let with_sign = format!("{sign}{digits}");
        if let (true, false, Some(w)) = (spec.zero, spec.minus, spec.wid) {
            if w > with_sign.chars().count() {
                out.push(sign);
                write_padding(out, w - with_sign.chars().count(), spec);
                out.push_str(&digits);
                return;
            }
        }
        pad(out, &with_sign, spec);
        return;
    }
    pad(out, &digits, spec);
}

/// Decimal digits and decimal-point position of `v` (positive, finite): the shortest digits
/// that read back as `v`, or `n` significant digits.
fn decimal_digits(v: f64, n: Option<usize>) -> (Vec<u8>, i32) {
    if v == 0.0 {
        return (Vec::new(), 0);
    }
    let s = match n {
        None => format!("{v:e}"),
        Some(n) => format!("{:.*e}", n.max(1) - 1, v),
    };
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    while digits.last() == Some(&b'0') {
        digits.pop();
    }
    if digits.is_empty() {
        return (Vec::new(), 0);
    }
    (digits, exp + 1)
}

fn fmt_e(digits: &[u8], dp: i32, prec: usize, e: char) -> String {
    let mut s = String::new();
    s.push(char::from(*digits.first().unwrap_or(&b'0')));
    if prec > 0 {
        s.push('.');
        for i in 1..=prec {
            s.push(char::from(*digits.get(i).unwrap_or(&b'0')));
        }
    }
    s.push(e);
    let exp = if digits.is_empty() { 0 } else { dp - 1 };
    s.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(s, "{:02}", exp.unsigned_abs());
    s
}

fn fmt_f(digits: &[u8], dp: i32, prec: usize) -> String {
    let mut s = String::new();
    if dp > 0 {
        for i in 0..dp as usize {
            s.push(char::from(*digits.get(i).unwrap_or(&b'0')));
        }
    } else {
        s.push('0');
    }
    if prec > 0 {
        s.push('.');
        for i in 1..=prec as i32 {
            let j = dp + i - 1;
            let c = if j < 0 {
                b'0'
            } else {
                *digits.get(j as usize).unwrap_or(&b'0')
            };
            s.push(char::from(c));
        }
    }
    s
}

/// Go's `strconv.FormatFloat(v, verb, prec, 64)` for the verbs `e E f F g G` (`None` = the
/// shortest representation).
pub(crate) fn format_float(v: f64, verb: char, prec: Option<usize>) -> String {
    if v.is_nan() {
        return "NaN".into();
    }
    if v.is_infinite() {
        return if v > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let neg = v.is_sign_negative();
    let a = v.abs();
    let body = match verb {
        'e' | 'E' => {
            let (d, dp) = decimal_digits(a, prec.map(|p| p + 1));
            let p = prec.unwrap_or(d.len().saturating_sub(1));
            fmt_e(&d, dp, p, verb)
        }
        'f' | 'F' => match prec {
            Some(p) => format!("{a:.p$}"),
            None => {
                let (d, dp) = decimal_digits(a, None);
                fmt_f(&d, dp, (d.len() as i32 - dp).max(0) as usize)
            }
        },
        _ => {
            let e = if verb == 'G' { 'E' } else { 'e' };
            let shortest = prec.is_none();
            let want = prec.map(|p| p.max(1));
            let (d, dp) = decimal_digits(a, want);
            let nd = d.len() as i32;
            let mut eprec = want.map_or(nd, |p| p as i32);
            let mut p = eprec;
            if eprec > nd && nd >= dp {
                eprec = nd;
            }
            if shortest {
                eprec = 6;
            }
            let exp = dp - 1;
            if exp < -4 || exp >= eprec {
                if p > nd {
                    p = nd;
                }
                fmt_e(&d, dp, (p - 1).max(0) as usize, e)
            } else {
                if p > dp {
                    p = nd;
                }
                fmt_f(&d, dp, (p - dp).max(0) as usize)
            }
        }
    };
    if neg {
        format!("-{body}")
    } else {
        body
    }
}

/// How `encoding/json` writes a float64.
pub(crate) fn json_float(v: f64) -> String {
    let a = v.abs();
    if a != 0.0 && !(1e-6..1e21).contains(&a) {
        let s = format_float(v, 'e', None);
        // Clean up e-09 to e-9.
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            return format!("{}{}", &s[..n - 2], &s[n - 1..]);
        }
        return s;
    }
    format_float(v, 'f', None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn i(v: i64) -> Val<'static> {
        Val::new(K::Int(v))
    }
    fn f(v: f64) -> Val<'static> {
        Val::new(K::Float(v))
    }
    fn s(v: &'static str) -> Val<'static> {
        Val::new(K::Str(Cow::Borrowed(v)))
    }
    fn b(v: bool) -> Val<'static> {
        Val::new(K::Bool(v))
    }

    #[test]
    fn floats() {
        let check = |v: f64, verb: char, prec: Option<usize>, want: &str| {
            assert_eq!(format_float(v, verb, prec), want, "{v} {verb} {prec:?}")
        };
        check(13239.0, 'g', None, "13239");
        check(1e6, 'g', None, "1e+06");
        check(123456.0, 'g', None, "123456");
        check(1234567.0, 'g', None, "1.234567e+06");
        check(268435456.0, 'g', None, "2.68435456e+08");
        check(0.5, 'g', None, "0.5");
        check(0.0001, 'g', None, "0.0001");
        check(0.00001, 'g', None, "1e-05");
        check(0.0, 'g', None, "0");
        check(-2.5, 'g', None, "-2.5");
        check(1.23456, 'f', Some(2), "1.23");
        check(3.0, 'f', None, "3");
        check(1.5, 'e', Some(6), "1.500000e+00");
        check(0.0, 'e', Some(2), "0.00e+00");
        check(123456789.0, 'g', Some(3), "1.23e+08");
        check(100.0, 'g', Some(3), "100");
        check(1e20, 'f', None, "100000000000000000000");
        check(f64::INFINITY, 'g', None, "+Inf");
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(1e-7), "1e-7");
        assert_eq!(json_float(0.5), "0.5");
        assert_eq!(json_float(13239.0), "13239");
        assert_eq!(json_float(1e20), "100000000000000000000");
    }

    #[test]
    fn printf() {
        let check = |format: &str, args: Vec<Val<'static>>, want: &str| {
            assert_eq!(sprintf(format, &args), want, "{format}")
        };
        check("%s", vec![s("a")], "a");
        check("%d", vec![i(42)], "42");
        check(
            "%5d|%-5d|%05d",
            vec![i(42), i(42), i(-42)],
            "   42|42   |-0042",
        );
        check("%-10s|", vec![s("web")], "web       |");
        check("%10s|", vec![s("web")], "       web|");
        check("%.2s", vec![s("hello")], "he");
        check("%q", vec![s("a\"b")], r#""a\"b""#);
        check("%v %v %v", vec![b(true), i(3), f(1.5)], "true 3 1.5");
        check("%t", vec![b(false)], "false");
        check(
            "%x %X %o %b",
            vec![i(255), i(255), i(8), i(5)],
            "ff FF 10 101",
        );
        check("%#x %#o", vec![i(255), i(8)], "0xff 010");
        check("%x", vec![s("hi")], "6869");
        check("% x", vec![s("hi")], "68 69");
        check("%+d % d", vec![i(5), i(5)], "+5  5");
        check("%c%c", vec![i(72), i(105)], "Hi");
        check("%U %#U", vec![i(0x41), i(0x41)], "U+0041 U+0041 'A'");
        check(
            "%.3f %e %g",
            vec![f(2.0), f(1234.5678), f(1e21)],
            "2.000 1.234568e+03 1e+21",
        );
        check("%8.3f|", vec![f(1.23456)], "   1.235|");
        check("%08.3f|", vec![f(-1.23456)], "-001.235|");
        check("%d", vec![s("x")], "%!d(string=x)");
        check("%s", vec![i(5)], "%!s(int=5)");
        check("%s", vec![Val::nil()], "%!s(<nil>)");
        check("%v", vec![Val::nil()], "<nil>");
        check("%d", vec![], "%!d(MISSING)");
        check("%d %d", vec![i(1)], "1 %!d(MISSING)");
        check("x", vec![i(1), s("a")], "x%!(EXTRA int=1, string=a)");
        check("100%%", vec![], "100%");
        check("%", vec![], "%!(NOVERB)");
        check("%z", vec![i(1)], "%!z(int=1)");
        check("%*d", vec![i(5), i(42)], "   42");
        check("%-*d|", vec![i(5), i(42)], "42   |");
        check("%.*f", vec![i(1), f(2.25)], "2.2");
        check("%[2]d %[1]d", vec![i(1), i(2)], "2 1");
        check("%[3]d", vec![i(1)], "%!d(BADINDEX)");
        check("%T %T %T", vec![s("a"), i(1), f(1.0)], "string int float64");
        check("%5t|", vec![b(true)], " true|");
        check(
            "%s",
            vec![Val::new(K::Strs(vec!["a".into(), "b".into()]))],
            "[a b]",
        );
        check(
            "%q",
            vec![Val::new(K::Strs(vec!["a".into(), "b".into()]))],
            r#"["a" "b"]"#,
        );
        check(
            "%d",
            vec![Val::new(K::Strs(vec!["a".into()]))],
            "[%!d(string=a)]",
        );
        check("%#q", vec![s("a\"b")], "`a\"b`");
        check("%+q", vec![s("é")], r#""\u00e9""#);
        check("%#v", vec![s("a")], r#""a""#);
        check("%05s", vec![s("ab")], "000ab");
        check("%.0d|", vec![i(0)], "|");
        check("%x", vec![i(-255)], "-ff");
        check("%999999999d", vec![i(1)], "%!(NOVERB)%!(EXTRA int=1)");
    }

    #[test]
    fn print_and_println() {
        assert_eq!(sprint(&[s("a"), s("b")]), "ab");
        assert_eq!(sprint(&[i(1), i(2)]), "1 2");
        assert_eq!(sprint(&[s("a"), i(1), s("b")]), "a1b");
        assert_eq!(sprint(&[i(1), Val::nil()]), "1 <nil>");
        assert_eq!(sprintln(&[s("a"), s("b")]), "a b\n");
        assert_eq!(sprintln(&[]), "\n");
        assert_eq!(print_value(&Val::invalid()), "<no value>");
        assert_eq!(print_value(&Val::new(K::Nil)), "<nil>");
    }
}
