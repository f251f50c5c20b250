//! The values a template computes with: a view of `serde_json::Value` data shaped like the Go
//! values docker's templates see (structs, `map[string]interface{}`, slices, ints, floats),
//! plus the two kinds of nothing Go distinguishes (a missing value and a nil).

use crate::collections::SmallSort;
use serde_json::{Map, Value};
use std::borrow::Cow;

/// What a value is.
#[derive(Clone, Debug)]
pub(crate) enum K<'a> {
    /// reflect's zero `Value`: a missing map key, an untyped nil. Prints `<no value>`.
    Invalid,
    /// A nil pointer or nil interface. Prints `<nil>`.
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(Cow<'a, str>),
    /// A `json.Number`: a number decoded with `UseNumber`, kept as its JSON text (a string
    /// kind to Go: it prints as written, compares as a string, and is always true).
    Num(Cow<'a, str>),
    /// A `[]string` made by a function (`split`).
    Strs(Vec<String>),
    /// A slice of the data; `true` when its elements are `interface{}` (a decoded JSON map).
    Arr(&'a [Value], bool),
    /// A map of the data; `true` when its values are `interface{}`.
    Obj(&'a Map<String, Value>, bool),
    /// The data itself when it stands for a Go struct of the named type.
    Struct(&'a Map<String, Value>, &'a str),
}

/// A value and whether its static type is `interface{}` (it came out of a
/// `map[string]interface{}` or `[]interface{}` and was not yet unwrapped by a pipeline).
#[derive(Clone, Debug)]
pub(crate) struct Val<'a> {
    pub k: K<'a>,
    pub iface: bool,
}

impl<'a> Val<'a> {
    pub fn new(k: K<'a>) -> Val<'a> {
        Val { k, iface: false }
    }

    pub fn invalid() -> Val<'a> {
        Val::new(K::Invalid)
    }

    pub fn nil() -> Val<'a> {
        Val {
            k: K::Nil,
            iface: true,
        }
    }

    pub fn str(s: impl Into<Cow<'a, str>>) -> Val<'a> {
        Val::new(K::Str(s.into()))
    }

    /// An element of the data: `elem_iface` says whether it is held as `interface{}` (then
    /// numbers are `json.Number`s, as docker's decoder with `UseNumber` makes them).
    pub fn from_data(v: &'a Value, elem_iface: bool) -> Val<'a> {
        let k = match v {
            Value::Null => K::Nil,
            Value::Bool(b) => K::Bool(*b),
            Value::Number(n) => {
                if elem_iface {
                    let mut text = String::new();
                    crate::format::json::write_number(&mut text, n);
                    K::Num(Cow::Owned(text))
                } else if let Some(i) = n.as_i64() {
                    K::Int(i)
                } else if let Some(u) = n.as_u64() {
                    K::Uint(u)
                } else {
                    K::Float(n.as_f64().unwrap_or(0.0))
                }
            }
            Value::String(s) => K::Str(Cow::Borrowed(s)),
            Value::Array(a) => K::Arr(a, elem_iface),
            Value::Object(m) => K::Obj(m, elem_iface),
        };
        Val {
            k,
            iface: elem_iface,
        }
    }

    pub fn is_invalid(&self) -> bool {
        matches!(self.k, K::Invalid)
    }

    /// What a pipeline does to each command's result: an `interface{}` is replaced by the
    /// value inside it (a nil one by the zero `Value`).
    pub fn concrete(mut self) -> Val<'a> {
        if self.iface {
            self.iface = false;
            if matches!(self.k, K::Nil) {
                self.k = K::Invalid;
            }
        }
        self
    }

    /// The dynamic Go type, as `%T` and error messages print it.
    pub fn type_name(&self) -> String {
        match &self.k {
            K::Invalid => "<nil>".into(),
            K::Nil => "interface {}".into(),
            K::Bool(_) => "bool".into(),
            K::Int(_) => "int".into(),
            K::Uint(_) => "uint64".into(),
            K::Float(_) => "float64".into(),
            K::Str(_) => "string".into(),
            K::Num(_) => "json.Number".into(),
            K::Strs(_) => "[]string".into(),
            K::Arr(a, iface) => {
                if !iface && a.iter().all(Value::is_string) {
                    "[]string".into()
                } else {
                    "[]interface {}".into()
                }
            }
            K::Obj(m, iface) => {
                if !iface && m.values().all(Value::is_string) {
                    "map[string]string".into()
                } else {
                    "map[string]interface {}".into()
                }
            }
            K::Struct(_, name) => (*name).to_owned(),
        }
    }

    /// The static type: `interface {}` for values still held in an interface.
    pub fn static_type_name(&self) -> String {
        if self.iface {
            "interface {}".into()
        } else {
            self.type_name()
        }
    }

    /// Go's `isTrue`: the truth of `if`, `with`, `and`, `or` and `not`.
    pub fn truth(&self) -> bool {
        match &self.k {
            K::Invalid | K::Nil => false,
            K::Bool(b) => *b,
            K::Int(i) => *i != 0,
            K::Uint(u) => *u != 0,
            K::Float(f) => *f != 0.0,
            K::Str(s) | K::Num(s) => !s.is_empty(),
            K::Strs(v) => !v.is_empty(),
            K::Arr(a, _) => !a.is_empty(),
            K::Obj(m, _) => !m.is_empty(),
            K::Struct(..) => true,
        }
    }

    /// The string inside, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.k {
            K::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The value as owned JSON.
    pub fn to_json_value(&self) -> Value {
        match &self.k {
            K::Invalid | K::Nil => Value::Null,
            K::Bool(b) => Value::Bool(*b),
            K::Int(i) => Value::from(*i),
            K::Uint(u) => Value::from(*u),
            K::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
            K::Str(s) => Value::String(s.to_string()),
            K::Num(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_string())),
            K::Strs(v) => Value::Array(v.iter().cloned().map(Value::String).collect()),
            K::Arr(a, _) => Value::Array(a.to_vec()),
            K::Obj(m, _) | K::Struct(m, _) => Value::Object((*m).clone()),
        }
    }

    /// The elements of a slice.
    pub fn elements(&self) -> Option<Vec<Val<'a>>> {
        match &self.k {
            K::Strs(v) => Some(v.iter().map(|s| Val::str(s.clone())).collect()),
            K::Arr(a, iface) => Some(a.iter().map(|e| Val::from_data(e, *iface)).collect()),
            _ => None,
        }
    }

    /// The entries of a map, in Go's sorted key order.
    pub fn sorted_entries(&self) -> Option<Vec<(&'a str, Val<'a>)>> {
        match &self.k {
            K::Obj(m, iface) => {
                let mut v: Vec<(&'a str, Val<'a>)> = m
                    .iter()
                    .map(|(k, e)| (k.as_str(), Val::from_data(e, *iface)))
                    .collect();
                v.small_sort_by(|a, b| a.0.cmp(b.0));
                Some(v)
            }
            _ => None,
        }
    }
}
