//! Shell arithmetic (`$((…))`, `((…))`, `let`): signed 64-bit integers with C's operators,
//! variables by name, assignments, `++`/`--`, `?:` and `,`. Overflow wraps, as in bash.

/// Variables as arithmetic sees them.
pub trait ArithVars {
    /// The value of a variable, if set.
    fn get(&self, name: &str) -> Option<String>;
    /// Assigns a variable.
    fn set(&mut self, name: &str, value: i64);
}

/// Why an expression failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ArithError {
    /// Division or remainder by zero.
    DivideByZero,
    /// A malformed expression; the text from the offending token on.
    Syntax(String),
}

impl ArithError {
    /// bash's wording (`division by 0 (error token is "0")`).
    pub fn bash_text(&self) -> String {
        match self {
            ArithError::DivideByZero => "division by 0".into(),
            ArithError::Syntax(t) if t.is_empty() => {
                "syntax error: operand expected (error token is \"\")".into()
            }
            ArithError::Syntax(t) => {
                format!("syntax error: invalid arithmetic operator (error token is \"{t}\")")
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "<<=", ">>=", "**", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=", "-=",
    "*=", "/=", "%=", "&=", "^=", "|=", "+", "-", "*", "/", "%", "<", ">", "&", "^", "|", "!", "~",
    "?", ":", "=", "(", ")", ",",
];

fn tokenize(s: &str) -> Result<Vec<(Tok, usize)>, ArithError> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < cs.len() {
        let c = cs[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        if c.is_ascii_digit() {
            let mut j = i;
            while j < cs.len() && (cs[j].is_ascii_alphanumeric() || cs[j] == '#') {
                j += 1;
            }
            let text: String = cs[i..j].iter().collect();
            let n = parse_number(&text).ok_or_else(|| ArithError::Syntax(rest(&cs, i)))?;
            out.push((Tok::Num(n), start));
            i = j;
            continue;
        }
        if c == '_' || c.is_ascii_alphabetic() {
            let mut j = i;
            while j < cs.len() && (cs[j] == '_' || cs[j].is_ascii_alphanumeric()) {
                j += 1;
            }
            out.push((Tok::Name(cs[i..j].iter().collect()), start));
            i = j;
            continue;
        }
        let Some(op) = OPS.iter().find(|op| {
            op.chars()
                .enumerate()
                .all(|(k, oc)| cs.get(i + k) == Some(&oc))
        }) else {
            return Err(ArithError::Syntax(rest(&cs, i)));
        };
        i += op.len();
        out.push((Tok::Op(op), start));
    }
    Ok(out)
}

fn rest(cs: &[char], i: usize) -> String {
    cs[i.min(cs.len())..].iter().collect()
}

/// Parses an integer constant: decimal, `0x` hex, leading-zero octal, `base#digits`.
pub fn parse_number(t: &str) -> Option<i64> {
    if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u64::from_str_radix(h, 16).ok().map(|v| v as i64);
    }
    if let Some((b, d)) = t.split_once('#') {
        let base: u32 = b.parse().ok()?;
        if !(2..=36).contains(&base) {
            return None;
        }
        return u64::from_str_radix(d, base).ok().map(|v| v as i64);
    }
    if t.len() > 1 && t.starts_with('0') {
        return u64::from_str_radix(&t[1..], 8).ok().map(|v| v as i64);
    }
    t.parse::<u64>().ok().map(|v| v as i64)
}

struct Eval<'a> {
    toks: Vec<(Tok, usize)>,
    pos: usize,
    src: &'a str,
    vars: &'a mut dyn ArithVars,
    /// When false, side effects and errors are suppressed (the untaken side of `&&`, `?:`).
    live: bool,
    depth: u32,
}

fn binary_prec(op: &str) -> Option<u8> {
    Some(match op {
        "||" => 1,
        "&&" => 2,
        "|" => 3,
        "^" => 4,
        "&" => 5,
        "==" | "!=" => 6,
        "<" | ">" | "<=" | ">=" => 7,
        "<<" | ">>" => 8,
        "+" | "-" => 9,
        "*" | "/" | "%" => 10,
        "**" => 11,
        _ => return None,
    })
}

impl Eval<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.pos).map(|t| &t.0)
    }

    fn err_here(&self) -> ArithError {
        let at = self.toks.get(self.pos).map_or(self.src.len(), |t| t.1);
        ArithError::Syntax(
            self.src
                .chars()
                .skip(at)
                .collect::<String>()
                .trim()
                .to_owned(),
        )
    }

    fn comma(&mut self) -> Result<i64, ArithError> {
        let mut v = self.assign()?;
        while self.peek() == Some(&Tok::Op(",")) {
            self.pos += 1;
            v = self.assign()?;
        }
        Ok(v)
    }

    fn var_value(&mut self, name: &str) -> Result<i64, ArithError> {
        let Some(v) = self.vars.get(name) else {
            return Ok(0);
        };
        let v = v.trim().to_owned();
        if v.is_empty() {
            return Ok(0);
        }
        if let Some(n) = parse_number(&v) {
            return Ok(n);
        }
        if let Some(n) = v.strip_prefix('-').and_then(parse_number) {
            return Ok(n.wrapping_neg());
        }
        if self.depth > 16 {
            return Err(ArithError::Syntax(v));
        }
        eval_depth(&v, self.vars, self.depth + 1)
    }

    fn assign(&mut self) -> Result<i64, ArithError> {
        if let (Some((Tok::Name(n), _)), Some((Tok::Op(op), _))) =
            (self.toks.get(self.pos), self.toks.get(self.pos + 1))
        {
            let (n, op) = (n.clone(), *op);
            if op.ends_with('=') && !matches!(op, "==" | "!=" | "<=" | ">=") {
                self.pos += 2;
                let rhs = self.assign()?;
                let v = if op == "=" {
                    rhs
                } else {
                    let cur = self.var_value(&n)?;
                    self.apply(&op[..op.len() - 1], cur, rhs)?
                };
                if self.live {
                    self.vars.set(&n, v);
                }
                return Ok(v);
            }
        }
        self.ternary()
    }

    fn ternary(&mut self) -> Result<i64, ArithError> {
        let c = self.binary(1)?;
        if self.peek() != Some(&Tok::Op("?")) {
            return Ok(c);
        }
        self.pos += 1;
        let live = self.live;
        self.live = live && c != 0;
        let a = self.assign()?;
        if self.peek() != Some(&Tok::Op(":")) {
            return Err(self.err_here());
        }
        self.pos += 1;
        self.live = live && c == 0;
        let b = self.assign()?;
        self.live = live;
        Ok(if c != 0 { a } else { b })
    }

    fn apply(&self, op: &str, a: i64, b: i64) -> Result<i64, ArithError> {
        Ok(match op {
            "+" => a.wrapping_add(b),
            "-" => a.wrapping_sub(b),
            "*" => a.wrapping_mul(b),
            "/" | "%" if b == 0 => {
                if self.live {
                    return Err(ArithError::DivideByZero);
                }
                0
            }
            "/" => a.wrapping_div(b),
            "%" => a.wrapping_rem(b),
            "**" => {
                if b < 0 {
                    return Err(ArithError::Syntax("exponent less than 0".into()));
                }
                a.wrapping_pow(b.min(u32::MAX as i64) as u32)
            }
            "<<" => a.wrapping_shl(b as u32),
            ">>" => a.wrapping_shr(b as u32),
            "<" => (a < b) as i64,
            ">" => (a > b) as i64,
            "<=" => (a <= b) as i64,
            ">=" => (a >= b) as i64,
            "==" => (a == b) as i64,
            "!=" => (a != b) as i64,
            "&" => a & b,
            "^" => a ^ b,
            "|" => a | b,
            "&&" => (a != 0 && b != 0) as i64,
            "||" => (a != 0 || b != 0) as i64,
            _ => return Err(ArithError::Syntax(op.into())),
        })
    }

    fn binary(&mut self, min: u8) -> Result<i64, ArithError> {
        let mut lhs = self.unary()?;
        while let Some(Tok::Op(op)) = self.peek() {
            let op = *op;
            let Some(prec) = binary_prec(op) else { break };
            if prec < min {
                break;
            }
            self.pos += 1;
            let live = self.live;
            if op == "&&" && lhs == 0 || op == "||" && lhs != 0 {
                self.live = false;
            }
            let next = if op == "**" { prec } else { prec + 1 };
            let rhs = self.binary(next)?;
            self.live = live;
            lhs = self.apply(op, lhs, rhs)?;
        }
        Ok(lhs)
    }

    fn unary(&mut self) -> Result<i64, ArithError> {
        match self.peek().cloned() {
            Some(Tok::Op(op @ ("++" | "--"))) => {
                self.pos += 1;
                let Some(Tok::Name(n)) = self.peek().cloned() else {
                    return Err(self.err_here());
                };
                self.pos += 1;
                let v = self.var_value(&n)? + if op == "++" { 1 } else { -1 };
                if self.live {
                    self.vars.set(&n, v);
                }
                Ok(v)
            }
            Some(Tok::Op(op @ ("-" | "+" | "!" | "~"))) => {
                self.pos += 1;
                let v = self.unary()?;
                Ok(match op {
                    "-" => v.wrapping_neg(),
                    "+" => v,
                    "!" => (v == 0) as i64,
                    _ => !v,
                })
            }
            _ => self.postfix(),
        }
    }

    fn postfix(&mut self) -> Result<i64, ArithError> {
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.pos += 1;
                Ok(n)
            }
            Some(Tok::Name(n)) => {
                self.pos += 1;
                let v = self.var_value(&n)?;
                if let Some(Tok::Op(op @ ("++" | "--"))) = self.peek().cloned() {
                    self.pos += 1;
                    if self.live {
                        self.vars.set(&n, v + if op == "++" { 1 } else { -1 });
                    }
                }
                Ok(v)
            }
            Some(Tok::Op("(")) => {
                self.pos += 1;
                let v = self.comma()?;
                if self.peek() != Some(&Tok::Op(")")) {
                    return Err(self.err_here());
                }
                self.pos += 1;
                Ok(v)
            }
            _ => Err(self.err_here()),
        }
    }
}

/// Evaluates an expression. An empty expression is 0.
pub fn eval(src: &str, vars: &mut dyn ArithVars) -> Result<i64, ArithError> {
    eval_depth(src, vars, 0)
}

fn eval_depth(src: &str, vars: &mut dyn ArithVars, depth: u32) -> Result<i64, ArithError> {
    let toks = tokenize(src)?;
    if toks.is_empty() {
        return Ok(0);
    }
    let mut e = Eval {
        toks,
        pos: 0,
        src,
        vars,
        live: true,
        depth,
    };
    let v = e.comma()?;
    if e.pos < e.toks.len() {
        return Err(e.err_here());
    }
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    impl ArithVars for HashMap<String, String> {
        fn get(&self, name: &str) -> Option<String> {
            HashMap::get(self, name).cloned()
        }
        fn set(&mut self, name: &str, value: i64) {
            self.insert(name.into(), value.to_string());
        }
    }

    fn check(src: &str, expected: Result<i64, ArithError>) {
        let mut vars: HashMap<String, String> = HashMap::new();
        vars.insert("x".into(), "5".into());
        vars.insert("y".into(), "x".into());
        assert_eq!(eval(src, &mut vars), expected, "{src}");
    }

    #[test]
    fn expressions() {
        check("1 + 2 * 3", Ok(7));
        check("(1 + 2) * 3", Ok(9));
        check("2 ** 3 ** 2", Ok(512));
        check("x * 2", Ok(10));
        check("y + 1", Ok(6));
        check("nope", Ok(0));
        check("x > 3 && x < 10", Ok(1));
        check("0 && 1/0", Ok(0));
        check("x ? 1 : 2", Ok(1));
        check("x += 3, x", Ok(8));
        check("x++ + x", Ok(11));
        check("-x % 3", Ok(-2));
        check("0x10 + 010", Ok(24));
        check("7 / 0", Err(ArithError::DivideByZero));
        check("1 +", Err(ArithError::Syntax(String::new())));
        check("", Ok(0));
    }
}
