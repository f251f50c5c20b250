//! `head [-n N] [-c N] [FILE]...` (`-N` too): the first lines or bytes.

use super::super::program::{Proc, Style};
use super::util::{parse, q, OptSpec};

const SPEC: &[OptSpec] = &[
    ('n', "lines", true),
    ('c', "bytes", true),
    ('q', "quiet", false),
    ('v', "verbose", false),
];
const USAGE: &str = "Usage: head [OPTIONS] [FILE]...\n\nPrint first 10 lines of FILEs (or stdin).\nWith more than one FILE, precede each with a filename header.\n\n\t-n N[bkm]\tPrint first N lines\n\t-n -N[bkm]\tPrint all except N last lines\n\t-c [-]N[bkm]\tPrint first N bytes\n\t-q\t\tNever print headers\n\t-v\t\tAlways print headers";

/// Turns `-5` into `-n 5` (the old form both head and tail accept).
pub fn old_count(args: &[String]) -> Vec<String> {
    args.iter()
        .flat_map(|a| {
            if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) {
                vec!["-n".to_owned(), a[1..].to_owned()]
            } else {
                vec![a.clone()]
            }
        })
        .collect()
}

/// A count with an optional suffix (`10`, `2k`).
pub fn count(s: &str) -> Option<i64> {
    let (num, mul) = match s.char_indices().last() {
        Some((i, 'k')) | Some((i, 'K')) => (&s[..i], 1024),
        Some((i, 'b')) => (&s[..i], 512),
        Some((i, 'm')) | Some((i, 'M')) => (&s[..i], 1 << 20),
        _ => (s, 1),
    };
    num.parse::<i64>().ok().map(|n| n * mul)
}

async fn main(p: &mut Proc) -> i32 {
    let args = old_count(&p.args[1..]);
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let (bytes, spec) = match (o.value('c'), o.value('n')) {
        (Some(c), _) => (true, c.to_owned()),
        (None, Some(n)) => (false, n.to_owned()),
        _ => (false, "10".to_owned()),
    };
    let Some(n) = count(&spec) else {
        let line = match p.style {
            Style::Gnu => format!(
                "head: invalid number of {}: {}\n",
                if bytes { "bytes" } else { "lines" },
                q(&spec)
            ),
            Style::Busybox => format!("head: invalid number '{spec}'\n"),
        };
        p.err(line).await;
        return 1;
    };
    let files = if o.operands.is_empty() {
        vec!["-".to_owned()]
    } else {
        o.operands.clone()
    };
    let headers = (files.len() > 1 && !o.has('q')) || o.has('v');
    let mut status = 0;
    for (i, f) in files.iter().enumerate() {
        if headers {
            let name = if f == "-" { "standard input" } else { f };
            p.out(format!("{}==> {name} <==\n", if i > 0 { "\n" } else { "" }))
                .await;
        }
        if f == "-" && !bytes && n >= 0 {
            // Read only what is needed, so `yes | head` ends.
            for _ in 0..n {
                let Some(line) = p.read_line().await else {
                    break;
                };
                if !p.out(line).await {
                    return 1;
                }
            }
            continue;
        }
        if f == "-" && bytes && n >= 0 {
            // Likewise for bytes: `yes | head -c 10` reads a chunk or two, not forever.
            let mut left = n as usize;
            while left > 0 {
                let Some(chunk) = p.stdin.read_chunk(&p.budget, &p.sys).await else {
                    break;
                };
                let take = left.min(chunk.len());
                left -= take;
                if !p.out(&chunk[..take]).await {
                    return 1;
                }
            }
            continue;
        }
        let data = match p.read_operand(f).await {
            Ok(d) => d,
            Err(e) => {
                let line = match p.style {
                    Style::Gnu => format!("head: cannot open {} for reading: {e}\n", q(f)),
                    Style::Busybox => format!("head: can't open '{f}': {e}\n"),
                };
                p.err(line).await;
                status = 1;
                continue;
            }
        };
        let out: &[u8] = if bytes {
            let k = if n >= 0 {
                (n as usize).min(data.len())
            } else {
                data.len().saturating_sub(n.unsigned_abs() as usize)
            };
            &data[..k]
        } else {
            let ends: Vec<usize> = data
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .map(|(i, _)| i + 1)
                .collect();
            let total = ends.len() + usize::from(!data.is_empty() && !data.ends_with(b"\n"));
            let keep = if n >= 0 {
                (n as usize).min(total)
            } else {
                total.saturating_sub(n.unsigned_abs() as usize)
            };
            let end = if keep == 0 {
                0
            } else {
                ends.get(keep - 1).copied().unwrap_or(data.len())
            };
            &data[..end]
        };
        if !p.out(out).await {
            return 1;
        }
    }
    status
}

crate::program!(Head, main);
