//! Tar streams and digests: golden diff ids, round trips, whiteouts in the stream,
//! `docker export` and `docker cp` archives, and broken input.

use std::io::Read as _;

use super::*;
use crate::fs::tar::{read_layer, write_fs, HashWriter, TarError};

/// A small layer with one of each kind of entry, fixed forever: its diff id is golden.
pub fn tiny() -> Layer {
    let t = 1_700_000_000 * SECOND;
    let mut l = RwLayer::new();
    l.add_dir("/etc", Meta::root(0o755, t)).unwrap();
    l.add_file("/etc/hostname", Meta::root(0o644, t), "berth\n".into())
        .unwrap();
    l.add_whiteout("/etc/motd", Meta::root(0o600, t)).unwrap();
    l.add_symlink("/bin", Meta::root(0o777, t), "usr/bin")
        .unwrap();
    l.add_dir("/home/app", Meta::new(0o750, 1000, 1000, t))
        .unwrap();
    l.add_file(
        "/home/app/run.sh",
        Meta::new(0o755, 1000, 1000, t),
        "#!/bin/sh\necho hi\n".into(),
    )
    .unwrap();
    l.add_dir("/var", Meta::root(0o755, t)).unwrap();
    l.set_opaque("/var").unwrap();
    l.freeze()
}

fn entries(layer: &Layer) -> &crate::collections::SortedMap<String, crate::fs::node::Node> {
    &layer.root().as_dir().unwrap().entries
}

fn tar_bytes(layer: &Layer) -> Vec<u8> {
    let mut out = Vec::new();
    let n = layer.write_tar(&mut out).unwrap();
    assert_eq!(n, out.len() as u64);
    out
}

/// Entry names and types of a tar stream, as `tar tv` would list them.
fn listing(bytes: &[u8]) -> Vec<String> {
    let mut archive = ::tar::Archive::new(bytes);
    archive
        .entries()
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let h = e.header();
            format!(
                "{:?} {:o} {}:{} {} {}",
                h.entry_type(),
                h.mode().unwrap(),
                h.uid().unwrap(),
                h.gid().unwrap(),
                h.size().unwrap(),
                String::from_utf8_lossy(&e.path_bytes())
            )
        })
        .collect()
}

#[test]
fn empty_layer_has_dockers_empty_layer_digest() {
    // docker's well-known empty layer: 1024 zero bytes.
    let id = Layer::empty().diff_id();
    let expected = "sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef";
    assert_eq!(id.to_string(), expected);
    assert_eq!(tar_bytes(&Layer::empty()), vec![0; 1024]);
}

#[test]
fn tiny_layer_stream_and_golden_digest() {
    let bytes = tar_bytes(&tiny());
    assert_eq!(
        listing(&bytes),
        [
            "Symlink 777 0:0 0 bin",
            "Directory 755 0:0 0 etc/",
            "Regular 644 0:0 6 etc/hostname",
            "Regular 600 0:0 0 etc/.wh.motd",
            "Directory 755 0:0 0 home/",
            "Directory 750 1000:1000 0 home/app/",
            "Regular 755 1000:1000 18 home/app/run.sh",
            "Directory 755 0:0 0 var/",
            "Regular 755 0:0 0 var/.wh..wh..opq",
        ]
    );
    // Checked independently: `sha256sum` and Python's hashlib over these 6656 bytes give
    // this digest, and Python's tarfile lists the same nine entries, modes, owners, times
    // and contents.
    let golden = "sha256:c1f3b31b0eb5a5b9a7cf41b91c6497c632ebc1717cb21461135ecfca2353e5ef";
    assert_eq!(tiny().diff_id().to_string(), golden);
    assert_eq!(Digest::of(&bytes).to_string(), golden);
    assert_eq!(tiny().size(), 6 + 18 + 7);
}

#[test]
fn round_trip_keeps_the_tree_and_the_digest() {
    let layer = tiny();
    let bytes = tar_bytes(&layer);
    let back = read_layer(&mut &bytes[..]).unwrap().freeze();
    assert_eq!(entries(&back), entries(&layer));
    assert_eq!(back.diff_id(), layer.diff_id());
    for l in [layer1(), layer2()] {
        let again = read_layer(&mut &tar_bytes(&l)[..]).unwrap().freeze();
        // The root's own metadata is not part of a layer's stream.
        assert_eq!(entries(&again), entries(&l));
        assert_eq!(again.diff_id(), l.diff_id());
    }
}

#[test]
fn digests_are_stable_and_content_addressed() {
    assert_eq!(layer1().diff_id(), layer1().diff_id());
    assert_ne!(layer1().diff_id(), layer2().diff_id());
    let mut changed = layer1().to_rw();
    changed
        .add_file(
            "/etc/passwd",
            Meta::root(0o600, T0),
            "root:x:0:0:root:/root:/bin/sh\n".into(),
        )
        .unwrap();
    assert_ne!(
        changed.freeze().diff_id(),
        layer1().diff_id(),
        "mode is hashed"
    );
    let mut h = HashWriter::new();
    let n = layer1().write_tar(&mut h).unwrap();
    let (d, len) = h.finish();
    assert_eq!((d, len), (layer1().diff_id(), n));
}

#[test]
fn generated_files_stream_without_being_stored() {
    let mut l = RwLayer::new();
    l.add_file(
        "/usr/sbin/mysqld",
        Meta::root(0o755, T0),
        Content::filler(3 << 20, 42),
    )
    .unwrap();
    let layer = l.freeze();
    assert_eq!(layer.size(), 3 << 20);
    let bytes = tar_bytes(&layer);
    let back = read_layer(&mut &bytes[..]).unwrap().freeze();
    assert_eq!(back.diff_id(), layer.diff_id());
    let content = back.read("/usr/sbin/mysqld").unwrap();
    assert!(!content.is_generated());
    assert_eq!(content, Content::filler(3 << 20, 42));
}

#[test]
fn long_names_and_link_targets() {
    let deep = format!("/{}/{}", "d".repeat(120), "f".repeat(200));
    let far = "t".repeat(300);
    let mut l = RwLayer::new();
    l.add_file(&deep, Meta::root(0o644, T0), "x".into())
        .unwrap();
    l.add_symlink("/link", Meta::root(0o777, T0), &far).unwrap();
    let layer = l.freeze();
    let back = read_layer(&mut &tar_bytes(&layer)[..]).unwrap().freeze();
    assert_eq!(entries(&back), entries(&layer));
}

#[test]
fn export_is_the_flat_merged_view() {
    let mut o = overlay();
    run(&mut o, "write /tmp/x hi; rm /etc/motd; rmrf /opt");
    let mut bytes = Vec::new();
    let n = o.export(&mut bytes).unwrap();
    assert_eq!(n, bytes.len() as u64);
    let names: Vec<String> = listing(&bytes)
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert!(names.iter().all(|n| !n.contains(".wh.")));
    assert_eq!(&names[..4], ["bin/", "bin/busybox", "bin/sh", "dangling"]);
    assert!(names.contains(&"tmp/x".to_string()));
    assert!(!names.contains(&"etc/motd".to_string()));
    let imported = read_layer(&mut &bytes[..]).unwrap();
    let mut want = observe(&o);
    let mut got = observe(&imported);
    // The root's own entry is not in the archive.
    want.remove(0);
    got.remove(0);
    assert_eq!(got, want);
}

#[test]
fn docker_cp_archive_is_named_after_the_path() {
    let o = overlay();
    let mut bytes = Vec::new();
    write_fs(&o, "/etc", &mut bytes).unwrap();
    let names: Vec<String> = listing(&bytes)
        .iter()
        .map(|l| l.rsplit(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(names, ["etc/", "etc/hostname", "etc/motd", "etc/passwd"]);
    let mut one = Vec::new();
    write_fs(&o, "/sh", &mut one).unwrap();
    assert_eq!(listing(&one), ["Regular 755 0:0 15 sh"]);
    assert!(write_fs(&o, "/nope", &mut Vec::new()).is_err());
}

#[test]
fn reading_broken_or_hostile_archives_fails_cleanly() {
    let garbage = vec![7u8; 1024];
    assert!(read_layer(&mut &garbage[..]).is_err());
    let mut truncated = tar_bytes(&tiny());
    truncated.truncate(700);
    assert!(read_layer(&mut &truncated[..]).is_err());
    // `..` in a path is refused, not followed out of the layer.
    let mut h = ::tar::Header::new_gnu();
    h.set_size(1);
    let name = b"a/../../etc/x";
    h.as_old_mut().name[..name.len()].copy_from_slice(name);
    h.set_cksum();
    let mut evil = Vec::new();
    let mut b = ::tar::Builder::new(&mut evil);
    b.append(&h, &b"x"[..]).unwrap();
    b.into_inner().unwrap();
    let err = read_layer(&mut &evil[..]).unwrap_err();
    assert_eq!(
        err,
        TarError("invalid path in archive: a/../../etc/x".into())
    );
    assert!(read_layer(&mut &[][..]).unwrap().is_empty());
}

#[test]
fn hard_links_become_shared_copies() {
    let mut bytes = Vec::new();
    let mut b = ::tar::Builder::new(&mut bytes);
    let mut h = ::tar::Header::new_ustar();
    h.set_size(3);
    h.set_mode(0o644);
    b.append_data(&mut h, "a", &b"abc"[..]).unwrap();
    let mut l = ::tar::Header::new_ustar();
    l.set_entry_type(::tar::EntryType::Link);
    l.set_size(0);
    b.append_link(&mut l, "b", "a").unwrap();
    b.into_inner().unwrap();
    let layer = read_layer(&mut &bytes[..]).unwrap();
    let (a, b) = (layer.read("/a").unwrap(), layer.read("/b").unwrap());
    assert!(a.shares_storage(&b));
    let mut s = String::new();
    a.reader().read_to_string(&mut s).unwrap();
    assert_eq!(s, "abc");
}

#[test]
fn digest_text() {
    let d = Digest::of(b"");
    let hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(d.to_string(), format!("sha256:{hex}"));
    assert_eq!(d.short(), "e3b0c44298fc");
    assert_eq!(Digest::parse(&d.to_string()), Some(d));
    assert_eq!(Digest::parse(hex), Some(d));
    assert_eq!(Digest::parse("sha256:xyz"), None);
    assert_eq!(Digest::parse(&hex[1..]), None);
}
