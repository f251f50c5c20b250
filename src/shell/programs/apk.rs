//! `apk` on the Alpine images: `update` fetches the repositories' indexes, `add [--no-cache]
//! PKG...` resolves the catalog's packages, downloads them (taking simulated time) and
//! unpacks them into the container.

use super::super::program::Proc;
use super::packages;
use crate::collections::SmallSort;
use crate::ports::SECOND;
use crate::registry::catalog::{Package, PackageIndex};
use crate::shell::fs::Errno;

/// How fast the simulated mirror delivers, in bytes per second.
const RATE: u64 = 8_000_000;
/// The size of one repository's `APKINDEX.tar.gz`.
const INDEX_SIZE: u64 = 1_200_000;
/// Packages the image comes with, and the bytes they take.
const BASE_PACKAGES: usize = 15;
const BASE_BYTES: u64 = 7_900_000;

const REPOSITORIES: &str = "/etc/apk/repositories";
const INSTALLED: &str = "/lib/apk/db/installed";
const WORLD: &str = "/etc/apk/world";
const CACHE: &str = "/var/cache/apk";

#[derive(Default)]
struct Opts {
    no_cache: bool,
    update: bool,
    quiet: bool,
    applet: Option<String>,
    names: Vec<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    for a in args {
        match a.as_str() {
            "--no-cache" => o.no_cache = true,
            "-U" | "--update-cache" => o.update = true,
            "-q" | "--quiet" => o.quiet = true,
            "--no-progress" => {}
            _ if a.starts_with('-') && a.len() > 1 => return Err(a.clone()),
            _ if o.applet.is_none() => o.applet = Some(a.clone()),
            _ => o.names.push(a.clone()),
        }
    }
    Ok(o)
}

async fn main(p: &mut Proc) -> i32 {
    let o = match parse(&p.args[1..]) {
        Ok(o) => o,
        Err(flag) => {
            p.err(format!("berth: \"apk {flag}\" is not simulated yet\n"))
                .await;
            return 1;
        }
    };
    let key = packages::distro_of(&*p.fs.borrow());
    let index = key.as_deref().and_then(packages::index);
    if index.is_none() && matches!(o.applet.as_deref(), Some("update" | "add")) {
        p.err(packages::UNKNOWN_DISTRO).await;
        return 1;
    }
    match o.applet.as_deref() {
        Some("update") => update(p, index, o.quiet).await,
        Some("add") => add(p, index, &o).await,
        Some(other) => {
            p.err(format!("berth: \"apk {other}\" is not simulated yet\n"))
                .await;
            1
        }
        None => {
            p.err("berth: \"apk\" without an applet is not simulated yet\n")
                .await;
            1
        }
    }
}

/// The repositories `/etc/apk/repositories` names.
fn repositories(p: &Proc) -> Vec<String> {
    let bytes = p.fs.borrow().read(REPOSITORIES).unwrap_or_default();
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// The cache file of a repository's index: `APKINDEX.<8 hex>.tar.gz`.
fn cache_file(repo: &str) -> String {
    let hash = repo.bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    format!("{CACHE}/APKINDEX.{hash:08x}.tar.gz")
}

/// Fetches the indexes (printing a `fetch` line each); keeps them unless `keep` is false.
async fn fetch_indexes(p: &Proc, repos: &[String], keep: bool, quiet: bool) {
    for repo in repos {
        if !quiet {
            p.out(format!("fetch {repo}/x86_64/APKINDEX.tar.gz\n"))
                .await;
        }
        sleep_for(p, INDEX_SIZE).await;
        if keep {
            let content = crate::fs::Content::filler(INDEX_SIZE, 0xA9C);
            let mut fs = p.fs.borrow_mut();
            let _ = packages::mkdir_p(&mut *fs, CACHE)
                .and_then(|()| fs.write_content(&cache_file(repo), &content, 0o644));
        }
    }
}

async fn sleep_for(p: &Proc, bytes: u64) {
    let nanos =
        i64::try_from(u128::from(bytes) * SECOND as u128 / u128::from(RATE)).unwrap_or(i64::MAX);
    p.sleep_until(p.now().saturating_add(nanos)).await;
}

async fn update(p: &mut Proc, index: Option<&PackageIndex>, quiet: bool) -> i32 {
    let repos = repositories(p);
    fetch_indexes(p, &repos, true, quiet).await;
    if quiet {
        return 0;
    }
    let mut text = String::new();
    for (i, repo) in repos.iter().enumerate() {
        text.push_str(&format!(
            "v3.21.2-{}-g{:011x} [{repo}]\n",
            40 + i,
            0x6d8_c7e0_a0d9_u64 + i as u64
        ));
    }
    let available = if index.is_some() { 25_396 } else { 0 };
    text.push_str(&format!("OK: {available} distinct packages available\n"));
    p.out(text).await;
    0
}

fn installed(p: &Proc) -> Vec<String> {
    let db = p.fs.borrow().read(INSTALLED).unwrap_or_default();
    packages::recorded(&db, "P:")
}

/// `OK: 12 MiB in 25 packages`.
fn summary(p: &Proc, index: &PackageIndex) -> String {
    let names = installed(p);
    let bytes = BASE_BYTES
        + names
            .iter()
            .filter_map(|n| index.package(n))
            .map(Package::installed_size)
            .sum::<u64>();
    format!(
        "OK: {} MiB in {} packages\n",
        bytes / (1024 * 1024),
        BASE_PACKAGES + names.len()
    )
}

async fn add(p: &mut Proc, index: Option<&PackageIndex>, o: &Opts) -> i32 {
    let repos = repositories(p);
    let cached = repos
        .iter()
        .all(|r| p.fs.borrow().stat(&cache_file(r)).is_ok());
    if o.no_cache || o.update || !cached {
        fetch_indexes(p, &repos, !o.no_cache, o.quiet).await;
    }
    let Some(index) = index else {
        return no_such(p, &o.names).await;
    };
    let have = installed(p);
    let order = match packages::resolve(index, &have, &o.names) {
        Ok(order) => order,
        Err(missing) => return no_such(p, &missing).await,
    };
    let total = order.len();
    for (i, pk) in order.iter().enumerate() {
        sleep_for(p, pk.size).await;
        if !o.quiet {
            p.out(format!(
                "({}/{total}) Installing {} ({})\n",
                i + 1,
                pk.name,
                pk.version
            ))
            .await;
        }
        if let Err(e) = unpack(p, pk) {
            p.err(format!("ERROR: {}-{}: {e}\n", pk.name, pk.version))
                .await;
            return 1;
        }
    }
    if let Err(e) = add_to_world(p, &o.names) {
        p.err(format!("ERROR: {WORLD}: {e}\n")).await;
        return 1;
    }
    if !o.quiet {
        p.out(summary(p, index)).await;
    }
    0
}

async fn no_such(p: &Proc, names: &[String]) -> i32 {
    let mut text = String::from("ERROR: unable to select packages:\n");
    for name in names {
        text.push_str(&format!(
            "  {name} (no such package):\n    required by: world[{name}]\n"
        ));
    }
    p.err(text).await;
    1
}

/// Unpacks a package and records it in apk's database.
fn unpack(p: &Proc, pk: &Package) -> Result<(), Errno> {
    let mut fs = p.fs.borrow_mut();
    packages::unpack(&mut *fs, pk)?;
    let record = format!("\nP:{}\nV:{}\n", pk.name, pk.version);
    packages::mkdir_p(&mut *fs, "/lib/apk/db")?;
    fs.append(INSTALLED, record.as_bytes(), 0o644)
}

/// Adds the asked-for names to `/etc/apk/world`, sorted and once each.
fn add_to_world(p: &Proc, names: &[String]) -> Result<(), Errno> {
    let mut fs = p.fs.borrow_mut();
    let old = fs.read(WORLD).unwrap_or_default();
    let mut world: Vec<String> = String::from_utf8_lossy(&old)
        .split_whitespace()
        .map(str::to_owned)
        .chain(names.iter().cloned())
        .collect();
    world.small_sort();
    world.dedup();
    let text: String = world.iter().map(|w| format!("{w}\n")).collect();
    fs.write(WORLD, text.as_bytes(), 0o644)
}

crate::program!(Apk, main);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let words = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        let o = parse(&words("add --no-cache curl git")).unwrap();
        assert_eq!((o.no_cache, o.applet.as_deref()), (true, Some("add")));
        assert_eq!(o.names, ["curl", "git"]);
        assert_eq!(
            parse(&words("add --virtual x")).err().as_deref(),
            Some("--virtual")
        );
        assert!(parse(&words("-U add bash")).unwrap().update);
    }

    #[test]
    fn cache_files_differ() {
        assert_ne!(cache_file("a/main"), cache_file("a/community"));
        assert!(cache_file("x").starts_with("/var/cache/apk/APKINDEX."));
    }
}
