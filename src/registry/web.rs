//! The web as the simulated host reaches it: `example.com` serves `exampleimage.tgz`, the
//! root filesystem the course imports with `docker import http://example.com/…`; any other
//! site cannot be reached. The archive is a real gzip of a real tar, made the same way
//! every time (gzip's stored blocks: no compression code in the page).

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
        "exampleimage.tgz" => Ok(gzip(&example_tar())),
        _ => Err(format!("failed to GET {url} with status 404 Not Found: ")),
    }
}

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

/// CRC-32 (IEEE), as gzip's trailer has it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// `data` as a gzip member of stored (uncompressed) deflate blocks, with no name and no
/// time, so the same bytes always give the same file.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255];
    let mut chunks = data.chunks(0xffff).peekable();
    if chunks.peek().is_none() {
        out.extend_from_slice(&[1, 0, 0, 0xff, 0xff]);
    }
    while let Some(c) = chunks.next() {
        let last = u8::from(chunks.peek().is_none());
        let len = c.len() as u16;
        out.push(last);
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&(!len).to_le_bytes());
        out.extend_from_slice(c);
    }
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// The data of a gzip member made of stored blocks (what [`gzip`] writes); other
/// compression is refused with the reason.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let bad = || "gzip: invalid header".to_owned();
    if bytes.len() < 18 || bytes[0] != 0x1f || bytes[1] != 0x8b || bytes[2] != 8 {
        return Err(bad());
    }
    if bytes[3] != 0 {
        return Err("berth: gzip files with optional header fields are not simulated yet".into());
    }
    let mut i = 10;
    let mut out = Vec::new();
    loop {
        let head = *bytes.get(i).ok_or_else(bad)?;
        if head & 0b110 != 0 {
            return Err(
                "berth: compressed gzip data is not simulated yet (only stored blocks)".into(),
            );
        }
        let len = bytes
            .get(i + 1..i + 3)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
            .ok_or_else(bad)?;
        let data = bytes.get(i + 5..i + 5 + len).ok_or_else(bad)?;
        out.extend_from_slice(data);
        i += 5 + len;
        if head & 1 == 1 {
            break;
        }
    }
    let trailer = bytes.get(i..i + 8).ok_or_else(bad)?;
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    if crc != crc32(&out) {
        return Err("gzip: invalid checksum".into());
    }
    Ok(out)
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
    fn gzip_round_trips_and_is_stable() {
        for data in [Vec::new(), b"hello".to_vec(), vec![7u8; 200_000]] {
            let z = gzip(&data);
            assert_eq!(gunzip(&z).unwrap(), data);
        }
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(
            get("http://example.com/exampleimage.tgz"),
            get("http://example.com/exampleimage.tgz")
        );
        assert_eq!(
            gunzip(b"not gzip at all, not at all"),
            Err("gzip: invalid header".into())
        );
    }
}
