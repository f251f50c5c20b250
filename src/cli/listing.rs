//! Printing a listing the way docker's formatter does: the default table, `table TEMPLATE`,
//! `json`, a plain template, or `-q`.

use serde_json::Value;

use super::Ctx;
use crate::format::table::render_list;
use crate::format::template::{Format, Options};

/// How one listing command prints.
pub struct Listing<'a> {
    /// `--format`, if given.
    pub format: Option<&'a str>,
    /// `-q`.
    pub quiet: bool,
    /// The default table format.
    pub default_table: &'a str,
    /// The format `-q` means (`{{.ID}}`).
    pub quiet_format: &'a str,
    /// The Go type docker formats rows as (`*formatter.ImageContext`), for error texts.
    pub type_name: &'a str,
    /// Column names, for the header row.
    pub header: Value,
}

impl Listing<'_> {
    /// Prints `rows`; returns the exit status (1 on a template error).
    pub fn print(&self, ctx: &mut Ctx<'_>, rows: &[Value]) -> i32 {
        let source = self.format.unwrap_or("");
        let format = Format::resolve(source, self.quiet, self.default_table, self.quiet_format);
        let options = Options::structure(self.type_name).html_escaped_json();
        match render_list(format.0, &self.header, rows, &options) {
            Ok(text) => {
                ctx.out.out(text);
                0
            }
            Err(e) => {
                ctx.out.err(format!("template parsing error: {e}\n"));
                1
            }
        }
    }
}
