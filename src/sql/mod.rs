//! The MySQL server and the `mysql` client that the official `mysql` images run: a small SQL
//! engine (MySQL 5.7 and 8.0 dialect, strict mode) and the client's exact texts.
//!
//! This module knows nothing of containers, networks or files: the program that runs
//! `mysqld` or `mysql` inside a container drives it through the API below.
//!
//! # The server side
//!
//! * [`entrypoint::start`] is what a `mysql` container does when it starts: it checks the
//!   environment ([`entrypoint::EntrypointEnv::from_vars`]), initializes a new
//!   [`server::Server`] (root password, `MYSQL_DATABASE`, `MYSQL_USER`) or takes the one read
//!   from the volume, and returns the log lines `docker logs` shows, each with its time, and
//!   the moment TCP connections start to succeed ([`entrypoint::Startup::Ready`]`.ready_at`).
//!   Without a password option it fails with the entrypoint's `[ERROR]` block and status 1.
//! * The data lives in the container's `/var/lib/mysql`: [`server::Server::to_files`] gives
//!   the directory's entries ([`persist::DataEntry`]), deterministic, and
//!   [`server::Server::from_files`] reads them back. Save them when
//!   [`server::Server::revision`] has moved. A data directory counts as initialized when it
//!   has `mysql/` (as the real entrypoint checks).
//! * [`server::Server::connect`] logs a client in ([`server::Login`]: user, password, the
//!   client's IP address as the server sees it, starting database) and returns an
//!   [`exec::Session`], or MySQL's `ERROR 1045 (28000): Access denied …`.
//! * [`exec::Session::execute`] runs one statement and returns a [`result::QueryResult`] or
//!   an [`error::SqlError`] whose `Display` is the client's line
//!   (`ERROR 1146 (42S02): Table 'shop.t' doesn't exist`). [`client::Link`] bundles a server,
//!   a session and the current time for the client.
//!
//! # The client side
//!
//! 1. [`client::args::parse_client_args`] reads `mysql`'s argv as `my_getopt` does and
//!    answers [`client::args::ArgsOutcome::Run`] with the options, or `Exit` with what to
//!    print (`--help`, `--version`, `mysql: [ERROR] unknown option '--foo'`, the full usage
//!    for a second positional argument such as `–h server`).
//! 2. [`client::args::Password::Prompt`]: print [`client::args::PASSWORD_PROMPT`] and read a
//!    line without echo. When `password_warning` is set, print
//!    [`client::args::ClientOptions::password_warning_line`] on stderr first.
//! 3. Resolve [`client::args::ClientOptions::target`]: a socket path (no host, or
//!    `localhost`: only works inside the server's own container) or TCP host and port. The
//!    failures are [`error::SqlError::no_socket`] (2002), [`error::SqlError::unknown_host`]
//!    (2005), [`error::SqlError::connection_refused`] (2003, also while the server is still
//!    initializing); print them on stderr and exit 1.
//! 4. Interactive (a terminal on stdin and stdout, no `-e`): [`client::repl::Repl::start`]
//!    prints the banner; then [`client::repl::Repl::feed`] for every typed line returns what
//!    to print ([`client::Printed`], stdout and stderr in order) and the next prompt
//!    (`mysql> `, `    -> `, `    '> `…) or the exit status. Ctrl-D is
//!    [`client::repl::Repl::eof`] (`Bye`), Ctrl-C [`client::repl::Repl::interrupt`].
//! 5. Otherwise [`client::repl::run_batch`] runs the `-e` text or the piped input: tab-separated
//!    results, `ERROR … at line n:` and exit 1 on the first error.
//!
//! Timings are fixed: reads print `(0.00 sec)`, writes `(0.01 sec)`.
//!
//! ```
//! use berth::sql::client::args::{parse_client_args, ArgsOutcome, Password};
//! use berth::sql::client::repl::Repl;
//! use berth::sql::client::Link;
//! use berth::sql::server::{Login, Server};
//! use berth::sql::version::Version;
//!
//! let version = Version::mysql57();
//! let mut server = Server::new(version.clone(), "3f9a1b2c4d5e", "uuid");
//! server.set_root_password("%", "exampledb20");
//! let argv: Vec<String> = ["-hserver", "-uroot", "-pexampledb20"].map(String::from).into();
//! let ArgsOutcome::Run(opts) = parse_client_args(&argv, &version) else { unreachable!() };
//! assert_eq!(opts.password, Password::Given("exampledb20".into()));
//! let mut session = server
//!     .connect(&Login {
//!         user: opts.user_name(),
//!         password: Some("exampledb20"),
//!         client_host: "172.17.0.3",
//!         database: None,
//!         via_socket: false,
//!     })
//!     .unwrap();
//! let mut link = Link { server: &mut server, session: &mut session, now: 0 };
//! let (mut repl, banner) = Repl::start(&version, &opts, &mut link);
//! assert!(banner.text().starts_with("Welcome to the MySQL monitor."));
//! let out = repl.feed("CREATE DATABASE school;", &mut link);
//! assert_eq!(out.text(), "Query OK, 1 row affected (0.01 sec)\n\n");
//! assert_eq!(out.prompt.as_deref(), Some("mysql> "));
//! let out = repl.feed("exit", &mut link);
//! assert_eq!((out.text().as_str(), out.exit), ("Bye\n", Some(0)));
//! ```
//!
//! # What the engine is
//!
//! [`lexer`] and [`parser`] read the SQL into [`ast`]; [`exec`] runs statements against the
//! [`server`]'s tables, with [`select`] for queries and [`eval`] for expressions; [`value`]
//! and [`types`] hold MySQL's rules for values and column types; [`catalog`] fills the few
//! system tables a student looks at (`mysql.user`, `information_schema.TABLES`…).
//! Not simulated: stored programs, views, foreign-key enforcement, correlated subqueries,
//! server-side `help` topics, `SHOW TABLE STATUS`.

pub mod ast;
pub mod catalog;
pub mod client;
pub mod entrypoint;
pub mod error;
pub mod eval;
pub mod exec;
pub mod lexer;
pub mod parser;
pub mod persist;
pub mod result;
pub mod select;
pub mod server;
pub mod sha1;
pub mod types;
pub mod value;
pub mod version;

#[cfg(test)]
mod tests;
