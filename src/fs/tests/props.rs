//! Property tests: any sequence of operations gives the same answers and the same tree on
//! a plain layer as on an overlay; committing the overlay and viewing the commit gives the
//! same tree again; and the commit survives a trip through tar.

use crate::collections::SmallSort;
use proptest::prelude::*;

use super::*;
use crate::fs::tar::read_layer;

const PATHS: &[&str] = &[
    "/",
    "/a",
    "/a/b",
    "/a/b/c",
    "/etc",
    "/etc/hostname",
    "/etc/shadow",
    "/etc/new",
    "/tmp",
    "/tmp/x",
    "/lib",
    "/lib/y",
    "/usr",
    "/usr/lib",
    "/sh",
    "/bin/sh",
    "/opt/app/data",
    "/opt/app/data/x",
    "/opt/app/data/stale",
    "/var/log",
    "/var/log/old.log",
    "/home",
    "/home/user",
    "/loop1",
    "/nowhere",
    "/dangling",
    "/etc/",
    "/usr/../etc/motd",
];

const TARGETS: &[&str] = &[
    "/etc",
    "a",
    "../etc/hostname",
    "/nowhere",
    "/tmp/x",
    "loop",
    ".",
];

#[derive(Clone, Debug)]
enum Op {
    Write(String, String),
    Append(String, String),
    Truncate(String, u64),
    Touch(String),
    Mkdir(String),
    MkdirAll(String),
    Unlink(String),
    Rmdir(String),
    RemoveAll(String),
    Rename(String, String),
    Symlink(String, String),
    Chmod(String, u32),
    Chown(String, u32),
    SetMtime(String, i64),
    Copy(String, String),
}

fn a_path() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => proptest::sample::select(PATHS).prop_map(String::from),
        1 => "[ab./]{0,10}",
    ]
}

fn an_op() -> impl Strategy<Value = Op> {
    let text = "[a-z\n]{0,6}";
    prop_oneof![
        (a_path(), text).prop_map(|(p, t)| Op::Write(p, t)),
        (a_path(), text).prop_map(|(p, t)| Op::Append(p, t)),
        (a_path(), 0u64..8).prop_map(|(p, n)| Op::Truncate(p, n)),
        a_path().prop_map(Op::Touch),
        a_path().prop_map(Op::Mkdir),
        a_path().prop_map(Op::MkdirAll),
        a_path().prop_map(Op::Unlink),
        a_path().prop_map(Op::Rmdir),
        a_path().prop_map(Op::RemoveAll),
        (a_path(), a_path()).prop_map(|(a, b)| Op::Rename(a, b)),
        (proptest::sample::select(TARGETS), a_path())
            .prop_map(|(t, p)| Op::Symlink(t.to_string(), p)),
        (a_path(), 0u32..0o7777).prop_map(|(p, m)| Op::Chmod(p, m)),
        (a_path(), 0u32..3).prop_map(|(p, u)| Op::Chown(p, u)),
        (a_path(), 0i64..100).prop_map(|(p, t)| Op::SetMtime(p, t)),
        (a_path(), a_path()).prop_map(|(a, b)| Op::Copy(a, b)),
    ]
}

fn apply<F: Fs + ?Sized>(fs: &mut F, op: &Op, c: &Caller) -> Result<()> {
    match op {
        Op::Write(p, t) => fs.write(c, p, t.as_str().into()),
        Op::Append(p, t) => fs.append(c, p, t.as_bytes()),
        Op::Truncate(p, n) => fs.truncate(c, p, *n),
        Op::Touch(p) => fs.touch(c, p),
        Op::Mkdir(p) => fs.mkdir(c, p, 0o777),
        Op::MkdirAll(p) => fs.mkdir_all(c, p, 0o750),
        Op::Unlink(p) => fs.remove_file(c, p),
        Op::Rmdir(p) => fs.remove_dir(c, p),
        Op::RemoveAll(p) => fs.remove_all(c, p),
        Op::Rename(a, b) => fs.rename(c, a, b),
        Op::Symlink(t, p) => fs.symlink(c, t, p),
        Op::Chmod(p, m) => fs.chmod(c, p, *m),
        Op::Chown(p, u) => fs.chown(c, p, Some(*u), None),
        Op::SetMtime(p, t) => fs.set_mtime(c, p, T0 + t * SECOND),
        Op::Copy(a, b) => fs.copy(c, a, b, Preserve::NONE),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn plain_and_overlay_agree(ops in proptest::collection::vec(an_op(), 1..40)) {
        let image = image();
        let mut plain = plain();
        let mut over = Overlay::new(image.clone());
        let mut table = MountTable::new(Overlay::new(image.clone()), Access::ReadWrite);
        for (i, op) in ops.iter().enumerate() {
            let c = Caller::root(T0 + (i as i64 + 1) * SECOND);
            let want = apply(&mut plain, op, &c);
            prop_assert_eq!(apply(&mut over, op, &c), want, "op {}: {:?}", i, op);
            prop_assert_eq!(apply(&mut table, op, &c), want, "op {} in a table: {:?}", i, op);
        }
        let tree = observe(&plain);
        prop_assert_eq!(&observe(&over), &tree);
        prop_assert_eq!(&observe(&table), &tree);

        // Committing and viewing the commit shows the same tree.
        let layer = over.commit();
        let bytes = {
            let mut v = Vec::new();
            layer.write_tar(&mut v).unwrap();
            v
        };
        let mut lowers = image.clone();
        lowers.push(Rc::new(layer));
        let next = Overlay::new(lowers);
        prop_assert_eq!(&observe(&next), &tree);

        // The commit read back from its tar has the same diff id and gives the same view
        // (the root's own metadata is not in the stream, so compare below it).
        let back = read_layer(&mut &bytes[..]).unwrap().freeze();
        prop_assert_eq!(back.diff_id(), next.lowers()[2].diff_id());
        let mut lowers = image;
        lowers.push(Rc::new(back));
        let again = observe(&Overlay::new(lowers));
        prop_assert_eq!(&again[1..], &tree[1..]);

        // docker diff never lists a path twice.
        let diff = over.diff();
        let mut paths: Vec<&str> = diff.iter().map(|c| c.path.as_str()).collect();
        paths.small_sort();
        paths.dedup();
        prop_assert_eq!(paths.len(), diff.len());
    }
}
