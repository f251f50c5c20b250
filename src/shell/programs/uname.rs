//! `uname [-asnrvmpio]`: the kernel Docker Desktop's VM runs (the container shares it).

use super::super::program::{Proc, Style};

async fn main(p: &mut Proc) -> i32 {
    let mut flags: Vec<char> = Vec::new();
    for a in &p.args[1..] {
        match a.as_str() {
            "--all" => flags.push('a'),
            "--kernel-name" => flags.push('s'),
            "--nodename" => flags.push('n'),
            "--kernel-release" => flags.push('r'),
            "--kernel-version" => flags.push('v'),
            "--machine" => flags.push('m'),
            "--operating-system" => flags.push('o'),
            s if s.starts_with('-') && s.len() > 1 => {
                for c in s[1..].chars() {
                    if !"asnrvmpio".contains(c) {
                        let line = match p.style {
                            Style::Gnu => format!("uname: invalid option -- '{c}'\nTry 'uname --help' for more information.\n"),
                            Style::Busybox => format!("uname: unrecognized option: {c}\n"),
                        };
                        p.err(line).await;
                        return 1;
                    }
                    flags.push(c);
                }
            }
            s => {
                p.err(format!(
                    "uname: extra operand '{s}'\nTry 'uname --help' for more information.\n"
                ))
                .await;
                return 1;
            }
        }
    }
    if flags.is_empty() {
        flags.push('s');
    }
    let m = &p.machine;
    let os = if p.style == Style::Gnu {
        "GNU/Linux"
    } else {
        "Linux"
    };
    let all = flags.contains(&'a');
    let mut parts: Vec<String> = Vec::new();
    let mut add = |c: char, v: &str| {
        if all || flags.contains(&c) {
            parts.push(v.to_owned());
        }
    };
    add('s', "Linux");
    add('n', &m.hostname);
    add('r', &m.kernel_release);
    add('v', &m.kernel_version);
    add('m', &m.arch);
    if !all {
        add(
            'p',
            if p.style == Style::Gnu {
                "unknown"
            } else {
                &m.arch
            },
        );
        add(
            'i',
            if p.style == Style::Gnu {
                "unknown"
            } else {
                &m.arch
            },
        );
    }
    add('o', os);
    let line = format!("{}\n", parts.join(" "));
    p.out(line).await;
    0
}

crate::program!(Uname, main);
