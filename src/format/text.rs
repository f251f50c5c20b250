//! Small text helpers docker's formatters use: `stringid.TruncateID`, `formatter.Ellipsis`,
//! Go's `strconv.Quote`, and the display width of a character.

/// `stringid.TruncateID`: drops everything up to the first `:` (`sha256:`), then keeps 12
/// characters.
pub fn truncate_id(id: &str) -> &str {
    let id = match id.find(':') {
        Some(i) => &id[i + 1..],
        None => id,
    };
    &id[..floor_char_boundary(id, 12)]
}

/// `formatter.Ellipsis`: shortens `s` to `max_width` display columns, ending it with `…`;
/// East Asian wide characters count two columns. A width of 1 keeps the first character.
pub fn ellipsis(s: &str, max_width: usize) -> String {
    if max_width == 0 {
        return String::new();
    }
    let rs: Vec<char> = s.chars().collect();
    if max_width == 1 {
        return rs.first().map(|c| c.to_string()).unwrap_or_default();
    }
    if s.len() == rs.len() {
        if s.len() <= max_width {
            return s.to_owned();
        }
        let mut out: String = rs[..max_width - 1].iter().collect();
        out.push('…');
        return out;
    }
    let mut display = Vec::with_capacity(rs.len());
    let mut width = 0;
    for &r in &rs {
        width += if is_east_asian_wide(r) { 2 } else { 1 };
        display.push(width);
    }
    if width <= max_width {
        return s.to_owned();
    }
    for i in 0..display.len() {
        if display[i] < max_width && display.get(i + 1).is_some_and(|&next| next >= max_width) {
            let mut out: String = rs[..=i].iter().collect();
            out.push('…');
            return out;
        }
    }
    s.to_owned()
}

/// Go's `strconv.Quote`: a double-quoted Go string literal, non-printable characters escaped.
pub fn quote(s: &str) -> String {
    quote_with(s, '"', false)
}

/// Go's `strconv.QuoteToASCII`: like [`quote`], also escaping every non-ASCII character.
pub fn quote_to_ascii(s: &str) -> String {
    quote_with(s, '"', true)
}

/// Go's `strconv.QuoteRune`: a single-quoted Go character literal.
pub fn quote_rune(r: char, ascii_only: bool) -> String {
    let mut out = String::from('\'');
    escape_rune(&mut out, r, '\'', ascii_only);
    out.push('\'');
    out
}

fn quote_with(s: &str, q: char, ascii_only: bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push(q);
    for r in s.chars() {
        escape_rune(&mut out, r, q, ascii_only);
    }
    out.push(q);
    out
}

fn escape_rune(out: &mut String, r: char, q: char, ascii_only: bool) {
    use std::fmt::Write;
    if r == q || r == '\\' {
        out.push('\\');
        out.push(r);
        return;
    }
    if ascii_only {
        if r.is_ascii() && is_print(r) {
            out.push(r);
            return;
        }
    } else if is_print(r) {
        out.push(r);
        return;
    }
    match r {
        '\x07' => out.push_str("\\a"),
        '\x08' => out.push_str("\\b"),
        '\x0c' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\x0b' => out.push_str("\\v"),
        _ if r < ' ' || r == '\x7f' => {
            let _ = write!(out, "\\x{:02x}", r as u32);
        }
        _ if (r as u32) < 0x10000 => {
            let _ = write!(out, "\\u{:04x}", r as u32);
        }
        _ => {
            let _ = write!(out, "\\U{:08x}", r as u32);
        }
    }
}

/// Go's `strconv.CanBackquote`: whether `s` can be written as a raw (backquoted) literal.
pub fn can_backquote(s: &str) -> bool {
    s.chars()
        .all(|r| r == '\t' || !(r < ' ' || r == '\x7f' || r == '`' || r == '\u{FEFF}'))
}

/// Go's `unicode.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space;
/// not controls, format characters, private-use characters or other spaces.
pub fn is_print(r: char) -> bool {
    if r == ' ' {
        return true;
    }
    if r.is_control() || r.is_whitespace() {
        return false;
    }
    let c = r as u32;
    !matches!(c,
        0x00AD | 0x0600..=0x0605 | 0x061C | 0x06DD | 0x070F | 0x0890..=0x0891 | 0x08E2
        | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F
        | 0xFEFF | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F
        | 0xE000..=0xF8FF | 0xF0000..=0x10FFFF | 0xFDD0..=0xFDEF)
        && (c & 0xFFFE) != 0xFFFE
}

/// Whether `r` is East Asian Wide or Fullwidth (two terminal columns).
pub fn is_east_asian_wide(r: char) -> bool {
    if (r as u32) < 0x1100 {
        return false;
    }
    matches!(r as u32,
        0x1100..=0x115F | 0x231A..=0x231B | 0x2329..=0x232A | 0x23E9..=0x23EC | 0x23F0 | 0x23F3
        | 0x25FD..=0x25FE | 0x2614..=0x2615 | 0x2648..=0x2653 | 0x267F | 0x2693 | 0x26A1
        | 0x26AA..=0x26AB | 0x26BD..=0x26BE | 0x26C4..=0x26C5 | 0x26CE | 0x26D4 | 0x26EA
        | 0x26F2..=0x26F3 | 0x26F5 | 0x26FA | 0x26FD | 0x2705 | 0x270A..=0x270B | 0x2728
        | 0x274C | 0x274E | 0x2753..=0x2755 | 0x2757 | 0x2795..=0x2797 | 0x27B0 | 0x27BF
        | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55 | 0x2E80..=0x303E | 0x3041..=0x33FF
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xA000..=0xA4CF | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE10..=0xFE19 | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x16FE0..=0x16FE4 | 0x17000..=0x18AFF
        | 0x1B000..=0x1B2FF | 0x1F004 | 0x1F0CF | 0x1F18E | 0x1F191..=0x1F19A
        | 0x1F200..=0x1F251 | 0x1F300..=0x1F64F | 0x1F680..=0x1F6FF | 0x1F7E0..=0x1F7EB
        | 0x1F90C..=0x1F9FF | 0x1FA70..=0x1FAFF | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD)
}

/// Terminal columns of one character, as go-runewidth counts them for docker's table writer:
/// controls and combining marks take none, wide characters two, everything else one.
pub fn char_width(r: char) -> usize {
    let c = r as u32;
    if (0x20..0x7F).contains(&c) {
        return 1;
    }
    if c < 0x20 || (0x7F..=0x9F).contains(&c) || c == 0xAD {
        return 0;
    }
    if matches!(c,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200B..=0x200F
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
    {
        return 0;
    }
    if is_east_asian_wide(r) {
        2
    } else {
        1
    }
}

/// Terminal columns of a string (the sum of [`char_width`]).
pub fn display_width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// The largest char boundary of `s` at or below `n` bytes.
pub(crate) fn floor_char_boundary(s: &str, n: usize) -> usize {
    if n >= s.len() {
        return s.len();
    }
    let mut i = n;
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_ids() {
        let check = |input: &str, want: &str| assert_eq!(truncate_id(input), want, "{input}");
        check(
            "sha256:a0971c4015c1e898c60bf95781c6730a05b5d8a2ae6827f53837e6c9d38efdec",
            "a0971c4015c1",
        );
        check(
            "128ec8ceab71e2b1f0e8b9a0c8d1f5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d2",
            "128ec8ceab71",
        );
        check("abc", "abc");
        check("", "");
        check("sha256:", "");
        check("a:b:cdefghijklmnopq", "b:cdefghijkl");
        check("x:éééééééé", "éééééé");
    }

    #[test]
    fn ellipses() {
        let check =
            |input: &str, n: usize, want: &str| assert_eq!(ellipsis(input, n), want, "{input} {n}");
        check(
            "docker-entrypoint.sh redis-server",
            20,
            "docker-entrypoint.s…",
        );
        check(
            "/docker-entrypoint.sh nginx -g 'daemon off;'",
            20,
            "/docker-entrypoint.…",
        );
        check("/hello", 20, "/hello");
        check("12345678901234567890", 20, "12345678901234567890");
        check("123456789012345678901", 20, "1234567890123456789…");
        check(
            "Full-chain, Internet enabled, busybox made from scratch",
            45,
            "Full-chain, Internet enabled, busybox made f…",
        );
        check("abc", 0, "");
        check("abc", 1, "a");
        check("", 1, "");
        check("abc", 2, "a…");
        check("héllo wörld", 5, "héll…");
        check("héllo", 5, "héllo");
        check("你好世界", 5, "你好…");
        check("你好世界", 8, "你好世界");
        check("你好", 2, "你好");
        check("a你好", 3, "a…");
    }

    #[test]
    fn quotes() {
        let check = |input: &str, want: &str| assert_eq!(quote(input), want, "{input:?}");
        check("sh", r#""sh""#);
        check("/docker-entrypoint.…", r#""/docker-entrypoint.…""#);
        check(r#"a"b\c"#, r#""a\"b\\c""#);
        check("tab\there\nnl\r", r#""tab\there\nnl\r""#);
        check("\x07\x08\x0b\x0c\x00\x1b\x7f", r#""\a\b\v\f\x00\x1b\x7f""#);
        check(
            "\u{a0}\u{200b}\u{2028}\u{feff}",
            r#""\u00a0\u200b\u2028\ufeff""#,
        );
        check("\u{e000}\u{10ffff}", r#""\ue000\U0010ffff""#);
        check("日本語 é", r#""日本語 é""#);
        check("", r#""""#);
        assert_eq!(quote_to_ascii("é日"), r#""\u00e9\u65e5""#);
        assert_eq!(quote_rune('a', false), "'a'");
        assert_eq!(quote_rune('\'', false), r"'\''");
        assert_eq!(quote_rune('"', false), r#"'"'"#);
        assert_eq!(quote_rune('\n', false), r"'\n'");
    }

    #[test]
    fn widths() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("…"), 1);
        assert_eq!(display_width("你好"), 4);
        assert_eq!(display_width("e\u{301}"), 1);
        assert!(can_backquote("a\tb"));
        assert!(!can_backquote("a`b"));
        assert!(!can_backquote("a\nb"));
    }
}
