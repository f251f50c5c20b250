//! Tests of the virtual filesystem: a small command language to drive any [`Fs`], the
//! fixture image every suite starts from, and the suites themselves.

mod conformance;
mod mounts;
mod overlay;
mod props;
mod tar;

use std::rc::Rc;

use super::*;
use crate::ports::{Nanos, SECOND};

/// The fixture's timestamp: every fixture entry has this mtime.
pub const T0: Nanos = 1_700_000_000 * SECOND;

fn meta(mode: u32) -> Meta {
    Meta::root(mode, T0)
}

/// The image's bottom layer.
pub fn layer1() -> Layer {
    let mut l = RwLayer::with_root(meta(0o755));
    for d in [
        "/bin",
        "/etc",
        "/home",
        "/home/user",
        "/usr",
        "/usr/lib",
        "/var",
        "/var/log",
    ] {
        l.add_dir(d, meta(0o755)).unwrap();
    }
    l.add_dir("/opt/app/data", meta(0o755)).unwrap();
    l.add_dir("/tmp", meta(0o1777)).unwrap();
    l.add_file("/bin/sh", meta(0o755), "#!/bin/busybox\n".into())
        .unwrap();
    l.add_file("/bin/busybox", meta(0o755), Content::filler(1000, 1))
        .unwrap();
    let passwd = "root:x:0:0:root:/root:/bin/sh\n";
    l.add_file("/etc/passwd", meta(0o644), passwd.into())
        .unwrap();
    l.add_file("/etc/hostname", meta(0o644), "old\n".into())
        .unwrap();
    l.add_file("/etc/shadow", meta(0o640), "root:*:1::::::\n".into())
        .unwrap();
    l.add_file("/home/user/.profile", meta(0o644), "PS1=$\n".into())
        .unwrap();
    l.add_file("/usr/lib/libc.so", meta(0o644), "libc\n".into())
        .unwrap();
    l.add_symlink("/lib", meta(0o777), "usr/lib").unwrap();
    l.add_file("/var/log/old.log", meta(0o644), "old\n".into())
        .unwrap();
    l.add_file("/opt/app/data/stale", meta(0o644), "stale".into())
        .unwrap();
    l.add_file("/opt/app/data/x", meta(0o644), "old x".into())
        .unwrap();
    l.freeze()
}

/// The image's top layer: overrides, additions, whiteouts and an opaque directory.
pub fn layer2() -> Layer {
    let mut l = RwLayer::with_root(meta(0o755));
    for d in [
        "/etc", "/home", "/usr", "/usr/bin", "/var", "/var/log", "/opt", "/opt/app",
    ] {
        l.add_dir(d, meta(0o755)).unwrap();
    }
    l.add_dir("/opt/app/data", meta(0o755)).unwrap();
    l.set_opaque("/opt/app/data").unwrap();
    l.add_file("/opt/app/data/x", meta(0o644), "x".into())
        .unwrap();
    l.add_file("/etc/hostname", meta(0o644), "base\n".into())
        .unwrap();
    l.add_whiteout("/etc/shadow", meta(0o600)).unwrap();
    l.add_whiteout("/home/user", meta(0o600)).unwrap();
    l.add_whiteout("/var/log/old.log", meta(0o600)).unwrap();
    l.add_file("/etc/motd", meta(0o644), "welcome\n".into())
        .unwrap();
    l.add_file("/usr/bin/env", meta(0o755), "env\n".into())
        .unwrap();
    l.add_file("/var/log/app.log", meta(0o644), "line1\n".into())
        .unwrap();
    l.add_symlink("/sh", meta(0o777), "/bin/sh").unwrap();
    l.add_symlink("/loop1", meta(0o777), "loop2").unwrap();
    l.add_symlink("/loop2", meta(0o777), "/loop1").unwrap();
    l.add_symlink("/dangling", meta(0o777), "/nowhere").unwrap();
    l.freeze()
}

/// The fixture image's layers, bottom first.
pub fn image() -> Vec<Rc<Layer>> {
    vec![Rc::new(layer1()), Rc::new(layer2())]
}

/// A container's view of the fixture image.
pub fn overlay() -> Overlay {
    Overlay::new(image())
}

/// The fixture's merged tree as one plain filesystem.
pub fn plain() -> RwLayer {
    let snap = overlay().snapshot("/").unwrap();
    let mut fs = RwLayer::new();
    fs.paste(&Caller::root(T0), "/", &snap, Preserve::ALL)
        .unwrap();
    fs
}

/// Runs `script` (commands separated by `;`) against `fs`; returns each command's result
/// joined by `; `. Each command runs one second after the previous one, starting at
/// `T0 + 1s`; `mtime` prints seconds since `T0`.
pub fn run<F: Fs + ?Sized>(fs: &mut F, script: &str) -> String {
    let mut sh = Shell { tick: 0, uid: 0 };
    script
        .split(';')
        .map(|cmd| sh.exec(fs, cmd.trim()))
        .collect::<Vec<_>>()
        .join("; ")
}

struct Shell {
    tick: i64,
    uid: u32,
}

fn show<T>(r: Result<T>, f: impl FnOnce(T) -> String) -> String {
    match r {
        Ok(v) => f(v),
        Err(e) => e.name().to_string(),
    }
}

fn ok(r: Result<()>) -> String {
    show(r, |()| "ok".to_string())
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n")
}

fn escape(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).replace('\n', "\\n")
}

/// `stat` as the scripts show it: kind, octal mode, size.
pub fn stat_line(st: Stat) -> String {
    let kind = match st.kind {
        Kind::File => "file",
        Kind::Dir => "dir",
        Kind::Symlink => "symlink",
    };
    format!("{kind} {:o} {}", st.mode, st.size)
}

impl Shell {
    fn exec<F: Fs + ?Sized>(&mut self, fs: &mut F, cmd: &str) -> String {
        self.tick += 1;
        let c = Caller {
            uid: self.uid,
            gid: self.uid,
            ..Caller::root(T0 + self.tick * SECOND)
        };
        let (op, rest) = cmd.split_once(' ').unwrap_or((cmd, ""));
        let args: Vec<&str> = rest.split(' ').collect();
        let a = args[0];
        let b = args.get(1).copied().unwrap_or("");
        match op {
            "stat" => show(fs.stat(a), stat_line),
            "lstat" => show(fs.lstat(a), stat_line),
            "exists" => fs.exists(a).to_string(),
            "cat" => show(fs.read(a), |c| escape(&c.to_vec())),
            "ls" => show(fs.read_dir(a), |n| n.join(" ")),
            "readlink" => show(fs.read_link(a), |t| t),
            "realpath" => show(fs.canonicalize(a), |t| t),
            "owner" => show(fs.stat(a), |st| format!("{}:{}", st.uid, st.gid)),
            "mtime" => show(fs.stat(a), |st| ((st.mtime - T0) / SECOND).to_string()),
            "write" => ok(fs.write(&c, a, unescape(&args[1..].join(" ")).into())),
            "append" => ok(fs.append(&c, a, unescape(&args[1..].join(" ")).as_bytes())),
            "truncate" => ok(fs.truncate(&c, a, b.parse().unwrap())),
            "touch" => ok(fs.touch(&c, a)),
            "mkdir" => ok(fs.mkdir(&c, a, 0o777)),
            "mkdirp" => ok(fs.mkdir_all(&c, a, 0o777)),
            "rm" => ok(fs.remove_file(&c, a)),
            "rmdir" => ok(fs.remove_dir(&c, a)),
            "rmrf" => ok(fs.remove_all(&c, a)),
            "mv" => ok(fs.rename(&c, a, b)),
            "cp" => ok(fs.copy(&c, a, b, Preserve::ALL)),
            "ln" => ok(fs.symlink(&c, a, b)),
            "chmod" => ok(fs.chmod(&c, b, u32::from_str_radix(a, 8).unwrap())),
            "chown" => {
                let (u, g) = a.split_once(':').unwrap();
                ok(fs.chown(&c, b, u.parse().ok(), g.parse().ok()))
            }
            "settime" => ok(fs.set_mtime(&c, a, T0 + b.parse::<i64>().unwrap() * SECOND)),
            "user" => {
                self.uid = a.parse().unwrap();
                "ok".to_string()
            }
            other => panic!("unknown test command {other}"),
        }
    }
}

/// Everything observable in `fs`, one line per entry in path order: path, kind, mode,
/// owner, size, mtime, and a file's bytes or a link's target. Directory link counts are
/// left out (an overlay reports 1 for merged directories).
pub fn observe<F: Fs + ?Sized>(fs: &F) -> Vec<String> {
    let mut out = Vec::new();
    walk(fs, "/", &mut out);
    out
}

fn walk<F: Fs + ?Sized>(fs: &F, path: &str, out: &mut Vec<String>) {
    let st = fs.lstat(path).unwrap();
    let extra = match st.kind {
        Kind::File => escape(&fs.read(path).unwrap().to_vec()),
        Kind::Symlink => fs.read_link(path).unwrap(),
        Kind::Dir => String::new(),
    };
    out.push(format!(
        "{path} {} {}:{} {} {extra}",
        stat_line(st),
        st.uid,
        st.gid,
        st.mtime
    ));
    if st.is_dir() {
        for name in fs.read_dir(path).unwrap() {
            walk(fs, &path::join(path, &name), out);
        }
    }
}

#[test]
fn fixture_merged_view() {
    let fs = overlay();
    let paths: Vec<String> = observe(&fs)
        .iter()
        .map(|l| l.split(' ').take(4).collect::<Vec<_>>().join(" "))
        .collect();
    let expected = [
        "/ dir 755 4096",
        "/bin dir 755 4096",
        "/bin/busybox file 755 1000",
        "/bin/sh file 755 15",
        "/dangling symlink 777 8",
        "/etc dir 755 4096",
        "/etc/hostname file 644 5",
        "/etc/motd file 644 8",
        "/etc/passwd file 644 30",
        "/home dir 755 4096",
        "/lib symlink 777 7",
        "/loop1 symlink 777 5",
        "/loop2 symlink 777 6",
        "/opt dir 755 4096",
        "/opt/app dir 755 4096",
        "/opt/app/data dir 755 4096",
        "/opt/app/data/x file 644 1",
        "/sh symlink 777 7",
        "/tmp dir 1777 4096",
        "/usr dir 755 4096",
        "/usr/bin dir 755 4096",
        "/usr/bin/env file 755 4",
        "/usr/lib dir 755 4096",
        "/usr/lib/libc.so file 644 5",
        "/var dir 755 4096",
        "/var/log dir 755 4096",
        "/var/log/app.log file 644 6",
    ];
    assert_eq!(paths, expected);
    assert_eq!(observe(&plain()), observe(&fs));
}
