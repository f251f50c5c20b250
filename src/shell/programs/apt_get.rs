//! `apt-get` and `apt` on the Debian and Ubuntu images: `update` fills the package lists,
//! `install [-y] PKG...` resolves the catalog's packages, asks before installing more than
//! was asked for, downloads (taking simulated time) and unpacks them into the container.

use super::super::program::Proc;
use super::packages::{self, apt_size};
use crate::collections::SmallSort;
use crate::ports::{Nanos, SECOND};
use crate::registry::catalog::Package;

/// How fast the simulated mirrors deliver, in bytes per second.
const RATE: u64 = 8_000_000;

/// What differs between the Debian and Ubuntu archives.
struct Archive {
    /// The mirror the packages come from.
    mirror: &'static str,
    /// The release's suite.
    suite: &'static str,
    /// `apt-get update`'s fetches: URL and suite text, what, size in bytes.
    lists: &'static [(&'static str, &'static str, u64)],
    /// Files and directories dpkg knows in the image.
    database: u64,
    /// The `libc-bin` version whose triggers run after libraries are installed.
    libc_bin: &'static str,
}

const DEBIAN: Archive = Archive {
    mirror: "http://deb.debian.org/debian",
    suite: "bookworm",
    lists: &[
        (
            "http://deb.debian.org/debian bookworm",
            "InRelease",
            151_000,
        ),
        (
            "http://deb.debian.org/debian bookworm-updates",
            "InRelease",
            55_400,
        ),
        (
            "http://deb.debian.org/debian-security bookworm-security",
            "InRelease",
            48_000,
        ),
        (
            "http://deb.debian.org/debian bookworm/main",
            "amd64 Packages",
            8_792_000,
        ),
        (
            "http://deb.debian.org/debian bookworm-updates/main",
            "amd64 Packages",
            13_500,
        ),
        (
            "http://deb.debian.org/debian-security bookworm-security/main",
            "amd64 Packages",
            241_000,
        ),
    ],
    database: 6090,
    libc_bin: "2.36-9+deb12u9",
};

const UBUNTU: Archive = Archive {
    mirror: "http://archive.ubuntu.com/ubuntu",
    suite: "noble",
    lists: &[
        (
            "http://archive.ubuntu.com/ubuntu noble",
            "InRelease",
            256_000,
        ),
        (
            "http://security.ubuntu.com/ubuntu noble-security",
            "InRelease",
            126_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble-updates",
            "InRelease",
            126_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble-backports",
            "InRelease",
            126_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble/universe",
            "amd64 Packages",
            19_300_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble/main",
            "amd64 Packages",
            1_808_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble/restricted",
            "amd64 Packages",
            117_000,
        ),
        (
            "http://archive.ubuntu.com/ubuntu noble/multiverse",
            "amd64 Packages",
            331_000,
        ),
    ],
    database: 4381,
    libc_bin: "2.39-0ubuntu8.3",
};

const LISTS: &str = "/var/lib/apt/lists";
const STATUS: &str = "/var/lib/dpkg/status";

/// The options this simulation reads.
#[derive(Default)]
struct Opts {
    yes: bool,
    operation: Option<String>,
    names: Vec<String>,
}

fn parse(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    for a in args {
        if let Some(long) = a.strip_prefix("--") {
            match long {
                "yes" | "assume-yes" => o.yes = true,
                "quiet" | "no-install-recommends" | "install-recommends"
                | "no-install-suggests" => {}
                _ => {
                    return Err(format!(
                        "E: Command line option --{long} is not understood in combination with the other options\n"
                    ))
                }
            }
        } else if let Some(short) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            for c in short.chars() {
                match c {
                    'y' => o.yes = true,
                    'q' => {}
                    _ => {
                        return Err(format!(
                            "E: Command line option '{c}' [from {a}] is not understood in combination with the other options.\n"
                        ))
                    }
                }
            }
        } else if o.operation.is_none() {
            o.operation = Some(a.clone());
        } else {
            o.names.push(a.clone());
        }
    }
    Ok(o)
}

/// Whether this is `apt` (the interactive front end) rather than `apt-get`.
fn is_apt(p: &Proc) -> bool {
    p.name().rsplit('/').next() == Some("apt")
}

async fn main(p: &mut Proc) -> i32 {
    let apt = is_apt(p);
    let o = match parse(&p.args[1..]) {
        Ok(o) => o,
        Err(e) => {
            p.err(e).await;
            return 100;
        }
    };
    let Some(op) = o.operation.clone() else {
        let name = if apt { "apt" } else { "apt-get" };
        p.err(format!(
            "berth: \"{name}\" without a command is not simulated yet\n"
        ))
        .await;
        return 1;
    };
    let key = packages::distro_of(&*p.fs.borrow());
    if key.as_deref().and_then(packages::index).is_none()
        && matches!(op.as_str(), "update" | "install" | "upgrade")
    {
        p.err(packages::UNKNOWN_DISTRO).await;
        return 1;
    }
    let archive = match key.as_deref() {
        Some("ubuntu-noble") => &UBUNTU,
        _ => &DEBIAN,
    };
    if apt && !p.stdout.is_tty() {
        p.err(
            "\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n",
        )
        .await;
    }
    match op.as_str() {
        "update" => update(p, archive, apt).await,
        "install" => install(p, archive, key.as_deref(), &o).await,
        "upgrade" | "dist-upgrade" | "full-upgrade" => {
            reading(p).await;
            if !apt {
                p.out(done(p, "Calculating upgrade...")).await;
            }
            p.out("0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n")
                .await;
            0
        }
        "remove" | "purge" | "autoremove" | "clean" | "autoclean" | "source" | "build-dep"
        | "download" | "check" | "changelog" | "dselect-upgrade" | "indextargets" | "search"
        | "show" | "list" | "reinstall" | "satisfy" | "edit-sources" | "policy" => {
            let name = if apt { "apt" } else { "apt-get" };
            p.err(format!("berth: \"{name} {op}\" is not simulated yet\n"))
                .await;
            1
        }
        _ => {
            p.err(format!("E: Invalid operation {op}\n")).await;
            100
        }
    }
}

/// A progress line as apt ends it: with ` Done` on a terminal, bare otherwise.
fn done(p: &Proc, what: &str) -> String {
    if p.stdout.is_tty() {
        format!("{what} Done\n")
    } else {
        format!("{what}\n")
    }
}

async fn reading(p: &Proc) {
    let text = [
        "Reading package lists...",
        "Building dependency tree...",
        "Reading state information...",
    ]
    .iter()
    .map(|w| done(p, w))
    .collect::<String>();
    p.out(text).await;
}

/// Waits as long as downloading `bytes` takes; returns the nanoseconds spent.
async fn download(p: &Proc, bytes: u64) -> Nanos {
    let nanos =
        i64::try_from(u128::from(bytes) * SECOND as u128 / u128::from(RATE)).unwrap_or(i64::MAX);
    p.sleep_until(p.now().saturating_add(nanos)).await;
    nanos
}

/// `Fetched 9301 kB in 1s (8000 kB/s)`.
fn fetched(bytes: u64, nanos: Nanos) -> String {
    let secs = nanos / SECOND;
    let rate = if nanos > 0 {
        (u128::from(bytes) * SECOND as u128 / nanos as u128) as u64
    } else {
        bytes
    };
    format!(
        "Fetched {} in {secs}s ({}/s)\n",
        apt_size(bytes),
        apt_size(rate)
    )
}

fn list_file(url: &str, what: &str) -> String {
    let mut parts = url.splitn(2, ' ');
    let base = parts.next().unwrap_or("");
    let dist = parts.next().unwrap_or("");
    let host = base.trim_start_matches("http://").replace('/', "_");
    let (suite, component) = dist.split_once('/').unwrap_or((dist, ""));
    if what == "InRelease" {
        format!("{host}_dists_{suite}_InRelease")
    } else {
        format!("{host}_dists_{suite}_{component}_binary-amd64_Packages")
    }
}

async fn update(p: &mut Proc, archive: &Archive, apt: bool) -> i32 {
    let key = packages::distro_of(&*p.fs.borrow());
    let index = key.as_deref().and_then(packages::index);
    let mut total = 0;
    let mut spent = 0;
    for (i, (url, what, size)) in archive.lists.iter().enumerate() {
        spent += download(p, *size).await;
        total += size;
        p.out(format!(
            "Get:{} {url} {what} [{}]\n",
            i + 1,
            apt_size(*size)
        ))
        .await;
        let text = match index {
            Some(index) if *url == format!("{} {}/main", archive.mirror, archive.suite) => index
                .packages
                .iter()
                .map(|pk| format!("Package: {}\nVersion: {}\n\n", pk.name, pk.version))
                .collect::<String>(),
            _ => String::new(),
        };
        let path = format!("{LISTS}/{}", list_file(url, what));
        let written = {
            let mut fs = p.fs.borrow_mut();
            packages::mkdir_p(&mut *fs, LISTS)
                .and_then(|()| fs.write(&path, text.as_bytes(), 0o644))
        };
        if let Err(e) = written {
            p.err(format!(
                "E: Could not open file {path} - open ({}: {e})\n",
                errno_number(e)
            ))
            .await;
            return 100;
        }
    }
    p.out(fetched(total, spent)).await;
    p.out(done(p, "Reading package lists...")).await;
    if apt {
        p.out(done(p, "Building dependency tree...")).await;
        p.out(done(p, "Reading state information...")).await;
        p.out("All packages are up to date.\n").await;
    }
    0
}

/// The number `strerror` goes with, as apt prints it.
fn errno_number(e: crate::shell::fs::Errno) -> u32 {
    use crate::shell::fs::Errno;
    match e {
        Errno::EPERM => 1,
        Errno::EACCES => 13,
        Errno::ENOSPC => 28,
        Errno::EROFS => 30,
        Errno::ENOTDIR => 20,
        Errno::EISDIR => 21,
        _ => 2,
    }
}

/// The package names the lists know: those of the `Packages` files `update` wrote.
fn known(p: &Proc) -> Vec<String> {
    let fs = p.fs.borrow();
    let names = fs.list(LISTS).unwrap_or_default();
    names
        .iter()
        .filter(|n| n.ends_with("_Packages"))
        .flat_map(|n| {
            let bytes = fs.read(&format!("{LISTS}/{n}")).unwrap_or_default();
            packages::recorded(&bytes, "Package: ")
        })
        .collect()
}

/// Lines of names, two spaces in, wrapped before 80 columns as apt does.
fn wrapped(names: &[&str]) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for name in names {
        if !line.is_empty() && line.len() + 1 + name.len() >= 80 {
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if line.is_empty() {
            line.push(' ');
        }
        line.push(' ');
        line.push_str(name);
    }
    if !line.is_empty() {
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// How dpkg names a package: libraries carry their architecture.
fn dpkg_name(pk: &Package) -> String {
    if pk.name.starts_with("lib") {
        format!("{}:amd64", pk.name)
    } else {
        pk.name.clone()
    }
}

async fn install(p: &mut Proc, archive: &Archive, key: Option<&str>, o: &Opts) -> i32 {
    reading(p).await;
    let lists = known(p);
    let missing: Vec<&String> = o.names.iter().filter(|n| !lists.contains(n)).collect();
    let index = key.and_then(packages::index);
    let (Some(index), true) = (index, missing.is_empty()) else {
        let mut text = String::new();
        for name in &missing {
            text.push_str(&format!("E: Unable to locate package {name}\n"));
        }
        p.err(text).await;
        return 100;
    };
    let status = p.fs.borrow().read(STATUS).unwrap_or_default();
    let installed = packages::recorded(&status, "Package: ");
    let order = match packages::resolve(index, &installed, &o.names) {
        Ok(order) => order,
        Err(missing) => {
            let text: String = missing
                .iter()
                .map(|n| format!("E: Unable to locate package {n}\n"))
                .collect();
            p.err(text).await;
            return 100;
        }
    };
    let mut already = String::new();
    for name in &o.names {
        if installed.contains(name) {
            if let Some(pk) = index.package(name) {
                already.push_str(&format!(
                    "{name} is already the newest version ({}).\n",
                    pk.version
                ));
            }
        }
    }
    p.out(already).await;
    let mut all: Vec<&str> = order.iter().map(|pk| pk.name.as_str()).collect();
    all.small_sort();
    let extra: Vec<&str> = all
        .iter()
        .copied()
        .filter(|n| !o.names.iter().any(|w| w == n))
        .collect();
    let mut text = String::new();
    if !extra.is_empty() {
        text.push_str("The following additional packages will be installed:\n");
        text.push_str(&wrapped(&extra));
    }
    if !all.is_empty() {
        text.push_str("The following NEW packages will be installed:\n");
        text.push_str(&wrapped(&all));
    }
    text.push_str(&format!(
        "0 upgraded, {} newly installed, 0 to remove and 0 not upgraded.\n",
        order.len()
    ));
    if order.is_empty() {
        p.out(text).await;
        return 0;
    }
    let download_size: u64 = order.iter().map(|pk| pk.size).sum();
    let disk: u64 = order.iter().map(|pk| pk.installed_size()).sum();
    text.push_str(&format!(
        "Need to get {} of archives.\nAfter this operation, {} of additional disk space will be used.\n",
        apt_size(download_size),
        apt_size(disk)
    ));
    p.out(text).await;
    if !extra.is_empty() && !o.yes {
        p.out("Do you want to continue? [Y/n] ").await;
        let answer = p.read_line().await.unwrap_or_else(|| "n".into());
        let answer = answer.trim();
        if !(answer.is_empty() || answer.starts_with(['y', 'Y'])) {
            p.out("Abort.\n").await;
            return 1;
        }
    }
    let mut spent = 0;
    for (i, pk) in order.iter().enumerate() {
        spent += download(p, pk.size).await;
        p.out(format!(
            "Get:{} {} {}/main amd64 {} amd64 {} [{}]\n",
            i + 1,
            archive.mirror,
            archive.suite,
            pk.name,
            pk.version,
            apt_size(pk.size)
        ))
        .await;
    }
    p.err("debconf: delaying package configuration, since apt-utils is not installed\n")
        .await;
    p.out(fetched(download_size, spent)).await;
    let mut files = archive.database
        + installed
            .iter()
            .filter_map(|n| index.package(n))
            .map(|pk| pk.entries.len() as u64)
            .sum::<u64>();
    let width = (order.len() - 1).to_string().len();
    for (i, pk) in order.iter().enumerate() {
        let mut text = format!(
            "Selecting previously unselected package {}.\n",
            dpkg_name(pk)
        );
        if i == 0 {
            text.push_str(&format!(
                "(Reading database ... {files} files and directories currently installed.)\n"
            ));
        }
        let number = if order.len() > 1 {
            format!("{i:0width$}-")
        } else {
            String::new()
        };
        text.push_str(&format!(
            "Preparing to unpack .../{number}{}_{}_amd64.deb ...\nUnpacking {} ({}) ...\n",
            pk.name,
            pk.version.replace(':', "%3a"),
            dpkg_name(pk),
            pk.version
        ));
        p.out(text).await;
        if let Err(e) = unpack(p, pk) {
            p.err(format!(
                "dpkg: error processing archive .../{}_{}_amd64.deb (--unpack):\n {e}\n",
                pk.name, pk.version
            ))
            .await;
            return 100;
        }
        files += pk.entries.len() as u64;
    }
    for pk in &order {
        p.out(format!(
            "Setting up {} ({}) ...\n",
            dpkg_name(pk),
            pk.version
        ))
        .await;
    }
    if order.iter().any(|pk| pk.name.starts_with("lib")) {
        p.out(format!(
            "Processing triggers for libc-bin ({}) ...\n",
            archive.libc_bin
        ))
        .await;
    }
    0
}

/// Unpacks a package and records it in dpkg's database.
fn unpack(p: &Proc, pk: &Package) -> Result<(), crate::shell::fs::Errno> {
    let mut fs = p.fs.borrow_mut();
    packages::unpack(&mut *fs, pk)?;
    packages::mkdir_p(&mut *fs, "/var/lib/dpkg/info")?;
    let list: String = pk
        .entries
        .iter()
        .map(|e| format!("{}\n", e.path()))
        .collect();
    fs.write(
        &format!("/var/lib/dpkg/info/{}.list", pk.name),
        list.as_bytes(),
        0o644,
    )?;
    let stanza = format!(
        "\nPackage: {}\nStatus: install ok installed\nVersion: {}\n",
        pk.name, pk.version
    );
    fs.append(STATUS, stanza.as_bytes(), 0o644)
}

crate::program!(AptGet, main);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping() {
        let names: Vec<String> = (0..12).map(|i| format!("package{i:02}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = wrapped(&refs);
        assert!(text.lines().all(|l| l.len() < 80 && l.starts_with("  ")));
        assert_eq!(text.lines().count(), 2);
        assert_eq!(wrapped(&["curl"]), "  curl\n");
    }

    #[test]
    fn list_files() {
        for (url, what, file) in [
            (
                "http://deb.debian.org/debian bookworm",
                "InRelease",
                "deb.debian.org_debian_dists_bookworm_InRelease",
            ),
            (
                "http://deb.debian.org/debian bookworm/main",
                "amd64 Packages",
                "deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages",
            ),
        ] {
            assert_eq!(list_file(url, what), file);
        }
    }
}
