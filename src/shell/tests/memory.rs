//! Memory bounds: a counting allocator measures the peak a script allocates on its thread,
//! and runaway inputs (`x=$(yes)`, `yes | sort`, `yes > f`, doubling a variable…) must stay
//! under a few times the engine's caps.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use super::harness::{alpine, big_stack, debian, run_with, Session};
use crate::shell::budget::MEMORY_LIMIT;

/// Counts the bytes live on each thread and the highest they reached.
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn add(n: isize) {
    let _ = LIVE.try_with(|l| {
        let v = l.get() + n;
        l.set(v);
        let _ = PEAK.try_with(|p| p.set(p.get().max(v)));
    });
}

// SAFETY: every call is passed on to the system allocator unchanged; the counting only
// touches thread-local cells, which do not allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        add(layout.size() as isize);
        // SAFETY: same layout as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        add(-(layout.size() as isize));
        // SAFETY: the pointer came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        add(new as isize - layout.size() as isize);
        // SAFETY: as for `dealloc`.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and gives the highest number of bytes it held at once on this thread.
pub fn peak_of(f: impl FnOnce()) -> usize {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    f();
    (PEAK.with(Cell::get) - base).max(0) as usize
}

/// What a job may allocate at its peak: a few times [`MEMORY_LIMIT`] (the value, a copy
/// being made, an expansion's bookkeeping).
pub const PEAK_LIMIT: usize = 8 * MEMORY_LIMIT;

/// Runs `script` with `bash -c` on Debian (`A:` before it: `sh -c` on Alpine); checks its
/// status, standard error and the start of its standard output, and that its peak stayed
/// under [`PEAK_LIMIT`].
fn check(script: &str, status: i32, err: &str, out: &str) {
    let (script, err, out) = (script.to_owned(), err.to_owned(), out.to_owned());
    big_stack(move || {
        let mut r = None;
        let peak = match script.strip_prefix("A:") {
            Some(a) => peak_of(|| r = Some(run_with(alpine(), "sh", a))),
            None => peak_of(|| r = Some(run_with(debian(), "bash", &script))),
        };
        let Some(r) = r else { unreachable!() };
        let shown = &r.out[..r.out.len().min(out.len())];
        assert_eq!(
            (r.status, r.err.as_str(), shown),
            (status, err.as_str(), out.as_str()),
            "{script}"
        );
        assert!(peak < PEAK_LIMIT, "{script}: peak {} MiB", peak >> 20);
    });
}

#[test]
fn runaway_values_are_killed_as_by_the_oom_killer() {
    let full = |p: &str| format!("{p}: write error: No space left on device\n");
    let cases: &[(&str, i32, &str, &str)] = &[
        ("yes | head -n 3", 0, "", "y\ny\ny\n"),
        ("x=$(yes | head -c 1000); echo ${#x}", 0, "", "999\n"),
        // The shell holding a command substitution's output.
        ("x=$(yes)", 137, "", ""),
        ("x=$(seq 1 100000000)", 137, "", ""),
        ("echo start; x=$(yes); echo never", 137, "", "start\n"),
        // A variable doubling, a word split into millions of fields.
        ("x=y; while true; do x=$x$x; done", 137, "", ""),
        (
            "x=$(yes | head -c 9000000); set -- $x; echo $#",
            137,
            "",
            "",
        ),
        (
            "x=$(yes | head -c 9000000); for i in $x; do :; done",
            137,
            "",
            "",
        ),
        // Programs that keep their whole input.
        ("yes | sort", 137, "", ""),
        ("yes | tail -n 1", 137, "", ""),
        ("yes | sed p | wc -c", 137, "", ""),
        ("A:yes | cut -c1 | sort -u", 137, "", ""),
        ("A:yes | awk '{a[NR]=$0}'", 137, "", ""),
        ("A:awk 'BEGIN{s=\"x\"; while(1) s = s s}'", 137, "", ""),
        // printf pads in memory.
        ("printf '%*d' 1000000000 1 | wc -c", 137, "", ""),
        ("printf '%.1000000000d' 1 | wc -c", 137, "", ""),
        ("printf '%5d|' 1", 0, "", "    1|"),
        // A file fills the disk: what fit is kept, the writer fails.
        ("yes > /tmp/f", 1, &full("yes"), ""),
        ("seq 1 100000000 > /tmp/f", 1, &full("seq"), ""),
        (
            "yes | cat > /tmp/f; wc -c < /tmp/f",
            0,
            &full("cat"),
            "16777216\n",
        ),
        ("seq 1 1000 > /tmp/f; wc -l < /tmp/f", 0, "", "1000\n"),
        // Bounded by steps, as before.
        (
            "while true; do echo y; done > /tmp/f",
            124,
            "berth: stopped a runaway loop after 2000000 steps\n",
            "",
        ),
    ];
    for (script, status, err, out) in cases {
        check(script, *status, err, out);
    }
}

#[test]
fn an_interactive_shell_says_killed_and_goes_on() {
    big_stack(|| {
        let mut s = Session::start(debian(), "bash");
        assert_eq!(s.line("x=$(yes)"), "Killed\n");
        assert_eq!(s.line("echo $?"), "137\n");
        assert_eq!(s.line("yes | sort"), "Killed\n");
        assert_eq!(s.line("yes | head -n 2"), "y\ny\n");
        let mut a = Session::start(alpine(), "sh");
        assert_eq!(a.line("x=y; while :; do x=$x$x; done"), "Killed\n");
        assert_eq!(a.line("echo ${#x} $?"), "16777216 137\n");
    });
}
