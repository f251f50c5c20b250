//! `basename NAME [SUFFIX]` (`-a`, `-s SUF`) and `dirname NAME...`.

use super::super::fs::{basename, dirname};
use super::super::program::Proc;
use super::util::{missing_operand, parse, OptSpec};

const BSPEC: &[OptSpec] = &[
    ('a', "multiple", false),
    ('s', "suffix", true),
    ('z', "zero", false),
];
const BUSAGE: &str = "Usage: basename FILE [SUFFIX]\n\nStrip directory path and SUFFIX from FILE";
const DUSAGE: &str = "Usage: dirname FILENAME\n\nStrip non-directory suffix from FILENAME";

async fn base(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, BSPEC, BUSAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.is_empty() {
        return missing_operand(p, BUSAGE).await;
    }
    let (names, suffix): (Vec<String>, Option<String>) = if o.has('a') || o.has('s') {
        (o.operands.clone(), o.value('s').map(str::to_owned))
    } else {
        if o.operands.len() > 2 {
            p.err(format!(
                "basename: extra operand '{}'\nTry 'basename --help' for more information.\n",
                o.operands[2]
            ))
            .await;
            return 1;
        }
        (vec![o.operands[0].clone()], o.operands.get(1).cloned())
    };
    let mut out = String::new();
    for n in names {
        let mut b = basename(&n).to_owned();
        if let Some(s) = &suffix {
            if b.len() > s.len() && b.ends_with(s.as_str()) {
                b.truncate(b.len() - s.len());
            }
        }
        out.push_str(&b);
        out.push('\n');
    }
    p.out(out).await;
    0
}

async fn dir(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, &[('z', "zero", false)], DUSAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    if o.operands.is_empty() {
        return missing_operand(p, DUSAGE).await;
    }
    let out: String = o
        .operands
        .iter()
        .map(|n| format!("{}\n", dirname(n)))
        .collect();
    p.out(out).await;
    0
}

crate::program!(Basename, base);
crate::program!(Dirname, dir);
