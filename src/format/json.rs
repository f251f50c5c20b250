//! JSON as docker prints it: Go's `encoding/json` encoding (compact, with or without HTML
//! escaping) and `docker inspect`'s output, `json.Indent(…, "", "    ")` of a `[…]` array.

use crate::collections::SmallSort;
use crate::format::template::gofmt::json_float;
use serde_json::{Map, Number, Value};

/// How Go's encoder is set up.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct JsonStyle {
    /// Escape `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026` (`json.Marshal` does;
    /// an encoder with `SetEscapeHTML(false)` does not).
    pub escape_html: bool,
    /// Write object keys in sorted order, as Go does for maps (structs keep field order).
    pub sort_keys: bool,
}

/// `json.Marshal`: compact, HTML-escaped; object keys in the value's own order. This is what
/// `docker ps --format json` writes for each row (docker builds those rows as sorted maps).
pub fn marshal(value: &Value) -> String {
    let mut out = String::new();
    write_value(
        &mut out,
        value,
        JsonStyle {
            escape_html: true,
            sort_keys: false,
        },
    );
    out
}

/// Compact JSON without HTML escaping, keys in the value's order: the daemon's encoding, and
/// what the `json` template function writes.
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, value, JsonStyle::default());
    out
}

/// Compact JSON with the given style.
pub fn encode(value: &Value, style: JsonStyle) -> String {
    let mut out = String::new();
    write_value(&mut out, value, style);
    out
}

/// `docker inspect`'s default output: the objects in a `[`…`]` array indented with four
/// spaces (`<`, `>`, `&` literal), then a newline; `[]` and a newline when there are none.
///
/// Matches docker: `cli/command/inspect` joins the raw daemon JSON with commas and runs
/// `json.Indent(…, "", "    ")` over it; empty arrays and objects stay `[]` and `{}`.
pub fn inspect(values: &[Value]) -> String {
    if values.is_empty() {
        return "[]\n".to_owned();
    }
    let mut out = String::new();
    out.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        newline(&mut out, 1);
        write_indented(&mut out, v, 1);
    }
    newline(&mut out, 0);
    out.push_str("]\n");
    out
}

/// `json.Indent(…, "", "    ")` of one value (no trailing newline).
pub fn indent(value: &Value) -> String {
    let mut out = String::new();
    write_indented(&mut out, value, 0);
    out
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

fn write_indented(out: &mut String, value: &Value, depth: usize) {
    let style = JsonStyle::default();
    match value {
        Value::Array(a) if !a.is_empty() => {
            out.push('[');
            for (i, v) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_indented(out, v, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(m) if !m.is_empty() => {
            out.push('{');
            for (i, (k, v)) in m.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_string(out, k, style);
                out.push_str(": ");
                write_indented(out, v, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
        _ => write_value(out, value, style),
    }
}

/// Writes one value, compact.
pub(crate) fn write_value(out: &mut String, value: &Value, style: JsonStyle) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => write_number(out, n),
        Value::String(s) => write_string(out, s, style),
        Value::Array(a) => write_array(out, a, style),
        Value::Object(m) => write_object(out, m, style),
    }
}

pub(crate) fn write_array(out: &mut String, a: &[Value], style: JsonStyle) {
    out.push('[');
    for (i, v) in a.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_value(out, v, style);
    }
    out.push(']');
}

pub(crate) fn write_object(out: &mut String, m: &Map<String, Value>, style: JsonStyle) {
    out.push('{');
    let mut entries: Vec<(&String, &Value)> = m.iter().collect();
    if style.sort_keys {
        entries.small_sort_by(|a, b| a.0.cmp(b.0));
    }
    for (i, (k, v)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_string(out, k, style);
        out.push(':');
        write_value(out, v, style);
    }
    out.push('}');
}

pub(crate) fn write_number(out: &mut String, n: &Number) {
    if let Some(i) = n.as_i64() {
        out.push_str(&i.to_string());
    } else if let Some(u) = n.as_u64() {
        out.push_str(&u.to_string());
    } else {
        out.push_str(&json_float(n.as_f64().unwrap_or(0.0)));
    }
}

/// A float as `encoding/json` writes a `float64`.
pub(crate) fn write_float(out: &mut String, f: f64) {
    out.push_str(&json_float(f));
}

/// A JSON string literal as Go writes it (Go 1.22: `\b` and `\f` short escapes; U+2028 and
/// U+2029 always escaped).
pub(crate) fn write_string(out: &mut String, s: &str, style: JsonStyle) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\x08' => out.push_str("\\b"),
            '\x0c' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' if style.escape_html => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
            c if (c as u32) < 0x20 => {
                let b = c as u8;
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
            }
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check_compact(v: Value, want: &str) {
        assert_eq!(compact(&v), want);
    }

    #[test]
    fn compact_like_go() {
        check_compact(json!(null), "null");
        check_compact(json!(true), "true");
        check_compact(json!(13239), "13239");
        check_compact(json!(-5), "-5");
        check_compact(json!(18446744073709551615u64), "18446744073709551615");
        check_compact(json!(1.5), "1.5");
        check_compact(json!(1.0), "1");
        check_compact(json!(1e21), "1e+21");
        check_compact(json!(0.0000001), "1e-7");
        check_compact(json!("a<b>&c"), r#""a<b>&c""#);
        check_compact(json!("q\"b\\s/"), r#""q\"b\\s/""#);
        check_compact(
            json!("\n\r\t\u{8}\u{c}\u{1}\u{1f}"),
            r#""\n\r\t\b\f\u0001\u001f""#,
        );
        check_compact(json!("\u{2028}\u{2029}é"), r#""\u2028\u2029é""#);
        check_compact(
            json!(["PATH=/usr/bin", "A=b"]),
            r#"["PATH=/usr/bin","A=b"]"#,
        );
        check_compact(
            json!({"b": 1, "a": [], "c": {}}),
            r#"{"b":1,"a":[],"c":{}}"#,
        );
        check_compact(json!([]), "[]");
    }

    #[test]
    fn marshal_escapes_html() {
        assert_eq!(
            marshal(&json!({"Ports": "0.0.0.0:8080->80/tcp", "Digest": "<none>", "X": "a&b"})),
            r#"{"Ports":"0.0.0.0:8080-\u003e80/tcp","Digest":"\u003cnone\u003e","X":"a\u0026b"}"#
        );
        let sorted = encode(
            &json!({"b": 1, "a": {"d": 1, "c": 2}}),
            JsonStyle {
                escape_html: false,
                sort_keys: true,
            },
        );
        assert_eq!(sorted, r#"{"a":{"c":2,"d":1},"b":1}"#);
    }

    #[test]
    fn inspect_like_docker() {
        assert_eq!(inspect(&[]), "[]\n");
        let v = json!({
            "Id": "abc",
            "Args": [],
            "State": {"Status": "running", "Pid": 13239, "Health": null},
            "Config": {"Env": ["PATH=/bin", "A=<b>&"], "Labels": {}},
            "Ports": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]
        });
        let want = r#"[
    {
        "Id": "abc",
        "Args": [],
        "State": {
            "Status": "running",
            "Pid": 13239,
            "Health": null
        },
        "Config": {
            "Env": [
                "PATH=/bin",
                "A=<b>&"
            ],
            "Labels": {}
        },
        "Ports": [
            {
                "HostIp": "0.0.0.0",
                "HostPort": "8080"
            }
        ]
    }
]
"#;
        assert_eq!(inspect(&[v]), want);
        assert_eq!(
            inspect(&[json!({"a": 1}), json!({"b": 2})]),
            "[\n    {\n        \"a\": 1\n    },\n    {\n        \"b\": 2\n    }\n]\n"
        );
        assert_eq!(
            indent(&json!([1, [2]])),
            "[\n    1,\n    [\n        2\n    ]\n]"
        );
        assert_eq!(indent(&json!("x")), "\"x\"");
    }
}
