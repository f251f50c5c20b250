//! Diagnostics: where in the source something is, and how gcc prints what it found there.
//!
//! A [`Diagnostic`] carries everything needed to print it (file name, line, column, the
//! source line, the function it is in, the include chain), so it outlives the compilation.
//! [`render`] prints a list of them the way gcc does, in the style of gcc 5 (source line and
//! caret) or gcc 12 (line-number gutter, caret and `~` underline).

use crate::collections::SmallSort;
use std::fmt::Write as _;

/// A position in a source file: index into the compilation's file table, 1-based line and
/// column (columns count bytes, as gcc's do).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Index of the file in the [`SrcMap`].
    pub file: u32,
    /// Line, from 1.
    pub line: u32,
    /// Column in bytes, from 1.
    pub col: u32,
}

/// One file seen by the preprocessor.
#[derive(Clone, Debug)]
pub struct SrcFile {
    /// The name gcc prints (as given on the command line or in `#include`).
    pub name: String,
    /// The text, for printing source lines.
    pub text: String,
    /// Where it was included from.
    pub included_from: Option<Loc>,
}

/// Every file of one compilation.
#[derive(Clone, Debug, Default)]
pub struct SrcMap {
    /// The files, by [`Loc::file`].
    pub files: Vec<SrcFile>,
}

impl SrcMap {
    /// Adds a file and returns its index.
    pub fn add(&mut self, name: &str, text: String, included_from: Option<Loc>) -> u32 {
        self.files.push(SrcFile {
            name: name.to_owned(),
            text,
            included_from,
        });
        (self.files.len() - 1) as u32
    }

    /// The text of a source line (without its newline).
    pub fn line_text(&self, loc: Loc) -> Option<String> {
        let f = self.files.get(loc.file as usize)?;
        let line = f.text.split('\n').nth(loc.line.checked_sub(1)? as usize)?;
        Some(line.strip_suffix('\r').unwrap_or(line).to_owned())
    }

    /// The name of a file.
    pub fn name(&self, file: u32) -> &str {
        self.files
            .get(file as usize)
            .map_or("", |f| f.name.as_str())
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Stops the output from being written.
    Error,
    /// Stops compilation at once (`fatal error:`), e.g. a missing header.
    Fatal,
    /// Printed, compilation goes on.
    Warning,
    /// Extra information attached to the diagnostic before it.
    Note,
}

/// Which gcc's look to print diagnostics in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Style {
    /// gcc 5: the source line and a caret under the column.
    #[default]
    Gcc5,
    /// gcc 12: a line-number gutter, caret and `~` underline of the token.
    Gcc12,
}

/// One message of the compiler, ready to print.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning, note.
    pub level: Level,
    /// File name as gcc prints it; empty for messages without a place.
    pub file: String,
    /// Line (1-based); 0 when the message has no place.
    pub line: u32,
    /// Column (1-based, bytes).
    pub col: u32,
    /// How many bytes the underline covers (gcc 12 style).
    pub len: u32,
    /// The message text, without the `error: ` prefix.
    pub message: String,
    /// The warning option that enabled it, e.g. `-Wunused-variable`.
    pub option: Option<String>,
    /// The source line the message points into.
    pub source: Option<String>,
    /// The function the message is inside (`In function 'main':`).
    pub function: Option<String>,
    /// The include chain, innermost first: (file, line, column).
    pub included_from: Vec<(String, u32, u32)>,
    /// Text gcc 12 suggests inserting at the caret (shown under it).
    pub fixit: Option<String>,
    /// A line gcc 12 suggests inserting before the source line (`+++ |+#include <stdio.h>`).
    pub insert_line: Option<String>,
    /// A second place gcc 12 underlines: line, column, length, source line.
    pub secondary: Option<(u32, u32, u32, String)>,
    /// Labelled ranges on the diagnostic's line (gcc 12's format warnings).
    pub ranges: Vec<Range>,
}

/// An underlined, possibly labelled, range of the source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Range {
    /// First column.
    pub col: u32,
    /// Length in columns.
    pub len: u32,
    /// Where the caret goes, if in this range.
    pub caret: Option<u32>,
    /// The text shown under it.
    pub label: Option<String>,
}

impl Diagnostic {
    /// A diagnostic at `loc` of the compilation described by `map`.
    pub fn at(map: &SrcMap, level: Level, loc: Loc, len: u32, message: String) -> Diagnostic {
        let mut included_from = Vec::new();
        let mut cur = map
            .files
            .get(loc.file as usize)
            .and_then(|f| f.included_from);
        let mut guard = 0;
        while let Some(l) = cur {
            included_from.push((map.name(l.file).to_owned(), l.line, l.col));
            cur = map.files.get(l.file as usize).and_then(|f| f.included_from);
            guard += 1;
            if guard > 200 {
                break;
            }
        }
        Diagnostic {
            level,
            file: map.name(loc.file).to_owned(),
            line: loc.line,
            col: loc.col,
            len,
            message,
            option: None,
            source: map.line_text(loc),
            function: None,
            included_from,
            fixit: None,
            insert_line: None,
            secondary: None,
            ranges: Vec::new(),
        }
    }

    /// A message with no place (`gcc: error: ...`, linker errors), printed as is.
    pub fn plain(level: Level, message: String) -> Diagnostic {
        Diagnostic {
            level,
            file: String::new(),
            line: 0,
            col: 0,
            len: 0,
            message,
            option: None,
            source: None,
            function: None,
            included_from: Vec::new(),
            fixit: None,
            insert_line: None,
            secondary: None,
            ranges: Vec::new(),
        }
    }

    /// Whether this is an error (or a fatal error).
    pub fn is_error(&self) -> bool {
        matches!(self.level, Level::Error | Level::Fatal)
    }
}

fn level_word(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Fatal => "fatal error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// Expands tabs to the next multiple of 8, as gcc 12 shows source lines, and maps a byte
/// column to the display column.
fn expand_tabs(line: &str, col: u32) -> (String, u32) {
    let mut out = String::new();
    let mut dcol = 0u32;
    let mut at = col.max(1);
    for (i, ch) in line.chars().enumerate() {
        if (i as u32) + 1 == col {
            at = dcol + 1;
        }
        if ch == '\t' {
            let n = 8 - (dcol % 8);
            for _ in 0..n {
                out.push(' ');
            }
            dcol += n;
        } else {
            out.push(ch);
            dcol += 1;
        }
    }
    if col as usize > line.chars().count() {
        at = dcol + (col - line.chars().count() as u32);
    }
    (out, at)
}

/// Prints diagnostics as gcc does, with `In function` and `In file included from` headers
/// whenever the context changes.
pub fn render(diags: &[Diagnostic], style: Style) -> String {
    let mut out = String::new();
    let mut last_fn: Option<Option<String>> = None;
    let mut last_file = String::new();
    let mut last_chain: Vec<(String, u32, u32)> = Vec::new();
    let mut last_place: Option<(String, u32, u32)> = None;
    for d in diags {
        if d.line == 0 {
            if d.file.is_empty() {
                let _ = writeln!(out, "{}", d.message);
            } else {
                let _ = writeln!(out, "{}: {}: {}", d.file, level_word(d.level), d.message);
            }
            continue;
        }
        if d.level != Level::Note {
            let chain_changed = d.included_from != last_chain;
            if chain_changed && !d.included_from.is_empty() {
                for (i, (f, l, c)) in d.included_from.iter().enumerate() {
                    let lead = if i == 0 {
                        "In file included from"
                    } else {
                        "                 from"
                    };
                    let sep = if i + 1 == d.included_from.len() {
                        ':'
                    } else {
                        ','
                    };
                    match style {
                        Style::Gcc5 => {
                            let _ = writeln!(out, "{lead} {f}:{l}:{c}{sep}");
                        }
                        Style::Gcc12 => {
                            let _ = writeln!(out, "{lead} {f}:{l}{sep}");
                        }
                    }
                }
            }
            last_chain = d.included_from.clone();
            let fn_changed = last_fn.as_ref() != Some(&d.function) || d.file != last_file;
            if fn_changed {
                match &d.function {
                    Some(f) => {
                        let _ = writeln!(out, "{}: In function '{}':", d.file, f);
                    }
                    None => {
                        if matches!(last_fn, Some(Some(_))) {
                            let _ = writeln!(out, "{}: At top level:", d.file);
                        }
                    }
                }
                last_fn = Some(d.function.clone());
                last_file = d.file.clone();
            }
        }
        let opt = d
            .option
            .as_ref()
            .map(|o| format!(" [{o}]"))
            .unwrap_or_default();
        let col = match (style, &d.source) {
            (Style::Gcc12, Some(src)) => expand_tabs(src, d.col).1,
            _ => d.col,
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {}: {}{}",
            d.file,
            d.line,
            col,
            level_word(d.level),
            d.message,
            opt
        );
        // gcc 5 shows a source line once for consecutive messages at one place.
        let repeated = style == Style::Gcc5 && last_place == Some((d.file.clone(), d.line, d.col));
        last_place = Some((d.file.clone(), d.line, d.col));
        if repeated {
            continue;
        }
        if let Some(src) = &d.source {
            match style {
                Style::Gcc5 => {
                    let _ = writeln!(out, " {src}");
                    let mut caret = String::from(" ");
                    for (i, ch) in src.chars().enumerate() {
                        if i + 1 >= d.col as usize {
                            break;
                        }
                        caret.push(if ch == '\t' { '\t' } else { ' ' });
                    }
                    while caret.len() < d.col as usize {
                        caret.push(' ');
                    }
                    caret.push('^');
                    let _ = writeln!(out, "{caret}");
                }
                Style::Gcc12 => {
                    let (shown, dcol) = expand_tabs(src, d.col);
                    if let Some(ins) = &d.insert_line {
                        let _ = writeln!(out, "  +++ |+{ins}");
                        let _ = writeln!(out, "{:>5} | {}", d.line, shown);
                        continue;
                    }
                    let _ = writeln!(out, "{:>5} | {}", d.line, shown);
                    if !d.ranges.is_empty() {
                        render_ranges(&mut out, src, d);
                        continue;
                    }
                    let mut caret = String::new();
                    for _ in 1..dcol {
                        caret.push(' ');
                    }
                    caret.push('^');
                    for _ in 1..d.len.max(1) {
                        caret.push('~');
                    }
                    let _ = writeln!(out, "      | {caret}");
                    if let Some(fix) = &d.fixit {
                        let pad: String = " ".repeat(dcol.saturating_sub(1) as usize);
                        let _ = writeln!(out, "      | {pad}{fix}");
                    }
                    if let Some((l2, c2, len2, src2)) = &d.secondary {
                        let (shown2, dcol2) = expand_tabs(src2, *c2);
                        let _ = writeln!(out, "{:>5} | {}", l2, shown2);
                        let mut u = " ".repeat(dcol2.saturating_sub(1) as usize);
                        u.push_str(&"~".repeat((*len2).max(1) as usize));
                        // gcc pads the line out to the primary caret's column.
                        while u.len() < dcol as usize {
                            u.push(' ');
                        }
                        let _ = writeln!(out, "      | {u}");
                    }
                }
            }
        }
    }
    out
}

/// gcc 12's underline, label and fix-it lines for labelled ranges.
fn render_ranges(out: &mut String, src: &str, d: &Diagnostic) {
    let dc = |c: u32| expand_tabs(src, c).1 as usize;
    let mut under: Vec<char> = Vec::new();
    let put = |v: &mut Vec<char>, at: usize, ch: char| {
        if v.len() < at {
            v.resize(at, ' ');
        }
        v[at - 1] = ch;
    };
    for r in &d.ranges {
        for c in r.col..r.col + r.len.max(1) {
            put(&mut under, dc(c), '~');
        }
        if let Some(c) = r.caret {
            put(&mut under, dc(c), '^');
        }
    }
    let _ = writeln!(
        out,
        "      | {}",
        under.iter().collect::<String>().trim_end()
    );
    let mut labelled: Vec<(usize, &str)> = d
        .ranges
        .iter()
        .filter_map(|r| {
            r.label
                .as_deref()
                .map(|l| (dc(r.caret.unwrap_or(r.col)), l))
        })
        .collect();
    if !labelled.is_empty() {
        // Rightmost labels go on the first row; a label that would run into one already
        // placed moves down a row, as gcc lays them out.
        labelled.small_sort_by_key(|l| std::cmp::Reverse(l.0));
        let mut rows: Vec<Vec<(usize, &str)>> = Vec::new();
        for (c, l) in &labelled {
            let end = c + l.chars().count();
            let row = rows
                .iter()
                .position(|r| r.iter().all(|(oc, _)| end < *oc))
                .unwrap_or(rows.len());
            if row == rows.len() {
                rows.push(Vec::new());
            }
            rows[row].push((*c, l));
        }
        let mut bars: Vec<char> = Vec::new();
        for (c, _) in &labelled {
            put(&mut bars, *c, '|');
        }
        let _ = writeln!(out, "      | {}", bars.iter().collect::<String>());
        for (k, row) in rows.iter().enumerate() {
            let mut line: Vec<char> = Vec::new();
            for later in rows.iter().skip(k + 1) {
                for (c, _) in later {
                    put(&mut line, *c, '|');
                }
            }
            for (c, l) in row {
                for (i, ch) in l.chars().enumerate() {
                    put(&mut line, c + i, ch);
                }
            }
            let _ = writeln!(
                out,
                "      | {}",
                line.iter().collect::<String>().trim_end()
            );
        }
    }
    if let (Some(fix), Some(first)) = (&d.fixit, d.ranges.first()) {
        let _ = writeln!(out, "      | {}{}", " ".repeat(dc(first.col) - 1), fix);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(style: Style, d: Diagnostic, expected: &str) {
        assert_eq!(render(&[d], style), expected);
    }

    fn diag() -> Diagnostic {
        let mut map = SrcMap::default();
        map.add("a.c", "int main(void) {\n\tz++;\n}\n".into(), None);
        let mut d = Diagnostic::at(
            &map,
            Level::Error,
            Loc {
                file: 0,
                line: 2,
                col: 2,
            },
            1,
            "'z' undeclared (first use in this function)".into(),
        );
        d.function = Some("main".into());
        d
    }

    #[test]
    fn styles() {
        check(Style::Gcc12, diag(), "a.c: In function 'main':\na.c:2:9: error: 'z' undeclared (first use in this function)\n    2 |         z++;\n      |         ^\n");
        check(Style::Gcc5, diag(), "a.c: In function 'main':\na.c:2:2: error: 'z' undeclared (first use in this function)\n \tz++;\n \t^\n");
    }
}
