//! Build script: embeds the mock Docker Hub's data. It lists every file under `catalog/` and
//! writes `catalog_files.rs` into OUT_DIR: a sorted table of (relative path, `include_str!`)
//! pairs that `src/registry/catalog.rs` parses at run time.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs, io};

fn main() -> io::Result<()> {
    let manifest = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let root = manifest.join("catalog");
    println!("cargo:rerun-if-changed=catalog");
    let mut files = Vec::new();
    if root.is_dir() {
        walk(&root, &root, &mut files)?;
    }
    #[allow(clippy::disallowed_methods)]
    // reason: a build script runs on the build machine, not in the page
    files.sort();
    let mut out =
        String::from("/// Every file under `catalog/`: its path relative to it, and its text.\n");
    out.push_str("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &files {
        let _ = writeln!(out, "    ({rel:?}, include_str!({abs:?})),");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("catalog_files.rs");
    fs::write(dest, out)
}

/// Collects the files below `dir` as (path relative to `root` with `/` separators, absolute path).
fn walk(root: &Path, dir: &Path, files: &mut Vec<(String, String)>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(root, &path, files)?;
        } else if let (Ok(rel), Some(abs)) = (path.strip_prefix(root), path.to_str()) {
            let rel: Vec<String> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push((rel.join("/"), abs.to_owned()));
        }
    }
    Ok(())
}
