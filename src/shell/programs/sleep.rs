//! `sleep NUMBER[smhd]...`: waits on the kernel's clock (fractions allowed); Ctrl-C ends it
//! through the shell's foreground guard.

use super::super::program::{Proc, Style};
use crate::ports::SECOND;

fn seconds(s: &str) -> Option<f64> {
    let (num, mul) = match s.chars().last()? {
        's' => (&s[..s.len() - 1], 1.0),
        'm' => (&s[..s.len() - 1], 60.0),
        'h' => (&s[..s.len() - 1], 3600.0),
        'd' => (&s[..s.len() - 1], 86400.0),
        _ => (s, 1.0),
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0 && v.is_finite()).then_some(v * mul)
}

async fn main(p: &mut Proc) -> i32 {
    if p.args.len() < 2 {
        let msg = match p.style {
            Style::Gnu => "sleep: missing operand\nTry 'sleep --help' for more information.\n".to_owned(),
            Style::Busybox => super::util::busybox_usage("Usage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays"),
        };
        p.err(msg).await;
        return 1;
    }
    let mut total = 0.0;
    for a in p.args[1..].iter() {
        match seconds(a) {
            Some(s) => total += s,
            None => {
                let line = match p.style {
                    Style::Gnu => format!("sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n"),
                    Style::Busybox => format!("sleep: invalid number '{a}'\n"),
                };
                p.err(line).await;
                return 1;
            }
        }
    }
    let deadline = p
        .now()
        .saturating_add((total * SECOND as f64).min(1e18) as i64);
    p.sleep_until(deadline).await;
    0
}

crate::program!(Sleep, main);
