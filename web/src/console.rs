//! One terminal's state: an engine session, its scrollback, its history and its prompt. Pure
//! Rust: the Yew view and the JavaScript handle both drive it, and native tests can too.

use std::cell::RefCell;
use std::rc::Rc;

use berth::{Engine, Event, ManualClock, Output, Session};

use crate::complete;
use crate::history::History;
use crate::options::Options;
use crate::persist::Op;
use crate::screen::Screen;

/// Where the consoles of a page record what is done in them, in order, for saving.
pub type Journal = Rc<RefCell<Vec<Op>>>;

/// A terminal attached to an engine.
pub struct Console {
    /// The machine, for completing the names of what it holds.
    engine: Engine,
    session: Session,
    /// With a fixed seed the clock is manual: a program that waits for time jumps it ahead.
    manual: Option<ManualClock>,
    screen: Screen,
    history: History,
    prompt: String,
    rev: u64,
    /// The line being typed when the terminal was last hidden (another tab was shown).
    draft: String,
    /// The Engine API calls of the last line (`POST /containers/create`).
    calls: Vec<String>,
    /// Counts the lines run, so a view can tell a new command from the same one.
    seq: u64,
    /// The tab id and the journal lines and interrupts are recorded in.
    journal: Option<(u32, Journal)>,
    /// Refuses a line typed at the host prompt, with why (a lesson's forbidden commands).
    guard: Option<Guard>,
    /// The host command still running (it holds the terminal), told when it ends.
    running: Option<String>,
    /// Host commands that ended since last asked, with their exit status.
    finished: Vec<(String, i32)>,
}

/// Says why a line is refused, or `None` to run it.
pub type Guard = Box<dyn Fn(&str) -> Option<String>>;

impl Console {
    /// A terminal on a new session of `engine`, with an empty screen.
    pub fn new(engine: &Engine, manual: Option<ManualClock>) -> Console {
        let mut session = engine.session();
        // Wide enough for docker's progress bars (drawn only above 110 columns).
        session.set_columns(120);
        let prompt = session.prompt();
        Console {
            engine: engine.clone(),
            session,
            manual,
            screen: Screen::default(),
            history: History::default(),
            prompt,
            rev: 0,
            draft: String::new(),
            calls: Vec::new(),
            seq: 0,
            journal: None,
            guard: None,
            running: None,
            finished: Vec::new(),
        }
    }

    /// Changes whenever anything the terminal shows changes (screen or prompt).
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// The prompt shown before the line being typed.
    pub fn prompt(&self) -> &str {
        &self.prompt
    }

    /// The scrollback.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// Records the lines and interrupts of this terminal (tab `tab`) in `journal`.
    pub fn set_journal(&mut self, tab: u32, journal: Journal) {
        self.journal = Some((tab, journal));
    }

    /// With a manual clock, a line runs until its program waits for input (replaying saved
    /// lines); without, programs go on in real time.
    pub fn set_manual(&mut self, manual: Option<ManualClock>) {
        self.manual = manual;
    }

    fn record(&self, op: impl FnOnce(u32) -> Op) {
        if let Some((tab, journal)) = &self.journal {
            journal.borrow_mut().push(op(*tab));
        }
    }

    /// The line that was being typed when the terminal was hidden; it is given once.
    pub fn take_draft(&mut self) -> String {
        std::mem::take(&mut self.draft)
    }

    /// Keeps the line being typed while the terminal is hidden.
    pub fn set_draft(&mut self, text: String) {
        self.draft = text;
    }

    /// The Engine API calls of the last line run, as `METHOD /path`.
    pub fn calls(&self) -> &[String] {
        &self.calls
    }

    /// How many lines have run (blank ones too).
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// The lines typed so far.
    pub fn history(&mut self) -> &mut History {
        &mut self.history
    }

    /// Runs a line as if typed at the prompt: echoes it after the prompt, runs it, shows what
    /// it wrote and takes the new prompt. A blank line only echoes (and has no status).
    pub fn submit(&mut self, line: &str) -> Output {
        if let Some(out) = self.refuse(line) {
            return out;
        }
        self.record(|tab| Op::Line {
            tab,
            text: line.to_owned(),
        });
        self.echo(line, "");
        self.history.push(line);
        self.seq += 1;
        self.calls.clear();
        let mut out = Output::default();
        let busy = self.session.is_busy() || self.session.waiting_prompt().is_some();
        if busy || !line.trim().is_empty() {
            if !busy {
                self.running = Some(line.to_owned());
            }
            out = self.session.run_line(line);
            if let Some(clock) = &self.manual {
                out.append(self.session.settle(clock));
            }
            self.show(&out);
        }
        self.rev += 1;
        out
    }

    /// Sets what refuses lines typed at the host prompt.
    pub fn set_guard(&mut self, guard: Option<Guard>) {
        self.guard = guard;
    }

    /// Whether a program holds the terminal.
    pub fn busy(&self) -> bool {
        self.session.is_busy()
    }

    /// A line the guard refuses at the host prompt: echoed, with the refusal on standard
    /// error and status 1; it never reaches the shell.
    fn refuse(&mut self, line: &str) -> Option<Output> {
        if self.session.is_busy() || self.session.waiting_prompt().is_some() {
            return None;
        }
        let why = self.guard.as_ref()?(line)?;
        self.echo(line, "");
        self.history.push(line);
        self.seq += 1;
        self.calls.clear();
        let mut out = Output::default();
        out.err(why);
        out.status = Some(1);
        self.show(&out);
        self.rev += 1;
        Some(out)
    }

    /// Lets time pass: shows what running programs wrote since (a pull's progress, a
    /// followed log). Returns whether a program still holds the terminal.
    pub fn poll(&mut self) -> bool {
        let mut out = self.session.poll();
        if let Some(clock) = &self.manual {
            out.append(self.session.settle(clock));
        }
        if !out.chunks.is_empty() || !out.events.is_empty() || self.session.prompt() != self.prompt
        {
            self.show(&out);
            self.rev += 1;
        }
        self.session.is_busy()
    }

    /// Whether a program holds the terminal and is not waiting for a line: a line given now
    /// would be its input, not a command.
    pub fn is_busy(&self) -> bool {
        self.session.is_busy()
    }

    /// The host commands that ended since the last call, with their exit status, in order
    /// (a command that holds the terminal is told when it ends, not when it is typed).
    pub fn take_finished(&mut self) -> Vec<(String, i32)> {
        std::mem::take(&mut self.finished)
    }

    fn show(&mut self, out: &Output) {
        if let Some(status) = out.status {
            if let Some(line) = self.running.take() {
                self.finished.push((line, status));
            }
        }
        for event in &out.events {
            if let Event::Api { method, path } = event {
                self.calls.push(format!("{method} {path}"));
            }
        }
        // Text and events come apart in an Output; clearing first means no text is lost.
        if out.events.contains(&Event::Clear) {
            self.screen.clear();
        }
        for chunk in &out.chunks {
            self.screen.write(&chunk.text, chunk.stream);
        }
        // `Event::Prompt` says the prompt changed; the session always knows the new one.
        self.prompt = self.session.prompt();
    }

    /// Tab: completes the word before char `cursor` of `line`. Returns the new line and
    /// cursor, or `None` when Tab adds nothing; then, with several candidates, they are listed
    /// on the screen under the line, as shells do. Only at the host prompt: a program holding
    /// the terminal gets nothing.
    pub fn complete(&mut self, line: &str, cursor: usize) -> Option<(String, usize)> {
        if self.session.waiting_prompt().is_some() || self.session.is_busy() {
            return None;
        }
        let found = complete::complete(line, cursor, &self.engine.snapshot());
        if let Some(done) = found.apply(line, cursor) {
            return Some(done);
        }
        if found.candidates.len() > 1 {
            self.echo(line, "");
            self.screen.write_literal(&columns(&found.candidates, 120));
            self.rev += 1;
        }
        None
    }

    /// Abandons the line being typed (Ctrl-C): shows it with `^C` and gives a fresh prompt.
    pub fn interrupt(&mut self, partial: &str) {
        self.record(|tab| Op::Interrupt {
            tab,
            text: partial.to_owned(),
        });
        self.echo(partial, "^C");
        self.history.reset();
        if self.session.is_busy() || self.session.waiting_prompt().is_some() {
            let out = self.session.interrupt();
            self.show(&out);
        }
        self.rev += 1;
    }

    /// Ctrl-D on an empty line: end of input for the program holding the terminal (a
    /// container's shell exits, a client sees the end of its input). At the host prompt it
    /// does nothing, as in PowerShell.
    pub fn end_of_input(&mut self) {
        if !self.session.is_busy() && self.session.waiting_prompt().is_none() {
            return;
        }
        self.record(|tab| Op::EndOfInput { tab });
        let out = self.session.eof();
        self.show(&out);
        self.rev += 1;
    }

    /// Clears the screen (Ctrl-L); the prompt stays.
    pub fn clear(&mut self) {
        self.screen.clear();
        self.rev += 1;
    }

    fn echo(&mut self, line: &str, suffix: &str) {
        self.screen.start_line();
        self.screen.write_literal(&self.prompt);
        self.screen.write_literal(line);
        self.screen.write_literal(suffix);
        self.screen.write_literal("\n");
    }
}

/// `words` in columns as shells list completions: left to right, wrapped at `width`.
fn columns(words: &[String], width: usize) -> String {
    let cell = words.iter().map(|w| w.chars().count()).max().unwrap_or(0) + 2;
    let per_line = (width / cell).max(1);
    let mut out = String::new();
    for row in words.chunks(per_line) {
        let line: String = row.iter().map(|w| format!("{w:<cell$}")).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// Builds the engine the options ask for: a seed gives fixed ids and a clock that stands
/// still; otherwise time and randomness come from `clock` and `entropy`.
pub fn engine(
    options: Options,
    clock: impl FnOnce() -> Box<dyn berth::Clock>,
    entropy: impl FnOnce() -> Box<dyn berth::Entropy>,
) -> (Engine, Option<ManualClock>) {
    let builder = Engine::builder().host(options.host);
    match options.seed {
        Some(seed) => {
            let manual = ManualClock::default();
            (
                builder.seed(seed).clock(Box::new(manual.clone())).build(),
                Some(manual),
            )
        }
        None => (builder.clock(clock()).entropy(entropy()).build(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::{HostKind, ManualClock, SeededEntropy};

    fn console(host: HostKind) -> Console {
        let options = Options {
            seed: Some(1),
            host,
            lang: None,
            ..Options::default()
        };
        let (engine, manual) = engine(
            options,
            || Box::new(ManualClock::default()),
            || Box::new(SeededEntropy::new(1)),
        );
        Console::new(&engine, manual)
    }

    /// Submits each line of `lines` in order and compares the screen's text.
    fn check(host: HostKind, lines: &[&str], expected: &str) {
        let mut c = console(host);
        for l in lines {
            c.submit(l);
        }
        assert_eq!(c.screen().text(), expected, "{lines:?}");
    }

    #[test]
    fn lines_are_echoed_with_the_prompt_then_their_output() {
        check(
            HostKind::Windows,
            &["docker --version"],
            "PS C:\\Users\\student> docker --version\nDocker version 27.5.1, build 9f9e405",
        );
        check(HostKind::Linux, &["echo hi"], "student@host:~$ echo hi\nhi");
        check(
            HostKind::Windows,
            &["", "  "],
            "PS C:\\Users\\student> \nPS C:\\Users\\student>   ",
        );
        check(
            HostKind::Windows,
            &["docker foo"],
            "PS C:\\Users\\student> docker foo\ndocker: 'foo' is not a docker command.\nSee 'docker --help'",
        );
    }

    #[test]
    fn clear_events_empty_the_screen() {
        check(HostKind::Windows, &["echo a", "cls"], "");
        check(
            HostKind::Linux,
            &["echo a", "clear", "echo b"],
            "student@host:~$ echo b\nb",
        );
    }

    #[test]
    fn submit_returns_what_the_engine_said() {
        let mut c = console(HostKind::Windows);
        let out = c.submit("docker --version");
        assert_eq!(out.status, Some(0));
        assert_eq!(out.text(), "Docker version 27.5.1, build 9f9e405\n");
        assert_eq!(c.submit("").status, None);
        assert_eq!(c.history().entries(), ["docker --version"]);
    }

    #[test]
    fn the_api_calls_of_the_last_line_are_kept() {
        let mut c = console(HostKind::Windows);
        c.submit("docker version");
        assert_eq!(c.calls(), ["GET /version"]);
        c.submit("docker run -d --name web nginx");
        assert_eq!(c.calls(), ["POST /containers/create"]);
        c.submit("echo hi");
        assert!(c.calls().is_empty());
        assert_eq!(c.seq(), 3);
    }

    #[test]
    fn tab_completes_or_lists() {
        let mut c = console(HostKind::Linux);
        assert_eq!(
            c.complete("docker pul", 10),
            Some(("docker pull ".into(), 12))
        );
        assert_eq!(c.complete("docker p", 8), None);
        assert_eq!(
            c.screen().text(),
            "student@host:~$ docker p\npause   plugin  port    ps      pull    push"
        );
        c.submit("docker run -it --name box alpine sh");
        assert_eq!(c.complete("docker pul", 10), None, "not inside a container");
    }

    #[test]
    fn interrupt_shows_the_abandoned_line() {
        let mut c = console(HostKind::Windows);
        let rev = c.rev();
        c.interrupt("docker ru");
        assert!(c.rev() > rev);
        assert_eq!(c.screen().text(), "PS C:\\Users\\student> docker ru^C");
        assert!(c.history().entries().is_empty());
    }

    #[test]
    fn end_of_input_ends_a_containers_shell_and_nothing_at_the_host_prompt() {
        let mut c = console(HostKind::Linux);
        let rev = c.rev();
        c.end_of_input();
        assert_eq!(c.rev(), rev, "nothing happens at the host prompt");
        c.submit("docker run -it --name box alpine sh");
        assert!(c.take_finished().is_empty());
        c.end_of_input();
        assert_eq!(
            c.take_finished(),
            [("docker run -it --name box alpine sh".into(), 0)]
        );
    }

    #[test]
    fn stderr_keeps_its_class_after_the_prompt_echo() {
        let mut c = console(HostKind::Windows);
        c.submit("nosuchthing");
        let lines: Vec<_> = c.screen().lines().cloned().collect();
        assert!(!lines[0].cells[0].style.err);
        assert!(lines[1].cells.iter().all(|cell| cell.style.err));
        assert!(lines[1]
            .text()
            .starts_with("nosuchthing: The term 'nosuchthing'"));
    }

    #[test]
    fn finished_commands_are_told_with_their_status_when_they_end() {
        let mut c = console(HostKind::Linux);
        c.submit("docker --version");
        c.submit("");
        c.submit("docker foo");
        assert_eq!(
            c.take_finished(),
            [("docker --version".into(), 0), ("docker foo".into(), 1)]
        );
        assert!(c.take_finished().is_empty());
        c.submit("docker run -it --name box alpine sh");
        assert!(c.take_finished().is_empty(), "still running");
        assert!(!c.is_busy(), "the shell waits for a line");
        c.submit("ls /nothing");
        assert!(
            c.take_finished().is_empty(),
            "input to the container is no command"
        );
        c.submit("exit 3");
        assert_eq!(
            c.take_finished(),
            [("docker run -it --name box alpine sh".into(), 3)]
        );
    }
}
