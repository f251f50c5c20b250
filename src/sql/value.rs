//! SQL values and MySQL's rules for them: exact decimals, string-to-number conversion,
//! comparison (case-insensitive strings, numbers compared as numbers), and the text the
//! client receives.

use crate::collections::SmallSort;
use std::cmp::Ordering;

/// MySQL's `div_precision_increment`: `/` adds four decimal places.
pub const DIV_PRECISION: u8 = 4;

/// The largest scale a decimal keeps.
const MAX_SCALE: u8 = 30;

/// An exact fixed-point number: `mantissa / 10^scale`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decimal {
    mantissa: i128,
    scale: u8,
}

fn pow10(n: u8) -> i128 {
    10i128.checked_pow(u32::from(n)).unwrap_or(i128::MAX)
}

impl Decimal {
    /// `mantissa / 10^scale`.
    pub fn new(mantissa: i128, scale: u8) -> Decimal {
        Decimal {
            mantissa,
            scale: scale.min(MAX_SCALE),
        }
    }

    /// An integer as a decimal with no fraction.
    pub fn from_i64(v: i64) -> Decimal {
        Decimal::new(i128::from(v), 0)
    }

    /// Parses `-12.50`; `None` if it is not a plain decimal number.
    pub fn parse(s: &str) -> Option<Decimal> {
        let s = s.trim();
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s.strip_prefix('+').unwrap_or(s)),
        };
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        if (int.is_empty() && frac.is_empty())
            || !int.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let frac = if frac.len() > usize::from(MAX_SCALE) {
            &frac[..usize::from(MAX_SCALE)]
        } else {
            frac
        };
        let digits = format!("{int}{frac}");
        let digits = digits.trim_start_matches('0');
        if digits.len() > 38 {
            return None;
        }
        let m: i128 = if digits.is_empty() {
            0
        } else {
            digits.parse().ok()?
        };
        Some(Decimal::new(if neg { -m } else { m }, frac.len() as u8))
    }

    /// The number of digits after the point.
    pub fn scale(&self) -> u8 {
        self.scale
    }

    /// The digits before the point (`123.45` → 3).
    pub fn int_digits(&self) -> u32 {
        let int = (self.mantissa / pow10(self.scale)).unsigned_abs();
        if int == 0 {
            1
        } else {
            int.ilog10() + 1
        }
    }

    /// Whether it is below zero.
    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// Rounded (half away from zero) or padded to `scale` places.
    pub fn rescale(&self, scale: u8) -> Decimal {
        let scale = scale.min(MAX_SCALE);
        match scale.cmp(&self.scale) {
            Ordering::Equal => *self,
            Ordering::Greater => Decimal::new(
                self.mantissa.saturating_mul(pow10(scale - self.scale)),
                scale,
            ),
            Ordering::Less => {
                let div = pow10(self.scale - scale);
                let q = self.mantissa / div;
                let r = self.mantissa % div;
                let q = if r.abs() * 2 >= div {
                    q + self.mantissa.signum()
                } else {
                    q
                };
                Decimal::new(q, scale)
            }
        }
    }

    /// Cut (toward zero) or padded to `scale` places.
    pub fn truncate_to(&self, scale: u8) -> Decimal {
        let scale = scale.min(MAX_SCALE);
        if scale >= self.scale {
            return self.rescale(scale);
        }
        Decimal::new(self.mantissa / pow10(self.scale - scale), scale)
    }

    /// Rounded to an integer, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        i64::try_from(self.rescale(0).mantissa).ok()
    }

    /// As a float.
    pub fn to_f64(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    fn aligned(a: Decimal, b: Decimal) -> (i128, i128, u8) {
        let s = a.scale.max(b.scale);
        (a.rescale(s).mantissa, b.rescale(s).mantissa, s)
    }

    /// `a + b`.
    pub fn checked_add(self, b: Decimal) -> Option<Decimal> {
        let (x, y, s) = Decimal::aligned(self, b);
        Some(Decimal::new(x.checked_add(y)?, s))
    }

    /// `a - b`.
    pub fn checked_sub(self, b: Decimal) -> Option<Decimal> {
        let (x, y, s) = Decimal::aligned(self, b);
        Some(Decimal::new(x.checked_sub(y)?, s))
    }

    /// `a * b`.
    pub fn checked_mul(self, b: Decimal) -> Option<Decimal> {
        let m = self.mantissa.checked_mul(b.mantissa)?;
        let s = self.scale.saturating_add(b.scale);
        if s > MAX_SCALE {
            let extra = s - MAX_SCALE;
            let wide = Decimal {
                mantissa: m / pow10(extra - 1),
                scale: MAX_SCALE + 1,
            };
            return Some(wide.rescale(MAX_SCALE));
        }
        Some(Decimal::new(m, s))
    }

    /// `a / b` with `scale(a) + 4` places; `None` when `b` is zero.
    pub fn checked_div(self, b: Decimal) -> Option<Decimal> {
        if b.mantissa == 0 {
            return None;
        }
        let scale = (self.scale + DIV_PRECISION).min(MAX_SCALE);
        // result = a/b, computed as (a.m * 10^(scale + b.s - a.s + 1)) / b.m, then rounded.
        let shift = i32::from(scale) + i32::from(b.scale) - i32::from(self.scale) + 1;
        let num = if shift >= 0 {
            self.mantissa
                .checked_mul(pow10(u8::try_from(shift).ok()?))?
        } else {
            self.mantissa / pow10(u8::try_from(-shift).ok()?)
        };
        let q = num / b.mantissa;
        Some(
            Decimal {
                mantissa: q,
                scale: scale + 1,
            }
            .rescale(scale),
        )
    }

    /// Compares two decimals by value.
    pub fn cmp_value(&self, b: &Decimal) -> Ordering {
        let (x, y, _) = Decimal::aligned(*self, *b);
        x.cmp(&y)
    }

    /// The exact decimal a double prints as (its shortest round-trip text), if it fits.
    pub fn from_f64(f: f64) -> Option<Decimal> {
        if !f.is_finite() {
            return None;
        }
        Decimal::parse(&format!("{f}"))
    }

    /// Without trailing fractional zeros (for grouping keys).
    pub fn normalized(&self) -> Decimal {
        let mut d = *self;
        while d.scale > 0 && d.mantissa % 10 == 0 {
            d = Decimal::new(d.mantissa / 10, d.scale - 1);
        }
        d
    }
}

impl std::fmt::Display for Decimal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        let digits = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int, frac) = digits.split_at(digits.len() - scale);
        if neg {
            f.write_str("-")?;
        }
        f.write_str(int)?;
        if scale > 0 {
            write!(f, ".{frac}")?;
        }
        Ok(())
    }
}

/// Indices `0..n` in the stable order `cmp` gives. Every sort of the engine goes through
/// this one routine: a sort per element type would each add kilobytes to the page.
pub fn sorted_indices(n: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.small_sort_by(|a, b| cmp(*a, *b));
    idx
}

/// Sorts `v` stably with `cmp` (through [`sorted_indices`]).
pub fn sort_by_dyn<T>(v: &mut Vec<T>, cmp: &dyn Fn(&T, &T) -> Ordering) {
    let order = sorted_indices(v.len(), &|a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    for i in order {
        if let Some(x) = slots.get_mut(i).and_then(Option::take) {
            v.push(x);
        }
    }
}

/// A set of grouping keys, kept sorted (a `BTreeSet` per key type would add kilobytes).
#[derive(Clone, Debug, Default)]
pub struct KeySet {
    keys: Vec<Vec<String>>,
}

impl KeySet {
    /// Adds `key`; whether it was new.
    pub fn insert(&mut self, key: Vec<String>) -> bool {
        match self.keys.binary_search(&key) {
            Ok(_) => false,
            Err(i) => {
                self.keys.insert(i, key);
                true
            }
        }
    }

    /// Where `key` sits in first-seen numbering, adding it (numbered `next`) if new.
    pub fn position_or_insert(
        &mut self,
        key: Vec<String>,
        numbers: &mut Vec<usize>,
        next: usize,
    ) -> usize {
        match self.keys.binary_search(&key) {
            Ok(i) => numbers[i],
            Err(i) => {
                self.keys.insert(i, key);
                numbers.insert(i, next);
                next
            }
        }
    }
}

/// A value in a row or an expression.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// SQL `NULL`.
    Null,
    /// A whole number.
    Int(i64),
    /// An exact number with a fraction.
    Decimal(Decimal),
    /// An approximate number.
    Double(f64),
    /// Text (also dates and times, kept in their canonical text form).
    Str(String),
}

/// MySQL's reading of a string as a number: leading spaces, sign, digits, fraction,
/// exponent; whatever follows is ignored. Returns the number and whether the whole string
/// (bar surrounding spaces) was a number.
pub fn parse_number_prefix(s: &str) -> (f64, bool) {
    let t = s.trim_start();
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let digits_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let mut any = i > digits_start;
    if i < b.len() && b[i] == b'.' {
        let j = i + 1;
        let mut k = j;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k > j || any {
            any |= k > j;
            i = k;
        }
    }
    if any && i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut k = i + 1;
        if k < b.len() && (b[k] == b'+' || b[k] == b'-') {
            k += 1;
        }
        let e = k;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k > e {
            i = k;
        }
    }
    if !any {
        return (0.0, false);
    }
    let v = t[..i].parse::<f64>().unwrap_or(0.0);
    (v, t[i..].trim().is_empty())
}

/// Formats a double the way MySQL sends it: the shortest text that reads back the same,
/// with an exponent for very large or very small magnitudes.
pub fn format_double(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    if !v.is_finite() {
        return "NULL".into();
    }
    let a = v.abs();
    if !(1e-4..1e15).contains(&a) {
        // Rust writes `1e20`, `1.5e-7`, as MySQL does.
        return format!("{v:e}");
    }
    format!("{v}")
}

impl Value {
    /// Whether this is `NULL`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// A string value.
    pub fn text(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    /// Whether it is a number (not a string, not NULL).
    pub fn is_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Decimal(_) | Value::Double(_))
    }

    /// As a float (strings by their numeric prefix, NULL as 0).
    pub fn to_f64(&self) -> f64 {
        match self {
            Value::Null => 0.0,
            Value::Int(i) => *i as f64,
            Value::Decimal(d) => d.to_f64(),
            Value::Double(f) => *f,
            Value::Str(s) => parse_number_prefix(s).0,
        }
    }

    /// As an integer, rounded half away from zero (strings by their numeric prefix).
    pub fn to_i64(&self) -> i64 {
        match self {
            Value::Int(i) => *i,
            Value::Decimal(d) => {
                d.to_i64()
                    .unwrap_or(if d.is_negative() { i64::MIN } else { i64::MAX })
            }
            other => {
                let f = other.to_f64().round();
                if f >= i64::MAX as f64 {
                    i64::MAX
                } else if f <= i64::MIN as f64 {
                    i64::MIN
                } else {
                    f as i64
                }
            }
        }
    }

    /// As an exact decimal when it is one (integers and decimals), else `None`.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Int(i) => Some(Decimal::from_i64(*i)),
            Value::Decimal(d) => Some(*d),
            _ => None,
        }
    }

    /// SQL truth: `None` for NULL, else whether it is non-zero.
    pub fn truth(&self) -> Option<bool> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(*i != 0),
            Value::Decimal(d) => Some(d.cmp_value(&Decimal::from_i64(0)) != Ordering::Equal),
            other => Some(other.to_f64() != 0.0),
        }
    }

    /// A boolean as MySQL returns it: 1 or 0.
    pub fn from_bool(b: bool) -> Value {
        Value::Int(i64::from(b))
    }

    /// The text the client receives (`None` for NULL).
    pub fn to_text(&self) -> Option<String> {
        match self {
            Value::Null => None,
            Value::Int(i) => Some(i.to_string()),
            Value::Decimal(d) => Some(d.to_string()),
            Value::Double(f) => Some(format_double(*f)),
            Value::Str(s) => Some(s.clone()),
        }
    }

    /// The text, with NULL as the word `NULL` (for messages).
    pub fn display(&self) -> String {
        self.to_text().unwrap_or_else(|| "NULL".into())
    }

    /// Compares two non-NULL values MySQL's way: numbers as numbers, strings without regard
    /// to case or trailing spaces, a string against a number as two doubles. `None` when
    /// either side is NULL.
    pub fn compare(&self, other: &Value) -> Option<Ordering> {
        match (self, other) {
            (Value::Null, _) | (_, Value::Null) => None,
            (Value::Str(a), Value::Str(b)) => Some(compare_text(a, b)),
            (a, b) => {
                if let (Some(x), Some(y)) = (a.as_decimal(), b.as_decimal()) {
                    return Some(x.cmp_value(&y));
                }
                a.to_f64()
                    .partial_cmp(&b.to_f64())
                    .or(Some(Ordering::Equal))
            }
        }
    }

    /// A key under which equal values (by [`Value::compare`]) group together.
    pub fn group_key(&self) -> String {
        match self {
            Value::Null => "\u{0}N".into(),
            Value::Str(s) => format!("s{}", fold_text(s)),
            Value::Int(i) => format!("n{i}"),
            Value::Decimal(d) => format!("n{}", d.normalized()),
            Value::Double(f) => match Decimal::parse(&format!("{f}")) {
                Some(d) => format!("n{}", d.normalized()),
                None => format!("n{f}"),
            },
        }
    }
}

/// Case-folded text without trailing spaces: what a `_ci` collation compares.
pub fn fold_text(s: &str) -> String {
    s.trim_end_matches(' ').to_ascii_lowercase()
}

/// Compares two strings as MySQL's default collations do: case-insensitively, trailing
/// spaces ignored.
pub fn compare_text(a: &str, b: &str) -> Ordering {
    fold_text(a).cmp(&fold_text(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(got: impl std::fmt::Display, expected: &str) {
        assert_eq!(got.to_string(), expected);
    }

    fn d(s: &str) -> Decimal {
        Decimal::parse(s).expect("decimal")
    }

    #[test]
    #[rustfmt::skip]
    fn decimals() {
        check(d("1.50"), "1.50");
        check(d("-0.5"), "-0.5");
        check(d(".5"), "0.5");
        check(d("007"), "7");
        check(d("1").checked_div(d("3")).expect("div"), "0.3333");
        check(d("10").checked_div(d("4")).expect("div"), "2.5000");
        check(d("2").checked_div(d("3")).expect("div"), "0.6667");
        check(d("-2").checked_div(d("3")).expect("div"), "-0.6667");
        check(d("1.5").checked_div(d("0.5")).expect("div"), "3.00000");
        check(d("1.25").checked_mul(d("2")).expect("mul"), "2.50");
        check(d("1.25").checked_add(d("2.5")).expect("add"), "3.75");
        check(d("2.5").rescale(0), "3");
        check(d("-2.5").rescale(0), "-3");
        check(d("2.449").rescale(2), "2.45");
        check(d("3").rescale(2), "3.00");
        assert!(d("1").checked_div(d("0")).is_none());
        assert!(Decimal::parse("1.2.3").is_none());
        assert!(Decimal::parse("abc").is_none());
        assert_eq!(d("123.45").int_digits(), 3);
    }

    #[test]
    #[rustfmt::skip]
    fn numbers_from_strings() {
        check(format!("{:?}", parse_number_prefix("42")), "(42.0, true)");
        check(format!("{:?}", parse_number_prefix(" 4.5 ")), "(4.5, true)");
        check(format!("{:?}", parse_number_prefix("12abc")), "(12.0, false)");
        check(format!("{:?}", parse_number_prefix("abc")), "(0.0, false)");
        check(format!("{:?}", parse_number_prefix("1e3")), "(1000.0, true)");
        check(format!("{:?}", parse_number_prefix("")), "(0.0, false)");
        check(format_double(0.1 + 0.2), "0.30000000000000004");
        check(format_double(43.0), "43");
        check(format_double(1e20), "1e20");
    }

    #[test]
    fn comparisons() {
        use Ordering::*;
        let s = |x: &str| Value::text(x);
        assert_eq!(s("abc").compare(&s("ABC ")), Some(Equal));
        assert_eq!(s("a").compare(&s("b")), Some(Less));
        assert_eq!(Value::Int(10).compare(&s("9")), Some(Greater));
        assert_eq!(
            Value::Int(2).compare(&Value::Decimal(d("2.00"))),
            Some(Equal)
        );
        assert_eq!(Value::Null.compare(&Value::Int(1)), None);
        assert_eq!(
            Value::Int(1).group_key(),
            Value::Decimal(d("1.0")).group_key()
        );
        assert_eq!(s("Bob").group_key(), s("bob").group_key());
    }
}
