//! Build script: embeds the mock Docker Hub's data. It lists every file under `catalog/` and
//! writes `catalog_files.rs` into OUT_DIR: a sorted table of (relative path, `include_str!`)
//! pairs that `src/registry/catalog.rs` parses at run time, and the layers as one function
//! each, parsed when an image needs them.

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
    let (layers, others): (Vec<_>, Vec<_>) = files
        .iter()
        .partition(|(rel, _)| rel.starts_with("layers/") || rel.starts_with("images/"));
    let mut out = String::from(
        "/// Every file under `catalog/` but the layers and images: its path relative to it, and its text.\n",
    );
    out.push_str("pub(crate) static FILES: &[(&str, &str)] = &[\n");
    for (rel, abs) in &others {
        let _ = writeln!(out, "    ({rel:?}, include_str!({abs:?})),");
    }
    out.push_str("];\n");
    // A layer's or image's text is reached only by calling its function, so the page's build
    // can leave what its first steps never pull out of the first load
    // (src/registry/catalog/lazy.rs).
    out.push_str(
        "/// The layer and image files: path relative to `catalog/`, and the function giving the text.\n",
    );
    out.push_str("pub(crate) static LAZY: &[(&str, super::lazy::Embedded)] = &[\n");
    for (rel, _) in &layers {
        let _ = writeln!(out, "    ({rel:?}, {}),", text_fn(rel));
    }
    out.push_str("];\n");
    for (rel, abs) in &layers {
        let _ = writeln!(
            out,
            "fn {}() -> &'static str {{\n    include_str!({abs:?})\n}}",
            text_fn(rel)
        );
    }
    let dest = PathBuf::from(env::var_os("OUT_DIR").unwrap_or_default()).join("catalog_files.rs");
    fs::write(dest, out)
}

/// The name of the function giving a layer's or image's text, made from its path (the page's
/// split profile names functions, so the name must not depend on the order of the files):
/// `layers/ubuntu-24.04.layer` → `layers_ubuntu_24_04_layer`.
fn text_fn(rel: &str) -> String {
    rel.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect()
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
