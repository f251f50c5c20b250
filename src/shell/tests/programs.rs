//! The programs, run through the shell on a Debian-like (GNU) or Alpine-like (busybox)
//! filesystem.

use super::harness::{alpine, debian, run_with, Session};
use crate::ports::SECOND;

/// bash on Debian: stdout and status.
fn check(script: &str, out: &str, status: i32) {
    let r = run_with(fixture(), "bash", script);
    assert_eq!(
        (r.out.as_str(), r.status),
        (out, status),
        "script {script:?}\nstderr: {}",
        r.err
    );
}

/// bash on Debian: stderr and status.
fn check_err(script: &str, err: &str, status: i32) {
    let r = run_with(fixture(), "bash", script);
    assert_eq!(
        (r.err.as_str(), r.status),
        (err, status),
        "script {script:?}\nstdout: {}",
        r.out
    );
}

/// busybox sh on Alpine: stdout, stderr, status.
fn check_bb(script: &str, out: &str, err: &str, status: i32) {
    let mut fs = alpine();
    add_files(&mut fs);
    let r = run_with(fs, "sh", script);
    assert_eq!(
        (r.out.as_str(), r.err.as_str(), r.status),
        (out, err, status),
        "script {script:?}"
    );
}

fn add_files(fs: &mut crate::shell::memfs::MemFs) {
    fs.add_file("/data/fruits", b"banana\napple\ncherry\napple\n", 0o644);
    fs.add_file("/data/nums", b"10\n9\n100\n-1\n", 0o644);
    fs.add_file("/data/csv", b"a,b,c\n1,2,3\n", 0o644);
    fs.add_dir("/data/sub/deep", 0o755);
    fs.add_file("/data/sub/x.txt", b"hello world\n", 0o644);
}

fn fixture() -> crate::shell::memfs::MemFs {
    let mut fs = debian();
    add_files(&mut fs);
    fs
}

#[test]
fn text_tools() {
    check(
        "cat /data/fruits | sort | uniq -c",
        "      2 apple\n      1 banana\n      1 cherry\n",
        0,
    );
    check("sort -n /data/nums", "-1\n9\n10\n100\n", 0);
    check("sort -rn /data/nums | head -n 1", "100\n", 0);
    check("sort -u /data/fruits", "apple\nbanana\ncherry\n", 0);
    check("grep -n an /data/fruits", "1:banana\n", 0);
    check("grep -c apple /data/fruits", "2\n", 0);
    check("grep -v -i APPLE /data/fruits", "banana\ncherry\n", 0);
    check("grep -E '^(a|c)' /data/fruits", "apple\ncherry\napple\n", 0);
    check("grep nothing /data/fruits; echo $?", "1\n", 0);
    check("grep -r hello /data", "/data/sub/x.txt:hello world\n", 0);
    check("wc -l /data/fruits", "4 /data/fruits\n", 0);
    check("wc -l < /data/fruits", "4\n", 0);
    check("echo hi | wc", "      1       1       3\n", 0);
    check(
        "wc /data/fruits /data/csv",
        " 4  4 26 /data/fruits\n 2  2 12 /data/csv\n 6  6 38 total\n",
        0,
    );
    check("cut -d, -f2 /data/csv", "b\n2\n", 0);
    check("cut -c1-3 /data/fruits | head -1", "ban\n", 0);
    check("echo hello | tr a-z A-Z", "HELLO\n", 0);
    check("echo 'a  b' | tr -s ' '", "a b\n", 0);
    check("echo hello | tr -d l", "heo\n", 0);
    check("sed 's/a/A/g' /data/fruits | head -2", "bAnAnA\nApple\n", 0);
    check("sed -n '2p' /data/fruits", "apple\n", 0);
    check("sed '1d;3d' /data/fruits", "apple\napple\n", 0);
    check("echo abc | sed -E 's/(b)(c)/\\2\\1/'", "acb\n", 0);
    check("head -n 2 /data/fruits", "banana\napple\n", 0);
    check("tail -n 1 /data/fruits", "apple\n", 0);
    check("tail -n +3 /data/fruits", "cherry\napple\n", 0);
    check("head -c 3 /data/fruits; echo", "ban\n", 0);
    check("seq 3", "1\n2\n3\n", 0);
    check("seq 2 2 6 | tr '\\n' ' '", "2 4 6 ", 0);
    check("seq -s, 3", "1,2,3\n", 0);
    check(
        "basename /a/b/c.txt .txt; dirname /a/b/c.txt",
        "c\n/a/b\n",
        0,
    );
    check("echo x | tee /tmp/t; cat /tmp/t", "x\nx\n", 0);
    check("cat -n /data/csv", "     1\ta,b,c\n     2\t1,2,3\n", 0);
    check("printf '%s=%d\\n' a 1 b 2", "a=1\nb=2\n", 0);
    check("/usr/bin/echo -e 'x\\ty'", "x\ty\n", 0);
}

#[test]
fn pipelines_end_when_the_reader_stops() {
    check("yes | head -n 3", "y\ny\ny\n", 0);
    check("yes abc | head -n 2", "abc\nabc\n", 0);
    check("seq 100000 | grep -c 7", "40951\n", 0);
    check("yes | head -n 100000 | wc -l", "100000\n", 0);
}

#[test]
fn file_tools() {
    check(
        "mkdir -p /w/a/b && cd /w && touch a/f && ls -R",
        ".:\na\n\n./a:\nb\nf\n\n./a/b:\n",
        0,
    );
    check(
        "mkdir /w2 && echo x > /w2/f && cp /w2/f /w2/g && mv /w2/g /w2/h && ls /w2",
        "f\nh\n",
        0,
    );
    check(
        "mkdir -p /w3/d && echo x > /w3/d/f && cp -r /w3/d /w3/e && cat /w3/e/f",
        "x\n",
        0,
    );
    check(
        "mkdir /w4 && cd /w4 && touch a b c && rm a && ls",
        "b\nc\n",
        0,
    );
    check(
        "mkdir -p /w5/x/y && rm -rf /w5 && ls / | grep -c w5",
        "0\n",
        1,
    );
    check("cd /tmp && ln -s /data/fruits f && readlink_() { ls -l f | sed 's/.* -> //'; }; readlink_ && head -1 f", "/data/fruits\nbanana\n", 0);
    check(
        "touch /tmp/m && chmod 754 /tmp/m && stat -c '%a %A' /tmp/m",
        "754 -rwxr-xr--\n",
        0,
    );
    check(
        "touch /tmp/m && chmod u+x,g+w /tmp/m && stat -c %a /tmp/m",
        "764\n",
        0,
    );
    check("find /data -name '*.txt'", "/data/sub/x.txt\n", 0);
    check(
        "find /data -type d",
        "/data\n/data/sub\n/data/sub/deep\n",
        0,
    );
    check(
        "find /data -maxdepth 1 -type f | sort",
        "/data/csv\n/data/fruits\n/data/nums\n",
        0,
    );
    check("du -s /data/sub", "12\t/data/sub\n", 0);
    check("cd /data && ls *s", "fruits\nnums\n", 0);
    check("cd /data && echo s*/*.txt", "sub/x.txt\n", 0);
    check("echo /data/nomatch*", "/data/nomatch*\n", 0);
}

#[test]
fn gnu_error_texts() {
    check_err(
        "ls /nope",
        "ls: cannot access '/nope': No such file or directory\n",
        2,
    );
    check_err("cat /nope", "cat: /nope: No such file or directory\n", 1);
    check_err(
        "rm /nope",
        "rm: cannot remove '/nope': No such file or directory\n",
        1,
    );
    check_err("rm /data", "rm: cannot remove '/data': Is a directory\n", 1);
    check_err(
        "mkdir /data",
        "mkdir: cannot create directory '/data': File exists\n",
        1,
    );
    check_err(
        "mkdir /a/b",
        "mkdir: cannot create directory '/a/b': No such file or directory\n",
        1,
    );
    check_err(
        "rmdir /data",
        "rmdir: failed to remove '/data': Directory not empty\n",
        1,
    );
    check_err(
        "cp /nope /tmp",
        "cp: cannot stat '/nope': No such file or directory\n",
        1,
    );
    check_err(
        "cp /data /tmp",
        "cp: -r not specified; omitting directory '/data'\n",
        1,
    );
    check_err(
        "mv /nope /tmp",
        "mv: cannot stat '/nope': No such file or directory\n",
        1,
    );
    check_err(
        "touch /a/b",
        "touch: cannot touch '/a/b': No such file or directory\n",
        1,
    );
    check_err(
        "head /nope",
        "head: cannot open '/nope' for reading: No such file or directory\n",
        1,
    );
    check_err(
        "mkdir",
        "mkdir: missing operand\nTry 'mkdir --help' for more information.\n",
        1,
    );
    check_err(
        "ls -z",
        "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n",
        2,
    );
    check_err("rm -rf /", "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n", 1);
    check_err(
        "sleep x",
        "sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n",
        1,
    );
    check_err("env nope", "env: 'nope': No such file or directory\n", 127);
}

#[test]
fn busybox_texts() {
    check_bb("ls /nope", "", "ls: /nope: No such file or directory\n", 1);
    check_bb(
        "cat /nope",
        "",
        "cat: can't open '/nope': No such file or directory\n",
        1,
    );
    check_bb(
        "rm /nope",
        "",
        "rm: can't remove '/nope': No such file or directory\n",
        1,
    );
    check_bb(
        "mkdir /data",
        "",
        "mkdir: can't create directory '/data': File exists\n",
        1,
    );
    check_bb("uname -a", "Linux 3f4e5a6b7c8d 5.15.167.4-microsoft-standard-WSL2 #1 SMP Tue Nov 5 00:21:55 UTC 2024 x86_64 Linux\n", "", 0);
    check_bb(
        "busybox echo hi; busybox nope",
        "hi\n",
        "nope: applet not found\n",
        127,
    );
    check_bb(
        "ps",
        "PID   USER     TIME  COMMAND\n    1 root      0:00 sh -c ps\n    2 root      0:00 ps\n",
        "",
        0,
    );
    check_bb("ls -l /data", "total 16\n-rw-r--r--    1 root     root            12 Nov 27 09:00 csv\n-rw-r--r--    1 root     root            26 Nov 27 09:00 fruits\n-rw-r--r--    1 root     root            12 Nov 27 09:00 nums\ndrwxr-xr-x    3 root     root          4096 Nov 27 09:00 sub\n", "", 0);
    check_bb("nope", "", "sh: nope: not found\n", 127);
}

#[test]
fn system_tools() {
    check("uname -a", "Linux 3f4e5a6b7c8d 5.15.167.4-microsoft-standard-WSL2 #1 SMP Tue Nov 5 00:21:55 UTC 2024 x86_64 GNU/Linux\n", 0);
    check(
        "uname -r; uname -m; uname",
        "5.15.167.4-microsoft-standard-WSL2\nx86_64\nLinux\n",
        0,
    );
    check(
        "hostname; whoami; id",
        "3f4e5a6b7c8d\nroot\nuid=0(root) gid=0(root) groups=0(root)\n",
        0,
    );
    check("date", "Sat Nov 28 09:00:00 UTC 2026\n", 0);
    check("date +%Y-%m-%d", "2026-11-28\n", 0);
    check("ps", "    PID TTY          TIME CMD\n      1 ?        00:00:00 bash\n      2 ?        00:00:00 ps\n", 0);
    check(
        "ps aux",
        "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\nroot           1  0.0  0.0   4624  3712 ?        Ss   09:00   0:00 bash -c ps aux\nroot           2  0.0  0.0   8092  4180 ?        R    09:00   0:00 ps aux\n",
        0,
    );
    check(
        "sleep 2 & ps | grep -c sleep; kill $!; wait; echo done",
        "1\ndone\n",
        0,
    );
    check("env | grep -c PATH=", "1\n", 0);
    check("X=1 env | grep ^X=", "X=1\n", 0);
    check(
        "which ls sh nope; echo $?",
        "/usr/bin/ls\n/usr/bin/sh\n1\n",
        0,
    );
    check(
        "type cd ls",
        "cd is a shell builtin\nls is /usr/bin/ls\n",
        0,
    );
    check("command -v ls", "/usr/bin/ls\n", 0);
    check("clear | od_() { cat; }; clear", "\x1b[H\x1b[2J\x1b[3J", 0);
    check("df | head -2", "Filesystem      1K-blocks     Used Available Use% Mounted on\noverlay        1055762868 10523116 992451609   2% /\n", 0);
    check("df -h | head -2", "Filesystem      Size  Used Avail Use% Mounted on\noverlay        1007G   11G  947G   2% /\n", 0);
    check("printenv HOME", "/root\n", 0);
    check(
        "test -d /data && [ -f /data/csv ] && [ ! -e /nope ] && echo ok",
        "ok\n",
        0,
    );
}

#[test]
fn ls_formats() {
    check("cd /data && ls -la", "total 24\ndrwxr-xr-x 3 root root 4096 Nov 27 09:00 .\ndrwxr-xr-x 9 root root 4096 Nov 27 09:00 ..\n-rw-r--r-- 1 root root   12 Nov 27 09:00 csv\n-rw-r--r-- 1 root root   26 Nov 27 09:00 fruits\n-rw-r--r-- 1 root root   12 Nov 27 09:00 nums\ndrwxr-xr-x 3 root root 4096 Nov 27 09:00 sub\n", 0);
    check("ls -d /data /tmp", "/data\n/tmp\n", 0);
    check("ls -1 /data/sub", "deep\nx.txt\n", 0);
    check("ls -lh /data/sub | head -1", "total 8.0K\n", 0);
    check(
        "ls /data/csv /data/sub",
        "/data/csv\n\n/data/sub:\ndeep\nx.txt\n",
        0,
    );
}

#[test]
fn ls_on_a_terminal_uses_columns() {
    let mut s = Session::start(fixture(), "bash");
    assert_eq!(s.line("ls /data"), "csv  fruits  nums  sub\n");
}

#[test]
fn ctrl_c_interrupts_sleep_and_tail_follows() {
    let mut s = Session::start(fixture(), "bash");
    assert_eq!(s.line("sleep 100"), "");
    s.rig.now += 5 * SECOND;
    assert_eq!(s.settle(), "");
    s.tty.borrow_mut().interrupt();
    assert_eq!(s.settle(), "\n");
    assert_eq!(s.line("echo $?"), "130\n");
    assert_eq!(s.line("sleep 0.5; echo woke"), "");
    s.rig.now += SECOND / 2;
    assert_eq!(s.settle(), "woke\n");
    assert_eq!(s.line("tail -f /data/csv"), "a,b,c\n1,2,3\n");
    s.rig
        .fs
        .borrow_mut()
        .add_file("/data/csv", b"a,b,c\n1,2,3\n4,5,6\n", 0o644);
    s.rig.now += SECOND;
    assert_eq!(s.settle(), "4,5,6\n");
    s.tty.borrow_mut().interrupt();
    assert_eq!(s.settle(), "\n");
    let out = s.line("yes");
    assert!(
        out.ends_with("berth: stopped a command that wrote 1048576 bytes to the terminal\n"),
        "{}",
        &out[out.len() - 80..]
    );
}

#[test]
fn ps_in_an_interactive_container_shell() {
    let mut s = Session::start(fixture(), "bash");
    assert_eq!(s.line("ps"), "    PID TTY          TIME CMD\n      1 pts/0    00:00:00 bash\n      2 pts/0    00:00:00 ps\n");
    s.line("sleep 50 &");
    let out = s.line("ps -ef");
    assert!(
        out.contains("root           3       2  0 09:00 pts/0    00:00:00 sleep 50\n"),
        "{out}"
    );
}

#[test]
fn a_killed_command_gives_128_plus_the_signal() {
    let mut s = Session::start(fixture(), "bash");
    assert_eq!(s.line("sleep 100"), "");
    let sys = s.rig.kernel.borrow().sys();
    let pid = sys
        .borrow()
        .procs()
        .iter()
        .find(|(_, i)| i.args[0] == "sleep")
        .map(|(p, _)| *p)
        .unwrap();
    sys.borrow_mut().kill(pid, crate::kernel::signal::SIGTERM);
    s.settle();
    assert_eq!(s.line("echo $?"), "143\n");
    // The container's init (the shell, pid 1) ignores TERM it has no handler for.
    let init = sys
        .borrow()
        .procs()
        .iter()
        .find(|(_, i)| i.ns_pid == 1)
        .map(|(p, _)| *p)
        .unwrap();
    sys.borrow_mut().kill(init, crate::kernel::signal::SIGTERM);
    assert_eq!(s.line("echo alive"), "alive\n");
    sys.borrow_mut().kill(init, crate::kernel::signal::SIGKILL);
    assert_eq!(s.rig.run_to_end(), Some(137));
}
