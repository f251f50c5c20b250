//! Tests of the whole pipeline: source in, program output out.

use super::*;

/// Compiles `src` and runs it with `stdin`; returns stdout, stderr and how it ended.
pub fn run(src: &str, stdin: &str) -> (String, String, RunState) {
    let (p, _) = match compile(
        &[SourceFile::new("t.c", src)],
        &NoHeaders,
        &Options::default(),
    ) {
        Ok(p) => p,
        Err(d) => {
            return (
                String::new(),
                render(&d, Style::Gcc12),
                RunState::Exited(-1),
            )
        }
    };
    let bytes = p.to_bytes();
    let p = Program::from_bytes(&bytes).expect("round trip");
    let mut m = Machine::new(p, &["./t".into()], &[]);
    let mut os = MemOs::with_stdin(stdin.as_bytes());
    let st = m.run(50_000_000, &mut os);
    (
        String::from_utf8_lossy(&os.stdout).into_owned(),
        String::from_utf8_lossy(&os.stderr).into_owned(),
        st,
    )
}

fn check(src: &str, stdin: &str, expected: &str) {
    let (out, err, st) = run(src, stdin);
    assert_eq!(out, expected, "stderr: {err} state: {st:?}");
}

#[test]
fn hello() {
    check(
        "#include <stdio.h>\nint main(void) { printf(\"hello %d\\n\", 42); return 0; }",
        "",
        "hello 42\n",
    );
}

#[test]
fn loops_and_recursion() {
    check("#include <stdio.h>\nint fib(int n) { return n < 2 ? n : fib(n-1) + fib(n-2); }\nint main() { int i; for (i = 0; i < 10; i++) printf(\"%d \", fib(i)); puts(\"\"); return 0; }", "", "0 1 1 2 3 5 8 13 21 34 \n");
}

/// A counting loop costs three instructions an iteration (add, increment, compare-branch).
#[test]
fn counting_loop_is_three_instructions_an_iteration() {
    let src = "int main(void) { long sum = 0; for (int i = 0; i < 1000000; i++) sum += i; return sum == 499999500000; }";
    let (p, _) = compile(
        &[SourceFile::new("t.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let mut m = Machine::new(p, &["./t".into()], &[]);
    let mut os = MemOs::with_stdin(b"");
    assert_eq!(m.run(10_000_000, &mut os), RunState::Exited(1));
    assert!(m.steps <= 3_000_020, "{} steps", m.steps);
}
