//! The client's read-and-execute loop, as `mysql.cc` runs it: lines are added to a
//! statement buffer until the delimiter (outside strings and comments) ends a statement;
//! client commands (`exit`, `use db`, `\G`, `\c`, `help`…) are recognised on their own line
//! or after a backslash; results and errors are printed the interactive way (boxed tables,
//! `Query OK, …`, `ERROR 1064 (42000): …`) or the batch way (tabs, `ERROR … at line n`).

use super::args::{welcome_copyright, ClientOptions, Target};
use super::render;
use super::{Connection, Printed};
use crate::sql::error::SqlError;
use crate::sql::result::{Outcome, QueryResult};
use crate::sql::version::{Series, Version};

/// A client command (`mysql> help` lists them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cmd {
    Help,
    Clear,
    Connect,
    Delimiter,
    Edit,
    Ego,
    Quit,
    Go,
    NoPager,
    NoTee,
    Pager,
    Print,
    Prompt,
    Rehash,
    Source,
    Status,
    System,
    Tee,
    Use,
    Charset,
    Warnings,
    NoWarnings,
    ResetConnection,
    QueryAttributes,
    SslSessionData,
}

struct Command {
    name: &'static str,
    ch: Option<char>,
    takes_params: bool,
    doc: &'static str,
    cmd: Cmd,
    since80: bool,
}

const fn c(
    name: &'static str,
    ch: Option<char>,
    takes_params: bool,
    doc: &'static str,
    cmd: Cmd,
) -> Command {
    Command {
        name,
        ch,
        takes_params,
        doc,
        cmd,
        since80: false,
    }
}

const COMMANDS: &[Command] = &[
    c("?", Some('?'), true, "Synonym for `help'.", Cmd::Help),
    c("clear", Some('c'), false, "Clear the current input statement.", Cmd::Clear),
    c("connect", Some('r'), true, "Reconnect to the server. Optional arguments are db and host.", Cmd::Connect),
    c("delimiter", Some('d'), true, "Set statement delimiter.", Cmd::Delimiter),
    c("edit", Some('e'), false, "Edit command with $EDITOR.", Cmd::Edit),
    c("ego", Some('G'), false, "Send command to mysql server, display result vertically.", Cmd::Ego),
    c("exit", Some('q'), false, "Exit mysql. Same as quit.", Cmd::Quit),
    c("go", Some('g'), false, "Send command to mysql server.", Cmd::Go),
    c("help", Some('h'), true, "Display this help.", Cmd::Help),
    c("nopager", Some('n'), false, "Disable pager, print to stdout.", Cmd::NoPager),
    c("notee", Some('t'), false, "Don't write into outfile.", Cmd::NoTee),
    c("pager", Some('P'), true, "Set PAGER [to_pager]. Print the query results via PAGER.", Cmd::Pager),
    c("print", Some('p'), false, "Print current command.", Cmd::Print),
    c("prompt", Some('R'), true, "Change your mysql prompt.", Cmd::Prompt),
    c("quit", Some('q'), false, "Quit mysql.", Cmd::Quit),
    c("rehash", Some('#'), false, "Rebuild completion hash.", Cmd::Rehash),
    c("source", Some('.'), true, "Execute an SQL script file. Takes a file name as an argument.", Cmd::Source),
    c("status", Some('s'), false, "Get status information from the server.", Cmd::Status),
    c("system", Some('!'), true, "Execute a system shell command.", Cmd::System),
    c("tee", Some('T'), true, "Set outfile [to_outfile]. Append everything into given outfile.", Cmd::Tee),
    c("use", Some('u'), true, "Use another database. Takes database name as argument.", Cmd::Use),
    c("charset", Some('C'), true, "Switch to another charset. Might be needed for processing binlog with multi-byte charsets.", Cmd::Charset),
    c("warnings", Some('W'), false, "Show warnings after every statement.", Cmd::Warnings),
    c("nowarning", Some('w'), false, "Don't show warnings after every statement.", Cmd::NoWarnings),
    c("resetconnection", Some('x'), false, "Clean session context.", Cmd::ResetConnection),
    Command {
        since80: true,
        ..c("query_attributes", None, true, "Sets string parameters (name1 value1 name2 value2 ...) for the next query to pick up.", Cmd::QueryAttributes)
    },
    Command {
        since80: true,
        ..c("ssl_session_data_print", None, true, "Serializes the current SSL session data to stdout or file", Cmd::SslSessionData)
    },
];

fn commands(series: Series) -> impl Iterator<Item = &'static Command> {
    COMMANDS
        .iter()
        .filter(move |c| !c.since80 || !series.is_57())
}

/// The interactive welcome, after a successful connection.
pub fn banner(client: &Version, server: &Version, connection_id: u64) -> String {
    format!(
        "Welcome to the MySQL monitor.  Commands end with ; or \\g.\n\
         Your MySQL connection id is {connection_id}\n\
         Server version: {} {}\n\n\
         {}\n\
         Type 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n",
        server.number(),
        server.comment(),
        welcome_copyright(client)
    )
}

/// `Reading table information…`: printed when a database with tables becomes current.
const READING_TABLES: &str = "Reading table information for completion of table and column names\n\
You can turn off this feature to get a quicker startup with -A\n\n";

/// The client loop for one connection.
#[derive(Clone, Debug)]
pub struct Repl {
    client: Version,
    opts: ClientOptions,
    buffer: String,
    in_string: Option<char>,
    ml_comment: bool,
    delimiter: String,
    show_warnings: bool,
    prompt: String,
    batch: bool,
    silent: u32,
    ignore_errors: bool,
    line_number: u64,
    query_start_line: u64,
    file_name: Option<String>,
    exit_status: i32,
    finished: bool,
    vertical: bool,
}

impl Repl {
    fn new(client: &Version, opts: &ClientOptions, batch: bool, silent: u32) -> Repl {
        Repl {
            client: client.clone(),
            opts: opts.clone(),
            buffer: String::new(),
            in_string: None,
            ml_comment: false,
            delimiter: opts.delimiter.clone(),
            show_warnings: opts.show_warnings,
            prompt: opts.prompt.clone().unwrap_or_else(|| "mysql> ".into()),
            batch,
            silent,
            ignore_errors: !batch || opts.force,
            line_number: 0,
            query_start_line: 0,
            file_name: None,
            exit_status: 0,
            finished: false,
            vertical: false,
        }
    }

    /// Starts the interactive monitor on an open connection: prints the `Reading table
    /// information…` note (when the starting database has tables) and the welcome banner.
    /// `client` is the version of the `mysql` program (its copyright year).
    pub fn start(
        client: &Version,
        opts: &ClientOptions,
        conn: &mut dyn Connection,
    ) -> (Repl, Printed) {
        let repl = Repl::new(client, opts, false, opts.silent);
        let mut p = Printed::default();
        if opts.database.is_some() && repl.rehash_note(conn) {
            p.out(READING_TABLES);
        }
        let info = conn.info();
        if repl.silent == 0 {
            p.out(banner(client, &info.server_version, info.id));
        }
        p.prompt = Some(repl.prompt_text(conn));
        (repl, p)
    }

    /// The prompt to show now.
    fn prompt_text(&self, conn: &dyn Connection) -> String {
        if self.ml_comment {
            return "   /*> ".into();
        }
        if !self.buffer.is_empty() {
            return match self.in_string {
                None => "    -> ",
                Some('\'') => "    '> ",
                Some('`') => "    `> ",
                Some(_) => "    \"> ",
            }
            .into();
        }
        self.expand_prompt(conn)
    }

    fn expand_prompt(&self, conn: &dyn Connection) -> String {
        if !self.prompt.contains('\\') {
            return self.prompt.clone();
        }
        let info = conn.info();
        let mut out = String::new();
        let mut chars = self.prompt.chars();
        while let Some(ch) = chars.next() {
            if ch != '\\' {
                out.push(ch);
                continue;
            }
            match chars.next() {
                Some('u') => out.push_str(self.opts.user_name()),
                Some('U') => out.push_str(&info.user),
                Some('h') => out.push_str(match self.opts.target() {
                    Target::Socket(_) => "localhost",
                    Target::Tcp { .. } => self.opts.host.as_deref().unwrap_or("localhost"),
                }),
                Some('d') => out.push_str(info.database.as_deref().unwrap_or("(none)")),
                Some('v') => out.push_str(info.server_version.number()),
                Some('p') => out.push_str(&match self.opts.target() {
                    Target::Socket(path) => path,
                    Target::Tcp { port, .. } => port.to_string(),
                }),
                Some('_') | Some(' ') => out.push(' '),
                Some('n') => out.push('\n'),
                Some('\\') => out.push('\\'),
                Some(other) => out.push(other),
                None => {}
            }
        }
        out
    }

    /// Whether the current database has tables (the client lists them for completion).
    fn rehash_note(&self, conn: &mut dyn Connection) -> bool {
        if !self.opts.auto_rehash || self.batch {
            return false;
        }
        matches!(
            conn.query("show tables").pop(),
            Some(Ok(QueryResult { outcome: Outcome::Rows(set), .. })) if !set.rows.is_empty()
        )
    }

    /// Feeds one typed line; returns what to print and the next prompt (or the exit).
    pub fn feed(&mut self, line: &str, conn: &mut dyn Connection) -> Printed {
        let mut p = Printed::default();
        if self.finished {
            p.exit = Some(self.exit_status);
            return p;
        }
        self.line_number += 1;
        if self.buffer.is_empty() {
            self.query_start_line = self.line_number;
        }
        let quit = self.process_line(line, conn, &mut p);
        if quit {
            self.finish(&mut p);
        } else {
            p.prompt = Some(self.prompt_text(conn));
        }
        p
    }

    /// End of input (Ctrl-D on an empty line): the client says `Bye` and exits 0.
    pub fn eof(&mut self) -> Printed {
        let mut p = Printed::default();
        self.exit_status = 0;
        self.finish(&mut p);
        p
    }

    /// Ctrl-C at the prompt: 5.7 and later drop the current statement and show a fresh
    /// prompt (the terminal echoes `^C`).
    pub fn interrupt(&mut self, conn: &mut dyn Connection) -> Printed {
        self.buffer.clear();
        self.in_string = None;
        self.ml_comment = false;
        Printed {
            chunks: Vec::new(),
            prompt: Some(self.prompt_text(conn)),
            exit: None,
        }
    }

    /// Whether the client has exited.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    fn finish(&mut self, p: &mut Printed) {
        self.finished = true;
        if !self.batch || self.opts.verbose > 1 {
            p.out("Bye\n");
        }
        p.prompt = None;
        p.exit = Some(self.exit_status);
    }

    // ----- messages -----

    /// `put_info(…, INFO_INFO)`: shown interactively unless silent.
    fn info(&self, p: &mut Printed, text: &str) {
        if !self.batch && self.silent == 0 {
            p.out(format!("{text}\n"));
        }
    }

    /// `put_info(…, INFO_RESULT)`: interactive unless silent; batch only with `-vv`.
    fn result_line(&self, p: &mut Printed, text: &str) {
        if (!self.batch && self.silent == 0) || (self.batch && self.opts.verbose > 1) {
            p.out(format!("{text}\n"));
        }
    }

    /// A client-side error without a number (`ERROR: \nNo query specified`). Returns
    /// whether the client must stop (batch mode without `--force`).
    fn client_error(&mut self, p: &mut Printed, text: &str) -> bool {
        if self.batch {
            let mut line = String::from("ERROR");
            if self.opts.line_numbers && self.query_start_line > 0 {
                line.push_str(&format!(" at line {}", self.query_start_line));
                if let Some(f) = &self.file_name {
                    line.push_str(&format!(" in file: '{f}'"));
                }
            }
            p.err(format!("{line}: {text}\n"));
            if !self.ignore_errors {
                self.exit_status = 1;
                return true;
            }
            return false;
        }
        p.err(format!("ERROR: \n{text}\n"));
        false
    }

    /// A server error. Returns whether the client must stop.
    fn server_error(&mut self, p: &mut Printed, e: &SqlError) -> bool {
        if self.batch {
            let mut line = format!("ERROR {} ({})", e.code, e.state);
            if self.opts.line_numbers && self.query_start_line > 0 {
                line.push_str(&format!(" at line {}", self.query_start_line));
                if let Some(f) = &self.file_name {
                    line.push_str(&format!(" in file: '{f}'"));
                }
            }
            p.err(format!("{line}: {}\n", e.message));
            if !self.ignore_errors {
                self.exit_status = 1;
                return true;
            }
            return false;
        }
        p.err(format!("{e}\n"));
        false
    }

    // ----- lines -----

    fn find_command(&self, text: &str) -> Option<(&'static Command, String)> {
        let name = text.trim_start();
        let starts_with_delimiter_cmd = name.len() >= 9
            && name
                .get(..9)
                .is_some_and(|s| s.eq_ignore_ascii_case("delimiter"));
        if name.contains("\\g")
            || (name.contains(self.delimiter.as_str()) && !starts_with_delimiter_cmd)
        {
            return None;
        }
        let (word, rest) = match name.find([' ', '\t']) {
            Some(i) => (&name[..i], name[i..].trim_start()),
            None => (name, ""),
        };
        let has_args = !rest.is_empty();
        commands(self.client.series())
            .find(|c| c.name.eq_ignore_ascii_case(word) && (!has_args || c.takes_params))
            .map(|c| (c, name.to_owned()))
    }

    fn starts_delimiter(&self, chars: &[char], pos: usize) -> bool {
        let d: Vec<char> = self.delimiter.chars().collect();
        !d.is_empty() && chars.len() >= pos + d.len() && chars[pos..pos + d.len()] == d[..]
    }

    /// One line through `read_and_execute` + `add_line`. Returns whether to quit.
    fn process_line(&mut self, line: &str, conn: &mut dyn Connection, p: &mut Printed) -> bool {
        if self.buffer.is_empty() && !self.ml_comment && self.in_string.is_none() {
            if let Some((cmd, text)) = self.find_command(line) {
                let quit = self.run_command(cmd, &text, conn, p);
                if self.buffer.is_empty() {
                    self.in_string = None;
                }
                return quit;
            }
        }
        self.add_line(line, conn, p)
    }

    fn add_line(&mut self, line: &str, conn: &mut dyn Connection, p: &mut Printed) -> bool {
        if line.is_empty() && self.buffer.is_empty() {
            return false;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut seg = String::new();
        let mut need_space = false;
        let mut ss_comment = false;
        let mut pos = 0;
        let at = |i: usize| chars.get(i).copied();
        while pos < chars.len() {
            let ch = chars[pos];
            if ch.is_whitespace() && seg.is_empty() && self.buffer.is_empty() {
                pos += 1;
                continue;
            }
            if !self.ml_comment && ch == '\\' {
                pos += 1;
                let Some(next) = at(pos) else { break };
                if self.in_string.is_some() || next == 'N' {
                    seg.push('\\');
                    seg.push(next);
                    pos += 1;
                    continue;
                }
                let found = commands(self.client.series()).find(|c| c.ch == Some(next));
                match found {
                    Some(cmd) => {
                        self.buffer.push_str(&seg);
                        seg.clear();
                        let rest: String = chars[pos - 1..].iter().collect();
                        if self.run_command(cmd, &rest, conn, p) {
                            return true;
                        }
                        if cmd.takes_params {
                            if ss_comment {
                                while pos < chars.len()
                                    && !(chars[pos] == '*' && at(pos + 1) == Some('/'))
                                {
                                    pos += 1;
                                }
                                continue;
                            }
                            pos += 1;
                            while pos < chars.len() && !self.starts_delimiter(&chars, pos) {
                                pos += 1;
                            }
                            if pos < chars.len() {
                                pos += self.delimiter.chars().count();
                            }
                            continue;
                        }
                    }
                    None => {
                        if self.client_error(p, &format!("Unknown command '\\{next}'.")) {
                            return true;
                        }
                        seg.push('\\');
                        seg.push(next);
                    }
                }
                pos += 1;
                continue;
            }
            if !self.ml_comment && self.in_string.is_none() && self.starts_delimiter(&chars, pos) {
                pos += self.delimiter.chars().count();
                self.buffer.push_str(&seg);
                seg.clear();
                let stmt = std::mem::take(&mut self.buffer);
                let quit = match self.find_command(&stmt) {
                    Some((cmd, text)) => self.run_command(cmd, &text, conn, p),
                    None => self.go(stmt, false, conn, p),
                };
                if quit {
                    return true;
                }
                self.buffer.clear();
                if pos < chars.len() {
                    self.query_start_line = self.line_number;
                }
                continue;
            }
            if !self.ml_comment
                && self.in_string.is_none()
                && (ch == '#'
                    || (ch == '-'
                        && at(pos + 1) == Some('-')
                        && at(pos + 2).is_none_or(|c| c.is_whitespace())))
            {
                self.buffer.push_str(&seg);
                seg.clear();
                break;
            }
            if self.in_string.is_none()
                && ch == '/'
                && at(pos + 1) == Some('*')
                && at(pos + 2) != Some('!')
            {
                pos += 2;
                self.ml_comment = true;
                self.buffer.push_str(&seg);
                seg.clear();
                continue;
            }
            if self.ml_comment && !ss_comment && ch == '*' && at(pos + 1) == Some('/') {
                pos += 2;
                self.ml_comment = false;
                self.buffer.push_str(&seg);
                seg.clear();
                need_space = true;
                continue;
            }
            if self.in_string.is_none()
                && ch == '/'
                && at(pos + 1) == Some('*')
                && at(pos + 2) == Some('!')
            {
                ss_comment = true;
            } else if self.in_string.is_none()
                && ss_comment
                && ch == '*'
                && at(pos + 1) == Some('/')
            {
                ss_comment = false;
            }
            if Some(ch) == self.in_string {
                self.in_string = None;
            } else if !self.ml_comment && self.in_string.is_none() && matches!(ch, '\'' | '"' | '`')
            {
                self.in_string = Some(ch);
            }
            if !self.ml_comment {
                if need_space && !ch.is_whitespace() {
                    seg.push(' ');
                }
                need_space = false;
                seg.push(ch);
            }
            pos += 1;
        }
        if !seg.is_empty() || !self.buffer.is_empty() {
            let delimiter_cmd = seg.len() >= 9
                && seg
                    .get(..9)
                    .is_some_and(|s| s.eq_ignore_ascii_case("delimiter"));
            if !delimiter_cmd {
                seg.push('\n');
            }
            if !self.ml_comment {
                self.buffer.push_str(&seg);
            }
        }
        false
    }

    // ----- commands -----

    /// `get_arg`: the first argument after the command word (quotes removed).
    fn arg(line: &str, delimiter: &str) -> Option<String> {
        let s = line.trim_start();
        let s = if let Some(rest) = s.strip_prefix('\\') {
            rest.get(1..).unwrap_or("")
        } else {
            s.find(char::is_whitespace).map(|i| &s[i..]).unwrap_or("")
        };
        let s = s.trim_start();
        if s.is_empty() {
            return None;
        }
        let mut chars = s.chars().peekable();
        let quote = match chars.peek() {
            Some(q @ ('\'' | '"' | '`')) => {
                let q = *q;
                chars.next();
                Some(q)
            }
            _ => None,
        };
        let mut out = String::new();
        while let Some(ch) = chars.next() {
            if ch == '\\' {
                if let Some(n) = chars.next() {
                    out.push(n);
                }
                continue;
            }
            if (quote.is_none() && ch == ' ') || Some(ch) == quote {
                break;
            }
            out.push(ch);
        }
        if quote.is_none() {
            if let Some(stripped) = out.strip_suffix(delimiter) {
                out = stripped.to_owned();
            }
            out = out.trim_end().to_owned();
        }
        (!out.is_empty()).then_some(out)
    }

    fn run_command(
        &mut self,
        cmd: &Command,
        line: &str,
        conn: &mut dyn Connection,
        p: &mut Printed,
    ) -> bool {
        match cmd.cmd {
            Cmd::Quit => {
                self.exit_status = 0;
                true
            }
            Cmd::Go => {
                let stmt = std::mem::take(&mut self.buffer);
                self.go(stmt, false, conn, p)
            }
            Cmd::Ego => {
                let stmt = std::mem::take(&mut self.buffer);
                self.go(stmt, true, conn, p)
            }
            Cmd::Clear => {
                self.buffer.clear();
                false
            }
            Cmd::Help => {
                let has_arg = line
                    .trim_start()
                    .find(' ')
                    .map(|i| line.trim_start()[i..].trim())
                    .is_some_and(|a| !a.is_empty());
                if has_arg {
                    self.info(p, "\nNothing found");
                    self.info(
                        p,
                        "Please try to run 'help contents' for a list of all accessible topics\n",
                    );
                } else {
                    p.out(self.help_text());
                }
                false
            }
            Cmd::Use => self.use_db(line, conn, p),
            Cmd::Delimiter => {
                match Repl::arg(line, "") {
                    None => {
                        return self.client_error(
                            p,
                            "DELIMITER must be followed by a 'delimiter' character or string",
                        );
                    }
                    Some(d) if d.contains('\\') => {
                        return self
                            .client_error(p, "DELIMITER cannot contain a backslash character");
                    }
                    Some(d) => self.delimiter = d.chars().take(15).collect(),
                }
                false
            }
            Cmd::Status => {
                p.out(self.status_text(conn));
                false
            }
            Cmd::Print => {
                let mut t = String::from("--------------\n");
                t.push_str(&self.buffer);
                if !self.buffer.ends_with('\n') {
                    t.push('\n');
                }
                t.push_str("--------------\n\n");
                p.out(t);
                false
            }
            Cmd::Warnings => {
                self.show_warnings = true;
                self.info(p, "Show warnings enabled.");
                false
            }
            Cmd::NoWarnings => {
                self.show_warnings = false;
                self.info(p, "Show warnings disabled.");
                false
            }
            Cmd::Connect => {
                let info = conn.info();
                self.info(p, &format!("Connection id:    {}", info.id));
                self.info(
                    p,
                    &format!(
                        "Current database: {}\n",
                        info.database.as_deref().unwrap_or("*** NONE ***")
                    ),
                );
                false
            }
            Cmd::Prompt => {
                match Repl::arg(line, "") {
                    None => {
                        self.prompt = "mysql> ".into();
                        self.info(p, "Returning to default PROMPT of mysql> ");
                    }
                    Some(_) => {
                        let raw = line
                            .trim_start()
                            .split_once(char::is_whitespace)
                            .map(|(_, r)| r.trim_start())
                            .unwrap_or("");
                        self.prompt = raw.to_owned();
                        self.info(p, &format!("PROMPT set to '{}'", self.prompt));
                    }
                }
                false
            }
            Cmd::Pager => {
                if !self.batch {
                    p.out("Default pager wasn't set, using stdout.\n");
                }
                false
            }
            Cmd::NoPager => {
                p.out("PAGER set to stdout\n");
                false
            }
            Cmd::Tee => {
                match Repl::arg(line, &self.delimiter) {
                    Some(f) => p.out(format!("Logging to file '{f}'\n")),
                    None => p.out("No previous outfile available, you must give a filename!\n"),
                }
                false
            }
            Cmd::NoTee => {
                p.out("Outfile disabled.\n");
                false
            }
            Cmd::Charset => {
                match Repl::arg(line, &self.delimiter) {
                    None => {
                        return self
                            .client_error(p, "Usage: \\C charset_name | charset charset_name")
                    }
                    Some(cs) => {
                        let _ = conn.query(&format!("SET NAMES {cs}"));
                        self.info(p, "Charset changed");
                    }
                }
                false
            }
            Cmd::Source => {
                let Some(file) = Repl::arg(line, &self.delimiter) else {
                    return self.client_error(p, "Usage: \\. <filename> | source <filename>");
                };
                match conn.read_file(&file) {
                    None => {
                        self.client_error(p, &format!("Failed to open file '{file}', error: 2"))
                    }
                    Some(text) => self.source(&file, &text, conn, p),
                }
            }
            Cmd::Rehash
            | Cmd::Edit
            | Cmd::ResetConnection
            | Cmd::QueryAttributes
            | Cmd::SslSessionData => false,
            Cmd::System => {
                if Repl::arg(line, "").is_none() {
                    return self.client_error(p, "Usage: \\! shell-command");
                }
                false
            }
        }
    }

    fn source(
        &mut self,
        file: &str,
        text: &str,
        conn: &mut dyn Connection,
        p: &mut Printed,
    ) -> bool {
        let saved = (
            std::mem::take(&mut self.buffer),
            self.in_string.take(),
            self.ml_comment,
            self.line_number,
            self.query_start_line,
            self.file_name.replace(file.to_owned()),
        );
        self.ml_comment = false;
        self.line_number = 0;
        let mut quit = false;
        for line in text.lines() {
            self.line_number += 1;
            if self.buffer.is_empty() {
                self.query_start_line = self.line_number;
            }
            if self.process_line(line, conn, p) {
                quit = true;
                break;
            }
        }
        if !quit {
            let rest = std::mem::take(&mut self.buffer);
            if !rest.trim().is_empty() {
                quit = self.go(rest, false, conn, p);
            }
        }
        self.buffer = saved.0;
        self.in_string = saved.1;
        self.ml_comment = saved.2;
        self.line_number = saved.3;
        self.query_start_line = saved.4;
        self.file_name = saved.5;
        // A quit inside a sourced file ends only the file.
        let _ = quit;
        false
    }

    fn use_db(&mut self, line: &str, conn: &mut dyn Connection, p: &mut Printed) -> bool {
        let Some(db) = Repl::arg(line, &self.delimiter) else {
            return self.client_error(p, "USE must be followed by a database name");
        };
        let changed = conn.info().database.as_deref() != Some(db.as_str());
        if let Err(e) = conn.select_db(&db) {
            return self.server_error(p, &e);
        }
        if changed && self.rehash_note(conn) && self.silent == 0 {
            p.out(READING_TABLES);
        }
        self.info(p, "Database changed");
        false
    }

    fn help_text(&self) -> String {
        let mut t = String::from(
            "\nFor information about MySQL products and services, visit:\n   http://www.mysql.com/\n\
             For developer information, including the MySQL Reference Manual, visit:\n   http://dev.mysql.com/\n\
             To buy MySQL Enterprise support, training, or other products, visit:\n   https://shop.mysql.com/\n\n\
             List of all MySQL commands:\n\
             Note that all text commands must be first on line and end with ';'\n",
        );
        for c in commands(self.client.series()) {
            match c.ch {
                Some(ch) => t.push_str(&format!("{:<10}(\\{ch}) {}\n", c.name, c.doc)),
                None => t.push_str(&format!("{} {}\n", c.name, c.doc)),
            }
        }
        t.push_str("\nFor server side help, type 'help contents'\n\n");
        t
    }

    fn status_text(&self, conn: &mut dyn Connection) -> String {
        let info = conn.info();
        let socket = matches!(self.opts.target(), Target::Socket(_));
        let v = &info.server_version;
        let is57 = self.client.series().is_57();
        let mut t = String::from("--------------\n");
        t.push_str(&self.client.client_version_line());
        t.push('\n');
        t.push_str(&format!("\nConnection id:\t\t{}\n", info.id));
        t.push_str(&format!(
            "Current database:\t{}\n",
            info.database.as_deref().unwrap_or("")
        ));
        t.push_str(&format!("Current user:\t\t{}\n", info.user));
        if socket {
            t.push_str("SSL:\t\t\tNot in use\n");
        } else if is57 {
            t.push_str("SSL:\t\t\tCipher in use is ECDHE-RSA-AES128-GCM-SHA256\n");
        } else {
            t.push_str("SSL:\t\t\tCipher in use is TLS_AES_256_GCM_SHA384\n");
        }
        t.push_str("Current pager:\t\tstdout\n");
        t.push_str("Using outfile:\t\t''\n");
        t.push_str(&format!("Using delimiter:\t{}\n", self.delimiter));
        t.push_str(&format!(
            "Server version:\t\t{} {}\n",
            v.number(),
            v.comment()
        ));
        t.push_str("Protocol version:\t10\n");
        t.push_str(&format!("Connection:\t\t{}\n", self.opts.host_info()));
        t.push_str(&format!("Server characterset:\t{}\n", info.server_charset));
        t.push_str(&format!("Db     characterset:\t{}\n", info.db_charset));
        t.push_str(&format!("Client characterset:\t{}\n", info.client_charset));
        t.push_str(&format!("Conn.  characterset:\t{}\n", info.client_charset));
        match self.opts.target() {
            Target::Socket(path) => t.push_str(&format!("UNIX socket:\t\t{path}\n")),
            Target::Tcp { port, .. } => t.push_str(&format!("TCP port:\t\t{port}\n")),
        }
        if !is57 && !self.batch {
            t.push_str("Binary data as:\t\tHexadecimal\n");
        }
        t.push_str(&format!("Uptime:\t\t\t{}\n\n", nice_time(info.uptime_secs)));
        let (opens, flush, open) = if v.series().is_57() {
            (105, 1, 98)
        } else {
            (119, 3, 38)
        };
        let qps = if info.uptime_secs > 0 {
            info.questions as f64 / info.uptime_secs as f64
        } else {
            0.0
        };
        t.push_str(&format!(
            "Threads: 1  Questions: {}  Slow queries: 0  Opens: {opens}  Flush tables: {flush}  Open tables: {open}  Queries per second avg: {qps:.3}\n",
            info.questions
        ));
        t.push_str("--------------\n\n");
        t
    }

    // ----- sending a statement -----

    /// `com_go`: sends the buffer and prints what comes back. Returns whether to quit.
    fn go(
        &mut self,
        stmt: String,
        vertical: bool,
        conn: &mut dyn Connection,
        p: &mut Printed,
    ) -> bool {
        let stmt = stmt
            .trim_end_matches(|c: char| c.is_whitespace() || c.is_control())
            .to_owned();
        self.buffer.clear();
        if stmt.is_empty() {
            if self.batch {
                return false;
            }
            return self.client_error(p, "No query specified\n");
        }
        let vertical = vertical || self.opts.vertical || self.vertical;
        let results = conn.query(&stmt);
        for r in results {
            match r {
                Err(e) => {
                    if self.server_error(p, &e) {
                        return true;
                    }
                    if self.show_warnings {
                        // The error itself is the only "warning": nothing more to show.
                    }
                    return false;
                }
                Ok(res) => {
                    self.print_result(&res, vertical, p);
                    if self.show_warnings && res.warnings > 0 {
                        let w = conn.query("show warnings");
                        if let Some(Ok(QueryResult {
                            outcome: Outcome::Rows(set),
                            ..
                        })) = w.into_iter().next()
                        {
                            for row in &set.rows {
                                let cell =
                                    |i: usize| row.get(i).cloned().flatten().unwrap_or_default();
                                p.out(format!("{} (Code {}): {}\n", cell(0), cell(1), cell(2)));
                            }
                        }
                    }
                }
            }
        }
        false
    }

    fn print_result(&self, res: &QueryResult, vertical: bool, p: &mut Printed) {
        let time = if self.opts.verbose >= 3 || self.silent == 0 {
            format!(" ({}.{:02} sec)", res.centis / 100, res.centis % 100)
        } else {
            String::new()
        };
        let warnings = match res.warnings {
            0 => String::new(),
            1 => ", 1 warning".to_owned(),
            n => format!(", {n} warnings"),
        };
        match &res.outcome {
            Outcome::Rows(set) => {
                let summary = if set.rows.is_empty() {
                    "Empty set".to_owned()
                } else {
                    let text = if vertical {
                        render::vertical(set, self.opts.column_names)
                    } else if self.silent > 0 && self.opts.verbose <= 2 && !self.opts.table {
                        render::tabbed(
                            set,
                            self.opts.column_names && self.silent < 2,
                            self.opts.raw,
                        )
                    } else {
                        render::table(set, self.opts.column_names)
                    };
                    p.out(text);
                    let n = set.rows.len();
                    format!("{n} {} in set", if n == 1 { "row" } else { "rows" })
                };
                self.result_line(p, &format!("{summary}{warnings}{time}"));
                self.result_line(p, "");
            }
            Outcome::Done { affected, info } => {
                let rows = if *affected == 1 { "row" } else { "rows" };
                self.result_line(
                    p,
                    &format!("Query OK, {affected} {rows} affected{warnings}{time}"),
                );
                if let Some(i) = info {
                    self.result_line(p, i);
                }
                self.result_line(p, "");
            }
        }
    }
}

/// `nice_time`: `7 min 24 sec`, `1 hour 2 min 3 sec`, `2 days …`.
fn nice_time(mut secs: i64) -> String {
    let mut out = String::new();
    if secs >= 86_400 {
        let d = secs / 86_400;
        secs -= d * 86_400;
        out.push_str(&format!("{d} {}", if d > 1 { "days " } else { "day " }));
    }
    if secs >= 3600 {
        let h = secs / 3600;
        secs -= h * 3600;
        out.push_str(&format!("{h} {}", if h > 1 { "hours " } else { "hour " }));
    }
    if secs >= 60 {
        let m = secs / 60;
        secs -= m * 60;
        out.push_str(&format!("{m} min "));
    }
    out.push_str(&format!("{secs} sec"));
    out
}

/// Runs the client without a terminal: `-e` statements, or input piped to `mysql`.
/// `stdout_tty`/`stdin_tty` are what `isatty` would say: with both a terminal (as with
/// `docker run -it … mysql -e "…"`) results are boxed tables without the summary lines;
/// otherwise tab-separated with a header line. Errors read `ERROR 1146 (42S02) at line 1:
/// …` and stop the run (exit 1) unless `--force`.
pub fn run_batch(
    client: &Version,
    opts: &ClientOptions,
    input: &str,
    stdin_tty: bool,
    stdout_tty: bool,
    conn: &mut dyn Connection,
) -> Printed {
    let tty = stdin_tty && stdout_tty;
    let silent = if tty { opts.silent } else { opts.silent.max(1) };
    let mut repl = Repl::new(client, opts, true, silent);
    repl.ignore_errors = opts.force;
    let mut p = Printed::default();
    let mut quit = false;
    for line in input.lines() {
        repl.line_number += 1;
        if repl.buffer.is_empty() {
            repl.query_start_line = repl.line_number;
        }
        if repl.process_line(line, conn, &mut p) {
            quit = true;
            break;
        }
    }
    if !quit {
        let rest = std::mem::take(&mut repl.buffer);
        if !rest.trim().is_empty() && repl.go(rest, false, conn, &mut p) {
            quit = true;
        }
    }
    let _ = quit;
    repl.finish(&mut p);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_times() {
        assert_eq!(nice_time(5), "5 sec");
        assert_eq!(nice_time(444), "7 min 24 sec");
        assert_eq!(nice_time(3723), "1 hour 2 min 3 sec");
        assert_eq!(nice_time(2 * 86_400 + 60), "2 days 1 min 0 sec");
    }

    #[test]
    fn arguments_of_commands() {
        assert_eq!(Repl::arg("use shop", ";").as_deref(), Some("shop"));
        assert_eq!(Repl::arg("\\u shop;", ";").as_deref(), Some("shop"));
        assert_eq!(Repl::arg("use `my db`", ";").as_deref(), Some("my db"));
        assert_eq!(Repl::arg("use", ";"), None);
    }
}
