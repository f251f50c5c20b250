//! `berth --host-dir DIR`: the simulated home folder mapped onto a real folder. The built
//! binary saves and exports into a temporary folder, and programs outside the simulator
//! (`tar -tvf`, `skopeo inspect docker-archive:FILE`) read what it wrote; a tar put in the
//! folder beforehand loads.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot write its files should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively and may use the OS

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A fresh real folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("berth-host-dir-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs the built `berth` on `dir` with `lines` on standard input; returns its output and
/// whether it succeeded.
fn berth(dir: &Path, host: &str, lines: &[&str]) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["--host", host, "--host-dir"])
        .arg(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    for line in lines {
        writeln!(input, "{line}").unwrap();
    }
    drop(input);
    let out = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (text, out.status.success())
}

/// A program outside the simulator, when installed; `None` (after saying why the check is
/// skipped) otherwise.
fn outside(program: &str) -> Option<Command> {
    let found = Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        println!("skipped: {program} is not installed");
        return None;
    }
    Some(Command::new(program))
}

fn run_outside(mut cmd: Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn saved_and_exported_files_reach_the_real_folder() {
    let dir = folder("write");
    std::fs::create_dir_all(dir.join("app")).unwrap();
    std::fs::write(
        dir.join("app/Dockerfile"),
        "FROM alpine\nRUN echo hi > /hi.txt\n",
    )
    .unwrap();
    let (text, ok) = berth(
        &dir,
        "linux",
        &[
            "docker pull -q alpine",
            "docker build -q -t mine app",
            "docker save -o alpine.tar alpine",
            "docker create --name box mine",
            "docker export box > box.tar",
            "mkdir out",
            "docker save mine > out/mine.tar",
        ],
    );
    assert!(ok, "{text}");
    for file in ["alpine.tar", "box.tar", "out/mine.tar"] {
        assert!(dir.join(file).is_file(), "{file} was not written: {text}");
    }
    // The files the folder held at start are not rewritten.
    assert_eq!(
        std::fs::read_to_string(dir.join("app/Dockerfile")).unwrap(),
        "FROM alpine\nRUN echo hi > /hi.txt\n"
    );
    if let Some(mut tar) = outside("tar") {
        tar.arg("-tvf").arg(dir.join("box.tar"));
        let listed = run_outside(tar);
        assert!(listed.lines().any(|l| l.ends_with(" hi.txt")), "{listed}");
        assert!(listed.lines().any(|l| l.ends_with(" etc/")), "{listed}");
        let Some(mut tar) = outside("tar") else {
            return;
        };
        tar.arg("-tvf").arg(dir.join("alpine.tar"));
        let listed = run_outside(tar);
        assert!(listed.contains("manifest.json"), "{listed}");
        assert!(listed.contains("index.json"), "{listed}");
    }
    for (file, layers) in [("alpine.tar", 1), ("out/mine.tar", 2)] {
        let Some(mut skopeo) = outside("skopeo") else {
            break;
        };
        skopeo
            .arg("inspect")
            .arg(format!("docker-archive:{}", dir.join(file).display()));
        let info: serde_json::Value = serde_json::from_str(&run_outside(skopeo)).unwrap();
        assert_eq!(info["Os"], "linux", "{file}");
        assert_eq!(
            info["Layers"].as_array().map(Vec::len),
            Some(layers),
            "{file}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_tar_in_the_folder_beforehand_loads() {
    let first = folder("first");
    let (text, ok) = berth(
        &first,
        "windows",
        &[
            "docker pull -q busybox",
            "docker save -o busybox.tar busybox",
        ],
    );
    assert!(ok, "{text}");
    let second = folder("second");
    std::fs::copy(first.join("busybox.tar"), second.join("busybox.tar")).unwrap();
    let (text, ok) = berth(
        &second,
        "windows",
        &["docker load -i busybox.tar", "docker images busybox"],
    );
    assert!(ok, "{text}");
    assert!(text.contains("Loaded image: busybox:latest"), "{text}");
    assert!(text.contains("busybox      latest"), "{text}");
    for d in [first, second] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn a_missing_folder_is_refused() {
    let out = Command::new(env!("CARGO_BIN_EXE_berth"))
        .args(["--host-dir", "/nonexistent/berth/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .starts_with("berth: --host-dir /nonexistent/berth/folder: no such folder\n"));
}
