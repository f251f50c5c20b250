//! The `echo` and `printf` builtins (their engines live with the programs of the same
//! names).

use super::super::flavor::Flavor;
use super::super::interp::Shell;
use super::super::program::BoxFut;
use super::super::programs::echo::{render, EchoStyle};
use super::super::programs::printf::format;
use super::fail;

/// `echo`.
pub fn echo<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let style = if sh.flavor == Flavor::Dash {
            EchoStyle::SysV
        } else {
            EchoStyle::Bsd
        };
        let out = render(&a[1..], style);
        sh.out(&out).await;
        0
    })
}

/// `printf format [args]`.
pub fn printf<'a>(sh: &'a mut Shell, a: &'a [String]) -> BoxFut<'a, i32> {
    Box::pin(async move {
        let Some(fmt) = a.get(1) else {
            let msg = match sh.flavor {
                Flavor::Bash => "usage: printf [-v var] format [arguments]",
                _ => "usage: printf format [arg ...]",
            };
            fail(sh, "printf", msg).await;
            return 2;
        };
        let r = format(fmt, &a[2..]);
        sh.env.budget.hold(r.out.len()).await;
        sh.out(&r.out).await;
        for bad in &r.invalid {
            let msg = match sh.flavor {
                Flavor::Bash => format!("{bad}: invalid number"),
                Flavor::Dash => format!("{bad}: expected numeric value"),
                Flavor::Ash => format!("invalid number '{bad}'"),
            };
            fail(sh, "printf", &msg).await;
        }
        (!r.invalid.is_empty()) as i32
    })
}
