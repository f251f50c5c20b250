//! Tests of the catalog parser and of the shipped catalog data.

use super::*;
use crate::collections::SortedMap as BTreeMap;

/// Parses `text` as a layer and prints its entries one per line, or the error.
fn check_layer(text: &str, expected: &str) {
    let got = match parse_layer("layers/t.layer", text) {
        Ok(layer) => {
            let mut out = format!("compressed={} size={}\n", layer.compressed, layer.size());
            for e in &layer.entries {
                out.push_str(&match e {
                    Entry::Dir { path, attrs } => {
                        format!("dir {path} {:o} {}:{}", attrs.mode, attrs.uid, attrs.gid)
                    }
                    Entry::File {
                        path,
                        attrs,
                        content,
                    } => format!(
                        "file {path} {:o} {}:{} {:?}",
                        attrs.mode,
                        attrs.uid,
                        attrs.gid,
                        content.as_text().unwrap_or("")
                    ),
                    Entry::Blob {
                        path,
                        content,
                        exec,
                        ..
                    } => {
                        format!(
                            "blob {path} {} {}",
                            content.len(),
                            exec.as_deref().unwrap_or("-")
                        )
                    }
                    Entry::Link { path, target } => format!("link {path} {target}"),
                    Entry::Whiteout { path } => format!("whiteout {path}"),
                });
                out.push('\n');
            }
            out
        }
        Err(e) => format!("{e}\n"),
    };
    assert_eq!(got, expected, "for input:\n{text}");
}

#[test]
fn layer_lines() {
    check_layer("compressed 10\n", "compressed=10 size=0\n");
    check_layer(
        "# c\ncompressed 5\ndir 1777 /tmp\ndir 0755 /home/u own=1000:1000\n",
        "compressed=5 size=0\ndir /tmp 1777 0:0\ndir /home/u 755 1000:1000\n",
    );
    check_layer(
        "compressed 5\nfile 0644 /etc/hostname = localhost\n",
        "compressed=5 size=10\nfile /etc/hostname 644 0:0 \"localhost\\n\"\n",
    );
    check_layer(
        "compressed 5\nfile 0755 /x.sh own=1:2 <<EOF\n#!/bin/sh\n  echo EOF\nEOF\n",
        "compressed=5 size=21\nfile /x.sh 755 1:2 \"#!/bin/sh\\n  echo EOF\\n\"\n",
    );
    check_layer(
        "compressed 5\nblob 0755 151344 /usr/bin/ls exec=ls\nlink /bin -> usr/bin\nwhiteout /etc/motd\n",
        "compressed=5 size=151351\nblob /usr/bin/ls 151344 ls\nlink /bin usr/bin\nwhiteout /etc/motd\n",
    );
    check_layer(
        "compressed 5\nfile 0644 /e =\n",
        "compressed=5 size=1\nfile /e 644 0:0 \"\\n\"\n",
    );
}

#[test]
fn layer_errors_name_file_and_line() {
    check_layer(
        "dir 0755 /a\n",
        "catalog/layers/t.layer: missing the 'compressed SIZE' line\n",
    );
    check_layer(
        "compressed 1\n\nfrob /a\n",
        "catalog/layers/t.layer:3: unknown entry kind \"frob\" (dir, file, blob, link, whiteout)\n",
    );
    check_layer(
        "compressed 1\ndir 0855 /a\n",
        "catalog/layers/t.layer:2: bad mode \"0855\" (expected octal such as 0755)\n",
    );
    check_layer(
        "compressed 1\ndir 0755 a/b\n",
        "catalog/layers/t.layer:2: bad path \"a/b\" (absolute, normalized, not the root)\n",
    );
    check_layer(
        "compressed 1\ndir 0755 /a/../b\n",
        "catalog/layers/t.layer:2: bad path \"/a/../b\" (absolute, normalized, not the root)\n",
    );
    check_layer(
        "compressed 1\ndir 0755 /a\ndir 0755 /a\n",
        "catalog/layers/t.layer:3: /a appears twice in this layer\n",
    );
    check_layer(
        "compressed 1\nblob 0755 10 /x exec=frobnicate\n",
        "catalog/layers/t.layer:2: exec=frobnicate: not a known program (see PROGRAMS)\n",
    );
    check_layer(
        "compressed 1\nfile 0644 /x <<EOF\nabc\n",
        "catalog/layers/t.layer:2: here-document for /x never ends (no line \"EOF\")\n",
    );
    check_layer(
        "compressed 1\ndir 0755 /a own=x\n",
        "catalog/layers/t.layer:2: bad owner \"x\" (expected UID:GID)\n",
    );
    check_layer(
        "compressed 1\nlink /a b\n",
        "catalog/layers/t.layer:2: expected: link PATH -> TARGET\n",
    );
    check_layer(
        "compressed x\n",
        "catalog/layers/t.layer:1: bad compressed size \"x\"\n",
    );
    check_layer(
        "compressed 1\nblob 0644 12 /a bogus\n",
        "catalog/layers/t.layer:2: unexpected \"bogus\"\n",
    );
}

#[test]
fn json_errors_name_file_and_line() {
    let err = parse_image("images/x.json", "{\n  \"created\": 5\n}").err();
    assert_eq!(
        err.map(|e| (e.file, e.line)),
        Some(("images/x.json".into(), 2))
    );
    let err = load(&[("hub.json", "{\"repositories\": [{\"name\": \"library/x\", \"stars\": 1, \"tags\": {\"latest\": \"nope\"}}]}")]).err();
    assert_eq!(
        err.map(|e| e.to_string()),
        Some("catalog/hub.json:1: library/x:latest points at image \"nope\", which has no images/nope.json".into())
    );
}

#[test]
fn packages_parse() {
    let text = "package curl 7.88 316052\ndepends libcurl4\nblob 0755 284736 /usr/bin/curl exec=curl\n\npackage libcurl4 7.88 1\nblob 0644 5 /usr/lib/libcurl.so.4\n";
    let index = parse_packages("packages/t.txt", text).expect("parses");
    let curl = index.package("curl").expect("curl");
    assert_eq!(
        (curl.size, curl.installed_size(), curl.depends.clone()),
        (316052, 284736, vec!["libcurl4".to_string()])
    );
    let err = parse_packages("packages/t.txt", "blob 0644 5 /a\n")
        .err()
        .map(|e| e.to_string());
    assert_eq!(err.as_deref(), Some("catalog/packages/t.txt:1: entry outside a package (expected 'package NAME VERSION SIZE')"));
}

#[test]
fn rfc3339() {
    assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z"), Some(0));
    assert_eq!(
        parse_rfc3339("2026-11-28T09:00:00Z"),
        Some(1_795_856_400 * SECOND)
    );
    assert_eq!(
        parse_rfc3339("2023-05-02T16:49:27.904308823Z"),
        Some(1_683_046_167 * SECOND + 904_308_823)
    );
    assert_eq!(parse_rfc3339("2023-05-02 16:49:27Z"), None);
    assert_eq!(parse_rfc3339("2023-13-02T16:49:27Z"), None);
}

#[test]
fn filler_is_deterministic_and_elf() {
    let c = Content::Filler {
        size: 40,
        seed: 7,
        elf: true,
    };
    assert_eq!(&c.prefix(4), b"\x7fELF");
    assert_eq!(c.prefix(40), c.prefix(40));
    let mut tail = [0u8; 8];
    assert_eq!(c.read_at(36, &mut tail), 4);
    assert_eq!(c.read_at(40, &mut tail), 0);
}

fn shipped() -> &'static Catalog {
    assert_eq!(catalog_error(), None, "the shipped catalog must load");
    assert_eq!(
        catalog().layers.check(),
        Ok(()),
        "every shipped layer must parse"
    );
    assert_eq!(
        catalog().images.check(),
        Ok(()),
        "every shipped image must parse"
    );
    catalog()
}

#[test]
fn shipped_catalog_loads_and_references_resolve() {
    let c = shipped();
    assert!(
        c.images.len() >= 20 && c.layers.len() >= 40,
        "{} images, {} layers",
        c.images.len(),
        c.layers.len()
    );
    for repo in &c.repositories {
        for (tag, key) in &repo.tags {
            assert!(c.images.contains_key(key), "{}:{tag} -> {key}", repo.name);
        }
    }
    for (key, image) in &c.images {
        assert!(image.layer_keys().count() > 0, "{key} has no layers");
        for layer in image.layer_keys() {
            assert!(
                c.layers.contains_key(layer),
                "{key} names missing layer {layer}"
            );
        }
    }
    for u in &c.updates {
        assert!(c.images.contains_key(&u.image));
    }
    // Every layer is used by some image.
    for key in c.layers.keys() {
        assert!(
            c.images.values().any(|i| i.layer_keys().any(|l| l == key)),
            "unused layer {key}"
        );
    }
}

#[test]
fn required_images_are_pullable() {
    let c = shipped();
    for (repo, tag) in [
        ("library/hello-world", "latest"),
        ("library/busybox", "latest"),
        ("library/alpine", "latest"),
        ("library/ubuntu", "latest"),
        ("library/debian", "latest"),
        ("library/nginx", "latest"),
        ("library/nginx", "alpine"),
        ("library/httpd", "latest"),
        ("library/mysql", "5.7"),
        ("library/mysql", "8.0"),
        ("library/mysql", "latest"),
        ("library/mariadb", "latest"),
        ("library/postgres", "latest"),
        ("library/redis", "latest"),
        ("library/mongo", "latest"),
        ("library/node", "latest"),
        ("library/python", "latest"),
        ("library/gcc", "latest"),
        ("nercury/cmake-cpp", "gcc-5.2"),
        ("library/registry", "2"),
    ] {
        assert!(c.resolve(repo, tag).is_some(), "{repo}:{tag}");
    }
}

#[test]
fn bases_are_shared() {
    let c = shipped();
    let first = |key: &str| c.images[key].layer_keys().next().map(str::to_owned);
    assert_eq!(first("nginx-1.27.3"), first("httpd-2.4.62"));
    assert_eq!(first("nginx-1.27.3"), first("postgres-17.2"));
    assert_eq!(first("nginx-1.27.3"), first("redis-7.4.1"));
    assert_eq!(first("nginx-1.27.3-alpine"), first("redis-7.4.1-alpine"));
    assert_eq!(first("ubuntu-24.04"), first("mongo-8.0.3"));
    assert_eq!(first("ubuntu-24.04"), first("mariadb-11.6.2"));
    assert_eq!(first("mysql-8.0.40"), first("mysql-9.1.0"));
    let bp = |key: &str| {
        c.images[key]
            .layer_keys()
            .take(4)
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    assert_eq!(bp("node-23.5.0"), bp("python-3.13.1"));
    assert_eq!(bp("node-23.5.0"), bp("gcc-14.2.0"));
    assert_eq!(first("debian-12.8"), first("node-23.5.0"));
    // nginx's entrypoint scripts are the same layers in both variants.
    let nginx: Vec<_> = c.images["nginx-1.27.3"].layer_keys().skip(2).collect();
    let alpine: Vec<_> = c.images["nginx-1.27.3-alpine"]
        .layer_keys()
        .skip(2)
        .take(5)
        .collect();
    assert_eq!(nginx, alpine);
}

/// `docker images` sizes of the real images (bytes), as Docker Hub's amd64 images unpack.
const TARGET_SIZES: &[(&str, u64)] = &[
    ("hello-world", 13_256),
    ("busybox-1.37.0", 4_270_000),
    ("alpine-3.21.0", 7_834_000),
    ("alpine-3.21.2", 7_835_000),
    ("ubuntu-24.04", 78_120_000),
    ("debian-12.8", 116_530_000),
    ("debian-12.8-slim", 74_780_000),
    ("nginx-1.27.3", 191_700_000),
    ("nginx-1.27.3-alpine", 47_920_000),
    ("httpd-2.4.62", 148_200_000),
    ("mysql-5.7.44", 501_000_000),
    ("mysql-8.0.40", 594_000_000),
    ("mysql-9.1.0", 603_400_000),
    ("mariadb-11.6.2", 406_900_000),
    ("postgres-17.2", 434_800_000),
    ("redis-7.4.1", 117_000_000),
    ("redis-7.4.1-alpine", 45_600_000),
    ("mongo-8.0.3", 855_000_000),
    ("node-23.5.0", 1_126_000_000),
    ("python-3.13.1", 1_021_000_000),
    ("gcc-14.2.0", 1_414_000_000),
    ("nercury-cmake-cpp-gcc-5.2", 794_400_000),
    ("registry-2.8.3", 25_400_000),
];

#[test]
fn image_sizes_match_docker_hub() {
    let c = shipped();
    for &(key, target) in TARGET_SIZES {
        let image = c
            .images
            .get(key)
            .unwrap_or_else(|| panic!("no image {key}"));
        let size = c.image_size(image);
        let off = (size as f64 - target as f64).abs() / target as f64;
        assert!(
            off <= 0.02,
            "{key}: {size} bytes, target {target} ({:.1}% off)",
            off * 100.0
        );
    }
    assert_eq!(
        c.images.len(),
        TARGET_SIZES.len(),
        "every image has a target size"
    );
    let hello = &c.layers["hello-world"];
    assert_eq!(hello.size(), 13_256);
}

#[test]
fn every_entry_has_its_parent_directory() {
    let c = shipped();
    for (key, image) in &c.images {
        // path -> Some(link target) for links, None for dirs
        let mut tree: BTreeMap<String, Option<String>> = BTreeMap::new();
        for (layer_key, layer) in c.image_layers(image) {
            for e in &layer.entries {
                let parent = match e.path().rsplit_once('/') {
                    Some(("", _)) | None => None,
                    Some((p, _)) => Some(p.to_owned()),
                };
                if let Some(p) = parent {
                    assert!(
                        is_dir(&tree, &p, 0),
                        "{key}: {} in {layer_key} has no parent directory",
                        e.path()
                    );
                }
                match e {
                    Entry::Dir { path, .. } => {
                        tree.insert(path.clone(), None);
                    }
                    Entry::Link { path, target } => {
                        tree.insert(path.clone(), Some(target.clone()));
                    }
                    Entry::Whiteout { path } => {
                        tree.remove(path);
                    }
                    _ => {}
                }
            }
        }
    }
}

fn is_dir(tree: &BTreeMap<String, Option<String>>, path: &str, depth: u32) -> bool {
    if depth > 8 {
        return false;
    }
    // Resolve the longest prefix that is a link.
    let mut prefix = String::new();
    for comp in path.trim_start_matches('/').split('/') {
        prefix.push('/');
        prefix.push_str(comp);
        match tree.get(&prefix) {
            Some(None) => {}
            Some(Some(target)) => {
                let base = prefix.rsplit_once('/').map(|(p, _)| p).unwrap_or("");
                let resolved = if target.starts_with('/') {
                    target.clone()
                } else {
                    normalize(&format!("{base}/{target}"))
                };
                let rest = &path[prefix.len()..];
                return is_dir(tree, &format!("{resolved}{rest}"), depth + 1);
            }
            None => return false,
        }
    }
    true
}

fn normalize(path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for c in path.split('/') {
        match c {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    format!("/{}", parts.join("/"))
}

#[test]
fn blobs_name_known_programs() {
    let c = shipped();
    let entries = c.layers.values().flat_map(|l| l.entries.iter()).chain(
        c.packages
            .values()
            .flat_map(|i| i.packages.iter())
            .flat_map(|p| p.entries.iter()),
    );
    let mut execs = 0;
    for e in entries {
        if let Some(p) = e.exec() {
            assert!(PROGRAMS.contains(&p), "{p}");
            execs += 1;
        }
    }
    assert!(execs > 300, "{execs} executables");
}

#[test]
fn package_indexes_have_the_course_tools() {
    let c = shipped();
    for distro in ["debian-bookworm", "ubuntu-noble"] {
        let index = &c.packages[distro];
        for name in [
            "curl",
            "wget",
            "iputils-ping",
            "iproute2",
            "net-tools",
            "procps",
            "vim-tiny",
            "nano",
            "less",
            "netcat-openbsd",
            "dnsutils",
            "redis-tools",
            "git",
            "gcc",
            "build-essential",
            "make",
        ] {
            assert!(index.package(name).is_some(), "{distro}: {name}");
        }
    }
    let apk = &c.packages["alpine-3.21"];
    for name in [
        "curl",
        "bind-tools",
        "iproute2",
        "iputils-ping",
        "net-tools",
        "procps-ng",
        "vim",
        "nano",
        "bash",
        "mysql-client",
        "build-base",
    ] {
        assert!(apk.package(name).is_some(), "alpine: {name}");
    }
}

#[test]
fn search_lists_like_docker_hub() {
    let c = shipped();
    let names: Vec<_> = c
        .search("mongo")
        .iter()
        .map(|r| r.display_name().to_owned())
        .collect();
    assert_eq!(names.first().map(String::as_str), Some("mongo"));
    for want in [
        "mongo-express",
        "bitnami/mongodb",
        "mongodb/mongodb-community-server",
        "percona/percona-server-mongodb",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} in {names:?}");
    }
    assert!(names.len() >= 10);
    let nginx = c.search("NGINX");
    assert_eq!(
        nginx.first().map(|r| (r.display_name(), r.official)),
        Some(("nginx", true))
    );
    assert!(c.search("no-such-thing").is_empty());
}

#[test]
fn a_tag_moves_upstream() {
    let c = shipped();
    let u = c
        .updates
        .iter()
        .find(|u| u.repository == "library/alpine" && u.tag == "latest")
        .expect("alpine:latest update");
    let before = c.repository("library/alpine").and_then(|r| r.tag("latest"));
    assert_ne!(before, Some(u.image.as_str()));
    assert!(c.images[&u.image].created_nanos() > c.images[before.unwrap_or("")].created_nanos());
}

#[test]
fn texts_students_look_at() {
    let c = shipped();
    let text = |layer: &str, path: &str| {
        c.layers[layer]
            .entries
            .iter()
            .find(|e| e.path() == path)
            .and_then(|e| match e {
                Entry::File { content, .. } => content.as_text().map(str::to_owned),
                _ => None,
            })
    };
    assert_eq!(
        text("httpd-2.4.62-build", "/usr/local/apache2/htdocs/index.html").as_deref(),
        Some("<html><body><h1>It works!</h1></body></html>\n")
    );
    assert!(text("nginx-1.27.3-bookworm", "/etc/passwd")
        .is_some_and(|p| p.contains("nginx:x:101:101:nginx user:/nonexistent:/bin/false")));
    assert!(text("mysql-5.7.44-user", "/etc/passwd").is_some_and(|p| p.contains("mysql:x:999:999")));
    assert_eq!(
        text("alpine-3.21.0", "/etc/alpine-release").as_deref(),
        Some("3.21.0\n")
    );
    assert_eq!(
        text("debian-bookworm-slim-20241223", "/etc/debian_version").as_deref(),
        Some("12.8\n")
    );
    assert!(
        text("nginx-1.27.3-bookworm", "/usr/share/nginx/html/index.html")
            .is_some_and(|p| p.contains("Welcome to nginx!"))
    );
    assert!(text(
        "mysql-8.0.40-entrypoint",
        "/usr/local/bin/docker-entrypoint.sh"
    )
    .is_some_and(|p| p.starts_with("#!/usr/bin/env bash")));
}

#[test]
fn embedded_catalog_size() {
    let raw: usize = embedded_files().iter().map(|(_, t)| t.len()).sum();
    println!(
        "catalog: {} files, {raw} bytes raw (scripts/catalog-size.sh gives the gzipped size)",
        embedded_files().len()
    );
    assert!(raw < 1_200_000, "the catalog grew to {raw} bytes");
}

#[test]
fn loading_twice_gives_the_same_catalog() {
    let again =
        load(&embedded_files()).map(|c| (c.images.len(), c.layers.len(), c.repositories.len()));
    let once = catalog();
    assert_eq!(
        again,
        Ok((
            once.images.len(),
            once.layers.len(),
            once.repositories.len()
        ))
    );
}
