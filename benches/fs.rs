//! Filesystem figures: creating a container's view of an image of 10 files and of 10,000
//! files (time and heap allocations per view: the same, since nothing is copied), the cost
//! of a first write (one copy-up), and two images sharing a base that is stored once.
//!
//! Run with `cargo bench --bench fs`. It prints figures; it asserts only what must hold
//! whatever the machine (equal allocation counts, one stored copy of the base).

#![allow(
    clippy::expect_used,
    reason = "fixed inputs: a failure here is a bug to show, not input to handle"
)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use berth::fs::{Caller, Content, Fs, Layer, LayerStore, Meta, Overlay, RwLayer};

/// The system allocator, counting allocations.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call unchanged to the system allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const T: i64 = 1_700_000_000_000_000_000;

/// A base layer plus an application layer of `files` files.
fn image(base: &Rc<Layer>, files: usize) -> Vec<Rc<Layer>> {
    let mut app = RwLayer::new();
    for i in 0..files {
        let path = format!("/usr/share/app/pkg{:03}/file{i:05}.txt", i / 100);
        let content = Content::from(format!("file number {i}\n"));
        app.add_file(&path, Meta::root(0o644, T), content)
            .expect("a fresh path");
    }
    vec![Rc::clone(base), Rc::new(app.freeze())]
}

fn base_layer() -> Layer {
    let mut l = RwLayer::new();
    for name in ["sh", "ls", "cat", "mkdir", "rm"] {
        let content = Content::filler(800_000, name.len() as u64);
        l.add_file(&format!("/bin/{name}"), Meta::root(0o755, T), content)
            .expect("a fresh path");
    }
    l.add_file("/etc/hostname", Meta::root(0o644, T), "base\n".into())
        .expect("a fresh path");
    l.freeze()
}

#[allow(
    clippy::disallowed_methods,
    reason = "a benchmark measures wall time on the host"
)]
fn time<T>(rounds: u32, mut f: impl FnMut() -> T) -> (Duration, usize) {
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    let start = Instant::now();
    for _ in 0..rounds {
        black_box(f());
    }
    let per = start.elapsed() / rounds;
    let allocs = (ALLOCATIONS.load(Ordering::Relaxed) - before) / rounds as usize;
    (per, allocs)
}

fn main() {
    let base = Rc::new(base_layer());
    let small = image(&base, 10);
    let large = image(&base, 10_000);
    println!(
        "images: {} entries vs {} entries in the app layer",
        small[1].entry_count(),
        large[1].entry_count()
    );

    let rounds = 20_000;
    let (t_small, a_small) = time(rounds, || Overlay::new(small.clone()));
    let (t_large, a_large) = time(rounds, || Overlay::new(large.clone()));
    println!("create a view, image of 10 files:     {t_small:>10.2?}  {a_small} allocations");
    println!("create a view, image of 10,000 files: {t_large:>10.2?}  {a_large} allocations");
    assert_eq!(
        a_small, a_large,
        "creating a view must not depend on the image's size"
    );

    let c = Caller::root(T);
    let path = "/usr/share/app/pkg000/file00001.txt";
    let (w_small, _) = time(2_000, || {
        let mut v = Overlay::new(small.clone());
        v.append(&c, path, b"more\n").expect("the file exists");
        v
    });
    let (w_large, _) = time(2_000, || {
        let mut v = Overlay::new(large.clone());
        v.append(&c, path, b"more\n").expect("the file exists");
        v
    });
    println!("view + first write (copy-up), 10 files:     {w_small:>10.2?}");
    println!("view + first write (copy-up), 10,000 files: {w_large:>10.2?}");

    let mut store = LayerStore::new();
    let web = [
        store.insert(base_layer()),
        store.insert(image(&base, 10)[1].to_rw().freeze()),
    ];
    let db = [
        store.insert(base_layer()),
        store.insert(image(&base, 100)[1].to_rw().freeze()),
    ];
    assert!(Rc::ptr_eq(&web[0], &db[0]), "the base is stored once");
    let naive: u64 = web.iter().chain(&db).map(|l| l.size()).sum();
    println!(
        "two images sharing a {} byte base: {} layers stored, {} bytes stored ({} if each image kept its own)",
        base.size(),
        store.len(),
        store.size(),
        naive
    );
    assert_eq!(store.len(), 3);

    let (t_id, _) = time(1, || large[1].to_rw().freeze().diff_id());
    let (t_base, _) = time(1, || base.to_rw().freeze().diff_id());
    println!("diff id of the 10,000-file layer: {t_id:>10.2?}");
    println!("diff id of the base (4 MB of generated bytes): {t_base:>10.2?}");
}
