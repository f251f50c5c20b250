//! The server's data directory (`/var/lib/mysql`): what [`Server::to_files`] writes and
//! [`Server::from_files`] reads back, so data survives the client leaving and the server's
//! container being replaced by another on the same volume.
//!
//! The layout follows MySQL's: `auto.cnf` with the server UUID, `ibdata1` with the accounts
//! and the list of databases, a directory per database (5.7 adds its `db.opt`), and per table
//! the definition (5.7: `t.frm`) and the rows (`t.ibd`; 8.0 keeps the definition there too).
//! The contents are text rather than InnoDB pages: the definition is the table's
//! `SHOW CREATE TABLE`, the rows are tab-separated as `SELECT … INTO OUTFILE` writes them.
//! The same state always gives the same bytes.

use crate::collections::SortedMap as BTreeMap;

use super::exec::{build_table, show_create_table};
use super::parser::parse_create_table;
use super::server::{Account, Database, Server, Table};
use super::types::ColumnType;
use super::value::{Decimal, Value};
use super::version::Version;

/// One entry of the data directory, relative to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataEntry {
    /// A directory (`shop/`).
    Dir(String),
    /// A file and its bytes.
    File(String, Vec<u8>),
}

/// Why a data directory could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    /// What was wrong, for the server's log.
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

const MAGIC: &str = "berth-mysql-data 1";

/// MySQL's file-name encoding of identifiers: letters, digits and `_` stay; anything else
/// becomes `@` and four hex digits (`my-table` → `my@002dtable`).
pub fn encode_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else {
            out.push_str(&format!("@{:04x}", u32::from(c)));
        }
    }
    out
}

/// The reverse of [`encode_name`].
pub fn decode_name(file: &str) -> Option<String> {
    let mut out = String::new();
    let mut chars = file.chars();
    while let Some(c) = chars.next() {
        if c == '@' {
            let hex: String = chars.by_ref().take(4).collect();
            let code = u32::from_str_radix(&hex, 16).ok()?;
            out.push(char::from_u32(code)?);
        } else {
            out.push(c);
        }
    }
    Some(out)
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

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Null => "\\N".into(),
        other => escape(&other.display()),
    }
}

fn value_from(text: &str, ty: &ColumnType) -> Value {
    if text == "\\N" {
        return Value::Null;
    }
    let s = unescape(text);
    match ty {
        ColumnType::Int { .. } | ColumnType::Year => {
            s.parse().map(Value::Int).unwrap_or(Value::Str(s))
        }
        ColumnType::Decimal { .. } => Decimal::parse(&s)
            .map(Value::Decimal)
            .unwrap_or(Value::Str(s)),
        ColumnType::Float { .. } | ColumnType::Double { .. } => {
            s.parse().map(Value::Double).unwrap_or(Value::Str(s))
        }
        _ => Value::Str(s),
    }
}

fn rows_text(t: &Table) -> String {
    let mut out = String::new();
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(value_text).collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    out
}

impl Server {
    /// The data directory's entries, directories before their files, in a fixed order.
    pub fn to_files(&self) -> Vec<DataEntry> {
        let series = self.version.series();
        let mut out = vec![DataEntry::File(
            "auto.cnf".into(),
            format!("[auto]\nserver-uuid={}\n", self.uuid).into_bytes(),
        )];
        let mut meta = format!("{MAGIC}\nversion\t{}\n", self.version.number());
        for a in &self.accounts {
            meta.push_str(&format!(
                "account\t{}\t{}\t{}\t{}\t{}\t{}\n",
                escape(&a.user),
                escape(&a.host),
                escape(&a.auth),
                u8::from(a.locked),
                u8::from(a.superuser),
                a.grants
                    .iter()
                    .map(|g| escape(g))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
        }
        for (name, db) in &self.databases {
            meta.push_str(&format!(
                "database\t{}\t{}\n",
                escape(name),
                escape(&db.charset)
            ));
        }
        out.push(DataEntry::File("ibdata1".into(), meta.into_bytes()));
        for sys in ["mysql", "performance_schema", "sys"] {
            out.push(DataEntry::Dir(sys.into()));
        }
        for (name, db) in &self.databases {
            let dir = encode_name(name);
            out.push(DataEntry::Dir(dir.clone()));
            if series.is_57() {
                let collation = if db.charset == "latin1" {
                    "latin1_swedish_ci".to_owned()
                } else {
                    format!("{}_general_ci", db.charset)
                };
                out.push(DataEntry::File(
                    format!("{dir}/db.opt"),
                    format!(
                        "default-character-set={}\ndefault-collation={collation}\n",
                        db.charset
                    )
                    .into_bytes(),
                ));
            }
            for (tname, t) in &db.tables {
                let file = encode_name(tname);
                let definition = format!("{}\n", show_create_table(t, series));
                if series.is_57() {
                    out.push(DataEntry::File(
                        format!("{dir}/{file}.frm"),
                        definition.into_bytes(),
                    ));
                    out.push(DataEntry::File(
                        format!("{dir}/{file}.ibd"),
                        rows_text(t).into_bytes(),
                    ));
                } else {
                    out.push(DataEntry::File(
                        format!("{dir}/{file}.ibd"),
                        format!("{definition}--\n{}", rows_text(t)).into_bytes(),
                    ));
                }
            }
        }
        out
    }

    /// Reads a data directory written by [`Server::to_files`], for a server running
    /// `version` (a 5.7 server forgets `AUTO_INCREMENT` counters on restart and recomputes
    /// them from the rows, as InnoDB before 8.0 does). Tables that cannot be read are left
    /// out; the directory as a whole fails only without a readable `ibdata1`.
    pub fn from_files(
        entries: &[DataEntry],
        version: &Version,
        hostname: &str,
    ) -> Result<Server, LoadError> {
        let files: Vec<(&str, &[u8])> = entries
            .iter()
            .filter_map(|e| match e {
                DataEntry::File(p, b) => Some((p.as_str(), b.as_slice())),
                DataEntry::Dir(_) => None,
            })
            .collect();
        let text = |p: &str| {
            files
                .iter()
                .find(|(name, _)| *name == p)
                .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        };
        let meta = text("ibdata1").ok_or_else(|| LoadError {
            message: "ibdata1 is missing".into(),
        })?;
        let mut lines = meta.lines();
        if lines.next() != Some(MAGIC) {
            return Err(LoadError {
                message: "ibdata1 is not a data file of this server".into(),
            });
        }
        let uuid = text("auto.cnf")
            .and_then(|t| {
                t.lines()
                    .find_map(|l| l.strip_prefix("server-uuid=").map(str::to_owned))
            })
            .unwrap_or_default();
        let mut server = Server::new(version.clone(), hostname, &uuid);
        server.accounts.clear();
        let series = version.series();
        for line in lines {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["account", user, host, auth, locked, superuser, grants] => {
                    server.accounts.push(Account {
                        user: unescape(user),
                        host: unescape(host),
                        auth: unescape(auth),
                        locked: *locked == "1",
                        superuser: *superuser == "1",
                        grants: grants
                            .split(',')
                            .filter(|g| !g.is_empty())
                            .map(unescape)
                            .collect(),
                    });
                }
                ["database", name, charset] => {
                    server.databases.insert(
                        unescape(name),
                        Database {
                            tables: BTreeMap::new(),
                            charset: unescape(charset),
                        },
                    );
                }
                _ => {}
            }
        }
        // Tables: every `db/t.ibd` of a known database.
        let names: Vec<String> = server.databases.keys().cloned().collect();
        for db in names {
            let dir = encode_name(&db);
            let prefix = format!("{dir}/");
            let tables: Vec<&str> = files
                .iter()
                .filter_map(|(p, _)| p.strip_prefix(prefix.as_str()))
                .filter_map(|f| f.strip_suffix(".ibd"))
                .filter(|f| !f.contains('/'))
                .collect();
            for file in tables {
                let Some(name) = decode_name(file) else {
                    continue;
                };
                let ibd = text(&format!("{dir}/{file}.ibd")).unwrap_or_default();
                let (definition, rows) = match text(&format!("{dir}/{file}.frm")) {
                    Some(frm) => (frm, ibd),
                    None => match ibd.split_once("\n--\n") {
                        Some((d, r)) => (d.to_owned(), r.to_owned()),
                        None => continue,
                    },
                };
                let Some(table) = read_table(&definition, &rows, series) else {
                    continue;
                };
                if let Some(d) = server.databases.get_mut(&db) {
                    d.tables.insert(name, table);
                }
            }
        }
        server.revision = 0;
        Ok(server)
    }
}

fn read_table(definition: &str, rows: &str, series: super::version::Series) -> Option<Table> {
    let ct = parse_create_table(definition.trim_end(), series).ok()?;
    let charset = ct.charset.clone().unwrap_or_else(|| "latin1".into());
    let mut table = build_table(&ct, series, charset).ok()?;
    for line in rows.lines() {
        let cells: Vec<&str> = line.split('\t').collect();
        if cells.len() != table.columns.len() {
            continue;
        }
        let row = cells
            .iter()
            .zip(&table.columns)
            .map(|(c, col)| value_from(c, &col.ty))
            .collect();
        table.rows.push(row);
    }
    if series.is_57() {
        if let Some(ai) = table.auto_column() {
            let max = table.rows.iter().map(|r| r[ai].to_i64()).max().unwrap_or(0);
            table.auto_increment = (max.max(0) as u64) + 1;
        }
    }
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::server::Login;

    fn server(version: Version) -> Server {
        let mut s = Server::new(version, "abc", "4922b755-5308-11f0-bab7-0242ac110002");
        s.set_root_password("%", "pw");
        s.ensure_database("my-shop");
        s.create_account("app", "%", "apppw", Some("my-shop"));
        let mut session = s
            .connect(&Login {
                user: "root",
                password: Some("pw"),
                client_host: "172.17.0.3",
                database: Some("my-shop"),
                via_socket: false,
            })
            .expect("login");
        for sql in [
            "CREATE TABLE users (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(20) NOT NULL, note TEXT, price DECIMAL(6,2), born DATE)",
            "INSERT INTO users (name, note, price, born) VALUES ('Alice', 'tab\there', 9.5, '2000-01-02'), ('Bob', NULL, NULL, NULL), ('张三', 'a\\\\b\nc', 1, '1999-12-31'), ('Dan', '', 0, NULL)",
            "DELETE FROM users WHERE id = 4",
            "CREATE TABLE blank (a INT)",
        ] {
            session.execute(&mut s, sql, 0).expect(sql);
        }
        s
    }

    #[test]
    fn round_trip_57() {
        let s = server(Version::mysql57());
        let files = s.to_files();
        let again = Server::from_files(&files, &Version::mysql57(), "abc").expect("load");
        // 5.7 recomputes AUTO_INCREMENT from the rows after a restart: id 4 was deleted.
        let mut expected = s.databases.clone();
        if let Some(t) = expected
            .get_mut("my-shop")
            .and_then(|d| d.tables.get_mut("users"))
        {
            assert_eq!(t.auto_increment, 5);
            t.auto_increment = 4;
        }
        assert_eq!(again.databases, expected);
        assert_eq!(again.accounts, s.accounts);
        let twice =
            Server::from_files(&again.to_files(), &Version::mysql57(), "abc").expect("load");
        assert_eq!(
            twice.to_files(),
            again.to_files(),
            "deterministic and lossless"
        );
        let paths: Vec<String> = files
            .iter()
            .map(|e| match e {
                DataEntry::Dir(p) => format!("{p}/"),
                DataEntry::File(p, _) => p.clone(),
            })
            .collect();
        assert_eq!(
            paths,
            [
                "auto.cnf",
                "ibdata1",
                "mysql/",
                "performance_schema/",
                "sys/",
                "my@002dshop/",
                "my@002dshop/db.opt",
                "my@002dshop/blank.frm",
                "my@002dshop/blank.ibd",
                "my@002dshop/users.frm",
                "my@002dshop/users.ibd",
            ]
        );
    }

    #[test]
    fn round_trip_80_keeps_the_counter() {
        let s = server(Version::mysql80());
        let files = s.to_files();
        let again = Server::from_files(&files, &Version::mysql80(), "abc").expect("load");
        assert_eq!(again.databases, s.databases);
        assert_eq!(again.to_files(), files);
        assert!(files
            .iter()
            .all(|e| !matches!(e, DataEntry::File(p, _) if p.ends_with(".frm"))));
    }

    #[test]
    fn unreadable_directories() {
        assert!(Server::from_files(&[], &Version::mysql57(), "h").is_err());
        let bad = [DataEntry::File("ibdata1".into(), b"garbage".to_vec())];
        assert!(Server::from_files(&bad, &Version::mysql57(), "h").is_err());
        let mut files = server(Version::mysql57()).to_files();
        for e in files.iter_mut() {
            if let DataEntry::File(p, b) = e {
                if p.ends_with("users.frm") {
                    *b = b"CREATE TABLE oops (".to_vec();
                }
            }
        }
        let s = Server::from_files(&files, &Version::mysql57(), "h").expect("load");
        let db = s.database("my-shop").expect("db");
        assert!(db.tables.contains_key("blank") && !db.tables.contains_key("users"));
    }

    #[test]
    fn names() {
        assert_eq!(encode_name("my-table"), "my@002dtable");
        assert_eq!(decode_name("my@002dtable").as_deref(), Some("my-table"));
        assert_eq!(
            decode_name(&encode_name("张三 x")).as_deref(),
            Some("张三 x")
        );
        assert_eq!(decode_name("bad@zz"), None);
    }
}
