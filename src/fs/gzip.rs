//! gzip (RFC 1952) as docker reads it: `docker load` and `docker import` take a
//! gzip-compressed tar, found by its magic bytes as docker's `DecompressStream` finds it.
//! The header's optional fields are skipped, the deflate data is inflated by miniz_oxide
//! (its inflate only: no compression code in the page), the CRC-32 and length checked, and
//! members written one after another are joined, as Go's `gzip.Reader` joins them.

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// The most a simulated archive may inflate to: far above any course file, low enough
/// that a crafted file cannot exhaust the page's memory.
pub const MAX_INFLATED: usize = 256 << 20;

/// Whether `bytes` start as a gzip file does (docker's check: the first three bytes).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b, 0x08])
}

const FHCRC: u8 = 2;
const FEXTRA: u8 = 4;
const FNAME: u8 = 8;
const FCOMMENT: u8 = 16;

/// Go's errors for a gzip stream that ends early or does not check out.
const UNEXPECTED_EOF: &str = "unexpected EOF";
const INVALID_HEADER: &str = "gzip: invalid header";
const INVALID_CHECKSUM: &str = "gzip: invalid checksum";

/// The data of every member of the gzip file `bytes`; the error is Go's.
pub fn gunzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut rest = bytes;
    loop {
        rest = member(rest, &mut out)?;
        if rest.is_empty() {
            return Ok(out);
        }
        if !rest.starts_with(&[0x1f, 0x8b]) {
            return Err(INVALID_HEADER.to_owned());
        }
    }
}

/// Inflates the member at the start of `bytes` onto `out`; returns what follows it.
fn member<'a>(bytes: &'a [u8], out: &mut Vec<u8>) -> Result<&'a [u8], String> {
    let header = bytes.get(..10).ok_or(UNEXPECTED_EOF)?;
    if header[0] != 0x1f || header[1] != 0x8b || header[2] != 8 {
        return Err(INVALID_HEADER.to_owned());
    }
    let flags = header[3];
    let mut i = 10;
    if flags & FEXTRA != 0 {
        let len = bytes.get(i..i + 2).ok_or(UNEXPECTED_EOF)?;
        i += 2 + usize::from(u16::from_le_bytes([len[0], len[1]]));
    }
    for field in [FNAME, FCOMMENT] {
        if flags & field != 0 {
            let end = bytes
                .get(i..)
                .and_then(|b| b.iter().position(|&c| c == 0))
                .ok_or(UNEXPECTED_EOF)?;
            i += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        i += 2;
    }
    let data = bytes.get(i..).ok_or(UNEXPECTED_EOF)?;
    let start = out.len();
    let used = inflate_raw(data, out)?;
    let trailer = data.get(used..used + 8).ok_or(UNEXPECTED_EOF)?;
    let crc = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let size = u32::from_le_bytes([trailer[4], trailer[5], trailer[6], trailer[7]]);
    let inflated = out.get(start..).unwrap_or_default();
    // ISIZE is the length modulo 2^32.
    if crc != crc32(inflated) || size != inflated.len() as u32 {
        return Err(INVALID_CHECKSUM.to_owned());
    }
    Ok(data.get(used + 8..).unwrap_or_default())
}

/// Inflates the raw deflate stream at the start of `data` onto `out`; returns how many
/// bytes of `data` it took.
fn inflate_raw(data: &[u8], out: &mut Vec<u8>) -> Result<usize, String> {
    let mut state = InflateState::new_boxed(DataFormat::Raw);
    let mut buf = vec![0u8; 64 << 10];
    let mut used = 0;
    loop {
        let input = data.get(used..).unwrap_or_default();
        let r = inflate(&mut state, input, &mut buf, MZFlush::None);
        used += r.bytes_consumed;
        out.extend_from_slice(buf.get(..r.bytes_written).unwrap_or_default());
        if out.len() > MAX_INFLATED {
            return Err("berth: archives over 256 MiB are not simulated".to_owned());
        }
        match r.status {
            Ok(MZStatus::StreamEnd) => return Ok(used),
            Ok(_) if r.bytes_consumed > 0 || r.bytes_written > 0 => {}
            Ok(_) | Err(MZError::Buf) => return Err(UNEXPECTED_EOF.to_owned()),
            Err(_) => return Err(format!("flate: corrupt input before offset {used}")),
        }
    }
}

/// CRC-32 (IEEE), as gzip's trailer has it.
pub fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xedb8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `printf 'hello\n' | gzip -9n`: fixed Huffman codes.
    const HELLO: &[u8] = &[
        0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9,
        0xe7, 0x02, 0x00, 0x20, 0x30, 0x3a, 0x36, 0x06, 0x00, 0x00, 0x00,
    ];

    fn check(input: &[u8], expected: Result<&[u8], &str>) {
        assert_eq!(
            gunzip(input),
            expected.map(<[u8]>::to_vec).map_err(str::to_owned),
            "{input:02x?}"
        );
    }

    #[test]
    fn gunzip_cases() {
        check(HELLO, Ok(b"hello\n"));
        // Two members joined: `cat a.gz b.gz`.
        check(&[HELLO, HELLO].concat(), Ok(b"hello\nhello\n"));
        // With a file name (`gzip` without -n): FNAME set, the name skipped.
        let mut named = HELLO[..10].to_vec();
        named[3] = FNAME;
        named.extend_from_slice(b"hello.txt\0");
        named.extend_from_slice(&HELLO[10..]);
        check(&named, Ok(b"hello\n"));
        check(&HELLO[..20], Err("unexpected EOF"));
        check(&HELLO[..5], Err("unexpected EOF"));
        check(b"PK\x03\x04 not a gzip", Err("gzip: invalid header"));
        let mut bad_crc = HELLO.to_vec();
        bad_crc[19] ^= 1;
        check(&bad_crc, Err("gzip: invalid checksum"));
        check(
            &[HELLO, b"trailing junk"].concat(),
            Err("gzip: invalid header"),
        );
        assert!(is_gzip(HELLO));
        assert!(!is_gzip(b"ustar"));
    }

    #[test]
    fn corrupt_deflate_data_is_an_error_not_a_panic() {
        let mut bad = HELLO[..10].to_vec();
        bad.extend_from_slice(&[0xff; 40]);
        assert!(gunzip(&bad).is_err());
    }

    #[test]
    fn crc32_of_known_strings() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }
}
