//! `curl URL` and `wget URL` inside containers: an HTTP GET over the simulated network
//! ([`crate::net::http::fetch`]), with each client's own messages and exit codes: curl
//! 7.88 (Debian), 8.5 (Ubuntu) and 8.11 (Alpine); busybox's wget applet and GNU wget's
//! quiet mode. [`Flavor`] and [`failure_line`] are shared with the host's `curl`.

use super::super::program::{Proc, Style};
use crate::daemon::networks::ip_string;
use crate::net::http::{fetch, parse_url, Failure, Fetched, Response, Url, UrlError};
use crate::ports::SECOND;

/// Which curl speaks: its wording changed between 7.x and 8.x.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// curl 7.88 (Debian bookworm): the socket's own error text.
    Seven,
    /// curl 8.0–8.6 (Ubuntu noble): "Couldn't connect to server".
    EightEarly,
    /// curl 8.7 and later (Alpine 3.21, Windows' curl.exe): "Could not connect to server".
    Eight,
}

impl Flavor {
    /// The curl of the distribution whose catalog key this is.
    pub fn of_distro(key: Option<&str>) -> Flavor {
        match key {
            Some(k) if k.starts_with("alpine") => Flavor::Eight,
            Some(k) if k.starts_with("ubuntu") => Flavor::EightEarly,
            _ => Flavor::Seven,
        }
    }

    fn couldnt_connect(self, errno_text: &str) -> String {
        match self {
            Flavor::Seven => errno_text.to_owned(),
            Flavor::EightEarly => "Couldn't connect to server".into(),
            Flavor::Eight => "Could not connect to server".into(),
        }
    }
}

/// How long a failed connection takes before curl reports it, in milliseconds.
pub fn failure_delay_ms(f: &Failure) -> i64 {
    match f {
        Failure::NoRoute(_) => 3_067,
        Failure::Timeout(_) => 134_213,
        _ => 0,
    }
}

/// curl's error line (without `curl: `) and exit code for a failed fetch of `url`.
pub fn failure_line(flavor: Flavor, url: &Url, f: &Failure, reset_text: &str) -> (String, i32) {
    let host = &url.host;
    let port = url.port;
    let ms = failure_delay_ms(f);
    let connect = |errno: &str| {
        (
            format!(
                "(7) Failed to connect to {host} port {port} after {ms} ms: {}",
                flavor.couldnt_connect(errno)
            ),
            7,
        )
    };
    match f {
        Failure::Resolve => (format!("(6) Could not resolve host: {host}"), 6),
        Failure::Refused(_) => connect("Connection refused"),
        Failure::NetUnreachable(_) => connect("Network is unreachable"),
        Failure::NoRoute(_) => connect("No route to host"),
        Failure::Timeout(_) => connect("Connection timed out"),
        Failure::Reset(_) => (format!("(56) Recv failure: {reset_text}"), 56),
        Failure::Http09(_) => ("(1) Received HTTP/0.9 when not allowed".into(), 1),
        Failure::Stream(_) => (String::new(), 1),
    }
}

/// curl's line for a URL it cannot parse.
pub fn url_error_line(flavor: Flavor, e: &UrlError) -> (String, i32) {
    match (e, flavor) {
        (UrlError::Scheme(s), Flavor::Seven) => (
            format!("(1) Protocol \"{s}\" not supported or disabled in libcurl"),
            1,
        ),
        (UrlError::Scheme(s), _) => (format!("(1) Protocol \"{s}\" not supported"), 1),
        (UrlError::Port, Flavor::Seven) | (UrlError::NoHost, Flavor::Seven) => {
            ("(3) URL using bad/illegal format or missing URL".into(), 3)
        }
        (UrlError::Port, _) => (
            "(3) URL rejected: Port number was not a decimal number between 0 and 65535".into(),
            3,
        ),
        (UrlError::NoHost, _) => ("(3) URL rejected: No host part in the URL".into(), 3),
    }
}

/// curl's options.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Opts {
    /// `-s`.
    pub silent: bool,
    /// `-S`.
    pub show_error: bool,
    /// `-i`.
    pub include: bool,
    /// `-I`.
    pub head: bool,
    /// `-L`.
    pub location: bool,
    /// `-f`.
    pub fail: bool,
    /// `-o FILE`.
    pub output: Option<String>,
    /// The URL.
    pub url: Option<String>,
}

/// Parses curl's arguments; `Err` names an option curl does not know (or Berth does not
/// carry out).
pub fn parse_opts(args: &[String]) -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        match a.as_str() {
            "--silent" => o.silent = true,
            "--show-error" => o.show_error = true,
            "--include" => o.include = true,
            "--head" => o.head = true,
            "--location" => o.location = true,
            "--fail" => o.fail = true,
            "--version" | "-V" | "--help" | "-h" | "--manual" | "-M" => {
                return Err(format!("berth:{a}"));
            }
            "--output" => {
                o.output = args.get(i).cloned();
                i += 1;
            }
            s if s.starts_with("--") => return Err(s.to_owned()),
            s if s.starts_with('-') && s.len() > 1 => {
                let chars: Vec<char> = s[1..].chars().collect();
                for (k, c) in chars.iter().enumerate() {
                    match c {
                        's' => o.silent = true,
                        'S' => o.show_error = true,
                        'i' => o.include = true,
                        'I' => o.head = true,
                        'L' => o.location = true,
                        'f' => o.fail = true,
                        '4' => {}
                        'o' => {
                            let rest: String = chars[k + 1..].iter().collect();
                            if rest.is_empty() {
                                o.output = args.get(i).cloned();
                                i += 1;
                            } else {
                                o.output = Some(rest);
                            }
                            break;
                        }
                        other => return Err(format!("-{other}")),
                    }
                }
            }
            _ => o.url = Some(a.clone()),
        }
    }
    Ok(o)
}

/// What curl says about an option [`parse_opts`] refused.
pub fn unknown_option(opt: &str) -> String {
    match opt.strip_prefix("berth:") {
        Some(o) => format!("berth: \"curl {o}\" is not simulated yet\n"),
        None => format!("curl: option {opt}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n"),
    }
}

/// The progress meter curl writes to stderr when its output is no terminal.
pub fn meter(bytes: Option<usize>) -> String {
    let head = "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n";
    let zero = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0";
    match bytes {
        None => format!("{head}{zero}"),
        Some(n) => {
            let speed = five(n as u64 * 1000);
            format!(
                "{head}{zero}\r100 {size}  100 {size}    0     0  {speed}      0 --:--:-- --:--:-- --:--:-- {speed}\n",
                size = five(n as u64)
            )
        }
    }
}

/// curl's `max5data`: a size in at most five characters.
fn five(n: u64) -> String {
    const K: u64 = 1024;
    if n < 100_000 {
        format!("{n:5}")
    } else if n < 10_000 * K {
        format!("{:4}k", n / K)
    } else if n < 100 * K * K {
        format!("{:2}.{:1}M", n / (K * K), (n % (K * K)) * 10 / (K * K))
    } else {
        format!("{:4}M", n / (K * K))
    }
}

/// What a successful fetch prints: the body (and head with `-i`/`-I`), or with `-f` the
/// error for a status of 400 and above.
pub fn render(o: &Opts, r: &Response) -> Result<Vec<u8>, (String, i32)> {
    if o.fail && r.status >= 400 {
        return Err((
            format!("(22) The requested URL returned error: {}", r.status),
            22,
        ));
    }
    let mut out = Vec::new();
    if o.include || o.head {
        out.extend_from_slice(r.head().as_bytes());
    }
    if !o.head {
        out.extend_from_slice(&r.body);
    }
    Ok(out)
}

/// Follows one redirect with `-L` (nginx's slash redirect of a directory).
pub fn follow(
    o: &Opts,
    url: &Url,
    first: Result<Fetched, Failure>,
    again: impl Fn(&Url) -> Result<Fetched, Failure>,
) -> Result<Fetched, Failure> {
    match first {
        Ok(f) if o.location && (f.response.status == 301 || f.response.status == 302) => {
            let next = Url {
                path: format!("{}/", url.path),
                ..url.clone()
            };
            again(&next)
        }
        other => other,
    }
}

async fn curl(p: &mut Proc) -> i32 {
    let args = p.args.get(1..).unwrap_or(&[]).to_vec();
    let flavor = Flavor::of_distro(super::packages::distro_of(&*p.fs.borrow()).as_deref());
    let o = match parse_opts(&args) {
        Ok(o) => o,
        Err(opt) => {
            p.err(unknown_option(&opt)).await;
            return 2;
        }
    };
    let Some(raw) = o.url.clone() else {
        p.err("curl: try 'curl --help' or 'curl --manual' for more information\n")
            .await;
        return 2;
    };
    let show_meter = !o.silent && (o.output.is_some() || !p.stdout.is_tty());
    let show_errors = !o.silent || o.show_error;
    let url = match parse_url(&raw) {
        Ok(u) => u,
        Err(e) => {
            let (line, code) = url_error_line(flavor, &e);
            if show_errors {
                p.err(format!("curl: {line}\n")).await;
            }
            return code;
        }
    };
    let hub = p.machine.programs.sockets.clone();
    let now = p.now();
    let first = fetch(&hub, Some(&*p.machine), &url, now);
    let result = follow(&o, &url, first, |u| fetch(&hub, Some(&*p.machine), u, now));
    let fetched = match result {
        Ok(f) => f,
        Err(f) => {
            if let Failure::Stream(_) = f {
                p.err("berth: HTTP to a compiled program's socket is not simulated yet\n")
                    .await;
                return 1;
            }
            let delay = failure_delay_ms(&f);
            if show_meter {
                p.err(meter(None)).await;
            }
            if delay > 0 {
                p.sleep_until(p.now().saturating_add(delay * (SECOND / 1000)))
                    .await;
            }
            let (line, code) = failure_line(flavor, &url, &f, "Connection reset by peer");
            if show_errors {
                let nl = if show_meter { "\n" } else { "" };
                p.err(format!("{nl}curl: {line}\n")).await;
            }
            return code;
        }
    };
    let body = match render(&o, &fetched.response) {
        Ok(b) => b,
        Err((line, code)) => {
            if show_meter {
                p.err(meter(None)).await;
            }
            if show_errors {
                let nl = if show_meter { "\n" } else { "" };
                p.err(format!("{nl}curl: {line}\n")).await;
            }
            return code;
        }
    };
    if show_meter {
        p.err(meter(Some(fetched.response.body.len()))).await;
    }
    match &o.output {
        Some(path) if path != "-" => {
            let full = p.path(path);
            let mode = 0o666 & !p.umask;
            let written = p.fs.borrow_mut().write(&full, &body, mode);
            if written.is_err() {
                p.err("curl: (23) Failure writing output to destination\n")
                    .await;
                return 23;
            }
        }
        _ => {
            p.out(body).await;
        }
    }
    0
}

crate::program!(Curl, curl);

/// wget's options: `-q`, `-O FILE` (`-` is standard output), the URL.
#[derive(Debug, Default, PartialEq, Eq)]
struct WgetOpts {
    quiet: bool,
    output: Option<String>,
    url: Option<String>,
}

fn parse_wget(args: &[String]) -> Result<WgetOpts, String> {
    let mut o = WgetOpts::default();
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        i += 1;
        if a == "--quiet" {
            o.quiet = true;
        } else if let Some(v) = a.strip_prefix("--output-document=") {
            o.output = Some(v.to_owned());
        } else if a.starts_with("--") {
            return Err(a.clone());
        } else if a.starts_with('-') && a.len() > 1 {
            let chars: Vec<char> = a[1..].chars().collect();
            for (k, c) in chars.iter().enumerate() {
                match c {
                    'q' => o.quiet = true,
                    'O' => {
                        let rest: String = chars[k + 1..].iter().collect();
                        if rest.is_empty() {
                            o.output = args.get(i).cloned();
                            i += 1;
                        } else {
                            o.output = Some(rest);
                        }
                        break;
                    }
                    other => return Err(format!("-{other}")),
                }
            }
        } else {
            o.url = Some(a.clone());
        }
    }
    Ok(o)
}

/// busybox's progress line for `name` and `size` bytes.
fn bar(name: &str, size: usize) -> String {
    let shown: String = name.chars().take(20).collect();
    format!(
        "{shown:<20} 100% |********************************| {:>5}  0:00:00 ETA\n",
        size
    )
}

async fn wget(p: &mut Proc) -> i32 {
    let style = p.style;
    let args = p.args.get(1..).unwrap_or(&[]).to_vec();
    let o = match parse_wget(&args) {
        Ok(o) => o,
        Err(opt) => {
            p.err(format!("berth: \"wget {opt}\" is not simulated yet\n"))
                .await;
            return 1;
        }
    };
    if style == Style::Gnu && !o.quiet {
        p.err("berth: GNU wget without -q is not simulated yet\n")
            .await;
        return 1;
    }
    let Some(raw) = o.url.clone() else {
        let msg = match style {
            Style::Gnu => "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n".to_owned(),
            Style::Busybox => super::util::busybox_usage("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL..."),
        };
        p.err(msg).await;
        return 1;
    };
    let url = match parse_url(&raw) {
        Ok(u) => u,
        Err(_) => {
            if style == Style::Busybox {
                p.err(format!("wget: not an http or ftp url: {raw}\n"))
                    .await;
                return 1;
            }
            return 1;
        }
    };
    let gnu_fail = |code: i32| code;
    let hub = p.machine.programs.sockets.clone();
    let now = p.now();
    let fetched = fetch(&hub, Some(&*p.machine), &url, now);
    let host = url.host.clone();
    if style == Style::Busybox && !o.quiet {
        if let Ok(f) = &fetched {
            p.err(format!(
                "Connecting to {host} ({}:{})\n",
                ip_string(f.ip),
                url.port
            ))
            .await;
        }
    }
    let f = match fetched {
        Ok(f) => f,
        Err(f) => {
            let delay = failure_delay_ms(&f);
            if delay > 0 {
                p.sleep_until(p.now().saturating_add(delay * (SECOND / 1000)))
                    .await;
            }
            if style == Style::Gnu {
                return gnu_fail(4);
            }
            let line = match &f {
                Failure::Resolve => format!("wget: bad address '{host}'\n"),
                Failure::Refused(ip) => format!(
                    "wget: can't connect to remote host ({}): Connection refused\n",
                    ip_string(*ip)
                ),
                Failure::NetUnreachable(ip) => format!(
                    "wget: can't connect to remote host ({}): Network unreachable\n",
                    ip_string(*ip)
                ),
                Failure::NoRoute(ip) => format!(
                    "wget: can't connect to remote host ({}): Host is unreachable\n",
                    ip_string(*ip)
                ),
                Failure::Timeout(ip) => format!(
                    "wget: can't connect to remote host ({}): Connection timed out\n",
                    ip_string(*ip)
                ),
                Failure::Reset(_) | Failure::Http09(_) | Failure::Stream(_) => {
                    "wget: error getting response: Connection reset by peer\n".to_owned()
                }
            };
            p.err(line).await;
            return 1;
        }
    };
    let r = &f.response;
    if r.status >= 400 {
        if style == Style::Gnu {
            return 8;
        }
        p.err(format!(
            "wget: server returned error: HTTP/1.1 {} {}\n",
            r.status, r.reason
        ))
        .await;
        return 1;
    }
    let to_stdout = o.output.as_deref() == Some("-");
    let name = match &o.output {
        Some(n) => n.clone(),
        None => {
            let last = url.path.split('?').next().unwrap_or("/");
            let last = last.rsplit('/').next().unwrap_or("");
            if last.is_empty() {
                "index.html".to_owned()
            } else {
                last.to_owned()
            }
        }
    };
    if to_stdout {
        if style == Style::Busybox && !o.quiet {
            p.err("writing to stdout\n").await;
            p.err(bar("-", r.body.len())).await;
        }
        p.out(r.body.clone()).await;
        if style == Style::Busybox && !o.quiet {
            p.err("written to stdout\n").await;
        }
        return 0;
    }
    let full = p.path(&name);
    if o.output.is_none() && p.fs.borrow().stat(&full).is_ok() {
        p.err(format!("wget: can't open '{name}': File exists\n"))
            .await;
        return 1;
    }
    if style == Style::Busybox && !o.quiet {
        p.err(format!("saving to '{name}'\n")).await;
    }
    let mode = 0o666 & !p.umask;
    let written = p.fs.borrow_mut().write(&full, &r.body, mode);
    if let Err(e) = written {
        if style == Style::Busybox {
            p.err(format!("wget: can't open '{name}': {}\n", e.text()))
                .await;
        }
        return 1;
    }
    if style == Style::Busybox && !o.quiet {
        p.err(bar(&name, r.body.len())).await;
        p.err(format!("'{name}' saved\n")).await;
    }
    0
}

crate::program!(Wget, wget);

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        parse_url(s).unwrap_or_else(|_| Url {
            scheme: "http".into(),
            host: String::new(),
            port: 0,
            path: String::new(),
        })
    }

    #[test]
    fn failure_lines() {
        let check = |flavor: Flavor, f: Failure, want: &str| {
            let (line, code) = failure_line(
                flavor,
                &url("http://web:8080/"),
                &f,
                "Connection reset by peer",
            );
            assert_eq!(format!("{code} {line}"), want);
        };
        let ip = [172, 17, 0, 2];
        check(
            Flavor::Seven,
            Failure::Resolve,
            "6 (6) Could not resolve host: web",
        );
        check(
            Flavor::Seven,
            Failure::Refused(ip),
            "7 (7) Failed to connect to web port 8080 after 0 ms: Connection refused",
        );
        check(
            Flavor::Eight,
            Failure::Refused(ip),
            "7 (7) Failed to connect to web port 8080 after 0 ms: Could not connect to server",
        );
        check(
            Flavor::EightEarly,
            Failure::NoRoute(ip),
            "7 (7) Failed to connect to web port 8080 after 3067 ms: Couldn't connect to server",
        );
        check(
            Flavor::Seven,
            Failure::NoRoute(ip),
            "7 (7) Failed to connect to web port 8080 after 3067 ms: No route to host",
        );
        check(
            Flavor::Seven,
            Failure::Http09(ip),
            "1 (1) Received HTTP/0.9 when not allowed",
        );
        check(
            Flavor::Seven,
            Failure::Reset(ip),
            "56 (56) Recv failure: Connection reset by peer",
        );
    }

    #[test]
    fn options() {
        let check = |args: &[&str], want: &str| {
            let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
            let got = match parse_opts(&args) {
                Ok(o) => format!(
                    "s{} S{} i{} I{} L{} f{} o{:?} {:?}",
                    o.silent as u8,
                    o.show_error as u8,
                    o.include as u8,
                    o.head as u8,
                    o.location as u8,
                    o.fail as u8,
                    o.output,
                    o.url
                ),
                Err(e) => format!("unknown {e}"),
            };
            assert_eq!(got, want, "{args:?}");
        };
        check(
            &["http://web"],
            "s0 S0 i0 I0 L0 f0 oNone Some(\"http://web\")",
        );
        check(&["-fsSL", "web"], "s1 S1 i0 I0 L1 f1 oNone Some(\"web\")");
        check(
            &["-o", "x.html", "-i", "web"],
            "s0 S0 i1 I0 L0 f0 oSome(\"x.html\") Some(\"web\")",
        );
        check(
            &["-sox", "web"],
            "s1 S0 i0 I0 L0 f0 oSome(\"x\") Some(\"web\")",
        );
        check(&["-Z", "web"], "unknown -Z");
        check(&["--nope", "web"], "unknown --nope");
    }

    #[test]
    fn meters_and_bars() {
        assert_eq!(five(615), "  615");
        assert_eq!(five(615_000), " 600k");
        assert!(meter(Some(615)).ends_with(
            "\r100   615  100   615    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n"
        ));
        assert_eq!(
            bar("index.html", 615),
            "index.html           100% |********************************|   615  0:00:00 ETA\n"
        );
        let args: Vec<String> = ["-qO-", "http://web"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let o = parse_wget(&args);
        assert_eq!(
            o,
            Ok(WgetOpts {
                quiet: true,
                output: Some("-".into()),
                url: Some("http://web".into())
            })
        );
    }
}
