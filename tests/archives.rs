//! The archives `docker save` and `docker export` write are real tar files: written to a
//! real folder, the `tar` crate (and the system's `tar -tvf`, when there is one) read them.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot write its files should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively and may use the OS

use berth::collections::SmallSort;
use berth::{Engine, ManualClock};

/// Runs `lines` on a fresh Windows engine and returns the bytes of the host file `file`.
fn produce(lines: &[&str], file: &str) -> Vec<u8> {
    let clock = ManualClock::default();
    let engine = Engine::builder().clock(Box::new(clock.clone())).build();
    let mut s = engine.session();
    for line in lines {
        clock.advance(berth::ports::SECOND);
        let mut out = s.run_line(line);
        out.append(s.settle(&clock));
        assert_eq!(out.status, Some(0), "{line}: {}", out.text());
    }
    engine.host_file(file).expect("the file was written")
}

/// The entry names of `bytes`, read by the `tar` crate from a real file.
fn names(bytes: &[u8], file: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!("berth-archives-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    let mut archive = tar::Archive::new(std::fs::File::open(&path).unwrap());
    let mut names: Vec<String> = archive
        .entries()
        .unwrap()
        .map(|e| e.unwrap().path().unwrap().to_string_lossy().into_owned())
        .collect();
    if let Ok(out) = std::process::Command::new("tar")
        .arg("-tf")
        .arg(&path)
        .output()
    {
        if out.status.success() {
            let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_owned)
                .collect();
            assert_eq!(listed, names, "tar -tf {file}");
        }
    }
    std::fs::remove_file(&path).unwrap();
    names.small_sort();
    names
}

fn check(lines: &[&str], file: &str, expected: &[&str]) {
    let names = names(&produce(lines, file), file);
    for want in expected {
        let found = if let Some(prefix) = want.strip_suffix('*') {
            names
                .iter()
                .any(|n| n.starts_with(prefix) && n.len() > prefix.len())
        } else {
            names.iter().any(|n| n == want)
        };
        assert!(found, "{file}: {want} not in {names:?}");
    }
}

#[test]
fn saved_and_exported_archives_are_real_tar_files() {
    let pull = "docker pull -q alpine";
    let save_layout = [
        "oci-layout",
        "index.json",
        "manifest.json",
        "repositories",
        "blobs/sha256/d9d7522e07717b5ae96888100732dea56418ce0e206de466e5e890d6bd9defcb",
        "blobs/sha256/*",
    ];
    check(
        &[pull, "docker save -o a.tar alpine"],
        "a.tar",
        &save_layout,
    );
    check(&[pull, "docker save alpine > b.tar"], "b.tar", &save_layout);
    let rootfs = ["bin/sh", "etc/alpine-release", "hello.txt", ".dockerenv"];
    let run = "docker run --name box alpine sh -c 'echo hi > /hello.txt'";
    check(&[pull, run, "docker export box > c.tar"], "c.tar", &rootfs);
    check(&[pull, run, "docker export -o d.tar box"], "d.tar", &rootfs);
}

#[test]
fn redirected_and_written_archives_are_the_same_bytes() {
    let a = produce(
        &["docker pull -q alpine", "docker save -o a.tar alpine"],
        "a.tar",
    );
    let b = produce(
        &["docker pull -q alpine", "docker save alpine > b.tar"],
        "b.tar",
    );
    assert_eq!(a, b);
}

/// Writes `bytes` to a real temporary file named `file`; returns its path.
fn real_file(bytes: &[u8], file: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("berth-outside-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A program outside the simulator, when installed: `None` (after saying why the check is
/// skipped) otherwise.
fn outside(program: &str) -> Option<std::process::Command> {
    let found = std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: {program} is not installed");
        return None;
    }
    Some(std::process::Command::new(program))
}

#[test]
fn skopeo_reads_a_saved_image() {
    let bytes = produce(
        &["docker pull -q alpine", "docker save -o alpine.tar alpine"],
        "alpine.tar",
    );
    let path = real_file(&bytes, "alpine.tar");
    let Some(mut skopeo) = outside("skopeo") else {
        return;
    };
    let out = skopeo
        .arg("inspect")
        .arg(format!("docker-archive:{}", path.display()))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "skopeo: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(info["Os"], "linux");
    assert_eq!(info["Architecture"], "amd64");
    assert_eq!(info["Layers"].as_array().map(Vec::len), Some(1));
}

#[test]
fn the_example_sites_tarball_is_a_real_gzip_tar() {
    let tgz = berth::registry::web::get("http://example.com/exampleimage.tgz").unwrap();
    let path = real_file(&tgz, "exampleimage.tgz");
    let Some(mut tar) = outside("tar") else {
        return;
    };
    let out = tar.arg("-tzf").arg(&path).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listed = String::from_utf8_lossy(&out.stdout);
    for want in ["hello", "etc/motd"] {
        assert!(
            listed.lines().any(|l| l.trim_start_matches("./") == want),
            "{want} in {listed}"
        );
    }
}

/// Every catalog image survives `docker save`, `docker rmi` and `docker load` with its
/// layers' diff ids intact: each layer's tar reads back into the same tree.
#[test]
fn saved_images_load_back() {
    for image in ["alpine", "ubuntu", "nginx", "busybox", "mysql:5.7"] {
        let clock = ManualClock::default();
        let engine = Engine::builder().clock(Box::new(clock.clone())).build();
        let mut s = engine.session();
        for line in [
            format!("docker pull -q {image}"),
            format!("docker save -o i.tar {image}"),
            format!("docker rmi {image}"),
            "docker load -i i.tar".to_owned(),
        ] {
            clock.advance(berth::ports::SECOND);
            let mut out = s.run_line(&line);
            out.append(s.settle(&clock));
            assert_eq!(out.status, Some(0), "{image}: {line}: {}", out.text());
        }
    }
}

/// Runs `lines` on `engine`, each expected to succeed; returns what they printed.
fn run_ok(engine: &Engine, clock: &ManualClock, lines: &[&str]) -> String {
    let mut s = engine.session();
    let mut text = String::new();
    for line in lines {
        clock.advance(berth::ports::SECOND);
        let mut out = s.run_line(line);
        out.append(s.settle(clock));
        assert_eq!(out.status, Some(0), "{line}: {}", out.text());
        text.push_str(&out.text());
    }
    text
}

/// A gzip of `bytes` made by the system's `gzip`, when there is one.
fn system_gzip(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut gzip = outside("gzip")?;
    let path = real_file(bytes, "to-compress.tar");
    let out = gzip.arg("-c").arg(&path).output().unwrap();
    assert!(out.status.success());
    Some(out.stdout)
}

/// `docker load` and `docker import` take gzip-compressed archives as docker does (found by
/// their magic bytes): a saved image gzipped outside loads back, by `-i` and by `<`, and
/// the example site's rootfs imports from a file on the host.
#[test]
fn gzipped_archives_load_and_import() {
    let clock = ManualClock::default();
    // bash: `<` feeds standard input.
    let engine = Engine::builder()
        .host(berth::HostKind::Linux)
        .clock(Box::new(clock.clone()))
        .build();
    run_ok(
        &engine,
        &clock,
        &["docker pull -q alpine", "docker save -o alpine.tar alpine"],
    );
    let Some(tgz) = system_gzip(&engine.host_file("alpine.tar").unwrap()) else {
        return;
    };
    engine
        .write_host_file("alpine.tar.gz", tgz.clone())
        .unwrap();
    let shown = run_ok(
        &engine,
        &clock,
        &["docker rmi alpine", "docker load -i alpine.tar.gz"],
    );
    assert!(shown.contains("Loaded image: alpine:latest"), "{shown}");
    let shown = run_ok(
        &engine,
        &clock,
        &["docker rmi alpine", "docker load < alpine.tar.gz"],
    );
    assert!(shown.contains("Loaded image: alpine:latest"), "{shown}");
    // A truncated gzip is Go's error, and nothing changes.
    engine
        .write_host_file("cut.tar.gz", tgz[..tgz.len() / 2].to_vec())
        .unwrap();
    let mut s = engine.session();
    let out = s.run_line("docker load -i cut.tar.gz");
    assert_eq!(out.status, Some(1), "{}", out.text());
    assert!(out.text().contains("unexpected EOF"), "{}", out.text());
    // The example site's .tgz, put on the host as a page's upload puts it.
    let example = berth::registry::web::get("http://example.com/exampleimage.tgz").unwrap();
    engine.write_host_file("exampleimage.tgz", example).unwrap();
    let shown = run_ok(
        &engine,
        &clock,
        &[
            "docker import exampleimage.tgz example/fromfile:v1",
            "docker run --rm example/fromfile:v1 /hello",
        ],
    );
    assert!(shown.starts_with("sha256:"), "{shown}");
    assert!(shown.contains("Hello"), "{shown}");
}
