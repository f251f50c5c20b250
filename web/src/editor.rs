//! Line editing at the prompt, as readline does it: the edits themselves (pure functions on a
//! text and a cursor), multi-line paste, and the mapping from keys to actions.
//!
//! Cursors here count `char`s. The browser counts UTF-16 code units; [`char_index`] and
//! [`utf16_index`] convert between the two.

/// One change to the line being typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Cursor one character left.
    Left,
    /// Cursor one character right.
    Right,
    /// Cursor to the start (Home, Ctrl-A).
    Home,
    /// Cursor to the end (End, Ctrl-E).
    End,
    /// Delete the character before the cursor.
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Delete from the start of the line to the cursor (Ctrl-U).
    KillToStart,
    /// Delete from the cursor to the end of the line (Ctrl-K).
    KillToEnd,
    /// Delete the whitespace-separated word before the cursor (Ctrl-W).
    KillWordBack,
    /// Delete the whole line (Escape, as PowerShell does).
    KillLine,
}

/// What a key press at the prompt does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Edit the line.
    Edit(Edit),
    /// Run the line (Enter).
    Submit,
    /// The previous history entry (Up).
    HistoryUp,
    /// The next history entry, or the line being typed (Down).
    HistoryDown,
    /// Abandon the line (Ctrl-C).
    Interrupt,
    /// End of input for the program holding the terminal, on an empty line; else delete the
    /// character under the cursor (Ctrl-D, as bash and readline do).
    EndOfInput,
    /// Clear the screen (Ctrl-L).
    ClearScreen,
    /// Complete the word before the cursor (Tab, which the browser would use to move the
    /// focus away).
    Complete,
}

/// A key press, as the browser reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// The `KeyboardEvent.key` value (`"a"`, `"Enter"`, `"ArrowUp"`).
    pub key: &'a str,
    /// Control held.
    pub ctrl: bool,
    /// Alt held.
    pub alt: bool,
    /// Meta (Command, Windows key) held.
    pub meta: bool,
    /// Shift held.
    pub shift: bool,
}

/// The action a key press takes at the prompt, or `None` to leave it to the browser (typing,
/// selecting with Shift, copying with Cmd-C).
pub fn action(key: &KeyPress) -> Option<Action> {
    if key.alt || key.meta {
        return None;
    }
    if key.ctrl {
        return match key.key.to_ascii_lowercase().as_str() {
            "a" => Some(Action::Edit(Edit::Home)),
            "e" => Some(Action::Edit(Edit::End)),
            "u" => Some(Action::Edit(Edit::KillToStart)),
            "k" => Some(Action::Edit(Edit::KillToEnd)),
            "w" => Some(Action::Edit(Edit::KillWordBack)),
            "c" => Some(Action::Interrupt),
            "d" => Some(Action::EndOfInput),
            "l" => Some(Action::ClearScreen),
            _ => None,
        };
    }
    match key.key {
        "Enter" => Some(Action::Submit),
        // Shift+Tab is the browser's: the keyboard's way out of the terminal.
        "Tab" if key.shift => None,
        "Tab" => Some(Action::Complete),
        "ArrowUp" => Some(Action::HistoryUp),
        "ArrowDown" => Some(Action::HistoryDown),
        _ if key.shift => None,
        "ArrowLeft" => Some(Action::Edit(Edit::Left)),
        "ArrowRight" => Some(Action::Edit(Edit::Right)),
        "Home" => Some(Action::Edit(Edit::Home)),
        "End" => Some(Action::Edit(Edit::End)),
        "Backspace" => Some(Action::Edit(Edit::Backspace)),
        "Delete" => Some(Action::Edit(Edit::Delete)),
        "Escape" => Some(Action::Edit(Edit::KillLine)),
        _ => None,
    }
}

/// Applies `edit` to `text` with the cursor before char `cursor`; returns the new text and
/// cursor.
pub fn apply(text: &str, cursor: usize, edit: Edit) -> (String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let cursor = cursor.min(chars.len());
    let join = |a: &[char], b: &[char]| a.iter().chain(b).collect::<String>();
    match edit {
        Edit::Left => (text.to_owned(), cursor.saturating_sub(1)),
        Edit::Right => (text.to_owned(), (cursor + 1).min(chars.len())),
        Edit::Home => (text.to_owned(), 0),
        Edit::End => (text.to_owned(), chars.len()),
        Edit::Backspace if cursor > 0 => (join(&chars[..cursor - 1], &chars[cursor..]), cursor - 1),
        Edit::Delete if cursor < chars.len() => {
            (join(&chars[..cursor], &chars[cursor + 1..]), cursor)
        }
        Edit::Backspace | Edit::Delete => (text.to_owned(), cursor),
        Edit::KillToStart => (join(&[], &chars[cursor..]), 0),
        Edit::KillToEnd => (join(&chars[..cursor], &[]), cursor),
        Edit::KillWordBack => {
            let mut start = cursor;
            while start > 0 && chars[start - 1].is_whitespace() {
                start -= 1;
            }
            while start > 0 && !chars[start - 1].is_whitespace() {
                start -= 1;
            }
            (join(&chars[..start], &chars[cursor..]), start)
        }
        Edit::KillLine => (String::new(), 0),
    }
}

/// What pasting `pasted` over the selection `start..end` of `text` gives: the complete lines
/// to run, in order, then the text left at the prompt and its cursor.
pub fn paste(text: &str, start: usize, end: usize, pasted: &str) -> (Vec<String>, String, usize) {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let after: String = chars[end..].iter().collect();
    let mut whole: String = chars[..start].iter().collect();
    whole.push_str(&pasted.replace("\r\n", "\n").replace('\r', "\n"));
    let cursor_from_end = after.chars().count();
    whole.push_str(&after);
    let mut lines: Vec<String> = whole.split('\n').map(str::to_owned).collect();
    let rest = lines.pop().unwrap_or_default();
    let cursor = rest.chars().count().saturating_sub(cursor_from_end);
    (lines, rest, cursor)
}

/// The char index of UTF-16 offset `utf16` in `text` (the browser's selection offsets).
pub fn char_index(text: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in text.chars().enumerate() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    text.chars().count()
}

/// The UTF-16 offset of char index `index` in `text`.
pub fn utf16_index(text: &str, index: usize) -> usize {
    text.chars().take(index).map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `line` marks the cursor with `|`; the result is marked the same way.
    fn check(line: &str, edit: Edit, expected: &str) {
        let cursor = line.chars().position(|c| c == '|').expect("cursor mark");
        let text: String = line.chars().filter(|&c| c != '|').collect();
        let (out, at) = apply(&text, cursor, edit);
        let mut shown: Vec<char> = out.chars().collect();
        shown.insert(at, '|');
        assert_eq!(
            shown.into_iter().collect::<String>(),
            expected,
            "{edit:?} on {line:?}"
        );
    }

    #[test]
    fn moves() {
        check("ab|c", Edit::Left, "a|bc");
        check("|abc", Edit::Left, "|abc");
        check("ab|c", Edit::Right, "abc|");
        check("abc|", Edit::Right, "abc|");
        check("ab|c", Edit::Home, "|abc");
        check("a|bc", Edit::End, "abc|");
        check("é|ü", Edit::Left, "|éü");
    }

    #[test]
    fn deletes() {
        check("ab|c", Edit::Backspace, "a|c");
        check("|abc", Edit::Backspace, "|abc");
        check("a|bc", Edit::Delete, "a|c");
        check("abc|", Edit::Delete, "abc|");
        check("docker |ps", Edit::KillToStart, "|ps");
        check("docker |ps", Edit::KillToEnd, "docker |");
        check("docker run nginx|", Edit::KillWordBack, "docker run |");
        check("docker run   |", Edit::KillWordBack, "docker |");
        check("docker ru|n", Edit::KillWordBack, "docker |n");
        check("|docker", Edit::KillWordBack, "|docker");
        check("docker| ps", Edit::KillLine, "|");
    }

    fn key(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ..KeyPress::default()
        }
    }

    fn ctrl(key: &str) -> KeyPress<'_> {
        KeyPress {
            key,
            ctrl: true,
            ..KeyPress::default()
        }
    }

    #[test]
    fn keys() {
        let cases = [
            (key("Enter"), Some(Action::Submit)),
            (key("ArrowUp"), Some(Action::HistoryUp)),
            (key("ArrowDown"), Some(Action::HistoryDown)),
            (key("ArrowLeft"), Some(Action::Edit(Edit::Left))),
            (key("ArrowRight"), Some(Action::Edit(Edit::Right))),
            (key("Home"), Some(Action::Edit(Edit::Home))),
            (key("End"), Some(Action::Edit(Edit::End))),
            (key("Backspace"), Some(Action::Edit(Edit::Backspace))),
            (key("Delete"), Some(Action::Edit(Edit::Delete))),
            (key("Escape"), Some(Action::Edit(Edit::KillLine))),
            (key("Tab"), Some(Action::Complete)),
            (
                KeyPress {
                    key: "Tab",
                    shift: true,
                    ..KeyPress::default()
                },
                None,
            ),
            (key("a"), None),
            (key(" "), None),
            (ctrl("a"), Some(Action::Edit(Edit::Home))),
            (ctrl("E"), Some(Action::Edit(Edit::End))),
            (ctrl("u"), Some(Action::Edit(Edit::KillToStart))),
            (ctrl("k"), Some(Action::Edit(Edit::KillToEnd))),
            (ctrl("w"), Some(Action::Edit(Edit::KillWordBack))),
            (ctrl("c"), Some(Action::Interrupt)),
            (ctrl("d"), Some(Action::EndOfInput)),
            (ctrl("l"), Some(Action::ClearScreen)),
            (ctrl("v"), None),
            (
                KeyPress {
                    shift: true,
                    ..key("ArrowLeft")
                },
                None,
            ),
            (
                KeyPress {
                    meta: true,
                    ..key("c")
                },
                None,
            ),
        ];
        for (press, expected) in cases {
            assert_eq!(action(&press), expected, "{press:?}");
        }
    }

    /// Pastes `pasted` over chars `sel` of `text`; expects the lines run, then the prompt's
    /// text with its cursor marked `|`.
    fn check_paste(text: &str, sel: (usize, usize), pasted: &str, run: &[&str], left: &str) {
        let (lines, rest, cursor) = paste(text, sel.0, sel.1, pasted);
        let mut shown: Vec<char> = rest.chars().collect();
        shown.insert(cursor, '|');
        assert_eq!(lines, run, "{pasted:?} into {text:?}");
        assert_eq!(
            shown.into_iter().collect::<String>(),
            left,
            "{pasted:?} into {text:?}"
        );
    }

    #[test]
    fn paste_runs_complete_lines_and_keeps_the_rest() {
        check_paste("", (0, 0), "docker ps", &[], "docker ps|");
        check_paste("", (0, 0), "docker ps\n", &["docker ps"], "|");
        check_paste("", (0, 0), "a\r\nb\r\nc", &["a", "b"], "c|");
        check_paste("", (0, 0), "a\rb", &["a"], "b|");
        check_paste("echo X", (5, 6), "1\n2", &["echo 1"], "2|");
        check_paste("ab", (1, 1), "x\ny", &["ax"], "y|b");
        check_paste("ab", (9, 1), "x", &[], "ax|b");
    }

    #[test]
    fn utf16_offsets_convert_both_ways() {
        let text = "a🐳b";
        assert_eq!(char_index(text, 0), 0);
        assert_eq!(char_index(text, 1), 1);
        assert_eq!(char_index(text, 3), 2);
        assert_eq!(char_index(text, 4), 3);
        assert_eq!(char_index(text, 99), 3);
        assert_eq!(utf16_index(text, 2), 3);
        assert_eq!(utf16_index(text, 3), 4);
    }
}
