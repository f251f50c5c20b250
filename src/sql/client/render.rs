//! How the `mysql` client prints a result: the boxed table (`print_table_data`), the
//! vertical `\G` form, and batch mode's tab-separated lines.
//!
//! Widths count bytes, as the client does with its default latin1 connection character set
//! (no locale in the container), so a UTF-8 name is as wide as its bytes.

use crate::sql::result::ResultSet;

/// MySQL pads at most this far (`MAX_COLUMN_LENGTH`).
const MAX_COLUMN_LENGTH: usize = 1024;

fn widths(set: &ResultSet, column_names: bool) -> Vec<usize> {
    set.columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let mut w = if column_names { c.name.len() } else { 0 };
            for row in &set.rows {
                let len = row
                    .get(i)
                    .and_then(|v| v.as_ref())
                    .map(|s| s.len())
                    .unwrap_or(4);
                w = w.max(len);
            }
            if w < 4 && !c.not_null {
                w = 4;
            }
            w
        })
        .collect()
}

fn pad(out: &mut String, data: &str, width: usize, right: bool) {
    let width = width.min(MAX_COLUMN_LENGTH);
    let fill = width.saturating_sub(data.len());
    if right {
        out.push_str(&" ".repeat(fill));
    }
    // `\0` would eat a cell on the terminal; the client prints a space instead.
    out.push_str(&data.replace('\0', " "));
    if !right {
        out.push_str(&" ".repeat(fill));
    }
}

/// The boxed table: `+----+` borders, left-aligned text, right-aligned numbers, `NULL`.
pub fn table(set: &ResultSet, column_names: bool) -> String {
    let w = widths(set, column_names);
    let mut sep = String::from("+");
    for width in &w {
        sep.push_str(&"-".repeat(width.min(&MAX_COLUMN_LENGTH) + 2));
        sep.push('+');
    }
    let mut out = String::new();
    out.push_str(&sep);
    out.push('\n');
    if column_names {
        out.push('|');
        for (c, width) in set.columns.iter().zip(&w) {
            out.push(' ');
            pad(&mut out, &c.name, *width, false);
            out.push_str(" |");
        }
        out.push('\n');
        out.push_str(&sep);
        out.push('\n');
    }
    for row in &set.rows {
        out.push_str("| ");
        for (i, (c, width)) in set.columns.iter().zip(&w).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            let v = row.get(i).and_then(|v| v.as_deref()).unwrap_or("NULL");
            pad(&mut out, v, *width, c.numeric);
            out.push_str(" |");
        }
        out.push('\n');
    }
    out.push_str(&sep);
    out.push('\n');
    out
}

/// The vertical form (`\G`, `-E`).
pub fn vertical(set: &ResultSet, column_names: bool) -> String {
    let max = set.columns.iter().map(|c| c.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (n, row) in set.rows.iter().enumerate() {
        out.push_str(&format!(
            "*************************** {}. row ***************************\n",
            n + 1
        ));
        for (i, c) in set.columns.iter().enumerate() {
            if column_names {
                out.push_str(&format!("{:>max$}: ", c.name));
            }
            match row.get(i).and_then(|v| v.as_deref()) {
                Some(v) => out.push_str(&v.replace('\0', " ")),
                None => out.push_str("NULL"),
            }
            out.push('\n');
        }
    }
    out
}

/// Batch mode: a header line of names, then one line per row, tab-separated, with tabs,
/// newlines, backslashes and NULs escaped (`--raw` turns the escaping off).
pub fn tabbed(set: &ResultSet, column_names: bool, raw: bool) -> String {
    let mut out = String::new();
    if column_names {
        let names: Vec<&str> = set.columns.iter().map(|c| c.name.as_str()).collect();
        out.push_str(&names.join("\t"));
        out.push('\n');
    }
    for row in &set.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|v| match v {
                None => "NULL".to_owned(),
                Some(s) if raw => s.clone(),
                Some(s) => escape(s),
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::result::ResultColumn;

    fn set() -> ResultSet {
        ResultSet {
            columns: vec![
                ResultColumn::number("id", true),
                ResultColumn::text("name"),
                ResultColumn::number("n", false),
            ],
            rows: vec![
                vec![Some("1".into()), Some("Alice".into()), None],
                vec![Some("10".into()), None, Some("3".into())],
            ],
        }
    }

    #[test]
    fn boxed() {
        assert_eq!(
            table(&set(), true),
            "+----+-------+------+\n\
             | id | name  | n    |\n\
             +----+-------+------+\n\
             |  1 | Alice | NULL |\n\
             | 10 | NULL  |    3 |\n\
             +----+-------+------+\n"
        );
    }

    #[test]
    fn vertical_rows() {
        assert_eq!(
            vertical(&set(), true),
            "*************************** 1. row ***************************\n  \
             id: 1\nname: Alice\n   n: NULL\n\
             *************************** 2. row ***************************\n  \
             id: 10\nname: NULL\n   n: 3\n"
        );
    }

    #[test]
    fn tabs() {
        assert_eq!(
            tabbed(&set(), true, false),
            "id\tname\tn\n1\tAlice\tNULL\n10\tNULL\t3\n"
        );
        let s = ResultSet {
            columns: vec![ResultColumn::text("t")],
            rows: vec![vec![Some("a\tb\nc\\".into())]],
        };
        assert_eq!(tabbed(&s, false, false), "a\\tb\\nc\\\\\n");
    }
}
