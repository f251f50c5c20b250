//! `tr [-d] [-s] [-c] SET1 [SET2]`: ranges, escapes and `[:class:]` sets.

use super::super::program::Proc;
use super::util::{parse, OptSpec};

const SPEC: &[OptSpec] = &[
    ('d', "delete", false),
    ('s', "squeeze-repeats", false),
    ('c', "complement", false),
    ('C', "", false),
];
const USAGE: &str = "Usage: tr [-cds] STRING1 [STRING2]\n\nTranslate, squeeze, or delete characters from stdin, writing to stdout\n\n\t-c\tTake complement of STRING1\n\t-d\tDelete input characters coded STRING1\n\t-s\tSqueeze multiple output characters of STRING2 into one character";

/// Expands a tr set to its characters.
pub fn expand(set: &str) -> Vec<char> {
    let cs: Vec<char> = set.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let unesc = |c: char| match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        o => o,
    };
    while i < cs.len() {
        if cs[i] == '[' && cs.get(i + 1) == Some(&':') {
            let rest: String = cs[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let class = &rest[..end];
                let all = (0u8..=127).map(char::from);
                out.extend(all.filter(|c| match class {
                    "lower" => c.is_ascii_lowercase(),
                    "upper" => c.is_ascii_uppercase(),
                    "digit" => c.is_ascii_digit(),
                    "alpha" => c.is_ascii_alphabetic(),
                    "alnum" => c.is_ascii_alphanumeric(),
                    "space" => c.is_ascii_whitespace() || *c == '\x0b',
                    "blank" => *c == ' ' || *c == '\t',
                    "punct" => c.is_ascii_punctuation(),
                    "xdigit" => c.is_ascii_hexdigit(),
                    "cntrl" => c.is_ascii_control(),
                    _ => false,
                }));
                i += 2 + end + 2;
                continue;
            }
        }
        let c = if cs[i] == '\\' && i + 1 < cs.len() {
            i += 1;
            unesc(cs[i])
        } else {
            cs[i]
        };
        if cs.get(i + 1) == Some(&'-') && i + 2 < cs.len() {
            let hi = if cs[i + 2] == '\\' && i + 3 < cs.len() {
                i += 1;
                unesc(cs[i + 2])
            } else {
                cs[i + 2]
            };
            if hi >= c {
                out.extend((c..=hi).filter(|_| true));
            }
            i += 3;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

async fn main(p: &mut Proc) -> i32 {
    let args = p.args[1..].to_vec();
    let o = match parse(p, &args, SPEC, USAGE).await {
        Ok(o) => o,
        Err(s) => return s,
    };
    let need = if o.has('d') && !o.has('s') { 1 } else { 2 };
    if o.operands.len() < need && (!o.has('s') || o.operands.is_empty()) {
        let msg = if o.operands.is_empty() {
            "tr: missing operand\n".to_owned()
        } else {
            format!(
                "tr: missing operand after '{}'\nTwo strings must be given when translating.\n",
                o.operands[0]
            )
        };
        p.err(format!("{msg}Try 'tr --help' for more information.\n"))
            .await;
        return 1;
    }
    let s1 = expand(&o.operands[0]);
    let s2 = o.operands.get(1).map(|s| expand(s)).unwrap_or_default();
    let comp = o.has('c') || o.has('C');
    let in1 = |c: char| s1.contains(&c) != comp;
    let data = p.read_stdin().await;
    let text = String::from_utf8_lossy(&data);
    let mut out = String::new();
    let squeeze_set: &[char] = if o.has('d') || s2.is_empty() {
        &s1
    } else {
        &s2
    };
    for c in text.chars() {
        let mapped = if o.has('d') {
            if in1(c) {
                continue;
            }
            c
        } else if !s2.is_empty() && in1(c) {
            if comp {
                *s2.last().unwrap_or(&c)
            } else {
                let i = s1.iter().position(|x| *x == c).unwrap_or(0);
                *s2.get(i).or(s2.last()).unwrap_or(&c)
            }
        } else {
            c
        };
        if o.has('s')
            && out.ends_with(mapped)
            && (squeeze_set.contains(&mapped) != (comp && s2.is_empty()))
        {
            continue;
        }
        out.push(mapped);
    }
    p.out(out).await;
    0
}

crate::program!(Tr, main);
