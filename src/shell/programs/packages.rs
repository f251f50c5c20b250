//! What `apt-get` and `apk` share: which distribution a container runs (from its
//! `/etc/os-release`), the catalog's package index for it, dependency resolution, the record
//! of installed packages, and unpacking a package's files into the container's filesystem.

use crate::collections::SmallSort;
use crate::registry::catalog::{catalog, Entry, Package, PackageIndex};
use crate::registry::hub::file_content;
use crate::shell::fs::{dirname, Errno, ShellFs};

/// The catalog key of the distribution whose `/etc/os-release` text this is:
/// `debian-bookworm`, `ubuntu-noble`, `alpine-3.21`.
pub fn distro_key(os_release: &str) -> Option<String> {
    let field = |name: &str| {
        os_release.lines().find_map(|l| {
            let v = l.strip_prefix(name)?.strip_prefix('=')?;
            Some(v.trim_matches('"').to_owned())
        })
    };
    let id = field("ID")?;
    if id == "alpine" {
        let version = field("VERSION_ID")?;
        let mut parts = version.split('.');
        let (major, minor) = (parts.next()?, parts.next()?);
        return Some(format!("alpine-{major}.{minor}"));
    }
    let codename = field("VERSION_CODENAME")?;
    Some(format!("{id}-{codename}"))
}

/// The distribution key of the filesystem's `/etc/os-release`, if it has one.
pub fn distro_of(fs: &dyn ShellFs) -> Option<String> {
    let bytes = fs.read("/etc/os-release").ok()?;
    distro_key(&String::from_utf8_lossy(&bytes))
}

/// What `apt-get` and `apk` answer on an image whose distribution has no package index.
pub const UNKNOWN_DISTRO: &str =
    "berth: installing packages on this image's distribution is not simulated yet\n";

/// The catalog's package index for a distribution key.
pub fn index(key: &str) -> Option<&'static PackageIndex> {
    catalog().packages.get(key)
}

/// The packages to install for `wanted`, dependencies first, leaving out what is already
/// `installed`; or the wanted names the index does not have. Dependencies are visited in
/// name order, so the order is the same on every run.
pub fn resolve<'a>(
    index: &'a PackageIndex,
    installed: &[String],
    wanted: &[String],
) -> Result<Vec<&'a Package>, Vec<String>> {
    let missing: Vec<String> = wanted
        .iter()
        .filter(|w| index.package(w).is_none())
        .cloned()
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut order: Vec<&Package> = Vec::new();
    let mut seen: Vec<String> = installed.to_vec();
    for name in wanted {
        visit(index, name, &mut seen, &mut order);
    }
    Ok(order)
}

fn visit<'a>(
    index: &'a PackageIndex,
    name: &str,
    seen: &mut Vec<String>,
    order: &mut Vec<&'a Package>,
) {
    let Some(package) = index.package(name) else {
        return;
    };
    if seen.contains(&package.name) {
        return;
    }
    seen.push(package.name.clone());
    let mut deps: Vec<&String> = package.depends.iter().collect();
    deps.small_sort();
    for dep in deps {
        visit(index, dep, seen, order);
    }
    order.push(package);
}

/// The names recorded in a package database's text: the values of lines starting with
/// `prefix` (`Package: ` for dpkg's status, `P:` for apk's installed).
pub fn recorded(db: &[u8], prefix: &str) -> Vec<String> {
    String::from_utf8_lossy(db)
        .lines()
        .filter_map(|l| l.strip_prefix(prefix))
        .map(|s| s.trim().to_owned())
        .collect()
}

/// Creates `path` and its missing parents (`mkdir -p`, mode 0755).
pub fn mkdir_p(fs: &mut dyn ShellFs, path: &str) -> Result<(), Errno> {
    if path == "/" || fs.stat(path).is_ok() {
        return Ok(());
    }
    mkdir_p(fs, &dirname(path))?;
    match fs.mkdir(path, 0o755) {
        Err(Errno::EEXIST) | Ok(()) => Ok(()),
        Err(e) => Err(e),
    }
}

/// Writes a package's files into the filesystem: directories, files, binaries (generated
/// bytes naming their simulated program) and symbolic links, with their modes and owners.
pub fn unpack(fs: &mut dyn ShellFs, package: &Package) -> Result<(), Errno> {
    for entry in &package.entries {
        let path = entry.path();
        mkdir_p(fs, &dirname(path))?;
        match entry {
            Entry::Dir { attrs, .. } => {
                mkdir_p(fs, path)?;
                fs.chmod(path, attrs.mode)?;
            }
            Entry::File { attrs, content, .. } | Entry::Blob { attrs, content, .. } => {
                let data = file_content(content, entry.exec());
                fs.write_content(path, &data, attrs.mode)?;
                fs.chmod(path, attrs.mode)?;
                fs.chown(path, Some(attrs.uid), Some(attrs.gid))?;
            }
            Entry::Link { target, .. } => {
                if fs.lstat(path).is_ok() {
                    fs.remove_file(path)?;
                }
                fs.symlink(target, path)?;
            }
            Entry::Whiteout { .. } => {
                if fs.lstat(path).is_ok() {
                    fs.remove_file(path)?;
                }
            }
        }
    }
    Ok(())
}

/// apt's sizes (`SizeToStr`): `151 kB`, `9301 kB`, `22.2 MB`, `55 B`; powers of 1000, one
/// decimal below 100 of a unit, none from 100 to 9999.
pub fn apt_size(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["", "k", "M", "G", "T", "P"];
    let mut size = bytes as f64;
    let mut unit = 0;
    while size >= 10000.0 && unit + 1 < UNITS.len() {
        size /= 1000.0;
        unit += 1;
    }
    if size < 100.0 && unit != 0 {
        format!("{size:.1} {}B", UNITS[unit])
    } else {
        format!("{size:.0} {}B", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::catalog::parse_packages;

    const INDEX: &str =
        "package app 1 100\ndepends liba libz\nblob 0755 10 /usr/bin/app exec=curl\n\n\
package liba 1 50\ndepends libc\nblob 0644 20 /usr/lib/liba.so\n\n\
package libz 1 50\ndepends libc\nblob 0644 30 /usr/lib/libz.so\n\n\
package libc 1 10\nblob 0644 5 /usr/lib/libc.so\n\n\
package loop1 1 1\ndepends loop2\n\npackage loop2 1 1\ndepends loop1\n";

    fn check(installed: &str, wanted: &str, expected: &str) {
        let index = parse_packages("test.txt", INDEX).unwrap();
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let got = match resolve(&index, &words(installed), &words(wanted)) {
            Ok(order) => order
                .iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            Err(missing) => format!("missing {}", missing.join(" ")),
        };
        assert_eq!(got, expected, "installed [{installed}] wanted [{wanted}]");
    }

    #[test]
    fn resolution() {
        check("", "app", "libc liba libz app");
        check("", "libz app", "libc libz liba app");
        check("libc", "app", "liba libz app");
        check("app liba libz libc", "app", "");
        check("", "libc libc", "libc");
        check("", "nosuch app other", "missing nosuch other");
        check("", "loop1", "loop2 loop1");
        check("", "", "");
    }

    #[test]
    fn distro_keys() {
        let key = |text: &str| distro_key(text).unwrap_or_else(|| "none".into());
        assert_eq!(
            key("NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.21.2\n"),
            "alpine-3.21"
        );
        assert_eq!(
            key("ID=debian\nVERSION_CODENAME=bookworm\n"),
            "debian-bookworm"
        );
        assert_eq!(
            key("ID=ubuntu\nVERSION_CODENAME=noble\nID_LIKE=debian\n"),
            "ubuntu-noble"
        );
        assert_eq!(key("ID=alpine\nVERSION_ID=edge\n"), "none");
        assert_eq!(key("PRETTY_NAME=x\n"), "none");
    }

    #[test]
    fn sizes() {
        for (bytes, text) in [
            (55, "55 B"),
            (151_000, "151 kB"),
            (55_400, "55.4 kB"),
            (9_301_000, "9301 kB"),
            (22_190_000, "22.2 MB"),
            (316_052, "316 kB"),
        ] {
            assert_eq!(apt_size(bytes), text);
        }
    }

    #[test]
    fn recorded_names() {
        assert_eq!(
            recorded(
                b"Package: curl\nVersion: 1\n\nPackage: libc6\n",
                "Package: "
            ),
            ["curl", "libc6"]
        );
        assert_eq!(recorded(b"\x00\xff\nP:zlib\nV:1\n", "P:"), ["zlib"]);
    }
}
