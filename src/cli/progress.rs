//! Progress output as docker's `jsonmessage` prints it: on a terminal, one line per layer
//! redrawn in place with cursor movements; on a pipe, only the statuses without a bar.

use crate::format::units::human_size;
use crate::ports::{Nanos, SECOND};

/// Draws a stream of progress messages.
#[derive(Debug)]
pub struct ProgressWriter {
    tty: bool,
    width: usize,
    ids: Vec<String>,
}

impl ProgressWriter {
    /// A writer for a terminal `width` columns wide (`tty`), or for a pipe.
    pub fn new(tty: bool, width: usize) -> ProgressWriter {
        ProgressWriter {
            tty,
            width,
            ids: Vec::new(),
        }
    }

    /// A message without a progress object (`latest: Pulling from library/nginx`,
    /// `Digest: …`): it ends the block of per-layer lines.
    pub fn line(&mut self, id: Option<&str>, status: &str) -> String {
        self.ids.clear();
        match id {
            Some(id) => format!("{id}: {status}\n"),
            None => format!("{status}\n"),
        }
    }

    /// A per-layer message; `bar` is the progress (current, total) and, when known, the
    /// time left.
    pub fn layer(
        &mut self,
        id: &str,
        status: &str,
        bar: Option<(u64, u64, Option<Nanos>)>,
    ) -> String {
        let progress = bar
            .map(|(c, t, left)| progress_string(c, t, left, self.width))
            .unwrap_or_default();
        if !self.tty {
            if !progress.is_empty() {
                return String::new();
            }
            return format!("{id}: {status}\n");
        }
        let mut out = String::new();
        let line = match self.ids.iter().position(|i| i == id) {
            Some(p) => p,
            None => {
                self.ids.push(id.to_owned());
                out.push('\n');
                self.ids.len() - 1
            }
        };
        let diff = self.ids.len() - line;
        if diff > 0 {
            out.push_str(&format!("\x1b[{diff}A"));
        }
        out.push_str(&format!("\x1b[2K\r{id}: {status} {progress}\r"));
        if diff > 0 {
            out.push_str(&format!("\x1b[{diff}B"));
        }
        out
    }
}

/// `JSONProgress.String()`: the bar (on terminals wider than 110 columns), the byte counts
/// and the time left.
pub fn progress_string(current: u64, total: u64, left: Option<Nanos>, width: usize) -> String {
    if current == 0 && total == 0 {
        return String::new();
    }
    if total == 0 {
        return format!("{:>8}", human_size(current as f64));
    }
    let pct = ((current as f64 / total as f64 * 100.0) as usize / 2).min(50);
    let mut s = String::new();
    if width > 110 {
        s.push_str(&format!("[{}>{}] ", "=".repeat(pct), " ".repeat(50 - pct)));
    }
    if current > total {
        s.push_str(&format!("{:>8}", human_size(current as f64)));
    } else {
        s.push_str(&format!(
            "{:>8}/{}",
            human_size(current as f64),
            human_size(total as f64)
        ));
    }
    if let Some(left) = left {
        if current > 0 && pct < 50 && width > 50 {
            s.push(' ');
            s.push_str(&go_duration(left / SECOND * SECOND));
        }
    }
    s
}

/// Go's `time.Duration.String()` for whole seconds: `0s`, `12s`, `1m2s`, `1h0m5s`.
pub fn go_duration(d: Nanos) -> String {
    let secs = d / SECOND;
    let (h, m, s) = (secs / 3600, secs % 3600 / 60, secs % 60);
    if h > 0 {
        format!("{h}h{m}m{s}s")
    } else if m > 0 {
        format!("{m}m{s}s")
    } else {
        format!("{s}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screen::Screen;

    #[test]
    fn progress_strings_match_jsonmessage() {
        assert_eq!(progress_string(0, 0, None, 80), "");
        assert_eq!(
            progress_string(1_049_000, 3_146_000, None, 80),
            " 1.049MB/3.146MB"
        );
        assert_eq!(
            progress_string(1_049_000, 3_146_000, Some(12 * SECOND + 5), 120),
            "[================>                                  ]  1.049MB/3.146MB 12s"
        );
        assert_eq!(progress_string(5, 3, None, 80), "      5B");
        assert_eq!(go_duration(62 * SECOND), "1m2s");
    }

    #[test]
    fn a_terminal_shows_one_line_per_layer_in_its_final_state() {
        let mut w = ProgressWriter::new(true, 80);
        let mut s = Screen::new();
        s.write(&w.line(Some("latest"), "Pulling from library/nginx"));
        s.write(&w.layer("aaa", "Pulling fs layer", None));
        s.write(&w.layer("bbb", "Pulling fs layer", None));
        s.write(&w.layer("aaa", "Downloading", Some((5, 10, None))));
        s.write(&w.layer("aaa", "Pull complete", None));
        s.write(&w.layer("bbb", "Pull complete", None));
        s.write(&w.line(None, "Digest: sha256:x"));
        assert_eq!(
            s.text(),
            "latest: Pulling from library/nginx\naaa: Pull complete \nbbb: Pull complete \nDigest: sha256:x\n"
        );
    }

    #[test]
    fn a_pipe_gets_only_statuses_without_bars() {
        let mut w = ProgressWriter::new(false, 80);
        assert_eq!(w.layer("aaa", "Downloading", Some((5, 10, None))), "");
        assert_eq!(
            w.layer("aaa", "Download complete", None),
            "aaa: Download complete\n"
        );
    }
}
