//! What the official `mysql` image does when its container starts: the
//! `docker-entrypoint.sh` of docker-library/mysql (check the environment, initialize the
//! data directory on first start, set the root password, create `MYSQL_DATABASE` and
//! `MYSQL_USER`) and the server's own start-up log, as `docker logs` shows them.
//!
//! Times come from the caller: every log line carries its moment, computed from the start
//! time with the delays a real first start takes (about 12 s for 5.7, 25 s for 8.0), and
//! [`Startup::Ready`] says from when the server accepts TCP connections (before that a client
//! gets `ERROR 2003 … (111)`: the temporary server of the initialization listens on no port).

use crate::ports::Entropy;

use super::server::Server;
use super::version::{Series, Version};

/// The entrypoint's environment variables (empty values count as unset, as `[ -z ]` does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntrypointEnv {
    /// `MYSQL_ROOT_PASSWORD`.
    pub root_password: Option<String>,
    /// `MYSQL_ALLOW_EMPTY_PASSWORD`.
    pub allow_empty_password: bool,
    /// `MYSQL_RANDOM_ROOT_PASSWORD`.
    pub random_root_password: bool,
    /// `MYSQL_ROOT_HOST` (default `%`).
    pub root_host: Option<String>,
    /// `MYSQL_DATABASE`.
    pub database: Option<String>,
    /// `MYSQL_USER`.
    pub user: Option<String>,
    /// `MYSQL_PASSWORD`.
    pub password: Option<String>,
}

impl EntrypointEnv {
    /// Reads the variables from a container's environment (`NAME`, `value` pairs).
    pub fn from_vars<'a>(vars: impl IntoIterator<Item = (&'a str, &'a str)>) -> EntrypointEnv {
        let mut env = EntrypointEnv::default();
        for (k, v) in vars {
            let set = (!v.is_empty()).then(|| v.to_owned());
            match k {
                "MYSQL_ROOT_PASSWORD" => env.root_password = set,
                "MYSQL_ALLOW_EMPTY_PASSWORD" => env.allow_empty_password = set.is_some(),
                "MYSQL_RANDOM_ROOT_PASSWORD" => env.random_root_password = set.is_some(),
                "MYSQL_ROOT_HOST" => env.root_host = set,
                "MYSQL_DATABASE" => env.database = set,
                "MYSQL_USER" => env.user = set,
                "MYSQL_PASSWORD" => env.password = set,
                _ => {}
            }
        }
        env
    }
}

/// Where a log line goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogStream {
    /// The entrypoint's notes and `ln -v`.
    Stdout,
    /// mysqld's log and the entrypoint's warnings and errors.
    Stderr,
}

/// One line of the container's log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogLine {
    /// When it is written (nanoseconds since the epoch).
    pub at: i64,
    /// Which stream.
    pub stream: LogStream,
    /// The text, without the newline.
    pub text: String,
}

/// How the container's start ends.
#[derive(Debug)]
pub enum Startup {
    /// The entrypoint refused to start (exit status 1), e.g. without a password option.
    Failed {
        /// The log.
        log: Vec<LogLine>,
        /// The exit status.
        status: i32,
    },
    /// mysqld runs.
    Ready {
        /// The server (new, or the one read from the volume).
        server: Box<Server>,
        /// The log up to `ready for connections`.
        log: Vec<LogLine>,
        /// From when TCP connections succeed.
        ready_at: i64,
        /// The password `MYSQL_RANDOM_ROOT_PASSWORD` made (also in the log).
        generated_password: Option<String>,
    },
}

const MS: i64 = 1_000_000;

struct Log {
    start: i64,
    lines: Vec<LogLine>,
}

impl Log {
    fn note(&mut self, ms: i64, text: &str) {
        let at = self.start + ms * MS;
        self.lines.push(LogLine {
            at,
            stream: LogStream::Stdout,
            text: format!("{} [Note] [Entrypoint]: {text}", entry_time(at)),
        });
    }

    fn entry_error(&mut self, ms: i64, level: &str, text: &str) {
        let at = self.start + ms * MS;
        self.lines.push(LogLine {
            at,
            stream: LogStream::Stderr,
            text: format!("{} [{level}] [Entrypoint]: {text}", entry_time(at)),
        });
    }

    fn raw(&mut self, ms: i64, stream: LogStream, text: &str) {
        self.lines.push(LogLine {
            at: self.start + ms * MS,
            stream,
            text: text.to_owned(),
        });
    }

    /// A mysqld line: `2025-06-27T03:39:09.731675Z 0 [Warning] …`. `us` is the offset in
    /// microseconds, so lines within a millisecond keep their order and differ.
    fn server(&mut self, us: i64, thread: u32, rest: &str) {
        let at = self.start + us * 1000;
        self.lines.push(LogLine {
            at,
            stream: LogStream::Stderr,
            text: format!("{} {thread} {rest}", server_time(at)),
        });
    }

    /// Many mysqld lines a few microseconds apart, starting at `us`.
    fn server_block<S: AsRef<str>>(&mut self, us: i64, lines: &[(u32, S)]) -> i64 {
        let mut t = us;
        for (thread, text) in lines {
            self.server(t, *thread, text.as_ref());
            t += 23;
        }
        t
    }
}

fn entry_time(at: i64) -> String {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(at);
    format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}+00:00")
}

fn server_time(at: i64) -> String {
    let (y, mo, d, h, mi, s, n) = crate::daemon::events::civil(at);
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:06}Z",
        n / 1000
    )
}

/// `250627  3:39:13`: InnoDB's buffer-pool timestamp.
fn innodb_time(at: i64) -> String {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(at);
    format!("{:02}{mo:02}{d:02} {h:>2}:{mi:02}:{s:02}", y % 100)
}

/// A time-based (version 1) UUID as mysqld makes its `server_uuid`: the time, a random
/// clock sequence, and the container's MAC (02:42 then its IPv4 address).
pub fn server_uuid(at: i64, ip: [u8; 4], entropy: &mut dyn Entropy) -> String {
    let t = (at / 100) as u64 + 0x01B2_1DD2_1381_4000;
    let clock = (entropy.next_u64() & 0x3FFF) | 0x8000;
    format!(
        "{:08x}-{:04x}-1{:03x}-{clock:04x}-0242{:02x}{:02x}{:02x}{:02x}",
        t & 0xFFFF_FFFF,
        (t >> 32) & 0xFFFF,
        (t >> 48) & 0x0FFF,
        ip[0],
        ip[1],
        ip[2],
        ip[3]
    )
}

/// `openssl rand -base64 24`: 32 characters.
fn random_password(entropy: &mut dyn Entropy) -> String {
    const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bytes = Vec::with_capacity(24);
    while bytes.len() < 24 {
        bytes.extend_from_slice(&entropy.next_u64().to_le_bytes());
    }
    bytes.truncate(24);
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16) | (u32::from(chunk[1]) << 8) | u32::from(chunk[2]);
        for shift in [18, 12, 6, 0] {
            out.push(char::from(B64[((n >> shift) & 63) as usize]));
        }
    }
    out
}

const ZONEINFO_57: &[&str] = &[
    "iso3166.tab",
    "leapseconds",
    "tzdata.zi",
    "zone.tab",
    "zone1970.tab",
];
const ZONEINFO_80: &[&str] = &[
    "iso3166.tab",
    "leap-seconds.list",
    "leapseconds",
    "tzdata.zi",
    "zone.tab",
    "zone1970.tab",
];

/// What a container with the official image logs and does when it starts.
///
/// `existing` is the server read from `/var/lib/mysql` when that directory already holds a
/// database (`mysql/` exists): the entrypoint then skips initialization and the environment
/// is ignored, as in the real image. `ip` is the container's address (for the server UUID).
pub fn start(
    version: &Version,
    env: &EntrypointEnv,
    existing: Option<Server>,
    start: i64,
    hostname: &str,
    ip: [u8; 4],
    entropy: &mut dyn Entropy,
) -> Startup {
    let series = version.series();
    let mut log = Log {
        start,
        lines: Vec::new(),
    };
    let package = version.package();
    log.note(
        0,
        &format!("Entrypoint script for MySQL Server {package} started."),
    );
    log.note(350, "Switching to dedicated user 'mysql'");
    log.note(
        360,
        &format!("Entrypoint script for MySQL Server {package} started."),
    );

    if let Some(mut server) = existing {
        server.set_hostname(hostname);
        log.raw(
            420,
            LogStream::Stdout,
            "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'",
        );
        let ready = main_server(&mut log, 500, version, start);
        server.restart(ready);
        return Startup::Ready {
            server: Box::new(server),
            log: log.lines,
            ready_at: ready,
            generated_password: None,
        };
    }

    // docker_verify_minimum_env
    if env.root_password.is_none() && !env.allow_empty_password && !env.random_root_password {
        log.entry_error(
            400,
            "ERROR",
            "Database is uninitialized and password option is not specified\n    \
             You need to specify one of the following as an environment variable:\n    \
             - MYSQL_ROOT_PASSWORD\n    \
             - MYSQL_ALLOW_EMPTY_PASSWORD\n    \
             - MYSQL_RANDOM_ROOT_PASSWORD",
        );
        return Startup::Failed {
            log: log.lines,
            status: 1,
        };
    }
    if env.user.as_deref() == Some("root") {
        log.entry_error(
            400,
            "ERROR",
            "MYSQL_USER=\"root\", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user\n    \
             Remove MYSQL_USER=\"root\" and use one of the following to control the root user password:\n    \
             - MYSQL_ROOT_PASSWORD\n    \
             - MYSQL_ALLOW_EMPTY_PASSWORD\n    \
             - MYSQL_RANDOM_ROOT_PASSWORD",
        );
        return Startup::Failed {
            log: log.lines,
            status: 1,
        };
    }
    match (&env.user, &env.password) {
        (Some(_), None) => log.entry_error(
            400,
            "Warn",
            "MYSQL_USER specified, but missing MYSQL_PASSWORD; MYSQL_USER will not be created",
        ),
        (None, Some(_)) => log.entry_error(
            400,
            "Warn",
            "MYSQL_PASSWORD specified, but missing MYSQL_USER; MYSQL_PASSWORD will be ignored",
        ),
        _ => {}
    }

    let uuid = server_uuid(start + 1_000 * MS, ip, entropy);
    let mut server = Server::new(version.clone(), hostname, &uuid);
    log.note(700, "Initializing database files");
    let t = if series.is_57() {
        initialize_57(&mut log, &uuid)
    } else {
        initialize_80(&mut log, version)
    };
    log.note(t + 1_800, "Database files initialized");
    log.note(t + 1_810, "Starting temporary server");
    let mut t = t + 1_820;
    if series.is_57() {
        log.note(t, "Waiting for server startup");
    }
    t = temporary_server(&mut log, t + 100, version, start);
    log.note(t + 80, "Temporary server started.");
    log.raw(
        t + 90,
        LogStream::Stdout,
        "'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'",
    );
    t += 100;
    if series.is_57() {
        let mut us = t * 1000;
        for _ in 0..4 {
            log.server(us, 3, "[Note] InnoDB: Stopping purge");
            log.server(us + 8_900, 3, "[Note] InnoDB: Resuming purge");
            us += 12_000;
        }
    }
    t += if series.is_57() { 300 } else { 1_900 };
    let zones = if series.is_57() {
        ZONEINFO_57
    } else {
        ZONEINFO_80
    };
    for z in zones {
        log.raw(
            t,
            LogStream::Stderr,
            &format!(
                "Warning: Unable to load '/usr/share/zoneinfo/{z}' as time zone. Skipping it."
            ),
        );
    }
    t += if series.is_57() { 1_500 } else { 4_300 };

    // docker_setup_db
    let mut generated = None;
    let root_password = if env.random_root_password && env.root_password.is_none() {
        let pw = random_password(entropy);
        log.note(t, &format!("GENERATED ROOT PASSWORD: {pw}"));
        generated = Some(pw.clone());
        pw
    } else {
        env.root_password.clone().unwrap_or_default()
    };
    server.set_root_password("localhost", &root_password);
    let root_host = env.root_host.clone().unwrap_or_else(|| "%".into());
    if root_host != "localhost" {
        server.set_root_password(&root_host, &root_password);
    }
    if let Some(db) = &env.database {
        log.note(t, &format!("Creating database {db}"));
        server.ensure_database(db);
    }
    if let (Some(user), Some(password)) = (&env.user, &env.password) {
        log.note(t, &format!("Creating user {user}"));
        server.create_account(user, "%", password, env.database.as_deref());
        if let Some(db) = &env.database {
            log.note(t, &format!("Giving user {user} access to schema {db}"));
        }
    }
    log.raw(t, LogStream::Stdout, "");
    log.note(t + 5, "Stopping temporary server");
    let t = stop_temporary(&mut log, t + 10, version);
    log.note(t + 600, "Temporary server stopped");
    log.raw(t + 600, LogStream::Stdout, "");
    log.note(t + 600, "MySQL init process done. Ready for start up.");
    log.raw(t + 600, LogStream::Stdout, "");
    let ready = main_server(&mut log, t + 700, version, start);
    server.restart(ready);
    Startup::Ready {
        server: Box::new(server),
        log: log.lines,
        ready_at: ready,
        generated_password: generated,
    }
}

fn initialize_57(log: &mut Log, uuid: &str) -> i64 {
    let t = 800_000;
    log.server(t, 0, "[Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).");
    log.server(
        t + 238_981,
        0,
        "[Warning] InnoDB: New log files created, LSN=45790",
    );
    log.server(
        t + 285_804,
        0,
        "[Warning] InnoDB: Creating foreign key constraint system tables.",
    );
    log.server(t + 302_452, 0, &format!("[Warning] No existing UUID has been found, so we assume that this is the first time that this server has been started. Generating a new UUID: {uuid}."));
    log.server(t + 305_088, 0, "[Warning] Gtid table is not ready to be used. Table 'mysql.gtid_executed' cannot be opened.");
    log.server(
        t + 425_810,
        0,
        "[Warning] A deprecated TLS version TLSv1 is enabled. Please use TLSv1.2 or higher.",
    );
    log.server(
        t + 426_023,
        0,
        "[Warning] A deprecated TLS version TLSv1.1 is enabled. Please use TLSv1.2 or higher.",
    );
    log.server(
        t + 426_603,
        0,
        "[Warning] CA certificate ca.pem is self signed.",
    );
    log.server(t + 454_282, 1, "[Warning] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
    1_300
}

fn initialize_80(log: &mut Log, version: &Version) -> i64 {
    let t = 900_000;
    log.server(t, 0, "[Warning] [MY-011068] [Server] The syntax '--skip-host-cache' is deprecated and will be removed in a future release. Please use SET GLOBAL host_cache_size=0 instead.");
    log.server(t + 297, 0, &format!("[System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld {}) initializing of server in progress as process 81", version.number()));
    log.server(
        t + 26_424,
        1,
        "[System] [MY-013576] [InnoDB] InnoDB initialization has started.",
    );
    log.server(
        t + 1_141_345,
        1,
        "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.",
    );
    log.server(t + 6_741_168, 6, "[Warning] [MY-010453] [Server] root@localhost is created with an empty password ! Please consider switching off the --initialize-insecure option.");
    11_800
}

/// The temporary server of the initialization (no TCP: `port: 0`). Returns when it is ready.
fn temporary_server(log: &mut Log, ms: i64, version: &Version, start: i64) -> i64 {
    let v = version.number();
    let mut us = ms * 1000;
    if version.series().is_57() {
        let lines: Vec<(u32, String)> = vec![
            (0, "[Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).".into()),
            (0, format!("[Note] mysqld (mysqld {v}) starting as process 124 ...")),
        ];
        for (th, l) in &lines {
            log.server(us, *th, l);
            us += 1_700;
        }
        us = log.server_block(us, &innodb_start_57(v, "2768291"));
        let at = start + us * 1000;
        us = log.server_block(
            us,
            &[
                (
                    0,
                    "[Note] InnoDB: Loading buffer pool(s) from /var/lib/mysql/ib_buffer_pool",
                ),
                (0, "[Note] Plugin 'FEDERATED' is disabled."),
            ],
        );
        log.server(
            us,
            0,
            &format!(
                "[Note] InnoDB: Buffer pool(s) load completed at {}",
                innodb_time(at)
            ),
        );
        us += 6_600;
        us = log.server_block(
            us,
            &[
                (0, "[Note] Found ca.pem, server-cert.pem and server-key.pem in data directory. Trying to enable SSL support using them."),
                (0, "[Note] Skipping generation of SSL certificates as certificate files are present in data directory."),
                (0, "[Warning] A deprecated TLS version TLSv1 is enabled. Please use TLSv1.2 or higher."),
                (0, "[Warning] A deprecated TLS version TLSv1.1 is enabled. Please use TLSv1.2 or higher."),
                (0, "[Warning] CA certificate ca.pem is self signed."),
                (0, "[Note] Skipping generation of RSA key pair as key files are present in data directory."),
                (0, "[Warning] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory."),
                (0, "[Note] Event Scheduler: Loaded 0 events"),
                (0, "[Note] mysqld: ready for connections."),
            ],
        );
        let end = us / 1000 + 1;
        log.raw(
            end,
            LogStream::Stderr,
            &format!(
                "Version: '{v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  {}",
                version.comment()
            ),
        );
        return end + 700;
    }
    let lines: Vec<(u32, String)> = vec![
        (0, "[Warning] [MY-011068] [Server] The syntax '--skip-host-cache' is deprecated and will be removed in a future release. Please use SET GLOBAL host_cache_size=0 instead.".into()),
        (0, format!("[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {v}) starting as process 125")),
        (1, "[System] [MY-013576] [InnoDB] InnoDB initialization has started.".into()),
        (1, "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.".into()),
        (0, "[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.".into()),
        (0, "[System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.".into()),
        (0, "[Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.".into()),
        (0, "[System] [MY-011323] [Server] X Plugin ready for connections. Socket: /var/run/mysqld/mysqlx.sock".into()),
        (0, format!("[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  {}.", version.comment())),
    ];
    let steps = [
        0, 3_761, 42_383, 528_406, 1_163_892, 1_163_990, 1_176_155, 1_232_879, 1_233_252,
    ];
    for ((th, l), step) in lines.iter().zip(steps) {
        log.server(us + step, *th, l);
    }
    us += 1_233_252;
    us / 1000 + 1
}

fn innodb_start_57(v: &str, lsn: &str) -> Vec<(u32, String)> {
    let fixed = [
        (0, "[Note] InnoDB: PUNCH HOLE support available"),
        (0, "[Note] InnoDB: Mutexes and rw_locks use GCC atomic builtins"),
        (0, "[Note] InnoDB: Uses event mutexes"),
        (0, "[Note] InnoDB: GCC builtin __atomic_thread_fence() is used for memory barrier"),
        (0, "[Note] InnoDB: Compressed tables use zlib 1.2.13"),
        (0, "[Note] InnoDB: Using Linux native AIO"),
        (0, "[Note] InnoDB: Number of pools: 1"),
        (0, "[Note] InnoDB: Using CPU crc32 instructions"),
        (0, "[Note] InnoDB: Initializing buffer pool, total size = 128M, instances = 1, chunk size = 128M"),
        (0, "[Note] InnoDB: Completed initialization of buffer pool"),
        (0, "[Note] InnoDB: If the mysqld execution user is authorized, page cleaner thread priority can be changed. See the man page of setpriority()."),
        (0, "[Note] InnoDB: Highest supported file format is Barracuda."),
        (0, "[Note] InnoDB: Creating shared tablespace for temporary tables"),
        (0, "[Note] InnoDB: Setting file './ibtmp1' size to 12 MB. Physically writing the file full; Please wait ..."),
        (0, "[Note] InnoDB: File './ibtmp1' size is now 12 MB."),
        (0, "[Note] InnoDB: 96 redo rollback segment(s) found. 96 redo rollback segment(s) are active."),
        (0, "[Note] InnoDB: 32 non-redo rollback segment(s) are active."),
        (0, "[Note] InnoDB: Waiting for purge to start"),
    ];
    let mut lines: Vec<(u32, String)> = fixed.iter().map(|(t, l)| (*t, l.to_string())).collect();
    lines.push((
        0,
        format!("[Note] InnoDB: {v} started; log sequence number {lsn}"),
    ));
    lines
}

const SHUTDOWN_PLUGINS_57: &[&str] = &[
    "ngram",
    "partition",
    "BLACKHOLE",
    "ARCHIVE",
    "PERFORMANCE_SCHEMA",
    "MRG_MYISAM",
    "MyISAM",
    "INNODB_SYS_VIRTUAL",
    "INNODB_SYS_DATAFILES",
    "INNODB_SYS_TABLESPACES",
    "INNODB_SYS_FOREIGN_COLS",
    "INNODB_SYS_FOREIGN",
    "INNODB_SYS_FIELDS",
    "INNODB_SYS_COLUMNS",
    "INNODB_SYS_INDEXES",
    "INNODB_SYS_TABLESTATS",
    "INNODB_SYS_TABLES",
    "INNODB_FT_INDEX_TABLE",
    "INNODB_FT_INDEX_CACHE",
    "INNODB_FT_CONFIG",
    "INNODB_FT_BEING_DELETED",
    "INNODB_FT_DELETED",
    "INNODB_FT_DEFAULT_STOPWORD",
    "INNODB_METRICS",
    "INNODB_TEMP_TABLE_INFO",
    "INNODB_BUFFER_POOL_STATS",
    "INNODB_BUFFER_PAGE_LRU",
    "INNODB_BUFFER_PAGE",
    "INNODB_CMP_PER_INDEX_RESET",
    "INNODB_CMP_PER_INDEX",
    "INNODB_CMPMEM_RESET",
    "INNODB_CMPMEM",
    "INNODB_CMP_RESET",
    "INNODB_CMP",
    "INNODB_LOCK_WAITS",
    "INNODB_LOCKS",
    "INNODB_TRX",
    "InnoDB",
];

fn stop_temporary(log: &mut Log, ms: i64, version: &Version) -> i64 {
    let v = version.number();
    let mut us = ms * 1000;
    if !version.series().is_57() {
        log.server(us, 13, &format!("[System] [MY-013172] [Server] Received SHUTDOWN from user root. Shutting down mysqld (Version: {v})."));
        us += 1_484_274;
        log.server(us, 0, &format!("[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {v})  {}.", version.comment()));
        return us / 1000 + 1;
    }
    us = log.server_block(
        us,
        &[
            (
                0,
                "[Note] Giving 0 client threads a chance to die gracefully",
            ),
            (0, "[Note] Shutting down slave threads"),
            (0, "[Note] Forcefully disconnecting 0 remaining clients"),
            (0, "[Note] Event Scheduler: Purging the queue. 0 events"),
            (0, "[Note] Binlog end"),
        ],
    );
    for p in SHUTDOWN_PLUGINS_57 {
        log.server(us, 0, &format!("[Note] Shutting down plugin '{p}'"));
        us += 3;
    }
    let at = log.start + us * 1000;
    us = log.server_block(
        us,
        &[
            (0, "[Note] InnoDB: FTS optimize thread exiting."),
            (0, "[Note] InnoDB: Starting shutdown..."),
            (
                0,
                "[Note] InnoDB: Dumping buffer pool(s) to /var/lib/mysql/ib_buffer_pool",
            ),
        ],
    );
    log.server(
        us,
        0,
        &format!(
            "[Note] InnoDB: Buffer pool(s) dump completed at {}",
            innodb_time(at)
        ),
    );
    us += 1_916_849;
    us = log.server_block(
        us,
        &[
            (
                0,
                "[Note] InnoDB: Shutdown completed; log sequence number 12659543",
            ),
            (
                0,
                "[Note] InnoDB: Removed temporary tablespace data file: \"ibtmp1\"",
            ),
            (0, "[Note] Shutting down plugin 'MEMORY'"),
            (0, "[Note] Shutting down plugin 'CSV'"),
            (0, "[Note] Shutting down plugin 'sha256_password'"),
            (0, "[Note] Shutting down plugin 'mysql_native_password'"),
            (0, "[Note] Shutting down plugin 'binlog'"),
            (0, "[Note] mysqld: Shutdown complete"),
        ],
    );
    let end = us / 1000 + 1;
    log.raw(end, LogStream::Stderr, "");
    end
}

/// What mysqld logs when it stops on SIGTERM (`docker stop`), from `at`.
pub fn shutdown(version: &Version, at: i64) -> Vec<LogLine> {
    let mut log = Log {
        start: at,
        lines: Vec::new(),
    };
    let v = version.number();
    if version.series().is_57() {
        log.server(0, 0, "[Note] mysqld: Normal shutdown");
        log.raw(0, LogStream::Stderr, "");
        stop_temporary(&mut log, 0, version);
        if log.lines.last().is_some_and(|l| l.text.is_empty()) {
            log.lines.pop();
        }
    } else {
        log.server(0, 0, &format!("[System] [MY-013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: {v})."));
        log.server(1_484_274, 0, &format!("[System] [MY-010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld {v})  {}.", version.comment()));
    }
    log.lines
}

/// The server that stays (`port: 3306`). Returns when it accepts connections.
fn main_server(log: &mut Log, ms: i64, version: &Version, start: i64) -> i64 {
    let v = version.number();
    let mut us = ms * 1000;
    if version.series().is_57() {
        log.server(us, 0, "[Warning] TIMESTAMP with implicit DEFAULT value is deprecated. Please use --explicit_defaults_for_timestamp server option (see documentation for more details).");
        us += 1_611;
        log.server(
            us,
            0,
            &format!("[Note] mysqld (mysqld {v}) starting as process 1 ..."),
        );
        us += 3_115;
        let mut lines = innodb_start_57(v, "12659543");
        lines.retain(|(_, l)| !l.contains("Waiting for purge"));
        us = log.server_block(us, &lines);
        us = log.server_block(
            us,
            &[
                (0, "[Note] Plugin 'FEDERATED' is disabled."),
                (0, "[Note] InnoDB: Loading buffer pool(s) from /var/lib/mysql/ib_buffer_pool"),
                (0, "[Note] Found ca.pem, server-cert.pem and server-key.pem in data directory. Trying to enable SSL support using them."),
                (0, "[Note] Skipping generation of SSL certificates as certificate files are present in data directory."),
                (0, "[Warning] A deprecated TLS version TLSv1 is enabled. Please use TLSv1.2 or higher."),
                (0, "[Warning] A deprecated TLS version TLSv1.1 is enabled. Please use TLSv1.2 or higher."),
                (0, "[Warning] CA certificate ca.pem is self signed."),
                (0, "[Note] Skipping generation of RSA key pair as key files are present in data directory."),
                (0, "[Note] Server hostname (bind-address): '*'; port: 3306"),
                (0, "[Note] IPv6 is available."),
                (0, "[Note]   - '::' resolves to '::';"),
                (0, "[Note] Server socket created on IP: '::'."),
                (0, "[Warning] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory."),
            ],
        );
        let at = start + us * 1000;
        log.server(
            us,
            0,
            &format!(
                "[Note] InnoDB: Buffer pool(s) load completed at {}",
                innodb_time(at)
            ),
        );
        us += 7_718;
        us = log.server_block(
            us,
            &[
                (0, "[Note] Event Scheduler: Loaded 0 events"),
                (0, "[Note] mysqld: ready for connections."),
            ],
        );
        let end = us / 1000 + 1;
        log.raw(
            end,
            LogStream::Stderr,
            &format!(
                "Version: '{v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  {}",
                version.comment()
            ),
        );
        return start + end * MS;
    }
    let mut lines: Vec<(u32, String)> = Vec::new();
    if version.series() == Series::V80 {
        lines.push((0, "[Warning] [MY-011068] [Server] The syntax '--skip-host-cache' is deprecated and will be removed in a future release. Please use SET GLOBAL host_cache_size=0 instead.".into()));
    }
    lines.extend([
        (0, format!("[System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld {v}) starting as process 1")),
        (1, "[System] [MY-013576] [InnoDB] InnoDB initialization has started.".into()),
        (1, "[System] [MY-013577] [InnoDB] InnoDB initialization has ended.".into()),
        (0, "[Warning] [MY-010068] [Server] CA certificate ca.pem is self signed.".into()),
        (0, "[System] [MY-013602] [Server] Channel mysql_main configured to support TLS. Encrypted connections are now supported for this channel.".into()),
        (0, "[Warning] [MY-011810] [Server] Insecure configuration for --pid-file: Location '/var/run/mysqld' in the path is accessible to all OS users. Consider choosing a different directory.".into()),
        (0, "[System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock".into()),
        (0, format!("[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '{v}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  {}.", version.comment())),
    ]);
    let steps = [
        0, 3_593, 20_733, 482_749, 995_594, 995_691, 1_010_498, 1_069_234, 1_069_548,
    ];
    let skip = 9 - lines.len();
    for ((th, l), step) in lines.iter().zip(steps.iter().skip(skip)) {
        log.server(us + step, *th, l);
    }
    us += 1_069_548;
    start + (us / 1000 + 1) * MS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ports::SeededEntropy;

    /// 2026-11-28 09:00:00 UTC.
    const T0: i64 = 1_795_856_400 * 1_000_000_000;

    fn run(version: Version, vars: &[(&str, &str)]) -> Startup {
        let env = EntrypointEnv::from_vars(vars.iter().copied());
        start(
            &version,
            &env,
            None,
            T0,
            "3f9a1b2c4d5e",
            [172, 17, 0, 2],
            &mut SeededEntropy::new(7),
        )
    }

    fn text(log: &[LogLine]) -> String {
        log.iter().map(|l| format!("{}\n", l.text)).collect()
    }

    #[test]
    fn refuses_without_a_password_option() {
        let Startup::Failed { log, status } = run(Version::mysql57(), &[]) else {
            panic!("started")
        };
        assert_eq!(status, 1);
        assert_eq!(
            text(&log),
            "2026-11-28 09:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.7.44-1.el7 started.\n\
2026-11-28 09:00:00+00:00 [Note] [Entrypoint]: Switching to dedicated user 'mysql'\n\
2026-11-28 09:00:00+00:00 [Note] [Entrypoint]: Entrypoint script for MySQL Server 5.7.44-1.el7 started.\n\
2026-11-28 09:00:00+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n    \
You need to specify one of the following as an environment variable:\n    \
- MYSQL_ROOT_PASSWORD\n    \
- MYSQL_ALLOW_EMPTY_PASSWORD\n    \
- MYSQL_RANDOM_ROOT_PASSWORD\n"
        );
        assert_eq!(log[3].stream, LogStream::Stderr);
    }

    #[test]
    fn first_start_57() {
        let Startup::Ready {
            server,
            log,
            ready_at,
            generated_password,
        } = run(
            Version::mysql57(),
            &[
                ("MYSQL_ROOT_PASSWORD", "exampledb20"),
                ("MYSQL_DATABASE", "shop"),
            ],
        )
        else {
            panic!("failed")
        };
        assert!(generated_password.is_none());
        let all = text(&log);
        assert!(all.contains("2026-11-28 09:00:00+00:00 [Note] [Entrypoint]: Initializing database files\n2026-11-28T09:00:00.800000Z 0 [Warning] TIMESTAMP with implicit DEFAULT value is deprecated."), "{all}");
        assert!(
            all.contains("[Note] [Entrypoint]: Creating database shop\n\n"),
            "{all}"
        );
        assert!(all.ends_with("Z 0 [Note] mysqld: ready for connections.\nVersion: '5.7.44'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server (GPL)\n"), "{all}");
        assert!(all.contains("Version: '5.7.44'  socket: '/var/run/mysqld/mysqld.sock'  port: 0  MySQL Community Server (GPL)\n"));
        assert!(all.contains("Generating a new UUID: "));
        let secs = (ready_at - T0) / 1_000_000_000;
        assert!((6..=15).contains(&secs), "{secs}");
        assert!(
            log.windows(2).all(|w| w[0].at <= w[1].at),
            "times are ordered"
        );
        assert!(server.database("shop").is_some());
        assert_eq!(
            server
                .accounts()
                .iter()
                .filter(|a| a.user == "root")
                .count(),
            2
        );
    }

    #[test]
    fn first_start_80_with_random_password_and_user() {
        let Startup::Ready {
            mut server,
            log,
            generated_password,
            ..
        } = run(
            Version::mysql80(),
            &[
                ("MYSQL_RANDOM_ROOT_PASSWORD", "yes"),
                ("MYSQL_DATABASE", "app"),
                ("MYSQL_USER", "bob"),
                ("MYSQL_PASSWORD", "secret"),
            ],
        )
        else {
            panic!("failed")
        };
        let pw = generated_password.expect("password");
        assert_eq!(pw.len(), 32);
        let all = text(&log);
        assert!(all.contains(&format!(
            "[Note] [Entrypoint]: GENERATED ROOT PASSWORD: {pw}\n"
        )));
        assert!(all.contains("[Note] [Entrypoint]: Creating user bob\n"));
        assert!(all.contains("[Note] [Entrypoint]: Giving user bob access to schema app\n"));
        assert!(all.contains("[System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.40'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.\n"));
        let login = |user, password| crate::sql::server::Login {
            user,
            password,
            client_host: "172.17.0.3",
            database: None,
            via_socket: false,
        };
        assert!(server.connect(&login("root", Some(pw.as_str()))).is_ok());
        assert!(server.connect(&login("bob", Some("secret"))).is_ok());
        assert_eq!(
            server.connect(&login("root", Some("wrong"))).err().map(|e| e.to_string()),
            Some("ERROR 1045 (28000): Access denied for user 'root'@'172.17.0.3' (using password: YES)".into())
        );
    }

    #[test]
    fn restart_with_existing_data() {
        let Startup::Ready { server, .. } =
            run(Version::mysql57(), &[("MYSQL_ALLOW_EMPTY_PASSWORD", "1")])
        else {
            panic!("failed")
        };
        let env = EntrypointEnv::default();
        let Startup::Ready { log, .. } = start(
            &Version::mysql57(),
            &env,
            Some(*server),
            T0,
            "newhost",
            [172, 17, 0, 3],
            &mut SeededEntropy::new(1),
        ) else {
            panic!("failed")
        };
        let all = text(&log);
        assert!(!all.contains("Initializing database files"));
        assert!(all.contains("'/var/lib/mysql/mysql.sock' -> '/var/run/mysqld/mysqld.sock'\n"));
        assert!(all.contains("port: 3306"));
    }

    #[test]
    fn user_root_is_refused() {
        let Startup::Failed { log, .. } = run(
            Version::mysql57(),
            &[
                ("MYSQL_ROOT_PASSWORD", "x"),
                ("MYSQL_USER", "root"),
                ("MYSQL_PASSWORD", "y"),
            ],
        ) else {
            panic!("started")
        };
        assert!(text(&log).contains("[ERROR] [Entrypoint]: MYSQL_USER=\"root\", MYSQL_USER and MYSQL_PASSWORD are for configuring a regular user and cannot be used for the root user\n"));
    }
}
