//! What the programs share: getopt-style option parsing with GNU's and busybox's error
//! texts, file-error lines, human-readable sizes and dates.

use crate::collections::SortedMap as BTreeMap;

use super::super::fs::Errno;
use super::super::program::{Proc, Style};
use super::busybox::BANNER;
use crate::ports::{Nanos, SECOND};

/// Parsed command-line options.
#[derive(Debug, Default)]
pub struct Opts {
    /// Flags seen, with the value of those that take one (last wins).
    pub flags: BTreeMap<char, String>,
    /// Operands, in order.
    pub operands: Vec<String>,
}

impl Opts {
    /// Whether a flag was given.
    pub fn has(&self, c: char) -> bool {
        self.flags.contains_key(&c)
    }

    /// The value of a flag that takes one.
    pub fn value(&self, c: char) -> Option<&str> {
        self.flags.get(&c).map(String::as_str)
    }
}

/// One option's description: its letter, long name, and whether it takes a value.
pub type OptSpec = (char, &'static str, bool);

/// Parses `args` (without argv\[0\]) getopt-style: clustered short flags, `--long` and
/// `--long=value`, operands anywhere, `--` ending options. Prints the usage error and
/// returns `Err(status)` on an unknown option.
pub async fn parse(p: &Proc, args: &[String], spec: &[OptSpec], usage: &str) -> Result<Opts, i32> {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--" {
            o.operands.extend(args[i..].iter().cloned());
            break;
        }
        if let Some(long) = a.strip_prefix("--") {
            let (name, val) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (long, None),
            };
            if name == "help" {
                p.out(format!("{}\n", usage.trim_end())).await;
                return Err(0);
            }
            let Some(&(c, _, takes)) = spec.iter().find(|s| s.1 == name && !s.1.is_empty()) else {
                bad_option(p, &format!("--{name}"), usage, true).await;
                return Err(if p.name() == "ls" { 2 } else { 1 });
            };
            let v = if takes {
                match val {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => {
                        missing_value(p, c, usage).await;
                        return Err(1);
                    }
                }
            } else {
                String::new()
            };
            o.flags.insert(c, v);
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            let cs: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < cs.len() {
                let c = cs[k];
                k += 1;
                let Some(&(_, _, takes)) = spec.iter().find(|s| s.0 == c) else {
                    bad_option(p, &c.to_string(), usage, false).await;
                    return Err(if p.name() == "ls" && p.style == Style::Gnu {
                        2
                    } else {
                        1
                    });
                };
                if takes {
                    let v: String = if k < cs.len() {
                        let v = cs[k..].iter().collect();
                        k = cs.len();
                        v
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        missing_value(p, c, usage).await;
                        return Err(1);
                    };
                    o.flags.insert(c, v);
                } else {
                    o.flags.insert(c, String::new());
                }
            }
            continue;
        }
        o.operands.push(a.clone());
    }
    Ok(o)
}

async fn bad_option(p: &Proc, opt: &str, usage: &str, long: bool) {
    let name = p.name().to_owned();
    match p.style {
        Style::Gnu => {
            let first = if long {
                format!("{name}: unrecognized option '{opt}'")
            } else {
                format!("{name}: invalid option -- '{opt}'")
            };
            p.err(format!(
                "{first}\nTry '{name} --help' for more information.\n"
            ))
            .await;
        }
        Style::Busybox => {
            let first = if long {
                format!("{name}: unrecognized option '{opt}'")
            } else {
                format!("{name}: unrecognized option: {opt}")
            };
            p.err(format!("{first}\n{}", busybox_usage(usage))).await;
        }
    }
}

async fn missing_value(p: &Proc, c: char, usage: &str) {
    let name = p.name().to_owned();
    match p.style {
        Style::Gnu => {
            p.err(format!(
                "{name}: option requires an argument -- '{c}'\nTry '{name} --help' for more information.\n"
            ))
            .await;
        }
        Style::Busybox => {
            p.err(format!(
                "{name}: option requires an argument: {c}\n{}",
                busybox_usage(usage)
            ))
            .await;
        }
    }
}

/// Busybox's usage block: the banner, a blank line, then the applet's usage.
pub fn busybox_usage(usage: &str) -> String {
    format!("{BANNER}\n\n{}\n", usage.trim_end())
}

/// A missing operand: GNU's two lines, or busybox's usage.
pub async fn missing_operand(p: &Proc, usage: &str) -> i32 {
    let name = p.name().to_owned();
    match p.style {
        Style::Gnu => {
            p.err(format!(
                "{name}: missing operand\nTry '{name} --help' for more information.\n"
            ))
            .await;
        }
        Style::Busybox => {
            p.err(busybox_usage(usage)).await;
        }
    }
    1
}

/// GNU's quoting of a file name in messages: `'name'`, or `"it's"` when it has a quote.
pub fn q(name: &str) -> String {
    if name.contains('\'') {
        format!("\"{name}\"")
    } else {
        format!("'{name}'")
    }
}

/// A file error in the common shape: GNU `prog: {gnu} 'x': err` (or `prog: x: err` when
/// `gnu` is empty), busybox `prog: {bb} 'x': err` (or `prog: x: err`).
pub async fn file_error(p: &Proc, gnu: &str, bb: &str, name: &str, e: Errno) {
    let line = match p.style {
        Style::Gnu if gnu.is_empty() => format!("{}: {name}: {e}\n", p.name()),
        Style::Gnu => format!("{}: {gnu} {}: {e}\n", p.name(), q(name)),
        Style::Busybox if bb.is_empty() => format!("{}: {name}: {e}\n", p.name()),
        Style::Busybox => format!("{}: {bb} '{name}': {e}\n", p.name()),
    };
    p.err(line).await;
}

/// `ls -h`/`df -h`/`du -h` sizes: 1024-based, one decimal below 10 (`4.0K`, `12M`).
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["K", "M", "G", "T", "P", "E"];
    if bytes < 1024 {
        return bytes.to_string();
    }
    let mut v = bytes as f64;
    let mut u = 0;
    v /= 1024.0;
    while v >= 1024.0 && u + 1 < UNITS.len() {
        v /= 1024.0;
        u += 1;
    }
    if v < 10.0 {
        let r = (v * 10.0).ceil() / 10.0;
        if r >= 10.0 {
            return format!("{}{}", r.ceil() as u64, UNITS[u]);
        }
        format!("{r:.1}{}", UNITS[u])
    } else {
        format!("{}{}", v.ceil() as u64, UNITS[u])
    }
}

/// Month abbreviations.
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Weekday abbreviations, Sunday first.
pub const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/// The broken-down UTC time: year, month (1-12), day, hour, minute, second, weekday
/// (0 = Sunday), day of the year (1-366).
pub fn tm(t: Nanos) -> (i64, u32, u32, u32, u32, u32, u32, u32) {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(t);
    let days = t.div_euclid(SECOND).div_euclid(86_400);
    let wday = (days + 4).rem_euclid(7) as u32;
    let cum = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let yday = d + cum[(mo - 1) as usize] + u32::from(leap && mo > 2);
    (y, mo, d, h, mi, s, wday, yday)
}

/// `ls -l`'s time column: `Nov 28 09:00` within six months of `now`, else `Nov 28  2025`.
pub fn ls_time(t: Nanos, now: Nanos) -> String {
    let (y, mo, d, h, mi, _, _, _) = tm(t);
    let month = MONTHS[(mo - 1) as usize];
    let six_months = 183 * 86_400 * SECOND;
    if t > now - six_months && t <= now + 3600 * SECOND {
        format!("{month} {d:>2} {h:02}:{mi:02}")
    } else {
        format!("{month} {d:>2}  {y}")
    }
}

/// Reads an operand's bytes, printing the error the usual way (GNU `prog: x: err`,
/// busybox `prog: can't open 'x': err`).
pub async fn read_or_complain(p: &Proc, name: &str) -> Option<Vec<u8>> {
    match p.read_operand(name).await {
        Ok(d) => Some(d),
        Err(e) => {
            file_error(p, "", "can't open", name, e).await;
            None
        }
    }
}

/// Splits bytes into lines (each without its `\n`); a final line without newline counts.
pub fn lines(data: &[u8]) -> Vec<String> {
    let s = String::from_utf8_lossy(data);
    let mut v: Vec<String> = s.split('\n').map(str::to_owned).collect();
    if v.last().is_some_and(String::is_empty) {
        v.pop();
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_times() {
        assert_eq!(human(0), "0");
        assert_eq!(human(4096), "4.0K");
        assert_eq!(human(1536), "1.5K");
        assert_eq!(human(12 * 1024 * 1024 + 1), "13M");
        assert_eq!(human(62_725_623_808), "59G");
        let now = crate::ports::ManualClock::DEFAULT_START;
        assert_eq!(ls_time(now, now), "Nov 28 09:00");
        assert_eq!(ls_time(now - 400 * 86_400 * SECOND, now), "Oct 24  2025");
        assert_eq!(tm(now).6, 6);
    }
}
