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

fn state_of(src: &str, stdin: &str) -> (String, RunState) {
    let (out, _, st) = run(src, stdin);
    (out, st)
}

#[test]
fn runtime_errors_as_a_shell_reports_them() {
    let uaf = "#include <stdlib.h>\n#include <stdio.h>\nint main(void) { int *p = malloc(4); *p = 1; free(p); printf(\"%d\\n\", *p); return 0; }";
    let (_, st) = state_of(uaf, "");
    assert_eq!(
        (st.status(), st.shell_message()),
        (Some(139), Some("Segmentation fault (core dumped)"))
    );
    let null_call = "int main(void) { int (*f)(void) = 0; return f(); }";
    assert_eq!(state_of(null_call, "").1, RunState::Signaled(11));
    let abort = "#include <assert.h>\nint main(void) { int x = 1; assert(x == 2); return 0; }";
    let (_, err, st) = run(abort, "");
    assert_eq!(st.shell_message(), Some("Aborted (core dumped)"));
    assert_eq!(err, "./t: t.c:2: main: Assertion `x == 2' failed.\n");
    assert_eq!(RunState::Signaled(2).shell_message(), None);
    assert_eq!(RunState::Signaled(2).status(), Some(130));
}

#[test]
fn signal_handlers_and_atexit() {
    let src = "#include <stdio.h>\n#include <signal.h>\n#include <stdlib.h>\n#include <unistd.h>\nvolatile int stop = 0;\nvoid on_int(int s) { stop = s; }\nvoid bye(void) { printf(\"bye\\n\"); }\nint main(void) { atexit(bye); signal(SIGINT, on_int); char b[8]; while (!stop) { if (read(0, b, 8) <= 0) break; } printf(\"stopped by %d\\n\", stop); return 0; }";
    let (p, _) = compile(
        &[SourceFile::new("s.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let mut m = Machine::new(p, &["./s".into()], &[]);
    let mut os = MemOs::with_stdin(b"");
    os.set_stdin(b"", false);
    assert_eq!(m.run(100_000, &mut os), RunState::Blocked);
    os.kill(2);
    assert_eq!(
        m.run(100_000, &mut os),
        RunState::Blocked,
        "the handler ran; read waits again"
    );
    os.end_input();
    assert_eq!(m.run(100_000, &mut os), RunState::Exited(0));
    assert_eq!(String::from_utf8_lossy(&os.stdout), "stopped by 2\nbye\n");
}

#[test]
fn sleep_waits_for_the_clock() {
    let src = "#include <stdio.h>\n#include <unistd.h>\n#include <time.h>\nint main(void) { time_t a = time(NULL); sleep(2); printf(\"%ld\\n\", (long)(time(NULL) - a)); return 0; }";
    let (p, _) = compile(
        &[SourceFile::new("s.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let net = MemNet::new(1_000_000_000_000);
    let mut os = net.host("h", [10, 0, 0, 1]);
    let mut m = Machine::new(p, &["./s".into()], &[]);
    assert_eq!(m.run(100_000, &mut os), RunState::Blocked);
    net.advance(1_000_000_000);
    assert_eq!(m.run(100_000, &mut os), RunState::Blocked);
    net.advance(1_000_000_000);
    assert_eq!(m.run(100_000, &mut os), RunState::Exited(0));
    assert_eq!(os.stdout, b"2\n");
}

#[test]
fn select_and_stdout_on_a_terminal() {
    let src = "#include <stdio.h>\n#include <sys/select.h>\nint main(void) { printf(\"prompt> \"); fd_set r; FD_ZERO(&r); FD_SET(0, &r); int n = select(1, &r, NULL, NULL, NULL); char b[32]; fgets(b, sizeof b, stdin); printf(\"%d %d %s\", n, FD_ISSET(0, &r) != 0, b); return 0; }";
    let (p, _) = compile(
        &[SourceFile::new("s.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let mut m = Machine::new(p, &["./s".into()], &[]);
    let mut os = MemOs::with_stdin(b"");
    os.set_stdin(b"", false);
    os.tty = true;
    assert_eq!(m.run(100_000, &mut os), RunState::Blocked);
    os.type_input(b"hi\n");
    assert_eq!(m.run(100_000, &mut os), RunState::Exited(0));
    assert_eq!(String::from_utf8_lossy(&os.stdout), "prompt> 1 1 hi\n");
}

#[test]
fn budget_yields_and_resumes() {
    let src = "#include <stdio.h>\nint main(void) { long s = 0; for (long i = 0; i < 100000; i++) s += i; printf(\"%ld\\n\", s); return 0; }";
    let (p, _) = compile(
        &[SourceFile::new("s.c", src)],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    let mut m = Machine::new(p, &["./s".into()], &[]);
    let mut os = MemOs::with_stdin(b"");
    let mut yields = 0;
    loop {
        match m.run(1000, &mut os) {
            RunState::Yielded => yields += 1,
            st => {
                assert_eq!(st, RunState::Exited(0));
                break;
            }
        }
    }
    assert!(yields > 100);
    assert_eq!(os.stdout, b"4999950000\n");
}

/// The shell recognizes a compiled program by its exec name.
#[test]
fn executables_carry_the_shell_exec_name() {
    let (p, _) = compile(
        &[SourceFile::new("t.c", "int main(void) { return 0; }")],
        &NoHeaders,
        &Options::default(),
    )
    .unwrap();
    assert_eq!(
        crate::shell::exec::exec_name(&p.to_bytes()),
        Some("c-program")
    );
}
