//! The server's state: databases, tables and rows, user accounts, and logging in.
//!
//! Rows of a table with a primary key stay in key order, as InnoDB's clustered index keeps
//! them, so `SELECT *` without `ORDER BY` lists them the way MySQL does.

use crate::collections::SortedMap as BTreeMap;

use super::ast::{DefaultValue, KeyKind};
use super::error::SqlError;
use super::exec::Session;
use super::sha1::native_password_hash;
use super::types::ColumnType;
use super::value::{compare_text, Value};
use super::version::{Series, Version};

/// The schemas every server has, which `SHOW DATABASES` lists around the user's.
pub const SYSTEM_SCHEMAS: [&str; 4] = ["information_schema", "mysql", "performance_schema", "sys"];

/// Whether `db` is one of the built-in schemas (read-only here).
pub fn is_system_schema(db: &str) -> bool {
    SYSTEM_SCHEMAS.iter().any(|s| s.eq_ignore_ascii_case(db))
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Its name, as created.
    pub name: String,
    /// Its type.
    pub ty: ColumnType,
    /// Whether it accepts NULL.
    pub nullable: bool,
    /// Its default (`None`: no default; a nullable column then defaults to NULL).
    pub default: Option<DefaultValue>,
    /// `AUTO_INCREMENT`.
    pub auto_increment: bool,
    /// `ON UPDATE CURRENT_TIMESTAMP`.
    pub on_update_now: bool,
    /// `COMMENT`.
    pub comment: String,
}

/// An index of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// `PRIMARY`, or the index name.
    pub name: String,
    /// What kind.
    pub kind: KeyKind,
    /// Positions of its columns.
    pub columns: Vec<usize>,
}

impl Key {
    /// Whether two rows may not share its values.
    pub fn is_unique(&self) -> bool {
        matches!(self.kind, KeyKind::Primary | KeyKind::Unique)
    }
}

/// A table: definition and rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Its name.
    pub name: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// The indexes, the primary key first.
    pub keys: Vec<Key>,
    /// The rows, each as long as `columns`.
    pub rows: Vec<Vec<Value>>,
    /// The next `AUTO_INCREMENT` value.
    pub auto_increment: u64,
    /// `DEFAULT CHARSET`.
    pub charset: String,
    /// `COMMENT`.
    pub comment: String,
}

impl Table {
    /// The position of column `name` (case-insensitive, as MySQL's column names are).
    pub fn column_index(&self, name: &str) -> Option<usize> {
        self.columns
            .iter()
            .position(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// The primary key, if any.
    pub fn primary_key(&self) -> Option<&Key> {
        self.keys.iter().find(|k| k.kind == KeyKind::Primary)
    }

    /// The index InnoDB clusters rows by: the primary key, else the first unique key whose
    /// columns are all `NOT NULL`.
    pub fn clustered_key(&self) -> Option<&Key> {
        self.primary_key().or_else(|| {
            self.keys.iter().find(|k| {
                k.kind == KeyKind::Unique && k.columns.iter().all(|&c| !self.columns[c].nullable)
            })
        })
    }

    /// Puts rows in clustered-key order.
    pub fn sort_rows(&mut self) {
        let Some(key) = self.clustered_key().cloned() else {
            return;
        };
        super::value::sort_by_dyn(&mut self.rows, &|a: &Vec<Value>, b: &Vec<Value>| {
            for &c in &key.columns {
                let o = a[c]
                    .compare(&b[c])
                    .unwrap_or_else(|| a[c].is_null().cmp(&b[c].is_null()).reverse());
                if o.is_ne() {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }

    /// The auto-increment column, if any.
    pub fn auto_column(&self) -> Option<usize> {
        self.columns.iter().position(|c| c.auto_increment)
    }

    /// Checks `row` (at position `skip`, if it replaces one) against every unique key.
    /// Returns the key and the duplicated entry text.
    pub fn find_duplicate(&self, row: &[Value], skip: Option<usize>) -> Option<(usize, String)> {
        for (ki, key) in self.keys.iter().enumerate() {
            if !key.is_unique() || key.columns.iter().any(|&c| row[c].is_null()) {
                continue;
            }
            let clash = self.rows.iter().enumerate().any(|(i, other)| {
                Some(i) != skip
                    && key
                        .columns
                        .iter()
                        .all(|&c| matches!(row[c].compare(&other[c]), Some(o) if o.is_eq()))
            });
            if clash {
                let entry: Vec<String> = key.columns.iter().map(|&c| row[c].display()).collect();
                return Some((ki, entry.join("-")));
            }
        }
        None
    }

    /// The key name as 1062 names it: `PRIMARY` on 5.7, `t.PRIMARY` on 8.0.
    pub fn key_label(&self, key: usize, series: Series) -> String {
        let name = self
            .keys
            .get(key)
            .map(|k| k.name.as_str())
            .unwrap_or("PRIMARY");
        if series.is_57() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.name)
        }
    }
}

/// A database: its tables, by name.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Database {
    /// The tables.
    pub tables: BTreeMap<String, Table>,
    /// `DEFAULT CHARACTER SET`.
    pub charset: String,
}

/// A user account (`'user'@'host'`).
#[derive(Clone, Debug, PartialEq)]
pub struct Account {
    /// The user name.
    pub user: String,
    /// The host pattern (`%`, `localhost`).
    pub host: String,
    /// The `mysql_native_password` hash (empty: no password).
    pub auth: String,
    /// Locked system accounts (`mysql.sys`) cannot log in.
    pub locked: bool,
    /// Every privilege on every database.
    pub superuser: bool,
    /// Databases with `GRANT ALL`.
    pub grants: Vec<String>,
}

impl Account {
    fn system(user: &str) -> Account {
        Account {
            user: user.into(),
            host: "localhost".into(),
            auth: String::new(),
            locked: true,
            superuser: false,
            grants: Vec::new(),
        }
    }

    fn matches_host(&self, client: &str) -> bool {
        self.host == "%" || self.host.eq_ignore_ascii_case(client) || like_host(&self.host, client)
    }

    /// Whether the account may use database `db`.
    pub fn can_use(&self, db: &str) -> bool {
        self.superuser
            || db.eq_ignore_ascii_case("information_schema")
            || self.grants.iter().any(|g| g == db)
    }
}

fn like_host(pattern: &str, host: &str) -> bool {
    super::eval::like(host, pattern)
}

/// How a client logs in.
#[derive(Clone, Debug, PartialEq)]
pub struct Login<'a> {
    /// `-u`.
    pub user: &'a str,
    /// `-p…` (empty or `None`: no password).
    pub password: Option<&'a str>,
    /// Where the client connects from, as the server sees it: the client container's IP
    /// for TCP, `localhost` over the socket.
    pub client_host: &'a str,
    /// The database to start in.
    pub database: Option<&'a str>,
    /// Over the Unix socket (for `status`: `Localhost via UNIX socket`).
    pub via_socket: bool,
}

/// A MySQL server: what lives in `/var/lib/mysql`, plus the connection counter.
#[derive(Clone, Debug, PartialEq)]
pub struct Server {
    pub(crate) version: Version,
    pub(crate) databases: BTreeMap<String, Database>,
    pub(crate) accounts: Vec<Account>,
    pub(crate) uuid: String,
    pub(crate) hostname: String,
    pub(crate) next_connection: u64,
    pub(crate) revision: u64,
    pub(crate) started_at: i64,
    pub(crate) questions: u64,
}

impl Server {
    /// A freshly initialized server (`mysqld --initialize-insecure`): the system accounts and
    /// `root@localhost` without a password. `hostname` is the container's (`@@hostname`),
    /// `uuid` the server UUID written to `auto.cnf`.
    pub fn new(version: Version, hostname: &str, uuid: &str) -> Server {
        let mut accounts = vec![
            Account {
                user: "root".into(),
                host: "localhost".into(),
                auth: String::new(),
                locked: false,
                superuser: true,
                grants: Vec::new(),
            },
            Account::system("mysql.session"),
            Account::system("mysql.sys"),
        ];
        if !version.series().is_57() {
            accounts.push(Account::system("mysql.infoschema"));
        }
        let next_connection = version.first_connection_id();
        Server {
            version,
            databases: BTreeMap::new(),
            accounts,
            uuid: uuid.into(),
            hostname: hostname.into(),
            next_connection,
            revision: 0,
            started_at: 0,
            questions: 0,
        }
    }

    /// The version it runs.
    pub fn version(&self) -> &Version {
        &self.version
    }

    /// The server UUID (`auto.cnf`).
    pub fn uuid(&self) -> &str {
        &self.uuid
    }

    /// The host name it reports (`@@hostname`).
    pub fn hostname(&self) -> &str {
        &self.hostname
    }

    /// Tells the server its container's host name (it changes when a new container mounts
    /// the same data).
    pub fn set_hostname(&mut self, hostname: &str) {
        self.hostname = hostname.into();
    }

    /// Marks a (re)start at `now`: connection ids count from the start again, `Uptime`
    /// counts from here.
    pub fn restart(&mut self, now: i64) {
        self.next_connection = self.version.first_connection_id();
        self.started_at = now;
        self.questions = 0;
    }

    /// Statements run since start-up (`Questions` in `status`).
    pub fn questions(&self) -> u64 {
        self.questions
    }

    /// When the server started (nanoseconds since the epoch).
    pub fn started_at(&self) -> i64 {
        self.started_at
    }

    /// Grows with every change to data or accounts: save the files when it moved.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub(crate) fn touch(&mut self) {
        self.revision += 1;
    }

    /// The user databases (not the system schemas), by name.
    pub fn database_names(&self) -> Vec<String> {
        self.databases.keys().cloned().collect()
    }

    /// A user database.
    pub fn database(&self, name: &str) -> Option<&Database> {
        self.databases.get(name)
    }

    /// The accounts, `'user'@'host'`.
    pub fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    /// Sets (or creates) `'root'@host`'s password: the entrypoint's `ALTER USER` and
    /// `CREATE USER 'root'@'%'`.
    pub fn set_root_password(&mut self, host: &str, password: &str) {
        let auth = native_password_hash(password);
        if let Some(a) = self
            .accounts
            .iter_mut()
            .find(|a| a.user == "root" && a.host == host)
        {
            a.auth = auth;
        } else {
            self.accounts.push(Account {
                user: "root".into(),
                host: host.into(),
                auth,
                locked: false,
                superuser: true,
                grants: Vec::new(),
            });
        }
        self.touch();
    }

    /// Creates `'user'@host` with `password`, granted all on `database` if given
    /// (`MYSQL_USER`, `MYSQL_PASSWORD`, `MYSQL_DATABASE`).
    pub fn create_account(
        &mut self,
        user: &str,
        host: &str,
        password: &str,
        database: Option<&str>,
    ) {
        self.accounts
            .retain(|a| !(a.user == user && a.host == host));
        self.accounts.push(Account {
            user: user.into(),
            host: host.into(),
            auth: native_password_hash(password),
            locked: false,
            superuser: false,
            grants: database.map(|d| vec![d.to_owned()]).unwrap_or_default(),
        });
        self.touch();
    }

    /// Creates database `name` if it is missing (`MYSQL_DATABASE`).
    pub fn ensure_database(&mut self, name: &str) {
        if !self.databases.contains_key(name) {
            let charset = self.version.charset().0.to_owned();
            self.databases.insert(
                name.to_owned(),
                Database {
                    tables: BTreeMap::new(),
                    charset,
                },
            );
            self.touch();
        }
    }

    /// Logs a client in: finds the account for user and client host (the most specific host
    /// first, as MySQL sorts them), checks the password, and the starting database.
    /// Matches MySQL: a wrong password and an unknown user give the same 1045.
    pub fn connect(&mut self, login: &Login<'_>) -> Result<Session, SqlError> {
        let password = login.password.unwrap_or("");
        let using = !password.is_empty();
        let denied = || SqlError::access_denied(login.user, login.client_host, using);
        let mut candidates: Vec<&Account> = self
            .accounts
            .iter()
            .filter(|a| a.user == login.user && a.matches_host(login.client_host))
            .collect();
        super::value::sort_by_dyn(&mut candidates, &|a, b| {
            let wild = |x: &Account| x.host.contains('%') || x.host.contains('_');
            wild(a).cmp(&wild(b))
        });
        let account = candidates.first().copied().ok_or_else(denied)?;
        if account.locked || account.auth != native_password_hash(password) {
            return Err(denied());
        }
        let account = account.clone();
        if let Some(db) = login.database {
            if !self.database_exists(db) {
                if !account.can_use(db) && !is_system_schema(db) {
                    return Err(SqlError::db_access_denied(&account.user, &account.host, db));
                }
                return Err(SqlError::unknown_database(db));
            }
            if !account.can_use(db) {
                return Err(SqlError::db_access_denied(&account.user, &account.host, db));
            }
        }
        let id = self.next_connection;
        self.next_connection += 1;
        Ok(Session::new(
            id,
            account,
            login.client_host,
            login.database.map(str::to_owned),
            login.via_socket,
        ))
    }

    /// Whether `db` exists (a user database or a system schema).
    pub fn database_exists(&self, db: &str) -> bool {
        self.databases.contains_key(db) || SYSTEM_SCHEMAS.contains(&db)
    }

    /// Every database `SHOW DATABASES` lists for `account`, in MySQL's order
    /// (5.7: `information_schema` first, then by name; 8.0: all by name).
    pub fn visible_databases(&self, account: &Account) -> Vec<String> {
        let mut names: Vec<String> = self.databases.keys().cloned().collect();
        names.extend(SYSTEM_SCHEMAS[1..].iter().map(|s| s.to_string()));
        names.retain(|d| account.can_use(d));
        super::value::sort_by_dyn(&mut names, &|a, b| a.cmp(b));
        names.dedup();
        if self.version.series().is_57() {
            names.insert(0, "information_schema".into());
        } else {
            names.push("information_schema".into());
            super::value::sort_by_dyn(&mut names, &|a, b| a.cmp(b));
        }
        names
    }

    pub(crate) fn find_account(&self, user: &str, host: &str) -> Option<usize> {
        self.accounts
            .iter()
            .position(|a| a.user == user && compare_text(&a.host, host).is_eq())
    }
}
