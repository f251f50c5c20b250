//! Printing inspect results as docker's `inspect.Inspect` does: an indented JSON array, or
//! one line per object through a `-f` template; errors after, on standard error.

use serde_json::Value;

use super::Ctx;
use crate::format::json;
use crate::format::template::{inspect_object, Template};

/// One object found: the typed view (Go field names) and the raw daemon JSON.
pub struct Found {
    /// What the template sees first.
    pub typed: Value,
    /// The daemon's JSON (the fallback for templates, and what is printed without `-f`).
    pub raw: Value,
}

/// Prints what was found and the errors for what was not; returns the exit status.
pub fn print(
    ctx: &mut Ctx<'_>,
    format: Option<&str>,
    type_name: &str,
    found: &[Found],
    errors: &[String],
) -> i32 {
    let mut status = if errors.is_empty() { 0 } else { 1 };
    match format {
        None | Some("") => {
            let raw: Vec<Value> = found.iter().map(|f| f.raw.clone()).collect();
            ctx.out.out(json::inspect(&raw));
        }
        Some("json") => {
            let raw: Vec<Value> = found.iter().map(|f| f.raw.clone()).collect();
            ctx.out
                .out(format!("{}\n", json::compact(&Value::Array(raw))));
        }
        Some(src) => {
            let text = src.replace("\\t", "\t").replace("\\n", "\n");
            let template = match Template::parse(&text) {
                Ok(t) => t,
                Err(e) => {
                    ctx.out.err(format!("template parsing error: {e}\n"));
                    return 64;
                }
            };
            let mut printed = false;
            for f in found {
                match inspect_object(&template, &f.typed, type_name, &f.raw) {
                    Ok(line) => {
                        ctx.out.out(format!("{line}\n"));
                        printed = true;
                    }
                    Err(e) => {
                        if !printed {
                            ctx.out.out("\n");
                        }
                        ctx.out.err(format!("template parsing error: {e}\n"));
                        return 1;
                    }
                }
            }
            if found.is_empty() && errors.is_empty() {
                ctx.out.out("\n");
            }
        }
    }
    for e in errors {
        ctx.out.err(format!("{e}\n"));
        status = 1;
    }
    status
}
