//! The syntax tree of shell input: lists, and-or lists, pipelines, simple and compound
//! commands, function definitions, redirections, and words made of quoted and expandable parts.

use std::rc::Rc;

/// A sequence of commands separated by `;`, `&` or newlines.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct List(pub Vec<Item>);

/// One entry of a [`List`]: an and-or list, run in the background when it ended with `&`.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// The commands.
    pub and_or: AndOr,
    /// Ended with `&`.
    pub background: bool,
}

/// Pipelines joined by `&&` and `||`.
#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The rest, each with the operator before it (`true` for `&&`).
    pub rest: Vec<(bool, Pipeline)>,
}

/// Commands joined by `|`, perhaps negated with `!`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    /// Started with `!`.
    pub bang: bool,
    /// The commands, left to right.
    pub cmds: Vec<Command>,
}

/// One command of a pipeline.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// `a=b cmd args >redir`.
    Simple(SimpleCommand),
    /// A compound command with its redirections.
    Compound(Compound, Vec<Redir>),
    /// `name() body`.
    FuncDef(String, Rc<Command>),
}

/// Assignments, words and redirections, in source order within each kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SimpleCommand {
    /// `NAME=value` words before the command name.
    pub assigns: Vec<(String, Word)>,
    /// The command name and its arguments.
    pub words: Vec<Word>,
    /// Redirections.
    pub redirs: Vec<Redir>,
    /// Source line of the command (for `sh: 3: foo: not found`).
    pub line: u32,
}

/// The compound commands.
#[derive(Clone, Debug, PartialEq)]
pub enum Compound {
    /// `{ list; }`.
    Brace(List),
    /// `( list )`.
    Subshell(List),
    /// `if c; then b; elif c; then b; else b; fi`.
    If {
        /// Each condition with its body.
        arms: Vec<(List, List)>,
        /// The `else` body.
        otherwise: Option<List>,
    },
    /// `while c; do b; done` or `until c; do b; done`.
    Loop {
        /// `until` rather than `while`.
        until: bool,
        /// The condition.
        cond: List,
        /// The body.
        body: List,
    },
    /// `for name in words; do body; done` (`None`: the positional parameters).
    For {
        /// Loop variable.
        var: String,
        /// What to iterate over.
        words: Option<Vec<Word>>,
        /// The body.
        body: List,
    },
    /// `case word in pattern) list;; esac`.
    Case {
        /// The subject.
        word: Word,
        /// The arms: patterns and body.
        arms: Vec<(Vec<Word>, List)>,
    },
    /// `[[ expression ]]` (bash): the words between the brackets.
    Cond(Vec<Word>),
    /// `(( expression ))` (bash): the expression text.
    Arith(Word),
}

/// A redirection.
#[derive(Clone, Debug, PartialEq)]
pub struct Redir {
    /// The descriptor it applies to (`2>` has 2); `None` for the operator's default.
    pub fd: Option<u32>,
    /// The operator.
    pub op: RedirOp,
    /// The file name, descriptor number or here-document body.
    pub target: Word,
}

/// Redirection operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`.
    In,
    /// `>` (and `>|`).
    Out,
    /// `>>`.
    Append,
    /// `<>`.
    ReadWrite,
    /// `<&`.
    DupIn,
    /// `>&` (with a file name instead of a number, bash treats it as `&>`).
    DupOut,
    /// `&>`: stdout and stderr to a file.
    OutErr,
    /// `&>>`.
    AppendErr,
    /// `<<` and `<<-`: the target is the body; `true` when the delimiter was quoted.
    HereDoc(bool),
    /// `<<<` (bash).
    HereString,
}

/// A word: parts that expand and concatenate.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word(pub Vec<Part>);

/// One piece of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Unquoted text: field splitting does not apply to it, but globbing does.
    Lit(String),
    /// Quoted text (single quotes, backslash escapes): taken as is.
    Quoted(String),
    /// `"…"`: its parts expand without field splitting or globbing.
    Double(Vec<Part>),
    /// A parameter expansion.
    Param(Box<Param>),
    /// `$(…)` or backquotes.
    CommandSub(Rc<List>),
    /// `$((…))`: the expression's parts (expanded, then evaluated).
    Arith(Vec<Part>),
    /// `~` or `~user` at the start of a word.
    Tilde(String),
}

/// `$name`, `${name}`, `${name:-word}`, `${#name}` and friends.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The parameter: a name, a digit string, or one of `@*#?$!-0`.
    pub name: String,
    /// What to do with it.
    pub op: ParamOp,
}

/// Operators of `${…}`.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamOp {
    /// The value.
    Plain,
    /// `${#name}`.
    Length,
    /// `${name-w}` / `${name:-w}` (colon: also when empty).
    Default(bool, Word),
    /// `${name=w}` / `${name:=w}`.
    Assign(bool, Word),
    /// `${name?w}` / `${name:?w}`.
    Error(bool, Word),
    /// `${name+w}` / `${name:+w}`.
    Alternative(bool, Word),
    /// `${name#p}` (`false`) / `${name##p}` (`true`).
    TrimPrefix(bool, Word),
    /// `${name%p}` / `${name%%p}`.
    TrimSuffix(bool, Word),
    /// `${name/p/r}` (`false`) / `${name//p/r}` (`true`), bash.
    Replace(bool, Word, Word),
    /// `${name:offset}` / `${name:offset:length}`, bash.
    Substring(Word, Option<Word>),
}

impl Word {
    /// A word of one unquoted literal.
    pub fn lit(s: &str) -> Word {
        Word(vec![Part::Lit(s.to_owned())])
    }

    /// The text when the word is one unquoted literal (reserved words, names).
    pub fn as_lit(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Lit(s)] => Some(s),
            _ => None,
        }
    }

    /// The text with quotes removed and nothing expanded (here-document delimiters,
    /// function names); `None` when it has expansions.
    pub fn unquoted_text(&self) -> Option<String> {
        fn go(parts: &[Part], out: &mut String) -> bool {
            for p in parts {
                match p {
                    Part::Lit(s) | Part::Quoted(s) => out.push_str(s),
                    Part::Double(ps) => {
                        if !go(ps, out) {
                            return false;
                        }
                    }
                    Part::Tilde(u) => {
                        out.push('~');
                        out.push_str(u);
                    }
                    _ => return false,
                }
            }
            true
        }
        let mut s = String::new();
        go(&self.0, &mut s).then_some(s)
    }

    /// Whether any part is quoted (a quoted here-document delimiter disables expansion).
    pub fn has_quotes(&self) -> bool {
        self.0
            .iter()
            .any(|p| matches!(p, Part::Quoted(_) | Part::Double(_)))
    }
}
