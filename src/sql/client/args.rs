//! The `mysql` client's command line, parsed as MySQL's `my_getopt` does: short options
//! clustered or with attached values (`-uroot -pexampledb20`), long options with `=` or the
//! next word, unique prefixes (`--pass=x`), `--skip-`/`--disable-`/`--enable-`, and at most
//! one positional argument (the database).
//!
//! `-p` takes its value only when attached: `-p exampledb20` prompts for a password and
//! makes `exampledb20` the database, as real `mysql` does. The course's `–hserver` (with an
//! en dash) is not an option at all but that positional database name; with no `-h` the
//! client then looks for the local socket, which a client-only container lacks.
//!
//! The option table also prints `mysql --help` the way `my_print_help` lays it out.

use crate::sql::version::{Series, Version};

/// The socket the client looks for when no host (or `localhost`) is given: the image's
/// `/etc/my.cnf` sets it in its `[client]` section (only the server's own container has a
/// server listening there).
pub const DEFAULT_SOCKET: &str = "/var/run/mysqld/mysqld.sock";

/// What `-p` without a value prints before reading the password (without echo).
pub const PASSWORD_PROMPT: &str = "Enter password: ";

/// Where the client will connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The local Unix socket at this path.
    Socket(String),
    /// TCP to host and port.
    Tcp {
        /// The host as given (`server`, `127.0.0.1`).
        host: String,
        /// The port (3306 by default).
        port: u16,
    },
}

/// The password as the command line gave it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Password {
    /// No `-p`: log in without a password.
    None,
    /// `-pxyz` / `--password=xyz`.
    Given(String),
    /// `-p` alone: ask with [`PASSWORD_PROMPT`].
    Prompt,
}

/// The parsed command line.
#[derive(Clone, Debug, PartialEq)]
pub struct ClientOptions {
    /// `-h`.
    pub host: Option<String>,
    /// `-u` (default: the login name, `root` in a container).
    pub user: Option<String>,
    /// `-p`.
    pub password: Password,
    /// `-P` (0: the default, 3306).
    pub port: u16,
    /// `-S`.
    pub socket: Option<String>,
    /// `--protocol`.
    pub protocol: Option<String>,
    /// `-D` or the positional argument.
    pub database: Option<String>,
    /// `-e` (several are joined by newlines).
    pub execute: Option<String>,
    /// `-B`.
    pub batch: bool,
    /// `-s` count.
    pub silent: u32,
    /// `-v` count.
    pub verbose: u32,
    /// `-t`.
    pub table: bool,
    /// `-E`.
    pub vertical: bool,
    /// Column headers (`-N` turns them off).
    pub column_names: bool,
    /// `-f`.
    pub force: bool,
    /// `-r`.
    pub raw: bool,
    /// Table-name completion at `USE` (`-A` turns it off, and its message with it).
    pub auto_rehash: bool,
    /// `--prompt`.
    pub prompt: Option<String>,
    /// `--delimiter`.
    pub delimiter: String,
    /// `--show-warnings`.
    pub show_warnings: bool,
    /// `--line-numbers` (on by default).
    pub line_numbers: bool,
    /// A password was typed on the command line: the client warns on stderr first.
    pub password_warning: bool,
}

impl Default for ClientOptions {
    fn default() -> Self {
        ClientOptions {
            host: None,
            user: None,
            password: Password::None,
            port: 0,
            socket: None,
            protocol: None,
            database: None,
            execute: None,
            batch: false,
            silent: 0,
            verbose: 0,
            table: false,
            vertical: false,
            column_names: true,
            force: false,
            raw: false,
            auto_rehash: true,
            prompt: None,
            delimiter: ";".into(),
            show_warnings: false,
            line_numbers: true,
            password_warning: false,
        }
    }
}

impl ClientOptions {
    /// The user to log in as (`root` when `-u` is missing: the container's login name).
    pub fn user_name(&self) -> &str {
        self.user.as_deref().unwrap_or("root")
    }

    /// Where to connect: the socket for no host or `localhost` (unless `--protocol=tcp`),
    /// else TCP.
    pub fn target(&self) -> Target {
        let tcp = self
            .protocol
            .as_deref()
            .is_some_and(|p| p.eq_ignore_ascii_case("tcp"));
        match self.host.as_deref() {
            None | Some("localhost") if !tcp => Target::Socket(
                self.socket
                    .clone()
                    .unwrap_or_else(|| DEFAULT_SOCKET.to_owned()),
            ),
            host => Target::Tcp {
                host: host.unwrap_or("localhost").to_owned(),
                port: if self.port == 0 { 3306 } else { self.port },
            },
        }
    }

    /// The text `status` shows after `Connection:` (`server via TCP/IP`).
    pub fn host_info(&self) -> String {
        match self.target() {
            Target::Socket(_) => "Localhost via UNIX socket".into(),
            Target::Tcp { host, .. } => format!("{host} via TCP/IP"),
        }
    }

    /// The line printed on stderr before connecting when a password was on the command line.
    pub fn password_warning_line() -> &'static str {
        "mysql: [Warning] Using a password on the command line interface can be insecure.\n"
    }
}

/// What parsing decided.
#[derive(Clone, Debug, PartialEq)]
#[allow(clippy::large_enum_variant)] // reason: made once per `mysql` start, never stored in bulk
pub enum ArgsOutcome {
    /// Connect with these options.
    Run(ClientOptions),
    /// Print and exit without connecting (`--help`, `--version`, a bad option).
    Exit {
        /// Text for stdout.
        stdout: String,
        /// Text for stderr.
        stderr: String,
        /// The exit status.
        status: i32,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ArgKind {
    /// A switch.
    No,
    /// `=name`.
    Str,
    /// `[=name]`.
    OptStr,
    /// `=#`.
    Num,
    /// `[=#]`.
    OptNum,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum In {
    Both,
    Only57,
    Only80,
}

/// What the Variables section of `--help` shows for an option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Var {
    None,
    Bool(bool),
    Text(&'static str),
}

struct Opt {
    short: Option<char>,
    long: &'static str,
    arg: ArgKind,
    help: &'static str,
    /// `(Defaults to on; use --skip-x to disable.)`
    on: bool,
    var: Var,
    series: In,
}

const fn o(
    short: Option<char>,
    long: &'static str,
    arg: ArgKind,
    help: &'static str,
    var: Var,
) -> Opt {
    Opt {
        short,
        long,
        arg,
        help,
        on: false,
        var,
        series: In::Both,
    }
}

const fn on(mut opt: Opt) -> Opt {
    opt.on = true;
    opt
}

const fn only57(mut opt: Opt) -> Opt {
    opt.series = In::Only57;
    opt
}

const fn only80(mut opt: Opt) -> Opt {
    opt.series = In::Only80;
    opt
}

use ArgKind::*;

const NODEBUG: &str = "This is a non-debug version. Catch this and exit.";

/// The client's options, in `my_long_options` order (5.7 and 8.0.28 merged).
const OPTS: &[Opt] = &[
    o(Some('?'), "help", No, "Display this help and exit.", Var::None),
    o(Some('I'), "help", No, "Synonym for -?", Var::None),
    on(o(None, "auto-rehash", No, "Enable automatic rehashing. One doesn't need to use 'rehash' to get table and field completion, but startup and reconnecting may take a longer time. Disable with --disable-auto-rehash.", Var::Bool(true))),
    o(Some('A'), "no-auto-rehash", No, "No automatic rehashing. One has to use 'rehash' to get table and field completion. This gives a quicker start of mysql and disables rehashing on reconnect.", Var::None),
    o(None, "auto-vertical-output", No, "Automatically switch to vertical output mode if the result is wider than the terminal width.", Var::Bool(false)),
    o(Some('B'), "batch", No, "Don't use history file. Disable interactive behavior. (Enables --silent.)", Var::None),
    o(None, "bind-address", Str, "IP address to bind to.", Var::Text("")),
    only57(o(None, "binary-as-hex", No, "Print binary data as hex", Var::Bool(false))),
    only80(o(None, "binary-as-hex", No, "Print binary data as hex. Enabled by default for interactive terminals.", Var::Bool(false))),
    o(None, "character-sets-dir", Str, "Directory for character set files.", Var::Text("")),
    o(None, "column-type-info", No, "Display column type information.", Var::Bool(false)),
    o(Some('c'), "comments", No, "Preserve comments. Send comments to the server. The default is --skip-comments (discard comments), enable with --comments.", Var::Bool(false)),
    o(Some('C'), "compress", No, "Use compression in server/client protocol.", Var::Bool(false)),
    o(Some('#'), "debug", OptNum, NODEBUG, Var::None),
    o(None, "debug-check", No, NODEBUG, Var::None),
    o(Some('T'), "debug-info", No, NODEBUG, Var::None),
    o(Some('D'), "database", Str, "Database to use.", Var::Text("")),
    o(None, "default-character-set", Str, "Set the default character set.", Var::Text("auto")),
    o(None, "delimiter", Str, "Delimiter to be used.", Var::Text(";")),
    o(None, "enable-cleartext-plugin", No, "Enable/disable the clear text authentication plugin.", Var::Bool(false)),
    o(Some('e'), "execute", Str, "Execute command and quit. (Disables --force and history file.)", Var::None),
    o(Some('E'), "vertical", No, "Print the output of a query (rows) vertically.", Var::Bool(false)),
    o(Some('f'), "force", No, "Continue even if we get an SQL error.", Var::Bool(false)),
    o(None, "histignore", Str, "A colon-separated list of patterns to keep statements from getting logged into syslog and mysql history.", Var::Text("")),
    o(Some('G'), "named-commands", No, "Enable named commands. Named commands mean this program's internal commands; see mysql> help . When enabled, the named commands can be used from any line of the query, otherwise only from the first line, before an enter. Disable with --disable-named-commands. This option is disabled by default.", Var::Bool(false)),
    o(Some('i'), "ignore-spaces", No, "Ignore space after function names.", Var::Bool(false)),
    o(None, "init-command", Str, "SQL Command to execute when connecting to MySQL server. Will automatically be re-executed when reconnecting.", Var::Text("")),
    o(None, "local-infile", No, "Enable/disable LOAD DATA LOCAL INFILE.", Var::Bool(false)),
    o(Some('b'), "no-beep", No, "Turn off beep on error.", Var::Bool(false)),
    o(Some('h'), "host", Str, "Connect to host.", Var::Text("")),
    only80(o(None, "dns-srv-name", Str, "Connect to a DNS SRV resource", Var::Text(""))),
    o(Some('H'), "html", No, "Produce HTML output.", Var::Bool(false)),
    o(Some('X'), "xml", No, "Produce XML output.", Var::Bool(false)),
    on(o(None, "line-numbers", No, "Write line numbers for errors.", Var::Bool(true))),
    o(Some('L'), "skip-line-numbers", No, "Don't write line number for errors.", Var::None),
    o(Some('n'), "unbuffered", No, "Flush buffer after each query.", Var::Bool(false)),
    on(o(None, "column-names", No, "Write column names in results.", Var::Bool(true))),
    o(Some('N'), "skip-column-names", No, "Don't write column names in results.", Var::None),
    o(None, "sigint-ignore", No, "Ignore SIGINT (CTRL-C).", Var::Bool(false)),
    o(Some('o'), "one-database", No, "Ignore statements except those that occur while the default database is the one named at the command line.", Var::None),
    o(None, "pager", OptStr, "Pager to use to display results. If you don't supply an option, the default pager is taken from your ENV variable PAGER. Valid pagers are less, more, cat [> filename], etc. See interactive help (\\h) also. This option does not work in batch mode. Disable with --disable-pager. This option is disabled by default.", Var::None),
    o(Some('p'), "password", OptStr, "Password to use when connecting to server. If password is not given it's asked from the tty.", Var::None),
    only80(o(Some(','), "password1", OptStr, "Password for first factor authentication plugin.", Var::None)),
    only80(o(Some(','), "password2", OptStr, "Password for second factor authentication plugin.", Var::None)),
    only80(o(Some(','), "password3", OptStr, "Password for third factor authentication plugin.", Var::None)),
    o(Some('P'), "port", Num, "Port number to use for connection or 0 for default to, in order of preference, my.cnf, $MYSQL_TCP_PORT, /etc/services, built-in default (3306).", Var::Text("0")),
    o(None, "prompt", Str, "Set the mysql prompt to this value.", Var::Text("mysql> ")),
    o(None, "protocol", Str, "The protocol to use for connection (tcp, socket, pipe, memory).", Var::None),
    o(Some('q'), "quick", No, "Don't cache result, print it row by row. This may slow down the server if the output is suspended. Doesn't use history file.", Var::Bool(false)),
    o(Some('r'), "raw", No, "Write fields without conversion. Used with --batch.", Var::Bool(false)),
    on(o(None, "reconnect", No, "Reconnect if the connection is lost. Disable with --disable-reconnect. This option is enabled by default.", Var::Bool(true))),
    o(Some('s'), "silent", No, "Be more silent. Print results with a tab as separator, each row on new line.", Var::None),
    o(Some('S'), "socket", Str, "The socket file to use for connection.", Var::Text("")),
    only80(o(None, "server-public-key-path", Str, "File path to the server public RSA key in PEM format.", Var::Text(""))),
    only80(o(None, "get-server-public-key", No, "Get server public key", Var::Bool(false))),
    o(None, "ssl-mode", Str, "SSL connection mode.", Var::None),
    only57(on(o(None, "ssl", No, "Deprecated. Use --ssl-mode instead.", Var::Bool(true)))),
    only57(o(None, "ssl-verify-server-cert", No, "Deprecated. Use --ssl-mode=VERIFY_IDENTITY instead.", Var::Bool(false))),
    o(None, "ssl-ca", Str, "CA file in PEM format.", Var::Text("")),
    o(None, "ssl-capath", Str, "CA directory.", Var::Text("")),
    o(None, "ssl-cert", Str, "X509 cert in PEM format.", Var::Text("")),
    o(None, "ssl-cipher", Str, "SSL cipher to use.", Var::Text("")),
    o(None, "ssl-key", Str, "X509 key in PEM format.", Var::Text("")),
    o(None, "ssl-crl", Str, "Certificate revocation list.", Var::Text("")),
    o(None, "ssl-crlpath", Str, "Certificate revocation list path.", Var::Text("")),
    only57(o(None, "tls-version", Str, "TLS version to use, permitted values are: TLSv1, TLSv1.1, TLSv1.2", Var::Text(""))),
    only80(o(None, "tls-version", Str, "TLS version to use, permitted values are: TLSv1.2, TLSv1.3", Var::Text(""))),
    only80(o(None, "ssl-fips-mode", Str, "SSL FIPS mode (applies only for OpenSSL); permitted values are: OFF, ON, STRICT", Var::None)),
    only80(o(None, "tls-ciphersuites", Str, "TLS v1.3 cipher to use.", Var::Text(""))),
    o(Some('t'), "table", No, "Output in table format.", Var::Bool(false)),
    o(None, "tee", Str, "Append everything into outfile. See interactive help (\\h) also. Does not work in batch mode. Disable with --disable-tee. This option is disabled by default.", Var::None),
    o(Some('u'), "user", Str, "User for login if not current user.", Var::Text("")),
    o(Some('U'), "safe-updates", No, "Only allow UPDATE and DELETE that uses keys.", Var::Bool(false)),
    o(Some('U'), "i-am-a-dummy", No, "Synonym for option --safe-updates, -U.", Var::Bool(false)),
    o(Some('v'), "verbose", No, "Write more. (-v -v -v gives the table output format).", Var::None),
    o(Some('V'), "version", No, "Output version information and exit.", Var::None),
    o(Some('w'), "wait", No, "Wait and retry if connection is down.", Var::None),
    o(None, "connect-timeout", Num, "Number of seconds before connection timeout.", Var::Text("0")),
    o(None, "max-allowed-packet", Num, "The maximum packet length to send to or receive from server.", Var::Text("16777216")),
    o(None, "net-buffer-length", Num, "The buffer size for TCP/IP and socket communication.", Var::Text("16384")),
    o(None, "select-limit", Num, "Automatic limit for SELECT when using --safe-updates.", Var::Text("1000")),
    o(None, "max-join-size", Num, "Automatic limit for rows in a join when using --safe-updates.", Var::Text("1000000")),
    only57(o(None, "secure-auth", No, "Refuse client connecting to server if it uses old (pre-4.1.1) protocol. Deprecated. Always TRUE", Var::Bool(true))),
    only57(o(None, "server-arg", Str, "Send embedded server this as a parameter.", Var::None)),
    o(None, "show-warnings", No, "Show warnings after every statement.", Var::Bool(false)),
    o(Some('j'), "syslog", No, "Log filtered interactive commands to syslog. Filtering of commands depends on the patterns supplied via histignore option besides the default patterns.", Var::None),
    o(None, "plugin-dir", Str, "Directory for client-side plugins.", Var::Text("")),
    o(None, "default-auth", Str, "Default authentication client-side plugin to use.", Var::Text("")),
    o(None, "binary-mode", No, "By default, ASCII '\\0' is disallowed and '\\r\\n' is translated to '\\n'. This switch turns off both features, and also turns off parsing of all clientcommands except \\C and DELIMITER, in non-interactive mode (for input piped to mysql or loaded using the 'source' command). This is necessary when processing output from mysqlbinlog that may contain blobs.", Var::Bool(false)),
    o(None, "connect-expired-password", No, "Notify the server that this client is prepared to handle expired password sandbox mode.", Var::Bool(false)),
    only80(o(None, "compression-algorithms", Str, "Use compression algorithm in server/client protocol. Valid values are any combination of 'zstd','zlib','uncompressed'.", Var::Text(""))),
    only80(o(None, "zstd-compression-level", Num, "Use this compression level in the client/server protocol, in case --compression-algorithms=zstd. Valid range is between 1 and 22, inclusive. Default is 3.", Var::Text("3"))),
    only80(o(None, "load-data-local-dir", Str, "Directory path safe for LOAD DATA LOCAL INFILE to read from.", Var::Text(""))),
    only80(o(None, "fido-register-factor", Str, "Specifies authentication factor, for which registration needs to be done.", Var::Text(""))),
    only80(o(None, "oci-config-file", Str, "Specifies the location of the OCI configuration file. Default for Linux is ~/.oci/config and %HOME/.oci/config on Windows.", Var::Text(""))),
];

fn available(opt: &Opt, series: Series) -> bool {
    match opt.series {
        In::Both => true,
        In::Only57 => series.is_57(),
        In::Only80 => !series.is_57(),
    }
}

fn opts(series: Series) -> impl Iterator<Item = &'static Opt> {
    OPTS.iter().filter(move |o| available(o, series))
}

/// `my_print_help`: the option list, names in the first 22 columns, text wrapped at 57.
fn print_help(series: Series) -> String {
    const NAME_SPACE: usize = 22;
    const COMMENT_SPACE: usize = 57;
    let mut out = String::new();
    for opt in opts(series) {
        let mut col;
        match opt.short {
            Some(c) => {
                out.push_str(&format!("  -{c}, "));
                col = 6;
            }
            None => {
                out.push_str("  ");
                col = 2;
            }
        }
        out.push_str("--");
        out.push_str(opt.long);
        col += 2 + opt.long.len();
        let suffix = match opt.arg {
            No => " ",
            Str => "=name ",
            OptStr => "[=name] ",
            Num => "=# ",
            OptNum => "[=#] ",
        };
        out.push_str(suffix);
        col += suffix.len();
        if col > NAME_SPACE {
            out.push('\n');
            col = 0;
        }
        out.push_str(&" ".repeat(NAME_SPACE.saturating_sub(col)));
        let mut comment = opt.help;
        while comment.len() > COMMENT_SPACE {
            let cut = comment[..=COMMENT_SPACE]
                .rfind(' ')
                .unwrap_or(COMMENT_SPACE);
            out.push_str(&comment[..cut]);
            out.push('\n');
            out.push_str(&" ".repeat(NAME_SPACE));
            comment = comment.get(cut + 1..).unwrap_or("");
        }
        out.push_str(comment);
        out.push('\n');
        if opt.on {
            out.push_str(&format!(
                "{}(Defaults to on; use --skip-{} to disable.)\n",
                " ".repeat(NAME_SPACE),
                opt.long
            ));
        }
    }
    out
}

/// `my_print_variables`, with the values after the command line was read.
fn print_variables(series: Series, parsed: &ClientOptions, batch: bool) -> String {
    let mut out = String::from(
        "\nVariables (--variable-name=value)\n\
         and boolean options {FALSE|TRUE}  Value (after reading options)\n\
         --------------------------------- ----------------------------------------\n",
    );
    for opt in opts(series) {
        let value = match (opt.long, opt.var) {
            (_, Var::None) => continue,
            ("auto-rehash", _) => bool_text(parsed.auto_rehash),
            ("vertical", _) => bool_text(parsed.vertical),
            ("force", _) => bool_text(parsed.force),
            ("table", _) => bool_text(parsed.table),
            ("raw", _) => bool_text(parsed.raw),
            ("column-names", _) => bool_text(parsed.column_names),
            ("line-numbers", _) => bool_text(parsed.line_numbers),
            ("show-warnings", _) => bool_text(parsed.show_warnings),
            ("reconnect", _) => bool_text(!batch),
            ("host", _) => text_or_none(parsed.host.as_deref()),
            ("user", _) => text_or_none(parsed.user.as_deref()),
            ("database", _) => text_or_none(parsed.database.as_deref()),
            ("socket", _) => parsed
                .socket
                .clone()
                .unwrap_or_else(|| DEFAULT_SOCKET.into()),
            ("port", _) => parsed.port.to_string(),
            ("delimiter", _) => parsed.delimiter.clone(),
            ("prompt", _) => parsed.prompt.clone().unwrap_or_else(|| "mysql> ".into()),
            (_, Var::Bool(b)) => bool_text(b),
            (_, Var::Text(t)) => text_or_none(Some(t).filter(|t| !t.is_empty())),
        };
        out.push_str(&format!("{:<33} {value}\n", opt.long));
    }
    out
}

fn bool_text(b: bool) -> String {
    if b { "TRUE" } else { "FALSE" }.into()
}

fn text_or_none(t: Option<&str>) -> String {
    t.map(str::to_owned)
        .unwrap_or_else(|| "(No default value)".into())
}

fn copyright(version: &Version) -> String {
    format!(
        "Copyright (c) 2000, {}, Oracle and/or its affiliates.\n\n\
         Oracle is a registered trademark of Oracle Corporation and/or its\n\
         affiliates. Other names may be trademarks of their respective\n\
         owners.\n",
        version.copyright_year()
    )
}

/// `mysql --help` (also what a second positional argument prints, with status 1).
pub fn usage(version: &Version, parsed: &ClientOptions, batch: bool) -> String {
    let series = version.series();
    let mut out = format!("{}\n", version.client_version_line());
    out.push_str(&copyright(version));
    out.push('\n');
    out.push_str("Usage: mysql [OPTIONS] [database]\n");
    out.push_str(&print_help(series));
    out.push_str(
        "\nDefault options are read from the following files in the given order:\n\
         /etc/my.cnf /etc/mysql/my.cnf ~/.my.cnf \n\
         The following groups are read: mysql client\n\
         The following options may be given as the first argument:\n\
         --print-defaults        Print the program argument list and exit.\n\
         --no-defaults           Don't read default options from any option file,\n\
         \x20                       except for login file.\n\
         --defaults-file=#       Only read default options from the given file #.\n\
         --defaults-extra-file=# Read this file after the global files are read.\n\
         --defaults-group-suffix=#\n\
         \x20                       Also read groups with concat(group, suffix)\n\
         --login-path=#          Read this path from the login file.\n",
    );
    out.push_str(&print_variables(series, parsed, batch));
    out
}

/// The banner's copyright block (shared with the interactive welcome).
pub fn welcome_copyright(version: &Version) -> String {
    copyright(version)
}

fn error_line(series: Series, msg: &str) -> String {
    let dot = if series.is_57() { "" } else { "." };
    format!("mysql: [ERROR] {msg}{dot}\n")
}

fn fail(series: Series, msg: &str, status: i32) -> ArgsOutcome {
    ArgsOutcome::Exit {
        stdout: String::new(),
        stderr: error_line(series, msg),
        status,
    }
}

fn normalize(name: &str) -> String {
    name.replace('_', "-").to_ascii_lowercase()
}

/// Finds a long option by exact name or unique prefix.
fn find_long(
    name: &str,
    series: Series,
) -> Result<&'static Opt, Option<(&'static str, &'static str)>> {
    let name = normalize(name);
    let all: Vec<&Opt> = opts(series).collect();
    if let Some(o) = all.iter().find(|o| o.long == name) {
        return Ok(o);
    }
    let matches: Vec<&&Opt> = all.iter().filter(|o| o.long.starts_with(&name)).collect();
    match matches.as_slice() {
        [] => Err(None),
        [one] => Ok(one),
        [a, b, ..] => {
            if matches
                .iter()
                .all(|m| m.short == a.short && a.short.is_some())
            {
                Ok(a)
            } else {
                Err(Some((a.long, b.long)))
            }
        }
    }
}

enum Applied {
    Continue,
    Exit(Box<ArgsOutcome>),
}

/// Parses `argv` (without the program name). `stdin_tty`/`stdout_tty` decide batch mode as
/// `mysql` does (`isatty`), which `--help`'s Variables section reflects.
pub fn parse_client_args(argv: &[String], version: &Version) -> ArgsOutcome {
    let series = version.series();
    let mut opts = ClientOptions::default();
    let mut positional: Vec<String> = Vec::new();
    let mut stderr = String::new();
    let mut i = 0;
    let mut end_of_options = false;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if end_of_options || !arg.starts_with('-') || arg == "-" {
            positional.push(arg.clone());
            continue;
        }
        if arg == "--" {
            end_of_options = true;
            continue;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, value) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (body, None),
            };
            let norm = normalize(name);
            // --skip-x / --disable-x / --enable-x for switches, --loose-x for anything.
            let (found, negated, loose) = match find_long(&norm, series) {
                Ok(o) => (Some(o), false, false),
                Err(amb) => {
                    if let Some(rest) = norm.strip_prefix("loose-") {
                        (find_long(rest, series).ok(), false, true)
                    } else if let Some(rest) = norm
                        .strip_prefix("skip-")
                        .or_else(|| norm.strip_prefix("disable-"))
                    {
                        match find_long(rest, series) {
                            Ok(o) if o.arg == No || o.long == "pager" || o.long == "tee" => {
                                (Some(o), true, false)
                            }
                            _ => (None, false, false),
                        }
                    } else if let Some(rest) = norm.strip_prefix("enable-") {
                        (
                            find_long(rest, series).ok().filter(|o| o.arg == No),
                            false,
                            false,
                        )
                    } else if let Some((a, b)) = amb {
                        return fail(
                            series,
                            &format!("ambiguous option '--{name}' ({a}, {b})"),
                            3,
                        );
                    } else {
                        (None, false, false)
                    }
                }
            };
            let Some(opt) = found else {
                if loose {
                    continue;
                }
                return fail(series, &format!("unknown option '--{name}'"), 2);
            };
            let value = match opt.arg {
                No => {
                    if value.is_some() && opt.var == Var::None {
                        return fail(
                            series,
                            &format!("option '--{}' cannot take an argument", opt.long),
                            4,
                        );
                    }
                    None
                }
                Str | Num => match value {
                    Some(v) => Some(v),
                    None if i < argv.len() => {
                        i += 1;
                        Some(argv[i - 1].clone())
                    }
                    None => {
                        return fail(
                            series,
                            &format!("option '--{}' requires an argument", opt.long),
                            5,
                        )
                    }
                },
                OptStr | OptNum => value,
            };
            match apply(opt, value, negated, &mut opts, version, &mut stderr) {
                Ok(Applied::Continue) => {}
                Ok(Applied::Exit(out)) => return with_stderr(*out, &stderr),
                Err(e) => return e,
            }
            continue;
        }
        // A cluster of short options.
        let chars: Vec<char> = arg[1..].chars().collect();
        let mut k = 0;
        while k < chars.len() {
            let c = chars[k];
            k += 1;
            let Some(opt) = opts_short(c, series) else {
                return fail(series, &format!("unknown option '-{c}'"), 2);
            };
            let rest: String = chars[k..].iter().collect();
            let value = match opt.arg {
                No => None,
                Str | Num => {
                    if !rest.is_empty() {
                        k = chars.len();
                        Some(rest)
                    } else if i < argv.len() {
                        i += 1;
                        Some(argv[i - 1].clone())
                    } else {
                        return fail(series, &format!("option '-{c}' requires an argument"), 5);
                    }
                }
                OptStr | OptNum => {
                    k = chars.len();
                    (!rest.is_empty()).then_some(rest)
                }
            };
            match apply(opt, value, false, &mut opts, version, &mut stderr) {
                Ok(Applied::Continue) => {}
                Ok(Applied::Exit(out)) => return with_stderr(*out, &stderr),
                Err(e) => return e,
            }
        }
    }
    if positional.len() > 1 {
        return ArgsOutcome::Exit {
            stdout: usage(version, &opts, opts.batch || opts.execute.is_some()),
            stderr,
            status: 1,
        };
    }
    if let Some(db) = positional.pop() {
        opts.database = Some(db);
    }
    ArgsOutcome::Run(opts)
}

fn with_stderr(out: ArgsOutcome, stderr: &str) -> ArgsOutcome {
    match out {
        ArgsOutcome::Exit {
            stdout,
            stderr: more,
            status,
        } => ArgsOutcome::Exit {
            stdout,
            stderr: format!("{stderr}{more}"),
            status,
        },
        run => run,
    }
}

fn opts_short(c: char, series: Series) -> Option<&'static Opt> {
    if c == ',' {
        return None;
    }
    opts(series).find(|o| o.short == Some(c))
}

#[allow(clippy::result_large_err)] // reason: the error is the program's final answer, made once
fn apply(
    opt: &Opt,
    value: Option<String>,
    negated: bool,
    opts: &mut ClientOptions,
    version: &Version,
    stderr: &mut String,
) -> Result<Applied, ArgsOutcome> {
    let series = version.series();
    let v = value.clone().unwrap_or_default();
    match (opt.short, opt.long) {
        (Some('?'), _) | (Some('I'), _) => {
            return Ok(Applied::Exit(Box::new(ArgsOutcome::Exit {
                stdout: usage(version, opts, opts.batch),
                stderr: String::new(),
                status: 0,
            })))
        }
        (_, "version") => {
            return Ok(Applied::Exit(Box::new(ArgsOutcome::Exit {
                stdout: format!("{}\n", version.client_version_line()),
                stderr: String::new(),
                status: 0,
            })))
        }
        (_, "auto-rehash") => opts.auto_rehash = !negated,
        (_, "no-auto-rehash") => opts.auto_rehash = false,
        (_, "batch") => {
            opts.batch = true;
            opts.silent = opts.silent.max(1);
        }
        (_, "database") => opts.database = Some(v),
        (_, "delimiter") => {
            if v.contains('\\') {
                stderr.push_str("ERROR: DELIMITER cannot contain a backslash character\n");
            } else {
                opts.delimiter = v;
            }
        }
        (_, "execute") => {
            opts.execute = Some(match opts.execute.take() {
                Some(prev) => format!("{prev}\n{v}"),
                None => v,
            });
        }
        (_, "vertical") => opts.vertical = !negated,
        (_, "force") => opts.force = !negated,
        (_, "host") => opts.host = Some(v),
        (_, "line-numbers") => opts.line_numbers = !negated,
        (_, "skip-line-numbers") => opts.line_numbers = false,
        (_, "column-names") => opts.column_names = !negated,
        (_, "skip-column-names") => opts.column_names = false,
        (_, "password") => match value {
            Some(p) => {
                opts.password = Password::Given(p);
                opts.password_warning = true;
            }
            None if negated => opts.password = Password::None,
            None => opts.password = Password::Prompt,
        },
        (_, "port") => match v.trim().parse::<u32>() {
            Ok(p) => opts.port = p.min(u32::from(u16::MAX)) as u16,
            Err(_) => {
                let suffix: String = v
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .chars()
                    .take(1)
                    .collect();
                let msg = if v.starts_with(|c: char| c.is_ascii_digit()) && !suffix.is_empty() {
                    format!("Unknown suffix '{suffix}' used for variable 'port' (value '{v}')")
                } else {
                    format!("Incorrect unsigned integer value: '{v}'")
                };
                let mut text = error_line(series, &msg);
                text.push_str(&error_line(
                    series,
                    &format!("Error while setting value '{v}' to 'port'"),
                ));
                return Err(ArgsOutcome::Exit {
                    stdout: String::new(),
                    stderr: format!("{stderr}{text}"),
                    status: 13,
                });
            }
        },
        (_, "prompt") => opts.prompt = Some(v),
        (_, "protocol") => {
            let ok = ["tcp", "socket", "pipe", "memory"]
                .iter()
                .any(|p| p.eq_ignore_ascii_case(&v));
            if !ok {
                return Err(ArgsOutcome::Exit {
                    stdout: String::new(),
                    stderr: format!("{stderr}Unknown option to protocol: {v}\nAlternatives are: 'TCP','SOCKET','PIPE','MEMORY'\n"),
                    status: 1,
                });
            }
            opts.protocol = Some(v);
        }
        (_, "raw") => opts.raw = !negated,
        (_, "silent") => opts.silent += 1,
        (_, "socket") => opts.socket = Some(v),
        (_, "table") => opts.table = !negated,
        (_, "user") => opts.user = Some(v),
        (_, "verbose") => opts.verbose += 1,
        (_, "show-warnings") => opts.show_warnings = !negated,
        _ => {}
    }
    Ok(Applied::Continue)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(args: &str, expected: &str) {
        let argv: Vec<String> = args.split_whitespace().map(str::to_owned).collect();
        let got = match parse_client_args(&argv, &Version::mysql57()) {
            ArgsOutcome::Run(o) => format!(
                "host={:?} user={} password={:?} db={:?} target={:?} execute={:?} warn={}",
                o.host,
                o.user_name(),
                o.password,
                o.database,
                o.target(),
                o.execute,
                o.password_warning
            ),
            ArgsOutcome::Exit {
                stdout,
                stderr,
                status,
            } => format!(
                "exit {status}: {}{stderr}",
                stdout.lines().next().unwrap_or("")
            ),
        };
        assert!(
            got.contains(expected),
            "{args}\n got: {got}\nwant: {expected}"
        );
    }

    #[test]
    #[rustfmt::skip]
    fn command_lines() {
        check("-hserver -uroot -pexampledb20", "host=Some(\"server\") user=root password=Given(\"exampledb20\") db=None target=Tcp { host: \"server\", port: 3306 }");
        check("-h server -u root -p", "password=Prompt db=None");
        check("-u root -p exampledb20", "password=Prompt db=Some(\"exampledb20\")");
        check("--host=server --user=root --password=x", "host=Some(\"server\") user=root password=Given(\"x\")");
        check("--host server --port 3307", "target=Tcp { host: \"server\", port: 3307 }");
        check("-P3307 -h127.0.0.1", "target=Tcp { host: \"127.0.0.1\", port: 3307 }");
        check("–hserver -uroot -pexampledb20", "host=None user=root password=Given(\"exampledb20\") db=Some(\"–hserver\") target=Socket(\"/var/run/mysqld/mysqld.sock\")");
        check("-uroot mydb", "db=Some(\"mydb\")");
        check("-e select\u{20}1", "db=Some(\"1\")");
        check("-uroot -psecret", "warn=true");
        check("-uroot", "warn=false");
        check("--pass=x", "password=Given(\"x\")");
        check("--skip-column-names -N", "user=root");
        check("--foo", "exit 2: mysql: [ERROR] unknown option '--foo'");
        check("-x", "exit 2: mysql: [ERROR] unknown option '-x'");
        check("-h", "exit 5: mysql: [ERROR] option '-h' requires an argument");
        check("--host", "exit 5: mysql: [ERROR] option '--host' requires an argument");
        check("--ss=x", "exit 3: mysql: [ERROR] ambiguous option '--ss' (ssl-mode, ssl)");
        check("--version", "exit 0: mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64) using  EditLine wrapper");
        check("-V", "exit 0: mysql  Ver 14.14");
        check("-P33x", "exit 13: mysql: [ERROR] Unknown suffix 'x' used for variable 'port' (value '33x')");
        check("–h server -uroot", "exit 1: mysql  Ver 14.14 Distrib 5.7.44");
        check("--protocol=tcp", "target=Tcp { host: \"localhost\", port: 3306 }");
    }

    #[test]
    fn execute_joins_lines() {
        let argv: Vec<String> = ["-e", "select 1", "-e", "select 2"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        match parse_client_args(&argv, &Version::mysql57()) {
            ArgsOutcome::Run(o) => assert_eq!(o.execute.as_deref(), Some("select 1\nselect 2")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn eighty_errors_end_with_a_period() {
        let argv = vec!["--foo".to_owned()];
        match parse_client_args(&argv, &Version::mysql80()) {
            ArgsOutcome::Exit { stderr, status, .. } => {
                assert_eq!(stderr, "mysql: [ERROR] unknown option '--foo'.\n");
                assert_eq!(status, 2);
            }
            other => panic!("{other:?}"),
        }
    }

    /// The wrapped option list as `mysql --help` prints it (5.7.44).
    #[test]
    fn help_layout() {
        let text = usage(&Version::mysql57(), &ClientOptions::default(), false);
        let expected_start =
            "mysql  Ver 14.14 Distrib 5.7.44, for Linux (x86_64) using  EditLine wrapper\n\
Copyright (c) 2000, 2023, Oracle and/or its affiliates.\n\
\n\
Oracle is a registered trademark of Oracle Corporation and/or its\n\
affiliates. Other names may be trademarks of their respective\n\
owners.\n\
\n\
Usage: mysql [OPTIONS] [database]\n\
\x20 -?, --help          Display this help and exit.\n\
\x20 -I, --help          Synonym for -?\n\
\x20 --auto-rehash       Enable automatic rehashing. One doesn't need to use\n\
\x20                     'rehash' to get table and field completion, but startup\n\
\x20                     and reconnecting may take a longer time. Disable with\n\
\x20                     --disable-auto-rehash.\n\
\x20                     (Defaults to on; use --skip-auto-rehash to disable.)\n\
\x20 -A, --no-auto-rehash \n\
\x20                     No automatic rehashing. One has to use 'rehash' to get\n\
\x20                     table and field completion. This gives a quicker start of\n\
\x20                     mysql and disables rehashing on reconnect.\n";
        assert!(text.starts_with(expected_start), "{text}");
        for line in [
            "  -P, --port=#        Port number to use for connection or 0 for default to, in\n                      order of preference, my.cnf, $MYSQL_TCP_PORT,\n                      /etc/services, built-in default (3306).\n",
            "  -p, --password[=name] \n                      Password to use when connecting to server. If password is\n                      not given it's asked from the tty.\n",
            "  --binary-mode       By default, ASCII '\\0' is disallowed and '\\r\\n' is\n                      translated to '\\n'. This switch turns off both features,\n                      and also turns off parsing of all clientcommands except\n                      \\C and DELIMITER, in non-interactive mode (for input\n                      piped to mysql or loaded using the 'source' command).\n                      This is necessary when processing output from mysqlbinlog\n                      that may contain blobs.\n",
            "\nVariables (--variable-name=value)\nand boolean options {FALSE|TRUE}  Value (after reading options)\n--------------------------------- ----------------------------------------\nauto-rehash                       TRUE\n",
            "prompt                            mysql> \n",
            "secure-auth                       TRUE\n",
        ] {
            assert!(text.contains(line), "missing:\n{line}\nin:\n{text}");
        }
        assert!(text.ends_with("connect-expired-password          FALSE\n"));
    }
}
