//! The web as the simulated host reaches it: `example.com` serves `exampleimage.tgz`, the
//! root filesystem the course imports with `docker import http://example.com/…`; any other
//! site cannot be reached. The archive is a real gzip of a real tar: [`example_tar`]
//! compressed once by `gzip -9n` and kept as bytes (`exampleimage.tgz`), so the page holds
//! no compression code and the bytes never change; a test checks they inflate to the tar.

use crate::fs::{Content, Meta, RwLayer};

/// The site `docker import` may fetch from.
pub const EXAMPLE_HOST: &str = "example.com";

/// When the example's files were made (2024-01-01T00:00:00Z).
const MADE_AT: i64 = 1_704_067_200 * crate::ports::SECOND;

/// Fetches `url` (`http://` or `https://`); the error is Go's `http.Get` message, or the
/// daemon's status error.
pub fn get(url: &str) -> Result<Vec<u8>, String> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.split(':').next().unwrap_or(host);
    if !host.eq_ignore_ascii_case(EXAMPLE_HOST) && !host.eq_ignore_ascii_case("www.example.com") {
        return Err(format!(
            "Get \"{url}\": dial tcp: lookup {host} on 192.168.65.7:53: no such host"
        ));
    }
    match path {
        "exampleimage.tgz" => Ok(EXAMPLE_TGZ.to_vec()),
        _ => Err(format!("failed to GET {url} with status 404 Not Found: ")),
    }
}

/// `exampleimage.tgz`: [`example_tar`] as `gzip -9n` compresses it.
const EXAMPLE_TGZ: &[u8] = include_bytes!("exampleimage.tgz");

/// The example root filesystem as a tar: a `/hello` program and a few folders.
pub fn example_tar() -> Vec<u8> {
    let mut fs = RwLayer::new();
    let dir = Meta::root(0o755, MADE_AT);
    for d in ["/etc", "/tmp", "/usr", "/usr/share"] {
        let _ = fs.add_dir(d, dir);
    }
    let mut hello = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    hello.extend_from_slice(format!("{}hello\n", crate::registry::hub::EXEC_MARKER).as_bytes());
    let _ = fs.add_file("/hello", Meta::root(0o755, MADE_AT), Content::from(hello));
    let _ = fs.add_file(
        "/etc/motd",
        Meta::root(0o644, MADE_AT),
        Content::from(
            "An example image, imported from http://example.com/exampleimage.tgz\n".to_owned(),
        ),
    );
    let mut out = Vec::new();
    let _ = fs.freeze().write_tar(&mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(url: &str, expected: Result<usize, &str>) {
        assert_eq!(
            get(url).map(|b| b.len().min(1)),
            expected.map_err(str::to_owned),
            "{url}"
        );
    }

    #[test]
    fn only_example_com_answers() {
        check("http://example.com/exampleimage.tgz", Ok(1));
        check("https://EXAMPLE.com/exampleimage.tgz", Ok(1));
        check(
            "http://example.com/nope.tgz",
            Err("failed to GET http://example.com/nope.tgz with status 404 Not Found: "),
        );
        check(
            "http://elsewhere.org/x.tgz",
            Err("Get \"http://elsewhere.org/x.tgz\": dial tcp: lookup elsewhere.org on 192.168.65.7:53: no such host"),
        );
    }

    #[test]
    fn the_example_is_a_real_compressed_gzip_of_the_example_tar() {
        let tgz = get("http://example.com/exampleimage.tgz").unwrap();
        assert!(crate::fs::gzip::is_gzip(&tgz));
        // Deflate-compressed (not stored blocks): far smaller than the tar.
        assert!(tgz.len() < 1024, "{} bytes", tgz.len());
        assert_eq!(crate::fs::gzip::gunzip(&tgz).unwrap(), example_tar());
    }
}
