//! The course exercises' programs on an in-memory container: gcc, make and compiled C
//! programs (their stdin, signals and sockets), and the mysql image's entrypoint, server
//! and client.

use std::cell::RefCell;
use std::rc::Rc;

use super::harness::{debian, Rig, ID, T0};
use crate::kernel::Sink;
use crate::ports::SECOND;
use crate::shell::exec::binary;
use crate::shell::fs::ShellFs;
use crate::shell::io::Stdin;
use crate::shell::memfs::MemFs;
use crate::shell::program::Machine;

const HELLO: &str = "#include <stdio.h>\nint main(void) {\n    char name[64];\n    printf(\"name? \");\n    if (scanf(\"%63s\", name) == 1)\n        printf(\"hello, %s\\n\", name);\n    return 3;\n}\n";
const BAD: &str = "int main(void)\n{\n    int x = 1\n    return x;\n}\n";
const SEGV: &str = "int main(void) { int *p = 0; *p = 1; return 0; }\n";
const LONG: &str = "#include <stdio.h>\nint main(void) { long s = 0; for (long i = 0; i < 3000000; i++) s += i % 7; printf(\"%ld\\n\", s); return 0; }\n";
const SERVER: &str = "#include <stdio.h>\n#include <string.h>\n#include <unistd.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\nint main(void) {\n    int s = socket(AF_INET, SOCK_STREAM, 0);\n    struct sockaddr_in a;\n    memset(&a, 0, sizeof a);\n    a.sin_family = AF_INET;\n    a.sin_port = htons(8888);\n    a.sin_addr.s_addr = htonl(INADDR_ANY);\n    if (bind(s, (struct sockaddr *)&a, sizeof a) < 0) { perror(\"bind\"); return 1; }\n    listen(s, 5);\n    int c = accept(s, NULL, NULL);\n    char buf[64];\n    int n = read(c, buf, sizeof buf - 1);\n    buf[n] = 0;\n    printf(\"got: %s\\n\", buf);\n    write(c, \"pong\", 4);\n    close(c);\n    return 0;\n}\n";
const CLIENT: &str = "#include <stdio.h>\n#include <unistd.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n#include <arpa/inet.h>\nint main(int argc, char **argv) {\n    int s = socket(AF_INET, SOCK_STREAM, 0);\n    struct sockaddr_in a = { 0 };\n    a.sin_family = AF_INET;\n    a.sin_port = htons(8888);\n    a.sin_addr.s_addr = inet_addr(argc > 1 ? argv[1] : \"127.0.0.1\");\n    if (connect(s, (struct sockaddr *)&a, sizeof a) < 0) { perror(\"connect\"); return 1; }\n    write(s, \"ping\", 4);\n    char buf[64];\n    int n = read(s, buf, sizeof buf - 1);\n    buf[n] = 0;\n    printf(\"reply: %s\\n\", buf);\n    return 0;\n}\n";
const MAKEFILE: &str =
    "all: hello\nhello: hello.c\n\tgcc -Wall -o hello hello.c\nclean:\n\trm -f hello\n";

/// A Debian container with the exercise images' programs and the sources above in `/hw`.
fn container() -> MemFs {
    let mut fs = debian();
    for p in ["gcc", "make", "cmake", "mysql"] {
        fs.add_file(&format!("/usr/local/bin/{p}"), &binary(p), 0o755);
    }
    fs.add_file(
        "/usr/local/bin/docker-entrypoint.sh",
        b"#!/bin/bash\n# Entrypoint script for MySQL Server\n",
        0o755,
    );
    fs.add_dir("/hw", 0o755);
    fs.add_dir("/var/lib/mysql", 0o755);
    for (name, text) in [
        ("hello.c", HELLO),
        ("bad.c", BAD),
        ("segv.c", SEGV),
        ("long.c", LONG),
        ("server.c", SERVER),
        ("client.c", CLIENT),
        ("Makefile", MAKEFILE),
    ] {
        fs.add_file(&format!("/hw/{name}"), text.as_bytes(), 0o644);
    }
    fs
}

fn rig(fs: MemFs) -> Rig {
    let mut rig = Rig::new(fs);
    let mut m = Machine::container(ID);
    m.programs = crate::daemon::programs::registry();
    rig.machine = Rc::new(m);
    rig
}

type Buf = Rc<RefCell<Vec<u8>>>;

/// Starts `args` in `/hw` with `env` and `stdin`; returns its stdout and stderr buffers.
fn start(rig: &Rig, args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> (Buf, Buf) {
    let out: Buf = Rc::default();
    let err: Buf = Rc::default();
    let mut p = rig.proc(
        args,
        Stdin::bytes(stdin),
        Sink::Capture(Rc::clone(&out)),
        Sink::Capture(Rc::clone(&err)),
    );
    p.cwd = "/hw".into();
    for (k, v) in env {
        p.set_var(k, v);
    }
    rig.spawn(p);
    (out, err)
}

fn text(b: &Buf) -> String {
    String::from_utf8_lossy(&b.borrow()).into_owned()
}

/// Runs a bash script in the container's `/hw`: stdout, stderr, status.
fn check(script: &str, out: &str, err: &str, status: i32) {
    let mut r = rig(container());
    let (o, e) = start(
        &r,
        &["/bin/bash", "-c", script],
        &[("GCC_VERSION", "5.2.0")],
        b"",
    );
    let got = r.run_to_end().unwrap_or(-1);
    assert_eq!(
        (text(&o).as_str(), text(&e).as_str(), got),
        (out, err, status),
        "script {script:?}"
    );
}

#[test]
fn gcc_and_programs() {
    check(
        "gcc -Wall hello.c -o hello && echo world | ./hello; echo \" $?\"",
        "name? hello, world\n 3\n",
        "",
        0,
    );
    check(
        "gcc hello.c && ./a.out < /dev/null; echo $?",
        "name? 3\n",
        "",
        0,
    );
    check(
        "gcc -c hello.c && gcc hello.o -o h2 && test -x h2 && echo ok",
        "ok\n",
        "",
        0,
    );
    check(
        "gcc bad.c -o bad",
        "",
        "bad.c: In function 'main':\nbad.c:4:5: error: expected ',' or ';' before 'return'\n     return x;\n     ^\n",
        1,
    );
    check(
        "gcc segv.c -o segv && ./segv",
        "",
        "Segmentation fault (core dumped)\n",
        139,
    );
    check("gcc long.c -o long && ./long", "8999994\n", "", 0);
    check(
        "./hello.c",
        "",
        "bash: line 1: ./hello.c: Permission denied\n",
        126,
    );
}

#[test]
fn make_builds_and_skips() {
    check(
        "make && make",
        "gcc -Wall -o hello hello.c\nmake: Nothing to be done for 'all'.\n",
        "",
        0,
    );
    check("make clean", "rm -f hello\n", "", 0);
}

#[test]
fn sockets_within_a_container() {
    check(
        "gcc server.c -o server && gcc client.c -o client && ./server & sleep 1; ./client; wait",
        "got: ping\nreply: pong\n",
        "",
        0,
    );
    check(
        "gcc client.c -o client && ./client",
        "",
        "connect: Connection refused\n",
        1,
    );
    check(
        "gcc client.c -o client && ./client 172.17.0.9",
        "",
        "connect: No route to host\n",
        1,
    );
}

#[test]
fn mysql_server_and_client() {
    let mut r = rig(container());
    let env = [
        ("MYSQL_ROOT_PASSWORD", "123456"),
        ("MYSQL_VERSION", "5.7.44-1.el7"),
    ];
    let (log_out, _) = start(
        &r,
        &["/usr/local/bin/docker-entrypoint.sh", "mysqld"],
        &env,
        b"",
    );
    r.tick();
    let (_, e) = start(
        &r,
        &["/usr/local/bin/mysql", "-uroot", "-p123456"],
        &env,
        b"",
    );
    r.tick();
    assert!(text(&e).ends_with("ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/var/run/mysqld/mysqld.sock' (2)\n"));
    r.now = T0 + 30 * SECOND;
    r.tick();
    assert!(text(&log_out)
        .contains("[Note] [Entrypoint]: MySQL init process done. Ready for start up."));
    let sql = "create database shop; create table shop.t (id int, name varchar(9)); insert into shop.t values (1, 'a'); select * from shop.t";
    let (o, e) = start(
        &r,
        &["/usr/local/bin/mysql", "-uroot", "-p123456", "-e", sql],
        &env,
        b"",
    );
    r.tick();
    assert_eq!(text(&o), "id\tname\n1\ta\n", "{}", text(&e));
    let (o, _) = start(
        &r,
        &["/usr/local/bin/mysql", "-uroot", "-p123456", "-h127.0.0.1"],
        &env,
        b"show databases;\n",
    );
    r.tick();
    assert_eq!(
        text(&o),
        "Database\ninformation_schema\nmysql\nperformance_schema\nshop\nsys\n"
    );
    let (_, e) = start(
        &r,
        &["/usr/local/bin/mysql", "-uroot", "-p123456", "-hother"],
        &env,
        b"",
    );
    r.tick();
    assert!(text(&e).ends_with("ERROR 2005 (HY000): Unknown MySQL server host 'other' (0)\n"));
    assert!(r.fs.borrow().read("/var/lib/mysql/shop/t.frm").is_ok());
}

#[test]
fn mysql_needs_a_password_option() {
    let mut r = rig(container());
    let env = [("MYSQL_VERSION", "5.7.44-1.el7")];
    let (_, e) = start(
        &r,
        &["/usr/local/bin/docker-entrypoint.sh", "mysqld"],
        &env,
        b"",
    );
    assert_eq!(r.run_to_end(), Some(1));
    assert!(text(&e).contains(
        "[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"
    ));
}
