//! `busybox`: the multi-call binary of Alpine and the `busybox` image. Invoked through a
//! symlink (`/bin/ls -> /bin/busybox`) it runs the applet named by `argv[0]`; as
//! `busybox APPLET args` it runs that applet; alone it prints its banner and applet list.

use std::rc::Rc;

use super::super::flavor::Flavor;
use super::super::program::{Proc, Program, Style};
use super::sh::Sh;

/// The version line every busybox usage text starts with.
pub const BANNER: &str = "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC) multi-call binary.";

/// The applets this busybox has (those Berth simulates).
pub const APPLETS: &[&str] = &[
    "[", "ash", "awk", "basename", "cat", "chmod", "chown", "clear", "cp", "cut", "date", "df",
    "dirname", "du", "echo", "env", "false", "find", "grep", "head", "hostname", "id", "ip",
    "kill", "less", "ln", "ls", "mkdir", "more", "mv", "ping", "printenv", "printf", "ps", "pwd",
    "rm", "rmdir", "sed", "seq", "sh", "sleep", "sort", "stat", "tail", "tee", "test", "touch",
    "tr", "true", "uname", "uniq", "wc", "wget", "which", "whoami", "yes",
];

fn listing() -> String {
    let mut out = format!(
        "{BANNER}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\nCurrently defined functions:\n"
    );
    let mut line = String::from("\t");
    for (i, a) in APPLETS.iter().enumerate() {
        let item = if i + 1 < APPLETS.len() {
            format!("{a}, ")
        } else {
            (*a).to_owned()
        };
        if line.len() + item.trim_end().len() > 78 {
            out.push_str(line.trim_end());
            out.push('\n');
            line = String::from("\t");
        }
        line.push_str(&item);
    }
    out.push_str(line.trim_end());
    out.push_str("\n\n");
    out
}

async fn main(p: &mut Proc) -> i32 {
    let mut name = p.name().to_owned();
    if name == "busybox" {
        match p.args.get(1).map(String::as_str) {
            None | Some("--help") => {
                p.out(listing()).await;
                return 0;
            }
            Some("--list") => {
                let mut s = APPLETS.join("\n");
                s.push('\n');
                p.out(s).await;
                return 0;
            }
            Some(a) => {
                name = a.rsplit('/').next().unwrap_or(a).to_owned();
                p.args.remove(0);
            }
        }
    }
    if !APPLETS.contains(&name.as_str()) {
        p.err(format!("{name}: applet not found\n")).await;
        return 127;
    }
    let program: Option<Rc<dyn Program>> = match name.as_str() {
        "sh" | "ash" => Some(Rc::new(Sh(Flavor::Ash))),
        other => p.machine.programs.get(other),
    };
    let Some(program) = program else {
        p.err(format!("{name}: applet not found\n")).await;
        return 127;
    };
    p.style = Style::Busybox;
    program.run(p).await
}

crate::program!(Busybox, main);
