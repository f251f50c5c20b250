//! glibc's `printf` formatting and `scanf` parsing, over the machine's memory.
//!
//! Arguments come either from the call's registers or from a `va_list` in memory; either
//! way each is a 64-bit slot holding a canonical value (doubles as their bits).

use super::mem::{Fault, Memory};

/// Where the variadic arguments are.
pub enum Args<'a> {
    /// The call's own argument slots, from an index.
    Slots(&'a [u64], usize),
    /// A `va_list`: consecutive 8-byte slots in memory.
    Mem(u64),
}

impl Args<'_> {
    fn next(&mut self, mem: &Memory) -> Result<u64, Fault> {
        match self {
            Args::Slots(s, i) => {
                let v = s.get(*i).copied().unwrap_or(0);
                *i += 1;
                Ok(v)
            }
            Args::Mem(p) => {
                let v = u64::from_le_bytes(mem.read::<8>(*p)?);
                *p = p.wrapping_add(8);
                Ok(v)
            }
        }
    }
}

#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

fn pad(out: &mut Vec<u8>, body: &[u8], sp: &Spec, numeric: bool) {
    let len = body.len();
    if len >= sp.width {
        out.extend_from_slice(body);
        return;
    }
    let n = sp.width - len;
    if sp.left {
        out.extend_from_slice(body);
        out.resize(out.len() + n, b' ');
    } else if sp.zero && numeric {
        // Zeros go after the sign or 0x prefix.
        let sign_len = if body.starts_with(b"0x") || body.starts_with(b"0X") {
            2
        } else if matches!(body.first(), Some(b'-' | b'+' | b' ')) {
            1
        } else {
            0
        };
        out.extend_from_slice(&body[..sign_len]);
        out.resize(out.len() + n, b'0');
        out.extend_from_slice(&body[sign_len..]);
    } else {
        out.resize(out.len() + n, b' ');
        out.extend_from_slice(body);
    }
}

/// Formats like glibc's `%e` with `prec` digits.
fn fmt_e(v: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, v);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = exp.parse().unwrap_or(0);
    let sign = if e < 0 { '-' } else { '+' };
    let r = format!("{mant}e{sign}{:02}", e.abs());
    if upper {
        r.to_uppercase()
    } else {
        r
    }
}

fn fmt_g(v: f64, prec: Option<usize>, alt: bool, upper: bool) -> String {
    let p = match prec {
        Some(0) => 1,
        Some(p) => p,
        None => 6,
    };
    if v == 0.0 {
        let mut s = if alt {
            format!("{:.*}", p - 1, 0.0)
        } else {
            "0".to_owned()
        };
        if v.is_sign_negative() {
            s.insert(0, '-');
        }
        return s;
    }
    let e_form = fmt_e(v, p - 1, false);
    let exp: i32 = e_form
        .rsplit_once('e')
        .and_then(|(_, e)| e.parse().ok())
        .unwrap_or(0);
    let mut s = if (exp as i64) < p as i64 && exp >= -4 {
        format!("{:.*}", (p as i64 - 1 - exp as i64).max(0) as usize, v)
    } else {
        e_form
    };
    if !alt {
        let (mant, rest) = match s.find('e') {
            Some(i) => (s[..i].to_owned(), s[i..].to_owned()),
            None => (s.clone(), String::new()),
        };
        let mant = if mant.contains('.') {
            mant.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            mant
        };
        s = mant + &rest;
    }
    if upper {
        s.to_uppercase()
    } else {
        s
    }
}

/// Formats `fmt` with arguments, as `printf` would.
pub fn format(mem: &Memory, fmt: &[u8], args: &mut Args) -> Result<Vec<u8>, Fault> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < fmt.len() {
        let c = fmt[i];
        i += 1;
        if c != b'%' {
            out.push(c);
            continue;
        }
        let mut sp = Spec::default();
        while i < fmt.len() {
            match fmt[i] {
                b'-' => sp.left = true,
                b'+' => sp.plus = true,
                b' ' => sp.space = true,
                b'#' => sp.alt = true,
                b'0' => sp.zero = true,
                b'\'' => {}
                _ => break,
            }
            i += 1;
        }
        if i < fmt.len() && fmt[i] == b'*' {
            i += 1;
            let w = args.next(mem)? as i32;
            if w < 0 {
                sp.left = true;
            }
            sp.width = w.unsigned_abs() as usize;
        } else {
            while i < fmt.len() && fmt[i].is_ascii_digit() {
                sp.width = sp
                    .width
                    .saturating_mul(10)
                    .saturating_add((fmt[i] - b'0') as usize)
                    .min(1 << 20);
                i += 1;
            }
        }
        if i < fmt.len() && fmt[i] == b'.' {
            i += 1;
            if i < fmt.len() && fmt[i] == b'*' {
                i += 1;
                let p = args.next(mem)? as i32;
                sp.prec = if p < 0 { None } else { Some(p as usize) };
            } else {
                let mut p = 0usize;
                while i < fmt.len() && fmt[i].is_ascii_digit() {
                    p = p
                        .saturating_mul(10)
                        .saturating_add((fmt[i] - b'0') as usize)
                        .min(1 << 20);
                    i += 1;
                }
                sp.prec = Some(p);
            }
        }
        let mut len = 0; // 0: int, 1: long, -1: short, -2: char
        while i < fmt.len() && b"hlLqjzt".contains(&fmt[i]) {
            len = match fmt[i] {
                b'h' => {
                    if len == -1 {
                        -2
                    } else {
                        -1
                    }
                }
                _ => 1,
            };
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.push(b'%');
            break;
        };
        i += 1;
        match conv {
            b'%' => out.push(b'%'),
            b'd' | b'i' => {
                let raw = args.next(mem)?;
                let v: i64 = match len {
                    1 => raw as i64,
                    -1 => raw as i16 as i64,
                    -2 => raw as i8 as i64,
                    _ => raw as i32 as i64,
                };
                let mut digits = v.unsigned_abs().to_string();
                if let Some(p) = sp.prec {
                    if p == 0 && v == 0 {
                        digits.clear();
                    }
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                let sign = if v < 0 {
                    "-"
                } else if sp.plus {
                    "+"
                } else if sp.space {
                    " "
                } else {
                    ""
                };
                let body = format!("{sign}{digits}");
                let zero = sp.zero && sp.prec.is_none();
                pad(&mut out, body.as_bytes(), &Spec { zero, ..sp }, true);
            }
            b'u' | b'x' | b'X' | b'o' => {
                let raw = args.next(mem)?;
                let v: u64 = match len {
                    1 => raw,
                    -1 => raw as u16 as u64,
                    -2 => raw as u8 as u64,
                    _ => raw as u32 as u64,
                };
                let mut digits = match conv {
                    b'u' => v.to_string(),
                    b'x' => format!("{v:x}"),
                    b'X' => format!("{v:X}"),
                    _ => format!("{v:o}"),
                };
                if let Some(p) = sp.prec {
                    if p == 0 && v == 0 {
                        digits.clear();
                    }
                    while digits.len() < p {
                        digits.insert(0, '0');
                    }
                }
                if sp.alt && v != 0 {
                    match conv {
                        b'x' => digits.insert_str(0, "0x"),
                        b'X' => digits.insert_str(0, "0X"),
                        b'o' if !digits.starts_with('0') => digits.insert(0, '0'),
                        _ => {}
                    }
                }
                let zero = sp.zero && sp.prec.is_none();
                pad(&mut out, digits.as_bytes(), &Spec { zero, ..sp }, true);
            }
            b'c' => {
                let v = args.next(mem)? as u8;
                pad(&mut out, &[v], &sp, false);
            }
            b's' => {
                let p = args.next(mem)?;
                let s = if p == 0 {
                    if sp.prec.is_some_and(|n| n < 6) {
                        Vec::new()
                    } else {
                        b"(null)".to_vec()
                    }
                } else {
                    mem.cstr(p, sp.prec.unwrap_or(usize::MAX))?
                };
                pad(&mut out, &s, &sp, false);
            }
            b'p' => {
                let p = args.next(mem)?;
                let body = if p == 0 {
                    "(nil)".to_owned()
                } else {
                    format!("0x{p:x}")
                };
                pad(&mut out, body.as_bytes(), &sp, false);
            }
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A' => {
                let v = f64::from_bits(args.next(mem)?);
                let upper = conv.is_ascii_uppercase();
                let mut body = if v.is_nan() {
                    let s = if v.is_sign_negative() { "-nan" } else { "nan" };
                    if upper {
                        s.to_uppercase()
                    } else {
                        s.to_owned()
                    }
                } else if v.is_infinite() {
                    let s = if v < 0.0 { "-inf" } else { "inf" };
                    if upper {
                        s.to_uppercase()
                    } else {
                        s.to_owned()
                    }
                } else {
                    match conv {
                        b'f' | b'F' => {
                            let mut s = format!("{:.*}", sp.prec.unwrap_or(6), v);
                            if sp.alt && !s.contains('.') {
                                s.push('.');
                            }
                            s
                        }
                        b'e' | b'E' => fmt_e(v, sp.prec.unwrap_or(6), upper),
                        b'g' | b'G' => fmt_g(v, sp.prec, sp.alt, upper),
                        _ => fmt_e(v, sp.prec.unwrap_or(13), upper),
                    }
                };
                if !body.starts_with('-') {
                    if sp.plus {
                        body.insert(0, '+');
                    } else if sp.space {
                        body.insert(0, ' ');
                    }
                }
                let zero = sp.zero && v.is_finite();
                pad(&mut out, body.as_bytes(), &Spec { zero, ..sp }, true);
            }
            b'n' => {
                let _ = args.next(mem)?;
            }
            other => {
                out.push(b'%');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// One value `scanf` stores: where, how many bytes, what.
#[derive(Debug, PartialEq)]
pub enum Store {
    /// An integer of `size` bytes.
    Int(u64, usize, u64),
    /// A float (`size` 4) or double (8).
    Float(u64, usize, f64),
    /// Bytes (a string: `%s` adds the NUL itself).
    Bytes(u64, Vec<u8>),
}

/// What parsing the input against a format found.
#[derive(Debug, PartialEq)]
pub enum Scanned {
    /// Done: the stores to make, how many conversions succeeded (-1: input failure before
    /// the first), and how many input bytes were consumed.
    Done(Vec<Store>, i32, usize),
    /// The input ran out before the format could be decided: read more and retry.
    NeedMore,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Parses `input` (with `eof` telling whether more may come) against a scanf format.
pub fn scan(
    mem: &Memory,
    fmt: &[u8],
    input: &[u8],
    eof: bool,
    args: &mut Args,
) -> Result<Scanned, Fault> {
    let mut stores = Vec::new();
    let mut count = 0i32;
    let mut pos = 0usize;
    let mut i = 0usize;
    macro_rules! need {
        () => {
            if !eof {
                return Ok(Scanned::NeedMore);
            }
        };
    }
    macro_rules! finish {
        () => {{
            let c = if count == 0 && pos >= input.len() && eof {
                -1
            } else {
                count
            };
            return Ok(Scanned::Done(stores, c, pos));
        }};
    }
    while i < fmt.len() {
        let c = fmt[i];
        if is_space(c) {
            i += 1;
            while pos < input.len() && is_space(input[pos]) {
                pos += 1;
            }
            if pos >= input.len() && i < fmt.len() {
                need!();
            }
            continue;
        }
        if c != b'%' || fmt.get(i + 1) == Some(&b'%') {
            if c == b'%' {
                i += 1;
            }
            i += 1;
            if pos >= input.len() {
                need!();
                finish!();
            }
            if input[pos] != c {
                finish!();
            }
            pos += 1;
            continue;
        }
        i += 1;
        let mut suppress = false;
        if fmt.get(i) == Some(&b'*') {
            suppress = true;
            i += 1;
        }
        let mut width = 0usize;
        while i < fmt.len() && fmt[i].is_ascii_digit() {
            width = width * 10 + (fmt[i] - b'0') as usize;
            i += 1;
        }
        let mut len = 0;
        while i < fmt.len() && b"hlLqjzt".contains(&fmt[i]) {
            len = if fmt[i] == b'h' {
                if len == -1 {
                    -2
                } else {
                    -1
                }
            } else {
                len.max(0) + 1
            };
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else { break };
        i += 1;
        if conv == b'n' {
            if !suppress {
                let p = args.next(mem)?;
                stores.push(Store::Int(p, 4, pos as u64));
            }
            continue;
        }
        if !matches!(conv, b'c' | b'[') {
            while pos < input.len() && is_space(input[pos]) {
                pos += 1;
            }
        }
        if pos >= input.len() {
            need!();
            finish!();
        }
        let maxw = if width == 0 { usize::MAX } else { width };
        match conv {
            b'd' | b'i' | b'u' | b'x' | b'X' | b'o' => {
                let start = pos;
                let mut j = pos;
                if j < input.len() && (input[j] == b'-' || input[j] == b'+') && j - start < maxw {
                    j += 1;
                }
                let mut base = match conv {
                    b'x' | b'X' => 16,
                    b'o' => 8,
                    b'i' => 0,
                    _ => 10,
                };
                if (base == 16 || base == 0)
                    && j + 1 < input.len()
                    && input[j] == b'0'
                    && (input[j + 1] | 0x20) == b'x'
                {
                    j += 2;
                    base = 16;
                } else if base == 0 {
                    base = if j < input.len() && input[j] == b'0' {
                        8
                    } else {
                        10
                    };
                }
                let ds = j;
                while j < input.len() && j - start < maxw && (input[j] as char).is_digit(base) {
                    j += 1;
                }
                if j >= input.len() && !eof && j - start < maxw {
                    return Ok(Scanned::NeedMore);
                }
                if j == ds {
                    finish!();
                }
                let text = std::str::from_utf8(&input[ds..j]).unwrap_or("0");
                let mag = u64::from_str_radix(text, base).unwrap_or(u64::MAX);
                let neg = input[start] == b'-';
                let v = if neg { mag.wrapping_neg() } else { mag };
                pos = j;
                if !suppress {
                    let p = args.next(mem)?;
                    let size = match len {
                        1.. => 8,
                        -1 => 2,
                        -2 => 1,
                        _ => 4,
                    };
                    stores.push(Store::Int(p, size, v));
                    count += 1;
                }
            }
            b'f' | b'e' | b'g' | b'E' | b'G' | b'a' => {
                let start = pos;
                let mut j = pos;
                let ok =
                    |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+');
                while j < input.len() && j - start < maxw && ok(input[j]) {
                    if (input[j] == b'-' || input[j] == b'+')
                        && j > start
                        && !matches!(input[j - 1], b'e' | b'E')
                    {
                        break;
                    }
                    j += 1;
                }
                if j >= input.len() && !eof && j - start < maxw {
                    return Ok(Scanned::NeedMore);
                }
                let text = std::str::from_utf8(&input[start..j]).unwrap_or("");
                // Take the longest prefix that parses.
                let mut end = text.len();
                let mut val = None;
                while end > 0 {
                    if let Ok(v) = text[..end].parse::<f64>() {
                        val = Some(v);
                        break;
                    }
                    end -= 1;
                }
                let Some(v) = val else { finish!() };
                pos = start + end;
                if !suppress {
                    let p = args.next(mem)?;
                    stores.push(Store::Float(p, if len >= 1 { 8 } else { 4 }, v));
                    count += 1;
                }
            }
            b's' => {
                let start = pos;
                let mut j = pos;
                while j < input.len() && j - start < maxw && !is_space(input[j]) {
                    j += 1;
                }
                if j >= input.len() && !eof && j - start < maxw {
                    return Ok(Scanned::NeedMore);
                }
                pos = j;
                if !suppress {
                    let p = args.next(mem)?;
                    let mut b = input[start..j].to_vec();
                    b.push(0);
                    stores.push(Store::Bytes(p, b));
                    count += 1;
                }
            }
            b'c' => {
                let w = if width == 0 { 1 } else { width };
                if input.len() - pos < w {
                    need!();
                    finish!();
                }
                let b = input[pos..pos + w].to_vec();
                pos += w;
                if !suppress {
                    let p = args.next(mem)?;
                    stores.push(Store::Bytes(p, b));
                    count += 1;
                }
            }
            b'[' => {
                let mut negate = false;
                if fmt.get(i) == Some(&b'^') {
                    negate = true;
                    i += 1;
                }
                let set_start = i;
                if fmt.get(i) == Some(&b']') {
                    i += 1;
                }
                while i < fmt.len() && fmt[i] != b']' {
                    i += 1;
                }
                let set = &fmt[set_start..i.min(fmt.len())];
                i += 1;
                let in_set = |b: u8| {
                    let mut k = 0;
                    let mut found = false;
                    while k < set.len() {
                        if k + 2 < set.len() && set[k + 1] == b'-' {
                            if (set[k]..=set[k + 2]).contains(&b) {
                                found = true;
                            }
                            k += 3;
                        } else {
                            if set[k] == b {
                                found = true;
                            }
                            k += 1;
                        }
                    }
                    found != negate
                };
                let start = pos;
                let mut j = pos;
                while j < input.len() && j - start < maxw && in_set(input[j]) {
                    j += 1;
                }
                if j >= input.len() && !eof && j - start < maxw {
                    return Ok(Scanned::NeedMore);
                }
                if j == start {
                    finish!();
                }
                pos = j;
                if !suppress {
                    let p = args.next(mem)?;
                    let mut b = input[start..j].to_vec();
                    b.push(0);
                    stores.push(Store::Bytes(p, b));
                    count += 1;
                }
            }
            _ => finish!(),
        }
    }
    Ok(Scanned::Done(stores, count, pos))
}

#[cfg(test)]
#[allow(clippy::approx_constant)] // reason: these are printf inputs, not approximations of pi
mod tests {
    use super::*;

    fn check(fmt: &str, args: &[u64], expected: &str) {
        let mem = Memory::new(b"hello\0".to_vec(), Vec::new());
        let out = format(&mem, fmt.as_bytes(), &mut Args::Slots(args, 0)).unwrap();
        assert_eq!(String::from_utf8_lossy(&out), expected, "format {fmt:?}");
    }

    fn f(v: f64) -> u64 {
        v.to_bits()
    }

    #[test]
    fn integers() {
        check(
            "%d|%5d|%-5d|%05d",
            &[42, (-7i64) as u64, 3, 9],
            "42|   -7|3    |00009",
        );
        check(
            "%u %x %X %o %#x %#o",
            &[(-1i64) as u64, 255, 255, 8, 255, 8],
            "4294967295 ff FF 10 0xff 010",
        );
        check(
            "%ld %lu %lld",
            &[(-5i64) as u64, u64::MAX, 1 << 40],
            "-5 18446744073709551615 1099511627776",
        );
        check("%+d % d %.3d %hhd", &[5, 5, 7, 300], "+5  5 007 44");
        check("%c%c %%", &[b'o' as u64, b'k' as u64], "ok %");
        check("%*d|%-*d|", &[4, 1, 3, 2], "   1|2  |");
    }

    #[test]
    fn strings_and_pointers() {
        let s = super::super::mem::ptr(super::super::mem::SEG_RODATA, 0);
        check(
            "[%s] [%10s] [%-7s] [%.3s]",
            &[s, s, s, s],
            "[hello] [     hello] [hello  ] [hel]",
        );
        check("%s %p", &[0, 0], "(null) (nil)");
    }

    #[test]
    fn floats() {
        check(
            "%f %.2f %8.3f %-8.1f|",
            &[f(3.14159), f(2.005), f(-1.5), f(2.25)],
            "3.141590 2.00   -1.500 2.2     |",
        );
        check(
            "%e %.2E",
            &[f(12345.678), f(0.000123)],
            "1.234568e+04 1.23E-04",
        );
        check(
            "%g %g %g %g %g",
            &[f(100000.0), f(1000000.0), f(0.0001), f(0.5), f(3.0)],
            "100000 1e+06 0.0001 0.5 3",
        );
        check(
            "%.3g %g %f",
            &[f(3.14159), f(f64::INFINITY), f(-0.0)],
            "3.14 inf -0.000000",
        );
        check("%05.1f %+.1f", &[f(3.14), f(2.0)], "003.1 +2.0");
    }

    fn scan_check(fmt: &str, input: &str, eof: bool, expected: &str) {
        let mem = Memory::new(Vec::new(), Vec::new());
        let slots = [100u64, 200, 300];
        let r = scan(
            &mem,
            fmt.as_bytes(),
            input.as_bytes(),
            eof,
            &mut Args::Slots(&slots, 0),
        )
        .unwrap();
        assert_eq!(format!("{r:?}"), expected, "scan {fmt:?} {input:?}");
    }

    #[test]
    fn scanning() {
        scan_check("%d", "  42\n", false, "Done([Int(100, 4, 42)], 1, 4)");
        scan_check("%d", "42", false, "NeedMore");
        scan_check(
            "%d %s",
            "-3 abc\n",
            false,
            "Done([Int(100, 4, 18446744073709551613), Bytes(200, [97, 98, 99, 0])], 2, 6)",
        );
        scan_check("%d", "x", false, "Done([], 0, 0)");
        scan_check("%d", "", true, "Done([], -1, 0)");
        scan_check("%lf", "2.5\n", false, "Done([Float(100, 8, 2.5)], 1, 3)");
        scan_check(
            "%[^\n]",
            "a b\n",
            false,
            "Done([Bytes(100, [97, 32, 98, 0])], 1, 3)",
        );
        scan_check(" %c", " \nq", false, "Done([Bytes(100, [113])], 1, 3)");
    }
}
