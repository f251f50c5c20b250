//! Property tests of the C compiler and machine: no input — random bytes, C token soup,
//! mutated executables — makes them panic (a panic in wasm kills the page).

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use berth::cc::{compile, Machine, MemOs, NoHeaders, Object, Options, Program, SourceFile, Style};
use proptest::prelude::*;

const TOKENS: &[&str] = &[
    "int",
    "char",
    "long",
    "double",
    "float",
    "unsigned",
    "void",
    "struct",
    "union",
    "enum",
    "typedef",
    "static",
    "const",
    "if",
    "else",
    "while",
    "for",
    "do",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "return",
    "goto",
    "sizeof",
    "main",
    "x",
    "y",
    "p",
    "s",
    "f",
    "printf",
    "malloc",
    "free",
    "strcpy",
    "NULL",
    "argc",
    "argv",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    ".",
    "->",
    "*",
    "&",
    "+",
    "-",
    "/",
    "%",
    "=",
    "==",
    "!=",
    "<",
    ">",
    "<=",
    ">=",
    "<<",
    ">>",
    "&&",
    "||",
    "!",
    "~",
    "?",
    ":",
    "++",
    "--",
    "+=",
    "...",
    "#",
    "##",
    "0",
    "1",
    "42",
    "-1",
    "0x7fffffff",
    "2147483648",
    "1.5",
    "1e308",
    "'a'",
    "'\\0'",
    "\"str\"",
    "\"%d\\n\"",
    "\"%s%p%n\"",
    "\n",
    "#include <stdio.h>\n",
    "#include <stdlib.h>\n",
    "#define M(a) a*a\n",
    "#if 1\n",
    "#endif\n",
    "#ifdef X\n",
    "\\\n",
];

const PROGRAMS: &[&str] = &[
    "#include <stdio.h>\nint main(int argc, char **argv) { int a[4] = {1,2,3,4}; for (int i = 0; i < 4; i++) printf(\"%d\\n\", a[i]); return argc; }\n",
    "#include <stdlib.h>\n#include <string.h>\nstruct n { int v; struct n *next; };\nint main(void) { struct n *h = 0; for (int i = 0; i < 5; i++) { struct n *x = malloc(sizeof *x); x->v = i; x->next = h; h = x; } char b[8]; strcpy(b, \"ok\"); return h->v + b[0]; }\n",
];

fn run_a_little(p: Program) {
    let mut m = Machine::new(p, &["./t".into(), "arg".into()], &["HOME=/root".into()]);
    let mut os = MemOs::with_stdin(b"some input\n12 34\n");
    for _ in 0..5 {
        let _ = m.run(20_000, &mut os);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn token_soup_never_panics(picks in proptest::collection::vec(0..TOKENS.len(), 0..80), style in 0..2u8) {
        let src: String = picks.iter().map(|&i| TOKENS[i]).collect::<Vec<_>>().join(" ");
        let opts = Options { style: if style == 0 { Style::Gcc5 } else { Style::Gcc12 }, wall: true, ..Options::default() };
        match compile(&[SourceFile::new("soup.c", &src)], &NoHeaders, &opts) {
            Ok((p, w)) => {
                let _ = berth::cc::render(&w, opts.style);
                run_a_little(p);
            }
            Err(d) => {
                let _ = berth::cc::render(&d, opts.style);
            }
        }
    }

    #[test]
    fn random_text_never_panics(src in "\\PC{0,200}") {
        let _ = compile(&[SourceFile::new("r.c", &src)], &NoHeaders, &Options::default());
    }

    #[test]
    fn random_bytes_never_load(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = Program::from_bytes(&bytes);
        let _ = Object::from_bytes(&bytes);
        let mut with_tag = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00berth-exec:c-program\n\x01".to_vec();
        with_tag.extend_from_slice(&bytes);
        if let Ok(p) = Program::from_bytes(&with_tag) {
            run_a_little(p);
        }
    }

    #[test]
    fn mutated_executables_never_panic(which in 0..PROGRAMS.len(), flips in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..6)) {
        let (p, _) = compile(&[SourceFile::new("p.c", PROGRAMS[which])], &NoHeaders, &Options::default()).unwrap();
        let mut bytes = p.to_bytes();
        for (at, v) in flips {
            let n = bytes.len();
            bytes[at % n] = v;
        }
        if let Ok(p) = Program::from_bytes(&bytes) {
            run_a_little(p);
        }
    }
}

#[test]
fn garbage_is_reported_not_loaded() {
    assert_eq!(
        Program::from_bytes(b"#!/bin/sh\necho hi\n")
            .unwrap_err()
            .to_string(),
        "not a compiled C program"
    );
    assert!(Program::from_bytes(b"\x7fELF\x02\x01\x01\x00").is_err());
    let (p, _) = compile(
        &[SourceFile::new("p.c", PROGRAMS[0])],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let bytes = p.to_bytes();
    assert!(bytes.starts_with(b"\x7fELF"));
    assert!(bytes[..256.min(bytes.len())]
        .windows(21)
        .any(|w| w == b"berth-exec:c-program\n"));
    assert!(Program::from_bytes(&bytes[..bytes.len() / 2]).is_err());
    assert!(
        bytes.len() < 4096,
        "executables stay small: {} bytes",
        bytes.len()
    );
}

fn corpus() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cc/corpus");
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    v.into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Real programs with a few words cut, doubled or swapped: the mistakes of a student
    /// in the middle of an edit.
    #[test]
    fn edited_programs_never_panic(which in any::<usize>(), edits in proptest::collection::vec((any::<usize>(), 0..3u8, any::<usize>()), 1..4)) {
        let all = corpus();
        let src = &all[which % all.len()];
        let mut words: Vec<&str> = src.split(' ').collect();
        for (at, kind, other) in edits {
            let n = words.len();
            let (i, j) = (at % n, other % n);
            match kind {
                0 => {
                    words.remove(i);
                }
                1 => {
                    let w = words[j];
                    words.insert(i, w);
                }
                _ => words.swap(i, j),
            }
            if words.is_empty() {
                break;
            }
        }
        let edited = words.join(" ");
        for style in [Style::Gcc5, Style::Gcc12] {
            let opts = Options { style, wall: true, ..Options::default() };
            match compile(&[SourceFile::new("e.c", &edited)], &NoHeaders, &opts) {
                Ok((p, w)) => {
                    let _ = berth::cc::render(&w, style);
                    run_a_little(p);
                }
                Err(d) => {
                    let _ = berth::cc::render(&d, style);
                }
            }
        }
    }
}

/// Inputs the property tests once found to run away (a member access at the end of the file
/// re-read its `.` forever, piling up errors until memory ran out).
#[test]
fn inputs_that_once_ran_away_end_with_errors() {
    for src in ["int x=y.", "x=y.", "int x=y->", "Ⱥù`𐞀ਹ`=𐣻ਜ਼fѨ."] {
        let got = compile(
            &[SourceFile::new("r.c", src)],
            &NoHeaders,
            &Options::default(),
        );
        assert!(got.is_err(), "{src:?} compiled");
    }
}
