//! BuildKit's terminal display as it stands when a build ends (buildkit's progressui tty
//! mode): `[+] Building 1.2s (8/8) FINISHED` with the builder on the right, then one
//! ` => ` line per step with its time, and ` => => ` lines for what a step did; or its
//! plain printer's `#N` lines, for `--progress=plain` and standard error off a terminal.

/// One step of the build (a BuildKit vertex).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Vertex {
    /// `[2/3] RUN echo hi`, `[internal] load build context`.
    pub name: String,
    /// Taken from the build cache (`CACHED`).
    pub cached: bool,
    /// The step failed (`ERROR`).
    pub error: bool,
    /// How long it took, in seconds.
    pub secs: f64,
    /// What it did, each with its time (`transferring context: 2B`).
    pub subs: Vec<(String, f64)>,
    /// What its process printed (a `RUN`'s output), shown by the plain display.
    pub logs: Vec<String>,
}

impl Vertex {
    /// A step that took no time.
    pub fn new(name: impl Into<String>) -> Vertex {
        Vertex {
            name: name.into(),
            ..Vertex::default()
        }
    }

    /// Adds a line under the step.
    pub fn with_line(mut self, text: impl Into<String>) -> Vertex {
        self.subs.push((text.into(), 0.0));
        self
    }
}

const BLUE: &str = "\x1b[34m";
const RED: &str = "\x1b[31m";
const RESET: &str = "\x1b[0m";

/// Go's `align`: `l` padded to the width that leaves room for a space and `r`.
fn align(l: &str, r: &str, w: usize) -> String {
    let room = w.saturating_sub(r.len() + 1);
    format!("{l:<room$} {r}")
}

/// Go's `%3.1f` of a duration shown by BuildKit (under 0.05s shows 0.0).
fn timer(secs: f64) -> String {
    let s = if secs < 0.05 { 0.0 } else { secs };
    format!(" {s:3.1}s\n")
}

fn line(pfx: &str, name: &str, secs: f64, width: usize, colour: &str) -> Option<String> {
    let t = timer(secs);
    let left = width.checked_sub(pfx.len() + t.len() + 1)?;
    if left < 12 {
        return None;
    }
    let name: String = name.chars().take(left).collect();
    Some(format!(
        "{colour}{}{RESET}",
        align(&format!("{pfx}{name}"), &t, width)
    ))
}

/// The final display of a build on a terminal `width` columns wide; `desc` is the builder
/// (`docker:desktop-linux`).
pub fn render(vertices: &[Vertex], desc: &str, width: usize) -> String {
    let total: f64 = vertices.iter().map(|v| v.secs).sum();
    let head = format!(
        "[+] Building {total:.1}s ({n}/{n}) FINISHED",
        n = vertices.len()
    );
    let mut out = align(&head, desc, width.saturating_sub(1));
    out.push('\n');
    for v in vertices {
        let (colour, name) = if v.error {
            (RED, format!("ERROR {}", v.name))
        } else if v.cached {
            (BLUE, format!("CACHED {}", v.name))
        } else {
            (BLUE, v.name.clone())
        };
        if let Some(l) = line(" => ", &name, v.secs, width, colour) {
            out.push_str(&l);
        }
        for (text, secs) in &v.subs {
            if let Some(l) = line(" => => ", text, *secs, width, colour) {
                out.push_str(&l);
            }
        }
    }
    out
}

/// How BuildKit shows a build (`--progress`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Progress {
    /// The display redrawn in place (`tty`; `auto` on a terminal).
    #[default]
    Tty,
    /// One line per event, `#N …` (`plain`; `auto` when standard error is not a terminal).
    Plain,
    /// Nothing (`quiet`, `-q`).
    Quiet,
}

/// A build as progressui's plain printer writes it: the builder line `#0`, then for each
/// step its number and name, its lines with ` done`, and how it ended (`DONE 0.3s`,
/// `CACHED`, `ERROR: …`), a blank line before each step. `instance` is the builder
/// (`default`); `error` is the failed step's message.
pub fn render_plain(vertices: &[Vertex], instance: &str, error: Option<&str>) -> String {
    let mut out = format!("#0 building with \"{instance}\" instance using docker driver\n");
    for (i, v) in vertices.iter().enumerate() {
        let n = i + 1;
        out.push_str(&format!("\n#{n} {}\n", v.name));
        for (text, secs) in &v.subs {
            // progressui prints a status's time only above 10ms.
            let time = if *secs > 0.01 {
                format!(" {secs:.1}s")
            } else {
                String::new()
            };
            out.push_str(&format!("#{n} {text}{time} done\n"));
        }
        for line in &v.logs {
            // Each line carries the seconds since the step started; a simulated step's
            // output comes at once, at the time its failure log shows too.
            out.push_str(&format!("#{n} 0.100 {line}\n"));
        }
        if v.error {
            out.push_str(&format!("#{n} ERROR: {}\n", error.unwrap_or_default()));
        } else if v.cached {
            out.push_str(&format!("#{n} CACHED\n"));
        } else {
            out.push_str(&format!("#{n} DONE {:.1}s\n", v.secs));
        }
    }
    out
}

/// The source lines around an error, as BuildKit prints them under `Dockerfile:N`.
pub fn source_snippet(file: &str, text: &str, first: usize, last: usize) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    if first < 1 || first > lines.len() {
        return String::new();
    }
    let (mut start, mut end) = (first, last.min(lines.len()));
    let pad = if end == start { 4 } else { 2 };
    let mut p = 0;
    while p < pad {
        if start > 1 {
            start -= 1;
            p += 1;
        }
        if end != lines.len() {
            end += 1;
            p += 1;
        }
        p += 1;
    }
    let rule = "-".repeat(20);
    let mut out = format!("{file}:{first}\n{rule}\n");
    for (i, l) in lines.iter().enumerate().take(end).skip(start - 1) {
        let n = i + 1;
        let pfx = if (first..=last).contains(&n) {
            ">>>"
        } else {
            "   "
        };
        out.push_str(&format!(" {n:3} | {pfx} {l}\n"));
    }
    out.push_str(&rule);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(s: &str) -> String {
        s.replace(BLUE, "").replace(RED, "").replace(RESET, "")
    }

    fn check(vertices: &[Vertex], width: usize, expected: &[&str]) {
        let text = plain(&render(vertices, "docker:default", width));
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines, expected);
    }

    #[test]
    fn lines_are_aligned_to_the_terminal() {
        let mut run = Vertex::new("[2/2] RUN echo hi");
        run.secs = 0.31;
        check(
            &[
                Vertex::new("[1/2] FROM docker.io/library/alpine:latest"),
                run,
            ],
            60,
            &[
                "[+] Building 0.3s (2/2) FINISHED             docker:default",
                " => [1/2] FROM docker.io/library/alpine:latest         0.0s",
                " => [2/2] RUN echo hi                                  0.3s",
            ],
        );
        let mut cached = Vertex::new("[2/2] RUN a-very-long-command-that-does-not-fit");
        cached.cached = true;
        check(
            &[cached.with_line("transferring context: 2B")],
            50,
            &[
                "[+] Building 0.0s (1/1) FINISHED   docker:default",
                " => CACHED [2/2] RUN a-very-long-command-th  0.0s",
                " => => transferring context: 2B              0.0s",
            ],
        );
    }

    fn check_snippet(text: &str, first: usize, last: usize, expected: &[&str]) {
        let s = source_snippet("Dockerfile", text, first, last);
        assert_eq!(s.lines().collect::<Vec<_>>(), expected, "{text:?} {first}");
    }

    #[test]
    fn snippets_show_the_lines_around() {
        check_snippet(
            "FROM alpine\nRUN false\n",
            2,
            2,
            &[
                "Dockerfile:2",
                "--------------------",
                "   1 |     FROM alpine",
                "   2 | >>> RUN false",
                "   3 |     ",
                "--------------------",
            ],
        );
        check_snippet(
            "FOO\nA\nB\nC\n",
            1,
            1,
            &[
                "Dockerfile:1",
                "--------------------",
                "   1 | >>> FOO",
                "   2 |     A",
                "   3 |     B",
                "--------------------",
            ],
        );
        check_snippet(
            "FROM a\nB\nRUN x \\\n  y\nC\nD\nE",
            3,
            4,
            &[
                "Dockerfile:3",
                "--------------------",
                "   2 |     B",
                "   3 | >>> RUN x \\",
                "   4 | >>>   y",
                "   5 |     C",
                "--------------------",
            ],
        );
        check_snippet("A", 5, 5, &[]);
    }
}
