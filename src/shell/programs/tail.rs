//! `tail [-n [+]N] [-c N] [-f] [FILE]...`: the last lines or bytes; `-f` keeps printing
//! what is appended to a file, checking once a second, until interrupted.

use super::super::program::{Proc, Style};
use super::head::{count, old_count};
use super::util::{parse, q, OptSpec};
use crate::ports::SECOND;

const SPEC: &[OptSpec] = &[
    ('n', "lines", true),
    ('c', "bytes", true),
    ('f', "follow", false),
    ('F', "", false),
    ('q', "quiet", false),
    ('v', "verbose", false),
    ('s', "sleep-interval", true),
];
const USAGE: &str = "Usage: tail [OPTIONS] [FILE]...\n\nPrint last 10 lines of FILEs (or stdin) to stdout.\nWith more than one FILE, precede each with a filename header.\n\n\t-f\t\tPrint data as file grows\n\t-c [+]N[bkm]\tPrint last N bytes\n\t-n N[bkm]\tPrint last N lines\n\t-n +N[bkm]\tStart on Nth line and print the rest\n\t-q\t\tNever print headers\n\t-s SECONDS\tWait SECONDS between reads with -f\n\t-v\t\tAlways print headers\n\t-F\t\tSame as -f, but keep retrying";

fn select(data: &[u8], bytes: bool, from_start: bool, n: i64) -> &[u8] {
    let n = n.unsigned_abs() as usize;
    if bytes {
        let start = if from_start {
            n.saturating_sub(1).min(data.len())
        } else {
            data.len().saturating_sub(n)
        };
        return &data[start..];
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(
            data.iter()
                .enumerate()
                .filter(|(i, b)| **b == b'\n' && i + 1 < data.len())
                .map(|(i, _)| i + 1),
        )
        .collect();
    if data.is_empty() {
        return data;
    }
    let start = if from_start {
        starts
            .get(n.saturating_sub(1))
            .copied()
            .unwrap_or(data.len())
    } else if n == 0 {
        data.len()
    } else {
        starts[starts.len().saturating_sub(n)]
    };
    &data[start..]
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
    let from_start = spec.starts_with('+');
    let Some(n) = count(spec.trim_start_matches(['+', '-'])) else {
        let line = match p.style {
            Style::Gnu => format!(
                "tail: invalid number of {}: {}\n",
                if bytes { "bytes" } else { "lines" },
                q(&spec)
            ),
            Style::Busybox => format!("tail: invalid number '{spec}'\n"),
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
    let mut sizes = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let data = match p.read_operand(f).await {
            Ok(d) => d,
            Err(e) => {
                let line = match p.style {
                    Style::Gnu => format!("tail: cannot open {} for reading: {e}\n", q(f)),
                    Style::Busybox => format!("tail: can't open '{f}': {e}\n"),
                };
                p.err(line).await;
                status = 1;
                sizes.push(None);
                continue;
            }
        };
        if headers {
            let name = if f == "-" { "standard input" } else { f };
            p.out(format!("{}==> {name} <==\n", if i > 0 { "\n" } else { "" }))
                .await;
        }
        if !p.out(select(&data, bytes, from_start, n)).await {
            return 1;
        }
        sizes.push(Some(data.len()));
    }
    if !(o.has('f') || o.has('F')) {
        return status;
    }
    let interval = o
        .value('s')
        .and_then(|s| s.parse::<f64>().ok())
        .map_or(SECOND, |s| (s * SECOND as f64) as i64);
    let follow: Vec<(String, String)> = files
        .iter()
        .filter(|f| *f != "-")
        .map(|f| (f.clone(), p.path(f)))
        .collect();
    if follow.is_empty() {
        return status;
    }
    loop {
        let next = p.now() + interval.max(SECOND / 10);
        p.sleep_until(next).await;
        for (i, (name, path)) in follow.iter().enumerate() {
            let data = p.fs.borrow().read(path).ok();
            let Some(data) = data else { continue };
            let old = sizes.get(i).copied().flatten().unwrap_or(0);
            if data.len() < old {
                p.err(format!("tail: {name}: file truncated\n")).await;
                if !p.out(&data).await {
                    return 1;
                }
            } else if data.len() > old && !p.out(&data[old..]).await {
                return 1;
            }
            if let Some(s) = sizes.get_mut(i) {
                *s = Some(data.len());
            }
        }
    }
}

crate::program!(Tail, main);
