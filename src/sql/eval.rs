//! Evaluating expressions: MySQL's arithmetic (exact decimals, `/` with four more places,
//! division by zero is NULL), three-valued logic, `LIKE`, a small `REGEXP`, and the built-in
//! functions a course uses (`CONCAT`, `NOW()`, `DATE_FORMAT`, `IFNULL`, `ROUND`…).

use std::cell::{Cell, RefCell};
use std::cmp::Ordering;

use super::ast::{BinOp, CastType, Expr};
use super::error::SqlError;
use super::exec::Session;
use super::server::Server;
use super::types::{parse_datetime, parse_time, DateTime};
use super::value::{compare_text, format_double, parse_number_prefix, Decimal, Value};

/// What an expression can see besides its row: the server, the connection, the clock.
pub struct Env<'a> {
    /// The server (version, host name, variables).
    pub server: &'a Server,
    /// The connection (current database, user, last insert id, user variables).
    pub session: &'a Session,
    /// Now, in nanoseconds since the epoch (UTC: the containers' `SYSTEM` time zone).
    pub now: i64,
    /// State of `RAND()` and `UUID()`, advanced on each call.
    pub random: Cell<u64>,
    /// Warnings raised while evaluating (`Division by 0`), for `SHOW WARNINGS`.
    pub warnings: RefCell<Vec<(u16, String)>>,
}

impl<'a> Env<'a> {
    /// An environment for one statement.
    pub fn new(server: &'a Server, session: &'a Session, now: i64) -> Env<'a> {
        let seed = (now as u64) ^ session.id().wrapping_mul(0x9E37_79B9_7F4A_7C15);
        Env {
            server,
            session,
            now,
            random: Cell::new(seed),
            warnings: RefCell::new(Vec::new()),
        }
    }

    fn next_random(&self) -> u64 {
        let mut z = self.random.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.random.set(z);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Now as a calendar date-time.
    pub fn now_datetime(&self) -> DateTime {
        DateTime::from_epoch_seconds(self.now.div_euclid(1_000_000_000))
    }
}

type R = Result<Value, SqlError>;

/// Evaluates `e` against `row` (values by slot) and `aggs` (aggregate results by slot).
pub fn eval(e: &Expr, env: &Env<'_>, row: &[Value], aggs: &[Value]) -> R {
    match e {
        Expr::Literal(v) => Ok(v.clone()),
        Expr::Slot(i) => Ok(row.get(*i).cloned().unwrap_or(Value::Null)),
        Expr::AggSlot(i) => Ok(aggs.get(*i).cloned().unwrap_or(Value::Null)),
        Expr::Column { name, .. } => Err(SqlError::unknown_column(name, "field list")),
        Expr::Neg(x) => {
            let v = eval(x, env, row, aggs)?;
            Ok(match v {
                Value::Null => Value::Null,
                Value::Int(i) => match i.checked_neg() {
                    Some(n) => Value::Int(n),
                    None => return Err(SqlError::value_out_of_range("BIGINT", &format!("-({i})"))),
                },
                Value::Decimal(d) => Decimal::from_i64(0)
                    .checked_sub(d)
                    .map(Value::Decimal)
                    .unwrap_or(Value::Null),
                other => Value::Double(-other.to_f64()),
            })
        }
        Expr::Not(x) => {
            let v = eval(x, env, row, aggs)?;
            Ok(match v.truth() {
                None => Value::Null,
                Some(b) => Value::from_bool(!b),
            })
        }
        Expr::Binary(op, a, b) => binary(*op, a, b, env, row, aggs),
        Expr::Is {
            expr,
            negated,
            truth,
        } => {
            let v = eval(expr, env, row, aggs)?;
            let r = match truth {
                None => v.is_null(),
                Some(t) => v.truth() == Some(*t),
            };
            Ok(Value::from_bool(r != *negated))
        }
        Expr::In {
            expr,
            list,
            negated,
        } => {
            let v = eval(expr, env, row, aggs)?;
            if v.is_null() {
                return Ok(Value::Null);
            }
            let mut saw_null = false;
            for item in list {
                let w = eval(item, env, row, aggs)?;
                match v.compare(&w) {
                    Some(Ordering::Equal) => return Ok(Value::from_bool(!negated)),
                    None => saw_null = true,
                    _ => {}
                }
            }
            if saw_null {
                Ok(Value::Null)
            } else {
                Ok(Value::from_bool(*negated))
            }
        }
        Expr::Between {
            expr,
            low,
            high,
            negated,
        } => {
            let v = eval(expr, env, row, aggs)?;
            let lo = eval(low, env, row, aggs)?;
            let hi = eval(high, env, row, aggs)?;
            let ge = v.compare(&lo).map(|o| o != Ordering::Less);
            let le = v.compare(&hi).map(|o| o != Ordering::Greater);
            Ok(match (ge, le) {
                (Some(false), _) | (_, Some(false)) => Value::from_bool(*negated),
                (Some(true), Some(true)) => Value::from_bool(!negated),
                _ => Value::Null,
            })
        }
        Expr::Like {
            expr,
            pattern,
            negated,
        } => {
            let v = eval(expr, env, row, aggs)?;
            let p = eval(pattern, env, row, aggs)?;
            if v.is_null() || p.is_null() {
                return Ok(Value::Null);
            }
            Ok(Value::from_bool(
                like(&v.display(), &p.display()) != *negated,
            ))
        }
        Expr::Regexp {
            expr,
            pattern,
            negated,
        } => {
            let v = eval(expr, env, row, aggs)?;
            let p = eval(pattern, env, row, aggs)?;
            if v.is_null() || p.is_null() {
                return Ok(Value::Null);
            }
            let m = regex_match(
                &p.display().to_ascii_lowercase(),
                &v.display().to_ascii_lowercase(),
            )
            .ok_or_else(|| SqlError {
                code: 1139,
                state: "42000",
                message: "Got error 'invalid pattern' from regexp".into(),
            })?;
            Ok(Value::from_bool(m != *negated))
        }
        Expr::Function { name, args, .. } => function(name, args, env, row, aggs),
        Expr::Case {
            operand,
            whens,
            otherwise,
        } => {
            let op = match operand {
                Some(o) => Some(eval(o, env, row, aggs)?),
                None => None,
            };
            for (w, t) in whens {
                let wv = eval(w, env, row, aggs)?;
                let hit = match &op {
                    Some(o) => matches!(o.compare(&wv), Some(Ordering::Equal)),
                    None => wv.truth() == Some(true),
                };
                if hit {
                    return eval(t, env, row, aggs);
                }
            }
            match otherwise {
                Some(x) => eval(x, env, row, aggs),
                None => Ok(Value::Null),
            }
        }
        Expr::Cast(x, t) => {
            let v = eval(x, env, row, aggs)?;
            Ok(cast(v, *t))
        }
        Expr::UserVar(name) => Ok(env.session.user_var(name).cloned().unwrap_or(Value::Null)),
        Expr::SysVar(name) => super::exec::system_variable(env.server, env.session, name)
            .ok_or_else(|| SqlError::unknown_system_variable(name)),
        Expr::Default => Ok(Value::Null),
        Expr::Interval(n, _) => eval(n, env, row, aggs),
        Expr::InSelect { .. } | Expr::Subquery(_) | Expr::Exists(_) => {
            Err(SqlError::not_supported("correlated subqueries"))
        }
    }
}

fn cast(v: Value, t: CastType) -> Value {
    if v.is_null() {
        return v;
    }
    match t {
        CastType::Signed => Value::Int(match &v {
            Value::Str(s) => parse_number_prefix(s).0.trunc() as i64,
            other => other.to_i64(),
        }),
        CastType::Unsigned => Value::Int(v.to_i64().max(0)),
        CastType::Char => Value::Str(v.display()),
        CastType::Double => Value::Double(v.to_f64()),
        CastType::Decimal(_, s) => {
            let d = match &v {
                Value::Int(i) => Some(Decimal::from_i64(*i)),
                Value::Decimal(d) => Some(*d),
                other => Decimal::from_f64(other.to_f64()),
            };
            d.map(|d| Value::Decimal(d.rescale(s)))
                .unwrap_or(Value::Null)
        }
        CastType::Date => parse_datetime(&v.display())
            .map(|d| Value::Str(d.date()))
            .unwrap_or(Value::Null),
        CastType::DateTime => parse_datetime(&v.display())
            .map(|d| Value::Str(d.datetime()))
            .unwrap_or(Value::Null),
    }
}

fn binary(op: BinOp, a: &Expr, b: &Expr, env: &Env<'_>, row: &[Value], aggs: &[Value]) -> R {
    match op {
        BinOp::And => {
            let l = eval(a, env, row, aggs)?.truth();
            if l == Some(false) {
                return Ok(Value::Int(0));
            }
            let r = eval(b, env, row, aggs)?.truth();
            return Ok(match (l, r) {
                (_, Some(false)) => Value::Int(0),
                (Some(true), Some(true)) => Value::Int(1),
                _ => Value::Null,
            });
        }
        BinOp::Or => {
            let l = eval(a, env, row, aggs)?.truth();
            if l == Some(true) {
                return Ok(Value::Int(1));
            }
            let r = eval(b, env, row, aggs)?.truth();
            return Ok(match (l, r) {
                (_, Some(true)) => Value::Int(1),
                (Some(false), Some(false)) => Value::Int(0),
                _ => Value::Null,
            });
        }
        BinOp::Xor => {
            let l = eval(a, env, row, aggs)?.truth();
            let r = eval(b, env, row, aggs)?.truth();
            return Ok(match (l, r) {
                (Some(x), Some(y)) => Value::from_bool(x != y),
                _ => Value::Null,
            });
        }
        _ => {}
    }
    // Date arithmetic: `d + INTERVAL n unit`, `d - INTERVAL n unit`.
    if let (BinOp::Add | BinOp::Sub, Expr::Interval(n, unit)) = (op, b) {
        let d = eval(a, env, row, aggs)?;
        let n = eval(n, env, row, aggs)?;
        let sign = if op == BinOp::Sub { -1 } else { 1 };
        return Ok(add_interval(&d, &n, unit, sign));
    }
    if let (BinOp::Add, Expr::Interval(n, unit)) = (op, a) {
        let d = eval(b, env, row, aggs)?;
        let n = eval(n, env, row, aggs)?;
        return Ok(add_interval(&d, &n, unit, 1));
    }
    let l = eval(a, env, row, aggs)?;
    let r = eval(b, env, row, aggs)?;
    if matches!(op, BinOp::Div | BinOp::IntDiv | BinOp::Mod)
        && !l.is_null()
        && r.truth() == Some(false)
    {
        // ERROR_FOR_DIVISION_BY_ZERO: a warning in queries (an error in strict writes).
        env.warnings
            .borrow_mut()
            .push((1365, "Division by 0".into()));
    }
    apply(op, l, r)
}

/// Applies a comparison or arithmetic operator to two values.
pub fn apply(op: BinOp, l: Value, r: Value) -> R {
    let cmp = |f: fn(Ordering) -> bool| -> R {
        Ok(match l.compare(&r) {
            None => Value::Null,
            Some(o) => Value::from_bool(f(o)),
        })
    };
    match op {
        BinOp::Eq => cmp(|o| o == Ordering::Equal),
        BinOp::Ne => cmp(|o| o != Ordering::Equal),
        BinOp::Lt => cmp(|o| o == Ordering::Less),
        BinOp::Le => cmp(|o| o != Ordering::Greater),
        BinOp::Gt => cmp(|o| o == Ordering::Greater),
        BinOp::Ge => cmp(|o| o != Ordering::Less),
        BinOp::NullSafeEq => Ok(Value::from_bool(match (l.is_null(), r.is_null()) {
            (true, true) => true,
            (false, false) => l.compare(&r) == Some(Ordering::Equal),
            _ => false,
        })),
        _ => arith(op, l, r),
    }
}

fn op_text(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "+",
        BinOp::Sub => "-",
        BinOp::Mul => "*",
        BinOp::Div => "/",
        BinOp::IntDiv => "DIV",
        BinOp::Mod => "%",
        _ => "?",
    }
}

fn arith(op: BinOp, l: Value, r: Value) -> R {
    if l.is_null() || r.is_null() {
        return Ok(Value::Null);
    }
    let overflow = || {
        SqlError::value_out_of_range(
            "BIGINT",
            &format!("({} {} {})", l.display(), op_text(op), r.display()),
        )
    };
    if let (Some(x), Some(y)) = (l.as_decimal(), r.as_decimal()) {
        let both_int = matches!((&l, &r), (Value::Int(_), Value::Int(_)));
        if both_int {
            let (a, b) = (l.to_i64(), r.to_i64());
            match op {
                BinOp::Add => return a.checked_add(b).map(Value::Int).ok_or_else(overflow),
                BinOp::Sub => return a.checked_sub(b).map(Value::Int).ok_or_else(overflow),
                BinOp::Mul => return a.checked_mul(b).map(Value::Int).ok_or_else(overflow),
                BinOp::IntDiv => {
                    return Ok(if b == 0 {
                        Value::Null
                    } else {
                        a.checked_div(b).map(Value::Int).unwrap_or(Value::Null)
                    })
                }
                BinOp::Mod => {
                    return Ok(if b == 0 {
                        Value::Null
                    } else {
                        a.checked_rem(b).map(Value::Int).unwrap_or(Value::Int(0))
                    })
                }
                _ => {}
            }
        }
        let res = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            BinOp::Div => return Ok(x.checked_div(y).map(Value::Decimal).unwrap_or(Value::Null)),
            BinOp::IntDiv => {
                return match x.checked_div(y) {
                    None => Ok(Value::Null),
                    Some(q) => q
                        .truncate_to(0)
                        .to_i64()
                        .map(Value::Int)
                        .ok_or_else(overflow),
                };
            }
            BinOp::Mod => {
                if y.to_f64() == 0.0 {
                    return Ok(Value::Null);
                }
                let q = (x.to_f64() / y.to_f64()).trunc();
                let prod =
                    y.checked_mul(Decimal::parse(&format!("{q}")).unwrap_or(Decimal::from_i64(0)));
                prod.and_then(|p| x.checked_sub(p))
            }
            _ => None,
        };
        return res.map(Value::Decimal).ok_or_else(overflow);
    }
    let (a, b) = (l.to_f64(), r.to_f64());
    let v = match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => {
            if b == 0.0 {
                return Ok(Value::Null);
            }
            a / b
        }
        BinOp::IntDiv => {
            if b == 0.0 {
                return Ok(Value::Null);
            }
            return Ok(Value::Int((a / b).trunc() as i64));
        }
        BinOp::Mod => {
            if b == 0.0 {
                return Ok(Value::Null);
            }
            a % b
        }
        _ => return Ok(Value::Null),
    };
    if !v.is_finite() {
        return Err(SqlError::value_out_of_range(
            "DOUBLE",
            &format!(
                "({} {} {})",
                format_double(a),
                op_text(op),
                format_double(b)
            ),
        ));
    }
    Ok(Value::Double(v))
}

/// SQL `LIKE`: `%` any run, `_` one character, `\` escapes; case-insensitive, as MySQL's
/// default collations compare.
pub fn like(text: &str, pattern: &str) -> bool {
    let t: Vec<char> = text.to_ascii_lowercase().chars().collect();
    let p: Vec<char> = pattern.to_ascii_lowercase().chars().collect();
    like_at(&t, &p)
}

fn like_at(t: &[char], p: &[char]) -> bool {
    match p.first() {
        None => t.is_empty(),
        Some('%') => (0..=t.len()).any(|i| like_at(&t[i..], &p[1..])),
        Some('_') => !t.is_empty() && like_at(&t[1..], &p[1..]),
        Some('\\') if p.len() > 1 => t.first() == Some(&p[1]) && like_at(&t[1..], &p[2..]),
        Some(c) => t.first() == Some(c) && like_at(&t[1..], &p[1..]),
    }
}

// ----- a small regular-expression matcher for REGEXP -----

#[derive(Clone, Debug)]
enum Atom {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Group(Vec<Vec<Piece>>),
    Start,
    End,
}

#[derive(Clone, Debug)]
struct Piece {
    atom: Atom,
    min: usize,
    max: usize,
}

fn parse_regex(p: &[char], i: &mut usize, depth: usize) -> Option<Vec<Vec<Piece>>> {
    if depth > 20 {
        return None;
    }
    let mut alts = vec![Vec::new()];
    while *i < p.len() {
        let c = p[*i];
        *i += 1;
        let atom = match c {
            '|' => {
                alts.push(Vec::new());
                continue;
            }
            ')' => {
                *i -= 1;
                return Some(alts);
            }
            '(' => {
                let g = parse_regex(p, i, depth + 1)?;
                if p.get(*i) != Some(&')') {
                    return None;
                }
                *i += 1;
                Atom::Group(g)
            }
            '.' => Atom::Any,
            '^' => Atom::Start,
            '$' => Atom::End,
            '[' => {
                let neg = p.get(*i) == Some(&'^');
                if neg {
                    *i += 1;
                }
                let mut ranges = Vec::new();
                let mut first = true;
                loop {
                    let c = *p.get(*i)?;
                    *i += 1;
                    if c == ']' && !first {
                        break;
                    }
                    first = false;
                    if p.get(*i) == Some(&'-') && p.get(*i + 1).is_some_and(|x| *x != ']') {
                        let hi = p[*i + 1];
                        *i += 2;
                        ranges.push((c, hi));
                    } else {
                        ranges.push((c, c));
                    }
                }
                Atom::Class(ranges, neg)
            }
            '\\' => {
                let c = *p.get(*i)?;
                *i += 1;
                Atom::Char(c)
            }
            '*' | '+' | '?' | '{' => return None,
            c => Atom::Char(c),
        };
        let (mut min, mut max) = (1, 1);
        match p.get(*i) {
            Some('*') => {
                *i += 1;
                (min, max) = (0, usize::MAX);
            }
            Some('+') => {
                *i += 1;
                (min, max) = (1, usize::MAX);
            }
            Some('?') => {
                *i += 1;
                (min, max) = (0, 1);
            }
            Some('{') => {
                let close = p[*i..].iter().position(|c| *c == '}')? + *i;
                let body: String = p[*i + 1..close].iter().collect();
                let (a, b) = match body.split_once(',') {
                    Some((a, "")) => (a.trim().parse().ok()?, usize::MAX),
                    Some((a, b)) => (a.trim().parse().ok()?, b.trim().parse().ok()?),
                    None => {
                        let n = body.trim().parse().ok()?;
                        (n, n)
                    }
                };
                *i = close + 1;
                (min, max) = (a, b);
            }
            _ => {}
        }
        if let Some(last) = alts.last_mut() {
            last.push(Piece { atom, min, max });
        }
    }
    Some(alts)
}

/// Steps a match may take before it gives up (a pathological pattern must not hang the
/// page).
const REGEX_BUDGET: u32 = 200_000;

type Cont<'k> = &'k mut dyn FnMut(usize) -> bool;

fn match_alts(alts: &[Vec<Piece>], t: &[char], pos: usize, b: &Cell<u32>, k: Cont<'_>) -> bool {
    alts.iter().any(|seq| match_seq(seq, t, pos, b, k))
}

fn match_seq(seq: &[Piece], t: &[char], pos: usize, b: &Cell<u32>, k: Cont<'_>) -> bool {
    let Some((first, rest)) = seq.split_first() else {
        return k(pos);
    };
    match_piece(first, 0, t, pos, b, &mut |p| match_seq(rest, t, p, b, k))
}

fn match_piece(
    piece: &Piece,
    count: usize,
    t: &[char],
    pos: usize,
    b: &Cell<u32>,
    k: Cont<'_>,
) -> bool {
    if b.get() == 0 {
        return false;
    }
    b.set(b.get() - 1);
    // Greedy: try one more repetition first. An empty repetition ends the loop.
    if count < piece.max
        && match_atom(&piece.atom, t, pos, b, &mut |p| {
            if p == pos {
                count + 1 >= piece.min && k(p)
            } else {
                match_piece(piece, count + 1, t, p, b, k)
            }
        })
    {
        return true;
    }
    count >= piece.min && k(pos)
}

fn match_atom(atom: &Atom, t: &[char], pos: usize, b: &Cell<u32>, k: Cont<'_>) -> bool {
    match atom {
        Atom::Char(c) => t.get(pos) == Some(c) && k(pos + 1),
        Atom::Any => pos < t.len() && k(pos + 1),
        Atom::Class(ranges, neg) => match t.get(pos) {
            Some(c) => {
                let inside = ranges.iter().any(|(a, b)| a <= c && c <= b);
                inside != *neg && k(pos + 1)
            }
            None => false,
        },
        Atom::Start => pos == 0 && k(pos),
        Atom::End => pos == t.len() && k(pos),
        Atom::Group(alts) => match_alts(alts, t, pos, b, k),
    }
}

/// Whether `pattern` (a POSIX-style extended regular expression) matches anywhere in
/// `text`; `None` for a pattern it cannot read.
pub fn regex_match(pattern: &str, text: &str) -> Option<bool> {
    let p: Vec<char> = pattern.chars().collect();
    let mut i = 0;
    let alts = parse_regex(&p, &mut i, 0)?;
    if i != p.len() {
        return None;
    }
    let t: Vec<char> = text.chars().collect();
    let budget = Cell::new(REGEX_BUDGET);
    Some((0..=t.len()).any(|start| match_alts(&alts, &t, start, &budget, &mut |_| true)))
}

// ----- dates -----

fn to_datetime(v: &Value) -> Option<DateTime> {
    match v {
        Value::Null => None,
        Value::Int(i) => parse_datetime(&i.to_string()),
        other => parse_datetime(&other.display()),
    }
}

fn add_months(d: DateTime, months: i64) -> Option<DateTime> {
    let total = (d.year * 12 + i64::from(d.month) - 1).checked_add(months)?;
    let year = total.div_euclid(12);
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let month = (total.rem_euclid(12) + 1) as u32;
    let dim = super::types::parse_datetime(&format!("{year:04}-{month:02}-01"))
        .map(|_| days_in(year, month))?;
    Some(DateTime {
        year,
        month,
        day: d.day.min(dim),
        ..d
    })
}

fn days_in(year: i64, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|d| parse_datetime(&format!("{year:04}-{month:02}-{d:02}")).is_some())
        .unwrap_or(28)
}

fn has_time(v: &Value) -> bool {
    v.display().trim().contains(':')
}

fn add_interval(d: &Value, n: &Value, unit: &str, sign: i64) -> Value {
    let Some(dt) = to_datetime(d) else {
        return Value::Null;
    };
    if n.is_null() {
        return Value::Null;
    }
    let amount = n.to_i64() * sign;
    let out = match unit {
        "MONTH" => add_months(dt, amount),
        "QUARTER" => add_months(dt, amount.saturating_mul(3)),
        "YEAR" => add_months(dt, amount.saturating_mul(12)),
        _ => {
            let secs = match unit {
                "SECOND" => amount,
                "MINUTE" => amount.saturating_mul(60),
                "HOUR" => amount.saturating_mul(3600),
                "DAY" => amount.saturating_mul(86_400),
                "WEEK" => amount.saturating_mul(7 * 86_400),
                _ => 0,
            };
            // Beyond year 9999 there is no date: NULL, as MySQL answers.
            let t = dt.epoch_seconds().saturating_add(secs);
            if !(-62_135_596_800..=253_402_300_799).contains(&t) {
                return Value::Null;
            }
            Some(DateTime::from_epoch_seconds(t))
        }
    };
    let Some(out) = out else {
        return Value::Null;
    };
    let with_time = has_time(d) || matches!(unit, "SECOND" | "MINUTE" | "HOUR");
    Value::Str(if with_time {
        out.datetime()
    } else {
        out.date()
    })
}

const MONTHS: [&str; 12] = [
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
const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// 0 = Monday.
fn weekday(d: &DateTime) -> usize {
    (d.days() + 3).rem_euclid(7) as usize
}

fn day_of_year(d: &DateTime) -> i64 {
    let jan1 = DateTime {
        month: 1,
        day: 1,
        ..*d
    };
    d.days() - jan1.days() + 1
}

fn date_format(d: &DateTime, fmt: &str) -> String {
    let mut out = String::new();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let Some(f) = chars.next() else { break };
        let h12 = if d.hour % 12 == 0 { 12 } else { d.hour % 12 };
        match f {
            'Y' => out.push_str(&format!("{:04}", d.year)),
            'y' => out.push_str(&format!("{:02}", d.year % 100)),
            'm' => out.push_str(&format!("{:02}", d.month)),
            'c' => out.push_str(&d.month.to_string()),
            'd' => out.push_str(&format!("{:02}", d.day)),
            'e' => out.push_str(&d.day.to_string()),
            'H' => out.push_str(&format!("{:02}", d.hour)),
            'k' => out.push_str(&d.hour.to_string()),
            'h' | 'I' => out.push_str(&format!("{h12:02}")),
            'l' => out.push_str(&h12.to_string()),
            'i' => out.push_str(&format!("{:02}", d.minute)),
            's' | 'S' => out.push_str(&format!("{:02}", d.second)),
            'f' => out.push_str("000000"),
            'p' => out.push_str(if d.hour < 12 { "AM" } else { "PM" }),
            'T' => out.push_str(&format!("{:02}:{:02}:{:02}", d.hour, d.minute, d.second)),
            'r' => out.push_str(&format!(
                "{h12:02}:{:02}:{:02} {}",
                d.minute,
                d.second,
                if d.hour < 12 { "AM" } else { "PM" }
            )),
            'M' => out.push_str(MONTHS[(d.month as usize + 11) % 12]),
            'b' => out.push_str(&MONTHS[(d.month as usize + 11) % 12][..3]),
            'W' => out.push_str(DAYS[weekday(d)]),
            'a' => out.push_str(&DAYS[weekday(d)][..3]),
            'w' => out.push_str(&((weekday(d) + 1) % 7).to_string()),
            'j' => out.push_str(&format!("{:03}", day_of_year(d))),
            'D' => {
                let suffix = match (d.day % 100, d.day % 10) {
                    (11..=13, _) => "th",
                    (_, 1) => "st",
                    (_, 2) => "nd",
                    (_, 3) => "rd",
                    _ => "th",
                };
                out.push_str(&format!("{}{suffix}", d.day));
            }
            other => out.push(other),
        }
    }
    out
}

// ----- functions -----

/// Whether `name` is a built-in (non-aggregate) function, and the argument counts it takes.
pub fn function_arity(name: &str) -> Option<(usize, usize)> {
    let n = usize::MAX;
    Some(match name {
        "NOW" | "SYSDATE" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP" => (0, 1),
        "CURDATE" | "CURRENT_DATE" | "CURTIME" | "CURRENT_TIME" | "UTC_DATE" | "UTC_TIME"
        | "UTC_TIMESTAMP" => (0, 1),
        "VERSION" | "DATABASE" | "SCHEMA" | "USER" | "SESSION_USER" | "SYSTEM_USER"
        | "CURRENT_USER" | "CONNECTION_ID" | "PI" | "UUID" | "ROW_COUNT" | "FOUND_ROWS" => (0, 0),
        "LAST_INSERT_ID" | "RAND" | "UNIX_TIMESTAMP" => (0, 1),
        "CONCAT" | "GREATEST" | "LEAST" | "COALESCE" => (1, n),
        "CONCAT_WS" => (2, n),
        "UPPER" | "UCASE" | "LOWER" | "LCASE" | "LENGTH" | "OCTET_LENGTH" | "CHAR_LENGTH"
        | "CHARACTER_LENGTH" | "LTRIM" | "RTRIM" | "REVERSE" | "ASCII" | "ABS" | "FLOOR"
        | "CEIL" | "CEILING" | "SQRT" | "SIGN" | "DATE" | "TIME" | "YEAR" | "MONTH" | "DAY"
        | "DAYOFMONTH" | "HOUR" | "MINUTE" | "SECOND" | "DAYNAME" | "MONTHNAME" | "DAYOFWEEK"
        | "DAYOFYEAR" | "WEEKDAY" | "LAST_DAY" | "ISNULL" | "SPACE" | "MD5" | "SHA1" | "SHA"
        | "PASSWORD" | "HEX" | "QUARTER" | "TO_DAYS" | "EXP" | "LN" => (1, 1),
        "LOG" | "ROUND" => (1, 2),
        "TRUNCATE" | "MOD" | "POW" | "POWER" | "IFNULL" | "NULLIF" | "LEFT" | "RIGHT"
        | "REPEAT" | "DATEDIFF" | "DATE_FORMAT" | "STRCMP" | "FORMAT" | "INSTR"
        | "FROM_UNIXTIME" => (2, 2),
        "SUBSTRING" | "SUBSTR" | "MID" | "LOCATE" => (2, 3),
        "REPLACE" | "IF" | "LPAD" | "RPAD" | "TIMESTAMPDIFF" => (3, 3),
        "TRIM" => (2, 3),
        "DATE_ADD" | "DATE_SUB" | "ADDDATE" | "SUBDATE" => (2, 2),
        "EXTRACT" => (2, 2),
        "|" | "&" => (2, 2),
        "~" => (1, 1),
        _ => return None,
    })
}

/// Whether `name` is an aggregate.
pub fn is_aggregate(name: &str) -> bool {
    matches!(
        name,
        "COUNT"
            | "SUM"
            | "AVG"
            | "MIN"
            | "MAX"
            | "GROUP_CONCAT"
            | "GROUP_CONCAT_SEP"
            | "STD"
            | "STDDEV"
            | "STDDEV_POP"
            | "VARIANCE"
            | "VAR_POP"
            | "BIT_AND"
            | "BIT_OR"
    )
}

fn arg(args: &[Expr], i: usize, env: &Env<'_>, row: &[Value], aggs: &[Value]) -> R {
    match args.get(i) {
        Some(e) => eval(e, env, row, aggs),
        None => Ok(Value::Null),
    }
}

fn text_fn(v: Value, f: impl FnOnce(String) -> String) -> Value {
    match v {
        Value::Null => Value::Null,
        other => Value::Str(f(other.display())),
    }
}

fn round_value(v: &Value, places: i64) -> Value {
    match v {
        Value::Null => Value::Null,
        Value::Int(i) if places >= 0 => Value::Int(*i),
        Value::Int(i) => {
            let p = 10i64
                .checked_pow((-places).min(18) as u32)
                .unwrap_or(i64::MAX);
            let r = ((*i as f64 / p as f64).round() as i64).saturating_mul(p);
            Value::Int(r)
        }
        Value::Decimal(d) => {
            let s = places.clamp(0, 30) as u8;
            if places < 0 {
                let p = 10f64.powi(-places as i32);
                return Value::Decimal(Decimal::from_i64(((d.to_f64() / p).round() * p) as i64));
            }
            Value::Decimal(d.rescale(s))
        }
        other => {
            let f = other.to_f64();
            let p = 10f64.powi(places.clamp(-30, 30) as i32);
            Value::Double((f * p).round() / p)
        }
    }
}

fn function(name: &str, args: &[Expr], env: &Env<'_>, row: &[Value], aggs: &[Value]) -> R {
    let a = |i: usize| arg(args, i, env, row, aggs);
    let now = env.now_datetime();
    Ok(match name {
        "NOW" | "SYSDATE" | "CURRENT_TIMESTAMP" | "LOCALTIME" | "LOCALTIMESTAMP"
        | "UTC_TIMESTAMP" => Value::Str(now.datetime()),
        "CURDATE" | "CURRENT_DATE" | "UTC_DATE" => Value::Str(now.date()),
        "CURTIME" | "CURRENT_TIME" | "UTC_TIME" => Value::Str(format!(
            "{:02}:{:02}:{:02}",
            now.hour, now.minute, now.second
        )),
        "UNIX_TIMESTAMP" => {
            if args.is_empty() {
                Value::Int(env.now.div_euclid(1_000_000_000))
            } else {
                match to_datetime(&a(0)?) {
                    Some(d) => Value::Int(d.epoch_seconds()),
                    None => Value::Null,
                }
            }
        }
        "FROM_UNIXTIME" => {
            let v = a(0)?;
            if v.is_null() {
                Value::Null
            } else {
                let d = DateTime::from_epoch_seconds(v.to_i64());
                let f = a(1)?;
                if f.is_null() {
                    Value::Str(d.datetime())
                } else {
                    Value::Str(date_format(&d, &f.display()))
                }
            }
        }
        "VERSION" => Value::Str(env.server.version().number().to_owned()),
        "DATABASE" | "SCHEMA" => match env.session.database() {
            Some(db) => Value::Str(db.to_owned()),
            None => Value::Null,
        },
        "USER" | "SESSION_USER" | "SYSTEM_USER" => Value::Str(env.session.user_at_host()),
        "CURRENT_USER" => Value::Str(env.session.account_name()),
        "CONNECTION_ID" => Value::Int(env.session.id() as i64),
        "LAST_INSERT_ID" => {
            if args.is_empty() {
                Value::Int(env.session.last_insert_id() as i64)
            } else {
                a(0)?
            }
        }
        "ROW_COUNT" | "FOUND_ROWS" => Value::Int(env.session.row_count()),
        "PI" => Value::Double(std::f64::consts::PI),
        "RAND" => Value::Double((env.next_random() >> 11) as f64 / (1u64 << 53) as f64),
        "UUID" => {
            let r = env.next_random();
            let t = (env.now / 100) as u64 + 0x01B2_1DD2_1381_4000;
            Value::Str(format!(
                "{:08x}-{:04x}-1{:03x}-{:04x}-{:012x}",
                t & 0xFFFF_FFFF,
                (t >> 32) & 0xFFFF,
                (t >> 48) & 0x0FFF,
                (r & 0x3FFF) | 0x8000,
                (r >> 16) & 0xFFFF_FFFF_FFFF
            ))
        }
        "CONCAT" => {
            let mut s = String::new();
            for i in 0..args.len() {
                match a(i)? {
                    Value::Null => return Ok(Value::Null),
                    v => s.push_str(&v.display()),
                }
            }
            Value::Str(s)
        }
        "CONCAT_WS" => {
            let sep = a(0)?;
            if sep.is_null() {
                return Ok(Value::Null);
            }
            let mut parts = Vec::new();
            for i in 1..args.len() {
                let v = a(i)?;
                if !v.is_null() {
                    parts.push(v.display());
                }
            }
            Value::Str(parts.join(&sep.display()))
        }
        "UPPER" | "UCASE" => text_fn(a(0)?, |s| s.to_ascii_uppercase()),
        "LOWER" | "LCASE" => text_fn(a(0)?, |s| s.to_ascii_lowercase()),
        "LENGTH" | "OCTET_LENGTH" | "CHAR_LENGTH" | "CHARACTER_LENGTH" => match a(0)? {
            Value::Null => Value::Null,
            // The client talks latin1 (no locale in the container): a byte is a character.
            v => Value::Int(v.display().len() as i64),
        },
        "LTRIM" => text_fn(a(0)?, |s| s.trim_start_matches(' ').to_owned()),
        "RTRIM" => text_fn(a(0)?, |s| s.trim_end_matches(' ').to_owned()),
        "TRIM" => {
            let mode = a(0)?.display();
            let v = a(1)?;
            let remove = if args.len() > 2 {
                a(2)?
            } else {
                Value::text(" ")
            };
            if v.is_null() || remove.is_null() {
                return Ok(Value::Null);
            }
            let r = remove.display();
            let mut s = v.display();
            if !r.is_empty() {
                if mode != "TRAILING" {
                    while let Some(rest) = s.strip_prefix(r.as_str()) {
                        s = rest.to_owned();
                    }
                }
                if mode != "LEADING" {
                    while let Some(rest) = s.strip_suffix(r.as_str()) {
                        s = rest.to_owned();
                    }
                }
            }
            Value::Str(s)
        }
        "REVERSE" => text_fn(a(0)?, |s| s.chars().rev().collect()),
        "SPACE" => match a(0)? {
            Value::Null => Value::Null,
            v => Value::Str(" ".repeat(v.to_i64().clamp(0, 1 << 20) as usize)),
        },
        "REPEAT" => {
            let (s, n) = (a(0)?, a(1)?);
            if s.is_null() || n.is_null() {
                Value::Null
            } else {
                Value::Str(s.display().repeat(n.to_i64().clamp(0, 1 << 16) as usize))
            }
        }
        "ASCII" => match a(0)? {
            Value::Null => Value::Null,
            v => Value::Int(v.display().bytes().next().map(i64::from).unwrap_or(0)),
        },
        "HEX" => match a(0)? {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Str(format!("{i:X}")),
            v => Value::Str(super::sha1::hex(v.display().as_bytes()).to_ascii_uppercase()),
        },
        "SUBSTRING" | "SUBSTR" | "MID" => {
            let (s, p) = (a(0)?, a(1)?);
            let len = if args.len() > 2 { Some(a(2)?) } else { None };
            if s.is_null() || p.is_null() || len.as_ref().is_some_and(Value::is_null) {
                return Ok(Value::Null);
            }
            let chars: Vec<char> = s.display().chars().collect();
            let n = chars.len() as i64;
            let pos = p.to_i64();
            let start = if pos > 0 {
                pos - 1
            } else if pos < 0 {
                n + pos
            } else {
                return Ok(Value::text(""));
            };
            if start < 0 || start >= n {
                return Ok(Value::text(""));
            }
            let count = len.map(|l| l.to_i64()).unwrap_or(n).max(0);
            let end = (start + count).min(n);
            Value::Str(chars[start as usize..end as usize].iter().collect())
        }
        "LEFT" | "RIGHT" => {
            let (s, n) = (a(0)?, a(1)?);
            if s.is_null() || n.is_null() {
                return Ok(Value::Null);
            }
            let chars: Vec<char> = s.display().chars().collect();
            let k = (n.to_i64().max(0) as usize).min(chars.len());
            Value::Str(if name == "LEFT" {
                chars[..k].iter().collect()
            } else {
                chars[chars.len() - k..].iter().collect()
            })
        }
        "LPAD" | "RPAD" => {
            let (s, n, pad) = (a(0)?, a(1)?, a(2)?);
            if s.is_null() || n.is_null() || pad.is_null() {
                return Ok(Value::Null);
            }
            let mut chars: Vec<char> = s.display().chars().collect();
            let want = n.to_i64().clamp(0, 1 << 16) as usize;
            let pad: Vec<char> = pad.display().chars().collect();
            if chars.len() >= want {
                chars.truncate(want);
            } else if pad.is_empty() {
                return Ok(Value::Null);
            } else {
                let fill: Vec<char> = pad
                    .iter()
                    .cycle()
                    .take(want - chars.len())
                    .copied()
                    .collect();
                if name == "LPAD" {
                    chars = fill.into_iter().chain(chars).collect();
                } else {
                    chars.extend(fill);
                }
            }
            Value::Str(chars.into_iter().collect())
        }
        "REPLACE" => {
            let (s, from, to) = (a(0)?, a(1)?, a(2)?);
            if s.is_null() || from.is_null() || to.is_null() {
                return Ok(Value::Null);
            }
            let from = from.display();
            if from.is_empty() {
                s
            } else {
                Value::Str(s.display().replace(&from, &to.display()))
            }
        }
        "INSTR" | "LOCATE" => {
            let (hay, needle) = if name == "INSTR" {
                (a(0)?, a(1)?)
            } else {
                (a(1)?, a(0)?)
            };
            if hay.is_null() || needle.is_null() {
                return Ok(Value::Null);
            }
            let from = if name == "LOCATE" && args.len() > 2 {
                (a(2)?.to_i64().max(1) - 1) as usize
            } else {
                0
            };
            let h: Vec<char> = hay.display().to_ascii_lowercase().chars().collect();
            let n: Vec<char> = needle.display().to_ascii_lowercase().chars().collect();
            let found = (from..=h.len().saturating_sub(n.len()))
                .find(|&i| h.get(i..i + n.len()) == Some(&n[..]))
                .filter(|_| from <= h.len());
            Value::Int(found.map(|i| i as i64 + 1).unwrap_or(0))
        }
        "STRCMP" => {
            let (x, y) = (a(0)?, a(1)?);
            if x.is_null() || y.is_null() {
                Value::Null
            } else {
                Value::Int(match compare_text(&x.display(), &y.display()) {
                    Ordering::Less => -1,
                    Ordering::Equal => 0,
                    Ordering::Greater => 1,
                })
            }
        }
        "FORMAT" => {
            let (x, d) = (a(0)?, a(1)?);
            if x.is_null() || d.is_null() {
                return Ok(Value::Null);
            }
            let places = d.to_i64().clamp(0, 30) as usize;
            let s = match Decimal::from_f64(x.to_f64()) {
                Some(d) => d.rescale(places as u8).to_string(),
                None => return Ok(Value::Null),
            };
            let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
            let (neg, digits) = match int.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, int),
            };
            let mut grouped = String::new();
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i) % 3 == 0 {
                    grouped.push(',');
                }
                grouped.push(c);
            }
            let mut out = format!("{}{grouped}", if neg { "-" } else { "" });
            if places > 0 {
                out.push('.');
                out.push_str(frac);
            }
            Value::Str(out)
        }
        "MD5" => return Err(SqlError::not_supported("MD5()")),
        "SHA1" | "SHA" => text_fn(a(0)?, |s| {
            super::sha1::hex(&super::sha1::sha1(s.as_bytes()))
        }),
        "PASSWORD" => text_fn(a(0)?, |s| super::sha1::native_password_hash(&s)),
        "ABS" => match a(0)? {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(i.saturating_abs()),
            Value::Decimal(d) if d.is_negative() => {
                Value::Decimal(Decimal::from_i64(0).checked_sub(d).unwrap_or(d))
            }
            Value::Decimal(d) => Value::Decimal(d),
            v => Value::Double(v.to_f64().abs()),
        },
        "SIGN" => match a(0)? {
            Value::Null => Value::Null,
            v => {
                let f = v.to_f64();
                Value::Int(if f > 0.0 {
                    1
                } else if f < 0.0 {
                    -1
                } else {
                    0
                })
            }
        },
        "FLOOR" | "CEIL" | "CEILING" => match a(0)? {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(i),
            v => {
                let f = v.to_f64();
                let r = if name == "FLOOR" { f.floor() } else { f.ceil() };
                if matches!(v, Value::Double(_) | Value::Str(_)) {
                    Value::Double(r)
                } else {
                    Value::Int(r as i64)
                }
            }
        },
        "ROUND" => {
            let v = a(0)?;
            let places = if args.len() > 1 { a(1)?.to_i64() } else { 0 };
            round_value(&v, places)
        }
        "TRUNCATE" => {
            let (v, d) = (a(0)?, a(1)?);
            if v.is_null() || d.is_null() {
                return Ok(Value::Null);
            }
            let places = d.to_i64().clamp(-30, 30);
            match v {
                Value::Int(i) if places >= 0 => Value::Int(i),
                Value::Decimal(x) if places >= 0 => Value::Decimal(x.truncate_to(places as u8)),
                other => {
                    let p = 10f64.powi(places as i32);
                    Value::Double((other.to_f64() * p).trunc() / p)
                }
            }
        }
        "MOD" => apply(BinOp::Mod, a(0)?, a(1)?)?,
        "POW" | "POWER" => {
            let (x, y) = (a(0)?, a(1)?);
            if x.is_null() || y.is_null() {
                Value::Null
            } else {
                Value::Double(x.to_f64().powf(y.to_f64()))
            }
        }
        "SQRT" | "EXP" | "LN" => match a(0)? {
            Value::Null => Value::Null,
            v => {
                let f = v.to_f64();
                let r = match name {
                    "SQRT" => f.sqrt(),
                    "EXP" => f.exp(),
                    _ => f.ln(),
                };
                if r.is_finite() {
                    Value::Double(r)
                } else {
                    Value::Null
                }
            }
        },
        "LOG" => {
            let x = a(0)?;
            if args.len() == 1 {
                let f = x.to_f64();
                if x.is_null() || f <= 0.0 {
                    Value::Null
                } else {
                    Value::Double(f.ln())
                }
            } else {
                let y = a(1)?;
                let (b, v) = (x.to_f64(), y.to_f64());
                if x.is_null() || y.is_null() || b <= 0.0 || b == 1.0 || v <= 0.0 {
                    Value::Null
                } else {
                    Value::Double(v.ln() / b.ln())
                }
            }
        }
        "GREATEST" | "LEAST" => {
            let mut best: Option<Value> = None;
            for i in 0..args.len() {
                let v = a(i)?;
                if v.is_null() {
                    return Ok(Value::Null);
                }
                best = Some(match best {
                    None => v,
                    Some(b) => {
                        let o = v.compare(&b).unwrap_or(Ordering::Equal);
                        let take = if name == "GREATEST" {
                            o == Ordering::Greater
                        } else {
                            o == Ordering::Less
                        };
                        if take {
                            v
                        } else {
                            b
                        }
                    }
                });
            }
            best.unwrap_or(Value::Null)
        }
        "IF" => {
            if a(0)?.truth() == Some(true) {
                a(1)?
            } else {
                a(2)?
            }
        }
        "IFNULL" => {
            let v = a(0)?;
            if v.is_null() {
                a(1)?
            } else {
                v
            }
        }
        "NULLIF" => {
            let (x, y) = (a(0)?, a(1)?);
            if x.compare(&y) == Some(Ordering::Equal) {
                Value::Null
            } else {
                x
            }
        }
        "COALESCE" => {
            for i in 0..args.len() {
                let v = a(i)?;
                if !v.is_null() {
                    return Ok(v);
                }
            }
            Value::Null
        }
        "ISNULL" => Value::from_bool(a(0)?.is_null()),
        "DATE" => match to_datetime(&a(0)?) {
            Some(d) => Value::Str(d.date()),
            None => Value::Null,
        },
        "TIME" => match a(0)? {
            Value::Null => Value::Null,
            v => match to_datetime(&v) {
                Some(d) if has_time(&v) => {
                    Value::Str(format!("{:02}:{:02}:{:02}", d.hour, d.minute, d.second))
                }
                _ => parse_time(&v.display())
                    .map(Value::Str)
                    .unwrap_or(Value::Null),
            },
        },
        "YEAR" | "MONTH" | "DAY" | "DAYOFMONTH" | "HOUR" | "MINUTE" | "SECOND" | "DAYOFWEEK"
        | "DAYOFYEAR" | "WEEKDAY" | "QUARTER" | "TO_DAYS" => match to_datetime(&a(0)?) {
            None => Value::Null,
            Some(d) => Value::Int(match name {
                "YEAR" => d.year,
                "MONTH" => i64::from(d.month),
                "DAY" | "DAYOFMONTH" => i64::from(d.day),
                "HOUR" => i64::from(d.hour),
                "MINUTE" => i64::from(d.minute),
                "SECOND" => i64::from(d.second),
                "DAYOFWEEK" => (weekday(&d) as i64 + 1) % 7 + 1,
                "DAYOFYEAR" => day_of_year(&d),
                "QUARTER" => i64::from(d.month.div_ceil(3)),
                "TO_DAYS" => d.days() + 719_528,
                _ => weekday(&d) as i64,
            }),
        },
        "DAYNAME" => match to_datetime(&a(0)?) {
            Some(d) => Value::text(DAYS[weekday(&d)]),
            None => Value::Null,
        },
        "MONTHNAME" => match to_datetime(&a(0)?) {
            Some(d) => Value::text(MONTHS[(d.month as usize + 11) % 12]),
            None => Value::Null,
        },
        "LAST_DAY" => match to_datetime(&a(0)?) {
            Some(d) => Value::Str(
                DateTime {
                    day: days_in(d.year, d.month),
                    ..d
                }
                .date(),
            ),
            None => Value::Null,
        },
        "DATE_FORMAT" => {
            let (d, f) = (a(0)?, a(1)?);
            match (to_datetime(&d), f.is_null()) {
                (Some(d), false) => Value::Str(date_format(&d, &f.display())),
                _ => Value::Null,
            }
        }
        "DATEDIFF" => match (to_datetime(&a(0)?), to_datetime(&a(1)?)) {
            (Some(x), Some(y)) => Value::Int(x.days() - y.days()),
            _ => Value::Null,
        },
        "TIMESTAMPDIFF" => {
            let unit = match &args.first() {
                Some(Expr::Column { name, .. }) => name.to_ascii_uppercase(),
                Some(Expr::Literal(v)) => v.display().to_ascii_uppercase(),
                _ => String::new(),
            };
            match (to_datetime(&a(1)?), to_datetime(&a(2)?)) {
                (Some(x), Some(y)) => {
                    let secs = y.epoch_seconds() - x.epoch_seconds();
                    let months = (y.year - x.year) * 12 + i64::from(y.month) - i64::from(x.month);
                    Value::Int(match unit.as_str() {
                        "SECOND" => secs,
                        "MINUTE" => secs / 60,
                        "HOUR" => secs / 3600,
                        "DAY" => secs / 86_400,
                        "WEEK" => secs / (7 * 86_400),
                        "MONTH" => months,
                        "QUARTER" => months / 3,
                        "YEAR" => months / 12,
                        _ => return Ok(Value::Null),
                    })
                }
                _ => Value::Null,
            }
        }
        "DATE_ADD" | "ADDDATE" | "DATE_SUB" | "SUBDATE" => {
            let d = a(0)?;
            let sign = if name == "DATE_SUB" || name == "SUBDATE" {
                -1
            } else {
                1
            };
            match args.get(1) {
                Some(Expr::Interval(n, unit)) => {
                    let n = eval(n, env, row, aggs)?;
                    add_interval(&d, &n, unit, sign)
                }
                Some(other) => {
                    let n = eval(other, env, row, aggs)?;
                    add_interval(&d, &n, "DAY", sign)
                }
                None => Value::Null,
            }
        }
        "EXTRACT" => {
            let unit = a(0)?.display();
            match to_datetime(&a(1)?) {
                Some(d) => Value::Int(match unit.as_str() {
                    "YEAR" => d.year,
                    "MONTH" => i64::from(d.month),
                    "DAY" => i64::from(d.day),
                    "HOUR" => i64::from(d.hour),
                    "MINUTE" => i64::from(d.minute),
                    "SECOND" => i64::from(d.second),
                    "QUARTER" => i64::from(d.month.div_ceil(3)),
                    "WEEK" => day_of_year(&d) / 7,
                    _ => 0,
                }),
                None => Value::Null,
            }
        }
        "|" | "&" => {
            let (x, y) = (a(0)?, a(1)?);
            if x.is_null() || y.is_null() {
                Value::Null
            } else {
                let (p, q) = (x.to_i64() as u64, y.to_i64() as u64);
                let r = if name == "|" { p | q } else { p & q };
                Value::Int(r as i64)
            }
        }
        "~" => match a(0)? {
            Value::Null => Value::Null,
            v => Value::Int(!(v.to_i64())),
        },
        other => {
            return Err(SqlError::no_such_function(
                env.session.database().unwrap_or(""),
                &other.to_ascii_lowercase(),
            ))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[rustfmt::skip]
    fn like_patterns() {
        let cases = [
            ("Alice", "a%", true), ("Alice", "%ICE", true), ("Bob", "_o_", true),
            ("Bob", "b_", false), ("50%", "50\\%", true), ("505", "50\\%", false),
            ("", "%", true), ("abc", "a%c%", true), ("abc", "", false),
        ];
        for (t, p, want) in cases {
            assert_eq!(like(t, p), want, "{t:?} LIKE {p:?}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn regexps() {
        let cases = [
            ("^a", "apple", Some(true)), ("^a", "banana", Some(false)), ("an+a$", "banana", Some(true)),
            ("[0-9]{3}", "ab123", Some(true)), ("[0-9]{3}", "ab12", Some(false)), ("cat|dog", "hotdog", Some(true)),
            ("^(ab)*$", "ababab", Some(true)), ("^(ab)*$", "aba", Some(false)), ("[^a-z]", "abc", Some(false)),
            ("a.c", "abc", Some(true)), ("(", "x", None), ("*a", "a", None),
        ];
        for (p, t, want) in cases {
            assert_eq!(regex_match(p, t), want, "{t:?} REGEXP {p:?}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn arithmetic() {
        let d = |s: &str| Value::Decimal(Decimal::parse(s).expect("decimal"));
        let check = |op, l, r, want: &str| {
            let got = match apply(op, l, r) { Ok(v) => v.display(), Err(e) => e.to_string() };
            assert_eq!(got, want);
        };
        check(BinOp::Add, Value::Int(1), Value::Int(1), "2");
        check(BinOp::Div, Value::Int(1), Value::Int(3), "0.3333");
        check(BinOp::Div, Value::Int(1), Value::Int(0), "NULL");
        check(BinOp::Mul, d("1.5"), Value::Int(2), "3.0");
        check(BinOp::Add, Value::text("42"), Value::Int(1), "43");
        check(BinOp::Mod, Value::Int(7), Value::Int(3), "1");
        check(BinOp::IntDiv, Value::Int(7), Value::Int(2), "3");
        check(BinOp::Add, Value::Int(i64::MAX), Value::Int(1), "ERROR 1690 (22003): BIGINT value is out of range in '(9223372036854775807 + 1)'");
        check(BinOp::Eq, Value::text("a"), Value::text("A"), "1");
        check(BinOp::Eq, Value::Null, Value::Int(1), "NULL");
        check(BinOp::NullSafeEq, Value::Null, Value::Null, "1");
    }

    #[test]
    fn date_formats() {
        let d = parse_datetime("2024-03-05 14:07:09").expect("date");
        assert_eq!(
            date_format(&d, "%Y/%m/%d %H:%i:%s %W %M %D %p %j"),
            "2024/03/05 14:07:09 Tuesday March 5th PM 065"
        );
        assert_eq!(
            add_interval(&Value::text("2024-01-31"), &Value::Int(1), "MONTH", 1).display(),
            "2024-02-29"
        );
        assert_eq!(
            add_interval(
                &Value::text("2024-01-31 10:00:00"),
                &Value::Int(2),
                "HOUR",
                -1
            )
            .display(),
            "2024-01-31 08:00:00"
        );
    }
}
