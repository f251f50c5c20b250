//! What a terminal shows: text with ANSI escapes applied to a grid of styled lines.
//!
//! docker redraws pull progress in place with cursor movements (`ESC[<n>A`, `ESC[2K`, `\r`);
//! a transcript must compare what the screen ends up showing, not the raw bytes, and the page
//! must draw the same thing. Both use this model. It understands the subset of VT100 that
//! docker, the shells and their programs print: printable text, `\n`, `\r`, `\t`, backspace,
//! SGR colours and bold (`ESC[…m`), cursor up/down/forward/back (`A B C D`), erase in line
//! (`K`), erase in display (`J`, `2J`), cursor home (`H`). Anything else is dropped.

/// A foreground or background colour: the 16 ANSI colours (0–7 normal, 8–15 bright).
pub type Color = u8;

/// How a cell is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Bold (SGR 1).
    pub bold: bool,
    /// Foreground colour, `None` for the default.
    pub fg: Option<Color>,
    /// Background colour, `None` for the default.
    pub bg: Option<Color>,
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    /// The style of the run.
    pub style: Style,
    /// The text of the run.
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Cell {
    ch: char,
    style: Style,
}

/// A screen with unlimited height (the scrollback is the screen) and a cursor.
#[derive(Clone, Debug, Default)]
pub struct Screen {
    lines: Vec<Vec<Cell>>,
    row: usize,
    col: usize,
    style: Style,
    pending: String,
}

impl Screen {
    /// An empty screen.
    pub fn new() -> Screen {
        Screen {
            lines: vec![Vec::new()],
            ..Screen::default()
        }
    }

    /// Writes text (with escapes) at the cursor.
    pub fn write(&mut self, text: &str) {
        let mut input = std::mem::take(&mut self.pending);
        input.push_str(text);
        let mut chars = input.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '\x1b' => {
                    if chars.peek().is_none() {
                        self.pending = input[i..].to_owned();
                        return;
                    }
                    if chars.peek().map(|&(_, c)| c) != Some('[') {
                        chars.next();
                        continue;
                    }
                    chars.next();
                    let mut params = String::new();
                    let mut done = false;
                    for (_, d) in chars.by_ref() {
                        if ('@'..='~').contains(&d) {
                            self.csi(&params, d);
                            done = true;
                            break;
                        }
                        params.push(d);
                    }
                    if !done {
                        self.pending = input[i..].to_owned();
                        return;
                    }
                }
                '\n' => {
                    self.row += 1;
                    self.col = 0;
                    self.ensure_row();
                }
                '\r' => self.col = 0,
                '\t' => self.col = (self.col / 8 + 1) * 8,
                '\x08' => self.col = self.col.saturating_sub(1),
                '\x07' | '\0' => {}
                c => self.put(c),
            }
        }
    }

    fn ensure_row(&mut self) {
        while self.lines.len() <= self.row {
            self.lines.push(Vec::new());
        }
    }

    fn put(&mut self, ch: char) {
        self.ensure_row();
        let style = self.style;
        let line = &mut self.lines[self.row];
        while line.len() < self.col {
            line.push(Cell {
                ch: ' ',
                style: Style::default(),
            });
        }
        if self.col < line.len() {
            line[self.col] = Cell { ch, style };
        } else {
            line.push(Cell { ch, style });
        }
        self.col += 1;
    }

    fn csi(&mut self, params: &str, op: char) {
        let n = |default: usize| {
            params
                .parse::<usize>()
                .ok()
                .filter(|&v| v > 0)
                .unwrap_or(default)
        };
        match op {
            'm' => self.sgr(params),
            'A' => self.row = self.row.saturating_sub(n(1)),
            'B' => {
                self.row += n(1);
                self.ensure_row();
            }
            'C' => self.col += n(1),
            'D' => self.col = self.col.saturating_sub(n(1)),
            'G' => self.col = n(1) - 1,
            'K' => {
                self.ensure_row();
                let line = &mut self.lines[self.row];
                match params {
                    "1" => line.iter_mut().take(self.col + 1).for_each(|c| c.ch = ' '),
                    "2" => line.clear(),
                    _ => line.truncate(self.col),
                }
            }
            'J' => match params {
                "2" | "3" => {
                    self.lines = vec![Vec::new()];
                    self.row = 0;
                    self.col = 0;
                }
                _ => {
                    self.ensure_row();
                    self.lines[self.row].truncate(self.col);
                    self.lines.truncate(self.row + 1);
                }
            },
            'H' | 'f' => {
                // Home: the top of what this screen shows (one program's output drawn
                // on its own screen, as `docker stats` redraws its table in place).
                self.row = 0;
                self.col = 0;
            }
            _ => {}
        }
    }

    fn sgr(&mut self, params: &str) {
        let codes: Vec<u16> = if params.is_empty() {
            vec![0]
        } else {
            params.split(';').map(|p| p.parse().unwrap_or(0)).collect()
        };
        let mut i = 0;
        while i < codes.len() {
            match codes[i] {
                0 => self.style = Style::default(),
                1 => self.style.bold = true,
                22 => self.style.bold = false,
                c @ 30..=37 => self.style.fg = Some((c - 30) as Color),
                39 => self.style.fg = None,
                c @ 40..=47 => self.style.bg = Some((c - 40) as Color),
                49 => self.style.bg = None,
                c @ 90..=97 => self.style.fg = Some((c - 90 + 8) as Color),
                c @ 100..=107 => self.style.bg = Some((c - 100 + 8) as Color),
                38 | 48 => {
                    // 256-colour and RGB forms: skip their arguments.
                    i += if codes.get(i + 1) == Some(&5) { 2 } else { 4 };
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// Clears everything (Ctrl-L, `clear`).
    pub fn clear(&mut self) {
        *self = Screen::new();
    }

    /// How many lines there are, including the one the cursor is on.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// Whether nothing was ever written.
    pub fn is_empty(&self) -> bool {
        self.lines.len() == 1 && self.lines[0].is_empty()
    }

    /// Line `i` as plain text, trailing spaces kept as written.
    pub fn line_text(&self, i: usize) -> String {
        self.lines
            .get(i)
            .map(|l| l.iter().map(|c| c.ch).collect())
            .unwrap_or_default()
    }

    /// Line `i` as styled runs.
    pub fn line_spans(&self, i: usize) -> Vec<Span> {
        let mut spans: Vec<Span> = Vec::new();
        for cell in self.lines.get(i).map(Vec::as_slice).unwrap_or(&[]) {
            match spans.last_mut() {
                Some(s) if s.style == cell.style => s.text.push(cell.ch),
                _ => spans.push(Span {
                    style: cell.style,
                    text: cell.ch.to_string(),
                }),
            }
        }
        spans
    }

    /// The whole screen as plain text, one `\n` after every line but an empty last one.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for i in 0..self.lines.len() {
            let l = self.line_text(i);
            if i + 1 == self.lines.len() && l.is_empty() {
                break;
            }
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    /// Keeps only the last `max` lines (scrollback limit).
    pub fn trim_to(&mut self, max: usize) {
        if self.lines.len() > max {
            let drop = self.lines.len() - max;
            self.lines.drain(..drop);
            self.row = self.row.saturating_sub(drop);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(input: &str) -> String {
        let mut s = Screen::new();
        s.write(input);
        s.text()
    }

    #[test]
    fn plain_text_and_carriage_returns() {
        assert_eq!(shown("a\nb\n"), "a\nb\n");
        assert_eq!(shown("abc\rX"), "Xbc\n");
        assert_eq!(shown("a\tb"), "a       b\n");
        assert_eq!(shown(""), "");
    }

    #[test]
    fn docker_progress_redraws_in_place() {
        // Two layers; the first is redrawn from "Downloading" to "Pull complete ".
        let mut s = Screen::new();
        s.write("a: Pulling fs layer \nb: Pulling fs layer \n");
        s.write("\x1b[2A\x1b[2K\ra: Downloading [==>   ]\r\x1b[2B");
        s.write("\x1b[2A\x1b[2K\ra: Pull complete \r\x1b[2B");
        s.write("Digest: sha256:x\n");
        assert_eq!(
            s.text(),
            "a: Pull complete \nb: Pulling fs layer \nDigest: sha256:x\n"
        );
    }

    #[test]
    fn colours_become_spans_and_split_escapes_are_kept() {
        let mut s = Screen::new();
        s.write("x\x1b[31");
        s.write(";1mred\x1b[0m.");
        let spans = s.line_spans(0);
        assert_eq!(spans.len(), 3);
        assert_eq!(spans[1].text, "red");
        assert_eq!(
            spans[1].style,
            Style {
                bold: true,
                fg: Some(1),
                bg: None
            }
        );
        assert_eq!(s.text(), "xred.\n");
    }

    #[test]
    fn erase_and_clear() {
        assert_eq!(shown("hello\x1b[3D\x1b[K!"), "he!\n");
        assert_eq!(shown("old\n\x1b[H\x1b[2Jnew"), "new\n");
        let mut s = Screen::new();
        s.write("1\n2\n3\n");
        s.trim_to(2);
        assert_eq!(s.text(), "3\n");
    }
}
