//! Interactive shells on a terminal: prompts, continuation lines, `exit`, Ctrl-D, Ctrl-C,
//! and the budget that stops runaway loops.

use super::harness::{alpine, debian, Session};

#[test]
fn prompts_of_each_shell() {
    let mut s = Session::start(debian(), "bash");
    assert_eq!(s.prompt().as_deref(), Some("root@3f4e5a6b7c8d:/# "));
    s.line("cd /tmp");
    assert_eq!(s.prompt().as_deref(), Some("root@3f4e5a6b7c8d:/tmp# "));
    s.line("cd");
    assert_eq!(s.prompt().as_deref(), Some("root@3f4e5a6b7c8d:~# "));
    let s = Session::start(debian(), "sh");
    assert_eq!(s.prompt().as_deref(), Some("# "));
    let mut s = Session::start(alpine(), "sh");
    assert_eq!(s.prompt().as_deref(), Some("/ # "));
    s.line("cd /tmp");
    assert_eq!(s.prompt().as_deref(), Some("/tmp # "));
}

#[test]
fn continuation_lines_and_errors() {
    let mut s = Session::start(debian(), "bash");
    assert_eq!(s.line("if true"), "");
    assert_eq!(s.prompt().as_deref(), Some("> "));
    assert_eq!(s.line("then echo yes"), "");
    assert_eq!(s.line("fi"), "yes\n");
    assert_eq!(s.prompt().as_deref(), Some("root@3f4e5a6b7c8d:/# "));
    assert_eq!(s.line("echo 'open"), "");
    assert_eq!(s.line("close'"), "open\nclose\n");
    assert_eq!(s.line("nope"), "bash: nope: command not found\n");
    assert_eq!(s.line("echo $?"), "127\n");
    assert_eq!(
        s.line("fi"),
        "bash: syntax error near unexpected token `fi'\n"
    );
    let mut d = Session::start(debian(), "sh");
    d.line("true");
    assert_eq!(d.line("nope"), "sh: 2: nope: not found\n");
}

#[test]
fn exit_and_end_of_file() {
    let mut s = Session::start(debian(), "bash");
    assert_eq!(s.line("exit 3"), "exit\n");
    assert_eq!(s.rig.run_to_end(), Some(3));
    let mut s = Session::start(debian(), "bash");
    s.line("false");
    s.tty.borrow_mut().type_eof();
    assert_eq!(s.settle(), "exit\n");
    assert_eq!(s.rig.run_to_end(), Some(1));
    let mut s = Session::start(alpine(), "sh");
    s.tty.borrow_mut().type_eof();
    assert_eq!(s.settle(), "");
    assert_eq!(s.rig.run_to_end(), Some(0));
}

#[test]
fn runaway_loops_are_stopped() {
    let mut s = Session::start(debian(), "bash");
    let out = s.line("while true; do :; done");
    assert_eq!(out, "berth: stopped a runaway loop after 2000000 steps\n");
    assert_eq!(s.line("echo $?"), "124\n");
}

#[test]
fn ctrl_c_at_the_prompt_gives_a_new_prompt() {
    let mut s = Session::start(debian(), "bash");
    s.tty.borrow_mut().interrupt();
    assert_eq!(s.settle(), "\n");
    assert_eq!(s.prompt().as_deref(), Some("root@3f4e5a6b7c8d:/# "));
    assert_eq!(s.line("echo $?"), "130\n");
}

#[test]
fn nesting_is_limited() {
    super::harness::big_stack(|| {
        let mut s = Session::start(debian(), "bash");
        let out = s.line("f() { f; }; f");
        assert_eq!(
            out,
            "bash: f: maximum function nesting level exceeded (64)\n"
        );
        let mut fs = debian();
        fs.add_file("/self.sh", b"#!/bin/sh\n/self.sh\n", 0o755);
        let r = super::harness::run_with(fs, "sh", "/self.sh");
        assert!(
            r.err
                .contains("fork: retry: Resource temporarily unavailable"),
            "{}",
            r.err
        );
    });
}
