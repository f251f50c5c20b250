//! HTTP over the simulated network: the web servers of the `nginx` and `httpd` images serve
//! their html directory from the container's filesystem ([`Site`], registered by [`serve`]
//! on port 80), and clients (`curl`, `wget`, the host's `curl`) [`fetch`] a URL through
//! [`crate::shell::sockets::dial`], which applies the network's rules.

use std::cell::RefCell;
use std::fmt;
use std::rc::Rc;

use crate::daemon::networks::{ip_string, Ip};
use crate::ports::{Nanos, SECOND};
use crate::shell::fs::{normalize, ShellFs};
use crate::shell::program::Proc;
use crate::shell::sockets::{dial, Addr, Dial, Hub, Listening, Service};

/// Which server software answers (their error pages and headers differ).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Software {
    /// nginx 1.27.3.
    Nginx,
    /// Apache httpd 2.4.62.
    Httpd,
}

/// A static web site: a directory of a container's filesystem served over HTTP.
pub struct Site {
    /// The document root (`/usr/share/nginx/html`).
    pub root: String,
    /// The filesystem the server sees (volumes and binds included).
    pub fs: Rc<RefCell<dyn ShellFs>>,
    /// The software.
    pub software: Software,
}

impl fmt::Debug for Site {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Site").field("root", &self.root).finish()
    }
}

/// An HTTP response.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    /// `200`.
    pub status: u16,
    /// `OK`.
    pub reason: &'static str,
    /// Header lines in the server's order.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// The status line and headers, CRLF-terminated, with the blank line.
    pub fn head(&self) -> String {
        let mut s = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason);
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\r\n"));
        }
        s.push_str("\r\n");
        s
    }
}

/// Starts the web server of the program `p` runs, when it is one (`nginx`, `httpd`): it
/// listens on port 80 of its container until the returned guard is dropped.
pub fn serve(p: &Proc) -> Option<Listening> {
    let (software, root) = match p.name() {
        "nginx" => (Software::Nginx, "/usr/share/nginx/html"),
        "httpd" => (Software::Httpd, "/usr/local/apache2/htdocs"),
        _ => return None,
    };
    let site = Site {
        root: root.into(),
        fs: Rc::clone(&p.fs),
        software,
    };
    let id = p.machine.container.clone().unwrap_or_default();
    let table = p.machine.programs.sockets.table(&id);
    Listening::new(&table, Addr::Tcp(80), Service::Http(Rc::new(site)))
}

/// `Sat, 28 Nov 2026 07:20:46 GMT`.
pub fn http_date(t: Nanos) -> String {
    let (y, mo, d, h, mi, s, _) = crate::daemon::events::civil(t);
    let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let wd = days[(t.div_euclid(SECOND).div_euclid(86_400).rem_euclid(7)) as usize];
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let mon = months[(mo as usize).saturating_sub(1).min(11)];
    format!("{wd}, {d:02} {mon} {y} {h:02}:{mi:02}:{s:02} GMT")
}

fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" | "shtml" => "text/html",
        "css" => "text/css",
        "js" => "application/javascript",
        "json" => "application/json",
        "txt" => "text/plain",
        "xml" => "text/xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" | "svgz" => "image/svg+xml",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

impl Site {
    fn page(&self, status: u16, reason: &'static str, now: Nanos) -> Response {
        let body = match self.software {
            Software::Nginx => format!(
                "<html>\r\n<head><title>{status} {reason}</title></head>\r\n<body>\r\n<center><h1>{status} {reason}</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n"
            ),
            Software::Httpd => {
                let text = match status {
                    403 => "You don't have permission to access this resource.",
                    _ => "The requested URL was not found on this server.",
                };
                format!(
                    "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>{status} {reason}</title>\n</head><body>\n<h1>{reason}</h1>\n<p>{text}</p>\n</body></html>\n"
                )
            }
        };
        let headers = self.headers(now, "text/html", body.len(), None);
        Response {
            status,
            reason,
            headers,
            body: body.into_bytes(),
        }
    }

    fn headers(
        &self,
        now: Nanos,
        ctype: &str,
        len: usize,
        modified: Option<Nanos>,
    ) -> Vec<(String, String)> {
        let mut h = Vec::new();
        match self.software {
            Software::Nginx => {
                h.push(("Server".into(), "nginx/1.27.3".into()));
                h.push(("Date".into(), http_date(now)));
                h.push(("Content-Type".into(), ctype.into()));
                h.push(("Content-Length".into(), len.to_string()));
                if let Some(m) = modified {
                    h.push(("Last-Modified".into(), http_date(m)));
                }
                h.push(("Connection".into(), "keep-alive".into()));
                if let Some(m) = modified {
                    let secs = m.div_euclid(SECOND);
                    h.push(("ETag".into(), format!("\"{secs:x}-{len:x}\"")));
                    h.push(("Accept-Ranges".into(), "bytes".into()));
                }
            }
            Software::Httpd => {
                h.push(("Date".into(), http_date(now)));
                h.push(("Server".into(), "Apache/2.4.62 (Unix)".into()));
                if let Some(m) = modified {
                    let secs = m.div_euclid(SECOND);
                    h.push(("Last-Modified".into(), http_date(m)));
                    h.push(("ETag".into(), format!("\"{len:x}-{secs:x}\"")));
                    h.push(("Accept-Ranges".into(), "bytes".into()));
                }
                h.push(("Content-Length".into(), len.to_string()));
                h.push(("Content-Type".into(), ctype.into()));
            }
        }
        h
    }

    /// Answers `GET path` at time `now`, asked for by the name `host` (redirects name it).
    pub fn get(&self, host: &str, path: &str, now: Nanos) -> Response {
        let path = path.split(['?', '#']).next().unwrap_or("/");
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        let full = format!("{}{}", self.root.trim_end_matches('/'), normalize(&path));
        let fs = self.fs.borrow();
        let Ok(st) = fs.stat(&full) else {
            return self.page(404, "Not Found", now);
        };
        let (file, st) = if st.is_dir() {
            if !path.ends_with('/') {
                let mut r = self.page(301, "Moved Permanently", now);
                r.headers
                    .push(("Location".into(), format!("http://{host}{path}/")));
                return r;
            }
            let index = format!("{}/index.html", full.trim_end_matches('/'));
            match fs.stat(&index) {
                Ok(s) if !s.is_dir() => (index, s),
                _ => return self.page(403, "Forbidden", now),
            }
        } else {
            (full, st)
        };
        // The workers run as `nginx`/`www-data`: the file must be readable by others.
        if st.mode & 0o004 == 0 {
            return self.page(403, "Forbidden", now);
        }
        let Ok(body) = fs.read(&file) else {
            return self.page(403, "Forbidden", now);
        };
        let headers = self.headers(now, content_type(&file), body.len(), Some(st.mtime));
        Response {
            status: 200,
            reason: "OK",
            headers,
            body,
        }
    }
}

/// A URL as the clients take it: `[http[s]://]host[:port][/path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    /// `http` or `https`.
    pub scheme: String,
    /// The host name or address.
    pub host: String,
    /// The port (80 when not given).
    pub port: u16,
    /// The path with its query (`/` at least).
    pub path: String,
}

/// Why a URL cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// A scheme other than http (`https`, `ftp`…): the argument is the scheme.
    Scheme(String),
    /// A port that is no number from 0 to 65535.
    Port,
    /// No host.
    NoHost,
}

/// Parses a URL the way curl does (no scheme means http).
pub fn parse_url(s: &str) -> Result<Url, UrlError> {
    let (scheme, rest) = match s.split_once("://") {
        Some((scheme, rest)) => {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err(UrlError::Scheme(scheme));
            }
            (scheme, rest)
        }
        None => ("http".to_owned(), s),
    };
    let default_port = if scheme == "https" { 443 } else { 80 };
    let (authority, path) = match rest.find(['/', '?', '#']) {
        Some(i) if rest[i..].starts_with('/') => (&rest[..i], rest[i..].to_owned()),
        Some(i) => (&rest[..i], format!("/{}", &rest[i..])),
        None => (rest, "/".to_owned()),
    };
    let authority = authority.rsplit('@').next().unwrap_or(authority);
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.is_empty() => (h, p.parse::<u16>().map_err(|_| UrlError::Port)?),
        Some((h, _)) => (h, default_port),
        None => (authority, default_port),
    };
    if host.is_empty() {
        return Err(UrlError::NoHost);
    }
    Ok(Url {
        scheme,
        host: host.to_ascii_lowercase(),
        port,
        path,
    })
}

/// How a fetch failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The name does not resolve.
    Resolve,
    /// Nothing listens there (`ECONNREFUSED`).
    Refused(Ip),
    /// `ENETUNREACH`: the client has no network.
    NetUnreachable(Ip),
    /// `EHOSTUNREACH` (errno 113) after ARP gave up, about three seconds.
    NoRoute(Ip),
    /// No answer at all: the connection attempt times out.
    Timeout(Ip),
    /// A published port whose container does not listen: the proxy resets the stream.
    Reset(Ip),
    /// The server speaks another protocol and sent a greeting (mysqld): "HTTP/0.9".
    Http09(Ip),
    /// A compiled program's stream server: Berth does not carry HTTP to it.
    Stream(Ip),
}

/// The result of a fetch: the address connected to and the response.
#[derive(Clone, Debug)]
pub struct Fetched {
    /// The peer's address.
    pub ip: Ip,
    /// The response.
    pub response: Response,
}

/// Fetches `url` from container `machine` (`None`: the host prompt) over `hub`'s network.
pub fn fetch(
    hub: &Hub,
    machine: Option<&crate::shell::program::Machine>,
    url: &Url,
    now: Nanos,
) -> Result<Fetched, Failure> {
    match dial(hub, machine, &url.host, url.port) {
        Dial::Unknown => Err(Failure::Resolve),
        Dial::Refused(ip) => Err(Failure::Refused(ip)),
        Dial::Reset(ip) => Err(Failure::Reset(ip)),
        Dial::Unreachable(ip, why) => Err(match why {
            crate::net::reach::Unreach::NoNetwork => Failure::NetUnreachable(ip),
            crate::net::reach::Unreach::NoHost => Failure::NoRoute(ip),
            crate::net::reach::Unreach::Filtered => Failure::Timeout(ip),
        }),
        Dial::Open(service, ip) => match service {
            Service::Http(site) => Ok(Fetched {
                ip,
                response: site.get(&url.host, &url.path, now),
            }),
            Service::Mysql(_) => Err(Failure::Http09(ip)),
            Service::Stream(_) => Err(Failure::Stream(ip)),
        },
    }
}

/// The dotted form of an address.
pub fn dotted(ip: Ip) -> String {
    ip_string(ip)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::memfs::MemFs;

    #[test]
    fn urls() {
        let check = |s: &str, want: &str| {
            let got = match parse_url(s) {
                Ok(u) => format!("{} {} {}", u.host, u.port, u.path),
                Err(e) => format!("{e:?}"),
            };
            assert_eq!(got, want, "{s}");
        };
        check("http://web", "web 80 /");
        check("web:8080/a/b", "web 8080 /a/b");
        check("http://localhost:8080", "localhost 8080 /");
        check("HTTP://Web/x?y=1", "web 80 /x?y=1");
        check("web?q", "web 80 /?q");
        check("https://web", "web 443 /");
        check("ftp://web", "Scheme(\"ftp\")");
        check("web:99999", "Port");
        check("web:", "web 80 /");
        check("http:///x", "NoHost");
    }

    #[test]
    fn nginx_serves_its_root() {
        let mut fs = MemFs::new(0);
        let _ = fs.mkdir("/html", 0o755);
        let _ = fs.mkdir("/html/sub", 0o755);
        let _ = fs.mkdir("/html/empty", 0o755);
        let _ = fs.write("/html/index.html", b"hello\n", 0o644);
        let _ = fs.write("/html/sub/index.html", b"sub\n", 0o644);
        let _ = fs.write("/html/secret.txt", b"no\n", 0o600);
        let site = Site {
            root: "/html".into(),
            fs: Rc::new(RefCell::new(fs)),
            software: Software::Nginx,
        };
        let check = |path: &str, want: &str| {
            let r = site.get("web", path, 0);
            let body = String::from_utf8_lossy(&r.body);
            let first = body.lines().next().unwrap_or("");
            let got = format!("{} {first}", r.status);
            assert_eq!(got, want, "{path}");
        };
        check("/", "200 hello");
        check("/index.html", "200 hello");
        check("/sub/", "200 sub");
        check("/sub", "301 <html>");
        check("/empty/", "403 <html>");
        check("/secret.txt", "403 <html>");
        check("/nope", "404 <html>");
        check("/../index.html", "200 hello");
        check("/?x=1", "200 hello");
        let r = site.get("web", "/nope", 0);
        assert!(String::from_utf8_lossy(&r.body).contains("<title>404 Not Found</title>"));
        let ok = site.get("web", "/", 0);
        assert!(ok
            .head()
            .starts_with("HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\n"));
        assert!(ok.head().contains("Content-Length: 6\r\n"));
    }

    #[test]
    fn dates() {
        assert_eq!(http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(
            http_date(1_795_850_446 * SECOND),
            "Sat, 28 Nov 2026 07:20:46 GMT"
        );
    }
}
