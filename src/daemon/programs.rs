//! The programs images run as their main process — `hello`, and servers such as nginx that
//! log their start-up and run until stopped — added to the shell's standard programs.
//! A program an image ships but Berth does not simulate says so in one line.

use std::rc::Rc;

use crate::kernel::{signal, yield_now};
use crate::registry::catalog::PROGRAMS;
use crate::shell::program::{BoxFut, Proc, Program, Registry};

/// hello-world's `/hello` message (docker-library/hello-world `hello.c`, amd64).
pub const HELLO: &str = "
Hello from Docker!
This message shows that your installation appears to be working correctly.

To generate this message, Docker took the following steps:
 1. The Docker client contacted the Docker daemon.
 2. The Docker daemon pulled the \"hello-world\" image from the Docker Hub.
    (amd64)
 3. The Docker daemon created a new container from that image which runs the
    executable that produces the output you are currently reading.
 4. The Docker daemon streamed that output to the Docker client, which sent it
    to your terminal.

To try something more ambitious, you can run an Ubuntu container with:
 $ docker run -it ubuntu bash

Share images, automate workflows, and more with a free Docker ID:
 https://hub.docker.com/

For more examples and ideas, visit:
 https://docs.docker.com/get-started/

";

async fn hello(p: &mut Proc) -> i32 {
    p.out(HELLO).await;
    0
}
crate::program!(Hello, hello);

/// A server: writes its start-up lines, then runs until a stop signal, and exits 0 on the
/// signals it handles gracefully (its image's `STOPSIGNAL`, or TERM/INT/QUIT).
struct Server {
    startup: fn(&Proc) -> Vec<(bool, String)>,
}

impl Program for Server {
    fn run<'a>(&'a self, p: &'a mut Proc) -> BoxFut<'a, i32> {
        Box::pin(async move {
            if p.name() == "nginx" {
                // nginx names its master process after its command line.
                let title = format!("nginx: master process {}", p.args.join(" "));
                if let Ok(mut sys) = p.sys.try_borrow_mut() {
                    sys.set_args(p.pid, vec![title]);
                }
            }
            for (to_err, line) in (self.startup)(p) {
                if to_err {
                    p.err(format!("{line}\n")).await;
                } else {
                    p.out(format!("{line}\n")).await;
                }
            }
            let graceful = [signal::SIGTERM, signal::SIGINT, signal::SIGQUIT, 28];
            let mask = graceful.iter().fold(0u64, |m, s| m | 1 << s);
            // Installing handlers replaces an inherited "ignore" (as nginx's sigaction does).
            p.signals.caught.set(p.signals.caught.get() | mask);
            p.signals.ignored.set(p.signals.ignored.get() & !mask);
            let listening = crate::net::http::serve(p);
            loop {
                if graceful.iter().any(|&s| p.signals.take_caught(s)) {
                    drop(listening);
                    return 0;
                }
                p.budget.reset();
                yield_now().await;
            }
        })
    }
}

fn stamp(p: &Proc) -> String {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(p.now());
    format!("{y:04}/{mo:02}/{d:02} {h:02}:{mi:02}:{s:02}")
}

/// nginx's own start-up lines (the image's entrypoint script prints its lines before it
/// `exec`s nginx).
fn nginx_startup(p: &Proc) -> Vec<(bool, String)> {
    let t = stamp(p);
    let pid = p.ns_pid.max(1);
    vec![
        (
            true,
            format!("{t} [notice] {pid}#{pid}: using the \"epoll\" event method"),
        ),
        (true, format!("{t} [notice] {pid}#{pid}: nginx/1.27.3")),
        (
            true,
            format!("{t} [notice] {pid}#{pid}: built by gcc 12.2.0 (Debian 12.2.0-14) "),
        ),
        (
            true,
            format!("{t} [notice] {pid}#{pid}: OS: Linux 5.15.167.4-microsoft-standard-WSL2"),
        ),
        (
            true,
            format!("{t} [notice] {pid}#{pid}: getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
        ),
        (
            true,
            format!("{t} [notice] {pid}#{pid}: start worker processes"),
        ),
        (
            true,
            format!(
                "{t} [notice] {pid}#{}: start worker process {}",
                pid,
                pid + 28
            ),
        ),
    ]
}

fn httpd_startup(p: &Proc) -> Vec<(bool, String)> {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(p.now());
    let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let wd = days[((p.now() / crate::ports::SECOND / 86_400).rem_euclid(7)) as usize];
    let mon = months[(mo as usize).saturating_sub(1).min(11)];
    let t = format!("{wd} {mon} {d:02} {h:02}:{mi:02}:{s:02}.000000 {y}");
    vec![
        (true, "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message".into()),
        (true, "AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2. Set the 'ServerName' directive globally to suppress this message".into()),
        (true, format!("[{t}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations")),
        (true, format!("[{t}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'")),
    ]
}

fn redis_startup(p: &Proc) -> Vec<(bool, String)> {
    let (_, mo, d, h, mi, s, _) = crate::daemon::events::civil(p.now());
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mon = months[(mo as usize).saturating_sub(1).min(11)];
    let t = format!("{d:02} {mon} {h:02}:{mi:02}:{s:02}.000");
    vec![
        (false, format!("1:C {t} # WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. To fix this issue add 'vm.overcommit_memory = 1' to /etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this to take effect.")),
        (false, format!("1:C {t} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo")),
        (false, format!("1:C {t} * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started")),
        (false, format!("1:C {t} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf")),
        (false, format!("1:M {t} * monotonic clock: POSIX clock_gettime")),
        (false, format!("1:M {t} * Running mode=standalone, port=6379.")),
        (false, format!("1:M {t} * Server initialized")),
        (false, format!("1:M {t} * Ready to accept connections tcp")),
    ]
}

/// A program an image ships that Berth does not simulate yet: one honest line, status 1.
struct NotSimulated;

impl Program for NotSimulated {
    fn run<'a>(&'a self, p: &'a mut Proc) -> BoxFut<'a, i32> {
        Box::pin(async move {
            let name = p
                .args
                .first()
                .map(|a| a.rsplit('/').next().unwrap_or(a).to_owned())
                .unwrap_or_default();
            p.err(format!(
                "berth: the program \"{name}\" is not simulated yet\n"
            ))
            .await;
            1
        })
    }
}

/// Every program a container may run: the shell's standard ones, the image programs above,
/// and the honest fallback for the rest of the catalog's programs.
pub fn registry() -> Rc<Registry> {
    let mut r = Registry::standard();
    r.register("hello", Rc::new(Hello));
    r.register(
        "nginx",
        Rc::new(Server {
            startup: nginx_startup,
        }),
    );
    r.register(
        "httpd",
        Rc::new(Server {
            startup: httpd_startup,
        }),
    );
    r.register(
        "redis-server",
        Rc::new(Server {
            startup: redis_startup,
        }),
    );
    let exercises = crate::shell::programs::mysql::programs()
        .into_iter()
        .chain(crate::shell::programs::cc::programs());
    for (name, program) in exercises {
        r.register(name, program);
    }
    r.register_script(
        crate::shell::programs::mysql::ENTRYPOINT_MARKER,
        "mysql-entrypoint",
    );
    let fallback: Rc<dyn Program> = Rc::new(NotSimulated);
    for name in PROGRAMS {
        if r.get(name).is_none() {
            r.register(name, Rc::clone(&fallback));
        }
    }
    Rc::new(r)
}
