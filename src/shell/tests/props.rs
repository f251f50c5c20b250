//! Property tests: random soups of shell tokens never panic the lexer, the parser or the
//! interpreter, every run ends, and none holds more than a few times the memory limit.

use proptest::prelude::*;

use super::harness::{big_stack, debian, run_with};
use super::memory::{peak_of, PEAK_LIMIT};
use crate::shell::parser::parse;

const TOKENS: &[&str] = &[
    "if",
    "then",
    "elif",
    "else",
    "fi",
    "while",
    "until",
    "do",
    "done",
    "for",
    "in",
    "case",
    "esac",
    ";;",
    "(",
    ")",
    "{",
    "}",
    ";",
    "&",
    "&&",
    "||",
    "|",
    "!",
    "\n",
    "'",
    "\"",
    "`",
    "\\",
    "$(",
    "${",
    "$((",
    "))",
    "$x",
    "${x:-d}",
    "${#x}",
    "${x%%*}",
    "$?",
    "$@",
    "$#",
    "$1",
    "*",
    "?",
    "[a-",
    "~",
    "x=1",
    "x=$(echo y)",
    "echo",
    "printf",
    "'%s\\n'",
    "ls",
    "cat",
    "cd",
    "/tmp",
    "..",
    "rm",
    "-rf",
    "mkdir",
    "-p",
    "yes",
    "head",
    "-n",
    "1",
    "0",
    "1/0",
    "exit",
    "return",
    "break",
    "continue",
    "eval",
    "set",
    "-e",
    "shift",
    "read",
    "f()",
    "local",
    "export",
    "unset",
    ">",
    ">>",
    "<",
    "2>&1",
    ">&2",
    "&>",
    "<<EOF",
    "<<-E",
    "EOF",
    "E",
    "<<<",
    "[[",
    "]]",
    "==",
    "=~",
    "[",
    "]",
    "-f",
    "test",
    "((",
    "grep",
    "sed",
    "s/a/b/",
    "sort",
    "wc",
    "-l",
    "sleep",
    "kill",
    "$$",
    "wait",
    "exec",
    "trap",
    "source",
    ".",
    "#",
    "a b",
    "\t",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..24).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parsing_never_panics(s in soup()) {
        let _ = parse(&s, true);
        let _ = parse(&s, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]

    #[test]
    fn running_never_panics_and_always_ends(s in soup(), shell in prop::sample::select(&["bash", "sh"][..])) {
        let (s, shell) = (s.clone(), shell.to_owned());
        big_stack(move || {
            let mut status = -1;
            let peak = peak_of(|| status = run_with(debian(), &shell, &s).status);
            assert!(status >= 0, "did not end: {s:?}");
            assert!(peak < PEAK_LIMIT, "{s:?} held {} MiB", peak >> 20);
        });
    }
}
