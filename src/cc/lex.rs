//! The lexer: C source text into preprocessing tokens (identifiers, pp-numbers, character
//! and string literals, punctuators), each with its place and the whitespace before it.

use std::rc::Rc;

use super::diag::Loc;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// An identifier or keyword.
    Ident,
    /// A preprocessing number (`12`, `0x1f`, `1.5e3`, `10UL`).
    Num,
    /// A character constant, quotes included.
    Char,
    /// A string literal, quotes included.
    Str,
    /// A punctuator.
    Punct,
    /// A stray character gcc would reject.
    Other,
    /// End of the token stream.
    Eof,
}

/// Macro names a token may no longer expand (the "hide set").
pub type HideSet = Option<Rc<Vec<Rc<str>>>>;

/// One preprocessing token.
#[derive(Clone, Debug)]
pub struct Token {
    /// Its kind.
    pub kind: Kind,
    /// Its spelling.
    pub text: Rc<str>,
    /// Where it starts.
    pub loc: Loc,
    /// Whitespace precedes it.
    pub space: bool,
    /// It is the first token of a line.
    pub bol: bool,
    /// Macros that produced it, which it must not expand again.
    pub hide: HideSet,
}

impl Token {
    /// Whether the token is the punctuator or identifier `s`.
    pub fn is(&self, s: &str) -> bool {
        matches!(self.kind, Kind::Punct | Kind::Ident) && &*self.text == s
    }

    /// A token made by the compiler itself.
    pub fn synth(kind: Kind, text: &str, loc: Loc) -> Token {
        Token {
            kind,
            text: text.into(),
            loc,
            space: false,
            bol: false,
            hide: None,
        }
    }

    /// The length of its spelling, for underlines.
    pub fn len(&self) -> u32 {
        self.text.len() as u32
    }

    /// Whether its spelling is empty (only the end-of-file marker).
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// A lexical error (the parser reports it as gcc would).
#[derive(Clone, Debug)]
pub struct LexError {
    /// Where.
    pub loc: Loc,
    /// gcc's message.
    pub message: String,
}

const PUNCTS: [&str; 48] = [
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "*=",
    "/=", "%=", "+=", "-=", "&=", "^=", "|=", "##", "[", "]", "(", ")", "{", "}", ".", "&", "*",
    "+", "-", "~", "!", "/", "%", "<", ">", "^", "|", "?", ":", ";", "=", ",", "#",
];

/// Splits `text` (file number `file`) into tokens. Errors are collected, never fatal.
pub fn lex(text: &str, file: u32) -> (Vec<Token>, Vec<LexError>) {
    // Line splices are removed first, remembering where each byte came from.
    let raw = text.as_bytes();
    let mut b: Vec<u8> = Vec::with_capacity(raw.len());
    let mut pos: Vec<(u32, u32)> = Vec::with_capacity(raw.len());
    let (mut line, mut col) = (1u32, 1u32);
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'\\' {
            let mut j = i + 1;
            if j < raw.len() && raw[j] == b'\r' {
                j += 1;
            }
            if j < raw.len() && raw[j] == b'\n' {
                i = j + 1;
                line += 1;
                col = 1;
                continue;
            }
        }
        if raw[i] == b'\r' && raw.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        b.push(raw[i]);
        pos.push((line, col));
        if raw[i] == b'\n' {
            line += 1;
            col = 1;
        } else {
            col += 1;
        }
        i += 1;
    }
    let at = |k: usize| -> Loc {
        let (line, col) = pos.get(k).copied().unwrap_or((line, col));
        Loc { file, line, col }
    };
    let mut toks = Vec::new();
    let mut errs = Vec::new();
    let mut i = 0;
    let mut space = false;
    let mut bol = true;
    let n = b.len();
    while i < n {
        let c = b[i];
        if c == b'\n' {
            bol = true;
            space = false;
            i += 1;
            continue;
        }
        if c == b' ' || c == b'\t' || c == 0x0c || c == 0x0b || c == b'\r' {
            space = true;
            i += 1;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'/') {
            while i < n && b[i] != b'\n' {
                i += 1;
            }
            space = true;
            continue;
        }
        if c == b'/' && b.get(i + 1) == Some(&b'*') {
            let start = i;
            i += 2;
            loop {
                if i + 1 >= n {
                    errs.push(LexError {
                        loc: at(start),
                        message: "unterminated comment".into(),
                    });
                    i = n;
                    break;
                }
                if b[i] == b'*' && b[i + 1] == b'/' {
                    i += 2;
                    break;
                }
                i += 1;
            }
            space = true;
            continue;
        }
        let start = i;
        let kind;
        if c.is_ascii_alphabetic() || c == b'_' || c == b'$' || c >= 0x80 {
            // A wide or prefixed literal: L"..", u8"..".
            let mut j = i;
            while j < n
                && (b[j].is_ascii_alphanumeric() || b[j] == b'_' || b[j] == b'$' || b[j] >= 0x80)
            {
                j += 1;
            }
            let word = &b[i..j];
            if j < n
                && (b[j] == b'"' || b[j] == b'\'')
                && matches!(word, b"L" | b"u" | b"U" | b"u8")
            {
                let q = b[j];
                let (end, ok) = scan_quoted(&b, j, q);
                if !ok {
                    errs.push(LexError {
                        loc: at(start),
                        message: format!("missing terminating {} character", q as char),
                    });
                }
                i = end;
                kind = if q == b'"' { Kind::Str } else { Kind::Char };
            } else {
                i = j;
                kind = Kind::Ident;
            }
        } else if c.is_ascii_digit()
            || (c == b'.' && b.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            i += 1;
            while i < n {
                let d = b[i];
                let sign_in_exponent =
                    (d == b'+' || d == b'-') && matches!(b[i - 1], b'e' | b'E' | b'p' | b'P');
                if sign_in_exponent || d.is_ascii_alphanumeric() || d == b'.' || d == b'_' {
                    i += 1;
                } else {
                    break;
                }
            }
            kind = Kind::Num;
        } else if c == b'"' || c == b'\'' {
            let (end, ok) = scan_quoted(&b, i, c);
            if !ok {
                errs.push(LexError {
                    loc: at(start),
                    message: format!("missing terminating {} character", c as char),
                });
            }
            i = end;
            kind = if c == b'"' { Kind::Str } else { Kind::Char };
        } else if let Some(p) = PUNCTS.iter().find(|p| b[i..].starts_with(p.as_bytes())) {
            i += p.len();
            kind = Kind::Punct;
        } else {
            i += 1;
            kind = Kind::Other;
        }
        let text = String::from_utf8_lossy(&b[start..i]);
        toks.push(Token {
            kind,
            text: text.as_ref().into(),
            loc: at(start),
            space,
            bol,
            hide: None,
        });
        space = false;
        bol = false;
    }
    (toks, errs)
}

/// Scans a quoted literal starting at `i`; returns the end and whether it was closed.
fn scan_quoted(b: &[u8], i: usize, q: u8) -> (usize, bool) {
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' => j += 2,
            b'\n' => return (j, false),
            c if c == q => return (j + 1, true),
            _ => j += 1,
        }
    }
    (b.len(), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expected: &str) {
        let (t, _) = lex(src, 0);
        let got: Vec<String> = t.iter().map(|t| t.text.to_string()).collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn tokens() {
        check("int x=a>>=2;", "int x = a >>= 2 ;");
        check("a/*c*/b // d\nc", "a b c");
        check("x = 1.5e+3f + 0x1FUL;", "x = 1.5e+3f + 0x1FUL ;");
        check("\"a\\\"b\" 'c' L\"w\"", "\"a\\\"b\" 'c' L\"w\"");
        check("#define A \\\n 1", "# define A 1");
        check("p->q...", "p -> q ...");
    }

    #[test]
    fn places() {
        let (t, _) = lex("a\n  bb\tc", 3);
        assert_eq!(
            t[1].loc,
            Loc {
                file: 3,
                line: 2,
                col: 3
            }
        );
        assert_eq!(t[2].loc.col, 6);
        assert!(t[1].bol && t[1].space && !t[2].bol);
    }

    #[test]
    fn unterminated() {
        let (_, e) = lex("x = \"abc;\n", 0);
        assert_eq!(e[0].message, "missing terminating \" character");
    }
}
