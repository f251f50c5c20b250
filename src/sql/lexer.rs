//! The SQL tokenizer, MySQL's way: case-insensitive words, `` `quoted` `` identifiers,
//! `'…'` and `"…"` strings with backslash escapes, `--`, `#` and `/* */` comments, and
//! `/*! … */` comments whose content is SQL.
//!
//! Every token keeps its byte range in the query, so a syntax error can quote the rest of the
//! query from the offending token, as MySQL's `near '…'` does.

/// What a token is.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// An unquoted word: a keyword or an identifier, as typed.
    Word(String),
    /// A `` `backtick` `` identifier, unescaped.
    Quoted(String),
    /// A string literal, unescaped (adjacent literals are joined by the parser).
    Str(String),
    /// An integer literal's digits.
    Int(String),
    /// A fixed-point literal (`1.50`, `.5`).
    Decimal(String),
    /// A floating-point literal (`1e3`).
    Float(String),
    /// A hexadecimal literal (`0x41`, `X'41'`), as its bytes.
    Hex(Vec<u8>),
    /// `@name`.
    UserVar(String),
    /// `@@name`, `@@global.name`, `@@session.name`: the name without scope.
    SysVar(String),
    /// An operator or punctuation (`<=`, `(`, `;`).
    Op(&'static str),
    /// Text the lexer cannot read (an unterminated string or comment): always a syntax error.
    Bad,
    /// The end of the query.
    Eof,
}

/// A token and where it is in the query.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
}

const OPS: &[&str] = &[
    "<=>", "<=", ">=", "<>", "!=", ":=", "||", "&&", "<<", ">>", "<", ">", "=", "!", "+", "-", "*",
    "/", "%", "(", ")", ",", ".", ";", "~", "^", "&", "|",
];

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$' || !c.is_ascii()
}

/// Splits `sql` into tokens, ending with [`Tok::Eof`].
pub fn tokenize(sql: &str) -> Vec<Token> {
    Lexer {
        src: sql,
        pos: 0,
        in_version_comment: false,
        out: Vec::new(),
    }
    .run()
}

struct Lexer<'a> {
    src: &'a str,
    pos: usize,
    in_version_comment: bool,
    out: Vec<Token>,
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.out.push(Token {
            tok,
            start,
            end: self.pos,
        });
    }

    fn run(mut self) -> Vec<Token> {
        loop {
            self.skip_space_and_comments();
            let start = self.pos;
            let Some(c) = self.peek() else {
                self.push(Tok::Eof, start);
                return self.out;
            };
            if self.out.last().is_some_and(|t| t.tok == Tok::Bad) {
                // Nothing after an unreadable part matters: the parser stops there.
                self.pos = self.src.len();
                continue;
            }
            match c {
                '\'' | '"' => self.string(c),
                '`' => self.quoted_ident(),
                '0'..='9' => self.number_or_word(),
                '.' if self.peek_at(1).is_some_and(|d| d.is_ascii_digit())
                    && !self.prev_is_name() =>
                {
                    self.number_or_word()
                }
                '@' => self.variable(),
                c if (c == 'x' || c == 'X') && self.peek_at(1) == Some('\'') => self.hex_string(),
                c if is_ident_char(c) => {
                    let w = self.word();
                    self.push(Tok::Word(w), start);
                }
                _ => {
                    let rest = &self.src[self.pos..];
                    if let Some(op) = OPS.iter().find(|op| rest.starts_with(**op)) {
                        self.pos += op.len();
                        self.push(Tok::Op(op), start);
                    } else {
                        self.bump();
                        self.push(Tok::Bad, start);
                    }
                }
            }
        }
    }

    /// After `db.` or `t.` a `.5`-looking thing is a name, not a number.
    fn prev_is_name(&self) -> bool {
        matches!(
            self.out.last().map(|t| &t.tok),
            Some(Tok::Word(_) | Tok::Quoted(_) | Tok::Op(")"))
        )
    }

    fn skip_space_and_comments(&mut self) {
        loop {
            let Some(c) = self.peek() else { return };
            if c.is_whitespace() {
                self.bump();
            } else if c == '#'
                || (c == '-'
                    && self.peek_at(1) == Some('-')
                    && self
                        .peek_at(2)
                        .is_none_or(|c| c.is_whitespace() || c.is_control()))
            {
                self.skip_line();
            } else if c == '/' && self.peek_at(1) == Some('*') {
                if self.peek_at(2) == Some('!') {
                    // `/*!40101 SET … */`: the content is SQL (optionally after a version).
                    self.pos += 3;
                    while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                        self.bump();
                    }
                    self.in_version_comment = true;
                    continue;
                }
                let start = self.pos;
                match self.src[self.pos + 2..].find("*/") {
                    Some(i) => self.pos += 2 + i + 2,
                    None => {
                        self.pos = self.src.len();
                        self.push(Tok::Bad, start);
                        return;
                    }
                }
            } else if self.in_version_comment && c == '*' && self.peek_at(1) == Some('/') {
                self.pos += 2;
                self.in_version_comment = false;
            } else {
                return;
            }
        }
    }

    fn skip_line(&mut self) {
        while let Some(c) = self.bump() {
            if c == '\n' {
                return;
            }
        }
    }

    fn word(&mut self) -> String {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_char) {
            self.bump();
        }
        self.src[start..self.pos].to_owned()
    }

    fn string(&mut self, quote: char) {
        let start = self.pos;
        self.bump();
        let mut s = String::new();
        loop {
            let Some(c) = self.bump() else {
                self.pos = start;
                self.bump();
                self.pos = self.src.len();
                self.out.push(Token {
                    tok: Tok::Bad,
                    start,
                    end: self.src.len(),
                });
                return;
            };
            if c == quote {
                if self.peek() == Some(quote) {
                    self.bump();
                    s.push(quote);
                    continue;
                }
                break;
            }
            if c == '\\' {
                let Some(e) = self.bump() else { continue };
                match e {
                    'n' => s.push('\n'),
                    't' => s.push('\t'),
                    'r' => s.push('\r'),
                    '0' => s.push('\0'),
                    'b' => s.push('\u{8}'),
                    'Z' => s.push('\u{1a}'),
                    // LIKE patterns keep `\%` and `\_` so the escape still means something.
                    '%' | '_' => {
                        s.push('\\');
                        s.push(e);
                    }
                    other => s.push(other),
                }
                continue;
            }
            s.push(c);
        }
        self.push(Tok::Str(s), start);
    }

    fn quoted_ident(&mut self) {
        let start = self.pos;
        self.bump();
        let mut s = String::new();
        loop {
            match self.bump() {
                None => {
                    self.out.push(Token {
                        tok: Tok::Bad,
                        start,
                        end: self.src.len(),
                    });
                    self.pos = self.src.len();
                    return;
                }
                Some('`') if self.peek() == Some('`') => {
                    self.bump();
                    s.push('`');
                }
                Some('`') => break,
                Some(c) => s.push(c),
            }
        }
        self.push(Tok::Quoted(s), start);
    }

    fn hex_string(&mut self) {
        let start = self.pos;
        self.pos += 2;
        let body_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.bump();
        }
        let digits = self.src[body_start..self.pos].to_owned();
        if self.peek() != Some('\'') || digits.len() % 2 == 1 {
            self.pos = self.src.len();
            self.out.push(Token {
                tok: Tok::Bad,
                start,
                end: self.src.len(),
            });
            return;
        }
        self.bump();
        self.push(Tok::Hex(hex_bytes(&digits)), start);
    }

    fn number_or_word(&mut self) {
        let start = self.pos;
        let rest = &self.src[start..];
        let bytes = rest.as_bytes();
        // Hexadecimal 0x…
        if bytes.len() > 2 && bytes[0] == b'0' && (bytes[1] == b'x') {
            let digits: String = rest[2..]
                .chars()
                .take_while(|c| c.is_ascii_hexdigit())
                .collect();
            let after = rest[2 + digits.len()..].chars().next();
            if !digits.is_empty() && !after.is_some_and(is_ident_char) {
                self.pos += 2 + digits.len();
                let digits = if digits.len() % 2 == 1 {
                    format!("0{digits}")
                } else {
                    digits
                };
                self.push(Tok::Hex(hex_bytes(&digits)), start);
                return;
            }
        }
        let mut i = 0;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let int_end = i;
        let mut is_decimal = false;
        if i < bytes.len() && bytes[i] == b'.' {
            is_decimal = true;
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
        }
        let mut is_float = false;
        if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') && (int_end > 0 || i > 1) {
            let mut j = i + 1;
            if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                j += 1;
            }
            let digits_start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            if j > digits_start {
                is_float = true;
                i = j;
            }
        }
        let next = rest[i..].chars().next();
        if !is_decimal && !is_float && next.is_some_and(is_ident_char) {
            // `1abc`: MySQL allows identifiers that start with digits.
            let w = self.word();
            self.push(Tok::Word(w), start);
            return;
        }
        self.pos += i;
        let text = rest[..i].to_owned();
        let tok = if is_float {
            Tok::Float(text)
        } else if is_decimal {
            Tok::Decimal(text)
        } else {
            Tok::Int(text)
        };
        self.push(tok, start);
    }

    fn variable(&mut self) {
        let start = self.pos;
        self.bump();
        if self.peek() == Some('@') {
            self.bump();
            let mut name = self.word();
            let lower = name.to_ascii_lowercase();
            if (lower == "global" || lower == "session" || lower == "local")
                && self.peek() == Some('.')
            {
                self.bump();
                name = self.word();
            }
            self.push(Tok::SysVar(name), start);
            return;
        }
        let name = match self.peek() {
            Some(q @ ('\'' | '"' | '`')) => {
                self.bump();
                let s: String = self.src[self.pos..]
                    .chars()
                    .take_while(|c| *c != q)
                    .collect();
                self.pos += s.len();
                self.bump();
                s
            }
            _ => self.word(),
        };
        self.push(Tok::UserVar(name), start);
    }
}

fn hex_bytes(digits: &str) -> Vec<u8> {
    digits
        .as_bytes()
        .chunks(2)
        .filter_map(|pair| {
            let s = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(s, 16).ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(sql: &str, expected: &str) {
        let got: Vec<String> = tokenize(sql)
            .into_iter()
            .map(|t| match t.tok {
                Tok::Word(w) => w,
                Tok::Quoted(w) => format!("`{w}`"),
                Tok::Str(s) => format!("'{s}'"),
                Tok::Int(s) => format!("int:{s}"),
                Tok::Decimal(s) => format!("dec:{s}"),
                Tok::Float(s) => format!("float:{s}"),
                Tok::Hex(b) => format!("hex:{b:?}"),
                Tok::UserVar(s) => format!("@{s}"),
                Tok::SysVar(s) => format!("@@{s}"),
                Tok::Op(o) => o.to_owned(),
                Tok::Bad => format!("bad@{}", t.start),
                Tok::Eof => "$".into(),
            })
            .collect();
        assert_eq!(got.join(" "), expected, "{sql:?}");
    }

    #[test]
    #[rustfmt::skip]
    fn tokens() {
        check("SELECT * FROM t;", "SELECT * FROM t ; $");
        check("select `my table`.`a``b` from x", "select `my table` . `a`b` from x $");
        check("'it''s' \"q\\\"x\" 'a\\nb'", "'it's' 'q\"x' 'a\nb' $");
        check("1 1.5 .5 1e3 2.5E-2 0x41 X'4142' 1abc", "int:1 dec:1.5 dec:.5 float:1e3 float:2.5E-2 hex:[65] hex:[65, 66] 1abc $");
        check("a<=b <> c != d <=> e", "a <= b <> c != d <=> e $");
        check("-- comment\nSELECT 1 # more\n, 2 /* x */ , 3", "SELECT int:1 , int:2 , int:3 $");
        check("SELECT 1--2", "SELECT int:1 - - int:2 $");
        check("/*!40101 SET NAMES utf8 */;", "SET NAMES utf8 ; $");
        check("SELECT 'open", "SELECT bad@7 $");
        check("SELECT /* open", "SELECT bad@7 $");
        check("@x @@version @@GLOBAL.port", "@x @@version @@port $");
        check("t.1a db.t", "t . 1a db . t $");
        check("名字 = '张三'", "名字 = '张三' $");
        check("LIKE 'a\\%b'", "LIKE 'a\\%b' $");
    }
}
