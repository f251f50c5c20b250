//! Volumes and bind mounts over a container's overlay: read-only mounts and roots, busy
//! mount points, cross-mount renames, links that start at the container's root.

use std::cell::RefCell;

use super::*;

fn volume() -> Rc<RefCell<RwLayer>> {
    let mut v = RwLayer::new();
    v.add_file("/seed.txt", Meta::root(0o644, T0), "seed".into())
        .unwrap();
    v.add_symlink("/abs", Meta::root(0o777, T0), "/etc/hostname")
        .unwrap();
    Rc::new(RefCell::new(v))
}

fn host() -> Rc<RefCell<RwLayer>> {
    let mut h = RwLayer::new();
    let m = Meta::new(0o644, 1000, 1000, T0);
    h.add_file("/home/me/site/index.html", m, "<h1>hi</h1>".into())
        .unwrap();
    h.add_file("/home/me/hosts", m, "127.0.0.1 localhost\n".into())
        .unwrap();
    Rc::new(RefCell::new(h))
}

/// A container with a read-write volume at `/data`, the host's site read-only at
/// `/usr/share/site`, and the host's `hosts` file bound over `/etc/hosts`.
fn container(root_access: Access) -> (MountTable<Overlay>, Rc<RefCell<RwLayer>>) {
    let c = Caller::root(T0);
    let vol = volume();
    let host = host();
    let mut t = MountTable::new(overlay(), root_access);
    t.mount(&c, "/data", vol.clone(), "/", Access::ReadWrite)
        .unwrap();
    t.mount(
        &c,
        "/usr/share/site",
        host.clone(),
        "/home/me/site",
        Access::ReadOnly,
    )
    .unwrap();
    t.mount(&c, "/etc/hosts", host, "/home/me/hosts", Access::ReadWrite)
        .unwrap();
    (t, vol)
}

fn check(root_access: Access, script: &str, expected: &str) {
    let (mut t, _) = container(root_access);
    assert_eq!(run(&mut t, script), expected, "script: {script}");
}

#[test]
fn mount_cases() {
    let rw = Access::ReadWrite;
    let ro = Access::ReadOnly;
    let cases: &[(Access, &str, &str)] = &[
        (rw, "ls /data; cat /data/seed.txt", "abs seed.txt; seed"),
        (rw, "cat /data/abs", "base\\n"),
        (rw, "realpath /data/abs", "/etc/hostname"),
        (rw, "write /data/new x; ls /data", "ok; abs new seed.txt"),
        (
            rw,
            "cat /usr/share/site/index.html; owner /usr/share/site/index.html",
            "<h1>hi</h1>; 1000:1000",
        ),
        (rw, "write /usr/share/site/x y", "EROFS"),
        (rw, "rm /usr/share/site/index.html", "EROFS"),
        (rw, "chmod 600 /usr/share/site/index.html", "EROFS"),
        (rw, "stat /usr/share/site/nope", "ENOENT"),
        (rw, "cat /etc/hosts", "127.0.0.1 localhost\\n"),
        (
            rw,
            "append /etc/hosts 172.17.0.3 db; cat /etc/hosts",
            "ok; 127.0.0.1 localhost\\n172.17.0.3 db",
        ),
        (rw, "rm /etc/hosts", "EBUSY"),
        (rw, "rmdir /data", "EBUSY"),
        (rw, "rmrf /data; ls /data", "EBUSY; "),
        (rw, "mv /data /d", "EBUSY"),
        (rw, "mv /etc/motd /etc/hosts", "EBUSY"),
        (rw, "mv /data/seed.txt /tmp/seed.txt", "EXDEV"),
        (rw, "mv /tmp /data/tmp", "EXDEV"),
        (
            rw,
            "mv /data/seed.txt /data/moved; ls /data",
            "ok; abs moved",
        ),
        (rw, "ls /usr/share", "site"),
        (
            rw,
            "cp /usr/share/site /tmp/site; cat /tmp/site/index.html",
            "ok; <h1>hi</h1>",
        ),
        (rw, "mkdir /data/sub; stat /data/sub", "ok; dir 755 4096"),
        (ro, "write /tmp/x y", "EROFS"),
        (ro, "mkdir /tmp/d", "EROFS"),
        (ro, "rm /etc/motd", "EROFS"),
        (ro, "cat /etc/motd", "welcome\\n"),
        (ro, "write /data/x y; cat /data/x", "ok; y"),
        (
            ro,
            "append /etc/hosts x; cat /etc/hosts",
            "ok; 127.0.0.1 localhost\\nx",
        ),
        (ro, "rmrf /data; ls /data", "EBUSY; "),
    ];
    for (access, script, expected) in cases {
        check(*access, script, expected);
    }
}

#[test]
fn mount_points_are_made_and_diff_shows_them() {
    let (t, _) = container(Access::ReadOnly);
    let lines: Vec<String> = t.root().diff().iter().map(ToString::to_string).collect();
    let expected = [
        "A /data",
        "C /etc",
        "A /etc/hosts",
        "C /usr",
        "A /usr/share",
        "A /usr/share/site",
    ];
    assert_eq!(lines, expected);
    let targets: Vec<String> = t.mounts().iter().map(Mount::target).collect();
    assert_eq!(targets, ["/data", "/usr/share/site", "/etc/hosts"]);
    assert_eq!(t.mounts()[1].source_path(), "/home/me/site");
    assert_eq!(t.mounts()[1].access(), Access::ReadOnly);
}

#[test]
fn containers_sharing_a_volume_see_each_others_writes() {
    let c = Caller::root(T0);
    let vol = volume();
    let mut a = MountTable::new(overlay(), Access::ReadWrite);
    let mut b = MountTable::new(overlay(), Access::ReadWrite);
    a.mount(&c, "/shared", vol.clone(), "/", Access::ReadWrite)
        .unwrap();
    b.mount(&c, "/mnt/v", vol.clone(), "/", Access::ReadOnly)
        .unwrap();
    a.write(&c, "/shared/msg", "from a".into()).unwrap();
    assert_eq!(b.read("/mnt/v/msg").unwrap(), Content::from("from a"));
    assert_eq!(b.write(&c, "/mnt/v/msg", "b".into()), Err(Errno::EROFS));
    assert!(vol.borrow().exists("/msg"));
    // The volume outlives both containers.
    drop((a, b));
    assert_eq!(Rc::strong_count(&vol), 1);
}

#[test]
fn mount_targets_follow_links_in_the_container() {
    let c = Caller::root(T0);
    let mut t = MountTable::new(overlay(), Access::ReadWrite);
    t.mount(&c, "/lib/vol", volume(), "/", Access::ReadWrite)
        .unwrap();
    assert_eq!(t.mounts()[0].target(), "/usr/lib/vol");
    assert_eq!(t.read_dir("/usr/lib/vol").unwrap(), ["abs", "seed.txt"]);
    let missing = t.mount(&c, "/x", volume(), "/nope", Access::ReadWrite);
    assert_eq!(missing, Err(Errno::ENOENT));
}

#[test]
fn copies_between_host_and_container() {
    let c = Caller::root(T0 + SECOND);
    let host = host();
    let mut ctr = overlay();
    let snap = host.borrow().snapshot("/home/me/site").unwrap();
    assert_eq!(snap.size(), 11);
    ctr.paste(&c, "/srv", &snap, Preserve::DOCKER_CP).unwrap();
    let st = ctr.stat("/srv/index.html").unwrap();
    assert_eq!((st.uid, st.mode, st.mtime), (0, 0o644, T0));
    let back = ctr.snapshot("/etc").unwrap();
    host.borrow_mut()
        .paste(&c, "/home/me/etc", &back, Preserve::ALL)
        .unwrap();
    assert_eq!(
        host.borrow().read_dir("/home/me/etc").unwrap(),
        ["hostname", "motd", "passwd"]
    );
}
