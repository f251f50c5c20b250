//! `seq [-s SEP] [-w] [FIRST [INCREMENT]] LAST`.

use super::super::program::Proc;
use super::util::{missing_operand, parse, OptSpec};

const SPEC: &[OptSpec] = &[
    ('s', "separator", true),
    ('w', "equal-width", false),
    ('f', "format", true),
];
const USAGE: &str = "Usage: seq [-w] [-s SEP] [FIRST [INC]] LAST\n\nPrint numbers from FIRST to LAST, in steps of INC.\nFIRST, INC default to 1.\n\n\t-w\tPad to last with leading zeros\n\t-s SEP\tString separator";

async fn main(p: &mut Proc) -> i32 {
    let args: Vec<String> = p.args[1..].to_vec();
    // Negative numbers are operands, not options.
    let (opts, nums): (Vec<String>, Vec<String>) = {
        let mut o = Vec::new();
        let mut n = Vec::new();
        let mut it = args.into_iter();
        while let Some(a) = it.next() {
            if a.parse::<f64>().is_ok() {
                n.push(a);
            } else {
                if a == "-s" || a == "-f" {
                    o.push(a);
                    if let Some(v) = it.next() {
                        o.push(v);
                    }
                    continue;
                }
                o.push(a);
            }
        }
        (o, n)
    };
    let o = match parse(p, &opts, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if !o.operands.is_empty() {
        p.err(format!(
            "seq: invalid floating point argument: '{}'\nTry 'seq --help' for more information.\n",
            o.operands[0]
        ))
        .await;
        return 1;
    }
    let v: Vec<f64> = nums.iter().filter_map(|s| s.parse().ok()).collect();
    let (first, inc, last) = match v.as_slice() {
        [l] => (1.0, 1.0, *l),
        [f, l] => (*f, 1.0, *l),
        [f, i, l] => (*f, *i, *l),
        _ => return missing_operand(p, USAGE).await,
    };
    if inc == 0.0 {
        p.err("seq: invalid Zero increment value: '0'\nTry 'seq --help' for more information.\n")
            .await;
        return 1;
    }
    let decimals = nums
        .iter()
        .map(|s| s.split_once('.').map_or(0, |(_, d)| d.len()))
        .max()
        .unwrap_or(0);
    let sep = o.value('s').unwrap_or("\n").to_owned();
    let fmt = |x: f64| format!("{x:.decimals$}");
    let width = if o.has('w') {
        fmt(first).len().max(fmt(last).len())
    } else {
        0
    };
    let mut out = String::new();
    let mut i = 0u64;
    loop {
        let x = first + inc * i as f64;
        if (inc > 0.0 && x > last + 1e-9) || (inc < 0.0 && x < last - 1e-9) {
            break;
        }
        if i > 0 {
            out.push_str(&sep);
        }
        let s = fmt(x);
        out.push_str(&format!("{s:0>width$}"));
        i += 1;
        if out.len() > 64 * 1024 {
            if !p.out(&out).await {
                return 1;
            }
            out.clear();
        }
    }
    if i > 0 {
        out.push('\n');
    }
    p.out(out).await;
    0
}

crate::program!(Seq, main);
