//! One conformance suite, run against every filesystem: a plain [`RwLayer`], an
//! [`Overlay`] over the two-layer fixture image, and a [`MountTable`] around that overlay.
//! All start from the same tree, so every case expects the same answer from each.

use super::*;

/// Looking things up, reading, resolving paths.
pub const READS: &[(&str, &str)] = &[
    ("stat /etc/passwd", "file 644 30"),
    ("stat /", "dir 755 4096"),
    ("stat /tmp", "dir 1777 4096"),
    ("stat /bin/busybox", "file 755 1000"),
    ("lstat /sh", "symlink 777 7"),
    ("stat /sh", "file 755 15"),
    ("cat /sh", "#!/bin/busybox\\n"),
    ("cat /etc/hostname", "base\\n"),
    ("cat /lib/libc.so", "libc\\n"),
    ("cat /usr/../lib/./libc.so", "libc\\n"),
    ("cat /../../etc/hostname", "base\\n"),
    ("cat etc/hostname", "base\\n"),
    ("cat //etc///hostname", "base\\n"),
    ("cat /lib/../bin/env", "env\\n"),
    ("cat /opt/app/data/x", "x"),
    (
        "ls /",
        "bin dangling etc home lib loop1 loop2 opt sh tmp usr var",
    ),
    ("ls /etc", "hostname motd passwd"),
    ("ls /etc/", "hostname motd passwd"),
    ("ls /home", ""),
    ("ls /opt/app/data", "x"),
    ("ls /var/log", "app.log"),
    ("ls /lib", "libc.so"),
    ("ls /lib/", "libc.so"),
    (
        "ls /usr/..",
        "bin dangling etc home lib loop1 loop2 opt sh tmp usr var",
    ),
    ("readlink /lib", "usr/lib"),
    ("readlink /sh", "/bin/sh"),
    ("readlink /etc", "EINVAL"),
    ("readlink /nope", "ENOENT"),
    ("realpath /lib/libc.so", "/usr/lib/libc.so"),
    ("realpath /sh", "/bin/sh"),
    ("realpath /usr/lib/..", "/usr"),
    ("realpath /", "/"),
    ("exists /etc/shadow", "false"),
    ("exists /home/user/.profile", "false"),
    ("exists /var/log/old.log", "false"),
    ("exists /opt/app/data/stale", "false"),
    ("cat /nope", "ENOENT"),
    ("cat /etc", "EISDIR"),
    ("ls /etc/passwd", "ENOTDIR"),
    ("ls /nope", "ENOENT"),
    ("stat /etc/passwd/x", "ENOTDIR"),
    ("stat /etc/passwd/", "ENOTDIR"),
    ("stat /etc/passwd/..", "ENOTDIR"),
    ("stat /nope/x", "ENOENT"),
    ("stat /nope/..", "ENOENT"),
    ("stat /loop1", "ELOOP"),
    ("lstat /loop1", "symlink 777 5"),
    ("cat /loop1/x", "ELOOP"),
    ("stat /dangling", "ENOENT"),
    ("lstat /dangling", "symlink 777 8"),
    ("realpath /dangling", "ENOENT"),
];

/// Creating and changing files.
pub const WRITES: &[(&str, &str)] = &[
    (
        "write /tmp/a hello; cat /tmp/a; stat /tmp/a",
        "ok; hello; file 644 5",
    ),
    ("write /etc/hostname new; cat /etc/hostname", "ok; new"),
    (
        "append /etc/hostname more; cat /etc/hostname",
        "ok; base\\nmore",
    ),
    (
        "append /tmp/new x; append /tmp/new y; cat /tmp/new",
        "ok; ok; xy",
    ),
    ("write /etc x", "EISDIR"),
    ("append /etc x", "EISDIR"),
    ("write /nope/x y", "ENOENT"),
    ("write /etc/passwd/x y", "ENOTDIR"),
    ("write /tmp/d/ x", "EISDIR"),
    ("write /etc/passwd/ x", "ENOTDIR"),
    ("truncate /etc/passwd 4; cat /etc/passwd", "ok; root"),
    (
        "truncate /etc/hostname 7; stat /etc/hostname",
        "ok; file 644 7",
    ),
    (
        "truncate /bin/busybox 10; stat /bin/busybox",
        "ok; file 755 10",
    ),
    ("truncate /nope 1", "ENOENT"),
    ("truncate /tmp 1", "EISDIR"),
    ("truncate /etc/passwd 999999999999", "EFBIG"),
    (
        "write /sh x; cat /bin/sh; lstat /sh",
        "ok; x; symlink 777 7",
    ),
    (
        "write /dangling hi; cat /nowhere; cat /dangling",
        "ok; hi; hi",
    ),
    ("write /loop1 x", "ELOOP"),
    ("touch /tmp/t; stat /tmp/t", "ok; file 644 0"),
    ("touch /etc/passwd; cat /etc/passwd", PASSWD_OK),
    ("touch /etc", "ok"),
    ("touch /nope/x", "ENOENT"),
    ("write /lib/new x; ls /usr/lib", "ok; libc.so new"),
];

/// Making directories.
pub const DIRS: &[(&str, &str)] = &[
    ("mkdir /tmp/d; stat /tmp/d; ls /tmp", "ok; dir 755 4096; d"),
    ("mkdir /tmp/e/; ls /tmp", "ok; e"),
    ("mkdir /etc", "EEXIST"),
    ("mkdir /etc/", "EEXIST"),
    ("mkdir /sh", "EEXIST"),
    ("mkdir /dangling", "EEXIST"),
    ("mkdir /", "EEXIST"),
    ("mkdir /a/b", "ENOENT"),
    ("mkdir /etc/passwd/x", "ENOTDIR"),
    ("mkdirp /a/b/c; ls /a/b; stat /a", "ok; c; dir 755 4096"),
    ("mkdirp /etc; mkdirp /", "ok; ok"),
    ("mkdirp /lib/x; ls /usr/lib", "ok; libc.so x"),
    ("mkdirp /a/../b; ls /b", "ok; "),
    ("mkdirp /etc/passwd", "EEXIST"),
    ("mkdirp /etc/passwd/x", "ENOTDIR"),
    ("mkdirp /loop1/x", "ELOOP"),
];

/// Removing entries.
pub const REMOVES: &[(&str, &str)] = &[
    (
        "rm /etc/passwd; exists /etc/passwd; ls /etc",
        "ok; false; hostname motd",
    ),
    ("rm /etc", "EISDIR"),
    ("rm /nope", "ENOENT"),
    ("rm /nope/x", "ENOENT"),
    ("rm /sh; exists /bin/sh; exists /sh", "ok; true; false"),
    ("rm /dangling; lstat /dangling", "ok; ENOENT"),
    ("rm /loop1; stat /loop2", "ok; ENOENT"),
    ("rmdir /home; exists /home", "ok; false"),
    ("rmdir /etc", "ENOTEMPTY"),
    ("rmdir /etc/passwd", "ENOTDIR"),
    ("rmdir /", "EBUSY"),
    ("rmdir /tmp/.", "EINVAL"),
    ("rmdir /nope", "ENOENT"),
    (
        "rmrf /usr; exists /usr; exists /lib/libc.so; lstat /lib",
        "ok; false; false; symlink 777 7",
    ),
    ("rmrf /lib; exists /usr/lib/libc.so", "ok; true"),
    ("rmrf /etc/passwd; ls /etc", "ok; hostname motd"),
    ("rmrf /nope", "ENOENT"),
    (
        "rmrf /opt; ls /",
        "ok; bin dangling etc home lib loop1 loop2 sh tmp usr var",
    ),
    (
        "rm /etc/motd; write /etc/motd again; cat /etc/motd",
        "ok; ok; again",
    ),
    ("rmrf /etc; mkdir /etc; ls /etc", "ok; ok; "),
    (
        "rmrf /etc; mkdir /etc; write /etc/passwd x; ls /etc",
        "ok; ok; ok; passwd",
    ),
    (
        "rmrf /var/log; mkdirp /var/log; write /var/log/n 1; ls /var/log",
        "ok; ok; ok; n",
    ),
    (
        "rmrf /opt/app/data; mkdir /opt/app/data; ls /opt/app/data",
        "ok; ok; ",
    ),
    (
        "rm /etc/hostname; ls /etc; write /etc/hostname h; cat /etc/hostname",
        "ok; motd passwd; ok; h",
    ),
    ("rmrf /; ls /", "EBUSY; "),
];

/// Moving entries.
pub const RENAMES: &[(&str, &str)] = &[
    (
        "mv /etc/motd /tmp/motd; ls /etc; cat /tmp/motd",
        "ok; hostname passwd; welcome\\n",
    ),
    (
        "mv /etc /tmp/etc2; ls /tmp/etc2; exists /etc",
        "ok; hostname motd passwd; false",
    ),
    (
        "mv /etc/motd /etc/hostname; cat /etc/hostname; ls /etc",
        "ok; welcome\\n; hostname passwd",
    ),
    (
        "mv /etc /home; ls /home; exists /etc",
        "ok; hostname motd passwd; false",
    ),
    ("mv /usr /etc", "ENOTEMPTY"),
    ("mv /etc/passwd /home", "EISDIR"),
    ("mv /home /etc/passwd", "ENOTDIR"),
    ("mv /usr /usr/lib/x", "EINVAL"),
    ("mv /usr /usr", "ok"),
    ("mv /nope /x", "ENOENT"),
    ("mv /etc/passwd /nope/x", "ENOENT"),
    ("mv /etc/passwd /etc/passwd; cat /etc/passwd", PASSWD_OK),
    (
        "mv /sh /sh2; readlink /sh2; exists /sh",
        "ok; /bin/sh; false",
    ),
    (
        "mv /opt/app /tmp/app; ls /tmp/app/data; cat /tmp/app/data/x",
        "ok; x; x",
    ),
    ("mv / /x", "EBUSY"),
    ("mv /etc /", "EBUSY"),
    ("mv /lib /lib2; cat /lib2/libc.so", "ok; libc\\n"),
    (
        "mv /etc /etc2; mkdir /etc; ls /etc; ls /etc2",
        "ok; ok; ; hostname motd passwd",
    ),
    ("mv /usr/lib /lib/x", "EINVAL"),
    (
        "mv /tmp /usr/bin; ls /usr/bin; stat /usr/bin",
        "ENOTEMPTY; env; dir 755 4096",
    ),
    (
        "mv /home /usr/bin/x; stat /usr/bin/x; exists /home",
        "ok; dir 755 4096; false",
    ),
    (
        "mv /var/log/app.log /var/log/old.log; ls /var/log",
        "ok; old.log",
    ),
];

const PASSWD_OK: &str = "ok; root:x:0:0:root:/root:/bin/sh\\n";

/// Symbolic links.
pub const LINKS: &[(&str, &str)] = &[
    (
        "ln /etc/passwd /tmp/p; readlink /tmp/p; stat /tmp/p",
        "ok; /etc/passwd; file 644 30",
    ),
    ("ln x /etc/passwd", "EEXIST"),
    ("ln x /dangling", "EEXIST"),
    ("ln ../etc/hostname /tmp/h; cat /tmp/h", "ok; base\\n"),
    (
        "ln /tmp/self /tmp/self; stat /tmp/self; lstat /tmp/self",
        "ok; ELOOP; symlink 777 9",
    ),
    ("ln /nowhere /nope/x", "ENOENT"),
    (
        "ln / /tmp/root; ls /tmp/root/home; cat /tmp/root/etc/hostname",
        "ok; ; base\\n",
    ),
    (
        "ln .. /usr/up; ls /usr/up/usr/up/etc",
        "ok; hostname motd passwd",
    ),
    (
        "ln /etc /tmp/e; write /tmp/e/new 1; ls /etc",
        "ok; ok; hostname motd new passwd",
    ),
    (
        "ln /tmp/b /tmp/a; ln /tmp/a /tmp/b; stat /tmp/a",
        "ok; ok; ELOOP",
    ),
];

/// Permission bits, owners and times.
pub const META: &[(&str, &str)] = &[
    ("chmod 600 /etc/passwd; stat /etc/passwd", "ok; file 600 30"),
    ("chmod 4755 /bin/sh; stat /sh", "ok; file 4755 15"),
    (
        "chmod 700 /sh; lstat /sh; stat /bin/sh",
        "ok; symlink 777 7; file 700 15",
    ),
    ("chmod 700 /tmp; stat /tmp", "ok; dir 700 4096"),
    ("chmod 600 /nope", "ENOENT"),
    (
        "chown 1000:50 /etc/passwd; owner /etc/passwd",
        "ok; 1000:50",
    ),
    ("chown 7: /etc/passwd; owner /etc/passwd", "ok; 7:0"),
    ("chown 1:1 /dangling", "ENOENT"),
    ("mtime /etc; mtime /etc/passwd", "0; 0"),
    ("write /etc/new x; mtime /etc; mtime /etc/new", "ok; 1; 1"),
    (
        "touch /etc/passwd; mtime /etc/passwd; mtime /etc",
        "ok; 1; 0",
    ),
    ("rm /etc/motd; mtime /etc", "ok; 1"),
    (
        "mv /etc/motd /tmp/m; mtime /etc; mtime /tmp; mtime /tmp/m",
        "ok; 1; 1; 0",
    ),
    ("chmod 600 /etc/passwd; mtime /etc/passwd", "ok; 0"),
    (
        "append /etc/passwd x; mtime /etc/passwd; mtime /etc",
        "ok; 1; 0",
    ),
    ("settime /etc/passwd 100; mtime /etc/passwd", "ok; 100"),
    ("settime /sh 50; mtime /bin/sh", "ok; 50"),
    ("mkdir /tmp/d; mtime /tmp/d; mtime /tmp", "ok; 1; 1"),
    (
        "user 1000; write /tmp/u x; owner /tmp/u",
        "ok; ok; 1000:1000",
    ),
    (
        "user 1000; mkdir /tmp/d; stat /tmp/d",
        "ok; ok; dir 755 4096",
    ),
    ("user 1000; chmod 600 /etc/passwd", "ok; EPERM"),
    ("user 1000; chown 1000:1000 /etc/passwd", "ok; EPERM"),
    (
        "user 1000; write /tmp/u x; chmod 600 /tmp/u; stat /tmp/u",
        "ok; ok; ok; file 600 1",
    ),
];

/// Copies within the filesystem.
pub const COPIES: &[(&str, &str)] = &[
    (
        "cp /etc /tmp/etc; ls /tmp/etc; cat /tmp/etc/motd",
        "ok; hostname motd passwd; welcome\\n",
    ),
    (
        "cp /etc/passwd /tmp/p; stat /tmp/p; mtime /tmp/p",
        "ok; file 644 30; 0",
    ),
    ("cp /lib /tmp/l; readlink /tmp/l", "ok; usr/lib"),
    ("cp /etc /usr; ls /usr", "ok; bin hostname lib motd passwd"),
    (
        "cp /etc/motd /etc/passwd; cat /etc/passwd",
        "ok; welcome\\n",
    ),
    ("cp /etc /etc/passwd", "ENOTDIR"),
    ("cp /etc/passwd /etc", "EISDIR"),
    ("cp /nope /x", "ENOENT"),
    ("cp /etc/passwd /nope/x", "ENOENT"),
];

fn check_all<F: Fs>(make: impl Fn() -> F, cases: &[(&str, &str)]) {
    for (script, expected) in cases {
        let mut fs = make();
        assert_eq!(run(&mut fs, script), *expected, "script: {script}");
    }
}

macro_rules! conformance {
    ($name:ident, $make:expr) => {
        mod $name {
            use super::*;

            #[test]
            fn reads() {
                check_all($make, READS);
            }

            #[test]
            fn writes() {
                check_all($make, WRITES);
            }

            #[test]
            fn dirs() {
                check_all($make, DIRS);
            }

            #[test]
            fn removes() {
                check_all($make, REMOVES);
            }

            #[test]
            fn renames() {
                check_all($make, RENAMES);
            }

            #[test]
            fn links() {
                check_all($make, LINKS);
            }

            #[test]
            fn meta() {
                check_all($make, META);
            }

            #[test]
            fn copies() {
                check_all($make, COPIES);
            }

            #[test]
            fn long_names() {
                let mut fs = ($make)();
                let long = format!("/tmp/{}", "n".repeat(256));
                let ok = format!("/tmp/{}", "n".repeat(255));
                let c = Caller::root(T0);
                assert_eq!(fs.write(&c, &long, "x".into()), Err(Errno::ENAMETOOLONG));
                assert_eq!(fs.stat(&long), Err(Errno::ENAMETOOLONG));
                assert_eq!(fs.write(&c, &ok, "x".into()), Ok(()));
                let long_path = "/a".repeat(2100);
                assert_eq!(fs.stat(&long_path), Err(Errno::ENAMETOOLONG));
                let deep = "/d".repeat(300);
                assert_eq!(fs.mkdir_all(&c, &deep, 0o755), Err(Errno::ENAMETOOLONG));
                assert!(fs.exists(&"/d".repeat(256)));
                // Moving a tree deeper may not push it past the limit either.
                fs.mkdir_all(&c, &format!("/tmp{}", "/e".repeat(10)), 0o755)
                    .unwrap();
                let low = format!("{}/x", "/d".repeat(250));
                assert_eq!(fs.rename(&c, "/tmp/e", &low), Err(Errno::ENAMETOOLONG));
                let fits = format!("{}/x", "/d".repeat(240));
                assert_eq!(
                    fs.copy(&c, "/tmp/e", &low, Preserve::ALL),
                    Err(Errno::ENAMETOOLONG)
                );
                assert_eq!(fs.rename(&c, "/tmp/e", &fits), Ok(()));
                assert_eq!(fs.stat(""), Err(Errno::ENOENT));
            }

            #[test]
            fn forty_hops_is_the_limit() {
                let mut fs = ($make)();
                let c = Caller::root(T0);
                fs.write(&c, "/tmp/l0", "end".into()).unwrap();
                for i in 1..=41 {
                    let (from, to) = (format!("l{}", i - 1), format!("/tmp/l{i}"));
                    fs.symlink(&c, &from, &to).unwrap();
                }
                assert_eq!(fs.read("/tmp/l40").map(|c| c.to_vec()), Ok(b"end".to_vec()));
                assert_eq!(fs.read("/tmp/l41"), Err(Errno::ELOOP));
            }
        }
    };
}

conformance!(plain_layer, plain);
conformance!(overlay_view, overlay);
conformance!(mount_table, || MountTable::new(
    overlay(),
    Access::ReadWrite
));
