//! The parser: tokens to the syntax tree of [`super::ast`], by recursive descent over the
//! POSIX shell grammar (plus bash's `[[ ]]`, `(( ))` and `function name`).

use std::rc::Rc;

use super::ast::{
    AndOr, Command, Compound, Item, List, Part, Pipeline, Redir, RedirOp, SimpleCommand, Word,
};
use super::lexer::{is_name, Lexer, Tok};

/// Why input did not parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyntaxError {
    /// The input stops where more must follow (open quote, `if` without `fi`, trailing
    /// `|`): an interactive shell reads another line.
    Incomplete,
    /// A token where it may not stand (the token's text; `newline`, `end of file`).
    Unexpected(String),
    /// A malformed `${…}` (its text), reported when it is expanded in bash and dash.
    BadSubstitution(String),
}

/// A syntax error with the line it was found on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseFailure {
    /// What went wrong.
    pub error: SyntaxError,
    /// The line (1-based) of the input.
    pub line: u32,
}

const CLOSERS: &[&str] = &["then", "else", "elif", "fi", "do", "done", "esac", "}"];

/// Parses a whole program. `amp_redirect` enables `&>` (bash, busybox ash).
pub fn parse(text: &str, amp_redirect: bool) -> Result<List, ParseFailure> {
    let chars: Rc<[char]> = text.chars().collect();
    let mut p = Parser::new(Lexer::new(chars, amp_redirect));
    match p.program() {
        Ok(l) => Ok(l),
        Err(error) => Err(ParseFailure {
            error,
            line: p.lexer.line,
        }),
    }
}

/// Parses a program given as text (a backquoted command).
pub fn parse_text(text: &str, amp_redirect: bool) -> Result<List, SyntaxError> {
    let chars: Rc<[char]> = text.chars().collect();
    Parser::new(Lexer::new(chars, amp_redirect)).program()
}

/// How deeply commands may nest in the text (parentheses, `$(…)`, compound commands),
/// so that no input exhausts the stack.
pub const MAX_DEPTH: u32 = 64;

/// Parses backquoted text nested `depth` deep.
pub fn parse_nested(text: &str, amp_redirect: bool, depth: u32) -> Result<List, SyntaxError> {
    if depth > MAX_DEPTH {
        return Err(SyntaxError::Unexpected("`".into()));
    }
    let chars: Rc<[char]> = text.chars().collect();
    let mut lx = Lexer::new(chars, amp_redirect);
    lx.depth = depth;
    let mut p = Parser::new(lx);
    p.depth = depth;
    p.program()
}

/// Parses the inside of `$(…)` starting at `pos` of `outer`'s buffer; returns the list, the
/// position after the closing `)`, and how many lines it spanned.
pub fn parse_subst(outer: &Lexer, pos: usize) -> Result<(List, usize, u32), SyntaxError> {
    if outer.depth >= MAX_DEPTH {
        return Err(SyntaxError::Unexpected("(".into()));
    }
    let mut lx = Lexer::new(outer.chars(), outer.amp_redirect);
    lx.pos = pos;
    lx.depth = outer.depth + 1;
    let mut p = Parser::new(lx);
    p.depth = outer.depth + 1;
    let list = p.list()?;
    match p.next()? {
        Tok::Op(")") => Ok((list, p.lexer.pos, p.lexer.line - 1)),
        Tok::Eof => Err(SyntaxError::Incomplete),
        t => Err(unexpected(&t)),
    }
}

struct Parser {
    depth: u32,
    lexer: Lexer,
    peeked: Option<Tok>,
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Word(w) => w.unquoted_text().unwrap_or_else(|| "word".into()),
        Tok::IoNumber(n) => n.to_string(),
        Tok::Op(o) => (*o).to_owned(),
        Tok::Newline => "newline".into(),
        Tok::Eof => "end of file".into(),
    }
}

fn unexpected(t: &Tok) -> SyntaxError {
    match t {
        Tok::Eof => SyntaxError::Incomplete,
        t => SyntaxError::Unexpected(tok_text(t)),
    }
}

fn is_kw(t: &Tok, kw: &str) -> bool {
    matches!(t, Tok::Word(w) if w.as_lit() == Some(kw))
}

fn redir_op(op: &str) -> Option<RedirOp> {
    Some(match op {
        "<" => RedirOp::In,
        ">" | ">|" => RedirOp::Out,
        ">>" => RedirOp::Append,
        "<>" => RedirOp::ReadWrite,
        "<&" => RedirOp::DupIn,
        ">&" => RedirOp::DupOut,
        "&>" => RedirOp::OutErr,
        "&>>" => RedirOp::AppendErr,
        "<<" => RedirOp::HereDoc(false),
        "<<-" => RedirOp::HereDoc(true),
        "<<<" => RedirOp::HereString,
        _ => return None,
    })
}

impl Parser {
    fn new(lexer: Lexer) -> Parser {
        Parser {
            depth: lexer.depth,
            lexer,
            peeked: None,
        }
    }

    fn peek(&mut self) -> Result<&Tok, SyntaxError> {
        if self.peeked.is_none() {
            self.peeked = Some(self.lexer.next_tok()?);
        }
        Ok(self.peeked.as_ref().unwrap_or(&Tok::Eof))
    }

    fn next(&mut self) -> Result<Tok, SyntaxError> {
        match self.peeked.take() {
            Some(t) => Ok(t),
            None => self.lexer.next_tok(),
        }
    }

    fn skip_newlines(&mut self) -> Result<(), SyntaxError> {
        while *self.peek()? == Tok::Newline {
            self.next()?;
        }
        Ok(())
    }

    fn expect_kw(&mut self, kw: &str) -> Result<(), SyntaxError> {
        let t = self.next()?;
        if is_kw(&t, kw) {
            Ok(())
        } else {
            Err(unexpected(&t))
        }
    }

    fn program(&mut self) -> Result<List, SyntaxError> {
        let list = self.list()?;
        match self.next()? {
            Tok::Eof => Ok(list),
            t => Err(SyntaxError::Unexpected(tok_text(&t))),
        }
    }

    fn at_list_end(&mut self) -> Result<bool, SyntaxError> {
        Ok(match self.peek()? {
            Tok::Eof | Tok::Op(")") | Tok::Op(";;") => true,
            Tok::Word(w) => w.as_lit().is_some_and(|s| CLOSERS.contains(&s)),
            _ => false,
        })
    }

    fn list(&mut self) -> Result<List, SyntaxError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines()?;
            if self.at_list_end()? {
                break;
            }
            let and_or = self.and_or()?;
            match self.peek()? {
                Tok::Op(";") | Tok::Newline => {
                    self.next()?;
                    items.push(Item {
                        and_or,
                        background: false,
                    });
                }
                Tok::Op("&") => {
                    self.next()?;
                    items.push(Item {
                        and_or,
                        background: true,
                    });
                }
                _ => {
                    items.push(Item {
                        and_or,
                        background: false,
                    });
                    break;
                }
            }
        }
        Ok(List(items))
    }

    /// A list that must not be empty (the body of `if`, `while`…).
    fn body(&mut self) -> Result<List, SyntaxError> {
        let l = self.list()?;
        if l.0.is_empty() {
            let t = self.next()?;
            return Err(unexpected(&t));
        }
        Ok(l)
    }

    fn and_or(&mut self) -> Result<AndOr, SyntaxError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let and = match self.peek()? {
                Tok::Op("&&") => true,
                Tok::Op("||") => false,
                _ => break,
            };
            self.next()?;
            self.skip_newlines()?;
            rest.push((and, self.pipeline()?));
        }
        Ok(AndOr { first, rest })
    }

    fn pipeline(&mut self) -> Result<Pipeline, SyntaxError> {
        let mut bang = false;
        while is_kw(self.peek()?, "!") {
            self.next()?;
            bang = !bang;
        }
        let mut cmds = vec![self.command()?];
        while *self.peek()? == Tok::Op("|") {
            self.next()?;
            self.skip_newlines()?;
            cmds.push(self.command()?);
        }
        Ok(Pipeline { bang, cmds })
    }

    fn command(&mut self) -> Result<Command, SyntaxError> {
        if self.depth >= MAX_DEPTH {
            let t = self.next()?;
            return Err(SyntaxError::Unexpected(tok_text(&t)));
        }
        self.depth += 1;
        self.lexer.depth = self.depth;
        let r = self.command_inner();
        self.depth -= 1;
        self.lexer.depth = self.depth;
        r
    }

    fn command_inner(&mut self) -> Result<Command, SyntaxError> {
        let kw = match self.peek()? {
            Tok::Word(w) => w.as_lit().map(str::to_owned),
            Tok::Op("(") => Some("(".into()),
            _ => None,
        };
        let compound = match kw.as_deref() {
            Some("{") => {
                self.next()?;
                let l = self.body()?;
                self.expect_kw("}")?;
                Compound::Brace(l)
            }
            Some("(") => {
                self.next()?;
                if self.lexer.amp_redirect && self.peek_char() == Some('(') {
                    self.next()?;
                    return self.arith_command();
                }
                let l = self.body()?;
                match self.next()? {
                    Tok::Op(")") => Compound::Subshell(l),
                    t => return Err(unexpected(&t)),
                }
            }
            Some("if") => self.if_clause()?,
            Some("while") | Some("until") => {
                self.next()?;
                let cond = self.body()?;
                self.expect_kw("do")?;
                let body = self.body()?;
                self.expect_kw("done")?;
                Compound::Loop {
                    until: kw.as_deref() == Some("until"),
                    cond,
                    body,
                }
            }
            Some("for") => self.for_clause()?,
            Some("case") => self.case_clause()?,
            Some("[[") if self.lexer.amp_redirect => {
                self.next()?;
                self.cond_words()?
            }
            Some("function") if self.lexer.amp_redirect => {
                self.next()?;
                let name = match self.next()? {
                    Tok::Word(w) => w.unquoted_text().unwrap_or_default(),
                    t => return Err(unexpected(&t)),
                };
                if *self.peek()? == Tok::Op("(") {
                    self.next()?;
                    match self.next()? {
                        Tok::Op(")") => {}
                        t => return Err(unexpected(&t)),
                    }
                }
                return self.function_body(name);
            }
            Some(k) if CLOSERS.contains(&k) => {
                let t = self.next()?;
                return Err(unexpected(&t));
            }
            _ => return self.simple_command(),
        };
        let redirs = self.redirs()?;
        Ok(Command::Compound(compound, redirs))
    }

    fn peek_char(&self) -> Option<char> {
        if self.peeked.is_some() {
            return None;
        }
        self.lexer.chars().get(self.lexer.pos).copied()
    }

    fn arith_command(&mut self) -> Result<Command, SyntaxError> {
        // The lexer stands just after `((`: read up to the matching `))`.
        let chars = self.lexer.chars();
        let mut depth = 0usize;
        let mut i = self.lexer.pos;
        let mut text = String::new();
        loop {
            match chars.get(i) {
                None => return Err(SyntaxError::Incomplete),
                Some(')') if depth == 0 && chars.get(i + 1) == Some(&')') => break,
                Some(c) => {
                    if *c == '(' {
                        depth += 1;
                    } else if *c == ')' {
                        depth = depth.saturating_sub(1);
                    }
                    text.push(*c);
                }
            }
            i += 1;
        }
        self.lexer.pos = i + 2;
        let word = Word(vec![Part::Double(vec![Part::Lit(text)])]);
        let redirs = self.redirs()?;
        Ok(Command::Compound(Compound::Arith(word), redirs))
    }

    fn cond_words(&mut self) -> Result<Compound, SyntaxError> {
        let mut words = Vec::new();
        loop {
            match self.next()? {
                Tok::Word(w) if w.as_lit() == Some("]]") => break,
                Tok::Word(w) if w.as_lit() == Some("=~") => {
                    words.push(w);
                    if self.peeked.is_none() {
                        words.push(self.lexer.regex_word()?);
                    }
                }
                Tok::Word(w) => words.push(w),
                Tok::Op(o) => words.push(Word(vec![Part::Quoted(o.to_owned())])),
                Tok::IoNumber(n) => words.push(Word::lit(&n.to_string())),
                Tok::Eof => return Err(SyntaxError::Incomplete),
                t @ Tok::Newline => return Err(unexpected(&t)),
            }
        }
        Ok(Compound::Cond(words))
    }

    fn if_clause(&mut self) -> Result<Compound, SyntaxError> {
        self.next()?;
        let mut arms = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.body()?;
            self.expect_kw("then")?;
            let body = self.body()?;
            arms.push((cond, body));
            let t = self.next()?;
            if is_kw(&t, "elif") {
                continue;
            }
            if is_kw(&t, "else") {
                otherwise = Some(self.body()?);
                self.expect_kw("fi")?;
            } else if !is_kw(&t, "fi") {
                return Err(unexpected(&t));
            }
            break;
        }
        Ok(Compound::If { arms, otherwise })
    }

    fn for_clause(&mut self) -> Result<Compound, SyntaxError> {
        self.next()?;
        let var = match self.next()? {
            Tok::Word(w) => match w.as_lit() {
                Some(s) if is_name(s) => s.to_owned(),
                _ => return Err(SyntaxError::Unexpected(tok_text(&Tok::Word(w)))),
            },
            t => return Err(unexpected(&t)),
        };
        self.skip_newlines()?;
        let mut words = None;
        if is_kw(self.peek()?, "in") {
            self.next()?;
            let mut ws = Vec::new();
            while let Tok::Word(_) = self.peek()? {
                if let Tok::Word(w) = self.next()? {
                    ws.push(w);
                }
            }
            match self.next()? {
                Tok::Op(";") | Tok::Newline => {}
                t => return Err(unexpected(&t)),
            }
            words = Some(ws);
        } else if *self.peek()? == Tok::Op(";") {
            self.next()?;
        }
        self.skip_newlines()?;
        self.expect_kw("do")?;
        let body = self.body()?;
        self.expect_kw("done")?;
        Ok(Compound::For { var, words, body })
    }

    fn case_clause(&mut self) -> Result<Compound, SyntaxError> {
        self.next()?;
        let word = match self.next()? {
            Tok::Word(w) => w,
            t => return Err(unexpected(&t)),
        };
        self.skip_newlines()?;
        self.expect_kw("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines()?;
            if is_kw(self.peek()?, "esac") {
                self.next()?;
                break;
            }
            if *self.peek()? == Tok::Op("(") {
                self.next()?;
            }
            let mut pats = Vec::new();
            loop {
                match self.next()? {
                    Tok::Word(w) => pats.push(w),
                    t => return Err(unexpected(&t)),
                }
                match self.next()? {
                    Tok::Op("|") => continue,
                    Tok::Op(")") => break,
                    t => return Err(unexpected(&t)),
                }
            }
            let body = self.list()?;
            arms.push((pats, body));
            match self.next()? {
                Tok::Op(";;") => {}
                t if is_kw(&t, "esac") => break,
                t => return Err(unexpected(&t)),
            }
        }
        Ok(Compound::Case { word, arms })
    }

    fn function_body(&mut self, name: String) -> Result<Command, SyntaxError> {
        self.skip_newlines()?;
        let body = self.command()?;
        if !matches!(body, Command::Compound(..)) {
            return Err(SyntaxError::Unexpected(name));
        }
        Ok(Command::FuncDef(name, Rc::new(body)))
    }

    fn redirs(&mut self) -> Result<Vec<Redir>, SyntaxError> {
        let mut v = Vec::new();
        while let Some(r) = self.redir()? {
            v.push(r);
        }
        Ok(v)
    }

    /// A redirection if one comes next.
    fn redir(&mut self) -> Result<Option<Redir>, SyntaxError> {
        let fd = match self.peek()? {
            Tok::IoNumber(n) => {
                let n = *n;
                self.next()?;
                Some(n)
            }
            Tok::Op(o) if redir_op(o).is_some() => None,
            _ => return Ok(None),
        };
        let op = match self.next()? {
            Tok::Op(o) => match redir_op(o) {
                Some(op) => op,
                None => return Err(SyntaxError::Unexpected(o.into())),
            },
            t => return Err(unexpected(&t)),
        };
        let target = match self.next()? {
            Tok::Word(w) => w,
            t => return Err(unexpected(&t)),
        };
        let (op, target) = match op {
            RedirOp::HereDoc(strip) => {
                let quoted = target.has_quotes();
                let delim = target.unquoted_text().unwrap_or_default();
                let body = self.lexer.heredoc(&delim, strip, quoted)?;
                (RedirOp::HereDoc(quoted), body)
            }
            op => (op, target),
        };
        Ok(Some(Redir { fd, op, target }))
    }

    fn simple_command(&mut self) -> Result<Command, SyntaxError> {
        let mut cmd = SimpleCommand {
            line: self.lexer.line,
            ..SimpleCommand::default()
        };
        loop {
            if let Some(r) = self.redir()? {
                cmd.redirs.push(r);
                continue;
            }
            match self.peek()? {
                Tok::Word(_) => {}
                Tok::Op("(")
                    if cmd.words.len() == 1 && cmd.assigns.is_empty() && cmd.redirs.is_empty() =>
                {
                    self.next()?;
                    match self.next()? {
                        Tok::Op(")") => {}
                        t => return Err(unexpected(&t)),
                    }
                    let name = cmd.words[0].unquoted_text().unwrap_or_default();
                    return self.function_body(name);
                }
                _ => break,
            }
            let Tok::Word(w) = self.next()? else { break };
            if cmd.words.is_empty() {
                if let Some(a) = assignment(&w) {
                    cmd.assigns.push(a);
                    continue;
                }
            }
            cmd.words.push(w);
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirs.is_empty() {
            let t = self.next()?;
            return Err(unexpected(&t));
        }
        Ok(Command::Simple(cmd))
    }
}

/// Splits `NAME=value` into the name and the value word.
fn assignment(w: &Word) -> Option<(String, Word)> {
    let Some(Part::Lit(first)) = w.0.first() else {
        return None;
    };
    let eq = first.find('=')?;
    let name = &first[..eq];
    if !is_name(name) {
        return None;
    }
    let rest = &first[eq + 1..];
    let mut parts = Vec::new();
    if let Some(after) = rest.strip_prefix('~') {
        let user: String = after
            .chars()
            .take_while(|c| *c != '/' && *c != ':')
            .collect();
        parts.push(Part::Tilde(user.clone()));
        let tail = &after[user.len()..];
        if !tail.is_empty() {
            parts.push(Part::Lit(tail.to_owned()));
        }
    } else if !rest.is_empty() {
        parts.push(Part::Lit(rest.to_owned()));
    }
    parts.extend(w.0[1..].iter().cloned());
    Some((name.to_owned(), Word(parts)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str, expected: Result<usize, SyntaxError>) {
        let got = parse(src, true).map(|l| l.0.len()).map_err(|f| f.error);
        assert_eq!(got, expected, "{src:?}");
    }

    #[test]
    fn shapes_and_errors() {
        use SyntaxError::*;
        check("echo a; echo b & echo c", Ok(3));
        check("if true; then echo; elif false; then :; else x; fi", Ok(1));
        check(
            "for i in 1 2; do echo $i; done\nwhile false; do :; done",
            Ok(2),
        );
        check("case $x in a|b) echo;; *) ;; esac", Ok(1));
        check("f() { echo; }; f", Ok(2));
        check("cat <<EOF\nhi $x\nEOF\necho", Ok(2));
        check("echo $(echo a; echo b) `echo c`", Ok(1));
        check("x=1 y=2", Ok(1));
        check("[[ -f x && $a == b ]]", Ok(1));
        check("((i+=1))", Ok(1));
        check("echo 'a", Err(Incomplete));
        check("if true; then", Err(Incomplete));
        check("echo a |", Err(Incomplete));
        check("echo a &&", Err(Incomplete));
        check("cat <<EOF\nx", Err(Incomplete));
        check("echo $(ls", Err(Incomplete));
        check("echo \\", Err(Incomplete));
        check("fi", Err(Unexpected("fi".into())));
        check("echo a; done", Err(Unexpected("done".into())));
        check("if then fi", Err(Unexpected("then".into())));
        check(";", Err(Unexpected(";".into())));
        check("echo )", Err(Unexpected(")".into())));
        check("a && || b", Err(Unexpected("||".into())));
    }
}
