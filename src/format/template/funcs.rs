//! The functions a template can call: Go's builtins (`and`, `or`, `not`, `len`, `index`,
//! `slice`, `print`, `printf`, `println`, `eq`, `ne`, `lt`, `le`, `gt`, `ge`, `call`, `html`,
//! `js`, `urlquery`) and docker's (`json`, `split`, `join`, `title`, `lower`, `upper`, `pad`,
//! `truncate`, cli/templates/templates.go), with docker's header variants for table headers.

use super::gofmt::{sprint, sprintf, sprintln};
use super::value::{Val, K};
use crate::format::json::{self, JsonStyle};
use serde_json::Value;
use std::borrow::Cow;

/// The Go type of a parameter, which decides how an argument is checked and converted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum P {
    /// `interface{}`: anything; a missing value becomes nil.
    Any,
    /// `reflect.Value`: anything, a missing value stays missing.
    Value,
    Str,
    Int,
    StrSlice,
}

impl P {
    pub fn name(self) -> &'static str {
        match self {
            P::Any => "interface {}",
            P::Value => "reflect.Value",
            P::Str => "string",
            P::Int => "int",
            P::StrSlice => "[]string",
        }
    }
}

/// A function's parameters.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sig {
    pub fixed: &'static [P],
    pub variadic: Option<P>,
}

/// A callable function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Func {
    And,
    Or,
    Not,
    Len,
    Index,
    Slice,
    Print,
    Printf,
    Println,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Call,
    Html,
    Js,
    Urlquery,
    Json,
    Split,
    Join,
    Title,
    Lower,
    Upper,
    Pad,
    Truncate,
    /// docker's header variant of `json`, `title`, `lower`, `upper`: returns its argument.
    HeaderSame,
    /// docker's header variant of `split`, `join`, `truncate`: returns its first argument.
    HeaderFirst,
}

const NAMES: &[&str] = &[
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt",
    "le", "gt", "ge", "call", "html", "js", "urlquery", "json", "split", "join", "title", "lower",
    "upper", "pad", "truncate",
];

/// Whether a function of that name exists (checked when parsing).
pub(crate) fn exists(name: &str) -> bool {
    NAMES.contains(&name)
}

/// The function of that name and its parameters; `header` selects docker's HeaderFunctions.
pub(crate) fn lookup(name: &str, header: bool) -> Option<(Func, Sig)> {
    use P::*;
    const V: &[P] = &[Value];
    const VV: &[P] = &[Value, Value];
    const S: &[P] = &[Str];
    const SS: &[P] = &[Str, Str];
    const SI: &[P] = &[Str, Int];
    let sig = |fixed: &'static [P], variadic: Option<P>| Sig { fixed, variadic };
    if header {
        match name {
            "json" | "title" | "lower" | "upper" => return Some((Func::HeaderSame, sig(S, None))),
            "split" | "join" => return Some((Func::HeaderFirst, sig(SS, None))),
            "truncate" => return Some((Func::HeaderFirst, sig(SI, None))),
            _ => {}
        }
    }
    Some(match name {
        "and" => (Func::And, sig(V, Some(Value))),
        "or" => (Func::Or, sig(V, Some(Value))),
        "not" => (Func::Not, sig(V, None)),
        "len" => (Func::Len, sig(V, None)),
        "index" => (Func::Index, sig(V, Some(Value))),
        "slice" => (Func::Slice, sig(V, Some(Value))),
        "print" => (Func::Print, sig(&[], Some(Any))),
        "printf" => (Func::Printf, sig(S, Some(Any))),
        "println" => (Func::Println, sig(&[], Some(Any))),
        "eq" => (Func::Eq, sig(V, Some(Value))),
        "ne" => (Func::Ne, sig(VV, None)),
        "lt" => (Func::Lt, sig(VV, None)),
        "le" => (Func::Le, sig(VV, None)),
        "gt" => (Func::Gt, sig(VV, None)),
        "ge" => (Func::Ge, sig(VV, None)),
        "call" => (Func::Call, sig(V, Some(Value))),
        "html" => (Func::Html, sig(&[], Some(Any))),
        "js" => (Func::Js, sig(&[], Some(Any))),
        "urlquery" => (Func::Urlquery, sig(&[], Some(Any))),
        "json" => (Func::Json, sig(&[Any], None)),
        "split" => (Func::Split, sig(SS, None)),
        "join" => (Func::Join, sig(&[StrSlice, Str], None)),
        "title" => (Func::Title, sig(S, None)),
        "lower" => (Func::Lower, sig(S, None)),
        "upper" => (Func::Upper, sig(S, None)),
        "pad" => (Func::Pad, sig(&[Str, Int, Int], None)),
        "truncate" => (Func::Truncate, sig(SI, None)),
        _ => return None,
    })
}

/// What a function may need to know besides its arguments.
pub(crate) struct CallCtx<'a> {
    /// The data the template runs on, when its `json` is docker's HTML-escaped MarshalJSON.
    pub escaped_root: Option<&'a Value>,
    /// The text of the first argument node (for `call`'s message; empty for the others).
    pub first_arg: String,
}

/// Calls `f`; `Err` is the message after `error calling NAME: `.
pub(crate) fn call<'a>(f: Func, args: Vec<Val<'a>>, ctx: &CallCtx<'_>) -> Result<Val<'a>, String> {
    let mut args = args.into_iter();
    let mut next = || args.next().unwrap_or_else(Val::invalid);
    Ok(match f {
        Func::And | Func::Or => next(),
        Func::Not => Val::new(K::Bool(!next().truth())),
        Func::Len => length(next())?,
        Func::Index => {
            let item = next();
            index(item, args.collect())?
        }
        Func::Slice => {
            let item = next();
            slice(item, args.collect())?
        }
        Func::Print => Val::str(sprint(&args.collect::<Vec<_>>())),
        Func::Println => Val::str(sprintln(&args.collect::<Vec<_>>())),
        Func::Printf => {
            let format = next();
            let format = format.as_str().unwrap_or_default().to_owned();
            Val::str(sprintf(&format, &args.collect::<Vec<_>>()))
        }
        Func::Eq => {
            let a = next();
            Val::new(K::Bool(eq(&a, &args.collect::<Vec<_>>())?))
        }
        Func::Ne => {
            let (a, b) = (next(), next());
            Val::new(K::Bool(!eq(&a, &[b])?))
        }
        Func::Lt => {
            let (a, b) = (next(), next());
            Val::new(K::Bool(lt(&a, &b)?))
        }
        Func::Le => {
            let (a, b) = (next(), next());
            Val::new(K::Bool(le(&a, &b)?))
        }
        Func::Gt => {
            let (a, b) = (next(), next());
            Val::new(K::Bool(!le(&a, &b)?))
        }
        Func::Ge => {
            let (a, b) = (next(), next());
            Val::new(K::Bool(!lt(&a, &b)?))
        }
        Func::Call => {
            let fun = indirect_interface(next());
            if fun.is_invalid() {
                return Err("call of nil".into());
            }
            return Err(format!(
                "non-function {} of type {}",
                ctx.first_arg,
                fun.type_name()
            ));
        }
        Func::Html => Val::str(html_escape(&eval_args(args.collect()))),
        Func::Js => Val::str(js_escape(&eval_args(args.collect()))),
        Func::Urlquery => Val::str(query_escape(&eval_args(args.collect()))),
        Func::Json => Val::str(json_of(&next(), ctx)),
        Func::Split => {
            let (s, sep) = (next(), next());
            let (s, sep) = (
                s.as_str().unwrap_or_default(),
                sep.as_str().unwrap_or_default(),
            );
            let parts: Vec<String> = if sep.is_empty() {
                s.chars().map(String::from).collect()
            } else {
                s.split(sep).map(str::to_owned).collect()
            };
            Val::new(K::Strs(parts))
        }
        Func::Join => {
            let (elems, sep) = (next(), next());
            let sep = sep.as_str().unwrap_or_default();
            let parts: Vec<String> = elems
                .elements()
                .unwrap_or_default()
                .iter()
                .map(|e| e.as_str().unwrap_or_default().to_owned())
                .collect();
            Val::str(parts.join(sep))
        }
        Func::Title => Val::str(title(next().as_str().unwrap_or_default())),
        Func::Lower => Val::str(map_chars(next().as_str().unwrap_or_default(), false)),
        Func::Upper => Val::str(map_chars(next().as_str().unwrap_or_default(), true)),
        Func::Pad => {
            let s = next();
            let (pre, post) = (int_of(&next()), int_of(&next()));
            let s = s.as_str().unwrap_or_default();
            if s.is_empty() {
                return Ok(Val::str(String::new()));
            }
            Val::str(format!(
                "{}{s}{}",
                repeat_spaces(pre)?,
                repeat_spaces(post)?
            ))
        }
        Func::Truncate => {
            let s = next();
            let n = int_of(&next());
            let s = s.as_str().unwrap_or_default();
            let len = s.len() as i64;
            if len < n {
                Val::str(s.to_owned())
            } else if n < 0 {
                return Err(format!("runtime error: slice bounds out of range [:{n}]"));
            } else {
                Val::str(String::from_utf8_lossy(&s.as_bytes()[..n as usize]).into_owned())
            }
        }
        Func::HeaderSame | Func::HeaderFirst => next(),
    })
}

fn int_of(v: &Val<'_>) -> i64 {
    match v.k {
        K::Int(i) => i,
        _ => 0,
    }
}

/// `strings.Repeat(" ", n)`, refusing what Go would panic on (and absurd sizes).
fn repeat_spaces(n: i64) -> Result<String, String> {
    if n < 0 {
        return Err("strings: negative Repeat count".into());
    }
    if n > 1 << 20 {
        return Err("strings: Repeat output length overflow".into());
    }
    Ok(" ".repeat(n as usize))
}

/// Go's `indirectInterface`: the value inside an interface; a nil interface is no value.
pub(crate) fn indirect_interface(v: Val<'_>) -> Val<'_> {
    if v.iface {
        v.concrete()
    } else {
        v
    }
}

fn length(v: Val<'_>) -> Result<Val<'_>, String> {
    let n = match &v.k {
        K::Invalid => return Err("reflect: call of reflect.Value.Type on zero Value".into()),
        K::Nil => return Err("len of nil pointer".into()),
        K::Str(s) | K::Num(s) => s.len(),
        K::Strs(a) => a.len(),
        K::Arr(a, _) => a.len(),
        K::Obj(m, _) => m.len(),
        _ => return Err(format!("len of type {}", v.type_name())),
    };
    Ok(Val::new(K::Int(n as i64)))
}

/// Go's `indexArg`: an index into something of length `cap`.
fn index_arg(index: &Val<'_>, cap: usize) -> Result<usize, String> {
    let x: i64 = match index.k {
        K::Int(i) => i,
        K::Uint(u) => u as i64,
        K::Invalid => return Err("cannot index slice/array with nil".into()),
        _ => {
            return Err(format!(
                "cannot index slice/array with type {}",
                index.type_name()
            ))
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

/// The zero value of a map's element type, as `index` returns for a missing key.
fn zero_elem<'a>(m: &serde_json::Map<String, Value>, iface: bool) -> Val<'a> {
    if iface {
        return Val::nil();
    }
    match m.values().next() {
        None | Some(Value::String(_)) => Val::str(""),
        Some(Value::Bool(_)) => Val::new(K::Bool(false)),
        Some(Value::Number(_)) => Val::new(K::Int(0)),
        Some(Value::Array(_)) => Val::new(K::Strs(Vec::new())),
        Some(Value::Object(_) | Value::Null) => Val::new(K::Nil),
    }
}

fn index<'a>(item: Val<'a>, indexes: Vec<Val<'a>>) -> Result<Val<'a>, String> {
    let mut item = indirect_interface(item);
    if item.is_invalid() {
        return Err("index of untyped nil".into());
    }
    for index in indexes {
        let index = indirect_interface(index);
        item = match &item.k {
            K::Nil => return Err("index of nil pointer".into()),
            K::Str(s) | K::Num(s) => {
                let x = index_arg(&index, s.len())?;
                match s.as_bytes().get(x) {
                    Some(&b) => Val::new(K::Uint(u64::from(b))),
                    None => return Err(format!("index out of range: {x}")),
                }
            }
            K::Strs(a) => {
                let x = index_arg(&index, a.len())?;
                match a.get(x) {
                    Some(s) => Val::str(s.clone()),
                    None => return Err(format!("index out of range: {x}")),
                }
            }
            K::Arr(a, iface) => {
                let x = index_arg(&index, a.len())?;
                match a.get(x) {
                    Some(e) => Val::from_data(e, *iface),
                    None => return Err(format!("index out of range: {x}")),
                }
            }
            K::Obj(m, iface) => {
                let key = match &index.k {
                    K::Str(s) => s.clone(),
                    K::Invalid => return Err("value is nil; should be of type string".into()),
                    _ => {
                        return Err(format!(
                            "value has type {}; should be string",
                            index.type_name()
                        ))
                    }
                };
                match m.get(key.as_ref()) {
                    Some(e) => Val::from_data(e, *iface),
                    None => zero_elem(m, *iface),
                }
            }
            _ => return Err(format!("can't index item of type {}", item.type_name())),
        };
    }
    Ok(item)
}

fn slice<'a>(item: Val<'a>, indexes: Vec<Val<'a>>) -> Result<Val<'a>, String> {
    let item = indirect_interface(item);
    if item.is_invalid() {
        return Err("slice of untyped nil".into());
    }
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let cap = match &item.k {
        K::Str(s) | K::Num(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        K::Strs(a) => a.len(),
        K::Arr(a, _) => a.len(),
        _ => return Err(format!("can't slice item of type {}", item.type_name())),
    };
    let mut idx = [0, cap, 0];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(&indirect_interface(index.clone()), cap)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (i, j) = (idx[0], idx[1]);
    Ok(match item.k {
        K::Str(Cow::Borrowed(s)) if s.is_char_boundary(i) && s.is_char_boundary(j) => {
            Val::str(&s[i..j])
        }
        K::Str(s) => Val::str(String::from_utf8_lossy(&s.as_bytes()[i..j]).into_owned()),
        K::Num(s) => Val::new(K::Num(Cow::Owned(
            String::from_utf8_lossy(&s.as_bytes()[i..j]).into_owned(),
        ))),
        K::Strs(a) => Val::new(K::Strs(a[i..j].to_vec())),
        K::Arr(a, iface) => Val::new(K::Arr(&a[i..j], iface)),
        _ => return Err(format!("can't slice item of type {}", item.type_name())),
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Kind {
    Invalid,
    Bool,
    Int,
    Uint,
    Float,
    Str,
}

fn basic_kind(v: &Val<'_>) -> Kind {
    match v.k {
        K::Bool(_) => Kind::Bool,
        K::Int(_) => Kind::Int,
        K::Uint(_) => Kind::Uint,
        K::Float(_) => Kind::Float,
        K::Str(_) | K::Num(_) => Kind::Str,
        _ => Kind::Invalid,
    }
}

/// reflect's kind, for comparing values that are not basic.
fn reflect_kind(v: &Val<'_>) -> u8 {
    match v.k {
        K::Invalid => 0,
        K::Nil => 1,
        K::Strs(_) | K::Arr(..) => 2,
        K::Obj(..) => 3,
        K::Struct(..) => 4,
        _ => 5,
    }
}

fn is_nil(v: &Val<'_>) -> bool {
    matches!(v.k, K::Invalid | K::Nil)
}

fn percent_s(v: &Val<'_>) -> String {
    sprintf("%s", std::slice::from_ref(v))
}

/// Go's `eq`: `arg1 == arg2 || arg1 == arg3 …`.
fn eq(arg1: &Val<'_>, rest: &[Val<'_>]) -> Result<bool, String> {
    let a1 = indirect_interface(arg1.clone());
    if rest.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(&a1);
    for arg in rest {
        let a = indirect_interface(arg.clone());
        let k2 = basic_kind(&a);
        let truth = if k1 != k2 {
            match (&a1.k, &a.k) {
                (K::Int(x), K::Uint(y)) => *x >= 0 && *x as u64 == *y,
                (K::Uint(x), K::Int(y)) => *y >= 0 && *x == *y as u64,
                _ => {
                    if !a1.is_invalid() && !a.is_invalid() {
                        return Err("incompatible types for comparison".into());
                    }
                    false
                }
            }
        } else {
            match (&a1.k, &a.k) {
                (K::Bool(x), K::Bool(y)) => x == y,
                (K::Float(x), K::Float(y)) => x == y,
                (K::Int(x), K::Int(y)) => x == y,
                (K::Str(x) | K::Num(x), K::Str(y) | K::Num(y)) => x == y,
                (K::Uint(x), K::Uint(y)) => x == y,
                _ => {
                    let (r1, r2) = (reflect_kind(&a1), reflect_kind(&a));
                    if r1 != r2 && r1 != 0 && r2 != 0 {
                        return Err(format!(
                            "non-comparable types {}: {}, {}: {}",
                            percent_s(&a1),
                            a1.type_name(),
                            a.type_name(),
                            percent_s(&a)
                        ));
                    }
                    if is_nil(&a1) || is_nil(&a) {
                        is_nil(&a) == is_nil(&a1)
                    } else {
                        return Err(format!(
                            "non-comparable type {}: {}",
                            percent_s(&a),
                            a.type_name()
                        ));
                    }
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Go's `lt`.
fn lt(arg1: &Val<'_>, arg2: &Val<'_>) -> Result<bool, String> {
    let bad_type = || "invalid type for comparison".to_owned();
    let a1 = indirect_interface(arg1.clone());
    let k1 = basic_kind(&a1);
    if k1 == Kind::Invalid {
        return Err(bad_type());
    }
    let a2 = indirect_interface(arg2.clone());
    let k2 = basic_kind(&a2);
    if k2 == Kind::Invalid {
        return Err(bad_type());
    }
    Ok(match (&a1.k, &a2.k) {
        (K::Int(x), K::Uint(y)) => *x < 0 || (*x as u64) < *y,
        (K::Uint(x), K::Int(y)) => *y >= 0 && *x < *y as u64,
        _ if k1 != k2 => return Err("incompatible types for comparison".into()),
        (K::Bool(_), _) => return Err(bad_type()),
        (K::Float(x), K::Float(y)) => x < y,
        (K::Int(x), K::Int(y)) => x < y,
        (K::Str(x) | K::Num(x), K::Str(y) | K::Num(y)) => x < y,
        (K::Uint(x), K::Uint(y)) => x < y,
        _ => return Err(bad_type()),
    })
}

/// Go's `le`: `lt || eq`.
fn le(arg1: &Val<'_>, arg2: &Val<'_>) -> Result<bool, String> {
    if lt(arg1, arg2)? {
        return Ok(true);
    }
    eq(arg1, std::slice::from_ref(arg2))
}

/// Go's `evalArgs` for `html`, `js` and `urlquery`: one string as is, otherwise `Sprint`.
fn eval_args(args: Vec<Val<'_>>) -> String {
    if let [one] = args.as_slice() {
        if let K::Str(s) = &one.k {
            return s.to_string();
        }
    }
    let args: Vec<Val<'_>> = args
        .into_iter()
        .map(|a| match a.k {
            K::Invalid => Val::str("<no value>"),
            K::Nil if a.iface => Val::str("<no value>"),
            _ => a,
        })
        .collect();
    sprint(&args)
}

/// Go's `template.HTMLEscapeString`.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\0' => out.push('\u{FFFD}'),
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Go's `template.JSEscapeString`.
fn js_escape(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if c < ' ' => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
            c if !c.is_ascii() && !crate::format::text::is_print(c) => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// docker's `json` function: `json.Encoder` with `SetEscapeHTML(false)`, trailing newline
/// trimmed. docker's formatter contexts marshal themselves (HTML-escaped, sorted keys).
fn json_of(v: &Val<'_>, ctx: &CallCtx<'_>) -> String {
    let mut out = String::new();
    let plain = JsonStyle::default();
    match &v.k {
        K::Invalid | K::Nil => out.push_str("null"),
        K::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        K::Int(i) => out.push_str(&i.to_string()),
        K::Uint(u) => out.push_str(&u.to_string()),
        K::Float(f) => json::write_float(&mut out, *f),
        K::Str(s) => json::write_string(&mut out, s, plain),
        K::Num(s) => out.push_str(s),
        K::Strs(a) => {
            out.push('[');
            for (i, s) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json::write_string(&mut out, s, plain);
            }
            out.push(']');
        }
        K::Arr(a, iface) => json::write_array(
            &mut out,
            a,
            JsonStyle {
                escape_html: false,
                sort_keys: *iface,
            },
        ),
        K::Obj(m, iface) => json::write_object(
            &mut out,
            m,
            JsonStyle {
                escape_html: false,
                sort_keys: *iface,
            },
        ),
        K::Struct(m, _) => {
            let is_root = ctx.escaped_root.is_some_and(|r| match r {
                Value::Object(rm) => std::ptr::eq(rm, *m),
                _ => false,
            });
            let style = if is_root {
                JsonStyle {
                    escape_html: true,
                    sort_keys: true,
                }
            } else {
                plain
            };
            json::write_object(&mut out, m, style);
        }
    }
    out
}

/// Go's `strings.Title`: upper-cases the first letter of each word.
fn title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev = ' ';
    for c in s.chars() {
        if is_separator(prev) {
            out.push_str(&map_chars(&c.to_string(), true));
        } else {
            out.push(c);
        }
        prev = c;
    }
    out
}

fn is_separator(r: char) -> bool {
    if r.is_ascii() {
        return !(r.is_ascii_alphanumeric() || r == '_');
    }
    if r.is_alphanumeric() {
        return false;
    }
    r.is_whitespace()
}

/// Go's `strings.ToUpper`/`ToLower`: one character for one character.
fn map_chars(s: &str, upper: bool) -> String {
    s.chars()
        .map(|c| {
            let mut m = if upper {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                c.to_lowercase().collect::<Vec<_>>()
            };
            if m.len() == 1 {
                m.pop().unwrap_or(c)
            } else {
                c
            }
        })
        .collect()
}
