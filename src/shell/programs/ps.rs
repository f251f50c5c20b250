//! `ps`, `ps aux`, `ps -ef` (procps) and busybox `ps`: the container's own processes from
//! the kernel's table, with the pids its namespace sees.

use super::super::program::{Proc, Style};
use super::util::tm;
use crate::collections::SmallSort;
use crate::kernel::ProcInfo;

/// Plausible memory figures (VSZ, RSS in KiB) by command name.
fn memory(comm: &str) -> (u32, u32) {
    match comm {
        "bash" => (4624, 3712),
        "sh" | "dash" => (2580, 1536),
        "sleep" => (2484, 1408),
        "ps" => (8092, 4180),
        "mysqld" => (1_731_588, 352_912),
        "nginx" => (11_412, 7_364),
        _ => (2_400, 1_400),
    }
}

fn comm(info: &ProcInfo) -> String {
    let a = info.args.first().map_or("", String::as_str);
    a.rsplit('/').next().unwrap_or(a).to_owned()
}

async fn main(p: &mut Proc) -> i32 {
    let args: Vec<String> = p.args[1..].to_vec();
    let tty = if p.stdin.is_tty() || p.stdout.is_tty() {
        "pts/0"
    } else {
        "?"
    };
    let procs: Vec<(u32, u32, ProcInfo)> = {
        let Ok(sys) = p.sys.try_borrow() else {
            return 1;
        };
        let table = sys.procs();
        let mine = |i: &ProcInfo| i.container == p.machine.container;
        let ns = |pid: u32| {
            table.get(&pid).filter(|i| mine(i)).map_or(0, |i| {
                if i.container.is_some() {
                    i.ns_pid
                } else {
                    pid
                }
            })
        };
        let mut v: Vec<(u32, u32, ProcInfo)> = table
            .iter()
            .filter(|(_, i)| mine(i))
            .map(|(pid, i)| {
                (
                    if i.container.is_some() {
                        i.ns_pid
                    } else {
                        *pid
                    },
                    ns(i.ppid),
                    i.clone(),
                )
            })
            .collect();
        v.small_sort_by_key(|x| x.0);
        v
    };
    let me = p.ns_pid;
    let mut out = String::new();
    if p.style == Style::Busybox {
        out.push_str("PID   USER     TIME  COMMAND\n");
        for (pid, _, i) in &procs {
            out.push_str(&format!(
                "{pid:>5} {:<8} {:>5} {}\n",
                i.user,
                "0:00",
                i.args.join(" ")
            ));
        }
        p.out(out).await;
        return 0;
    }
    let joined = args.join(" ");
    let bsd = args
        .iter()
        .any(|a| !a.starts_with('-') && (a.contains('a') || a.contains('u') || a.contains('x')));
    if bsd {
        out.push_str(
            "USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n",
        );
        for (pid, _, i) in &procs {
            let c = comm(i);
            let (vsz, rss) = memory(&c);
            let plus = if tty != "?" { "+" } else { "" };
            let stat = if *pid == me {
                format!("R{plus}")
            } else if *pid == 1 {
                "Ss".to_owned()
            } else {
                format!("S{plus}")
            };
            let (_, _, _, h, m, _, _, _) = tm(i.started);
            out.push_str(&format!(
                "{:<8} {pid:>7}  0.0  0.0 {vsz:>6} {rss:>5} {tty:<8} {stat:<4} {h:02}:{m:02}   0:00 {}\n",
                i.user,
                i.args.join(" ")
            ));
        }
    } else if joined.contains('e') || joined.contains('A') || joined.contains('f') {
        out.push_str("UID          PID    PPID  C STIME TTY          TIME CMD\n");
        for (pid, ppid, i) in &procs {
            let (_, _, _, h, m, _, _, _) = tm(i.started);
            out.push_str(&format!(
                "{:<8} {pid:>7} {ppid:>7}  0 {h:02}:{m:02} {tty:<8} 00:00:00 {}\n",
                i.user,
                i.args.join(" ")
            ));
        }
    } else {
        out.push_str("    PID TTY          TIME CMD\n");
        for (pid, _, i) in &procs {
            out.push_str(&format!("{pid:>7} {tty:<8} 00:00:00 {}\n", comm(i)));
        }
    }
    p.out(out).await;
    0
}

crate::program!(Ps, main);
