//! docker's prune prompt: a warning, `Are you sure you want to continue? [y/N] `, and the
//! action only on `y` or `Y` (docker 26+: any other answer prints nothing and exits 0).

use super::{Ctx, Job, JobIo};
use crate::world::World;

/// The question docker asks after the warning.
pub const QUESTION: &str = "Are you sure you want to continue? [y/N] ";

/// What a confirmed action printed, and its exit status.
pub type Action = Box<dyn FnOnce(&mut World) -> (String, i32)>;

/// Runs `action` now with `force`, or after the user confirms.
pub fn confirm_then(ctx: &mut Ctx<'_>, force: bool, warning: &str, action: Action) -> i32 {
    ask_then(
        ctx,
        force,
        format!("{warning}\n"),
        QUESTION.to_owned(),
        action,
    )
}

/// Like [`confirm_then`] with the question on the warning's line (`docker builder
/// prune`: `WARNING! … Are you sure you want to continue? [y/N] `).
pub fn confirm_inline_then(ctx: &mut Ctx<'_>, force: bool, question: &str, action: Action) -> i32 {
    ask_then(
        ctx,
        force,
        String::new(),
        format!("{question} [y/N] "),
        action,
    )
}

fn ask_then(
    ctx: &mut Ctx<'_>,
    force: bool,
    warning: String,
    question: String,
    action: Action,
) -> i32 {
    if force {
        let (text, status) = action(ctx.world);
        ctx.out.out(text);
        return status;
    }
    let world = ctx.handles.world.clone();
    ctx.spawn_job(Job::new(move |mut io: JobIo| {
        Box::pin(async move {
            if !warning.is_empty() {
                io.stdout.write_all(warning.as_bytes()).await;
            }
            let answer = io.stdin.read_line(&question).await.unwrap_or_default();
            if !matches!(answer.trim(), "y" | "Y") {
                return 0;
            }
            let (text, status) = action(&mut world.borrow_mut());
            io.stdout.write_all(text.as_bytes()).await;
            status
        })
    }));
    0
}
