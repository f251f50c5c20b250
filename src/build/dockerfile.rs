//! The Dockerfile parser (BuildKit's `dockerfile` frontend): lines joined at `\`,
//! comments, instructions with their source lines, the shell and exec (JSON) forms, and
//! the `$VAR`/`${VAR:-word}` substitution of build arguments and environment.

use crate::daemon::commit::{parse_change, Change};

/// `RUN`, `CMD` and `ENTRYPOINT` take a shell command or a JSON array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Form {
    /// `RUN echo hi`: run by `/bin/sh -c`.
    Shell(String),
    /// `RUN ["echo", "hi"]`.
    Exec(Vec<String>),
}

impl Form {
    fn parse(rest: &str) -> Form {
        if rest.starts_with('[') {
            if let Ok(v) = serde_json::from_str::<Vec<String>>(rest) {
                return Form::Exec(v);
            }
        }
        Form::Shell(rest.to_owned())
    }

    /// The argv the form runs (`/bin/sh -c …` for the shell form).
    pub fn argv(&self) -> Vec<String> {
        match self {
            Form::Shell(s) => vec!["/bin/sh".into(), "-c".into(), s.clone()],
            Form::Exec(v) => v.clone(),
        }
    }
}

/// What one instruction does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    /// `FROM image [AS name]`.
    From(String),
    /// `RUN`.
    Run(Form),
    /// `COPY` (or `ADD` when `add`) sources to a destination.
    Copy {
        /// `ADD` rather than `COPY`.
        add: bool,
        /// Sources, relative to the build context.
        srcs: Vec<String>,
        /// Destination in the image.
        dest: String,
    },
    /// `ARG name[=default]`.
    Arg(String, Option<String>),
    /// `MAINTAINER name` (sets the image's author).
    Maintainer(String),
    /// Every other instruction: a change of the image config, as `docker commit -c`
    /// parses it (kept as text: build arguments are substituted when it runs).
    Config(String),
}

/// One instruction and where it is in the Dockerfile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Instruction {
    /// First line (1-based).
    pub line: usize,
    /// Last line.
    pub end_line: usize,
    /// The keyword, upper case (`RUN`).
    pub keyword: String,
    /// The arguments as written, continuation lines joined.
    pub rest: String,
    /// What it does.
    pub op: Op,
}

impl Instruction {
    /// The instruction as BuildKit names its step (`RUN echo hi`).
    pub fn display(&self) -> String {
        format!("{} {}", self.keyword, self.rest)
    }
}

/// A Dockerfile error: the message after `ERROR: failed to solve: `, and the lines it is
/// about (none for errors about the whole file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Lines the error points at, first and last.
    pub lines: Option<(usize, usize)>,
    /// docker's message.
    pub message: String,
}

/// The instructions docker knows: ones Berth does not build are refused honestly.
const KNOWN: &[&str] = &[
    "add",
    "arg",
    "cmd",
    "copy",
    "entrypoint",
    "env",
    "expose",
    "from",
    "healthcheck",
    "label",
    "maintainer",
    "onbuild",
    "run",
    "shell",
    "stopsignal",
    "user",
    "volume",
    "workdir",
];

/// Parses a Dockerfile.
pub fn parse(text: &str) -> Result<Vec<Instruction>, ParseError> {
    let mut out = Vec::new();
    let lines: Vec<&str> = text.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let first = i + 1;
        let line = lines[i].trim_start();
        i += 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut joined = String::new();
        let mut cur = line.trim_end().to_owned();
        let mut last = first;
        while let Some(body) = cur.strip_suffix('\\') {
            joined.push_str(body);
            // Comment and empty lines inside a continuation are dropped.
            loop {
                let Some(next) = lines.get(i) else {
                    cur = String::new();
                    break;
                };
                i += 1;
                let t = next.trim_start();
                if t.starts_with('#') || t.trim().is_empty() {
                    continue;
                }
                last = i;
                cur = next.trim_end().to_owned();
                break;
            }
        }
        joined.push_str(&cur);
        let (word, rest) = joined
            .split_once(char::is_whitespace)
            .unwrap_or((&joined, ""));
        let rest = rest.trim().to_owned();
        out.push(instruction(first, last, word, rest)?);
    }
    if out.is_empty() {
        return Err(ParseError {
            lines: None,
            message: "file with no instructions".into(),
        });
    }
    if let Some(first) = out.iter().find(|i| !matches!(i.op, Op::Arg(..))) {
        if !matches!(first.op, Op::From(_)) {
            return Err(ParseError {
                lines: Some((first.line, first.end_line)),
                message: "no build stage in current context".into(),
            });
        }
    }
    Ok(out)
}

fn instruction(
    line: usize,
    end: usize,
    word: &str,
    rest: String,
) -> Result<Instruction, ParseError> {
    let lower = word.to_lowercase();
    let err = |message: String| ParseError {
        lines: Some((line, end)),
        message: format!("dockerfile parse error on line {line}: {message}"),
    };
    if !KNOWN.contains(&lower.as_str()) {
        let hint = suggest(&lower)
            .map(|s| format!(" (did you mean {s}?)"))
            .unwrap_or_default();
        return Err(err(format!("unknown instruction: {word}{hint}")));
    }
    if rest.is_empty() && lower != "healthcheck" {
        return Err(err(format!("{lower} requires at least one argument")));
    }
    let op = match lower.as_str() {
        "from" => {
            let words: Vec<&str> = rest
                .split_whitespace()
                .filter(|w| !w.starts_with("--platform="))
                .collect();
            match words.as_slice() {
                [image] => Op::From((*image).to_owned()),
                [image, kw, _] if kw.eq_ignore_ascii_case("as") => Op::From((*image).to_owned()),
                _ => return Err(err("FROM requires either one or three arguments".into())),
            }
        }
        "run" => Op::Run(Form::parse(&rest)),
        "copy" | "add" => {
            let mut parts: Vec<String> = match Form::parse(&rest) {
                Form::Exec(v) => v,
                Form::Shell(s) => s.split_whitespace().map(str::to_owned).collect(),
            };
            if parts.len() < 2 {
                return Err(err(format!("{lower} requires at least two arguments")));
            }
            let dest = parts.pop().unwrap_or_default();
            Op::Copy {
                add: lower == "add",
                srcs: parts,
                dest,
            }
        }
        "arg" => {
            let (name, default) = match rest.split_once('=') {
                Some((n, d)) => (n.to_owned(), Some(unquote(d))),
                None => (rest.clone(), None),
            };
            Op::Arg(name, default)
        }
        "maintainer" => Op::Maintainer(rest.clone()),
        "healthcheck" | "onbuild" | "shell" => Op::Config(rest.clone()),
        _ => {
            parse_change(&format!("{lower} {rest}")).map_err(err)?;
            Op::Config(rest.clone())
        }
    };
    Ok(Instruction {
        line,
        end_line: end,
        keyword: word.to_uppercase(),
        rest,
        op,
    })
}

fn unquote(s: &str) -> String {
    let t = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = t.strip_prefix(q).and_then(|x| x.strip_suffix(q)) {
            return inner.to_owned();
        }
    }
    t.to_owned()
}

/// The instruction a mistyped keyword was probably meant to be.
fn suggest(word: &str) -> Option<&'static str> {
    let (dist, best) = KNOWN
        .iter()
        .map(|k| (levenshtein(word, k), *k))
        .min_by_key(|(d, _)| *d)?;
    (dist < 2 || dist * 3 < word.len()).then_some(best)
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

/// Substitutes `$NAME`, `${NAME}`, `${NAME:-word}` and `${NAME:+word}` from `vars`
/// (unset names become empty); `\$` keeps a literal dollar.
pub fn expand(text: &str, vars: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    let name_char = |c: char| c.is_ascii_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1) == Some(&'$') {
            out.push('$');
            i += 2;
            continue;
        }
        if c != '$' {
            out.push(c);
            i += 1;
            continue;
        }
        if chars.get(i + 1) == Some(&'{') {
            let Some(close) = chars[i..].iter().position(|&c| c == '}') else {
                out.extend(&chars[i..]);
                break;
            };
            let inner: String = chars[i + 2..i + close].iter().collect();
            i += close + 1;
            let (name, op, word) = match inner.find(":-").or_else(|| inner.find(":+")) {
                Some(p) => (&inner[..p], &inner[p..p + 2], &inner[p + 2..]),
                None => (inner.as_str(), "", ""),
            };
            let value = vars(name).filter(|v| !v.is_empty());
            out.push_str(&match (op, value) {
                (":-", None) => expand(word, vars),
                (":+", Some(_)) => expand(word, vars),
                (":+", None) => String::new(),
                (_, v) => v.unwrap_or_default(),
            });
            continue;
        }
        let len = chars[i + 1..].iter().take_while(|&&c| name_char(c)).count();
        if len == 0 {
            out.push('$');
            i += 1;
            continue;
        }
        let name: String = chars[i + 1..i + 1 + len].iter().collect();
        out.push_str(&vars(&name).unwrap_or_default());
        i += 1 + len;
    }
    out
}

/// Parses a config instruction's text (after substitution) as `docker commit -c` does.
pub fn config_change(keyword: &str, rest: &str) -> Result<Change, String> {
    parse_change(&format!("{keyword} {rest}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Parses `text` and shows each instruction as `line-end KEYWORD rest`, or the error as
    /// `error@line: message`.
    fn check(text: &str, expected: &[&str]) {
        let shown: Vec<String> = match parse(text) {
            Ok(ins) => ins
                .iter()
                .map(|i| format!("{}-{} {} {:?}", i.line, i.end_line, i.keyword, i.op))
                .collect(),
            Err(e) => vec![format!(
                "error@{}: {}",
                e.lines.map(|l| l.0).unwrap_or(0),
                e.message
            )],
        };
        assert_eq!(shown, expected, "{text}");
    }

    #[test]
    fn instructions_parse_with_their_lines() {
        check("FROM alpine\n", &["1-1 FROM From(\"alpine\")"]);
        check(
            "# comment\nfrom alpine AS base\n\nrun echo hi",
            &[
                "2-2 FROM From(\"alpine\")",
                "4-4 RUN Run(Shell(\"echo hi\"))",
            ],
        );
        check(
            "FROM alpine\nRUN apk add \\\n    # a comment\n    curl \\\n  && ls",
            &[
                "1-1 FROM From(\"alpine\")",
                "2-5 RUN Run(Shell(\"apk add     curl   && ls\"))",
            ],
        );
        check(
            "FROM alpine\nCMD [\"echo\", \"hi\"]\nRUN [\"ls\",\"/\"]",
            &[
                "1-1 FROM From(\"alpine\")",
                "2-2 CMD Config(\"[\\\"echo\\\", \\\"hi\\\"]\")",
                "3-3 RUN Run(Exec([\"ls\", \"/\"]))",
            ],
        );
        check(
            "ARG V=1\nFROM alpine:$V\nCOPY a b /app/\nADD [\"x y\", \"/z\"]",
            &[
                "1-1 ARG Arg(\"V\", Some(\"1\"))",
                "2-2 FROM From(\"alpine:$V\")",
                "3-3 COPY Copy { add: false, srcs: [\"a\", \"b\"], dest: \"/app/\" }",
                "4-4 ADD Copy { add: true, srcs: [\"x y\"], dest: \"/z\" }",
            ],
        );
        check(
            "FROM --platform=linux/amd64 alpine\nARG N\nENV A=1 B=2\nWORKDIR /app",
            &[
                "1-1 FROM From(\"alpine\")",
                "2-2 ARG Arg(\"N\", None)",
                "3-3 ENV Config(\"A=1 B=2\")",
                "4-4 WORKDIR Config(\"/app\")",
            ],
        );
    }

    #[test]
    fn dockerfile_errors_name_their_line() {
        check("", &["error@0: file with no instructions"]);
        check(
            "# only a comment\n",
            &["error@0: file with no instructions"],
        );
        check(
            "FROM alpine\nFOO bar",
            &["error@2: dockerfile parse error on line 2: unknown instruction: FOO"],
        );
        check(
            "FROM alpine\nRUNN ls",
            &["error@2: dockerfile parse error on line 2: unknown instruction: RUNN (did you mean run?)"],
        );
        check(
            "RUN ls\nFROM alpine",
            &["error@1: no build stage in current context"],
        );
        check(
            "ARG A\nENV X=1",
            &["error@2: no build stage in current context"],
        );
        check(
            "FROM alpine\nRUN",
            &["error@2: dockerfile parse error on line 2: run requires at least one argument"],
        );
        check(
            "FROM alpine\nCOPY a",
            &["error@2: dockerfile parse error on line 2: copy requires at least two arguments"],
        );
        check(
            "FROM alpine\nENV A",
            &["error@2: dockerfile parse error on line 2: ENV must have two arguments"],
        );
        check(
            "FROM alpine\nEXPOSE http",
            &["error@2: dockerfile parse error on line 2: invalid containerPort: http"],
        );
        check(
            "FROM a b",
            &["error@1: dockerfile parse error on line 1: FROM requires either one or three arguments"],
        );
    }

    fn check_expand(text: &str, expected: &str) {
        let vars = |n: &str| match n {
            "A" => Some("1".to_owned()),
            "NAME" => Some("web".to_owned()),
            "EMPTY" => Some(String::new()),
            _ => None,
        };
        assert_eq!(expand(text, &vars), expected, "{text}");
    }

    #[test]
    fn variables_are_substituted() {
        check_expand("plain", "plain");
        check_expand("$A", "1");
        check_expand("x${A}y", "x1y");
        check_expand("$NAME-$A", "web-1");
        check_expand("$NOPE.", ".");
        check_expand("${NOPE:-def}", "def");
        check_expand("${EMPTY:-def}", "def");
        check_expand("${A:-def}", "1");
        check_expand("${A:+set}", "set");
        check_expand("${NOPE:+set}", "");
        check_expand("\\$A", "$A");
        check_expand("cost $ 5", "cost $ 5");
        check_expand("${unclosed", "${unclosed");
    }
}
