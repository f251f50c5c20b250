//! The `mysql` command-line client: its arguments, its interactive monitor (prompts,
//! multi-line statements, `\g`/`\G`/`\c` and the other client commands), batch mode, and how
//! it prints results and errors.
//!
//! The client talks to a server through [`Connection`]; [`Link`] is the connection to a
//! [`Server`] in the same engine.

pub mod args;
pub mod render;
pub mod repl;

use crate::sql::error::SqlError;
use crate::sql::exec::Session;
use crate::sql::result::QueryResult;
use crate::sql::server::Server;
use crate::sql::version::Version;

/// Facts about an open connection, for the banner and `status`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConnectionInfo {
    /// The connection id.
    pub id: u64,
    /// The server's version.
    pub server_version: Version,
    /// `USER()`, e.g. `root@172.17.0.3`.
    pub user: String,
    /// The current database.
    pub database: Option<String>,
    /// Seconds since the server started.
    pub uptime_secs: i64,
    /// Statements the server has run (`Questions`).
    pub questions: u64,
    /// `@@character_set_server`.
    pub server_charset: String,
    /// The current database's character set.
    pub db_charset: String,
    /// The client's character set (`latin1`: no locale in the container).
    pub client_charset: String,
}

/// What the client needs from a server connection.
pub trait Connection {
    /// Sends `sql` (one statement, or several after a `DELIMITER` change) and returns a
    /// result per statement, stopping at the first error.
    fn query(&mut self, sql: &str) -> Vec<Result<QueryResult, SqlError>>;
    /// `mysql_select_db` (the client's `USE`).
    fn select_db(&mut self, db: &str) -> Result<(), SqlError>;
    /// Facts for the banner and `status`.
    fn info(&self) -> ConnectionInfo;
    /// Reads a file for `source`/`\.` (`None`: it cannot be opened).
    fn read_file(&mut self, _path: &str) -> Option<String> {
        None
    }
}

/// A connection to a [`Server`] of this engine: the server, the session, and the time.
pub struct Link<'a> {
    /// The server.
    pub server: &'a mut Server,
    /// The connection's state.
    pub session: &'a mut Session,
    /// Now, in nanoseconds since the epoch.
    pub now: i64,
}

impl Link<'_> {
    /// Runs one statement (the API the integration calls directly).
    pub fn execute(&mut self, sql: &str) -> Result<QueryResult, SqlError> {
        self.session.execute(self.server, sql, self.now)
    }
}

impl Connection for Link<'_> {
    fn query(&mut self, sql: &str) -> Vec<Result<QueryResult, SqlError>> {
        self.session.execute_all(self.server, sql, self.now)
    }

    fn select_db(&mut self, db: &str) -> Result<(), SqlError> {
        self.session.select_db(self.server, db)
    }

    fn info(&self) -> ConnectionInfo {
        let (cs, _) = self.server.version().charset();
        let db_charset = self
            .session
            .database()
            .and_then(|d| self.server.database(d))
            .map(|d| d.charset.clone())
            .unwrap_or_else(|| cs.to_owned());
        ConnectionInfo {
            id: self.session.id(),
            server_version: self.server.version().clone(),
            user: self.session.user_at_host(),
            database: self.session.database().map(str::to_owned),
            uptime_secs: ((self.now - self.server.started_at()) / 1_000_000_000).max(0),
            questions: self.server.questions(),
            server_charset: cs.to_owned(),
            db_charset,
            client_charset: self.session.charset().to_owned(),
        }
    }
}

/// Which stream a piece of output goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

/// What the client printed in answer to some input, in order, and what comes next.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Printed {
    /// The text, in the order it was written.
    pub chunks: Vec<(Stream, String)>,
    /// The prompt to show before the next line (`None` once the client has exited).
    pub prompt: Option<String>,
    /// The exit status, once the client has exited.
    pub exit: Option<i32>,
}

impl Printed {
    pub(crate) fn out(&mut self, s: impl Into<String>) {
        self.push(Stream::Stdout, s.into());
    }

    pub(crate) fn err(&mut self, s: impl Into<String>) {
        self.push(Stream::Stderr, s.into());
    }

    fn push(&mut self, stream: Stream, s: String) {
        if s.is_empty() {
            return;
        }
        match self.chunks.last_mut() {
            Some((last, text)) if *last == stream => text.push_str(&s),
            _ => self.chunks.push((stream, s)),
        }
    }

    /// Everything printed, both streams interleaved (what a terminal shows).
    pub fn text(&self) -> String {
        self.chunks.iter().map(|(_, t)| t.as_str()).collect()
    }

    /// Only what went to stdout.
    pub fn stdout(&self) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == Stream::Stdout)
            .map(|(_, t)| t.as_str())
            .collect()
    }

    /// Only what went to stderr.
    pub fn stderr(&self) -> String {
        self.chunks
            .iter()
            .filter(|(s, _)| *s == Stream::Stderr)
            .map(|(_, t)| t.as_str())
            .collect()
    }
}
