//! What only an overlay does: copy-up, whiteouts, opaque directories, `docker diff`,
//! `docker commit`, link counts of merged directories, and never copying on creation.

use super::*;
use crate::fs::node::Node;

fn upper_node<'a>(o: &'a Overlay, path: &str) -> Option<&'a Node> {
    let parts: Vec<String> = path::components(path).map(String::from).collect();
    o.upper().root().walk(&parts)
}

fn lower_content(l: &Layer, path: &str) -> Content {
    l.read(path).unwrap()
}

/// Runs `script` on a fresh view of the fixture and returns `docker diff`'s lines.
fn diff_after(script: &str) -> String {
    let mut o = overlay();
    if !script.is_empty() {
        let out = run(&mut o, script);
        assert!(!out.contains('E'), "script failed: {script} -> {out}");
    }
    o.diff()
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn docker_diff() {
    let cases: &[(&str, &str)] = &[
        ("", ""),
        ("write /tmp/x hi", "C /tmp\nA /tmp/x"),
        ("append /etc/hostname x", "C /etc/hostname"),
        ("chmod 600 /etc/passwd", "C /etc/passwd"),
        ("rm /etc/motd", "C /etc\nD /etc/motd"),
        ("rmrf /var/log", "C /var\nD /var/log"),
        (
            "rmrf /etc; mkdir /etc; write /etc/new x",
            "D /etc\nA /etc/new",
        ),
        ("mkdirp /a/b; write /a/b/c x", "A /a\nA /a/b\nA /a/b/c"),
        (
            "mv /etc/motd /tmp/motd",
            "C /etc\nD /etc/motd\nC /tmp\nA /tmp/motd",
        ),
        ("write /tmp/x 1; rm /tmp/x", "C /tmp"),
        ("touch /etc/shadow", "C /etc\nC /etc/shadow"),
        ("write /usr/lib/deep x", "C /usr/lib\nA /usr/lib/deep"),
        ("append /usr/lib/libc.so x", "C /usr/lib/libc.so"),
        ("write /new x; rm /bin/sh", "C /bin\nD /bin/sh\nA /new"),
        ("chown 5:5 /usr/bin", ""),
        ("chmod 700 /usr/bin", "C /usr/bin"),
    ];
    for (script, expected) in cases {
        assert_eq!(diff_after(script), *expected, "script: {script}");
    }
}

#[test]
fn creating_a_view_copies_nothing() {
    let image = image();
    let counts: Vec<usize> = image.iter().map(Rc::strong_count).collect();
    let o = Overlay::new(image.clone());
    assert!(o.upper().is_empty());
    for (layer, before) in image.iter().zip(&counts) {
        assert_eq!(Rc::strong_count(layer), before + 1, "shared, not copied");
    }
    let seen = o.read("/bin/busybox").unwrap();
    assert!(seen.shares_storage(&lower_content(&image[0], "/bin/busybox")));
    assert!(o.diff().is_empty());
}

#[test]
fn copy_up_leaves_the_lower_layer_untouched() {
    let image = image();
    let mut o = Overlay::new(image.clone());
    let c = Caller::root(T0);
    o.write(&c, "/etc/hostname", "changed\n".into()).unwrap();
    assert_eq!(
        lower_content(&image[1], "/etc/hostname"),
        Content::from("base\n")
    );
    assert_eq!(o.read("/etc/hostname").unwrap(), Content::from("changed\n"));
    // A metadata change copies the file up by reference: the bytes stay shared.
    o.chmod(&c, "/etc/passwd", 0o600).unwrap();
    let up = o.read("/etc/passwd").unwrap();
    assert!(up.shares_storage(&lower_content(&image[0], "/etc/passwd")));
    assert_eq!(image[0].stat("/etc/passwd").unwrap().mode, 0o644);
    // The copied-up parent keeps the lower directory's metadata.
    let Some(Node::Dir(etc)) = upper_node(&o, "/etc") else {
        panic!("/etc was not copied up")
    };
    assert_eq!(etc.meta, Meta::root(0o755, T0));
    assert!(!etc.opaque);
    // Appending to a copied-up file copies its bytes once, then appends in place.
    o.append(&c, "/bin/sh", b"x").unwrap();
    assert_eq!(
        lower_content(&image[0], "/bin/sh"),
        Content::from("#!/bin/busybox\n")
    );
    assert_eq!(
        o.read("/bin/sh").unwrap(),
        Content::from("#!/bin/busybox\nx")
    );
}

#[test]
fn whiteouts_hide_and_recreation_replaces_them() {
    let image = image();
    let mut o = Overlay::new(image.clone());
    let c = Caller::root(T0);
    o.remove_file(&c, "/etc/passwd").unwrap();
    assert!(matches!(
        upper_node(&o, "/etc/passwd"),
        Some(Node::Whiteout(_))
    ));
    assert!(image[0].exists("/etc/passwd"));
    assert_eq!(o.stat("/etc/passwd"), Err(Errno::ENOENT));
    o.write(&c, "/etc/passwd", "new".into()).unwrap();
    assert!(matches!(
        upper_node(&o, "/etc/passwd"),
        Some(Node::File(..))
    ));
    // A file that exists only in the upper layer leaves no whiteout behind.
    o.write(&c, "/tmp/scratch", "x".into()).unwrap();
    o.remove_file(&c, "/tmp/scratch").unwrap();
    assert!(upper_node(&o, "/tmp/scratch").is_none());
    // A whole lower directory is hidden by one whiteout.
    o.remove_all(&c, "/usr").unwrap();
    assert!(matches!(upper_node(&o, "/usr"), Some(Node::Whiteout(_))));
    assert!(!o.read_dir("/").unwrap().contains(&"usr".to_string()));
}

#[test]
fn a_directory_made_over_a_deleted_one_is_opaque() {
    let mut o = overlay();
    let c = Caller::root(T0);
    o.remove_all(&c, "/etc").unwrap();
    o.mkdir(&c, "/etc", 0o755).unwrap();
    let Some(Node::Dir(etc)) = upper_node(&o, "/etc") else {
        panic!("no /etc in the upper layer")
    };
    assert!(etc.opaque);
    assert_eq!(o.read_dir("/etc").unwrap(), Vec::<String>::new());
    // A directory made where nothing was below is not opaque.
    o.mkdir(&c, "/fresh", 0o755).unwrap();
    assert!(matches!(upper_node(&o, "/fresh"), Some(Node::Dir(d)) if !d.opaque));
}

#[test]
fn merged_directories_report_one_link() {
    let mut o = overlay();
    o.mkdir_all(&Caller::root(T0), "/new/a", 0o755).unwrap();
    let cases = [
        ("/", 1),
        ("/usr", 1),
        ("/opt", 1),
        ("/bin", 2),
        ("/usr/lib", 2),
        ("/new", 3),
    ];
    for (path, nlink) in cases {
        assert_eq!(o.stat(path).unwrap().nlink, nlink, "{path}");
    }
    assert_eq!(plain().stat("/usr").unwrap().nlink, 4);
    assert_eq!(o.stat("/etc/passwd").unwrap().nlink, 1);
}

#[test]
fn commit_then_a_new_view_sees_the_changes() {
    let image = image();
    let mut o = Overlay::new(image.clone());
    let script = "write /tmp/x hi; rm /etc/motd; rmrf /var/log; mkdir /var/log; \
                  write /var/log/new 1; chmod 600 /etc/passwd; mv /usr/bin /usr/tools; \
                  ln /usr/tools/env /env";
    assert!(!run(&mut o, script).contains('E'));
    let layer = Rc::new(o.commit());
    assert_eq!(layer.size(), o.upper().size());
    let mut lowers = image.clone();
    lowers.push(Rc::clone(&layer));
    let next = Overlay::new(lowers);
    assert!(next.upper().is_empty());
    assert_eq!(observe(&next), observe(&o));
    // The committed layer is immutable: changing it gives EROFS.
    let mut frozen = layer.to_rw().freeze();
    let c = Caller::root(T0);
    assert_eq!(frozen.write(&c, "/tmp/y", "x".into()), Err(Errno::EROFS));
    // The running view keeps its writable layer.
    assert!(!o.upper().is_empty());
}

#[test]
fn two_images_sharing_a_base_store_it_once() {
    let mut store = LayerStore::new();
    let base_a = store.insert(layer1());
    let top_a = store.insert(layer2());
    let base_b = store.insert(layer1());
    let mut extra = RwLayer::new();
    extra
        .add_file("/app/main", Meta::root(0o755, T0), "main".into())
        .unwrap();
    let top_b = store.insert(extra.freeze());
    assert!(Rc::ptr_eq(&base_a, &base_b), "same content, same layer");
    assert_eq!(store.len(), 3);
    assert_eq!(store.size(), base_a.size() + top_a.size() + top_b.size());
    let image_a = vec![Rc::clone(&base_a), top_a];
    let image_b = vec![base_b, top_b];
    let (va, vb) = (Overlay::new(image_a.clone()), Overlay::new(image_b.clone()));
    assert_eq!(va.read("/etc/passwd"), vb.read("/etc/passwd"));
    // Layers stay while an image holds them, and go when nothing does.
    drop((va, vb, image_b));
    assert_eq!(store.prune().len(), 1, "only image b's top layer was free");
    drop(image_a);
    drop(base_a);
    assert_eq!(store.prune().len(), 2);
    assert!(store.is_empty());
}

#[test]
fn upper_size_counts_only_the_containers_bytes() {
    let mut o = overlay();
    assert_eq!(o.upper().size(), 0);
    let c = Caller::root(T0);
    o.write(&c, "/tmp/a", "12345".into()).unwrap();
    o.symlink(&c, "/tmp/a", "/tmp/b").unwrap();
    o.remove_file(&c, "/etc/motd").unwrap();
    assert_eq!(o.upper().size(), 5 + 6);
}

#[test]
fn rename_of_a_lower_directory_moves_its_merged_contents() {
    let image = image();
    let mut o = Overlay::new(image.clone());
    let c = Caller::root(T0);
    o.rename(&c, "/usr", "/u").unwrap();
    assert_eq!(o.read_dir("/u").unwrap(), ["bin", "lib"]);
    assert!(o
        .read("/u/lib/libc.so")
        .unwrap()
        .shares_storage(&lower_content(&image[0], "/usr/lib/libc.so")));
    assert_eq!(o.stat("/usr"), Err(Errno::ENOENT));
    assert_eq!(
        o.diff().iter().map(ToString::to_string).collect::<Vec<_>>(),
        [
            "A /u",
            "A /u/bin",
            "A /u/bin/env",
            "A /u/lib",
            "A /u/lib/libc.so",
            "D /usr"
        ]
    );
}

const MIB: u64 = 1 << 20;

/// Writes (path, MiB, append?) in order on a fresh view; checks each result, then the
/// bytes each listed file holds in the upper layer (`None`: not there).
fn check_room(
    writes: &[(&str, u64, bool)],
    expected: &[Result<()>],
    sizes: &[(&str, Option<u64>)],
) {
    let mut o = overlay();
    let c = Caller::root(T0);
    for ((path, mib, append), want) in writes.iter().zip(expected) {
        let bytes = vec![b'x'; (mib * MIB) as usize];
        let got = if *append {
            o.append(&c, path, &bytes)
        } else {
            o.write(&c, path, Content::from(bytes))
        };
        assert_eq!(got, *want, "{path} {mib} MiB");
    }
    for (path, size) in sizes {
        assert_eq!(upper_node(&o, path).map(Node::disk_size), *size, "{path}");
    }
    assert!(o.upper().stored_size() <= MAX_LAYER_BYTES);
}

#[test]
fn a_writable_layer_fills_up_with_enospc() {
    let ok = Ok(());
    let full = Err(Errno::ENOSPC);
    // Up to the limit, in one file or many.
    check_room(&[("/a", 64, false)], &[ok], &[("/a", Some(64 * MIB))]);
    check_room(
        &[("/a", 32, false), ("/b", 32, false)],
        &[ok, ok],
        &[("/a", Some(32 * MIB)), ("/b", Some(32 * MIB))],
    );
    // A new file past it keeps what fits (nothing, on a full disk: it is created empty).
    check_room(
        &[("/a", 48, false), ("/b", 32, false), ("/c", 1, false)],
        &[ok, full, full],
        &[("/b", Some(16 * MIB)), ("/c", Some(0))],
    );
    // An append keeps what fits; a rewrite that does not fit keeps the old bytes.
    check_room(
        &[("/a", 40, false), ("/a", 40, true)],
        &[ok, full],
        &[("/a", Some(64 * MIB))],
    );
    check_room(
        &[("/a", 40, false), ("/b", 20, false), ("/b", 30, false)],
        &[ok, ok, full],
        &[("/b", Some(24 * MIB))],
    );
    // Removing files makes room again.
    check_room(
        &[
            ("/a", 64, false),
            ("/b", 1, false),
            ("/a", 0, false),
            ("/b", 1, false),
        ],
        &[ok, full, ok, ok],
        &[("/a", Some(0)), ("/b", Some(MIB))],
    );
}
