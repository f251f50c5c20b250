//! The tokenizer: splits shell input into words (with their quoting and expansions already
//! parsed into [`Part`]s), operators, newlines and here-document bodies.
//!
//! Input that ends inside a quote, a `$(`, a here-document or after a backslash-newline is
//! [`SyntaxError::Incomplete`], so an interactive shell asks for more with `> `.

use std::rc::Rc;

use super::ast::{Param, ParamOp, Part, Word};
use super::parser::{self, SyntaxError};

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A word.
    Word(Word),
    /// Digits just before a redirection operator (`2>`).
    IoNumber(u32),
    /// An operator such as `&&`, `|`, `;;`, `>>`, `(`.
    Op(&'static str),
    /// A newline.
    Newline,
    /// End of input.
    Eof,
}

const OPS: &[&str] = &[
    "&>>", "<<<", "<<-", "&&", "||", ";;", "<<", ">>", "<&", ">&", "<>", ">|", "&>", ";", "&", "|",
    "<", ">", "(", ")",
];

/// Where a run of word text ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ctx {
    /// An ordinary word: ends at a blank or an operator character.
    Word,
    /// Inside `"…"`.
    Double,
    /// Inside `${…}`: ends at `}`.
    Brace,
    /// A here-document body: runs to the end of the text.
    HereDoc,
    /// Inside `$((…))`: ends at the matching `))`.
    Arith,
    /// The right side of `[[ =~ ]]`: ends at a blank outside parentheses.
    Regex,
}

/// The tokenizer over a shared character buffer.
#[derive(Clone, Debug)]
pub struct Lexer {
    chars: Rc<[char]>,
    /// Position of the next character.
    pub pos: usize,
    /// Current line (1-based).
    pub line: u32,
    /// Whether `&>` and `&>>` are redirections (bash, busybox ash) rather than `&` `>`.
    pub amp_redirect: bool,
    /// How many command substitutions enclose this text.
    pub depth: u32,
    /// Where the lexer jumps after the newline that ends a line with here-documents.
    heredoc_end: Option<(usize, usize, u32)>,
}

fn is_meta(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | '(' | ')'
    )
}

/// Whether `s` is a valid variable name.
pub fn is_name(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(cs.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
        && cs.all(|c| c == '_' || c.is_ascii_alphanumeric())
}

impl Lexer {
    /// A lexer at the start of `chars`.
    pub fn new(chars: Rc<[char]>, amp_redirect: bool) -> Lexer {
        Lexer {
            chars,
            pos: 0,
            line: 1,
            amp_redirect,
            depth: 0,
            heredoc_end: None,
        }
    }

    /// The shared buffer.
    pub fn chars(&self) -> Rc<[char]> {
        Rc::clone(&self.chars)
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.chars.get(self.pos + n).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.peek_at(i) == Some(c))
    }

    /// Skips blanks, comments and backslash-newlines.
    fn skip_blanks(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.peek() {
                Some(' ' | '\t' | '\r') => {
                    self.pos += 1;
                }
                Some('\\') if self.peek_at(1) == Some('\n') => {
                    self.bump();
                    self.bump();
                }
                Some('\\') if self.peek_at(1).is_none() => return Err(SyntaxError::Incomplete),
                Some('#') => {
                    while let Some(c) = self.peek() {
                        if c == '\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// The next token.
    pub fn next_tok(&mut self) -> Result<Tok, SyntaxError> {
        self.skip_blanks()?;
        let Some(c) = self.peek() else {
            return Ok(Tok::Eof);
        };
        if c == '\n' {
            self.bump();
            if let Some((nl, end, lines)) = self.heredoc_end {
                if self.pos == nl + 1 {
                    self.pos = end;
                    self.line += lines;
                    self.heredoc_end = None;
                }
            }
            return Ok(Tok::Newline);
        }
        for op in OPS {
            if self.starts_with(op) {
                if op.starts_with("&>") && !self.amp_redirect {
                    continue;
                }
                self.pos += op.chars().count();
                return Ok(Tok::Op(op));
            }
        }
        let start = self.pos;
        let parts = self.parts(Ctx::Word)?;
        if let [Part::Lit(s)] = parts.as_slice() {
            if s.chars().all(|c| c.is_ascii_digit()) && matches!(self.peek(), Some('<' | '>')) {
                if let Ok(n) = s.parse() {
                    return Ok(Tok::IoNumber(n));
                }
            }
        }
        debug_assert!(self.pos > start);
        Ok(Tok::Word(Word(parts)))
    }

    /// Reads the right side of bash's `=~`: a word where parentheses and `|` are regex
    /// syntax, ending at a blank outside parentheses.
    pub fn regex_word(&mut self) -> Result<Word, SyntaxError> {
        self.skip_blanks()?;
        let parts = self.parts(Ctx::Regex)?;
        if parts.is_empty() {
            return Err(SyntaxError::Unexpected("]]".into()));
        }
        Ok(Word(parts))
    }

    /// Reads the body of a here-document whose operator and delimiter were just read: the
    /// lines after the current one, up to a line equal to `delim`.
    pub fn heredoc(
        &mut self,
        delim: &str,
        strip_tabs: bool,
        quoted: bool,
    ) -> Result<Word, SyntaxError> {
        let (nl, mut at, mut lines) = match self.heredoc_end {
            Some(h) => h,
            None => {
                let mut i = self.pos;
                while i < self.chars.len() && self.chars[i] != '\n' {
                    i += 1;
                }
                if i >= self.chars.len() {
                    return Err(SyntaxError::Incomplete);
                }
                (i, i + 1, 0)
            }
        };
        let mut body = String::new();
        loop {
            if at >= self.chars.len() {
                return Err(SyntaxError::Incomplete);
            }
            let mut end = at;
            while end < self.chars.len() && self.chars[end] != '\n' {
                end += 1;
            }
            let mut text: String = self.chars[at..end].iter().collect();
            if strip_tabs {
                text = text.trim_start_matches('\t').to_owned();
            }
            lines += 1;
            let next = (end + 1).min(self.chars.len());
            if text == delim {
                self.heredoc_end = Some((nl, next, lines));
                break;
            }
            if end >= self.chars.len() {
                return Err(SyntaxError::Incomplete);
            }
            body.push_str(&text);
            body.push('\n');
            at = next;
        }
        if quoted {
            return Ok(Word(vec![Part::Quoted(body)]));
        }
        let chars: Rc<[char]> = body.chars().collect();
        let mut sub = Lexer::new(chars, self.amp_redirect);
        let parts = sub.parts(Ctx::HereDoc)?;
        Ok(Word(vec![Part::Double(parts)]))
    }

    fn parts(&mut self, ctx: Ctx) -> Result<Vec<Part>, SyntaxError> {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let quoted_lit = matches!(ctx, Ctx::Double | Ctx::HereDoc);
        let flush = |lit: &mut String, parts: &mut Vec<Part>| {
            if !lit.is_empty() {
                let s = std::mem::take(lit);
                parts.push(if quoted_lit {
                    Part::Quoted(s)
                } else {
                    Part::Lit(s)
                });
            }
        };
        let at_word_start = ctx == Ctx::Word;
        if at_word_start && self.peek() == Some('~') {
            let mut user = String::new();
            let mut i = 1;
            while let Some(c) = self.peek_at(i) {
                if c == '/' || is_meta(c) {
                    break;
                }
                if !(c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.') {
                    user.clear();
                    i = usize::MAX;
                    break;
                }
                user.push(c);
                i += 1;
            }
            if i != usize::MAX {
                self.pos += i;
                parts.push(Part::Tilde(user));
            }
        }
        let mut depth = 0usize;
        loop {
            let Some(c) = self.peek() else {
                match ctx {
                    Ctx::Word | Ctx::HereDoc => break,
                    _ => return Err(SyntaxError::Incomplete),
                }
            };
            match ctx {
                Ctx::Word if is_meta(c) => break,
                Ctx::Regex if depth == 0 && matches!(c, ' ' | '\t' | '\n') => break,
                Ctx::Regex if c == '(' => depth += 1,
                Ctx::Regex if c == ')' => depth = depth.saturating_sub(1),
                Ctx::Double if c == '"' => break,
                Ctx::Brace if c == '}' => break,
                Ctx::Arith if c == ')' && depth == 0 && self.peek_at(1) == Some(')') => break,
                Ctx::Arith if c == ')' && depth == 0 => {
                    return Err(SyntaxError::Unexpected(")".into()))
                }
                _ => {}
            }
            match c {
                '\\' => {
                    self.bump();
                    match self.bump() {
                        None => {
                            if ctx == Ctx::HereDoc {
                                lit.push('\\');
                                break;
                            }
                            return Err(SyntaxError::Incomplete);
                        }
                        Some('\n') => {}
                        Some(n) => {
                            let special = match ctx {
                                Ctx::Double => matches!(n, '$' | '`' | '"' | '\\'),
                                Ctx::HereDoc | Ctx::Arith => matches!(n, '$' | '`' | '\\'),
                                _ => true,
                            };
                            if special {
                                flush(&mut lit, &mut parts);
                                parts.push(Part::Quoted(n.to_string()));
                            } else {
                                lit.push('\\');
                                lit.push(n);
                            }
                        }
                    }
                }
                '\'' if matches!(ctx, Ctx::Word | Ctx::Brace | Ctx::Regex) => {
                    self.bump();
                    let mut s = String::new();
                    loop {
                        match self.bump() {
                            None => return Err(SyntaxError::Incomplete),
                            Some('\'') => break,
                            Some(ch) => s.push(ch),
                        }
                    }
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Quoted(s));
                }
                '"' if matches!(ctx, Ctx::Word | Ctx::Brace | Ctx::Regex) => {
                    self.bump();
                    let inner = self.parts(Ctx::Double)?;
                    if self.bump() != Some('"') {
                        return Err(SyntaxError::Incomplete);
                    }
                    flush(&mut lit, &mut parts);
                    parts.push(Part::Double(inner));
                }
                '`' => {
                    self.bump();
                    let list = self.backquote(ctx == Ctx::Double)?;
                    flush(&mut lit, &mut parts);
                    parts.push(Part::CommandSub(Rc::new(list)));
                }
                '$' => {
                    if let Some(p) = self.dollar(ctx)? {
                        flush(&mut lit, &mut parts);
                        parts.push(p);
                    } else {
                        lit.push('$');
                    }
                }
                '(' if ctx == Ctx::Arith => {
                    depth += 1;
                    self.bump();
                    lit.push(c);
                }
                ')' if ctx == Ctx::Arith => {
                    depth = depth.saturating_sub(1);
                    self.bump();
                    lit.push(c);
                }
                _ => {
                    self.bump();
                    lit.push(c);
                }
            }
        }
        flush(&mut lit, &mut parts);
        Ok(parts)
    }

    fn backquote(&mut self, in_double: bool) -> Result<super::ast::List, SyntaxError> {
        let mut text = String::new();
        loop {
            match self.bump() {
                None => return Err(SyntaxError::Incomplete),
                Some('`') => break,
                Some('\\') => match self.bump() {
                    None => return Err(SyntaxError::Incomplete),
                    Some(n @ ('$' | '`' | '\\')) => text.push(n),
                    Some('"') if in_double => text.push('"'),
                    Some(n) => {
                        text.push('\\');
                        text.push(n);
                    }
                },
                Some(c) => text.push(c),
            }
        }
        parser::parse_nested(&text, self.amp_redirect, self.depth + 1)
    }

    /// After `$`: an expansion part, or `None` when the `$` is literal.
    fn dollar(&mut self, ctx: Ctx) -> Result<Option<Part>, SyntaxError> {
        let next = self.peek_at(1);
        match next {
            Some('(') if self.peek_at(2) == Some('(') => {
                self.pos += 3;
                let inner = self.parts(Ctx::Arith)?;
                self.pos += 2;
                Ok(Some(Part::Arith(inner)))
            }
            Some('(') => {
                self.pos += 2;
                let (list, end, lines) = parser::parse_subst(self, self.pos)?;
                self.pos = end;
                self.line += lines;
                Ok(Some(Part::CommandSub(Rc::new(list))))
            }
            Some('{') => {
                self.pos += 2;
                let p = self.brace_param()?;
                Ok(Some(Part::Param(Box::new(p))))
            }
            Some('\'') if ctx == Ctx::Word => {
                self.pos += 2;
                Ok(Some(Part::Quoted(self.ansi_c()?)))
            }
            Some(c) if c.is_ascii_digit() || "@*#?$!-".contains(c) => {
                self.pos += 2;
                Ok(Some(param(c.to_string(), ParamOp::Plain)))
            }
            Some(c) if c == '_' || c.is_ascii_alphabetic() => {
                self.pos += 1;
                let mut name = String::new();
                while let Some(c) = self.peek() {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
                Ok(Some(param(name, ParamOp::Plain)))
            }
            _ => {
                self.pos += 1;
                Ok(None)
            }
        }
    }

    fn ansi_c(&mut self) -> Result<String, SyntaxError> {
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return Err(SyntaxError::Incomplete),
                Some('\'') => return Ok(s),
                Some('\\') => match self.bump() {
                    None => return Err(SyntaxError::Incomplete),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('e' | 'E') => s.push('\x1b'),
                    Some('a') => s.push('\x07'),
                    Some('0') => s.push('\0'),
                    Some(c @ ('\\' | '\'' | '"')) => s.push(c),
                    Some(c) => {
                        s.push('\\');
                        s.push(c);
                    }
                },
                Some(c) => s.push(c),
            }
        }
    }

    /// After `${`.
    fn brace_param(&mut self) -> Result<Param, SyntaxError> {
        let bad = |l: &Lexer, start: usize| {
            let mut end = start;
            while end < l.chars.len() && l.chars[end] != '}' {
                end += 1;
            }
            let text: String = l.chars[start.saturating_sub(2)..(end + 1).min(l.chars.len())]
                .iter()
                .collect();
            SyntaxError::BadSubstitution(text)
        };
        let start = self.pos;
        if self.peek() == Some('#') && !matches!(self.peek_at(1), Some('}') | None) {
            self.pos += 1;
            let name = self.param_name();
            if name.is_empty() || self.peek() != Some('}') {
                return Err(bad(self, start));
            }
            self.pos += 1;
            return Ok(Param {
                name,
                op: ParamOp::Length,
            });
        }
        let name = self.param_name();
        if name.is_empty() {
            if self.peek().is_none() {
                return Err(SyntaxError::Incomplete);
            }
            return Err(bad(self, start));
        }
        let Some(c) = self.peek() else {
            return Err(SyntaxError::Incomplete);
        };
        let op = if c == '}' {
            self.pos += 1;
            return Ok(Param {
                name,
                op: ParamOp::Plain,
            });
        } else if c == ':' && matches!(self.peek_at(1), Some('-' | '=' | '?' | '+')) {
            let o = format!(":{}", self.peek_at(1).unwrap_or('-'));
            self.pos += 2;
            o
        } else if matches!(c, '-' | '=' | '?' | '+') {
            self.pos += 1;
            c.to_string()
        } else if c == '#' || c == '%' || c == '/' {
            self.pos += 1;
            if self.peek() == Some(c) {
                self.pos += 1;
                format!("{c}{c}")
            } else {
                c.to_string()
            }
        } else if c == ':' {
            self.pos += 1;
            ":".into()
        } else {
            return Err(bad(self, start));
        };
        let op = match op.as_str() {
            "/" | "//" => {
                let pat = self.until_slash_or_brace()?;
                let rep = if self.peek() == Some('/') {
                    self.pos += 1;
                    Word(self.parts(Ctx::Brace)?)
                } else {
                    Word::default()
                };
                ParamOp::Replace(op == "//", pat, rep)
            }
            ":" => {
                let off = self.until_colon_or_brace()?;
                let len = if self.peek() == Some(':') {
                    self.pos += 1;
                    Some(Word(self.parts(Ctx::Brace)?))
                } else {
                    None
                };
                ParamOp::Substring(off, len)
            }
            _ => {
                let w = Word(self.parts(Ctx::Brace)?);
                let colon = op.starts_with(':');
                match op.trim_start_matches(':') {
                    "-" => ParamOp::Default(colon, w),
                    "=" => ParamOp::Assign(colon, w),
                    "?" => ParamOp::Error(colon, w),
                    "+" => ParamOp::Alternative(colon, w),
                    "#" => ParamOp::TrimPrefix(false, w),
                    "##" => ParamOp::TrimPrefix(true, w),
                    "%" => ParamOp::TrimSuffix(false, w),
                    _ => ParamOp::TrimSuffix(true, w),
                }
            }
        };
        if self.bump() != Some('}') {
            return Err(SyntaxError::Incomplete);
        }
        Ok(Param { name, op })
    }

    fn until_slash_or_brace(&mut self) -> Result<Word, SyntaxError> {
        let mut lit = String::new();
        while let Some(c) = self.peek() {
            if c == '/' || c == '}' {
                return Ok(Word(vec![Part::Lit(lit)]));
            }
            lit.push(c);
            self.pos += 1;
        }
        Err(SyntaxError::Incomplete)
    }

    fn until_colon_or_brace(&mut self) -> Result<Word, SyntaxError> {
        let mut lit = String::new();
        while let Some(c) = self.peek() {
            if c == ':' || c == '}' {
                return Ok(Word(vec![Part::Lit(lit)]));
            }
            lit.push(c);
            self.pos += 1;
        }
        Err(SyntaxError::Incomplete)
    }

    fn param_name(&mut self) -> String {
        let mut name = String::new();
        match self.peek() {
            Some(c) if "@*#?$!-".contains(c) => {
                self.pos += 1;
                name.push(c);
            }
            Some(c) if c.is_ascii_digit() => {
                while let Some(c) = self.peek().filter(char::is_ascii_digit) {
                    name.push(c);
                    self.pos += 1;
                }
            }
            _ => {
                while let Some(c) = self.peek() {
                    if c == '_' || c.is_ascii_alphanumeric() {
                        name.push(c);
                        self.pos += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        name
    }
}

fn param(name: String, op: ParamOp) -> Part {
    Part::Param(Box::new(Param { name, op }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        let mut l = Lexer::new(s.chars().collect(), true);
        let mut v = Vec::new();
        loop {
            let t = l.next_tok().unwrap();
            if t == Tok::Eof {
                return v;
            }
            v.push(t);
        }
    }

    #[test]
    fn words_and_operators() {
        let t = toks("echo 'a b' c\"d$X\" 2>&1|wc;");
        assert_eq!(t.len(), 9);
        assert_eq!(t[0], Tok::Word(Word::lit("echo")));
        assert_eq!(t[1], Tok::Word(Word(vec![Part::Quoted("a b".into())])));
        assert_eq!(t[3], Tok::IoNumber(2));
        assert_eq!(t[4], Tok::Op(">&"));
        assert_eq!(t[6], Tok::Op("|"));
        let mut l = Lexer::new("echo 'open".chars().collect(), true);
        l.next_tok().unwrap();
        assert_eq!(l.next_tok(), Err(SyntaxError::Incomplete));
    }
}
