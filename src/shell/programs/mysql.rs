//! The `mysql` images' programs: their `docker-entrypoint.sh` (carried out natively by
//! [`Entrypoint`]), `mysqld` (the SQL server of [`crate::sql`], listening in the container's
//! [`crate::shell::sockets`] on `/var/run/mysqld/mysqld.sock` and TCP 3306, its data in
//! `/var/lib/mysql`), and the `mysql` client with its monitor.

use std::cell::RefCell;
use std::rc::Rc;

use crate::kernel::{signal, yield_now};
use crate::ports::SeededEntropy;
use crate::shell::exec::{run_argv, ExecError};
use crate::shell::fs::{join, FileKind};
use crate::shell::process::guard;
use crate::shell::program::{BoxFut, Proc, Program};
use crate::shell::sockets::{route, Addr, Listening, Route, Service};
use crate::sql::client::args::{parse_client_args, ArgsOutcome, Password, Target, PASSWORD_PROMPT};
use crate::sql::client::repl::{run_batch, Repl};
use crate::sql::client::{Link, Printed, Stream};
use crate::sql::entrypoint::{self, EntrypointEnv, LogStream, Startup};
use crate::sql::error::SqlError;
use crate::sql::persist::DataEntry;
use crate::sql::server::{Login, Server};
use crate::sql::version::Version;

/// The data directory.
pub const DATADIR: &str = "/var/lib/mysql";
/// The server's Unix socket.
pub const SOCKET: &str = "/var/run/mysqld/mysqld.sock";
/// A line of the image's `docker-entrypoint.sh` that [`Entrypoint`] stands in for.
pub const ENTRYPOINT_MARKER: &str = "Entrypoint script for MySQL Server";

/// The MySQL version of the image, from its `MYSQL_VERSION` variable (`5.7.44-1.el7`).
fn image_version(p: &Proc) -> Version {
    p.var("MYSQL_VERSION")
        .and_then(|v| Version::parse(v.split('-').next().unwrap_or(v)))
        .unwrap_or_else(Version::mysql57)
}

async fn entrypoint_main(p: &mut Proc) -> i32 {
    let mut args: Vec<String> = p.args.iter().skip(1).cloned().collect();
    if args.first().is_some_and(|a| a.starts_with('-')) {
        args.insert(0, "mysqld".into());
    }
    let wants_help = args.iter().skip(1).any(|a| {
        matches!(
            a.as_str(),
            "-?" | "--help" | "--print-defaults" | "-V" | "--version"
        )
    });
    if args.first().map(String::as_str) == Some("mysqld") && !wants_help {
        return mysqld_main(p).await;
    }
    // `exec "$@"`.
    let Some(name) = args.first().cloned() else {
        return 0;
    };
    match run_argv(p, args).await {
        Ok(status) => status,
        Err(e) => {
            let what = match e {
                ExecError::NotFound => "not found",
                ExecError::IsDir => "cannot execute: Is a directory",
                _ => "cannot execute: Permission denied",
            };
            p.err(format!(
                "/usr/local/bin/docker-entrypoint.sh: line 417: exec: {name}: {what}\n"
            ))
            .await;
            e.status()
        }
    }
}
crate::program!(Entrypoint, entrypoint_main);

/// Every file and directory under the data directory, relative to it.
fn read_datadir(p: &Proc) -> Vec<DataEntry> {
    let fs = p.fs.borrow();
    let mut out = Vec::new();
    let mut stack = vec![String::new()];
    while let Some(rel) = stack.pop() {
        let dir = if rel.is_empty() {
            DATADIR.to_owned()
        } else {
            join(DATADIR, &rel)
        };
        let Ok(names) = fs.list(&dir) else { continue };
        for name in names {
            let r = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let path = join(&dir, &name);
            match fs.stat(&path) {
                Ok(st) if st.kind == FileKind::Dir => {
                    out.push(DataEntry::Dir(r.clone()));
                    stack.push(r);
                }
                Ok(_) => {
                    if let Ok(b) = fs.read(&path) {
                        out.push(DataEntry::File(r, b));
                    }
                }
                Err(_) => {}
            }
        }
    }
    out
}

/// Writes the server's files, removing those of `before` that are gone (a dropped table).
fn save(p: &Proc, server: &Server, before: &[DataEntry]) -> Vec<DataEntry> {
    let now = server.to_files();
    let mut fs = p.fs.borrow_mut();
    let _ = fs.mkdir(DATADIR, 0o755);
    for e in &now {
        match e {
            DataEntry::Dir(d) => {
                let _ = fs.mkdir(&join(DATADIR, d), 0o750);
            }
            DataEntry::File(f, bytes) => {
                let path = join(DATADIR, f);
                if fs.read(&path).ok().as_deref() != Some(bytes.as_slice()) {
                    let _ = fs.write(&path, bytes, 0o640);
                }
            }
        }
    }
    let kept = |name: &str| {
        now.iter().any(|e| match e {
            DataEntry::Dir(d) | DataEntry::File(d, _) => d == name,
        })
    };
    for e in before.iter().rev() {
        match e {
            DataEntry::File(f, _) if !kept(f) => {
                let _ = fs.remove_file(&join(DATADIR, f));
            }
            DataEntry::Dir(d) if !kept(d) => {
                let _ = fs.remove_dir(&join(DATADIR, d));
            }
            _ => {}
        }
    }
    now
}

fn seed(text: &str, now: i64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ now as u64;
    for b in text.bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

async fn mysqld_main(p: &mut Proc) -> i32 {
    let version = image_version(p);
    let env = EntrypointEnv::from_vars(p.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let before = read_datadir(p);
    let initialized = before
        .iter()
        .any(|e| matches!(e, DataEntry::Dir(d) if d == "mysql"));
    let hostname = p.machine.hostname.clone();
    let existing = if initialized {
        Server::from_files(&before, &version, &hostname).ok()
    } else {
        None
    };
    let ip: [u8; 4] = p
        .machine
        .ip
        .parse::<std::net::Ipv4Addr>()
        .map_or([172, 17, 0, 2], |i| i.octets());
    let now = p.now();
    let mut entropy = SeededEntropy::new(seed(p.machine.container.as_deref().unwrap_or(""), now));
    let startup = entrypoint::start(&version, &env, existing, now, &hostname, ip, &mut entropy);
    let (server, log, ready_at) = match startup {
        Startup::Failed { log, status } => {
            write_log(p, &log).await;
            return status;
        }
        Startup::Ready {
            server,
            log,
            ready_at,
            ..
        } => (server, log, ready_at),
    };
    let graceful = [signal::SIGTERM, signal::SIGINT, signal::SIGQUIT];
    let mask = graceful.iter().fold(0u64, |m, s| m | 1 << s);
    p.signals.caught.set(p.signals.caught.get() | mask);
    p.signals.ignored.set(p.signals.ignored.get() & !mask);
    let server = Rc::new(RefCell::new(*server));
    let mut files = save(p, &server.borrow(), &before);
    let mut saved = server.borrow().revision();
    write_log(p, &log).await;
    p.sleep_until(ready_at).await;
    let id = p.machine.container.clone().unwrap_or_default();
    let table = p.machine.programs.sockets.table(&id);
    let unix = Listening::new(
        &table,
        Addr::Unix(SOCKET.into()),
        Service::Mysql(Rc::clone(&server)),
    );
    let tcp = Listening::new(&table, Addr::Tcp(3306), Service::Mysql(Rc::clone(&server)));
    loop {
        let rev = server.borrow().revision();
        if rev != saved {
            files = save(p, &server.borrow(), &files);
            saved = rev;
        }
        if graceful.iter().any(|&s| p.signals.take_caught(s)) {
            drop(unix);
            drop(tcp);
            let log = entrypoint::shutdown(&version, p.now());
            write_log(p, &log).await;
            return 0;
        }
        p.budget.reset();
        yield_now().await;
    }
}

async fn write_log(p: &Proc, log: &[entrypoint::LogLine]) {
    for line in log {
        if line.at > p.now() {
            p.sleep_until(line.at).await;
        }
        let text = format!("{}\n", line.text);
        match line.stream {
            LogStream::Stdout => p.out(text).await,
            LogStream::Stderr => p.err(text).await,
        };
    }
}

/// Why the client could not reach a server.
fn connect_error(
    p: &Proc,
    version: &Version,
    target: &Target,
) -> Result<Rc<RefCell<Server>>, SqlError> {
    let id = p.machine.container.clone().unwrap_or_default();
    match target {
        Target::Socket(path) => {
            let table = p.machine.programs.sockets.table(&id);
            let service = table
                .try_borrow()
                .ok()
                .and_then(|t| t.service(&Addr::Unix(path.clone())));
            match service {
                Some(Service::Mysql(s)) => Ok(s),
                _ => Err(SqlError::no_socket(path)),
            }
        }
        Target::Tcp { host, port } => match route(&p.machine, host) {
            Route::Table(t, _) => {
                let service = t
                    .try_borrow()
                    .ok()
                    .and_then(|t| t.service(&Addr::Tcp(*port)));
                match service {
                    Some(Service::Mysql(s)) => Ok(s),
                    _ => Err(SqlError::connection_refused(version.series(), host, *port)),
                }
            }
            Route::Unknown => Err(SqlError::unknown_host(version.series(), host)),
            Route::Unreachable => Err(SqlError::no_route(version.series(), host, *port)),
        },
    }
}

/// The client's address as the server sees it.
fn client_host(p: &Proc, target: &Target) -> String {
    match target {
        Target::Socket(_) => "localhost".into(),
        Target::Tcp { host, .. } => match route(&p.machine, host) {
            Route::Table(_, ip) if ip[0] == 127 => "127.0.0.1".into(),
            _ => p.machine.ip.clone(),
        },
    }
}

async fn print(p: &Proc, printed: &Printed) {
    for (stream, text) in &printed.chunks {
        match stream {
            Stream::Stdout => p.out(text).await,
            Stream::Stderr => p.err(text).await,
        };
    }
}

async fn mysql_main(p: &mut Proc) -> i32 {
    let version = image_version(p);
    let argv: Vec<String> = p.args.iter().skip(1).cloned().collect();
    let opts = match parse_client_args(&argv, &version) {
        ArgsOutcome::Run(o) => o,
        ArgsOutcome::Exit {
            stdout,
            stderr,
            status,
        } => {
            p.out(stdout).await;
            p.err(stderr).await;
            return status;
        }
    };
    if opts.password_warning {
        p.err(crate::sql::client::args::ClientOptions::password_warning_line())
            .await;
    }
    let password = match &opts.password {
        Password::None => None,
        Password::Given(s) => Some(s.clone()),
        Password::Prompt => {
            let line = p
                .stdin
                .read_line(PASSWORD_PROMPT, &p.budget, &p.sys)
                .await
                .unwrap_or_default();
            if !p.stdin.is_tty() {
                p.out(PASSWORD_PROMPT).await;
            }
            Some(line.trim_end_matches(['\n', '\r']).to_owned())
        }
    };
    let target = opts.target();
    let server = match connect_error(p, &version, &target) {
        Ok(s) => s,
        Err(e) => {
            p.err(format!("{e}\n")).await;
            return 1;
        }
    };
    let host = client_host(p, &target);
    let login = Login {
        user: opts.user_name(),
        password: password.as_deref(),
        client_host: &host,
        database: opts.database.as_deref(),
        via_socket: matches!(target, Target::Socket(_)),
    };
    let session = server.borrow_mut().connect(&login);
    let mut session = match session {
        Ok(s) => s,
        Err(e) => {
            p.err(format!("{e}\n")).await;
            return 1;
        }
    };
    let interactive = opts.execute.is_none() && p.stdin.is_tty();
    if !interactive {
        let input = match &opts.execute {
            Some(e) => e.clone(),
            None => String::from_utf8_lossy(&p.read_stdin().await).into_owned(),
        };
        let printed = {
            let now = p.now();
            let mut srv = server.borrow_mut();
            let mut link = Link {
                server: &mut srv,
                session: &mut session,
                now,
            };
            run_batch(
                &version,
                &opts,
                &input,
                p.stdin.is_tty(),
                p.stdin.is_tty(),
                &mut link,
            )
        };
        print(p, &printed).await;
        return printed.exit.unwrap_or(0);
    }
    let (mut repl, banner) = {
        let now = p.now();
        let mut srv = server.borrow_mut();
        let mut link = Link {
            server: &mut srv,
            session: &mut session,
            now,
        };
        Repl::start(&version, &opts, &mut link)
    };
    print(p, &banner).await;
    let mut prompt = banner.prompt.unwrap_or_else(|| "mysql> ".into());
    let tty = p.stdin.tty();
    loop {
        if let Some(t) = &tty {
            if let Ok(mut t) = t.try_borrow_mut() {
                t.take_interrupt();
            }
        }
        let stdin = p.stdin.clone();
        let (b2, s2, pr) = (Rc::clone(&p.budget), Rc::clone(&p.sys), prompt.clone());
        let fut: BoxFut<'_, Option<String>> =
            Box::pin(async move { stdin.read_line(&pr, &b2, &s2).await });
        let got = guard(fut, &p.budget, tty.as_ref(), Some(&p.signals)).await;
        let now = p.now();
        let printed = {
            let mut srv = server.borrow_mut();
            let mut link = Link {
                server: &mut srv,
                session: &mut session,
                now,
            };
            match got {
                Ok(Some(line)) => repl.feed(line.trim_end_matches(['\n', '\r']), &mut link),
                Ok(None) => repl.eof(),
                Err(_) => {
                    let mut pr = repl.interrupt(&mut link);
                    pr.chunks.insert(0, (Stream::Stdout, "^C\n".into()));
                    pr
                }
            }
        };
        print(p, &printed).await;
        if let Some(status) = printed.exit {
            return status;
        }
        if let Some(next) = printed.prompt {
            prompt = next;
        }
    }
}
crate::program!(Mysql, mysql_main);

/// The programs of this file under their exec names.
pub fn programs() -> Vec<(&'static str, Rc<dyn Program>)> {
    vec![
        ("mysql-entrypoint", Rc::new(Entrypoint)),
        ("mysql", Rc::new(Mysql)),
    ]
}
