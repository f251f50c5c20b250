//! Splitting a host command line into words, the way the host's shell does it.
//!
//! Windows hosts run PowerShell: backslashes are literal, `'…'` is verbatim (`''` is a quote),
//! `"…"` expands `$env:NAME` and `$HOME` and takes backtick escapes, a backtick outside quotes
//! escapes the next character. Linux hosts run bash: `'…'` verbatim, `"…"` expands `$NAME`
//! and takes backslash escapes, a backslash outside quotes escapes the next character.
//! Both split statements on `;`; pipes and redirections are reported as operators so the
//! caller can handle them, and a command substitution `$(…)` (or `"$(…)"`) that makes a whole
//! word is reported as such for the caller to run; one inside a longer word is reported as the
//! operator `$(`.

use std::fmt;

/// Which shell's rules to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    /// PowerShell 7 on a Windows host.
    PowerShell,
    /// bash on a Linux host.
    Posix,
}

/// A piece of a command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Token {
    /// A word after quote removal and expansion.
    Word(String),
    /// `;`: ends a statement.
    Semi,
    /// An operator this splitter recognises but does not interpret: `|`, `&&`, `||`, `>`,
    /// `>>`, `<`, `2>`, `2>&1`, `&`, and `$(` for a substitution inside a longer word.
    Op(&'static str),
    /// A command substitution making a whole word: the command line inside `$( )`, and
    /// whether it was in double quotes (then its output is one word).
    Subst { line: String, quoted: bool },
    /// Where a substitution that already ran goes (the session resumes a line with it once
    /// the command inside has finished); never produced by [`split`].
    Captured { quoted: bool },
}

/// Why a line could not be split.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SplitError {
    /// A quote was opened and never closed; holds the quote character and where it opened.
    Unterminated { quote: char, at: usize },
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SplitError::Unterminated { quote, .. } => {
                write!(f, "The string is missing the terminator: {quote}.")
            }
        }
    }
}

/// Looks up a variable for expansion.
pub trait Vars {
    /// The value of `name`, if set.
    fn var(&self, name: &str) -> Option<String>;
}

impl<F: Fn(&str) -> Option<String>> Vars for F {
    fn var(&self, name: &str) -> Option<String> {
        self(name)
    }
}

/// Splits `line` into tokens following `dialect`.
pub fn split(line: &str, dialect: Dialect, vars: &dyn Vars) -> Result<Vec<Token>, SplitError> {
    Splitter {
        chars: line.char_indices().collect(),
        pos: 0,
        dialect,
        vars,
        quoted_subst: false,
    }
    .run()
}

struct Splitter<'a> {
    chars: Vec<(usize, char)>,
    pos: usize,
    dialect: Dialect,
    vars: &'a dyn Vars,
    /// A `$(` met inside double quotes, within a longer word: reported after that word.
    quoted_subst: bool,
}

impl Splitter<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).map(|&(_, c)| c)
    }

    fn escape_char(&self) -> char {
        match self.dialect {
            Dialect::PowerShell => '`',
            Dialect::Posix => '\\',
        }
    }

    fn run(mut self) -> Result<Vec<Token>, SplitError> {
        let mut tokens = Vec::new();
        let mut word = String::new();
        let mut in_word = false;
        while let Some(c) = self.peek(0) {
            if c == ' ' || c == '\t' {
                self.pos += 1;
                flush(&mut tokens, &mut word, &mut in_word);
                continue;
            }
            if c == '#' && !in_word {
                break;
            }
            if let Some(op) = self.operator(in_word) {
                flush(&mut tokens, &mut word, &mut in_word);
                tokens.push(op);
                continue;
            }
            if !in_word {
                if let Some(subst) = self.substitution() {
                    tokens.push(subst);
                    continue;
                }
            }
            if c == '$' && self.peek(1) == Some('(') {
                flush(&mut tokens, &mut word, &mut in_word);
                tokens.push(Token::Op("$("));
                self.pos += 2;
                continue;
            }
            in_word = true;
            match c {
                '\'' => self.single_quoted(&mut word)?,
                '"' => {
                    self.double_quoted(&mut word)?;
                    if std::mem::take(&mut self.quoted_subst) {
                        flush(&mut tokens, &mut word, &mut in_word);
                        tokens.push(Token::Op("$("));
                    }
                }
                '$' => {
                    self.pos += 1;
                    self.variable(&mut word);
                }
                _ if c == self.escape_char() => {
                    self.pos += 1;
                    match self.peek(0) {
                        Some(next) => {
                            word.push(next);
                            self.pos += 1;
                        }
                        None => in_word = !word.is_empty(),
                    }
                }
                _ => {
                    word.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut tokens, &mut word, &mut in_word);
        Ok(tokens)
    }

    /// Recognises an operator at the cursor and consumes it.
    fn operator(&mut self, in_word: bool) -> Option<Token> {
        let c = self.peek(0)?;
        let next = self.peek(1);
        let (tok, len) = match (c, next) {
            (';', _) => (Token::Semi, 1),
            ('|', Some('|')) => (Token::Op("||"), 2),
            ('|', _) => (Token::Op("|"), 1),
            ('&', Some('&')) => (Token::Op("&&"), 2),
            ('&', _) if self.dialect == Dialect::Posix => (Token::Op("&"), 1),
            ('>', Some('>')) => (Token::Op(">>"), 2),
            ('>', _) => (Token::Op(">"), 1),
            ('<', _) => (Token::Op("<"), 1),
            ('2', Some('>')) if !in_word => {
                if self.peek(2) == Some('&') && self.peek(3) == Some('1') {
                    (Token::Op("2>&1"), 4)
                } else {
                    (Token::Op("2>"), 2)
                }
            }
            _ => return None,
        };
        self.pos += len;
        Some(tok)
    }

    /// A substitution making a whole word at the cursor: `$(…)` or `"$(…)"` followed by a
    /// blank, an operator or the end. Parentheses nest; quotes inside are skipped over.
    fn substitution(&mut self) -> Option<Token> {
        let quoted = self.peek(0) == Some('"');
        let open = usize::from(quoted);
        if self.peek(open) != Some('$') || self.peek(open + 1) != Some('(') {
            return None;
        }
        let mut depth = 0usize;
        let mut quote: Option<char> = None;
        let mut i = open + 1;
        loop {
            let c = self.peek(i)?;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '\'' | '"') => quote = Some(c),
                (None, '(') => depth += 1,
                (None, ')') => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let line: String = self.chars[self.pos + open + 2..self.pos + i]
            .iter()
            .map(|&(_, c)| c)
            .collect();
        let mut end = i + 1;
        if quoted {
            if self.peek(end) != Some('"') {
                return None;
            }
            end += 1;
        }
        if !matches!(
            self.peek(end),
            None | Some(' ' | '\t' | ';' | '|' | '&' | '>' | '<')
        ) {
            return None;
        }
        self.pos += end;
        Some(Token::Subst { line, quoted })
    }

    fn single_quoted(&mut self, word: &mut String) -> Result<(), SplitError> {
        let at = self.chars[self.pos].0;
        self.pos += 1;
        loop {
            match self.peek(0) {
                None => return Err(SplitError::Unterminated { quote: '\'', at }),
                Some('\'') => {
                    self.pos += 1;
                    // PowerShell: '' inside single quotes is one quote.
                    if self.dialect == Dialect::PowerShell && self.peek(0) == Some('\'') {
                        word.push('\'');
                        self.pos += 1;
                        continue;
                    }
                    return Ok(());
                }
                Some(c) => {
                    word.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn double_quoted(&mut self, word: &mut String) -> Result<(), SplitError> {
        let at = self.chars[self.pos].0;
        self.pos += 1;
        loop {
            match self.peek(0) {
                None => return Err(SplitError::Unterminated { quote: '"', at }),
                Some('"') => {
                    self.pos += 1;
                    if self.dialect == Dialect::PowerShell && self.peek(0) == Some('"') {
                        word.push('"');
                        self.pos += 1;
                        continue;
                    }
                    return Ok(());
                }
                Some('$') => {
                    self.pos += 1;
                    self.variable(word);
                }
                Some(c) if c == self.escape_char() => {
                    self.pos += 1;
                    match (self.dialect, self.peek(0)) {
                        (_, None) => word.push(c),
                        (Dialect::PowerShell, Some(n)) => {
                            word.push(powershell_escape(n));
                            self.pos += 1;
                        }
                        (Dialect::Posix, Some(n @ ('$' | '`' | '"' | '\\'))) => {
                            word.push(n);
                            self.pos += 1;
                        }
                        (Dialect::Posix, Some(_)) => word.push('\\'),
                    }
                }
                Some(c) => {
                    word.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    /// Expands a variable reference; the cursor is just past the `$`.
    fn variable(&mut self, word: &mut String) {
        if self.peek(0) == Some('(') {
            self.quoted_subst = true;
        }
        let mut name = String::new();
        if self.peek(0) == Some('{') {
            let start = self.pos;
            self.pos += 1;
            while let Some(c) = self.peek(0) {
                self.pos += 1;
                if c == '}' {
                    word.push_str(&self.vars.var(&name).unwrap_or_default());
                    return;
                }
                name.push(c);
            }
            // No closing brace: keep the text as typed.
            self.pos = start;
            word.push('$');
            return;
        }
        let scoped = self.dialect == Dialect::PowerShell;
        while let Some(c) = self.peek(0) {
            let ok = c.is_ascii_alphanumeric()
                || c == '_'
                || (scoped && c == ':' && name.eq_ignore_ascii_case("env"));
            if !ok {
                break;
            }
            name.push(c);
            self.pos += 1;
        }
        if name.is_empty() {
            if self.dialect == Dialect::Posix && self.peek(0) == Some('?') {
                self.pos += 1;
                word.push_str(&self.vars.var("?").unwrap_or_default());
            } else {
                word.push('$');
            }
            return;
        }
        word.push_str(&self.vars.var(&name).unwrap_or_default());
    }
}

fn powershell_escape(c: char) -> char {
    match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        'e' => '\x1b',
        other => other,
    }
}

fn flush(tokens: &mut Vec<Token>, word: &mut String, in_word: &mut bool) {
    if *in_word {
        tokens.push(Token::Word(std::mem::take(word)));
        *in_word = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<String> {
        match name {
            "env:USERNAME" | "USER" => Some("student".into()),
            "HOME" => Some("C:\\Users\\student".into()),
            "?" => Some("0".into()),
            _ => None,
        }
    }

    fn words(line: &str, d: Dialect) -> Vec<String> {
        split(line, d, &vars)
            .unwrap()
            .into_iter()
            .map(|t| match t {
                Token::Word(w) => w,
                Token::Semi => ";".into(),
                Token::Op(o) => format!("<{o}>"),
                Token::Subst { line, quoted } => {
                    format!("[{}{line}]", if quoted { "\"" } else { "" })
                }
                Token::Captured { .. } => "[captured]".into(),
            })
            .collect()
    }

    fn check(line: &str, d: Dialect, expected: &[&str]) {
        assert_eq!(words(line, d), expected, "splitting {line:?}");
    }

    #[test]
    fn powershell_keeps_backslashes() {
        use Dialect::PowerShell as P;
        check(
            r"docker run -v C:\codec\gcc-hw:/hw -w /hw -it x",
            P,
            &[
                "docker",
                "run",
                "-v",
                r"C:\codec\gcc-hw:/hw",
                "-w",
                "/hw",
                "-it",
                "x",
            ],
        );
        check(
            "docker inspect -f '{{.Name}}' web",
            P,
            &["docker", "inspect", "-f", "{{.Name}}", "web"],
        );
        check("echo 'it''s'", P, &["echo", "it's"]);
        check(
            r#"echo "a""b" "$env:USERNAME" `$x"#,
            P,
            &["echo", "a\"b", "student", "$x"],
        );
        check("echo \"tab`there\" ''", P, &["echo", "tab\there", ""]);
        check("a;b # comment", P, &["a", ";", "b"]);
        check(
            "docker ps | more > x 2>&1",
            P,
            &["docker", "ps", "<|>", "more", "<>>", "x", "<2>&1>"],
        );
        check("echo a2>b", P, &["echo", "a2", "<>>", "b"]);
    }

    #[test]
    fn posix_follows_bash_quoting() {
        use Dialect::Posix as S;
        check(
            r"echo a\ b 'c d' \$HOME",
            S,
            &["echo", "a b", "c d", "$HOME"],
        );
        check(
            r#"echo "x\"y" "$USER" "${USER}s" "\n""#,
            S,
            &["echo", "x\"y", "student", "students", "\\n"],
        );
        check("echo $? $ ${nope", S, &["echo", "0", "$", "${nope"]);
        check(
            "a && b || c & d",
            S,
            &["a", "<&&>", "b", "<||>", "c", "<&>", "d"],
        );
        check("echo \"\" x", S, &["echo", "", "x"]);
    }

    #[test]
    fn substitutions_that_make_a_word_are_reported() {
        use Dialect::{Posix as S, PowerShell as P};
        check(
            "docker rm $(docker ps -aq)",
            P,
            &["docker", "rm", "[docker ps -aq]"],
        );
        check(
            "docker rm -f $(docker ps -q) ; x",
            S,
            &["docker", "rm", "-f", "[docker ps -q]", ";", "x"],
        );
        check(
            r#"echo "$(docker ps -q)""#,
            S,
            &["echo", "[\"docker ps -q]"],
        );
        check(
            "echo $(echo (a) ')')|x",
            S,
            &["echo", "[echo (a) ')']", "<|>", "x"],
        );
        // Inside a longer word, or never closed: the operator, for the caller to refuse.
        check("echo a$(b)", S, &["echo", "a", "<$(>", "b)"]);
        check("echo $(b", P, &["echo", "<$(>", "b"]);
        check(r#"echo "n: $(b)""#, S, &["echo", "n: $(b)", "<$(>"]);
    }

    #[test]
    fn unterminated_quotes_are_errors() {
        assert_eq!(
            split("echo \"abc", Dialect::PowerShell, &vars),
            Err(SplitError::Unterminated { quote: '"', at: 5 })
        );
        assert!(split("echo 'abc", Dialect::Posix, &vars).is_err());
    }
}
