//! Scripts through `bash -c`, `sh -c` (dash) and busybox `sh -c`: stdout and status, and
//! stderr where the texts differ between shells.

use super::harness::{alpine, debian, run_with};

/// Runs `script` with bash on Debian and compares stdout and status.
fn check(script: &str, out: &str, status: i32) {
    let r = run_with(debian(), "bash", script);
    assert_eq!(
        (r.out.as_str(), r.status),
        (out, status),
        "script {script:?}\nstderr: {}",
        r.err
    );
}

/// Runs `script` with `shell` (`bash`, `sh` = dash, `ash` = busybox sh on Alpine) and
/// compares stdout, stderr and status.
fn check_all(shell: &str, script: &str, out: &str, err: &str, status: i32) {
    let r = match shell {
        "ash" => run_with(alpine(), "sh", script),
        s => run_with(debian(), s, script),
    };
    assert_eq!(
        (r.out.as_str(), r.err.as_str(), r.status),
        (out, err, status),
        "{shell} script {script:?}"
    );
}

#[test]
fn quoting_and_variables() {
    check("echo hello world", "hello world\n", 0);
    check("echo 'a  b'   \"c  d\"", "a  b c  d\n", 0);
    check("x=1; echo $x ${x} \"$x\" '$x'", "1 1 1 $x\n", 0);
    check("x='a b'; for w in $x; do echo $w; done", "a\nb\n", 0);
    check("x='a b'; for w in \"$x\"; do echo $w; done", "a b\n", 0);
    check("echo ${u:-def} ${u-d2} ${#HOME}", "def d2 5\n", 0);
    check(
        "x=; echo [${x:-e}] [${x-e}] [${x:+set}] [${HOME:+set}]",
        "[e] [] [] [set]\n",
        0,
    );
    check(
        "f=/a/b.tar.gz; echo ${f##*/} ${f%%.*} ${f#*.} ${f%.*}",
        "b.tar.gz /a/b tar.gz /a/b.tar\n",
        0,
    );
    check(
        "s=hello; echo ${s/l/L} ${s//l/L} ${s:1:3} ${s: -2}",
        "heLlo heLLo ell lo\n",
        0,
    );
    check("echo \\$x \\\\ a\\ b", "$x \\ a b\n", 0);
    check("echo $'a\\tb'", "a\tb\n", 0);
    check("echo \"$(echo inner)\" `echo back`", "inner back\n", 0);
    check(
        "echo $((1 + 2 * 3)) $((10 / 3)) $((2 ** 8))",
        "7 3 256\n",
        0,
    );
    check("i=5; i=$((i + 1)); echo $i", "6\n", 0);
    check("echo ~ ~root ~nobody/x", "/root /root /nonexistent/x\n", 0);
    check(
        "set -- a 'b c' d; echo $#; for a in \"$@\"; do echo \"[$a]\"; done",
        "3\n[a]\n[b c]\n[d]\n",
        0,
    );
    check("set -- a b; echo \"$*\" $1 ${2}", "a b a b\n", 0);
    check("unset x; echo ${x:=new}; echo $x", "new\nnew\n", 0);
    check("echo \"\"; echo ''x", "\nx\n", 0);
    check("echo a{1,2}b {x..z} '{a,b}'", "a1b a2b x y z {a,b}\n", 0);
    check_all("sh", "echo {a,b}", "{a,b}\n", "", 0);
    check("x=\"\"; set -- $x; echo $#", "0\n", 0);
}

#[test]
fn lists_and_status() {
    check("true && echo yes || echo no", "yes\n", 0);
    check("false && echo yes || echo no", "no\n", 0);
    check("false; echo $?", "1\n", 0);
    check("! false; echo $?", "0\n", 0);
    check("exit 3", "", 3);
    check("(exit 4); echo $?", "4\n", 0);
    check("x=$(exit 5); echo $?", "5\n", 0);
    check("false", "", 1);
    check("echo a; exit; echo b", "a\n", 0);
    check("set -e; echo a; false; echo b", "a\n", 1);
    check(
        "set -e; false || echo ok; if false; then :; fi; echo end",
        "ok\nend\n",
        0,
    );
}

#[test]
fn compound_commands() {
    check(
        "if true; then echo a; elif true; then echo b; else echo c; fi",
        "a\n",
        0,
    );
    check(
        "if false; then echo a; elif true; then echo b; else echo c; fi",
        "b\n",
        0,
    );
    check("for i in 1 2 3; do echo $i; done", "1\n2\n3\n", 0);
    check(
        "i=0; while [ $i -lt 3 ]; do echo $i; i=$((i+1)); done",
        "0\n1\n2\n",
        0,
    );
    check(
        "i=0; until [ $i -ge 2 ]; do i=$((i+1)); done; echo $i",
        "2\n",
        0,
    );
    check(
        "for i in 1 2 3 4; do [ $i = 3 ] && break; echo $i; done",
        "1\n2\n",
        0,
    );
    check(
        "for i in 1 2 3; do [ $i = 2 ] && continue; echo $i; done",
        "1\n3\n",
        0,
    );
    check(
        "for i in a b; do for j in 1 2; do [ $j = 2 ] && continue 2; echo $i$j; done; done",
        "a1\nb1\n",
        0,
    );
    check(
        "case foo.txt in *.c) echo c;; *.txt|*.md) echo text;; esac",
        "text\n",
        0,
    );
    check(
        "x=b; case $x in a) echo A;; [bc]) echo BC;; *) echo other;; esac",
        "BC\n",
        0,
    );
    check("case x in '*') echo star;; *) echo any;; esac", "any\n", 0);
    check("{ echo a; echo b; }", "a\nb\n", 0);
    check("x=1; (x=2; echo $x); echo $x", "2\n1\n", 0);
    check(
        "f() { echo \"f:$1:$#\"; return 3; }; f a b; echo $?",
        "f:a:2\n3\n",
        0,
    );
    check(
        "f() { local x=in; echo $x; }; x=out; f; echo $x",
        "in\nout\n",
        0,
    );
    check("f() { echo $1; shift; echo $1; }; f 1 2", "1\n2\n", 0);
    check("[[ abc == a* ]] && echo match", "match\n", 0);
    check("[[ -d / && ! -f / ]] && echo dir", "dir\n", 0);
    check("[[ abc =~ ^a(b)c$ ]] && echo re", "re\n", 0);
    check(
        "((3 > 2)) && echo yes; ((0)) || echo zero",
        "yes\nzero\n",
        0,
    );
}

#[test]
fn redirections_and_heredocs() {
    check("echo hi > /tmp/f; read x < /tmp/f; echo $x", "hi\n", 0);
    check(
        "echo a > /tmp/f; echo b >> /tmp/f; while read l; do echo \"<$l>\"; done < /tmp/f",
        "<a>\n<b>\n",
        0,
    );
    check("echo err >&2", "", 0);
    check("{ echo out; echo err >&2; } 2>&1", "out\nerr\n", 0);
    check("{ echo out; echo err >&2; } 2>/dev/null", "out\n", 0);
    check("echo gone > /dev/null; echo $?", "0\n", 0);
    check(
        "cat_() { while read l; do echo \"$l\"; done; }; cat_ <<EOF\nline $((1+1))\n\\$x\nEOF",
        "line 2\n$x\n",
        0,
    );
    check("read a <<'E'\n$HOME\nE\necho $a", "$HOME\n", 0);
    check("read a <<-E\n\t\tindented\n\tE\necho $a", "indented\n", 0);
    check("read a b <<< 'one two three'; echo $b", "two three\n", 0);
    check(
        "echo x > /tmp/d1; echo $?; echo y > /nonexistent/f; echo $?",
        "0\n1\n",
        0,
    );
    check("exec > /tmp/log; echo hidden; exec >&2", "", 0);
}

#[test]
fn not_found_messages_of_each_shell() {
    check_all(
        "bash",
        "foo",
        "",
        "bash: line 1: foo: command not found\n",
        127,
    );
    check_all("sh", "foo", "", "sh: 1: foo: not found\n", 127);
    check_all("ash", "foo", "", "sh: foo: not found\n", 127);
    check_all(
        "bash",
        "echo a\nfoo",
        "a\n",
        "bash: line 2: foo: command not found\n",
        127,
    );
    check_all(
        "sh",
        "true\n\nfoo; echo $?",
        "127\n",
        "sh: 3: foo: not found\n",
        0,
    );
    check_all(
        "bash",
        "./nope",
        "",
        "bash: line 1: ./nope: No such file or directory\n",
        127,
    );
    check_all("sh", "./nope", "", "sh: 1: ./nope: not found\n", 127);
    check_all(
        "bash",
        "/tmp",
        "",
        "bash: line 1: /tmp: Is a directory\n",
        126,
    );
    check_all(
        "sh",
        "/etc/passwd",
        "",
        "sh: 1: /etc/passwd: Permission denied\n",
        126,
    );
    check_all(
        "bash",
        "cd /nope",
        "",
        "bash: line 1: cd: /nope: No such file or directory\n",
        1,
    );
    check_all("sh", "cd /nope", "", "sh: 1: cd: can't cd to /nope\n", 2);
    check_all(
        "ash",
        "cd /nope",
        "",
        "sh: cd: can't cd to /nope: No such file or directory\n",
        1,
    );
    check_all(
        "bash",
        "echo > /x/y",
        "",
        "bash: line 1: /x/y: No such file or directory\n",
        1,
    );
    check_all(
        "sh",
        "echo > /x/y",
        "",
        "sh: 1: cannot create /x/y: Directory nonexistent\n",
        2,
    );
    check_all(
        "ash",
        "echo > /x/y",
        "",
        "sh: can't create /x/y: nonexistent directory\n",
        1,
    );
    check_all(
        "bash",
        "fi",
        "",
        "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `fi'\n",
        2,
    );
    check_all(
        "sh",
        "fi",
        "",
        "sh: 1: Syntax error: \"fi\" unexpected\n",
        2,
    );
    check_all("ash", "fi", "", "sh: syntax error: unexpected \"fi\"\n", 2);
    check_all("sh", "echo -e 'a\\tb'", "-e a\tb\n", "", 0);
    check_all("bash", "echo -e 'a\\tb'", "a\tb\n", "", 0);
    check_all(
        "sh",
        "source /etc/hostname",
        "",
        "sh: 1: source: not found\n",
        127,
    );
}

#[test]
fn scripts_from_files() {
    let mut fs = debian();
    fs.add_file(
        "/hw/run.sh",
        b"#!/bin/sh\necho \"args: $*\"\nexit 7\n",
        0o755,
    );
    fs.add_file("/hw/plain", b"echo plain $1\n", 0o755);
    fs.add_file("/hw/noexec.sh", b"echo no\n", 0o644);
    fs.add_file("/hw/bad.sh", b"#!/bin/zsh\necho\n", 0o755);
    fs.add_file("/hw/blob", b"\x7fELF\x02\x01\x01\0junk", 0o755);
    let r = run_with(fs.clone(), "bash", "cd /hw && ./run.sh a b; echo $?");
    assert_eq!((r.out.as_str(), r.err.as_str()), ("args: a b\n7\n", ""));
    let r = run_with(fs.clone(), "bash", "/hw/plain x");
    assert_eq!(r.out, "plain x\n");
    let r = run_with(fs.clone(), "bash", "/hw/noexec.sh");
    assert_eq!(
        (r.err.as_str(), r.status),
        ("bash: line 1: /hw/noexec.sh: Permission denied\n", 126)
    );
    let r = run_with(fs.clone(), "bash", "/hw/bad.sh");
    assert_eq!(
        (r.err.as_str(), r.status),
        (
            "bash: line 1: /hw/bad.sh: /bin/zsh: bad interpreter: No such file or directory\n",
            126
        )
    );
    let r = run_with(fs.clone(), "bash", "/hw/blob");
    assert_eq!(
        (r.err.as_str(), r.status),
        (
            "bash: line 1: /hw/blob: cannot execute binary file: Exec format error\n",
            126
        )
    );
    let r = run_with(fs, "bash", ". /hw/plain; echo after");
    assert_eq!(r.out, "plain\nafter\n");
}

#[test]
fn redirections_write_files_through_the_filesystem() {
    use crate::shell::fs::ShellFs;
    let r = run_with(
        debian(),
        "bash",
        "echo one > /tmp/a; echo two >> /tmp/a; echo x 2> /tmp/e >&2; umask 077; : > /tmp/p",
    );
    let fs = r.fs.borrow();
    assert_eq!(fs.read("/tmp/a").unwrap(), b"one\ntwo\n");
    assert_eq!(fs.read("/tmp/e").unwrap(), b"x\n");
    assert_eq!(fs.stat("/tmp/a").unwrap().mode, 0o644);
    assert_eq!(fs.stat("/tmp/p").unwrap().mode, 0o600);
}
