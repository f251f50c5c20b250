//! A small regular-expression engine for `grep`, `sed` and `[[ =~ ]]`: POSIX basic (BRE,
//! with GNU's `\+ \? \|`) and extended (ERE) syntax, bracket expressions with classes,
//! groups and back-references to them in replacements, anchors and `\b \< \> \w \s`.
//! A backtracking matcher over compiled instructions, with a visited set so that no
//! pattern takes more than (instructions × input) steps.

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Meta(char),
    Lit(char),
    Class(Class),
    Esc(char),
}

#[derive(Clone, Debug, PartialEq)]
struct Class {
    neg: bool,
    ranges: Vec<(char, char)>,
    named: Vec<String>,
}

impl Class {
    fn matches(&self, c: char, icase: bool) -> bool {
        let hit = |c: char| {
            self.ranges.iter().any(|(a, b)| (*a..=*b).contains(&c))
                || self.named.iter().any(|n| named(n, c))
        };
        let h = hit(c) || (icase && (hit(lower(c)) || hit(upper(c))));
        h != self.neg
    }
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn named(n: &str, c: char) -> bool {
    match n {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "xdigit" => c.is_ascii_hexdigit(),
        "cntrl" => c.is_control(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && c != ' ',
        "word" => is_word(c),
        _ => false,
    }
}

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    WordB(bool),
    WordStart,
    WordEnd,
    Group(Box<Node>, usize),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, u32, Option<u32>),
}

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Class(Class),
    Start,
    End,
    WordB(bool),
    WordStart,
    WordEnd,
    Split(usize, usize),
    Jmp(usize),
    Save(usize),
    Match,
}

/// A compiled regular expression.
#[derive(Clone, Debug)]
pub struct Regex {
    prog: Vec<Inst>,
    groups: usize,
    icase: bool,
}

/// A match: the whole match's byte range and each group's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Byte range of the whole match.
    pub range: (usize, usize),
    /// Byte ranges of groups 1…n (`None` when a group did not take part).
    pub groups: Vec<Option<(usize, usize)>>,
}

fn tokenize(p: &str, extended: bool) -> Result<Vec<Tok>, String> {
    let cs: Vec<char> = p.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        i += 1;
        match c {
            '\\' => {
                let Some(&n) = cs.get(i) else {
                    return Err("Trailing backslash".into());
                };
                i += 1;
                let t = match n {
                    '(' | ')' | '{' | '}' | '|' | '+' | '?' if !extended => Tok::Meta(n),
                    'w' | 'W' | 's' | 'S' | 'b' | 'B' | '<' | '>' | 'd' | 'D' => Tok::Esc(n),
                    'n' => Tok::Lit('\n'),
                    't' => Tok::Lit('\t'),
                    d if d.is_ascii_digit() && d != '0' => Tok::Esc(d),
                    _ => Tok::Lit(n),
                };
                out.push(t);
            }
            '[' => {
                let mut neg = false;
                if cs.get(i) == Some(&'^') {
                    neg = true;
                    i += 1;
                }
                let mut ranges = Vec::new();
                let mut named_v = Vec::new();
                let start = i;
                loop {
                    let Some(&c) = cs.get(i) else {
                        return Err("Unmatched [, [^, [:, [., or [=".into());
                    };
                    if c == ']' && i > start {
                        i += 1;
                        break;
                    }
                    if c == '[' && cs.get(i + 1) == Some(&':') {
                        let rest: String = cs[i + 2..].iter().collect();
                        if let Some(end) = rest.find(":]") {
                            named_v.push(rest[..end].to_owned());
                            i += 2 + rest[..end].chars().count() + 2;
                            continue;
                        }
                    }
                    if cs.get(i + 1) == Some(&'-') && cs.get(i + 2).is_some_and(|c| *c != ']') {
                        ranges.push((c, cs[i + 2]));
                        i += 3;
                    } else {
                        ranges.push((c, c));
                        i += 1;
                    }
                }
                out.push(Tok::Class(Class {
                    neg,
                    ranges,
                    named: named_v,
                }));
            }
            '(' | ')' | '{' | '}' | '|' | '+' | '?' if extended => out.push(Tok::Meta(c)),
            '.' | '*' | '^' | '$' => out.push(Tok::Meta(c)),
            _ => out.push(Tok::Lit(c)),
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<Tok>,
    i: usize,
    groups: usize,
    extended: bool,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.i)
    }

    fn alt(&mut self) -> Result<Node, String> {
        let mut alts = vec![self.concat()?];
        while self.peek() == Some(&Tok::Meta('|')) {
            self.i += 1;
            alts.push(self.concat()?);
        }
        Ok(if alts.len() == 1 {
            alts.remove(0)
        } else {
            Node::Alt(alts)
        })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        let start = self.i;
        while let Some(t) = self.peek() {
            if matches!(t, Tok::Meta('|') | Tok::Meta(')')) {
                break;
            }
            // BRE: `^` is an anchor only first, `$` only last, `*` literal first.
            let t = t.clone();
            if !self.extended {
                if t == Tok::Meta('^') && self.i != start {
                    self.i += 1;
                    items.push(Node::Char('^'));
                    continue;
                }
                if t == Tok::Meta('$') {
                    let next = self.toks.get(self.i + 1);
                    if !(next.is_none() || matches!(next, Some(Tok::Meta(')' | '|')))) {
                        self.i += 1;
                        items.push(Node::Char('$'));
                        continue;
                    }
                }
                if t == Tok::Meta('*')
                    && (items.is_empty() || matches!(items.last(), Some(Node::Start)))
                {
                    self.i += 1;
                    items.push(Node::Char('*'));
                    continue;
                }
            }
            let atom = self.atom()?;
            let atom = self.repeats(atom)?;
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn repeats(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            let (min, max) = match self.peek() {
                Some(Tok::Meta('*')) => (0, None),
                Some(Tok::Meta('+')) => (1, None),
                Some(Tok::Meta('?')) => (0, Some(1)),
                Some(Tok::Meta('{')) => {
                    self.i += 1;
                    let mut text = String::new();
                    loop {
                        match self.peek() {
                            Some(Tok::Meta('}')) => break,
                            Some(Tok::Lit(c)) => text.push(*c),
                            _ => return Err("Unmatched \\{".into()),
                        }
                        self.i += 1;
                    }
                    let (a, b) = match text.split_once(',') {
                        Some((a, b)) => (a.to_owned(), Some(b.to_owned())),
                        None => (text.clone(), None),
                    };
                    let min: u32 = a
                        .parse()
                        .map_err(|_| "Invalid content of \\{\\}".to_owned())?;
                    let max = match b {
                        None => Some(min),
                        Some(b) if b.is_empty() => None,
                        Some(b) => Some(
                            b.parse()
                                .map_err(|_| "Invalid content of \\{\\}".to_owned())?,
                        ),
                    };
                    if min > 255 || max.is_some_and(|m| m > 255 || m < min) {
                        return Err("Invalid content of \\{\\}".into());
                    }
                    (min, max)
                }
                _ => return Ok(atom),
            };
            self.i += 1;
            atom = Node::Repeat(Box::new(atom), min, max);
        }
    }

    fn atom(&mut self) -> Result<Node, String> {
        let Some(t) = self.peek().cloned() else {
            return Err("Invalid regular expression".into());
        };
        self.i += 1;
        Ok(match t {
            Tok::Lit(c) => Node::Char(c),
            Tok::Class(c) => Node::Class(c),
            Tok::Meta('.') => Node::Any,
            Tok::Meta('^') => Node::Start,
            Tok::Meta('$') => Node::End,
            Tok::Meta('(') => {
                self.groups += 1;
                let idx = self.groups;
                let inner = self.alt()?;
                if self.peek() != Some(&Tok::Meta(')')) {
                    return Err("Unmatched ( or \\(".into());
                }
                self.i += 1;
                Node::Group(Box::new(inner), idx)
            }
            Tok::Meta(')') => return Err("Unmatched ) or \\)".into()),
            Tok::Meta('*') | Tok::Meta('+') | Tok::Meta('?') if self.extended => {
                Node::Char(match t {
                    Tok::Meta(c) => c,
                    _ => '*',
                })
            }
            Tok::Meta(c) => Node::Char(c),
            Tok::Esc(e) => match e {
                'w' => Node::Class(Class {
                    neg: false,
                    ranges: vec![],
                    named: vec!["word".into()],
                }),
                'W' => Node::Class(Class {
                    neg: true,
                    ranges: vec![],
                    named: vec!["word".into()],
                }),
                's' => Node::Class(Class {
                    neg: false,
                    ranges: vec![],
                    named: vec!["space".into()],
                }),
                'S' => Node::Class(Class {
                    neg: true,
                    ranges: vec![],
                    named: vec!["space".into()],
                }),
                'd' => Node::Class(Class {
                    neg: false,
                    ranges: vec![],
                    named: vec!["digit".into()],
                }),
                'D' => Node::Class(Class {
                    neg: true,
                    ranges: vec![],
                    named: vec!["digit".into()],
                }),
                'b' => Node::WordB(true),
                'B' => Node::WordB(false),
                '<' => Node::WordStart,
                '>' => Node::WordEnd,
                _ => return Err("Back-references are not supported in patterns".into()),
            },
        })
    }
}

fn emit(n: &Node, prog: &mut Vec<Inst>) {
    match n {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class(c) => prog.push(Inst::Class(c.clone())),
        Node::Start => prog.push(Inst::Start),
        Node::End => prog.push(Inst::End),
        Node::WordB(b) => prog.push(Inst::WordB(*b)),
        Node::WordStart => prog.push(Inst::WordStart),
        Node::WordEnd => prog.push(Inst::WordEnd),
        Node::Group(inner, i) => {
            prog.push(Inst::Save(2 * i));
            emit(inner, prog);
            prog.push(Inst::Save(2 * i + 1));
        }
        Node::Concat(items) => items.iter().for_each(|i| emit(i, prog)),
        Node::Alt(alts) => {
            let mut jumps = Vec::new();
            for (k, a) in alts.iter().enumerate() {
                if k + 1 < alts.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    emit(a, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    emit(a, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                emit(inner, prog);
            }
            match max {
                None => {
                    let l = prog.len();
                    prog.push(Inst::Split(l + 1, 0));
                    emit(inner, prog);
                    prog.push(Inst::Jmp(l));
                    let out = prog.len();
                    prog[l] = Inst::Split(l + 1, out);
                }
                Some(m) => {
                    let mut splits = Vec::new();
                    for _ in *min..*m {
                        splits.push(prog.len());
                        prog.push(Inst::Split(0, 0));
                        emit(inner, prog);
                    }
                    let out = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, out);
                    }
                }
            }
        }
    }
}

impl Regex {
    /// Compiles `pattern`: extended (ERE) syntax when `extended`, else basic (BRE).
    pub fn new(pattern: &str, extended: bool) -> Result<Regex, String> {
        let toks = tokenize(pattern, extended)?;
        let mut p = Parser {
            toks,
            i: 0,
            groups: 0,
            extended,
        };
        let node = p.alt()?;
        if p.i < p.toks.len() {
            return Err("Unmatched ) or \\)".into());
        }
        let mut prog = Vec::new();
        emit(&node, &mut prog);
        prog.push(Inst::Match);
        if prog.len() > 20_000 {
            return Err("Regular expression too big".into());
        }
        Ok(Regex {
            prog,
            groups: p.groups,
            icase: false,
        })
    }

    /// Makes matching case-insensitive.
    pub fn ignore_case(mut self, yes: bool) -> Regex {
        self.icase = yes;
        self
    }

    /// How many groups the pattern has.
    pub fn group_count(&self) -> usize {
        self.groups
    }

    /// Whether the pattern matches anywhere in `s`.
    pub fn is_match(&self, s: &str) -> bool {
        self.find_at(s, 0).is_some()
    }

    /// The leftmost match starting at or after byte `start`.
    pub fn find_at(&self, s: &str, start: usize) -> Option<Match> {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let first = chars
            .iter()
            .position(|(b, _)| *b >= start)
            .unwrap_or(chars.len());
        let n = chars.len() + 1;
        let mut visited = vec![false; self.prog.len() * n];
        for at in first..=chars.len() {
            let mut caps = vec![None; 2 * (self.groups + 1)];
            if let Some(end) = self.run(&chars, at, &mut caps, &mut visited) {
                let byte = |i: usize| chars.get(i).map_or(s.len(), |c| c.0);
                let groups = (1..=self.groups)
                    .map(|g| match (caps[2 * g], caps[2 * g + 1]) {
                        (Some(a), Some(b)) => Some((byte(a), byte(b))),
                        _ => None,
                    })
                    .collect();
                return Some(Match {
                    range: (byte(at), byte(end)),
                    groups,
                });
            }
        }
        None
    }

    fn run(
        &self,
        s: &[(usize, char)],
        start: usize,
        caps: &mut [Option<usize>],
        visited: &mut [bool],
    ) -> Option<usize> {
        let n = s.len() + 1;
        enum Job {
            Try(usize, usize),
            Restore(usize, Option<usize>),
        }
        let mut stack = vec![Job::Try(0, start)];
        while let Some(job) = stack.pop() {
            let (mut pc, mut pos) = match job {
                Job::Restore(slot, v) => {
                    caps[slot] = v;
                    continue;
                }
                Job::Try(pc, pos) => (pc, pos),
            };
            loop {
                let key = pc * n + pos;
                if visited[key] {
                    break;
                }
                visited[key] = true;
                let c = s.get(pos).map(|x| x.1);
                let prev = pos.checked_sub(1).and_then(|p| s.get(p)).map(|x| x.1);
                match &self.prog[pc] {
                    Inst::Match => return Some(pos),
                    Inst::Char(want) => match c {
                        Some(c) if c == *want || (self.icase && lower(c) == lower(*want)) => {
                            pc += 1;
                            pos += 1;
                        }
                        _ => break,
                    },
                    Inst::Any => match c {
                        Some(c) if c != '\n' => {
                            pc += 1;
                            pos += 1;
                        }
                        _ => break,
                    },
                    Inst::Class(cl) => match c {
                        Some(c) if cl.matches(c, self.icase) => {
                            pc += 1;
                            pos += 1;
                        }
                        _ => break,
                    },
                    Inst::Start => {
                        if pos != 0 {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::End => {
                        if pos != s.len() {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::WordB(want) => {
                        let at = prev.is_some_and(is_word) != c.is_some_and(is_word);
                        if at != *want {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::WordStart => {
                        if prev.is_some_and(is_word) || !c.is_some_and(is_word) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::WordEnd => {
                        if !prev.is_some_and(is_word) || c.is_some_and(is_word) {
                            break;
                        }
                        pc += 1;
                    }
                    Inst::Jmp(t) => pc = *t,
                    Inst::Split(a, b) => {
                        stack.push(Job::Try(*b, pos));
                        pc = *a;
                    }
                    Inst::Save(slot) => {
                        if let Some(old) = caps.get(*slot).copied() {
                            stack.push(Job::Restore(*slot, old));
                            caps[*slot] = Some(pos);
                        }
                        pc += 1;
                    }
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(p: &str, ext: bool, s: &str, expected: Option<&str>) {
        let r = Regex::new(p, ext).unwrap();
        let got = r.find_at(s, 0).map(|m| &s[m.range.0..m.range.1]);
        assert_eq!(got, expected, "{p} on {s}");
    }

    #[test]
    fn matching() {
        check("abc", false, "xxabcxx", Some("abc"));
        check("a.c", false, "abc", Some("abc"));
        check("^ab*", false, "abbbc", Some("abbb"));
        check("b+", false, "ab+", Some("b+"));
        check("b\\+", false, "abbb", Some("bbb"));
        check("b+", true, "abbb", Some("bbb"));
        check("x$", false, "ax", Some("x"));
        check("^x", false, "ax", None);
        check("[0-9][0-9]*", false, "ab123c", Some("123"));
        check("[[:upper:]]+", true, "abCDe", Some("CD"));
        check("(ab|cd)+", true, "xxcdabz", Some("cdab"));
        assert!(Regex::new("\\(a\\)\\1", false).is_err());
        check("a{2,3}", true, "aaaa", Some("aaa"));
        check("a\\{2\\}", false, "aaaa", Some("aa"));
        check("\\bfoo\\b", false, "a foo b", Some("foo"));
        check("colou?r", true, "color", Some("color"));
        check("*a", false, "*a", Some("*a"));
        check("a|b", false, "a|b", Some("a|b"));
        check("", false, "abc", Some(""));
        let r = Regex::new("(a*)*b", true).unwrap();
        assert!(!r.is_match(&"a".repeat(5000)));
        let r = Regex::new("HELLO", false).unwrap().ignore_case(true);
        assert!(r.is_match("say hello"));
        let m = Regex::new("(\\w+)@(\\w+)", true)
            .unwrap()
            .find_at("mail bob@host now", 0)
            .unwrap();
        assert_eq!(m.groups, vec![Some((5, 8)), Some((9, 13))]);
        assert!(Regex::new("a(b", true).is_err());
        assert!(Regex::new("[a", true).is_err());
    }
}
