//! The terminal's scrollback: lines of styled cells, written to by text that may carry ANSI
//! escape sequences. Pure Rust, no browser: the Yew view only reads it.
//!
//! Understood: SGR colours and attributes (`ESC[…m`), carriage return, backspace, tabs, cursor
//! up/down/forward/back/column (`A` `B` `C` `D` `G`), erase in line (`K`) and erase in display
//! (`J`). Other escape sequences are consumed without effect, so they never show as garbage.

use std::collections::VecDeque;
use std::rc::Rc;

use berth::Stream;

/// How many lines the scrollback keeps; older lines are dropped from the top.
pub const SCROLLBACK: usize = 10_000;

/// Tab stops every this many columns, as terminals default to.
const TAB: usize = 8;

/// How a cell is drawn. Colours are SGR codes: 30–37 / 90–97 for text, 40–47 / 100–107 for
/// the background, 0 for the terminal's default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Style {
    /// Text colour (SGR code), 0 for the default.
    pub fg: u8,
    /// Background colour (SGR code), 0 for the default.
    pub bg: u8,
    /// Bold (SGR 1); with a normal text colour it also brightens it, as terminals do.
    pub bold: bool,
    /// Underlined (SGR 4).
    pub underline: bool,
    /// Written to standard error (not an SGR attribute: the stream the text came from).
    pub err: bool,
}

impl Style {
    /// The CSS classes that draw this style, separated by spaces; empty for plain text.
    pub fn classes(&self) -> String {
        let mut classes = Vec::new();
        if self.fg != 0 {
            let fg = if self.bold && (30..=37).contains(&self.fg) {
                self.fg + 60
            } else {
                self.fg
            };
            classes.push(format!("berth-fg{fg}"));
        }
        if self.bg != 0 {
            classes.push(format!("berth-bg{}", self.bg));
        }
        if self.bold {
            classes.push("berth-bold".to_owned());
        }
        if self.underline {
            classes.push("berth-ul".to_owned());
        }
        if self.err {
            classes.push("berth-err".to_owned());
        }
        classes.join(" ")
    }

    /// Applies one SGR sequence's parameters (`31;1`, `0`, or empty for a reset).
    fn apply_sgr(&mut self, params: &str) {
        let mut codes = params.split([';', ':']).map(|p| {
            if p.is_empty() {
                Some(0)
            } else {
                p.parse::<u16>().ok()
            }
        });
        while let Some(code) = codes.next() {
            let Some(code) = code else { continue };
            match code {
                0 => {
                    *self = Style {
                        err: self.err,
                        ..Style::default()
                    }
                }
                1 => self.bold = true,
                4 => self.underline = true,
                22 => self.bold = false,
                24 => self.underline = false,
                39 => self.fg = 0,
                49 => self.bg = 0,
                30..=37 | 90..=97 => self.fg = code as u8,
                40..=47 | 100..=107 => self.bg = code as u8,
                // 256-colour and true-colour forms: skip their arguments, keep the colour.
                38 | 48 | 58 => match codes.next().flatten() {
                    Some(5) => {
                        codes.next();
                    }
                    Some(2) => {
                        codes.next();
                        codes.next();
                        codes.next();
                    }
                    _ => {}
                },
                _ => {}
            }
        }
    }
}

/// One character on the screen and how it is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    /// The character.
    pub ch: char,
    /// Its style.
    pub style: Style,
}

/// One line of the scrollback. Its id stays the same while the line lives, so a view can key
/// rows by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Unique within one [`Screen`], increasing from the top.
    pub id: u64,
    /// The cells, left to right.
    pub cells: Vec<Cell>,
}

impl Line {
    /// The line as runs of equally styled text, in order.
    pub fn spans(&self) -> Vec<(Style, String)> {
        let mut spans: Vec<(Style, String)> = Vec::new();
        for cell in &self.cells {
            match spans.last_mut() {
                Some((style, text)) if *style == cell.style => text.push(cell.ch),
                _ => spans.push((cell.style, cell.ch.to_string())),
            }
        }
        spans
    }

    /// The line's characters without styles.
    pub fn text(&self) -> String {
        self.cells.iter().map(|c| c.ch).collect()
    }
}

/// Where an escape sequence being read stands; kept between writes, so a sequence split over
/// two chunks still works.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Escape {
    #[default]
    None,
    /// After ESC.
    Esc,
    /// Inside `ESC [`, with the parameters so far.
    Csi(String),
    /// Inside an operating-system command (`ESC ]` … BEL or ESC \).
    Osc,
}

/// What one character means, read through [`Escape`].
enum Feed {
    /// A character to show or a control character to obey.
    Char(char),
    /// A complete control sequence: its parameters and final character.
    Csi(String, char),
    /// Part of an escape sequence, or one that means nothing here.
    Nothing,
}

impl Escape {
    /// Reads one more character.
    fn feed(&mut self, ch: char) -> Feed {
        match std::mem::take(self) {
            Escape::None if ch == '\u{1b}' => *self = Escape::Esc,
            Escape::None => return Feed::Char(ch),
            Escape::Esc => match ch {
                '[' => *self = Escape::Csi(String::new()),
                ']' => *self = Escape::Osc,
                // Intermediate bytes (`ESC ( B` picks a character set): wait for the final.
                ' '..='/' => *self = Escape::Esc,
                _ => {}
            },
            Escape::Csi(mut params) => {
                if ('\u{40}'..='\u{7e}').contains(&ch) {
                    return Feed::Csi(params, ch);
                }
                if params.len() < 64 {
                    params.push(ch);
                }
                *self = Escape::Csi(params);
            }
            Escape::Osc => match ch {
                '\u{7}' => {}
                '\u{1b}' => *self = Escape::Esc,
                _ => *self = Escape::Osc,
            },
        }
        Feed::Nothing
    }
}

/// The scrollback and its cursor.
#[derive(Clone, Debug)]
pub struct Screen {
    lines: VecDeque<Rc<Line>>,
    next_id: u64,
    row: usize,
    col: usize,
    /// The first line of the visible screen, as a terminal of [`ROWS`] rows scrolls: cursor
    /// addressing (`ESC[H`) counts from here, so a program redrawing in place (`docker
    /// stats`) overwrites its own table, not the scrollback.
    top: usize,
    style: Style,
    escape: Escape,
    limit: usize,
    rev: u64,
}

/// The rows of the screen cursor addressing assumes, as a 24-row terminal.
pub const ROWS: usize = 24;

impl Default for Screen {
    fn default() -> Self {
        Screen::new(SCROLLBACK)
    }
}

impl Screen {
    /// An empty screen keeping at most `limit` lines (at least one).
    pub fn new(limit: usize) -> Screen {
        let mut screen = Screen {
            lines: VecDeque::new(),
            next_id: 0,
            row: 0,
            col: 0,
            top: 0,
            style: Style::default(),
            escape: Escape::None,
            limit: limit.max(1),
            rev: 0,
        };
        screen.push_line();
        screen
    }

    /// Changes every time anything on the screen changes.
    pub fn rev(&self) -> u64 {
        self.rev
    }

    /// The lines to draw. A last line that is still empty is where the next output or the
    /// prompt goes, so it is left out.
    pub fn lines(&self) -> impl Iterator<Item = &Rc<Line>> {
        let n = match self.lines.back() {
            Some(last) if last.cells.is_empty() => self.lines.len() - 1,
            _ => self.lines.len(),
        };
        self.lines.iter().take(n)
    }

    /// What [`Screen::lines`] shows, as plain text, one line per line.
    pub fn text(&self) -> String {
        self.lines()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Forgets every line (`clear`, Ctrl-L). Colours in effect stay in effect.
    pub fn clear(&mut self) {
        self.lines.clear();
        self.push_line();
        self.row = 0;
        self.col = 0;
        self.top = 0;
        self.rev += 1;
    }

    /// Moves the cursor to the start of a fresh line at the bottom, and resets the colours.
    /// Called before the prompt is echoed, so it never lands inside earlier output.
    pub fn start_line(&mut self) {
        self.row = self.lines.len() - 1;
        self.col = 0;
        self.style = Style::default();
        self.escape = Escape::None;
        if self.lines.back().is_some_and(|l| !l.cells.is_empty()) {
            self.push_line();
            self.row += 1;
        }
        self.rev += 1;
    }

    /// Writes text as it is, with no escape sequences: what the user typed. Control characters
    /// other than newline are dropped.
    pub fn write_literal(&mut self, text: &str) {
        for ch in text.chars() {
            match ch {
                '\n' => self.newline(),
                c if c.is_control() => {}
                c => self.put(c, Style::default()),
            }
        }
        self.finish();
    }

    /// Writes a program's output to the screen.
    pub fn write(&mut self, text: &str, stream: Stream) {
        self.style.err = stream == Stream::Stderr;
        for ch in text.chars() {
            match self.escape.feed(ch) {
                Feed::Char(ch) => self.control_or_put(ch),
                Feed::Csi(params, fin) => self.csi(&params, fin),
                Feed::Nothing => {}
            }
        }
        self.finish();
    }

    fn control_or_put(&mut self, ch: char) {
        match ch {
            '\n' => self.newline(),
            '\r' => self.col = 0,
            '\u{8}' => self.col = self.col.saturating_sub(1),
            '\t' => {
                let to = (self.col / TAB + 1) * TAB;
                while self.col < to {
                    self.put(' ', self.style);
                }
            }
            c if c.is_control() => {}
            c => self.put(c, self.style),
        }
    }

    fn csi(&mut self, params: &str, fin: char) {
        if params.starts_with(['?', '>', '<', '=']) {
            return;
        }
        let n = |default: usize| -> usize {
            params
                .split(';')
                .next()
                .and_then(|p| p.parse::<usize>().ok())
                .filter(|&v| v > 0)
                .unwrap_or(default)
        };
        let last = self.lines.len() - 1;
        match fin {
            'm' => self.style.apply_sgr(params),
            'A' => self.row = self.row.saturating_sub(n(1)),
            'B' => self.row = self.row.saturating_add(n(1)).min(last),
            'C' => self.col = self.col.saturating_add(n(1)).min(4096),
            'D' => self.col = self.col.saturating_sub(n(1)),
            'G' => self.col = (n(1) - 1).min(4096),
            'H' | 'f' => {
                let mut at = params
                    .split(';')
                    .map(|p| p.parse::<usize>().unwrap_or(1).max(1));
                let (r, c) = (at.next().unwrap_or(1), at.next().unwrap_or(1));
                self.row = self.top + (r - 1).min(ROWS - 1);
                while self.lines.len() <= self.row {
                    self.push_line();
                }
                self.col = (c - 1).min(4096);
            }
            'K' => {
                let col = self.col;
                let line = self.line_mut();
                match n(0) {
                    0 => line.cells.truncate(col),
                    1 => {
                        for cell in line.cells.iter_mut().take(col + 1) {
                            *cell = Cell {
                                ch: ' ',
                                style: Style::default(),
                            };
                        }
                    }
                    _ => line.cells.clear(),
                }
            }
            'J' => match n(0) {
                0 => {
                    let col = self.col;
                    self.line_mut().cells.truncate(col);
                    self.lines.truncate(self.row + 1);
                }
                2 | 3 => {
                    let style = self.style;
                    self.clear();
                    self.style = style;
                }
                _ => {}
            },
            _ => {}
        }
    }

    fn put(&mut self, ch: char, style: Style) {
        let col = self.col;
        let line = self.line_mut();
        while line.cells.len() < col {
            line.cells.push(Cell {
                ch: ' ',
                style: Style::default(),
            });
        }
        let cell = Cell { ch, style };
        match line.cells.get_mut(col) {
            Some(c) => *c = cell,
            None => line.cells.push(cell),
        }
        self.col += 1;
    }

    fn newline(&mut self) {
        if self.row + 1 >= self.lines.len() {
            self.push_line();
        }
        self.row += 1;
        self.col = 0;
    }

    fn line_mut(&mut self) -> &mut Line {
        if self.lines.is_empty() {
            self.push_line();
        }
        let row = self.row.min(self.lines.len() - 1);
        self.row = row;
        Rc::make_mut(&mut self.lines[row])
    }

    fn push_line(&mut self) {
        self.lines.push_back(Rc::new(Line {
            id: self.next_id,
            cells: Vec::new(),
        }));
        self.next_id += 1;
        self.top = self.top.max(self.lines.len().saturating_sub(ROWS));
    }

    /// Drops lines beyond the limit and marks the screen changed.
    fn finish(&mut self) {
        while self.lines.len() > self.limit {
            self.lines.pop_front();
            self.row = self.row.saturating_sub(1);
            self.top = self.top.saturating_sub(1);
        }
        self.rev += 1;
    }
}

/// `text` without its escape sequences: its characters as a terminal would show them.
pub fn strip_ansi(text: &str) -> String {
    let mut escape = Escape::None;
    text.chars()
        .filter(|&ch| matches!(escape.feed(ch), Feed::Char(_)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Writes `input` to stdout of a fresh screen and compares what is shown, one line per
    /// line, with each styled run as `[classes|text]`.
    fn check(input: &str, expected: &str) {
        let mut screen = Screen::new(100);
        screen.write(input, Stream::Stdout);
        assert_eq!(render(&screen), expected, "input {input:?}");
    }

    fn render(screen: &Screen) -> String {
        screen
            .lines()
            .map(|line| {
                line.spans()
                    .into_iter()
                    .map(|(style, text)| match style.classes().as_str() {
                        "" => text,
                        c => format!("[{c}|{text}]"),
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn plain_text_and_newlines() {
        check("", "");
        check("hello", "hello");
        check("hello\n", "hello");
        check("a\nb\n", "a\nb");
        check("a\n\nb", "a\n\nb");
        check("a\r\nb\r\n", "a\nb");
    }

    #[test]
    fn sgr_colours() {
        check("\x1b[31mred\x1b[0m plain", "[berth-fg31|red] plain");
        check("\x1b[31;1mbright\x1b[0m", "[berth-fg91 berth-bold|bright]");
        check("\x1b[1;31mbright\x1b[m", "[berth-fg91 berth-bold|bright]");
        check("\x1b[92mgreen", "[berth-fg92|green]");
        check("\x1b[44mblue bg", "[berth-bg44|blue bg]");
        check("\x1b[103mbright bg", "[berth-bg103|bright bg]");
        check("\x1b[1mbold\x1b[22mnot", "[berth-bold|bold]not");
        check("\x1b[33myel\x1b[39mdef", "[berth-fg33|yel]def");
        check("\x1b[4mu\x1b[24mv", "[berth-ul|u]v");
        check("\x1b[31mr\x1b[mx", "[berth-fg31|r]x");
        check("\x1b[38;5;196mx\x1b[32my", "x[berth-fg32|y]");
        check("\x1b[38;2;1;2;3;31mx", "[berth-fg31|x]");
        check("\x1b[31mtwo\nlines", "[berth-fg31|two]\n[berth-fg31|lines]");
    }

    #[test]
    fn cursor_and_erase() {
        check("abc\rX", "Xbc");
        check("abc\x08\x08Y", "aYc");
        check("abc\x1b[2D!", "a!c");
        check("abc\x1b[3G!", "ab!");
        check("a\x1b[5C!", "a     !");
        check("abcdef\x1b[3G\x1b[K", "ab");
        check("abcdef\x1b[3G\x1b[1K", "   def");
        check("abcdef\x1b[2Kxy", "      xy");
        check("one\ntwo\n\x1b[2A\x1b[2Kuno\n", "uno\ntwo");
        check("1\n2\n3\x1b[1A\r\x1b[J", "1");
        check("old\x1b[2Jnew", "new");
        check("a\tb", "a       b");
        check("abcdefgh\tc", "abcdefgh        c");
    }

    #[test]
    fn escape_sequences_that_mean_nothing_here_leave_no_trace() {
        check("\x1b[?25lhidden cursor\x1b[?25h", "hidden cursor");
        check("\x1b]0;title\x07text", "text");
        check("\x1b]0;title\x1b\\text", "text");
        check("\x1b(Bx", "x");
        check("bell\x07", "bell");
    }

    #[test]
    fn strip_ansi_keeps_only_the_characters() {
        let cases = [
            ("plain\n", "plain\n"),
            ("\x1b[31;1mred\x1b[0m\n", "red\n"),
            ("\x1b]0;t\x07a\x1b[2Kb", "ab"),
            ("tab\there", "tab\there"),
        ];
        for (input, expected) in cases {
            assert_eq!(strip_ansi(input), expected, "{input:?}");
        }
    }

    #[test]
    fn a_sequence_split_across_writes_still_applies() {
        let mut screen = Screen::new(10);
        screen.write("\x1b[3", Stream::Stdout);
        screen.write("2mgreen", Stream::Stdout);
        assert_eq!(render(&screen), "[berth-fg32|green]");
    }

    #[test]
    fn stderr_cells_carry_the_err_class() {
        let mut screen = Screen::new(10);
        screen.write("out\n", Stream::Stdout);
        screen.write("bad\n", Stream::Stderr);
        assert_eq!(render(&screen), "out\n[berth-err|bad]");
    }

    #[test]
    fn literal_text_shows_escapes_as_nothing_and_keeps_colour_out() {
        let mut screen = Screen::new(10);
        screen.write("\x1b[31m", Stream::Stdout);
        screen.start_line();
        screen.write_literal("PS> echo \x1b[31mx\n");
        assert_eq!(render(&screen), "PS> echo [31mx");
    }

    #[test]
    fn start_line_never_lands_inside_earlier_output() {
        let mut screen = Screen::new(10);
        screen.write("no newline", Stream::Stdout);
        screen.start_line();
        screen.write_literal("next");
        assert_eq!(screen.text(), "no newline\nnext");
        screen.write("\n", Stream::Stdout);
        screen.start_line();
        screen.write_literal("again");
        assert_eq!(screen.text(), "no newline\nnext\nagain");
    }

    #[test]
    fn scrollback_keeps_the_last_lines_with_stable_ids() {
        let mut screen = Screen::new(3);
        for i in 0..5 {
            screen.write(&format!("{i}\n"), Stream::Stdout);
        }
        assert_eq!(screen.text(), "3\n4");
        let ids: Vec<u64> = screen.lines().map(|l| l.id).collect();
        assert_eq!(ids, vec![3, 4]);
        screen.write("5\n", Stream::Stdout);
        let ids: Vec<u64> = screen.lines().map(|l| l.id).collect();
        assert_eq!(ids, vec![4, 5]);
    }

    #[test]
    fn clear_forgets_everything_and_changes_rev() {
        let mut screen = Screen::new(10);
        screen.write("a\nb\n", Stream::Stdout);
        let rev = screen.rev();
        screen.clear();
        assert_eq!(screen.text(), "");
        assert!(screen.rev() > rev);
        screen.write("c", Stream::Stdout);
        assert_eq!(screen.text(), "c");
    }

    #[test]
    fn changed_lines_are_new_values_and_unchanged_lines_are_shared() {
        let mut screen = Screen::new(10);
        screen.write("keep\nchange", Stream::Stdout);
        let before: Vec<Rc<Line>> = screen.lines().cloned().collect();
        screen.write("d", Stream::Stdout);
        let after: Vec<Rc<Line>> = screen.lines().cloned().collect();
        assert!(Rc::ptr_eq(&before[0], &after[0]));
        assert!(!Rc::ptr_eq(&before[1], &after[1]));
        assert_eq!(after[1].text(), "changed");
    }

    #[test]
    fn cursor_home_redraws_in_place_from_the_visible_screens_top() {
        // A short screen: home is its first line.
        let mut screen = Screen::new(100);
        screen.write("$ docker stats\n", Stream::Stdout);
        for frame in ["A 1", "A 2"] {
            screen.write(
                &format!("\x1b[H{frame}\x1b[K\nb\x1b[K\n\x1b[J"),
                Stream::Stdout,
            );
        }
        assert_eq!(screen.text(), "A 2\nb");
        // A scrolled screen: home is ROWS lines up from the bottom, and stays there.
        let mut screen = Screen::new(100);
        for i in 0..40 {
            screen.write(&format!("{i}\n"), Stream::Stdout);
        }
        for frame in ["A 1", "A 2", "A 3"] {
            screen.write(
                &format!("\x1b[H{frame}\x1b[K\nb\x1b[K\n\x1b[J"),
                Stream::Stdout,
            );
        }
        let text = screen.text();
        let lines: Vec<&str> = text.lines().collect();
        let top = 41 - ROWS;
        assert_eq!(lines[top - 1], format!("{}", top - 1));
        assert_eq!(&lines[top..], ["A 3", "b"]);
    }
}
