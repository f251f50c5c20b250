//! `date [-u] [-d @SECONDS] [+FORMAT]`: the kernel's clock, in UTC (containers have no
//! time zone unless one is set). Default format `Sat Nov 28 09:00:00 UTC 2026`.

use super::super::program::{Proc, Style};
use super::util::{tm, DAYS, MONTHS};
use crate::ports::{Nanos, SECOND};

const LONG_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const LONG_DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Formats `t` with strftime-style specifiers.
pub fn strftime(fmt: &str, t: Nanos) -> String {
    let (y, mo, d, h, mi, s, wd, yd) = tm(t);
    let mut out = String::new();
    let mut cs = fmt.chars();
    while let Some(c) = cs.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(f) = cs.next() else {
            out.push('%');
            break;
        };
        let piece = match f {
            'Y' => y.to_string(),
            'y' => format!("{:02}", y.rem_euclid(100)),
            'C' => format!("{:02}", y / 100),
            'm' => format!("{mo:02}"),
            'd' => format!("{d:02}"),
            'e' => format!("{d:>2}"),
            'H' => format!("{h:02}"),
            'k' => format!("{h:>2}"),
            'I' => format!("{:02}", if h % 12 == 0 { 12 } else { h % 12 }),
            'l' => format!("{:>2}", if h % 12 == 0 { 12 } else { h % 12 }),
            'M' => format!("{mi:02}"),
            'S' => format!("{s:02}"),
            'N' => format!("{:09}", t.rem_euclid(SECOND)),
            'p' => if h < 12 { "AM" } else { "PM" }.to_owned(),
            'P' => if h < 12 { "am" } else { "pm" }.to_owned(),
            'a' => DAYS[wd as usize].to_owned(),
            'A' => LONG_DAYS[wd as usize].to_owned(),
            'b' | 'h' => MONTHS[(mo - 1) as usize].to_owned(),
            'B' => LONG_MONTHS[(mo - 1) as usize].to_owned(),
            'j' => format!("{yd:03}"),
            'u' => (if wd == 0 { 7 } else { wd }).to_string(),
            'w' => wd.to_string(),
            's' => t.div_euclid(SECOND).to_string(),
            'Z' => "UTC".to_owned(),
            'z' => "+0000".to_owned(),
            'T' => format!("{h:02}:{mi:02}:{s:02}"),
            'R' => format!("{h:02}:{mi:02}"),
            'D' => format!("{mo:02}/{d:02}/{:02}", y.rem_euclid(100)),
            'F' => format!("{y}-{mo:02}-{d:02}"),
            'c' => format!(
                "{} {} {d:>2} {h:02}:{mi:02}:{s:02} {y}",
                DAYS[wd as usize],
                MONTHS[(mo - 1) as usize]
            ),
            'x' => format!("{mo:02}/{d:02}/{:02}", y.rem_euclid(100)),
            'X' => format!("{h:02}:{mi:02}:{s:02}"),
            'n' => "\n".to_owned(),
            't' => "\t".to_owned(),
            '%' => "%".to_owned(),
            o => format!("%{o}"),
        };
        out.push_str(&piece);
    }
    out
}

async fn main(p: &mut Proc) -> i32 {
    let mut t = p.now();
    let mut fmt = "%a %b %e %H:%M:%S %Z %Y".to_owned();
    let args = p.args[1..].to_vec();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        match a.as_str() {
            "-u" | "--utc" | "--universal" => {}
            "-R" | "--rfc-email" => fmt = "%a, %d %b %Y %H:%M:%S %z".into(),
            "-I" | "--iso-8601" => fmt = "%Y-%m-%d".into(),
            "-d" | "--date" => {
                i += 1;
                let v = args.get(i).cloned().unwrap_or_default();
                match v.strip_prefix('@').and_then(|s| s.parse::<i64>().ok()) {
                    Some(secs) => t = secs.saturating_mul(SECOND),
                    None if v == "now" => {}
                    None => {
                        let line = match p.style {
                            Style::Gnu => format!("date: invalid date '{v}'\n"),
                            Style::Busybox => format!("date: invalid date '{v}'\n"),
                        };
                        p.err(line).await;
                        return 1;
                    }
                }
            }
            s if s.starts_with('+') => fmt = s[1..].to_owned(),
            s => {
                let line = if p.cred.uid == 0 {
                    "date: cannot set date: Operation not permitted\n".to_owned()
                } else {
                    format!("date: invalid date '{s}'\n")
                };
                p.err(line).await;
                return 1;
            }
        }
        i += 1;
    }
    let line = format!("{}\n", strftime(&fmt, t));
    p.out(line).await;
    0
}

crate::program!(Date, main);

#[cfg(test)]
mod tests {
    use super::strftime;

    #[test]
    fn formats() {
        let t = crate::ports::ManualClock::DEFAULT_START;
        assert_eq!(
            strftime("%a %b %e %H:%M:%S %Z %Y", t),
            "Sat Nov 28 09:00:00 UTC 2026"
        );
        assert_eq!(
            strftime("%F %T %s %j %u", t),
            "2026-11-28 09:00:00 1795856400 332 6"
        );
    }
}
