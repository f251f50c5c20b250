//! The simulated machine the student sits at: a Windows PC running Docker Desktop (as in
//! the course) or a Linux machine running Docker Engine. It owns the prompt, the way a
//! line is split into words, and what each word at the prompt runs.

pub mod split;

use crate::cli::flags::Flag;
use crate::cli::root::{LINUX_GLOBAL, WINDOWS_GLOBAL};
use split::Dialect;

/// Which kind of machine the student sits at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum HostKind {
    /// Windows 11 with Docker Desktop (WSL 2 backend); PowerShell prompt.
    #[default]
    Windows,
    /// A Linux machine with Docker Engine; bash prompt.
    Linux,
}

impl HostKind {
    /// Parses `windows` or `linux` (as the page's `host=` option and `berth --host` take it).
    pub fn parse(s: &str) -> Option<HostKind> {
        match s.to_ascii_lowercase().as_str() {
            "windows" | "win" => Some(HostKind::Windows),
            "linux" => Some(HostKind::Linux),
            _ => None,
        }
    }
}

/// The host machine and its user.
#[derive(Clone, Debug)]
pub struct Host {
    /// Windows or Linux.
    pub kind: HostKind,
}

impl Host {
    /// The login name of the student.
    pub const USER: &'static str = "student";

    /// A host of the given kind.
    pub fn new(kind: HostKind) -> Host {
        Host { kind }
    }

    /// The machine's hostname.
    pub fn hostname(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "DESKTOP-BERTH",
            HostKind::Linux => "host",
        }
    }

    /// The user's home directory, as the host writes it.
    pub fn home(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "C:\\Users\\student",
            HostKind::Linux => "/home/student",
        }
    }

    /// The prompt shown before each line, for the current directory `cwd`.
    pub fn prompt(&self, cwd: &str) -> String {
        match self.kind {
            HostKind::Windows => format!("PS {cwd}> "),
            HostKind::Linux => {
                let shown = match cwd.strip_prefix(self.home()) {
                    Some(rest) if rest.is_empty() || rest.starts_with('/') => format!("~{rest}"),
                    _ => cwd.to_owned(),
                };
                format!("{}@{}:{shown}$ ", Self::USER, self.hostname())
            }
        }
    }

    /// How the host's shell splits a line into words.
    pub fn dialect(&self) -> Dialect {
        match self.kind {
            HostKind::Windows => Dialect::PowerShell,
            HostKind::Linux => Dialect::Posix,
        }
    }

    /// docker's global options, whose defaults name the host's config folder.
    pub fn global_flags(&self) -> [Flag; 11] {
        match self.kind {
            HostKind::Windows => WINDOWS_GLOBAL,
            HostKind::Linux => LINUX_GLOBAL,
        }
    }

    /// The address of the daemon the client talks to by default.
    pub fn daemon_socket(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "npipe:////./pipe/dockerDesktopLinuxEngine",
            HostKind::Linux => "unix:///var/run/docker.sock",
        }
    }

    /// The docker context in use.
    pub fn context_name(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "desktop-linux",
            HostKind::Linux => "default",
        }
    }

    /// The client's `OS/Arch`.
    pub fn client_platform(&self) -> &'static str {
        match self.kind {
            HostKind::Windows => "windows/amd64",
            HostKind::Linux => "linux/amd64",
        }
    }

    /// Environment variables of the host shell, for `$env:NAME` / `$NAME` expansion.
    pub fn var(&self, name: &str) -> Option<String> {
        let name = match self.kind {
            HostKind::Windows => {
                let lower = name.to_ascii_lowercase();
                match lower.strip_prefix("env:") {
                    Some(env) => return self.env(&env.to_ascii_uppercase()),
                    None if lower == "home" => return Some(self.home().to_owned()),
                    None => return None,
                }
            }
            HostKind::Linux => name,
        };
        self.env(name)
    }

    fn env(&self, name: &str) -> Option<String> {
        let v = match (self.kind, name) {
            (HostKind::Windows, "USERNAME") => Self::USER.to_owned(),
            (HostKind::Windows, "USERPROFILE" | "HOMEPATH") => self.home().to_owned(),
            (HostKind::Windows, "COMPUTERNAME") => self.hostname().to_owned(),
            (HostKind::Windows, "OS") => "Windows_NT".to_owned(),
            (HostKind::Linux, "USER" | "LOGNAME") => Self::USER.to_owned(),
            (HostKind::Linux, "HOME") => self.home().to_owned(),
            (HostKind::Linux, "HOSTNAME") => self.hostname().to_owned(),
            (HostKind::Linux, "SHELL") => "/bin/bash".to_owned(),
            _ => return None,
        };
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts() {
        let w = Host::new(HostKind::Windows);
        assert_eq!(w.prompt(w.home()), "PS C:\\Users\\student> ");
        let l = Host::new(HostKind::Linux);
        assert_eq!(l.prompt("/home/student"), "student@host:~$ ");
        assert_eq!(l.prompt("/home/student/src"), "student@host:~/src$ ");
        assert_eq!(l.prompt("/home/studentx"), "student@host:/home/studentx$ ");
        assert_eq!(l.prompt("/tmp"), "student@host:/tmp$ ");
    }

    #[test]
    fn variables_follow_each_shell() {
        let w = Host::new(HostKind::Windows);
        assert_eq!(w.var("env:USERNAME").as_deref(), Some("student"));
        assert_eq!(w.var("Env:username").as_deref(), Some("student"));
        assert_eq!(w.var("HOME").as_deref(), Some("C:\\Users\\student"));
        assert_eq!(w.var("USERNAME"), None);
        let l = Host::new(HostKind::Linux);
        assert_eq!(l.var("HOME").as_deref(), Some("/home/student"));
        assert_eq!(l.var("env:USER"), None);
    }
}
