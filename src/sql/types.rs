//! Column types: how MySQL names them (`int(11)` on 5.7, `int` on 8.0), and how a value is
//! converted to fit one in strict mode (`'42'` into an `INT` is 42; a string too long for a
//! `VARCHAR` is an error).

use super::error::SqlError;
use super::value::{parse_number_prefix, Decimal, Value};
use super::version::Series;

/// The integer widths.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntKind {
    /// `TINYINT` (1 byte).
    Tiny,
    /// `SMALLINT` (2 bytes).
    Small,
    /// `MEDIUMINT` (3 bytes).
    Medium,
    /// `INT` (4 bytes).
    Int,
    /// `BIGINT` (8 bytes).
    Big,
}

impl IntKind {
    fn name(self) -> &'static str {
        match self {
            IntKind::Tiny => "tinyint",
            IntKind::Small => "smallint",
            IntKind::Medium => "mediumint",
            IntKind::Int => "int",
            IntKind::Big => "bigint",
        }
    }

    /// The display width 5.7 shows when none was given (`int(11)`).
    pub fn default_width(self, unsigned: bool) -> u32 {
        let w = match self {
            IntKind::Tiny => 4,
            IntKind::Small => 6,
            IntKind::Medium => 9,
            IntKind::Int => 11,
            IntKind::Big => 20,
        };
        if unsigned && self != IntKind::Big {
            w - 1
        } else {
            w
        }
    }

    /// The range a value must fall in.
    pub fn range(self, unsigned: bool) -> (i64, i64) {
        match (self, unsigned) {
            (IntKind::Tiny, false) => (-128, 127),
            (IntKind::Tiny, true) => (0, 255),
            (IntKind::Small, false) => (-32_768, 32_767),
            (IntKind::Small, true) => (0, 65_535),
            (IntKind::Medium, false) => (-8_388_608, 8_388_607),
            (IntKind::Medium, true) => (0, 16_777_215),
            (IntKind::Int, false) => (-2_147_483_648, 2_147_483_647),
            (IntKind::Int, true) => (0, 4_294_967_295),
            (IntKind::Big, false) => (i64::MIN, i64::MAX),
            (IntKind::Big, true) => (0, i64::MAX),
        }
    }
}

/// The text types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// `TINYTEXT` (255 bytes).
    Tiny,
    /// `TEXT` (64 KiB).
    Text,
    /// `MEDIUMTEXT` (16 MiB).
    Medium,
    /// `LONGTEXT` (4 GiB).
    Long,
    /// `BLOB` (64 KiB, shown as `blob`).
    Blob,
}

impl TextKind {
    fn name(self) -> &'static str {
        match self {
            TextKind::Tiny => "tinytext",
            TextKind::Text => "text",
            TextKind::Medium => "mediumtext",
            TextKind::Long => "longtext",
            TextKind::Blob => "blob",
        }
    }

    fn max_bytes(self) -> usize {
        match self {
            TextKind::Tiny => 255,
            TextKind::Text | TextKind::Blob => 65_535,
            TextKind::Medium => 16_777_215,
            TextKind::Long => usize::MAX,
        }
    }
}

/// A column's type.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnType {
    /// The integer types (`BOOLEAN` is `TINYINT(1)`).
    Int {
        kind: IntKind,
        unsigned: bool,
        width: Option<u32>,
    },
    /// `DECIMAL(p, s)`.
    Decimal {
        precision: u8,
        scale: u8,
        unsigned: bool,
    },
    /// `FLOAT`.
    Float { unsigned: bool },
    /// `DOUBLE`.
    Double { unsigned: bool },
    /// `CHAR(n)`.
    Char(u32),
    /// `VARCHAR(n)`.
    Varchar(u32),
    /// `TEXT` and friends.
    Text(TextKind),
    /// `DATE`.
    Date,
    /// `DATETIME`.
    DateTime,
    /// `TIMESTAMP`.
    Timestamp,
    /// `TIME`.
    Time,
    /// `YEAR`.
    Year,
    /// `ENUM('a', 'b')`.
    Enum(Vec<String>),
}

impl ColumnType {
    /// `INT` as written without options.
    pub fn int() -> ColumnType {
        ColumnType::Int {
            kind: IntKind::Int,
            unsigned: false,
            width: None,
        }
    }

    /// The type as `DESCRIBE` and `SHOW CREATE TABLE` print it.
    pub fn sql_name(&self, series: Series) -> String {
        match self {
            ColumnType::Int {
                kind,
                unsigned,
                width,
            } => {
                let shown = if series.is_57() {
                    Some(width.unwrap_or_else(|| kind.default_width(*unsigned)))
                } else if *kind == IntKind::Tiny && *width == Some(1) {
                    Some(1)
                } else {
                    None
                };
                let mut s = kind.name().to_owned();
                if let Some(w) = shown {
                    s.push_str(&format!("({w})"));
                }
                if *unsigned {
                    s.push_str(" unsigned");
                }
                s
            }
            ColumnType::Decimal {
                precision,
                scale,
                unsigned,
            } => format!(
                "decimal({precision},{scale}){}",
                if *unsigned { " unsigned" } else { "" }
            ),
            ColumnType::Float { unsigned } => {
                format!("float{}", if *unsigned { " unsigned" } else { "" })
            }
            ColumnType::Double { unsigned } => {
                format!("double{}", if *unsigned { " unsigned" } else { "" })
            }
            ColumnType::Char(n) => format!("char({n})"),
            ColumnType::Varchar(n) => format!("varchar({n})"),
            ColumnType::Text(k) => k.name().to_owned(),
            ColumnType::Date => "date".into(),
            ColumnType::DateTime => "datetime".into(),
            ColumnType::Timestamp => "timestamp".into(),
            ColumnType::Time => "time".into(),
            ColumnType::Year => {
                if series.is_57() {
                    "year(4)".into()
                } else {
                    "year".into()
                }
            }
            ColumnType::Enum(items) => {
                let quoted: Vec<String> = items
                    .iter()
                    .map(|i| format!("'{}'", i.replace('\'', "''")))
                    .collect();
                format!("enum({})", quoted.join(","))
            }
        }
    }

    /// Whether the client right-aligns its values (MySQL's `IS_NUM`).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            ColumnType::Int { .. }
                | ColumnType::Decimal { .. }
                | ColumnType::Float { .. }
                | ColumnType::Double { .. }
                | ColumnType::Year
        )
    }

    /// Whether it can count (`AUTO_INCREMENT`).
    pub fn is_integer(&self) -> bool {
        matches!(self, ColumnType::Int { .. })
    }

    /// `TEXT`/`BLOB`: no default, no key without a prefix length.
    pub fn is_blob(&self) -> bool {
        matches!(self, ColumnType::Text(_))
    }

    /// Whether it holds a date or time.
    pub fn is_temporal(&self) -> bool {
        matches!(
            self,
            ColumnType::Date | ColumnType::DateTime | ColumnType::Timestamp | ColumnType::Time
        )
    }

    /// Converts a non-NULL value to what the column stores, or the strict-mode error.
    /// `row` is 1-based, as in MySQL's messages.
    pub fn store(&self, v: &Value, column: &str, row: usize) -> Result<Value, SqlError> {
        match self {
            ColumnType::Int { kind, unsigned, .. } => {
                let n = match v {
                    Value::Int(i) => *i,
                    Value::Decimal(_) | Value::Double(_) => {
                        let f = v.to_f64();
                        if !f.is_finite() || !(-9.3e18..=9.3e18).contains(&f) {
                            return Err(SqlError::out_of_range(column, row));
                        }
                        v.to_i64()
                    }
                    Value::Str(s) => {
                        let (f, whole) = parse_number_prefix(s);
                        if !whole {
                            return Err(if s.trim().is_empty() || !starts_numeric(s) {
                                SqlError::incorrect_value("integer", s, column, row)
                            } else {
                                SqlError::data_truncated(column, row)
                            });
                        }
                        if !(-9.3e18..=9.3e18).contains(&f) {
                            return Err(SqlError::out_of_range(column, row));
                        }
                        f.round() as i64
                    }
                    Value::Null => return Ok(Value::Null),
                };
                let (lo, hi) = kind.range(*unsigned);
                if n < lo || n > hi {
                    return Err(SqlError::out_of_range(column, row));
                }
                Ok(Value::Int(n))
            }
            ColumnType::Decimal {
                precision,
                scale,
                unsigned,
            } => {
                let d = match v {
                    Value::Int(i) => Decimal::from_i64(*i),
                    Value::Decimal(d) => *d,
                    Value::Double(f) => {
                        Decimal::from_f64(*f).ok_or_else(|| SqlError::out_of_range(column, row))?
                    }
                    Value::Str(s) => match Decimal::parse(s) {
                        Some(d) => d,
                        None => {
                            let (f, whole) = parse_number_prefix(s);
                            if whole {
                                Decimal::from_f64(f)
                                    .ok_or_else(|| SqlError::out_of_range(column, row))?
                            } else if s.trim().is_empty() || !starts_numeric(s) {
                                return Err(SqlError::incorrect_value("decimal", s, column, row));
                            } else {
                                return Err(SqlError::data_truncated(column, row));
                            }
                        }
                    },
                    Value::Null => return Ok(Value::Null),
                };
                let d = d.rescale(*scale);
                let max_int = u32::from(precision.saturating_sub(*scale));
                let int_zero = d.to_f64().abs() < 1.0;
                if (!int_zero && d.int_digits() > max_int) || (*unsigned && d.is_negative()) {
                    return Err(SqlError::out_of_range(column, row));
                }
                Ok(Value::Decimal(d))
            }
            ColumnType::Float { unsigned } | ColumnType::Double { unsigned } => {
                let f = match v {
                    Value::Str(s) => {
                        let (f, whole) = parse_number_prefix(s);
                        if !whole {
                            return Err(if s.trim().is_empty() || !starts_numeric(s) {
                                SqlError::incorrect_value("double", s, column, row)
                            } else {
                                SqlError::data_truncated(column, row)
                            });
                        }
                        f
                    }
                    other => other.to_f64(),
                };
                if *unsigned && f < 0.0 {
                    return Err(SqlError::out_of_range(column, row));
                }
                if matches!(self, ColumnType::Float { .. }) {
                    let single = f as f32;
                    if !single.is_finite() {
                        return Err(SqlError::out_of_range(column, row));
                    }
                    // FLOAT keeps about six significant digits; store what it shows.
                    let shown = format!("{single}").parse::<f64>().unwrap_or(f);
                    Ok(Value::Double(shown))
                } else {
                    Ok(Value::Double(f))
                }
            }
            ColumnType::Char(n) | ColumnType::Varchar(n) => {
                let s = v.display();
                let s = if matches!(self, ColumnType::Char(_)) {
                    s.trim_end_matches(' ').to_owned()
                } else {
                    s
                };
                if s.len() > *n as usize {
                    return Err(SqlError::data_too_long(column, row));
                }
                Ok(Value::Str(s))
            }
            ColumnType::Text(kind) => {
                let s = v.display();
                if s.len() > kind.max_bytes() {
                    return Err(SqlError::data_too_long(column, row));
                }
                Ok(Value::Str(s))
            }
            ColumnType::Date => match parse_datetime(&temporal_text(v)) {
                Some(dt) => Ok(Value::Str(dt.date())),
                None => Err(SqlError::incorrect_temporal(
                    "date",
                    &v.display(),
                    column,
                    row,
                )),
            },
            ColumnType::DateTime | ColumnType::Timestamp => {
                let bad = || SqlError::incorrect_temporal("datetime", &v.display(), column, row);
                let dt = parse_datetime(&temporal_text(v)).ok_or_else(bad)?;
                if matches!(self, ColumnType::Timestamp) && !dt.fits_timestamp() {
                    return Err(bad());
                }
                Ok(Value::Str(dt.datetime()))
            }
            ColumnType::Time => match parse_time(&temporal_text(v)) {
                Some(t) => Ok(Value::Str(t)),
                None => Err(SqlError::incorrect_temporal(
                    "time",
                    &v.display(),
                    column,
                    row,
                )),
            },
            ColumnType::Year => {
                let n = match v {
                    Value::Str(s) => {
                        let (f, whole) = parse_number_prefix(s);
                        if !whole {
                            return Err(SqlError::incorrect_value("integer", s, column, row));
                        }
                        let n = f.round() as i64;
                        if s.trim().len() <= 2 && n < 70 {
                            n + 2000
                        } else if s.trim().len() <= 2 {
                            n + 1900
                        } else {
                            n
                        }
                    }
                    other => {
                        let n = other.to_i64();
                        match n {
                            1..=69 => n + 2000,
                            70..=99 => n + 1900,
                            _ => n,
                        }
                    }
                };
                if n != 0 && !(1901..=2155).contains(&n) {
                    return Err(SqlError::out_of_range(column, row));
                }
                Ok(Value::Int(n))
            }
            ColumnType::Enum(items) => {
                let found = match v {
                    Value::Int(i) if *i >= 1 => items.get(*i as usize - 1).cloned(),
                    other => {
                        let s = other.display();
                        items
                            .iter()
                            .find(|item| super::value::compare_text(item, &s).is_eq())
                            .cloned()
                    }
                };
                found
                    .map(Value::Str)
                    .ok_or_else(|| SqlError::data_truncated(column, row))
            }
        }
    }
}

fn starts_numeric(s: &str) -> bool {
    let t = s.trim_start();
    let t = t.strip_prefix(['+', '-']).unwrap_or(t);
    t.starts_with(|c: char| c.is_ascii_digit())
        || (t.starts_with('.') && t[1..].starts_with(|c: char| c.is_ascii_digit()))
}

fn temporal_text(v: &Value) -> String {
    v.display()
}

/// A calendar date and time of day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateTime {
    /// Year (1000–9999).
    pub year: i64,
    /// Month (1–12).
    pub month: u32,
    /// Day (1–31).
    pub day: u32,
    /// Hour (0–23).
    pub hour: u32,
    /// Minute.
    pub minute: u32,
    /// Second.
    pub second: u32,
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl DateTime {
    /// `YYYY-MM-DD`.
    pub fn date(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// `YYYY-MM-DD HH:MM:SS`.
    pub fn datetime(&self) -> String {
        format!(
            "{} {:02}:{:02}:{:02}",
            self.date(),
            self.hour,
            self.minute,
            self.second
        )
    }

    /// Whether a `TIMESTAMP` can hold it (1970-01-01 00:00:01 to 2038-01-19 03:14:07 UTC).
    pub fn fits_timestamp(&self) -> bool {
        let s = self.datetime();
        ("1970-01-01 00:00:01"..="2038-01-19 03:14:07").contains(&s.as_str())
    }

    /// Days since 1970-01-01.
    pub fn days(&self) -> i64 {
        let (y, m, d) = (self.year, i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y.rem_euclid(400);
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Seconds since the epoch.
    pub fn epoch_seconds(&self) -> i64 {
        self.days() * 86_400
            + i64::from(self.hour) * 3600
            + i64::from(self.minute) * 60
            + i64::from(self.second)
    }

    /// The date and time `secs` seconds after the epoch.
    pub fn from_epoch_seconds(secs: i64) -> DateTime {
        let (y, m, d, h, mi, s, _) =
            crate::daemon::events::civil(secs.saturating_mul(crate::ports::SECOND));
        DateTime {
            year: y,
            month: m,
            day: d,
            hour: h,
            minute: mi,
            second: s,
        }
    }
}

/// Reads a date or date-time the way MySQL accepts them: `2024-01-15`, `2024/1/15`,
/// `20240115`, `2024-01-15 10:30:00`, `2024-01-15T10:30`, `20240115103000`.
pub fn parse_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (year, month, day, rest) = if s.bytes().all(|b| b.is_ascii_digit()) {
        match s.len() {
            8 | 14 => (
                s[0..4].parse().ok()?,
                s[4..6].parse().ok()?,
                s[6..8].parse().ok()?,
                &s[8..],
            ),
            6 | 12 => {
                let yy: i64 = s[0..2].parse().ok()?;
                (
                    if yy < 70 { 2000 + yy } else { 1900 + yy },
                    s[2..4].parse().ok()?,
                    s[4..6].parse().ok()?,
                    &s[6..],
                )
            }
            _ => return None,
        }
    } else {
        let mut parts = Vec::new();
        let mut i = 0;
        let b = s.as_bytes();
        // Date: three numbers separated by punctuation.
        for n in 0..3 {
            let st = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            if i == st {
                return None;
            }
            parts.push(&s[st..i]);
            if n < 2 {
                if i >= b.len() || !b[i].is_ascii_punctuation() {
                    return None;
                }
                i += 1;
            }
        }
        let y: i64 = parts[0].parse().ok()?;
        let y = if parts[0].len() <= 2 {
            if y < 70 {
                2000 + y
            } else {
                1900 + y
            }
        } else {
            y
        };
        (y, parts[1].parse().ok()?, parts[2].parse().ok()?, &s[i..])
    };
    let (hour, minute, second) = parse_time_part(rest)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if !(1000..=9999).contains(&year) {
        return None;
    }
    Some(DateTime {
        year,
        month,
        day,
        hour,
        minute,
        second,
    })
}

fn parse_time_part(rest: &str) -> Option<(u32, u32, u32)> {
    let rest = rest.trim_start_matches(['T', ' ']);
    if rest.is_empty() {
        return Some((0, 0, 0));
    }
    if rest.bytes().all(|b| b.is_ascii_digit()) && rest.len() == 6 {
        let h = rest[0..2].parse().ok()?;
        let m = rest[2..4].parse().ok()?;
        let s = rest[4..6].parse().ok()?;
        return (h < 24 && m < 60 && s < 60).then_some((h, m, s));
    }
    let main = rest.split('.').next()?;
    let mut it = main.split(':');
    let h: u32 = it.next()?.trim().parse().ok()?;
    let m: u32 = it.next().unwrap_or("0").trim().parse().ok()?;
    let s: u32 = it.next().unwrap_or("0").trim().parse().ok()?;
    if it.next().is_some() || h > 23 || m > 59 || s > 59 {
        return None;
    }
    Some((h, m, s))
}

/// Reads a time of day or duration: `10:30`, `10:30:15`, `103015`, `-12:00:00`.
pub fn parse_time(s: &str) -> Option<String> {
    let s = s.trim();
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (h, m, sec) = if body.bytes().all(|b| b.is_ascii_digit()) && !body.is_empty() {
        let n: u64 = body.parse().ok()?;
        (n / 10_000, (n / 100) % 100, n % 100)
    } else {
        let main = body.split('.').next()?;
        let mut it = main.split(':');
        let h: u64 = it.next()?.parse().ok()?;
        let m: u64 = it.next()?.parse().ok()?;
        let s: u64 = it.next().unwrap_or("0").parse().ok()?;
        if it.next().is_some() {
            return None;
        }
        (h, m, s)
    };
    if m > 59 || sec > 59 || h > 838 {
        return None;
    }
    Some(format!(
        "{}{h:02}:{m:02}:{sec:02}",
        if neg { "-" } else { "" }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(ty: ColumnType, v: Value, expected: &str) {
        let got = match ty.store(&v, "c", 1) {
            Ok(v) => v.display(),
            Err(e) => e.to_string(),
        };
        assert_eq!(got, expected, "{ty:?} <- {v:?}");
    }

    fn s(x: &str) -> Value {
        Value::text(x)
    }

    #[test]
    #[rustfmt::skip]
    fn storing() {
        let int = ColumnType::int;
        check(int(), s("42"), "42");
        check(int(), s(" 7 "), "7");
        check(int(), s("4.6"), "5");
        check(int(), s("abc"), "ERROR 1366 (HY000): Incorrect integer value: 'abc' for column 'c' at row 1");
        check(int(), s(""), "ERROR 1366 (HY000): Incorrect integer value: '' for column 'c' at row 1");
        check(int(), s("12abc"), "ERROR 1265 (01000): Data truncated for column 'c' at row 1");
        check(int(), Value::Int(3_000_000_000), "ERROR 1264 (22003): Out of range value for column 'c' at row 1");
        check(ColumnType::Int { kind: IntKind::Tiny, unsigned: true, width: None }, Value::Int(-1), "ERROR 1264 (22003): Out of range value for column 'c' at row 1");
        check(ColumnType::Varchar(5), s("hello"), "hello");
        check(ColumnType::Varchar(5), s("hello!"), "ERROR 1406 (22001): Data too long for column 'c' at row 1");
        check(ColumnType::Varchar(5), Value::Int(123), "123");
        check(ColumnType::Char(3), s("ab "), "ab");
        check(ColumnType::Decimal { precision: 5, scale: 2, unsigned: false }, s("3.14159"), "3.14");
        check(ColumnType::Decimal { precision: 5, scale: 2, unsigned: false }, Value::Int(1234), "ERROR 1264 (22003): Out of range value for column 'c' at row 1");
        check(ColumnType::Decimal { precision: 5, scale: 2, unsigned: false }, Value::Int(12), "12.00");
        check(ColumnType::Float { unsigned: false }, s("1.1"), "1.1");
        check(ColumnType::Double { unsigned: false }, Value::Int(2), "2");
        check(ColumnType::Date, s("2024-1-5"), "2024-01-05");
        check(ColumnType::Date, s("20240105"), "2024-01-05");
        check(ColumnType::Date, s("2024-02-30"), "ERROR 1292 (22007): Incorrect date value: '2024-02-30' for column 'c' at row 1");
        check(ColumnType::Date, s("2024-01-05 10:00:00"), "2024-01-05");
        check(ColumnType::DateTime, s("2024-01-05"), "2024-01-05 00:00:00");
        check(ColumnType::DateTime, s("2024-01-05 9:30"), "2024-01-05 09:30:00");
        check(ColumnType::DateTime, s("yesterday"), "ERROR 1292 (22007): Incorrect datetime value: 'yesterday' for column 'c' at row 1");
        check(ColumnType::Timestamp, s("1960-01-01"), "ERROR 1292 (22007): Incorrect datetime value: '1960-01-01' for column 'c' at row 1");
        check(ColumnType::Time, s("9:05"), "09:05:00");
        check(ColumnType::Year, Value::Int(24), "2024");
        check(ColumnType::Enum(vec!["M".into(), "F".into()]), s("f"), "F");
        check(ColumnType::Enum(vec!["M".into(), "F".into()]), s("X"), "ERROR 1265 (01000): Data truncated for column 'c' at row 1");
    }

    #[test]
    #[rustfmt::skip]
    fn names() {
        let n = |t: ColumnType, s: Series| t.sql_name(s);
        assert_eq!(n(ColumnType::int(), Series::V57), "int(11)");
        assert_eq!(n(ColumnType::int(), Series::V80), "int");
        assert_eq!(n(ColumnType::Int { kind: IntKind::Int, unsigned: true, width: None }, Series::V57), "int(10) unsigned");
        assert_eq!(n(ColumnType::Int { kind: IntKind::Tiny, unsigned: false, width: Some(1) }, Series::V80), "tinyint(1)");
        assert_eq!(n(ColumnType::Int { kind: IntKind::Big, unsigned: false, width: None }, Series::V57), "bigint(20)");
        assert_eq!(n(ColumnType::Enum(vec!["a".into(), "b'c".into()]), Series::V57), "enum('a','b''c')");
        assert_eq!(n(ColumnType::Year, Series::V80), "year");
    }

    #[test]
    fn epoch_round_trip() {
        let dt = parse_datetime("2026-11-28 09:00:00").expect("date");
        assert_eq!(DateTime::from_epoch_seconds(dt.epoch_seconds()), dt);
    }
}
