//! `kill [-s SIG | -SIG] pid…` and `kill -l`: the program (procps, busybox) and the functions
//! the shells' builtin shares. Pids are as the container sees them.

use super::super::program::{Machine, Proc, Style};
use crate::kernel::{Pid, Sys};

/// Signal names by number (Linux x86-64), 1 to 31.
pub const SIGNALS: [&str; 31] = [
    "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2",
    "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG",
    "XCPU", "XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
];

/// A signal by number or name (`9`, `KILL`, `SIGKILL`, `kill`).
pub fn signal_number(s: &str) -> Option<i32> {
    if let Ok(n) = s.parse::<i32>() {
        return (0..=64).contains(&n).then_some(n);
    }
    let up = s.to_ascii_uppercase();
    let name = up.strip_prefix("SIG").unwrap_or(&up);
    if name == "IO" {
        return Some(29);
    }
    SIGNALS
        .iter()
        .position(|n| *n == name)
        .map(|i| i as i32 + 1)
}

/// The name of a signal number (`KILL`).
pub fn signal_name(n: i32) -> Option<&'static str> {
    SIGNALS.get(usize::try_from(n - 1).ok()?).copied()
}

/// The kernel pid of the process with namespace pid `ns` on this machine.
pub fn host_pid(sys: &Sys, machine: &Machine, ns: Pid) -> Option<Pid> {
    let s = sys.try_borrow().ok()?;
    match &machine.container {
        None => s.procs().contains_key(&ns).then_some(ns),
        Some(c) => s
            .procs()
            .iter()
            .find(|(_, p)| p.container.as_deref() == Some(c.as_str()) && p.ns_pid == ns)
            .map(|(pid, _)| *pid),
    }
}

/// Sends `sig` to namespace pid `ns`; `false` when there is no such process.
pub fn send(sys: &Sys, machine: &Machine, ns: Pid, sig: i32) -> bool {
    match host_pid(sys, machine, ns) {
        Some(pid) => {
            if sig != 0 {
                if let Ok(mut s) = sys.try_borrow_mut() {
                    s.kill(pid, sig);
                }
            }
            true
        }
        None => false,
    }
}

/// `kill -l` output: the names on one line.
pub fn list() -> String {
    let mut s = SIGNALS.join(" ");
    s.push('\n');
    s
}

/// Parsed `kill` arguments: the signal and the pids; `Err` carries a usage message.
pub fn parse(args: &[String]) -> Result<(i32, Vec<String>), String> {
    let mut sig = 15;
    let mut i = 0;
    if let Some(a) = args.first() {
        if a == "-s" || a == "-n" {
            let Some(v) = args.get(1) else {
                return Err(format!("{a}: option requires an argument"));
            };
            sig = signal_number(v).ok_or_else(|| format!("{v}: invalid signal specification"))?;
            i = 2;
        } else if a == "--" {
            i = 1;
        } else if let Some(s) = a.strip_prefix('-').filter(|s| !s.is_empty()) {
            sig = signal_number(s).ok_or_else(|| format!("{s}: invalid signal specification"))?;
            i = 1;
        }
    }
    Ok((sig, args[i..].to_vec()))
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    if args.first().is_some_and(|a| a == "-l" || a == "-L") {
        p.out(list()).await;
        return 0;
    }
    let (sig, pids) = match parse(&args) {
        Ok(v) => v,
        Err(e) => {
            p.error(e).await;
            return 1;
        }
    };
    if pids.is_empty() {
        let usage = match p.style {
            Style::Gnu => "\nUsage:\n kill [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n",
            Style::Busybox => "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.\n\nUsage: kill [-l] [-SIG] PID...\n\nSend a signal (default: TERM) to given PIDs\n\n\t-l\tList all signal names and numbers\n",
        };
        p.err(usage).await;
        return 1;
    }
    let mut status = 0;
    for a in pids {
        let ok = a
            .parse::<Pid>()
            .ok()
            .is_some_and(|n| send(&p.sys, &p.machine, n, sig));
        if !ok {
            let msg = match p.style {
                Style::Gnu if a.parse::<Pid>().is_err() => {
                    format!("kill: failed to parse argument: '{a}'\n")
                }
                Style::Gnu => format!("kill: ({a}) - No such process\n"),
                Style::Busybox => format!("kill: can't kill pid {a}: No such process\n"),
            };
            p.err(msg).await;
            status = 1;
        }
    }
    status
}

crate::program!(Kill, main);
