//! A connection (`Session`) and running statements on the server: DDL, DML, `SHOW`, `SET`,
//! accounts and transactions, in strict mode as MySQL 5.7 and 8.0 run by default.
//!
//! Every statement is atomic: it works on a copy of the table and replaces it only when it
//! succeeds (InnoDB rolls a failed statement back). `AUTO_INCREMENT` values handed out by a
//! failed statement stay used, as in InnoDB.

use crate::collections::SortedMap as BTreeMap;

use super::ast::*;
use super::error::SqlError;
use super::eval::{eval, Env};
use super::parser::{parse_statement, parse_statements};
use super::result::{Outcome, QueryResult, ResultColumn, ResultSet};
use super::select::{add_to_scope, open_table, order_values, run_select, Binder, Scope, Source};
use super::server::{is_system_schema, Account, Column, Database, Key, Server, Table};
use super::types::ColumnType;
use super::value::Value;
use super::version::Series;

/// A note or warning a statement left (`SHOW WARNINGS`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// `Note`, `Warning` or `Error`.
    pub level: &'static str,
    /// The error number.
    pub code: u16,
    /// The text.
    pub message: String,
}

impl Warning {
    fn note(e: SqlError) -> Warning {
        Warning {
            level: "Note",
            code: e.code,
            message: e.message,
        }
    }
}

/// One client connection: who is logged in, the current database, the last insert id,
/// user variables, warnings, and an open transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    id: u64,
    account: Account,
    client_host: String,
    db: Option<String>,
    via_socket: bool,
    warnings: Vec<Warning>,
    last_insert_id: u64,
    row_count: i64,
    user_vars: Vec<(String, Value)>,
    transaction: Option<BTreeMap<String, Database>>,
    charset: String,
}

type R = Result<QueryResult, SqlError>;

impl Session {
    pub(crate) fn new(
        id: u64,
        account: Account,
        client_host: &str,
        db: Option<String>,
        via_socket: bool,
    ) -> Session {
        Session {
            id,
            account,
            client_host: client_host.to_owned(),
            db,
            via_socket,
            warnings: Vec::new(),
            last_insert_id: 0,
            row_count: -1,
            user_vars: Vec::new(),
            transaction: None,
            charset: "latin1".into(),
        }
    }

    /// The connection id (`Your MySQL connection id is 2`).
    pub fn id(&self) -> u64 {
        self.id
    }

    /// The current database.
    pub fn database(&self) -> Option<&str> {
        self.db.as_deref()
    }

    /// The account logged in.
    pub fn account(&self) -> &Account {
        &self.account
    }

    /// Where the client connects from (`172.17.0.3`, `localhost`).
    pub fn client_host(&self) -> &str {
        &self.client_host
    }

    /// Over the Unix socket rather than TCP.
    pub fn via_socket(&self) -> bool {
        self.via_socket
    }

    /// `USER()`: `root@172.17.0.3`.
    pub fn user_at_host(&self) -> String {
        format!("{}@{}", self.account.user, self.client_host)
    }

    /// `CURRENT_USER()`: `root@%`.
    pub fn account_name(&self) -> String {
        format!("{}@{}", self.account.user, self.account.host)
    }

    /// `LAST_INSERT_ID()`.
    pub fn last_insert_id(&self) -> u64 {
        self.last_insert_id
    }

    /// `ROW_COUNT()`.
    pub fn row_count(&self) -> i64 {
        self.row_count
    }

    /// A user variable (`@v`).
    pub fn user_var(&self, name: &str) -> Option<&Value> {
        let name = name.to_ascii_lowercase();
        self.user_vars
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v)
    }

    /// The warnings of the last statement.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// The character set the client talks (`SET NAMES`).
    pub fn charset(&self) -> &str {
        &self.charset
    }

    /// Runs one statement (a trailing `;` is allowed). `now` is the wall clock in
    /// nanoseconds since the epoch, for `NOW()` and `CURRENT_TIMESTAMP` defaults.
    pub fn execute(&mut self, server: &mut Server, sql: &str, now: i64) -> R {
        let parsed = parse_statement(sql, server.version().series());
        let result = parsed.and_then(|stmt| self.run(server, &stmt, now));
        self.after(&result);
        result
    }

    /// Runs every statement of `sql` (as a client with multi-statements does after a
    /// `DELIMITER` change), stopping at the first error.
    pub fn execute_all(&mut self, server: &mut Server, sql: &str, now: i64) -> Vec<R> {
        let stmts = match parse_statements(sql, server.version().series()) {
            Ok(s) => s,
            Err(e) => {
                let r = Err(e);
                self.after(&r);
                return vec![r];
            }
        };
        let mut out = Vec::new();
        for stmt in &stmts {
            let r = self.run(server, stmt, now);
            self.after(&r);
            let failed = r.is_err();
            out.push(r);
            if failed {
                break;
            }
        }
        out
    }

    fn after(&mut self, result: &R) {
        match result {
            Err(e) => {
                self.warnings = vec![Warning {
                    level: "Error",
                    code: e.code,
                    message: e.message.clone(),
                }];
                self.row_count = -1;
            }
            Ok(QueryResult {
                outcome: Outcome::Done { affected, .. },
                ..
            }) => self.row_count = *affected as i64,
            Ok(_) => self.row_count = -1,
        }
    }

    fn run(&mut self, server: &mut Server, stmt: &Statement, now: i64) -> R {
        if !matches!(stmt, Statement::ShowWarnings { .. }) {
            self.warnings.clear();
        }
        server.questions += 1;
        let writes = matches!(
            stmt,
            Statement::CreateDatabase { .. }
                | Statement::DropDatabase { .. }
                | Statement::CreateTable(_)
                | Statement::DropTable { .. }
                | Statement::Truncate(_)
                | Statement::AlterTable { .. }
                | Statement::RenameTable { .. }
                | Statement::Insert(_)
                | Statement::Update(_)
                | Statement::Delete(_)
        );
        let mut result = self.run_statement(server, stmt, now)?;
        let quiet = matches!(result.outcome, Outcome::Done { affected: 0, .. })
            && matches!(stmt, Statement::Update(_) | Statement::Delete(_));
        if writes && !quiet && result.warnings == 0 {
            result.centis = 1;
        }
        Ok(result)
    }

    fn run_statement(&mut self, server: &mut Server, stmt: &Statement, now: i64) -> R {
        match stmt {
            Statement::CreateDatabase {
                name,
                if_not_exists,
            } => self.create_database(server, name, *if_not_exists),
            Statement::DropDatabase { name, if_exists } => {
                self.drop_database(server, name, *if_exists)
            }
            Statement::Use(db) => self.use_database(server, db),
            Statement::ShowDatabases { like } => {
                let mut rows: Vec<String> = server.visible_databases(&self.account);
                if let Some(p) = like {
                    rows.retain(|d| super::eval::like(d, p));
                }
                let header = match like {
                    Some(p) => format!("Database ({p})"),
                    None => "Database".into(),
                };
                Ok(list_result(&header, rows))
            }
            Statement::ShowTables { db, like, full } => self.show_tables(server, db, like, *full),
            Statement::ShowColumns { table, like } => self.describe(server, table, like.as_deref()),
            Statement::ShowCreateTable(t) => {
                let (db, table) = self.user_table(server, t)?;
                let text = show_create_table(table, server.version().series());
                let _ = db;
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::text_not_null("Table"),
                        ResultColumn::text_not_null("Create Table"),
                    ],
                    rows: vec![vec![Some(table.name.clone()), Some(text)]],
                }))
            }
            Statement::ShowCreateDatabase { name, .. } => {
                if !server.database_exists(name) {
                    return Err(SqlError::unknown_database(name));
                }
                let text = show_create_database(server, name);
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::text_not_null("Database"),
                        ResultColumn::text_not_null("Create Database"),
                    ],
                    rows: vec![vec![Some(name.clone()), Some(text)]],
                }))
            }
            Statement::ShowVariables { like } => {
                let mut rows = Vec::new();
                for (name, value) in variables(server, self) {
                    if like.as_ref().is_none_or(|p| super::eval::like(name, p)) {
                        rows.push(vec![Some(name.to_owned()), Some(value)]);
                    }
                }
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::text_not_null("Variable_name"),
                        ResultColumn::text("Value"),
                    ],
                    rows,
                }))
            }
            Statement::ShowStatus { like } => {
                let uptime = ((now - server.started_at) / 1_000_000_000).max(0);
                let status = [
                    ("Threads_connected", "1".to_owned()),
                    ("Uptime", uptime.to_string()),
                ];
                let rows = status
                    .iter()
                    .filter(|(n, _)| like.as_ref().is_none_or(|p| super::eval::like(n, p)))
                    .map(|(n, v)| vec![Some(n.to_string()), Some(v.clone())])
                    .collect();
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::text_not_null("Variable_name"),
                        ResultColumn::text("Value"),
                    ],
                    rows,
                }))
            }
            Statement::ShowWarnings { errors } => {
                let rows = self
                    .warnings
                    .iter()
                    .filter(|w| !*errors || w.level == "Error")
                    .map(|w| {
                        vec![
                            Some(w.level.to_owned()),
                            Some(w.code.to_string()),
                            Some(w.message.clone()),
                        ]
                    })
                    .collect();
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::text_not_null("Level"),
                        ResultColumn::number("Code", true),
                        ResultColumn::text_not_null("Message"),
                    ],
                    rows,
                }))
            }
            Statement::ShowEngines => Ok(show_engines()),
            Statement::ShowProcesslist => {
                let row = vec![
                    Some(self.id.to_string()),
                    Some(self.account.user.clone()),
                    Some(if self.via_socket {
                        "localhost".to_owned()
                    } else {
                        format!("{}:{}", self.client_host, 40_000 + self.id * 7)
                    }),
                    self.db.clone(),
                    Some("Query".into()),
                    Some("0".into()),
                    Some("starting".into()),
                    Some("show processlist".into()),
                ];
                Ok(QueryResult::rows(ResultSet {
                    columns: vec![
                        ResultColumn::number("Id", true),
                        ResultColumn::text_not_null("User"),
                        ResultColumn::text_not_null("Host"),
                        ResultColumn::text("db"),
                        ResultColumn::text_not_null("Command"),
                        ResultColumn::number("Time", true),
                        ResultColumn::text("State"),
                        ResultColumn::text("Info"),
                    ],
                    rows: vec![row],
                }))
            }
            Statement::ShowGrants { user } => self.show_grants(server, user.as_ref()),
            Statement::ShowIndex(t) => {
                let (_, table) = self.user_table(server, t)?;
                Ok(show_index(table))
            }
            Statement::ShowTableStatus { .. } => Err(SqlError::not_supported("SHOW TABLE STATUS")),
            Statement::CreateTable(ct) => self.create_table(server, ct),
            Statement::DropTable { tables, if_exists } => {
                self.drop_tables(server, tables, *if_exists)
            }
            Statement::Truncate(t) => {
                let db = self.db_for(&t.db)?;
                self.writable(server, &db)?;
                let table = server
                    .databases
                    .get_mut(&db)
                    .and_then(|d| d.tables.get_mut(&t.name))
                    .ok_or_else(|| SqlError::no_such_table(&db, &t.name))?;
                table.rows.clear();
                table.auto_increment = 1;
                server.touch();
                Ok(QueryResult::done(0))
            }
            Statement::AlterTable { table, actions } => self.alter_table(server, table, actions),
            Statement::RenameTable { from, to } => {
                let db = self.db_for(&from.db)?;
                let to_db = self.db_for(&to.db)?;
                self.writable(server, &db)?;
                self.writable(server, &to_db)?;
                if server
                    .database(&to_db)
                    .is_some_and(|d| d.tables.contains_key(&to.name))
                {
                    return Err(SqlError::table_exists(&to.name));
                }
                let mut t = server
                    .databases
                    .get_mut(&db)
                    .and_then(|d| d.tables.remove(&from.name))
                    .ok_or_else(|| SqlError::no_such_table(&db, &from.name))?;
                t.name = to.name.clone();
                if let Some(d) = server.databases.get_mut(&to_db) {
                    d.tables.insert(to.name.clone(), t);
                }
                server.touch();
                Ok(QueryResult::done(0))
            }
            Statement::Insert(ins) => self.insert(server, ins, now),
            Statement::Select(sel) => {
                let env = Env::new(server, self, now);
                let set = run_select(&env, sel)?;
                let raised = env.warnings.take();
                let n = raised.len();
                self.warnings
                    .extend(raised.into_iter().map(|(code, message)| Warning {
                        level: "Warning",
                        code,
                        message,
                    }));
                Ok(QueryResult::rows(set).with_warnings(n))
            }
            Statement::Update(up) => self.update(server, up, now),
            Statement::Delete(del) => self.delete(server, del, now),
            Statement::Set(items) => self.set(server, items, now),
            Statement::Begin => {
                self.transaction = Some(server.databases.clone());
                Ok(QueryResult::done(0))
            }
            Statement::Commit => {
                self.transaction = None;
                Ok(QueryResult::done(0))
            }
            Statement::Rollback => {
                if let Some(saved) = self.transaction.take() {
                    server.databases = saved;
                    server.touch();
                }
                Ok(QueryResult::done(0))
            }
            Statement::CreateUser {
                user,
                host,
                password,
                if_not_exists,
            } => {
                self.require_super("CREATE USER")?;
                if server.find_account(user, host).is_some() {
                    if *if_not_exists {
                        self.warnings.push(Warning {
                            level: "Note",
                            code: 3163,
                            message: format!("Authorization ID '{user}'@'{host}' already exists."),
                        });
                        return Ok(QueryResult::done(0).with_warnings(1));
                    }
                    return Err(SqlError::user_operation_failed("CREATE USER", user, host));
                }
                server.create_account(user, host, password.as_deref().unwrap_or(""), None);
                Ok(QueryResult::done(0))
            }
            Statement::DropUser {
                user,
                host,
                if_exists,
            } => {
                self.require_super("CREATE USER")?;
                match server.find_account(user, host) {
                    Some(i) => {
                        server.accounts.remove(i);
                        server.touch();
                        Ok(QueryResult::done(0))
                    }
                    None if *if_exists => Ok(QueryResult::done(0)),
                    None => Err(SqlError::user_operation_failed("DROP USER", user, host)),
                }
            }
            Statement::Grant {
                db,
                user,
                host,
                password,
            } => {
                self.require_super("GRANT OPTION")?;
                let i = match server.find_account(user, host) {
                    Some(i) => i,
                    None => {
                        if server.version().series().is_57() && password.is_none() {
                            return Err(SqlError {
                                code: 1133,
                                state: "42000",
                                message: "Can't find any matching row in the user table".into(),
                            });
                        }
                        if !server.version().series().is_57() {
                            return Err(SqlError {
                                code: 1410,
                                state: "42000",
                                message: "You are not allowed to create a user with GRANT".into(),
                            });
                        }
                        server.create_account(user, host, password.as_deref().unwrap_or(""), None);
                        server.accounts.len() - 1
                    }
                };
                let account = &mut server.accounts[i];
                match db {
                    None => account.superuser = true,
                    Some(d) => {
                        if !account.grants.contains(d) {
                            account.grants.push(d.clone());
                        }
                    }
                }
                server.touch();
                Ok(QueryResult::done(0))
            }
            Statement::Flush => Ok(QueryResult::done(0)),
            Statement::SetPassword { user, password } => {
                let (u, h) = match user {
                    Some((u, h)) => {
                        if (u, h) != (&self.account.user, &self.account.host) {
                            self.require_super("CREATE USER")?;
                        }
                        (u.clone(), h.clone())
                    }
                    None => (self.account.user.clone(), self.account.host.clone()),
                };
                let i = server
                    .find_account(&u, &h)
                    .ok_or_else(|| SqlError::user_operation_failed("ALTER USER", &u, &h))?;
                server.accounts[i].auth = super::sha1::native_password_hash(password);
                server.touch();
                Ok(QueryResult::done(0))
            }
        }
    }

    // ----- shared checks -----

    fn db_for(&self, db: &Option<String>) -> Result<String, SqlError> {
        match db {
            Some(d) => Ok(d.clone()),
            None => self.db.clone().ok_or_else(SqlError::no_database_selected),
        }
    }

    fn require_super(&self, privilege: &str) -> Result<(), SqlError> {
        if self.account.superuser {
            Ok(())
        } else {
            Err(SqlError::specific_access_denied(privilege))
        }
    }

    /// Checks the user may change `db`, and that it is not a system schema.
    fn writable(&self, server: &Server, db: &str) -> Result<(), SqlError> {
        if is_system_schema(db) || !self.account.can_use(db) {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                db,
            ));
        }
        if !server.databases.contains_key(db) {
            return Err(SqlError::unknown_database(db));
        }
        Ok(())
    }

    fn user_table<'s>(
        &self,
        server: &'s Server,
        t: &TableName,
    ) -> Result<(String, &'s Table), SqlError> {
        let db = self.db_for(&t.db)?;
        if !self.account.can_use(&db) {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                &db,
            ));
        }
        let table = server
            .database(&db)
            .and_then(|d| d.tables.get(&t.name))
            .ok_or_else(|| SqlError::no_such_table(&db, &t.name))?;
        Ok((db, table))
    }

    // ----- databases -----

    fn create_database(&mut self, server: &mut Server, name: &str, if_not_exists: bool) -> R {
        check_name(name, true)?;
        if name.eq_ignore_ascii_case("information_schema") || !self.account.superuser {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                name,
            ));
        }
        if server.database_exists(name) {
            if if_not_exists {
                self.warnings
                    .push(Warning::note(SqlError::database_exists(name)));
                return Ok(QueryResult::done(1).with_warnings(1));
            }
            return Err(SqlError::database_exists(name));
        }
        server.ensure_database(name);
        Ok(QueryResult::done(1))
    }

    fn drop_database(&mut self, server: &mut Server, name: &str, if_exists: bool) -> R {
        if is_system_schema(name) || !self.account.superuser {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                name,
            ));
        }
        let Some(db) = server.databases.remove(name) else {
            if if_exists {
                self.warnings
                    .push(Warning::note(SqlError::drop_missing_database(name)));
                return Ok(QueryResult::done(0).with_warnings(1));
            }
            return Err(SqlError::drop_missing_database(name));
        };
        server.touch();
        if self.db.as_deref() == Some(name) {
            self.db = None;
        }
        Ok(QueryResult::done(db.tables.len() as u64))
    }

    fn use_database(&mut self, server: &Server, db: &str) -> R {
        if !server.database_exists(db) {
            if !self.account.can_use(db) && !is_system_schema(db) {
                return Err(SqlError::db_access_denied(
                    &self.account.user,
                    &self.account.host,
                    db,
                ));
            }
            return Err(SqlError::unknown_database(db));
        }
        if !self.account.can_use(db) {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                db,
            ));
        }
        self.db = Some(db.to_owned());
        Ok(QueryResult::done(0))
    }

    /// Selects database `db` (the client's `USE`, `mysql_select_db`).
    pub fn select_db(&mut self, server: &Server, db: &str) -> Result<(), SqlError> {
        self.use_database(server, db).map(|_| ())
    }

    fn show_tables(
        &self,
        server: &Server,
        db: &Option<String>,
        like: &Option<String>,
        full: bool,
    ) -> R {
        let db = self.db_for(db)?;
        if !server.database_exists(&db) {
            return Err(SqlError::unknown_database(&db));
        }
        if !self.account.can_use(&db) {
            return Err(SqlError::db_access_denied(
                &self.account.user,
                &self.account.host,
                &db,
            ));
        }
        let mut names: Vec<String> = match server.database(&db) {
            Some(d) => d.tables.keys().cloned().collect(),
            None => super::catalog::system_table_names(&db, server.version().series()),
        };
        if let Some(p) = like {
            names.retain(|n| super::eval::like(n, p));
        }
        let mut header = format!("Tables_in_{db}");
        if let Some(p) = like {
            header.push_str(&format!(" ({p})"));
        }
        if full {
            let kind = if db == "information_schema" {
                "SYSTEM VIEW"
            } else {
                "BASE TABLE"
            };
            return Ok(QueryResult::rows(ResultSet {
                columns: vec![
                    ResultColumn::text_not_null(&header),
                    ResultColumn::text_not_null("Table_type"),
                ],
                rows: names
                    .into_iter()
                    .map(|n| vec![Some(n), Some(kind.to_owned())])
                    .collect(),
            }));
        }
        Ok(list_result(&header, names))
    }

    fn describe(&self, server: &Server, t: &TableName, like: Option<&str>) -> R {
        let (_, table) = self.user_table(server, t)?;
        let series = server.version().series();
        let mut rows = Vec::new();
        for (i, c) in table.columns.iter().enumerate() {
            if like.is_some_and(|p| !super::eval::like(&c.name, p)) {
                continue;
            }
            rows.push(vec![
                Some(c.name.clone()),
                Some(c.ty.sql_name(series)),
                Some(if c.nullable { "YES" } else { "NO" }.to_owned()),
                Some(key_flag(table, i)),
                default_text(c),
                Some(extra_text(c, series)),
            ]);
        }
        Ok(QueryResult::rows(ResultSet {
            columns: vec![
                ResultColumn::text_not_null("Field"),
                ResultColumn::text_not_null("Type"),
                ResultColumn::text_not_null("Null"),
                ResultColumn::text_not_null("Key"),
                ResultColumn::text("Default"),
                ResultColumn::text_not_null("Extra"),
            ],
            rows,
        }))
    }

    fn show_grants(&self, server: &Server, user: Option<&(String, String)>) -> R {
        let (u, h) = match user {
            Some((u, h)) => (u.clone(), h.clone()),
            None => (self.account.user.clone(), self.account.host.clone()),
        };
        let account = server
            .find_account(&u, &h)
            .map(|i| server.accounts[i].clone())
            .ok_or_else(|| SqlError::no_such_grant(&u, &h))?;
        let mut rows = Vec::new();
        if account.superuser {
            rows.push(format!(
                "GRANT ALL PRIVILEGES ON *.* TO '{u}'@'{h}' WITH GRANT OPTION"
            ));
        } else {
            rows.push(format!("GRANT USAGE ON *.* TO '{u}'@'{h}'"));
            for g in &account.grants {
                rows.push(format!("GRANT ALL PRIVILEGES ON `{g}`.* TO '{u}'@'{h}'"));
            }
        }
        Ok(list_result(&format!("Grants for {u}@{h}"), rows))
    }

    // ----- tables -----

    fn create_table(&mut self, server: &mut Server, ct: &CreateTable) -> R {
        let db = self.db_for(&ct.table.db)?;
        check_name(&ct.table.name, false)?;
        self.writable(server, &db)?;
        let series = server.version().series();
        let exists = server
            .database(&db)
            .is_some_and(|d| d.tables.contains_key(&ct.table.name));
        if exists {
            if ct.if_not_exists {
                self.warnings
                    .push(Warning::note(SqlError::table_exists(&ct.table.name)));
                return Ok(QueryResult::done(0).with_warnings(1));
            }
            return Err(SqlError::table_exists(&ct.table.name));
        }
        let table = if let Some(like) = &ct.like {
            let (_, src) = self.user_table(server, like)?;
            let mut t = src.clone();
            t.name = ct.table.name.clone();
            t.rows.clear();
            t.auto_increment = 1;
            t
        } else {
            let charset = ct
                .charset
                .clone()
                .or_else(|| server.database(&db).map(|d| d.charset.clone()))
                .unwrap_or_else(|| server.version().charset().0.to_owned());
            build_table(ct, series, charset)?
        };
        if let Some(d) = server.databases.get_mut(&db) {
            d.tables.insert(ct.table.name.clone(), table);
        }
        server.touch();
        Ok(QueryResult::done(0))
    }

    fn drop_tables(&mut self, server: &mut Server, tables: &[TableName], if_exists: bool) -> R {
        let mut missing = Vec::new();
        let mut present = Vec::new();
        for t in tables {
            let db = self.db_for(&t.db)?;
            if is_system_schema(&db) || !self.account.can_use(&db) {
                return Err(SqlError::db_access_denied(
                    &self.account.user,
                    &self.account.host,
                    &db,
                ));
            }
            if server
                .database(&db)
                .is_some_and(|d| d.tables.contains_key(&t.name))
            {
                present.push((db, t.name.clone()));
            } else {
                missing.push(format!("{db}.{}", t.name));
            }
        }
        let atomic = !server.version().series().is_57();
        if !missing.is_empty() && !if_exists && atomic {
            return Err(SqlError::unknown_table(&missing.join(",")));
        }
        for (db, name) in &present {
            if let Some(d) = server.databases.get_mut(db) {
                d.tables.remove(name);
            }
        }
        if !present.is_empty() {
            server.touch();
        }
        if !missing.is_empty() {
            if !if_exists {
                return Err(SqlError::unknown_table(&missing.join(",")));
            }
            for m in &missing {
                self.warnings
                    .push(Warning::note(SqlError::unknown_table(m)));
            }
            let n = self.warnings.len();
            return Ok(QueryResult::done(0).with_warnings(n));
        }
        Ok(QueryResult::done(0))
    }

    fn alter_table(&mut self, server: &mut Server, name: &TableName, actions: &[AlterAction]) -> R {
        let db = self.db_for(&name.db)?;
        self.writable(server, &db)?;
        let series = server.version().series();
        let mut table = server
            .database(&db)
            .and_then(|d| d.tables.get(&name.name))
            .cloned()
            .ok_or_else(|| SqlError::no_such_table(&db, &name.name))?;
        let mut new_name = None;
        let mut copied = 0u64;
        for action in actions {
            match action {
                AlterAction::AddColumn { def, position } => {
                    if table.column_index(&def.name).is_some() {
                        return Err(SqlError::duplicate_column(&def.name));
                    }
                    let mut scratch = CreateTable {
                        table: name.clone(),
                        if_not_exists: false,
                        columns: vec![def.clone()],
                        keys: Vec::new(),
                        auto_increment: None,
                        charset: None,
                        comment: None,
                        like: None,
                    };
                    scratch.columns[0].primary = false;
                    let built = build_table(&scratch, series, table.charset.clone())?;
                    let mut col = built.columns[0].clone();
                    if def.primary {
                        col.nullable = false;
                    }
                    let at = match position {
                        ColumnPosition::Last => table.columns.len(),
                        ColumnPosition::First => 0,
                        ColumnPosition::After(c) => {
                            table
                                .column_index(c)
                                .ok_or_else(|| SqlError::unknown_column(c, &table.name))?
                                + 1
                        }
                    };
                    let fill = implicit_default(&col, table.rows.len())?;
                    for r in table.rows.iter_mut() {
                        r.insert(at, fill.clone());
                    }
                    table.columns.insert(at, col);
                    for k in table.keys.iter_mut() {
                        for c in k.columns.iter_mut() {
                            if *c >= at {
                                *c += 1;
                            }
                        }
                    }
                    if def.primary {
                        add_key(
                            &mut table,
                            &KeyDef {
                                kind: KeyKind::Primary,
                                name: None,
                                columns: vec![def.name.clone()],
                            },
                            series,
                        )?;
                    }
                    if def.unique {
                        add_key(
                            &mut table,
                            &KeyDef {
                                kind: KeyKind::Unique,
                                name: None,
                                columns: vec![def.name.clone()],
                            },
                            series,
                        )?;
                    }
                }
                AlterAction::DropColumn(c) => {
                    let i = table
                        .column_index(c)
                        .ok_or_else(|| SqlError::cant_drop_field(c))?;
                    if table.columns.len() == 1 {
                        return Err(SqlError::cant_drop_last_column());
                    }
                    table.columns.remove(i);
                    for r in table.rows.iter_mut() {
                        r.remove(i);
                    }
                    for k in table.keys.iter_mut() {
                        k.columns.retain(|&x| x != i);
                        for x in k.columns.iter_mut() {
                            if *x > i {
                                *x -= 1;
                            }
                        }
                    }
                    table.keys.retain(|k| !k.columns.is_empty());
                }
                AlterAction::ChangeColumn { old, def, position } => {
                    let i = table
                        .column_index(old)
                        .ok_or_else(|| SqlError::unknown_column(old, &table.name))?;
                    if !def.name.eq_ignore_ascii_case(old)
                        && table.column_index(&def.name).is_some()
                    {
                        return Err(SqlError::duplicate_column(&def.name));
                    }
                    let scratch = CreateTable {
                        table: name.clone(),
                        if_not_exists: false,
                        columns: vec![ColumnDef {
                            primary: false,
                            unique: false,
                            ..def.clone()
                        }],
                        keys: Vec::new(),
                        auto_increment: None,
                        charset: None,
                        comment: None,
                        like: None,
                    };
                    let mut col =
                        build_table(&scratch, series, table.charset.clone())?.columns[0].clone();
                    if table.primary_key().is_some_and(|k| k.columns.contains(&i)) {
                        col.nullable = false;
                    }
                    let type_changed = col.ty != table.columns[i].ty;
                    for (n, r) in table.rows.iter_mut().enumerate() {
                        if r[i].is_null() {
                            if !col.nullable {
                                return Err(SqlError::invalid_use_of_null());
                            }
                            continue;
                        }
                        r[i] = col.ty.store(&r[i], &col.name, n + 1)?;
                    }
                    if type_changed {
                        copied = table.rows.len() as u64;
                    }
                    table.columns[i] = col;
                    if !matches!(position, ColumnPosition::Last) {
                        let col = table.columns.remove(i);
                        let at = match position {
                            ColumnPosition::First => 0,
                            ColumnPosition::After(c) => {
                                table
                                    .column_index(c)
                                    .ok_or_else(|| SqlError::unknown_column(c, &table.name))?
                                    + 1
                            }
                            ColumnPosition::Last => table.columns.len(),
                        };
                        table.columns.insert(at, col);
                        for r in table.rows.iter_mut() {
                            let v = r.remove(i);
                            r.insert(at, v);
                        }
                        for k in table.keys.iter_mut() {
                            for x in k.columns.iter_mut() {
                                *x = moved(*x, i, at);
                            }
                        }
                    }
                }
                AlterAction::RenameColumn { old, new } => {
                    let i = table
                        .column_index(old)
                        .ok_or_else(|| SqlError::unknown_column(old, &table.name))?;
                    if table.column_index(new).is_some_and(|j| j != i) {
                        return Err(SqlError::duplicate_column(new));
                    }
                    table.columns[i].name = new.clone();
                }
                AlterAction::AddKey(k) => {
                    add_key(&mut table, k, series)?;
                    if let Some((key, entry)) = first_duplicate(&table) {
                        return Err(SqlError::duplicate_entry(
                            &entry,
                            &table.key_label(key, series),
                        ));
                    }
                }
                AlterAction::DropKey(k) => {
                    let idx = match k {
                        None => table.keys.iter().position(|k| k.kind == KeyKind::Primary),
                        Some(n) => table
                            .keys
                            .iter()
                            .position(|k| k.name.eq_ignore_ascii_case(n)),
                    };
                    let Some(idx) = idx else {
                        return Err(SqlError::cant_drop_field(k.as_deref().unwrap_or("PRIMARY")));
                    };
                    table.keys.remove(idx);
                }
                AlterAction::Rename(t) => new_name = Some(t.clone()),
            }
        }
        table.sort_rows();
        if let Some(d) = server.databases.get_mut(&db) {
            d.tables.insert(name.name.clone(), table);
        }
        if let Some(to) = new_name {
            let to_db = self.db_for(&to.db)?;
            self.writable(server, &to_db)?;
            if server
                .database(&to_db)
                .is_some_and(|d| d.tables.contains_key(&to.name))
            {
                return Err(SqlError::table_exists(&to.name));
            }
            if let Some(mut t) = server
                .databases
                .get_mut(&db)
                .and_then(|d| d.tables.remove(&name.name))
            {
                t.name = to.name.clone();
                if let Some(d) = server.databases.get_mut(&to_db) {
                    d.tables.insert(to.name.clone(), t);
                }
            }
        }
        server.touch();
        Ok(QueryResult {
            outcome: Outcome::Done {
                affected: copied,
                info: Some(format!("Records: {copied}  Duplicates: 0  Warnings: 0")),
            },
            warnings: 0,
            centis: 0,
        })
    }

    // ----- rows -----

    fn insert(&mut self, server: &mut Server, ins: &Insert, now: i64) -> R {
        let db = self.db_for(&ins.table.db)?;
        let series = server.version().series();
        if is_system_schema(&db) {
            return Err(SqlError::table_access_denied(
                "INSERT",
                &self.account.user,
                &self.client_host,
                &ins.table.name,
            ));
        }
        let (_, table) = self.user_table(server, &ins.table)?;
        let mut table = table.clone();
        // The listed columns, or all of them.
        let targets: Vec<usize> = match &ins.columns {
            Some(cols) => {
                let mut t = Vec::new();
                for c in cols {
                    let i = table
                        .column_index(c)
                        .ok_or_else(|| SqlError::unknown_column(c, "field list"))?;
                    if t.contains(&i) {
                        return Err(SqlError {
                            code: 1110,
                            state: "42000",
                            message: format!("Column '{c}' specified twice"),
                        });
                    }
                    t.push(i);
                }
                t
            }
            None => (0..table.columns.len()).collect(),
        };
        // The rows of values, evaluated.
        let env = Env::new(server, self, now);
        let source_rows: Vec<Vec<Option<Value>>> = if let Some(sel) = &ins.select {
            let set = run_select(&env, sel)?;
            set.rows
                .into_iter()
                .map(|r| {
                    r.into_iter()
                        .map(|c| Some(c.map(Value::Str).unwrap_or(Value::Null)))
                        .collect()
                })
                .collect()
        } else {
            let scope = Scope::default();
            let mut out = Vec::new();
            for exprs in &ins.rows {
                let mut row = Vec::new();
                for e in exprs {
                    if *e == Expr::Default {
                        row.push(None);
                        continue;
                    }
                    let bound = Binder {
                        env: &env,
                        aggs: None,
                        aliases: &[],
                    }
                    .bind(e, &scope, "field list")?;
                    row.push(Some(eval(&bound, &env, &[], &[])?));
                    strict_division(&env)?;
                }
                out.push(row);
            }
            out
        };
        let now_text = super::eval::Env::new(server, self, now)
            .now_datetime()
            .datetime();
        let mut affected = 0u64;
        let mut duplicates = 0u64;
        let mut first_id = None;
        let mut warnings = Vec::new();
        let mut auto_counter = table.auto_increment;
        let mut result: Result<(), SqlError> = Ok(());
        for (n, values) in source_rows.iter().enumerate() {
            let rownum = n + 1;
            if values.len() != targets.len() {
                result = Err(SqlError::column_count(rownum));
                break;
            }
            let built = build_row(
                &table,
                &targets,
                values,
                rownum,
                &now_text,
                &mut auto_counter,
                &mut first_id,
            );
            let row = match built {
                Ok(r) => r,
                Err(e) => {
                    result = Err(e);
                    break;
                }
            };
            match table.find_duplicate(&row, None) {
                None => {
                    table.rows.push(row);
                    affected += 1;
                }
                Some((key, entry)) => {
                    let err = SqlError::duplicate_entry(&entry, &table.key_label(key, series));
                    if ins.replace {
                        // Remove every row the new one clashes with, then insert it.
                        while let Some(pos) = clash_position(&table, &row) {
                            table.rows.remove(pos);
                            affected += 1;
                        }
                        table.rows.push(row);
                        affected += 1;
                    } else if !ins.on_duplicate.is_empty() {
                        let Some(pos) = clash_position(&table, &row) else {
                            continue;
                        };
                        let changed = self.apply_on_duplicate(
                            server,
                            &mut table,
                            pos,
                            &row,
                            &ins.on_duplicate,
                            now,
                        )?;
                        if changed {
                            affected += 2;
                        }
                    } else if ins.ignore {
                        duplicates += 1;
                        warnings.push(Warning {
                            level: "Warning",
                            code: err.code,
                            message: err.message,
                        });
                    } else {
                        result = Err(err);
                        break;
                    }
                }
            }
        }
        // The counter moves even when the statement fails (InnoDB keeps the gap).
        let counter_moved = auto_counter != table.auto_increment;
        if let Err(e) = result {
            if counter_moved {
                if let Some(t) = server
                    .databases
                    .get_mut(&db)
                    .and_then(|d| d.tables.get_mut(&ins.table.name))
                {
                    t.auto_increment = auto_counter;
                    server.touch();
                }
            }
            return Err(e);
        }
        table.auto_increment = auto_counter;
        table.sort_rows();
        if let Some(d) = server.databases.get_mut(&db) {
            d.tables.insert(ins.table.name.clone(), table);
        }
        server.touch();
        if let Some(id) = first_id {
            self.last_insert_id = id;
        }
        let nwarn = warnings.len();
        self.warnings.extend(warnings);
        let multi = ins.rows.len() > 1 || ins.select.is_some();
        let info = multi.then(|| {
            format!(
                "Records: {}  Duplicates: {duplicates}  Warnings: {nwarn}",
                source_rows.len()
            )
        });
        Ok(QueryResult {
            outcome: Outcome::Done { affected, info },
            warnings: nwarn as u32,
            centis: 0,
        })
    }

    fn apply_on_duplicate(
        &self,
        server: &Server,
        table: &mut Table,
        pos: usize,
        _new: &[Value],
        sets: &[(String, Expr)],
        now: i64,
    ) -> Result<bool, SqlError> {
        let source = Source {
            table: super::select::ScopeTable {
                alias: table.name.clone(),
                db: String::new(),
                name: table.name.clone(),
                primary: Vec::new(),
                offset: 0,
            },
            columns: table
                .columns
                .iter()
                .map(|c| (c.name.clone(), Some(c.ty.clone()), c.nullable))
                .collect(),
            rows: Vec::new(),
        };
        let mut scope = Scope::default();
        add_to_scope(&mut scope, &source, false)?;
        let env = Env::new(server, self, now);
        let mut row = table.rows[pos].clone();
        for (c, e) in sets {
            let i = table
                .column_index(c)
                .ok_or_else(|| SqlError::unknown_column(c, "field list"))?;
            let bound = Binder {
                env: &env,
                aggs: None,
                aliases: &[],
            }
            .bind(e, &scope, "field list")?;
            let v = eval(&bound, &env, &row, &[])?;
            row[i] = store_value(&table.columns[i], &v, pos + 1)?;
        }
        let changed = row != table.rows[pos];
        table.rows[pos] = row;
        Ok(changed)
    }

    fn single_table_scope(
        &self,
        server: &Server,
        t: &TableName,
        alias: Option<&str>,
        now: i64,
    ) -> Result<(String, Table, Scope), SqlError> {
        let db = self.db_for(&t.db)?;
        if is_system_schema(&db) {
            return Err(SqlError::table_access_denied(
                "UPDATE",
                &self.account.user,
                &self.client_host,
                &t.name,
            ));
        }
        let (_, table) = self.user_table(server, t)?;
        let env = Env::new(server, self, now);
        let source = open_table(&env, t, alias)?;
        let mut scope = Scope::default();
        add_to_scope(&mut scope, &source, false)?;
        Ok((db, table.clone(), scope))
    }

    /// The rows an `UPDATE`/`DELETE` touches, in the order it touches them.
    fn target_rows(
        &self,
        server: &Server,
        (table, scope): (&Table, &Scope),
        clauses: Clauses<'_>,
        now: i64,
    ) -> Result<Vec<usize>, SqlError> {
        let Clauses {
            filter,
            order_by,
            limit,
        } = clauses;
        let env = Env::new(server, self, now);
        let mut binder = Binder {
            env: &env,
            aggs: None,
            aliases: &[],
        };
        let filter = match filter {
            Some(f) => Some(binder.bind(f, scope, "where clause")?),
            None => None,
        };
        let order: Vec<(Expr, bool)> = order_by
            .iter()
            .map(|o| Ok((binder.bind(&o.expr, scope, "order clause")?, o.desc)))
            .collect::<Result<_, SqlError>>()?;
        let mut hits = Vec::new();
        for (i, r) in table.rows.iter().enumerate() {
            if let Some(f) = &filter {
                if eval(f, &env, r, &[])?.truth() != Some(true) {
                    continue;
                }
            }
            let keys = order
                .iter()
                .map(|(e, _)| eval(e, &env, r, &[]))
                .collect::<Result<Vec<_>, _>>()?;
            hits.push((i, keys));
        }
        if !order.is_empty() {
            super::value::sort_by_dyn(&mut hits, &|(_, a), (_, b)| {
                for ((x, y), (_, desc)) in a.iter().zip(b).zip(&order) {
                    let o = order_values(x, y);
                    let o = if *desc { o.reverse() } else { o };
                    if o.is_ne() {
                        return o;
                    }
                }
                std::cmp::Ordering::Equal
            });
        }
        if let Some(l) = limit {
            let n = eval(l, &env, &[], &[])?.to_i64().max(0) as usize;
            hits.truncate(n);
        }
        Ok(hits.into_iter().map(|(i, _)| i).collect())
    }

    fn update(&mut self, server: &mut Server, up: &Update, now: i64) -> R {
        let series = server.version().series();
        let (db, mut table, scope) =
            self.single_table_scope(server, &up.table, up.alias.as_deref(), now)?;
        let env = Env::new(server, self, now);
        let mut sets = Vec::new();
        for (c, e) in &up.sets {
            let i = table
                .column_index(c)
                .ok_or_else(|| SqlError::unknown_column(c, "field list"))?;
            let bound = if *e == Expr::Default {
                Expr::Default
            } else {
                Binder {
                    env: &env,
                    aggs: None,
                    aliases: &[],
                }
                .bind(e, &scope, "field list")?
            };
            sets.push((i, bound));
        }
        let clauses = Clauses {
            filter: &up.filter,
            order_by: &up.order_by,
            limit: &up.limit,
        };
        let targets = self.target_rows(server, (&table, &scope), clauses, now)?;
        let env = Env::new(server, self, now);
        let now_text = env.now_datetime().datetime();
        let mut changed = 0u64;
        for (n, &pos) in targets.iter().enumerate() {
            let old = table.rows[pos].clone();
            let mut row = old.clone();
            for (i, e) in &sets {
                let col = &table.columns[*i];
                let v = if *e == Expr::Default {
                    column_default(col, &now_text)
                } else {
                    let v = eval(e, &env, &row, &[])?;
                    strict_division(&env)?;
                    v
                };
                row[*i] = if v.is_null() && !col.nullable {
                    if col.ty == ColumnType::Timestamp && series.is_57() {
                        Value::Str(now_text.clone())
                    } else {
                        return Err(SqlError::cannot_be_null(&col.name));
                    }
                } else {
                    store_value(col, &v, n + 1)?
                };
            }
            if row != old {
                for (i, col) in table.columns.iter().enumerate() {
                    if col.on_update_now && !sets.iter().any(|(s, _)| *s == i) {
                        row[i] = Value::Str(now_text.clone());
                    }
                }
                if let Some((key, entry)) = table.find_duplicate(&row, Some(pos)) {
                    return Err(SqlError::duplicate_entry(
                        &entry,
                        &table.key_label(key, series),
                    ));
                }
                table.rows[pos] = row;
                changed += 1;
            }
        }
        table.sort_rows();
        let matched = targets.len();
        if changed > 0 {
            if let Some(d) = server.databases.get_mut(&db) {
                d.tables.insert(table.name.clone(), table);
            }
            server.touch();
        }
        Ok(QueryResult {
            outcome: Outcome::Done {
                affected: changed,
                info: Some(format!(
                    "Rows matched: {matched}  Changed: {changed}  Warnings: 0"
                )),
            },
            warnings: 0,
            centis: 0,
        })
    }

    fn delete(&mut self, server: &mut Server, del: &Delete, now: i64) -> R {
        let (db, mut table, scope) =
            self.single_table_scope(server, &del.table, del.alias.as_deref(), now)?;
        let clauses = Clauses {
            filter: &del.filter,
            order_by: &del.order_by,
            limit: &del.limit,
        };
        let mut targets = self.target_rows(server, (&table, &scope), clauses, now)?;
        let n = targets.len() as u64;
        super::value::sort_by_dyn(&mut targets, &|a, b| a.cmp(b));
        for pos in targets.into_iter().rev() {
            table.rows.remove(pos);
        }
        if n > 0 {
            if let Some(d) = server.databases.get_mut(&db) {
                d.tables.insert(table.name.clone(), table);
            }
            server.touch();
        }
        Ok(QueryResult::done(n))
    }

    fn set(&mut self, server: &mut Server, items: &[SetItem], now: i64) -> R {
        for item in items {
            match item {
                SetItem::Names(cs) => {
                    let known = [
                        "utf8", "utf8mb4", "latin1", "utf8mb3", "ascii", "binary", "gbk", "gb2312",
                        "big5",
                    ];
                    if !known.iter().any(|k| k.eq_ignore_ascii_case(cs)) && cs != "DEFAULT" {
                        return Err(SqlError::unknown_character_set(cs));
                    }
                    self.charset = cs.to_ascii_lowercase();
                }
                SetItem::User(name, e) => {
                    let env = Env::new(server, self, now);
                    let bound = Binder {
                        env: &env,
                        aggs: None,
                        aliases: &[],
                    }
                    .bind(e, &Scope::default(), "field list")?;
                    let v = eval(&bound, &env, &[], &[])?;
                    let name = name.to_ascii_lowercase();
                    self.user_vars.retain(|(n, _)| *n != name);
                    self.user_vars.push((name, v));
                }
                SetItem::System {
                    name,
                    global,
                    value,
                } => {
                    let lower = name.to_ascii_lowercase();
                    if system_variable(server, self, &lower).is_none() {
                        return Err(SqlError::unknown_system_variable(name));
                    }
                    let read_only = [
                        "version",
                        "version_comment",
                        "port",
                        "socket",
                        "datadir",
                        "hostname",
                        "basedir",
                        "server_uuid",
                        "protocol_version",
                        "version_compile_os",
                        "version_compile_machine",
                        "innodb_version",
                        "lower_case_table_names",
                        "system_time_zone",
                    ];
                    if read_only.contains(&lower.as_str()) {
                        return Err(SqlError::read_only_variable(&lower));
                    }
                    if *global {
                        self.require_super("SUPER")?;
                    }
                    let env = Env::new(server, self, now);
                    let v = match value {
                        Expr::Literal(v) => v.clone(),
                        other => eval(other, &env, &[], &[])?,
                    };
                    if lower == "autocommit" {
                        let t = v.display().to_ascii_uppercase();
                        if !["0", "1", "ON", "OFF", "TRUE", "FALSE"].contains(&t.as_str()) {
                            return Err(SqlError::wrong_value_for_variable(&lower, &v.display()));
                        }
                    }
                }
            }
        }
        Ok(QueryResult::done(0))
    }
}

/// Strict mode turns a division by zero in the values of a write into error 1365.
fn strict_division(env: &Env<'_>) -> Result<(), SqlError> {
    if env.warnings.borrow().iter().any(|(code, _)| *code == 1365) {
        return Err(SqlError {
            code: 1365,
            state: "22012",
            message: "Division by 0".into(),
        });
    }
    Ok(())
}

/// The clauses that pick the rows of an `UPDATE` or `DELETE`.
#[derive(Clone, Copy)]
struct Clauses<'a> {
    filter: &'a Option<Expr>,
    order_by: &'a [OrderItem],
    limit: &'a Option<Expr>,
}

impl SqlError {
    /// 1138: a NULL in a column being made `NOT NULL`.
    pub fn invalid_use_of_null() -> SqlError {
        SqlError {
            code: 1138,
            state: "22004",
            message: "Invalid use of NULL value".into(),
        }
    }
}

fn moved(x: usize, from: usize, to: usize) -> usize {
    if x == from {
        to
    } else if from < to && x > from && x <= to {
        x - 1
    } else if to < from && x >= to && x < from {
        x + 1
    } else {
        x
    }
}

fn clash_position(table: &Table, row: &[Value]) -> Option<usize> {
    table.keys.iter().filter(|k| k.is_unique()).find_map(|k| {
        table.rows.iter().position(|other| {
            k.columns.iter().all(|&c| {
                !row[c].is_null() && matches!(row[c].compare(&other[c]), Some(o) if o.is_eq())
            })
        })
    })
}

fn first_duplicate(table: &Table) -> Option<(usize, String)> {
    for i in 0..table.rows.len() {
        if let Some(d) = table.find_duplicate(&table.rows[i], Some(i)) {
            return Some(d);
        }
    }
    None
}

/// MySQL refuses names that end in a space or are longer than 64 characters.
fn check_name(name: &str, database: bool) -> Result<(), SqlError> {
    if name.chars().count() > 64 {
        return Err(SqlError::identifier_too_long(name));
    }
    if name.is_empty() || name.ends_with(' ') {
        return Err(if database {
            SqlError::wrong_db_name(name)
        } else {
            SqlError::wrong_table_name(name)
        });
    }
    Ok(())
}

fn list_result(header: &str, rows: Vec<String>) -> QueryResult {
    QueryResult::rows(ResultSet {
        columns: vec![ResultColumn::text_not_null(header)],
        rows: rows.into_iter().map(|r| vec![Some(r)]).collect(),
    })
}

/// The value a column takes when an `INSERT` leaves it out or says `DEFAULT`.
fn column_default(col: &Column, now_text: &str) -> Value {
    match &col.default {
        Some(DefaultValue::Value(v)) => v.clone(),
        Some(DefaultValue::Now) => {
            let v = Value::Str(now_text.to_owned());
            if col.ty == ColumnType::Date {
                Value::Str(now_text.get(..10).unwrap_or(now_text).to_owned())
            } else {
                v
            }
        }
        None => Value::Null,
    }
}

/// Stores `v` into `col` (NULL passes through; the caller checks nullability).
fn store_value(col: &Column, v: &Value, row: usize) -> Result<Value, SqlError> {
    if v.is_null() {
        return Ok(Value::Null);
    }
    col.ty.store(v, &col.name, row)
}

/// The filler `ALTER TABLE … ADD` puts in existing rows of a `NOT NULL` column without a
/// default: 0 or the empty string.
fn implicit_default(col: &Column, rows: usize) -> Result<Value, SqlError> {
    if let Some(d) = &col.default {
        return Ok(match d {
            DefaultValue::Value(v) => v.clone(),
            DefaultValue::Now => Value::Str("1970-01-01 00:00:01".into()),
        });
    }
    if col.nullable {
        return Ok(Value::Null);
    }
    Ok(match &col.ty {
        t if t.is_numeric() => Value::Int(0),
        ColumnType::Enum(items) => Value::Str(items.first().cloned().unwrap_or_default()),
        t if t.is_temporal() => {
            if rows > 0 {
                return Err(SqlError::incorrect_temporal(
                    if *t == ColumnType::Date {
                        "date"
                    } else {
                        "datetime"
                    },
                    "0000-00-00",
                    &col.name,
                    1,
                ));
            }
            Value::Null
        }
        _ => Value::Str(String::new()),
    })
}

/// The next `AUTO_INCREMENT` value, checked against the column's range (MySQL stops with
/// 1467 when the counter has no room left).
fn next_auto(
    col: &Column,
    counter: &mut u64,
    first_id: &mut Option<u64>,
    row: usize,
) -> Result<Value, SqlError> {
    let id = *counter;
    let Ok(as_i64) = i64::try_from(id) else {
        return Err(SqlError {
            code: 1467,
            state: "HY000",
            message: "Failed to read auto-increment value from storage engine".into(),
        });
    };
    let v = col.ty.store(&Value::Int(as_i64), &col.name, row)?;
    *counter = counter.saturating_add(1);
    first_id.get_or_insert(id);
    Ok(v)
}

fn build_row(
    table: &Table,
    targets: &[usize],
    values: &[Option<Value>],
    rownum: usize,
    now_text: &str,
    auto_counter: &mut u64,
    first_id: &mut Option<u64>,
) -> Result<Vec<Value>, SqlError> {
    let mut row = Vec::with_capacity(table.columns.len());
    for (i, col) in table.columns.iter().enumerate() {
        let given = targets.iter().position(|&t| t == i).map(|p| &values[p]);
        let raw = match given {
            Some(Some(v)) => Some(v.clone()),
            Some(None) => None, // DEFAULT
            None => None,
        };
        let value = match raw {
            Some(v) if !v.is_null() => {
                let stored = col.ty.store(&v, &col.name, rownum)?;
                if col.auto_increment {
                    let n = stored.to_i64();
                    if n == 0 {
                        next_auto(col, auto_counter, first_id, rownum)?
                    } else {
                        if n > 0 && n as u64 >= *auto_counter {
                            *auto_counter = (n as u64).saturating_add(1);
                        }
                        stored
                    }
                } else {
                    stored
                }
            }
            Some(_null) => {
                if col.auto_increment {
                    next_auto(col, auto_counter, first_id, rownum)?
                } else if col.nullable {
                    Value::Null
                } else if col.ty == ColumnType::Timestamp {
                    // 5.7's NOT NULL TIMESTAMP takes NULL as "now".
                    Value::Str(now_text.to_owned())
                } else {
                    return Err(SqlError::cannot_be_null(&col.name));
                }
            }
            None => {
                if col.auto_increment {
                    next_auto(col, auto_counter, first_id, rownum)?
                } else if col.default.is_none() && !col.nullable {
                    return Err(SqlError::no_default(&col.name));
                } else {
                    let v = column_default(col, now_text);
                    store_value(col, &v, rownum)?
                }
            }
        };
        row.push(value);
    }
    Ok(row)
}

fn add_key(table: &mut Table, k: &KeyDef, series: Series) -> Result<(), SqlError> {
    let _ = series;
    let mut cols = Vec::new();
    for c in &k.columns {
        let i = table
            .column_index(c)
            .ok_or_else(|| SqlError::key_column_missing(c))?;
        if table.columns[i].ty.is_blob() {
            return Err(SqlError::blob_key_without_length(&table.columns[i].name));
        }
        cols.push(i);
    }
    let name = match k.kind {
        KeyKind::Primary => {
            if table.primary_key().is_some() {
                return Err(SqlError::multiple_primary_key());
            }
            for &c in &cols {
                table.columns[c].nullable = false;
            }
            "PRIMARY".to_owned()
        }
        _ => match &k.name {
            Some(n) => {
                if table.keys.iter().any(|x| x.name.eq_ignore_ascii_case(n)) {
                    return Err(SqlError::duplicate_key_name(n));
                }
                n.clone()
            }
            None => {
                let base = table.columns[cols[0]].name.clone();
                let mut name = base.clone();
                let mut n = 2;
                while table
                    .keys
                    .iter()
                    .any(|x| x.name.eq_ignore_ascii_case(&name))
                {
                    name = format!("{base}_{n}");
                    n += 1;
                }
                name
            }
        },
    };
    let key = Key {
        name,
        kind: if k.kind == KeyKind::Foreign {
            KeyKind::Index
        } else {
            k.kind
        },
        columns: cols,
    };
    if key.kind == KeyKind::Primary {
        table.keys.insert(0, key);
    } else {
        table.keys.push(key);
    }
    Ok(())
}

/// Builds a table from `CREATE TABLE`, with MySQL's checks.
pub fn build_table(ct: &CreateTable, series: Series, charset: String) -> Result<Table, SqlError> {
    let mut table = Table {
        name: ct.table.name.clone(),
        columns: Vec::new(),
        keys: Vec::new(),
        rows: Vec::new(),
        auto_increment: ct.auto_increment.unwrap_or(1).max(1),
        charset: charset.clone(),
        comment: ct.comment.clone().unwrap_or_default(),
    };
    let max_varchar = if charset.starts_with("utf8mb4") {
        16_383
    } else if charset.starts_with("utf8") {
        21_845
    } else {
        65_535
    };
    let mut first_timestamp = true;
    for def in &ct.columns {
        check_name(&def.name, false).map_err(|_| SqlError::wrong_column_name(&def.name))?;
        if table.column_index(&def.name).is_some() {
            return Err(SqlError::duplicate_column(&def.name));
        }
        if let ColumnType::Varchar(n) = def.ty {
            if u64::from(n) > max_varchar {
                return Err(SqlError::column_too_long(&def.name, max_varchar));
            }
        }
        if def.auto_increment
            && !def.ty.is_integer()
            && !matches!(def.ty, ColumnType::Float { .. } | ColumnType::Double { .. })
        {
            return Err(SqlError::bad_auto_increment_type(&def.name));
        }
        let mut nullable = def.nullable.unwrap_or(true) && !def.primary;
        let mut default = def.default.clone();
        let mut on_update = def.on_update_now;
        if def.ty == ColumnType::Timestamp && series.is_57() && def.nullable != Some(true) {
            // explicit_defaults_for_timestamp=OFF: TIMESTAMP columns are NOT NULL; the
            // first one without a default is DEFAULT CURRENT_TIMESTAMP ON UPDATE ….
            nullable = false;
            if default.is_none() && !on_update {
                if first_timestamp {
                    default = Some(DefaultValue::Now);
                    on_update = true;
                } else {
                    return Err(SqlError::invalid_default(&def.name));
                }
            }
        }
        if def.ty == ColumnType::Timestamp {
            first_timestamp = false;
        }
        match &default {
            Some(DefaultValue::Value(v)) => {
                if def.ty.is_blob() {
                    return Err(SqlError::blob_default(&def.name));
                }
                if v.is_null() {
                    if !nullable {
                        return Err(SqlError::invalid_default(&def.name));
                    }
                    default = None;
                } else {
                    let stored = def
                        .ty
                        .store(v, &def.name, 1)
                        .map_err(|_| SqlError::invalid_default(&def.name))?;
                    default = Some(DefaultValue::Value(stored));
                }
            }
            Some(DefaultValue::Now)
                if !matches!(def.ty, ColumnType::Timestamp | ColumnType::DateTime) =>
            {
                return Err(SqlError::invalid_default(&def.name));
            }
            Some(DefaultValue::Now) | None => {}
        }
        if def.auto_increment {
            default = None;
        }
        table.columns.push(Column {
            name: def.name.clone(),
            ty: def.ty.clone(),
            nullable,
            default,
            auto_increment: def.auto_increment,
            on_update_now: on_update,
            comment: def.comment.clone().unwrap_or_default(),
        });
    }
    if table.columns.is_empty() {
        return Err(SqlError {
            code: 1113,
            state: "42000",
            message: "A table must have at least 1 column".into(),
        });
    }
    // Keys: column-level PRIMARY KEY and UNIQUE, then table-level ones in order.
    let primaries: Vec<&ColumnDef> = ct.columns.iter().filter(|c| c.primary).collect();
    if primaries.len() > 1 {
        return Err(SqlError::multiple_primary_key());
    }
    if let Some(p) = primaries.first() {
        add_key(
            &mut table,
            &KeyDef {
                kind: KeyKind::Primary,
                name: None,
                columns: vec![p.name.clone()],
            },
            series,
        )?;
    }
    for c in ct.columns.iter().filter(|c| c.unique) {
        add_key(
            &mut table,
            &KeyDef {
                kind: KeyKind::Unique,
                name: None,
                columns: vec![c.name.clone()],
            },
            series,
        )?;
    }
    for k in &ct.keys {
        add_key(&mut table, k, series)?;
    }
    // AUTO_INCREMENT: one column, and it must start some index.
    let autos: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.auto_increment)
        .map(|(i, _)| i)
        .collect();
    if autos.len() > 1
        || autos
            .iter()
            .any(|&a| !table.keys.iter().any(|k| k.columns.first() == Some(&a)))
    {
        return Err(SqlError::bad_auto_increment());
    }
    Ok(table)
}

/// `DESCRIBE`'s Key column: `PRI`, `UNI`, `MUL` or empty.
pub fn key_flag(table: &Table, col: usize) -> String {
    let clustered_implicit =
        table.primary_key().is_none() && table.clustered_key().is_some_and(|k| k.columns == [col]);
    if table
        .primary_key()
        .is_some_and(|k| k.columns.contains(&col))
        || clustered_implicit
    {
        return "PRI".into();
    }
    if table
        .keys
        .iter()
        .any(|k| k.kind == KeyKind::Unique && k.columns == [col])
    {
        return "UNI".into();
    }
    if table.keys.iter().any(|k| k.columns.first() == Some(&col)) {
        return "MUL".into();
    }
    String::new()
}

/// `DESCRIBE`'s Default column.
pub fn default_text(c: &Column) -> Option<String> {
    match &c.default {
        Some(DefaultValue::Value(v)) => v.to_text(),
        Some(DefaultValue::Now) => Some("CURRENT_TIMESTAMP".into()),
        None => None,
    }
}

/// `DESCRIBE`'s Extra column.
pub fn extra_text(c: &Column, series: Series) -> String {
    let mut parts: Vec<&str> = Vec::new();
    if c.auto_increment {
        parts.push("auto_increment");
    }
    if !series.is_57() && c.default == Some(DefaultValue::Now) {
        parts.push("DEFAULT_GENERATED");
    }
    if c.on_update_now {
        parts.push("on update CURRENT_TIMESTAMP");
    }
    parts.join(" ")
}

fn quote_value(v: &Value) -> String {
    match v {
        Value::Null => "NULL".into(),
        other => format!(
            "'{}'",
            other.display().replace('\\', "\\\\").replace('\'', "''")
        ),
    }
}

/// `SHOW CREATE TABLE`'s text (also what the table's definition file holds).
pub fn show_create_table(t: &Table, series: Series) -> String {
    let mut lines = Vec::new();
    for c in &t.columns {
        let mut s = format!(
            "  `{}` {}",
            c.name.replace('`', "``"),
            c.ty.sql_name(series)
        );
        if !c.nullable {
            s.push_str(" NOT NULL");
        } else if c.ty == ColumnType::Timestamp {
            s.push_str(" NULL");
        }
        if c.auto_increment {
            s.push_str(" AUTO_INCREMENT");
        }
        match &c.default {
            Some(DefaultValue::Value(v)) => {
                s.push_str(" DEFAULT ");
                s.push_str(&quote_value(v));
            }
            Some(DefaultValue::Now) => s.push_str(" DEFAULT CURRENT_TIMESTAMP"),
            None => {
                if c.nullable && !c.ty.is_blob() {
                    s.push_str(" DEFAULT NULL");
                }
            }
        }
        if c.on_update_now {
            s.push_str(" ON UPDATE CURRENT_TIMESTAMP");
        }
        if !c.comment.is_empty() {
            s.push_str(&format!(
                " COMMENT {}",
                quote_value(&Value::text(c.comment.as_str()))
            ));
        }
        lines.push(s);
    }
    for k in &t.keys {
        let cols: Vec<String> = k
            .columns
            .iter()
            .map(|&c| format!("`{}`", t.columns[c].name.replace('`', "``")))
            .collect();
        let cols = cols.join(",");
        lines.push(match k.kind {
            KeyKind::Primary => format!("  PRIMARY KEY ({cols})"),
            KeyKind::Unique => format!("  UNIQUE KEY `{}` ({cols})", k.name),
            _ => format!("  KEY `{}` ({cols})", k.name),
        });
    }
    let mut out = format!(
        "CREATE TABLE `{}` (\n{}\n) ENGINE=InnoDB",
        t.name.replace('`', "``"),
        lines.join(",\n")
    );
    if t.auto_column().is_some() && t.auto_increment > 1 {
        out.push_str(&format!(" AUTO_INCREMENT={}", t.auto_increment));
    }
    out.push_str(&format!(" DEFAULT CHARSET={}", t.charset));
    if t.charset == "utf8mb4" && !series.is_57() {
        out.push_str(" COLLATE=utf8mb4_0900_ai_ci");
    }
    if !t.comment.is_empty() {
        out.push_str(&format!(
            " COMMENT={}",
            quote_value(&Value::text(t.comment.as_str()))
        ));
    }
    out
}

fn show_create_database(server: &Server, name: &str) -> String {
    let cs = server
        .database(name)
        .map(|d| d.charset.clone())
        .unwrap_or_else(|| server.version().charset().0.to_owned());
    if server.version().series().is_57() {
        format!("CREATE DATABASE `{name}` /*!40100 DEFAULT CHARACTER SET {cs} */")
    } else {
        let coll = if cs == "utf8mb4" {
            "utf8mb4_0900_ai_ci".to_owned()
        } else {
            format!("{cs}_general_ci")
        };
        format!(
            "CREATE DATABASE `{name}` /*!40100 DEFAULT CHARACTER SET {cs} COLLATE {coll} */ /*!80016 DEFAULT ENCRYPTION='N' */"
        )
    }
}

fn show_index(t: &Table) -> QueryResult {
    let mut rows = Vec::new();
    for k in &t.keys {
        for (seq, &c) in k.columns.iter().enumerate() {
            let col = &t.columns[c];
            rows.push(vec![
                Some(t.name.clone()),
                Some(if k.is_unique() { "0" } else { "1" }.to_owned()),
                Some(k.name.clone()),
                Some((seq + 1).to_string()),
                Some(col.name.clone()),
                Some("A".into()),
                Some(t.rows.len().to_string()),
                None,
                None,
                Some(if col.nullable { "YES" } else { "" }.to_owned()),
                Some("BTREE".into()),
                Some(String::new()),
                Some(String::new()),
            ]);
        }
    }
    QueryResult::rows(ResultSet {
        columns: vec![
            ResultColumn::text_not_null("Table"),
            ResultColumn::number("Non_unique", true),
            ResultColumn::text_not_null("Key_name"),
            ResultColumn::number("Seq_in_index", true),
            ResultColumn::text("Column_name"),
            ResultColumn::text("Collation"),
            ResultColumn::number("Cardinality", false),
            ResultColumn::number("Sub_part", false),
            ResultColumn::text("Packed"),
            ResultColumn::text_not_null("Null"),
            ResultColumn::text_not_null("Index_type"),
            ResultColumn::text_not_null("Comment"),
            ResultColumn::text_not_null("Index_comment"),
        ],
        rows,
    })
}

fn show_engines() -> QueryResult {
    let engines = [
        (
            "InnoDB",
            "DEFAULT",
            "Supports transactions, row-level locking, and foreign keys",
            "YES",
            "YES",
            "YES",
        ),
        (
            "MRG_MYISAM",
            "YES",
            "Collection of identical MyISAM tables",
            "NO",
            "NO",
            "NO",
        ),
        (
            "MEMORY",
            "YES",
            "Hash based, stored in memory, useful for temporary tables",
            "NO",
            "NO",
            "NO",
        ),
        (
            "BLACKHOLE",
            "YES",
            "/dev/null storage engine (anything you write to it disappears)",
            "NO",
            "NO",
            "NO",
        ),
        ("MyISAM", "YES", "MyISAM storage engine", "NO", "NO", "NO"),
        ("CSV", "YES", "CSV storage engine", "NO", "NO", "NO"),
        ("ARCHIVE", "YES", "Archive storage engine", "NO", "NO", "NO"),
        (
            "PERFORMANCE_SCHEMA",
            "YES",
            "Performance Schema",
            "NO",
            "NO",
            "NO",
        ),
        (
            "FEDERATED",
            "NO",
            "Federated MySQL storage engine",
            "",
            "",
            "",
        ),
    ];
    QueryResult::rows(ResultSet {
        columns: vec![
            ResultColumn::text_not_null("Engine"),
            ResultColumn::text_not_null("Support"),
            ResultColumn::text_not_null("Comment"),
            ResultColumn::text("Transactions"),
            ResultColumn::text("XA"),
            ResultColumn::text("Savepoints"),
        ],
        rows: engines
            .iter()
            .map(|(a, b, c, d, e, f)| {
                let opt = |s: &str| (!s.is_empty()).then(|| s.to_owned());
                vec![
                    Some(a.to_string()),
                    Some(b.to_string()),
                    Some(c.to_string()),
                    opt(d),
                    opt(e),
                    opt(f),
                ]
            })
            .collect(),
    })
}

/// The server variables `SHOW VARIABLES` and `@@name` know, by name.
fn variables(server: &Server, session: &Session) -> Vec<(&'static str, String)> {
    let v = server.version();
    let is57 = v.series().is_57();
    let (cs, coll) = v.charset();
    let mut vars = vec![
        ("autocommit", "ON".to_owned()),
        ("basedir", "/usr/".to_owned()),
        ("character_set_client", session.charset().to_owned()),
        ("character_set_connection", session.charset().to_owned()),
        ("character_set_database", session
            .database()
            .and_then(|d| server.database(d))
            .map(|d| d.charset.clone())
            .unwrap_or_else(|| cs.to_owned())),
        ("character_set_results", session.charset().to_owned()),
        ("character_set_server", cs.to_owned()),
        ("character_set_system", if is57 { "utf8" } else { "utf8mb3" }.to_owned()),
        ("collation_server", coll.to_owned()),
        ("datadir", "/var/lib/mysql/".to_owned()),
        ("default_storage_engine", "InnoDB".to_owned()),
        ("hostname", server.hostname().to_owned()),
        ("innodb_version", v.number().to_owned()),
        ("lower_case_table_names", "0".to_owned()),
        ("max_allowed_packet", if is57 { "4194304" } else { "67108864" }.to_owned()),
        ("max_connections", "151".to_owned()),
        ("port", "3306".to_owned()),
        ("protocol_version", "10".to_owned()),
        ("server_id", if is57 { "0" } else { "1" }.to_owned()),
        ("server_uuid", server.uuid().to_owned()),
        ("socket", "/var/run/mysqld/mysqld.sock".to_owned()),
        ("sql_mode", if is57 {
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_AUTO_CREATE_USER,NO_ENGINE_SUBSTITUTION"
        } else {
            "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
        }.to_owned()),
        ("sql_safe_updates", "OFF".to_owned()),
        ("system_time_zone", "UTC".to_owned()),
        ("time_zone", "SYSTEM".to_owned()),
        (if is57 { "tx_isolation" } else { "transaction_isolation" }, "REPEATABLE-READ".to_owned()),
        ("version", v.number().to_owned()),
        ("version_comment", v.comment().to_owned()),
        ("version_compile_machine", "x86_64".to_owned()),
        ("version_compile_os", "Linux".to_owned()),
        ("wait_timeout", "28800".to_owned()),
    ];
    if !is57 {
        vars.push(("version_compile_zlib", "1.3.1".to_owned()));
    }
    super::value::sort_by_dyn(&mut vars, &|a, b| a.0.cmp(b.0));
    vars
}

/// `@@name`: a server variable's value, `None` if the server has no such variable.
pub fn system_variable(server: &Server, session: &Session, name: &str) -> Option<Value> {
    let lower = name.to_ascii_lowercase();
    let value = variables(server, session)
        .into_iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, v)| v)?;
    Some(match lower.as_str() {
        "autocommit" => Value::Int(1),
        "port"
        | "max_connections"
        | "max_allowed_packet"
        | "server_id"
        | "wait_timeout"
        | "lower_case_table_names"
        | "protocol_version" => Value::Int(value.parse().unwrap_or(0)),
        "sql_safe_updates" => Value::Int(0),
        _ => Value::Str(value),
    })
}
