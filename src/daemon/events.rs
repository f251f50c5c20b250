//! The daemon's event log: every change emits one (`docker events` and the visualizer read it).

use crate::collections::SortedMap as BTreeMap;

use crate::ports::{Nanos, SECOND};

/// One event, as the Engine API's `events.Message` carries it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DaemonEvent {
    /// When it happened.
    pub time: Nanos,
    /// The object type: `container`, `image`, `volume`, `network`, `daemon`.
    pub kind: &'static str,
    /// What happened: `create`, `start`, `die`, `pull`, `exec_start: sh` …
    pub action: String,
    /// The object's id (or name, for images and volumes).
    pub actor: String,
    /// Attributes (`name`, `image`, `exitCode` …), sorted by key as docker prints them.
    pub attributes: BTreeMap<String, String>,
}

impl DaemonEvent {
    /// docker's default line: `<RFC3339 with 9 decimals> <type> <action> <id> (<k=v, …>)`.
    pub fn line(&self) -> String {
        let mut s = format!(
            "{} {} {} {}",
            rfc3339_nanos(self.time),
            self.kind,
            self.action,
            self.actor
        );
        if !self.attributes.is_empty() {
            let attrs: Vec<String> = self
                .attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            s.push_str(&format!(" ({})", attrs.join(", ")));
        }
        s
    }
}

/// The log of events, oldest first.
#[derive(Clone, Debug, Default)]
pub struct EventLog {
    events: Vec<DaemonEvent>,
}

impl EventLog {
    /// Appends an event.
    pub fn push(&mut self, event: DaemonEvent) {
        self.events.push(event);
    }

    /// Every event so far.
    pub fn all(&self) -> &[DaemonEvent] {
        &self.events
    }
}

/// A civil date and time in UTC from nanoseconds since the epoch.
pub fn civil(t: Nanos) -> (i64, u32, u32, u32, u32, u32, u32) {
    let secs = t.div_euclid(SECOND);
    let nanos = t.rem_euclid(SECOND) as u32;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's days-from-civil inverse.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = if m <= 2 { y + 1 } else { y };
    (
        y,
        m,
        d,
        (rem / 3600) as u32,
        (rem % 3600 / 60) as u32,
        (rem % 60) as u32,
        nanos,
    )
}

/// `2006-01-02T15:04:05.000000000Z` (events, `logs -t`).
pub fn rfc3339_nanos(t: Nanos) -> String {
    let (y, mo, d, h, mi, s, n) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{n:09}Z")
}

/// Go's `time.RFC3339Nano` (trailing zeros of the fraction dropped; inspect `Created`).
pub fn rfc3339_nano_trimmed(t: Nanos) -> String {
    let (y, mo, d, h, mi, s, n) = civil(t);
    let mut out = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}");
    if n > 0 {
        let frac = format!("{n:09}");
        out.push('.');
        out.push_str(frac.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

/// `2006-01-02T15:04:05Z` (second precision).
pub fn rfc3339(t: Nanos) -> String {
    let (y, mo, d, h, mi, s, _) = civil(t);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Go's `time.Time.String()` in UTC: `2024-11-15 00:26:10 +0000 UTC` (`{{.CreatedAt}}`).
pub fn go_time_string(t: Nanos) -> String {
    let (y, mo, d, h, mi, s, _) = civil(t);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} +0000 UTC")
}

/// Parses `2006-01-02T15:04:05[.fff]Z` into nanoseconds (catalog dates).
pub fn parse_rfc3339(s: &str) -> Option<Nanos> {
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, mo, d, h, mi, sec) = (
        num(0..4)?,
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    );
    let mut rest = &s[19..];
    let mut nanos = 0i64;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits: String = frac.chars().take_while(char::is_ascii_digit).collect();
        rest = &frac[digits.len()..];
        let padded = format!("{digits:0<9}");
        nanos = padded.get(..9)?.parse().ok()?;
    }
    if rest != "Z" {
        return None;
    }
    // days from civil
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2.rem_euclid(400);
    let mp = if mo > 2 { mo - 3 } else { mo + 9 };
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(((days * 86_400 + h * 3600 + mi * 60 + sec) * SECOND) + nanos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_format_as_go_does() {
        let t = parse_rfc3339("2024-12-11T10:08:51.238612881Z").unwrap();
        assert_eq!(rfc3339_nanos(t), "2024-12-11T10:08:51.238612881Z");
        assert_eq!(rfc3339(t), "2024-12-11T10:08:51Z");
        assert_eq!(go_time_string(t), "2024-12-11 10:08:51 +0000 UTC");
        let u = parse_rfc3339("2026-11-28T09:00:00Z").unwrap();
        assert_eq!(u, 1_795_856_400 * SECOND);
        assert_eq!(
            rfc3339_nano_trimmed(u + 399_510_000),
            "2026-11-28T09:00:00.39951Z"
        );
        assert_eq!(rfc3339_nano_trimmed(u), "2026-11-28T09:00:00Z");
        assert_eq!(
            parse_rfc3339("2024-02-29T00:00:00Z")
                .map(rfc3339)
                .as_deref(),
            Some("2024-02-29T00:00:00Z")
        );
        assert_eq!(parse_rfc3339("yesterday"), None);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn event_lines_sort_attributes() {
        let mut attributes = BTreeMap::new();
        attributes.insert("name".to_owned(), "web".to_owned());
        attributes.insert("image".to_owned(), "nginx".to_owned());
        let e = DaemonEvent {
            time: parse_rfc3339("2024-12-11T10:08:51.238612881Z").unwrap(),
            kind: "container",
            action: "start".into(),
            actor: "b20d".into(),
            attributes,
        };
        assert_eq!(
            e.line(),
            "2024-12-11T10:08:51.238612881Z container start b20d (image=nginx, name=web)"
        );
    }
}
