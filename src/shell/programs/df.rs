//! `df [-h] [-T]`: fixed, plausible figures for a container on Docker Desktop's disk
//! (overlay root, tmpfs `/dev`, `shm`, the VM disk behind `/etc/hosts`).

use super::super::program::{Proc, Style};
use super::util::human;

/// (filesystem, type, 1K-blocks, used, mount point).
const MOUNTS: &[(&str, &str, u64, u64, &str)] = &[
    ("overlay", "overlay", 1_055_762_868, 10_523_116, "/"),
    ("tmpfs", "tmpfs", 65_536, 0, "/dev"),
    ("shm", "tmpfs", 65_536, 0, "/dev/shm"),
    ("/dev/sdd", "ext4", 1_055_762_868, 10_523_116, "/etc/hosts"),
    ("tmpfs", "tmpfs", 8_152_528, 0, "/sys/firmware"),
];

async fn main(p: &mut Proc) -> i32 {
    let h = p.args.iter().any(|a| a.starts_with('-') && a.contains('h'));
    let t = p.args.iter().any(|a| a.starts_with('-') && a.contains('T'));
    let rows: Vec<Vec<String>> = MOUNTS
        .iter()
        .map(|(fs, ty, size, used, mnt)| {
            let avail = size - used - size / 20;
            let pct = if *size == 0 {
                0
            } else {
                (used * 100).div_ceil(used + avail)
            };
            let n = |v: u64| if h { human(v * 1024) } else { v.to_string() };
            let mut r = vec![fs.to_string()];
            if t {
                r.push(ty.to_string());
            }
            r.extend([
                n(*size),
                n(*used),
                n(avail),
                format!("{pct}%"),
                mnt.to_string(),
            ]);
            r
        })
        .collect();
    let mut header: Vec<&str> = vec!["Filesystem"];
    if t {
        header.push("Type");
    }
    let size_h = if h { "Size" } else { "1K-blocks" };
    header.extend([
        size_h,
        "Used",
        if p.style == Style::Busybox {
            "Available"
        } else if h {
            "Avail"
        } else {
            "Available"
        },
        "Use%",
        "Mounted on",
    ]);
    let ncol = header.len();
    let mut widths: Vec<usize> = header.iter().map(|s| s.len()).collect();
    for r in &rows {
        for (i, c) in r.iter().enumerate() {
            widths[i] = widths[i].max(c.len());
        }
    }
    widths[0] = widths[0].max(14);
    if h {
        for w in widths.iter_mut().skip(if t { 2 } else { 1 }).take(3) {
            *w = (*w).max(5);
        }
    }
    let fmt_row = |cells: Vec<String>| {
        let mut line = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 0 || (t && i == 1) {
                line.push_str(&format!("{c:<w$} ", w = widths[i]));
            } else if i + 1 == ncol {
                line.push_str(c);
            } else {
                line.push_str(&format!("{c:>w$} ", w = widths[i]));
            }
        }
        line.push('\n');
        line
    };
    let mut out = fmt_row(header.iter().map(|s| s.to_string()).collect());
    for r in rows {
        out.push_str(&fmt_row(r));
    }
    p.out(out).await;
    0
}

crate::program!(Df, main);
