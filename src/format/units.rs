//! Human-readable sizes and durations, as docker/go-units prints and parses them.

use crate::ports::{Nanos, SECOND};

const DECIMAL: [&str; 9] = ["B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB"];
const BINARY: [&str; 9] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"];

fn size_and_unit(mut size: f64, base: f64, units: &[&'static str; 9]) -> (f64, &'static str) {
    let mut i = 0;
    while size >= base && i < units.len() - 1 {
        size /= base;
        i += 1;
    }
    (size, units[i])
}

/// `units.HumanSizeWithPrecision`: decimal units, `precision` significant digits (`13.3kB`).
pub fn human_size_with_precision(size: f64, precision: usize) -> String {
    let (s, unit) = size_and_unit(size, 1000.0, &DECIMAL);
    format!("{}{unit}", go_g(s, precision))
}

/// `units.HumanSize`: four significant digits (`1.093kB`).
pub fn human_size(size: f64) -> String {
    human_size_with_precision(size, 4)
}

/// `units.BytesSize`: binary units, four significant digits (`7.663GiB`).
pub fn bytes_size(size: f64) -> String {
    let (s, unit) = size_and_unit(size, 1024.0, &BINARY);
    format!("{}{unit}", go_g(s, 4))
}

/// Go's `%.*g`: `precision` significant digits, shortest form, exponent when it is
/// below -4 or at least `precision` (`999999` → `1e+03` at precision 3, as docker prints).
pub fn go_g(v: f64, precision: usize) -> String {
    let p = precision.max(1);
    if v == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{:.*e}", p - 1, v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if exp < -4 || exp >= p as i32 {
        let m = trim_zeros(mantissa);
        let sign = if exp < 0 { '-' } else { '+' };
        return format!("{m}e{sign}{:02}", exp.abs());
    }
    let decimals = (p as i32 - 1 - exp).max(0) as usize;
    trim_zeros(&format!("{v:.decimals$}")).to_owned()
}

fn trim_zeros(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// `units.HumanDuration`: `Less than a second`, `About a minute`, `3 hours`, `2 weeks` …
pub fn human_duration(d: Nanos) -> String {
    let seconds = d / SECOND;
    if seconds < 1 {
        return "Less than a second".to_owned();
    }
    if seconds == 1 {
        return "1 second".to_owned();
    }
    if seconds < 60 {
        return format!("{seconds} seconds");
    }
    let minutes = seconds / 60;
    if minutes == 1 {
        return "About a minute".to_owned();
    }
    if minutes < 60 {
        return format!("{minutes} minutes");
    }
    let hours = ((d as f64 / 3_600e9) + 0.5) as i64;
    if hours == 1 {
        return "About an hour".to_owned();
    }
    if hours < 48 {
        return format!("{hours} hours");
    }
    if hours < 24 * 7 * 2 {
        return format!("{} days", hours / 24);
    }
    if hours < 24 * 30 * 2 {
        return format!("{} weeks", hours / 24 / 7);
    }
    if hours < 24 * 365 * 2 {
        return format!("{} months", hours / 24 / 30);
    }
    format!("{} years", (d / 3_600 / SECOND) / 24 / 365)
}

/// `units.RAMInBytes`: `512m`, `1g`, `32Mb` → bytes (binary multiples, case-insensitive).
pub fn ram_in_bytes(s: &str) -> Result<i64, String> {
    parse_size(s, 1024.0).map_err(|()| format!("invalid size: '{s}'"))
}

/// `units.FromHumanSize`: `32k` → 32000 (decimal multiples).
pub fn from_human_size(s: &str) -> Result<i64, String> {
    parse_size(s, 1000.0).map_err(|()| format!("invalid size: '{s}'"))
}

fn parse_size(s: &str, base: f64) -> Result<i64, ()> {
    let lower = s.to_ascii_lowercase();
    let num_end = lower
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(lower.len());
    let (num, suffix) = lower.split_at(num_end);
    let value: f64 = num.parse().map_err(|_| ())?;
    let suffix = suffix.trim_end_matches('b');
    let suffix = suffix.strip_suffix('i').unwrap_or(suffix);
    let power = match suffix {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        _ => return Err(()),
    };
    Ok((value * base.powi(power)) as i64)
}

/// Go's `time.ParseDuration`: `10s`, `1h30m`, `500ms`, `-2m`.
pub fn parse_go_duration(s: &str) -> Result<Nanos, String> {
    let invalid = || format!("time: invalid duration \"{s}\"");
    let (neg, mut rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    if rest == "0" {
        return Ok(0);
    }
    if rest.is_empty() {
        return Err(invalid());
    }
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let n = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if n == 0 {
            return Err(invalid());
        }
        let value: f64 = rest[..n].parse().map_err(|_| invalid())?;
        rest = &rest[n..];
        let u = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let unit = match &rest[..u] {
            "ns" => 1.0,
            "us" | "µs" | "μs" => 1e3,
            "ms" => 1e6,
            "s" => 1e9,
            "m" => 60e9,
            "h" => 3600e9,
            "" => return Err(format!("time: missing unit in duration \"{s}\"")),
            other => {
                return Err(format!(
                    "time: unknown unit \"{other}\" in duration \"{s}\""
                ))
            }
        };
        total += value * unit;
        rest = &rest[u..];
    }
    let total = total as i64;
    Ok(if neg { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_match_go_units() {
        let cases: &[(f64, &str, &str, &str)] = &[
            (0.0, "0B", "0B", "0B"),
            (999.0, "999B", "999B", "999B"),
            (1000.0, "1kB", "1kB", "1000B"),
            (1023.0, "1.02kB", "1.023kB", "1023B"),
            (1024.0, "1.02kB", "1.024kB", "1KiB"),
            (1093.0, "1.09kB", "1.093kB", "1.067KiB"),
            (13256.0, "13.3kB", "13.26kB", "12.95KiB"),
            (99999.0, "100kB", "100kB", "97.66KiB"),
            (999999.0, "1e+03kB", "1000kB", "976.6KiB"),
            (4194304.0, "4.19MB", "4.194MB", "4MiB"),
            (77800000.0, "77.8MB", "77.8MB", "74.2MiB"),
            (187654321.0, "188MB", "187.7MB", "179MiB"),
            (191707854.0, "192MB", "191.7MB", "182.8MiB"),
            (999500000.0, "1e+03MB", "999.5MB", "953.2MiB"),
            (1500000000.0, "1.5GB", "1.5GB", "1.397GiB"),
            (2631000000.0, "2.63GB", "2.631GB", "2.45GiB"),
            (1e12, "1TB", "1TB", "931.3GiB"),
        ];
        for &(n, p3, hs, bs) in cases {
            assert_eq!(human_size_with_precision(n, 3), p3, "HSWP3({n})");
            assert_eq!(human_size(n), hs, "HS({n})");
            assert_eq!(bytes_size(n), bs, "BytesSize({n})");
        }
        assert_eq!(human_size(1048576.0), "1.049MB");
        assert_eq!(bytes_size(3.42 * 1024.0 * 1024.0 * 1024.0), "3.42GiB");
    }

    #[test]
    fn durations_match_go_units() {
        let s = SECOND;
        let m = 60 * s;
        let h = 60 * m;
        let d = 24 * h;
        let cases: &[(Nanos, &str)] = &[
            (0, "Less than a second"),
            (s / 2, "Less than a second"),
            (s, "1 second"),
            (47 * s, "47 seconds"),
            (m, "About a minute"),
            (m + 59 * s, "About a minute"),
            (35 * m + 40 * s, "35 minutes"),
            (h, "About an hour"),
            (h + 29 * m, "About an hour"),
            (h + 30 * m, "2 hours"),
            (3 * h + 59 * m, "4 hours"),
            (47 * h, "47 hours"),
            (48 * h, "2 days"),
            (13 * d + 5 * h, "13 days"),
            (14 * d, "2 weeks"),
            (30 * d, "4 weeks"),
            (60 * d, "2 months"),
            (390 * d, "13 months"),
            (720 * d, "24 months"),
            (734 * d, "2 years"),
            (3 * 365 * d + 60 * d, "3 years"),
        ];
        for &(n, want) in cases {
            assert_eq!(human_duration(n), want, "{n}ns");
        }
    }

    #[test]
    fn parsing_sizes_and_durations() {
        assert_eq!(ram_in_bytes("32k"), Ok(32768));
        assert_eq!(ram_in_bytes("32Mb"), Ok(33554432));
        assert_eq!(ram_in_bytes("512m"), Ok(536870912));
        assert_eq!(from_human_size("32k"), Ok(32000));
        assert!(ram_in_bytes("lots").is_err());
        assert_eq!(parse_go_duration("1h30m"), Ok(5400 * SECOND));
        assert_eq!(parse_go_duration("500ms"), Ok(SECOND / 2));
        assert_eq!(parse_go_duration("0"), Ok(0));
        assert_eq!(
            parse_go_duration("10"),
            Err("time: missing unit in duration \"10\"".into())
        );
        assert!(parse_go_duration("x").is_err());
    }
}
