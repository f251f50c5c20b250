//! docker's reading of a `--format` value (cli/command/formatter/formatter.go): the `table`
//! prefix, `json` as `{{json .}}`, and the `\t` and `\n` escapes.

/// The format key that asks for a table.
pub const TABLE_KEY: &str = "table";
/// docker's `--format json`.
pub const JSON_FORMAT: &str = "{{json .}}";
/// docker's `-q` format for most listings.
pub const QUIET_FORMAT: &str = "{{.ID}}";

/// A `--format` value (docker's `formatter.Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Format<'a>(pub &'a str);

impl<'a> Format<'a> {
    /// Starts with `table` (docker checks only the prefix).
    pub fn is_table(&self) -> bool {
        self.0.starts_with(TABLE_KEY)
    }

    /// Is exactly `json`.
    pub fn is_json(&self) -> bool {
        self.0 == "json"
    }

    /// Contains `sub` (docker's `Format.Contains`, e.g. `.Size` turns on `--size`).
    pub fn contains(&self, sub: &str) -> bool {
        self.0.contains(sub)
    }

    /// The template text docker parses (`preFormat`): `table` stripped, `json` replaced by
    /// `{{json .}}`, spaces trimmed from both ends, `\t` and `\n` turned into a TAB and a
    /// newline.
    pub fn template_text(&self) -> String {
        let text = if self.is_table() {
            &self.0[TABLE_KEY.len()..]
        } else if self.is_json() {
            JSON_FORMAT
        } else {
            self.0
        };
        text.trim_matches(' ')
            .replace("\\t", "\t")
            .replace("\\n", "\n")
    }

    /// The common `NewXxxFormat(source, quiet)` choice: `table` (or nothing) gives the
    /// command's default table, or `quiet_format` with `-q`; anything else is used as given.
    pub fn resolve(
        source: &'a str,
        quiet: bool,
        default_table: &'a str,
        quiet_format: &'a str,
    ) -> Format<'a> {
        match source {
            "" | TABLE_KEY if quiet => Format(quiet_format),
            "" | TABLE_KEY => Format(default_table),
            _ => Format(source),
        }
    }
}

/// `docker inspect -f TEMPLATE` for one object (cli/command/inspect's TemplateInspector):
/// the template runs over the typed object (a struct named `type_name`, fields by their Go
/// names); if that fails, it runs again over the daemon's raw JSON decoded as a map (numbers
/// as `json.Number`) with `missingkey=error`, and that run's error is the one reported
/// (docker prints `template parsing error: ` before it and exits 1). The line is returned
/// without its newline; docker prints one line per object, and a single empty line when no
/// object produced output.
pub fn inspect_object(
    template: &super::Template,
    typed: &serde_json::Value,
    type_name: &str,
    raw: &serde_json::Value,
) -> Result<String, super::TemplateError> {
    match template.execute(typed, &super::Options::structure(type_name)) {
        Ok(line) => Ok(line),
        Err(_) => template.execute(raw, &super::Options::json_map().missing_key_error()),
    }
}
