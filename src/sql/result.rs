//! What a statement returns to the client: rows with column metadata, or an OK packet with
//! the affected-row count and the info line (`Rows matched: 1  Changed: 1  Warnings: 0`).

/// One column of a result set, with what the client needs to print it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResultColumn {
    /// The header (`count(*)`, `name`, an alias).
    pub name: String,
    /// Right-aligned by the client (numeric types).
    pub numeric: bool,
    /// The column can never be NULL (the client then does not widen it to fit `NULL`).
    pub not_null: bool,
}

impl ResultColumn {
    /// A nullable text column.
    pub fn text(name: &str) -> ResultColumn {
        ResultColumn {
            name: name.to_owned(),
            numeric: false,
            not_null: false,
        }
    }

    /// A text column that is never NULL.
    pub fn text_not_null(name: &str) -> ResultColumn {
        ResultColumn {
            name: name.to_owned(),
            numeric: false,
            not_null: true,
        }
    }

    /// A numeric column.
    pub fn number(name: &str, not_null: bool) -> ResultColumn {
        ResultColumn {
            name: name.to_owned(),
            numeric: true,
            not_null,
        }
    }
}

/// Rows as the client receives them: text, `None` for NULL.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ResultSet {
    /// The columns.
    pub columns: Vec<ResultColumn>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Option<String>>>,
}

/// How a statement ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A result set (`SELECT`, `SHOW`, `DESCRIBE`).
    Rows(ResultSet),
    /// An OK packet: rows affected and the optional info line.
    Done {
        /// `Query OK, n rows affected`.
        affected: u64,
        /// `Records: 2  Duplicates: 0  Warnings: 0`, `Rows matched: …`.
        info: Option<String>,
    },
}

/// The server's answer to one statement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryResult {
    /// Rows or an OK.
    pub outcome: Outcome,
    /// How many warnings the statement left (`SHOW WARNINGS` lists them).
    pub warnings: u32,
    /// How long it took, in hundredths of a second, as the client prints it: writes take
    /// `(0.01 sec)`, reads `(0.00 sec)` (fixed, so transcripts are deterministic).
    pub centis: u32,
}

impl QueryResult {
    /// An OK with `affected` rows and no info line.
    pub fn done(affected: u64) -> QueryResult {
        QueryResult {
            outcome: Outcome::Done {
                affected,
                info: None,
            },
            warnings: 0,
            centis: 0,
        }
    }

    /// A result set.
    pub fn rows(set: ResultSet) -> QueryResult {
        QueryResult {
            outcome: Outcome::Rows(set),
            warnings: 0,
            centis: 0,
        }
    }

    /// With `n` warnings.
    pub fn with_warnings(mut self, n: usize) -> QueryResult {
        self.warnings = n.min(u32::MAX as usize) as u32;
        self
    }

    /// The rows, if this is a result set.
    pub fn result_set(&self) -> Option<&ResultSet> {
        match &self.outcome {
            Outcome::Rows(set) => Some(set),
            Outcome::Done { .. } => None,
        }
    }
}
