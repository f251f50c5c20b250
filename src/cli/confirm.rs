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
    if force {
        let (text, status) = action(ctx.world);
        ctx.out.out(text);
        return status;
    }
    let world = ctx.handles.world.clone();
    let warning = format!("{warning}\n");
    ctx.spawn_job(Job::new(move |mut io: JobIo| {
        Box::pin(async move {
            io.stdout.write_all(warning.as_bytes()).await;
            let answer = io.stdin.read_line(QUESTION).await.unwrap_or_default();
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
