//! Several terminals on one engine: the tabs of the page, each its own [`Session`] on the same
//! simulated machine, so what one does the others see. Pure Rust: the Yew app and the
//! JavaScript handle drive it, and native tests can too.
//!
//! [`Session`]: berth::Session

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use berth::ports::Nanos;
use berth::{Clock, Engine, ManualClock};

use crate::base64;
use crate::console::{engine, Console, Journal};
use crate::options::Options;
use crate::persist::{Op, Saved, Unreadable, VERSION};
use crate::terminal::ConsoleRef;

/// The most terminals a page opens at once.
pub const MAX_TABS: usize = 9;

/// One terminal tab.
#[derive(Clone)]
pub struct Tab {
    /// Stays the same while the tab lives (tab numbers shown to the user are positions).
    pub id: u32,
    /// The terminal's state.
    pub console: ConsoleRef,
}

/// The wall clock a saved page goes on with: nanoseconds since the epoch.
pub type Wall = Rc<dyn Fn() -> Nanos>;

/// The engine and its terminals.
pub struct Workspace {
    engine: Engine,
    manual: Option<ManualClock>,
    tabs: Vec<Tab>,
    active: usize,
    next_id: u32,
    journal: Journal,
    /// How the engine was built, when the page saves its state.
    saving: Option<Saving>,
    /// Why the saved state could not be used, if it could not.
    unreadable: Option<Unreadable>,
    /// What refuses lines in every tab, those opened later too (a lesson's forbidden
    /// commands).
    guard: Option<SharedGuard>,
}

/// A refusal shared by every tab: the reason a line is refused, or `None` to run it.
pub type SharedGuard = Rc<dyn Fn(&str) -> Option<String>>;

/// What a saved page needs to rebuild its engine.
struct Saving {
    seed: u64,
    start: Nanos,
}

/// The clock of a saved page without a fixed seed: manual while the saved lines replay, then
/// the wall clock (never going back).
struct ReplayClock {
    manual: ManualClock,
    /// Once live: what to add to the wall clock.
    offset: Rc<Cell<Option<Nanos>>>,
    wall: Wall,
}

impl Clock for ReplayClock {
    fn now(&self) -> Nanos {
        match self.offset.get() {
            Some(offset) => (self.wall)() + offset,
            None => self.manual.now(),
        }
    }
}

impl Workspace {
    /// A new engine built from `options` with one terminal; `clock` and `entropy` are used
    /// when the options fix no seed.
    pub fn new(
        options: Options,
        clock: impl FnOnce() -> Box<dyn berth::Clock>,
        entropy: impl FnOnce() -> Box<dyn berth::Entropy>,
    ) -> Workspace {
        let (engine, manual) = engine(options, clock, entropy);
        let mut w = Workspace::around(engine, manual);
        w.open_tab();
        w
    }

    fn around(engine: Engine, manual: Option<ManualClock>) -> Workspace {
        Workspace {
            engine,
            manual,
            tabs: Vec::new(),
            active: 0,
            next_id: 1,
            journal: Journal::default(),
            saving: None,
            unreadable: None,
            guard: None,
        }
    }

    /// A workspace that saves its state: rebuilt from `saved` (what [`crate::persist::read`]
    /// gave) by replaying its lines with its seed, or new with `fresh_seed` when there is
    /// nothing saved, it could not be read, or the page asks for another seed. Without a
    /// fixed seed, time goes on from `wall` once the lines are replayed.
    pub fn restore(
        options: Options,
        saved: Option<Result<Saved, Unreadable>>,
        fresh_seed: u64,
        wall: Wall,
    ) -> Workspace {
        let (saved, unreadable) = match saved {
            Some(Ok(s)) if options.seed.is_none_or(|seed| seed == s.seed) => (Some(s), None),
            Some(Ok(_)) | None => (None, None),
            Some(Err(e)) => (None, Some(e)),
        };
        let seed = options
            .seed
            .or(saved.as_ref().map(|s| s.seed))
            .unwrap_or(fresh_seed);
        let start = match (&saved, options.seed) {
            (Some(s), _) => s.start,
            (None, Some(_)) => ManualClock::DEFAULT_START,
            (None, None) => wall(),
        };
        let manual = ManualClock::new(start);
        let builder = Engine::builder().host(options.host).seed(seed);
        let offset = Rc::new(Cell::new(None));
        let engine = if options.seed.is_some() {
            builder.clock(Box::new(manual.clone())).build()
        } else {
            builder
                .clock(Box::new(ReplayClock {
                    manual: manual.clone(),
                    offset: Rc::clone(&offset),
                    wall: Rc::clone(&wall),
                }))
                .build()
        };
        let mut w = Workspace::around(engine, Some(manual.clone()));
        w.saving = Some(Saving { seed, start });
        w.unreadable = unreadable;
        let active = saved.as_ref().map_or(0, |s| s.active);
        for op in saved.map(|s| s.ops).unwrap_or_default() {
            w.replay(op);
        }
        if w.tabs.is_empty() {
            w.open_tab();
        }
        w.select(active);
        if options.seed.is_none() {
            // Live from here: the wall clock, never behind the replayed time.
            offset.set(Some((manual.now() - wall()).max(0)));
            w.manual = None;
            for tab in &w.tabs {
                tab.console.0.borrow_mut().set_manual(None);
            }
        }
        w
    }

    fn replay(&mut self, op: Op) {
        let find = |w: &Workspace, id: u32| w.tabs.iter().position(|t| t.id == id);
        match op {
            Op::Open { tab } => {
                self.next_id = self.next_id.max(tab);
                if find(self, tab).is_none() && self.open_tab_with_id(tab).is_some() {
                    self.next_id = self.next_id.max(tab.saturating_add(1));
                }
            }
            Op::Close { tab } => {
                if let Some(i) = find(self, tab) {
                    self.close_tab(i);
                }
            }
            Op::Line { tab, text } => {
                if let Some(i) = find(self, tab) {
                    self.tabs[i].console.0.borrow_mut().submit(&text);
                }
            }
            Op::Interrupt { tab, text } => {
                if let Some(i) = find(self, tab) {
                    self.tabs[i].console.0.borrow_mut().interrupt(&text);
                }
            }
            Op::EndOfInput { tab } => {
                if let Some(i) = find(self, tab) {
                    self.tabs[i].console.0.borrow_mut().end_of_input();
                }
            }
            Op::Write { path, data } => {
                if let Some(bytes) = base64::decode(&data) {
                    let _ = self.engine.write_host_file(&path, bytes);
                }
            }
        }
    }

    /// Writes a host file from the files panel (recorded, so a reload writes it again).
    pub fn write_file(&mut self, path: &str, bytes: Vec<u8>) -> Result<(), String> {
        let data = base64::encode(&bytes);
        self.engine.write_host_file(path, bytes)?;
        self.journal.borrow_mut().push(Op::Write {
            path: path.to_owned(),
            data,
        });
        Ok(())
    }

    /// The state to save, when this workspace saves one.
    pub fn saved(&self) -> Option<Saved> {
        let saving = self.saving.as_ref()?;
        Some(Saved {
            version: VERSION,
            seed: saving.seed,
            start: saving.start,
            ops: self.journal.borrow().clone(),
            active: self.active,
        })
    }

    /// The saved state without the last line run and what was done after it: what undo
    /// rebuilds. `None` when nothing was run or nothing is saved.
    pub fn without_last_line(&self) -> Option<Saved> {
        let mut saved = self.saved()?;
        let last = saved
            .ops
            .iter()
            .rposition(|op| matches!(op, Op::Line { text, .. } if !text.trim().is_empty()))?;
        saved.ops.truncate(last);
        Some(saved)
    }

    /// The lines run in every tab since the engine was built, in order (blank ones left
    /// out): a lesson made from this state gives them as its solution.
    pub fn typed_lines(&self) -> Vec<String> {
        self.journal
            .borrow()
            .iter()
            .filter_map(|op| match op {
                Op::Line { text, .. } if !text.trim().is_empty() => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// How many things were done (the saved state changes when this does).
    pub fn done(&self) -> usize {
        self.journal.borrow().len()
    }

    /// Why the saved state was not used, once: the page reports it.
    pub fn take_unreadable(&mut self) -> Option<Unreadable> {
        self.unreadable.take()
    }

    /// The simulated machine all tabs share.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The tabs, in the order shown.
    pub fn tabs(&self) -> &[Tab] {
        &self.tabs
    }

    /// The position of the tab shown.
    pub fn active(&self) -> usize {
        self.active
    }

    /// The console of the tab shown.
    pub fn console(&self) -> ConsoleRef {
        self.tabs[self.active.min(self.tabs.len() - 1)]
            .console
            .clone()
    }

    /// Opens a terminal on the same engine after the others and shows it; returns its
    /// position, or `None` when [`MAX_TABS`] are open.
    pub fn open_tab(&mut self) -> Option<usize> {
        let id = self.next_id;
        let opened = self.open_tab_with_id(id);
        if opened.is_some() {
            self.next_id += 1;
        }
        opened
    }

    fn open_tab_with_id(&mut self, id: u32) -> Option<usize> {
        if self.tabs.len() >= MAX_TABS {
            return None;
        }
        self.journal.borrow_mut().push(Op::Open { tab: id });
        let mut console = Console::new(&self.engine, self.manual.clone());
        console.set_journal(id, Rc::clone(&self.journal));
        if let Some(g) = &self.guard {
            let g = Rc::clone(g);
            console.set_guard(Some(Box::new(move |line: &str| g(line))));
        }
        self.tabs.push(Tab {
            id,
            console: ConsoleRef(Rc::new(RefCell::new(console))),
        });
        self.active = self.tabs.len() - 1;
        Some(self.active)
    }

    /// Sets what refuses lines typed at the host prompt of every tab, now and in tabs
    /// opened later; `None` lets every line run.
    pub fn set_guard(&mut self, guard: Option<SharedGuard>) {
        for tab in &self.tabs {
            let each = guard.as_ref().map(|g| {
                let g = Rc::clone(g);
                Box::new(move |line: &str| g(line)) as crate::console::Guard
            });
            tab.console.0.borrow_mut().set_guard(each);
        }
        self.guard = guard;
    }

    /// Closes the tab at `index` (the last tab stays open); the one before it is shown if it
    /// was the shown one. Returns whether a tab closed.
    pub fn close_tab(&mut self, index: usize) -> bool {
        if self.tabs.len() <= 1 || index >= self.tabs.len() {
            return false;
        }
        // As when a terminal window closes, the containers it started go on running.
        let tab = self.tabs.remove(index);
        self.journal.borrow_mut().push(Op::Close { tab: tab.id });
        if self.active > index || self.active >= self.tabs.len() {
            self.active = self.active.saturating_sub(1);
        }
        true
    }

    /// Shows the tab at `index`; returns whether it exists.
    pub fn select(&mut self, index: usize) -> bool {
        if index < self.tabs.len() {
            self.active = index;
            true
        } else {
            false
        }
    }

    /// Lets time pass in every terminal; returns whether anything any of them shows changed.
    pub fn poll(&mut self) -> bool {
        let mut changed = false;
        for tab in &self.tabs {
            let mut console = tab.console.0.borrow_mut();
            let before = console.rev();
            console.poll();
            changed |= console.rev() != before;
        }
        changed
    }
}

/// A shared workspace, compared by identity.
#[derive(Clone)]
pub struct WorkspaceRef(pub Rc<RefCell<Workspace>>);

impl PartialEq for WorkspaceRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// What the page's native tests share: a workspace on a fixed seed and clock, and typing.
#[cfg(test)]
pub(crate) mod testing {
    use super::*;
    use berth::{HostKind, SeededEntropy};

    /// A workspace on `host`, seed 1, a clock that moves only when told.
    pub fn workspace_on(host: HostKind) -> Workspace {
        let options = Options {
            seed: Some(1),
            host,
            lang: None,
            ..Options::default()
        };
        Workspace::new(
            options,
            || Box::new(ManualClock::default()),
            || Box::new(SeededEntropy::new(1)),
        )
    }

    /// Types `line` in tab `tab` and returns what it printed.
    pub fn run(w: &Workspace, tab: usize, line: &str) -> String {
        let console = w.tabs()[tab].console.clone();
        let out = console.0.borrow_mut().submit(line);
        out.text()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::{run, workspace_on};
    use super::*;
    use berth::HostKind;

    fn workspace() -> Workspace {
        workspace_on(HostKind::Linux)
    }

    #[test]
    fn the_guard_refuses_in_every_tab_and_in_tabs_opened_later() {
        let mut w = workspace();
        let refuse: SharedGuard = Rc::new(|line: &str| {
            line.starts_with("docker compose")
                .then(|| "no\n".to_owned())
        });
        w.set_guard(Some(refuse));
        assert_eq!(w.open_tab(), Some(1));
        for (tab, line, expected) in [
            (0, "docker compose up", "no\n"),
            (1, "docker compose up", "no\n"),
            (1, "echo hi", "hi\n"),
        ] {
            assert_eq!(run(&w, tab, line), expected, "{tab} {line}");
        }
        assert_eq!(w.typed_lines(), ["echo hi"]);
        w.set_guard(None);
        assert_eq!(w.open_tab(), Some(2));
        for tab in 0..3 {
            assert_ne!(run(&w, tab, "docker compose up"), "no\n", "{tab}");
        }
    }

    #[test]
    fn what_one_tab_does_the_other_sees() {
        let mut w = workspace();
        assert_eq!(w.open_tab(), Some(1));
        run(&w, 0, "docker run -d --name web nginx");
        let ps = run(&w, 1, "docker ps --format '{{.Names}} {{.Status}}'");
        assert_eq!(ps, "web Up Less than a second\n");
    }

    #[test]
    fn tabs_open_close_and_select() {
        let mut w = workspace();
        assert!(!w.close_tab(0), "the last tab stays");
        w.open_tab();
        w.open_tab();
        assert_eq!(w.active(), 2);
        let ids: Vec<u32> = w.tabs().iter().map(|t| t.id).collect();
        assert_eq!(ids, [1, 2, 3]);
        assert!(w.select(0));
        assert!(!w.select(3));
        assert!(w.close_tab(1));
        assert_eq!(w.active(), 0);
        assert!(w.select(1));
        assert!(w.close_tab(1));
        assert_eq!(w.active(), 0);
        let ids: Vec<u32> = w.tabs().iter().map(|t| t.id).collect();
        assert_eq!(ids, [1]);
        for _ in 0..20 {
            w.open_tab();
        }
        assert_eq!(w.tabs().len(), MAX_TABS);
    }

    /// A saving workspace whose wall clock moves 50 ms each time it is read.
    fn saving(options: Options, saved: Option<Result<Saved, Unreadable>>) -> Workspace {
        let wall = ManualClock::new(ManualClock::DEFAULT_START + 3_600_000_000_000);
        let read = move || {
            wall.advance(50_000_000);
            wall.now()
        };
        Workspace::restore(options, saved, 99, Rc::new(read))
    }

    /// Runs `line` in tab `tab` and lets time pass until it is done, as the page's timer does.
    fn run_done(w: &mut Workspace, tab: usize, line: &str) {
        run(w, tab, line);
        for _ in 0..10_000 {
            let console = w.tabs()[tab].console.clone();
            if !console.0.borrow_mut().poll() {
                break;
            }
        }
    }

    /// Everything every tab shows, tab by tab.
    fn screens(w: &Workspace) -> Vec<String> {
        w.tabs()
            .iter()
            .map(|t| t.console.0.borrow().screen().text())
            .collect()
    }

    #[test]
    fn replaying_the_saved_lines_rebuilds_the_same_state() {
        for seed in [Some(5), None] {
            let options = Options {
                seed,
                host: HostKind::Linux,
                lang: None,
                ..Options::default()
            };
            let mut w = saving(options, None);
            run_done(&mut w, 0, "docker run -d --name web nginx");
            w.open_tab();
            run_done(&mut w, 1, "docker run hello-world");
            w.tabs()[1].console.0.borrow_mut().interrupt("docker ps -");
            run_done(
                &mut w,
                1,
                "docker ps -a --format '{{.ID}} {{.Names}} {{.Image}}'",
            );
            w.open_tab();
            w.close_tab(2);
            w.select(0);
            let saved = w.saved().expect("a saved state");
            assert_eq!(saved.seed, seed.unwrap_or(99));
            let text = crate::persist::write(&saved);
            let again = saving(options, Some(crate::persist::read(&text)));
            assert_eq!(screens(&again), screens(&w), "seed {seed:?}");
            assert_eq!(again.active(), 0);
            assert_eq!(again.engine().snapshot(), w.engine().snapshot());
            assert_eq!(again.saved(), w.saved(), "the journal is rebuilt too");
            let history = again.tabs()[1]
                .console
                .0
                .borrow_mut()
                .history()
                .entries()
                .len();
            assert_eq!(history, 2);
        }
    }

    #[test]
    fn undo_rebuilds_without_the_last_line() {
        let options = Options {
            seed: Some(5),
            host: HostKind::Linux,
            lang: None,
            ..Options::default()
        };
        let mut w = saving(options, None);
        assert_eq!(w.without_last_line(), None);
        run_done(&mut w, 0, "docker run -d --name web nginx");
        run_done(&mut w, 0, "docker rm -f web");
        run(&w, 0, "");
        let saved = w.without_last_line().expect("a line to take back");
        let undone = saving(options, Some(Ok(saved)));
        let ps = run(&undone, 0, "docker ps --format '{{.Names}}'");
        assert_eq!(ps, "web\n");
        let without_ps = undone.without_last_line().expect("the ps line");
        let again = saving(options, Some(Ok(without_ps)));
        assert_eq!(again.engine().snapshot().containers.len(), 1);
        let first = again.without_last_line().expect("the run line");
        let empty = saving(options, Some(Ok(first)));
        assert!(empty.engine().snapshot().containers.is_empty());
        assert_eq!(empty.without_last_line(), None);
    }

    #[test]
    fn files_written_from_the_panel_are_replayed() {
        let options = Options {
            seed: Some(5),
            host: HostKind::Linux,
            lang: None,
            ..Options::default()
        };
        let mut w = saving(options, None);
        assert_eq!(
            w.write_file("/home/student/a.txt", b"hi\n".to_vec()),
            Ok(())
        );
        assert!(w.write_file("/nowhere/b.txt", Vec::new()).is_err());
        let text = crate::persist::write(&w.saved().expect("a saved state"));
        let again = saving(options, Some(crate::persist::read(&text)));
        assert_eq!(
            again.engine().host_file("/home/student/a.txt"),
            Some(b"hi\n".to_vec())
        );
        assert_eq!(run(&again, 0, "cat a.txt"), "hi\n");
    }

    #[test]
    fn a_saved_state_for_another_seed_or_unreadable_starts_afresh() {
        let options = Options {
            seed: Some(5),
            host: HostKind::Linux,
            lang: None,
            ..Options::default()
        };
        let w = saving(options, None);
        run(&w, 0, "echo one");
        let saved = w.saved().expect("a saved state");
        let other = Options {
            seed: Some(6),
            ..options
        };
        let mut fresh = saving(other, Some(Ok(saved)));
        assert_eq!(screens(&fresh), [""]);
        assert_eq!(fresh.take_unreadable(), None);
        let mut broken = saving(options, Some(Err(Unreadable::Garbled)));
        assert_eq!(screens(&broken), [""]);
        assert_eq!(broken.take_unreadable(), Some(Unreadable::Garbled));
        assert_eq!(broken.take_unreadable(), None);
    }

    #[test]
    fn closing_a_tab_leaves_its_container_running() {
        let mut w = workspace();
        w.open_tab();
        run(&w, 1, "docker run -it --name box alpine sh");
        assert_eq!(w.tabs()[1].console.0.borrow().prompt(), "/ # ");
        assert!(w.close_tab(1));
        let ps = run(&w, 0, "docker ps -a --format '{{.Names}} {{.State}}'");
        assert_eq!(ps, "box running\n");
    }
}
