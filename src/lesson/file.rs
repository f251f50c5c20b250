//! A lesson file: its JSON shape, its parsing and validation, and the lessons shipped in
//! `lessons/` (embedded, in the order of the course).

use serde::{Deserialize, Serialize};

use super::goal::Goal;
use crate::cli::command::Command;
use crate::HostKind;

/// The lessons shipped with Berth, in the course's order: (file name, JSON text).
pub const FILES: &[(&str, &str)] = &[
    ("basics.json", include_str!("../../lessons/basics.json")),
    ("layers.json", include_str!("../../lessons/layers.json")),
    ("volumes.json", include_str!("../../lessons/volumes.json")),
    ("export.json", include_str!("../../lessons/export.json")),
    ("dangling.json", include_str!("../../lessons/dangling.json")),
    ("system.json", include_str!("../../lessons/system.json")),
    ("networks.json", include_str!("../../lessons/networks.json")),
    ("mysql.json", include_str!("../../lessons/mysql.json")),
    ("gcc.json", include_str!("../../lessons/gcc.json")),
];

/// A language lessons are written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    ZhCn,
}

impl Lang {
    /// Both, in the order files list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The tag files use (`en`, `zh-CN`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// The language of a tag (`zh`, `zh-CN`, `en-US` …); English when unknown.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }
}

/// A text in each language.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// English.
    #[serde(default)]
    pub en: String,
    /// Simplified Chinese.
    #[serde(default, rename = "zh-CN")]
    pub zh_cn: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh_cn,
        }
    }
}

/// A command a lesson refuses, and why.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Forbidden {
    /// The first words of the refused lines (`docker compose`).
    pub command: String,
    /// Why, in each language.
    pub reason: Text,
}

/// One lesson.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// A short stable name (`mysql`), reported when the lesson is completed.
    pub id: String,
    /// The course section it follows (`4.4.2`).
    pub chapter: String,
    /// `windows` (the default) or `linux`: the host the student sits at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// Its title.
    pub title: Text,
    /// What to achieve, in words.
    pub goal_text: Text,
    /// Hints, from gentle to nearly the answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hints: Vec<Text>,
    /// Lines run before the student starts (their output is not shown).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start: Vec<String>,
    /// The state to reach.
    pub goal: Goal,
    /// Commands refused in this lesson.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forbidden: Vec<Forbidden>,
    /// A reference solution: the lines a student types.
    pub solution: Vec<String>,
}

/// Every shipped lesson, in the course's order; the first file that fails to parse gives
/// the error.
pub fn all() -> Result<Vec<Lesson>, String> {
    FILES
        .iter()
        .map(|(name, text)| Lesson::parse(text).map_err(|e| format!("{name}: {e}")))
        .collect()
}

impl Lesson {
    /// Reads a lesson file (a pasted one, or one from a URL).
    pub fn parse(text: &str) -> Result<Lesson, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }

    /// The host the lesson runs on.
    pub fn host_kind(&self) -> HostKind {
        self.host
            .as_deref()
            .and_then(HostKind::parse)
            .unwrap_or_default()
    }

    /// What is wrong with the lesson, one line each: a missing text in a language, a host
    /// that is not one, a `docker` line of the solution or start that names no real
    /// command. Empty when it is fine.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            out.push(format!("id {:?}: lowercase letters, digits and -", self.id));
        }
        if let Some(h) = &self.host {
            if HostKind::parse(h).is_none() {
                out.push(format!("host {h:?}: windows or linux"));
            }
        }
        let mut texts: Vec<(String, &Text)> = vec![
            ("title".to_owned(), &self.title),
            ("goal_text".to_owned(), &self.goal_text),
        ];
        for (i, h) in self.hints.iter().enumerate() {
            texts.push((format!("hints[{i}]"), h));
        }
        for f in &self.forbidden {
            texts.push((format!("forbidden {:?}", f.command), &f.reason));
        }
        for (what, text) in texts {
            for lang in Lang::ALL {
                if text.get(lang).trim().is_empty() {
                    out.push(format!("{what}: no {} text", lang.tag()));
                }
            }
        }
        if self.hints.is_empty() {
            out.push("no hints".to_owned());
        }
        if self.solution.is_empty() {
            out.push("no solution".to_owned());
        }
        for line in self.start.iter().chain(&self.solution) {
            if let Some(e) = docker_line_problem(line) {
                out.push(format!("{line:?}: {e}"));
            }
        }
        for line in &self.solution {
            if self.refusal(line, Lang::En).is_some() {
                out.push(format!("{line:?}: the solution uses a forbidden command"));
            }
        }
        out
    }

    /// The refusal of `line` when the lesson forbids it: a short explanation in `lang`.
    pub fn refusal(&self, line: &str, lang: Lang) -> Option<String> {
        let words: Vec<&str> = line.split_whitespace().collect();
        let f = self.forbidden.iter().find(|f| {
            let want: Vec<&str> = f.command.split_whitespace().collect();
            !want.is_empty() && words.starts_with(&want)
        })?;
        let reason = f.reason.get(lang);
        Some(match lang {
            Lang::En => format!("This lesson does not allow `{}`: {reason}\n", f.command),
            Lang::ZhCn => format!("本课不允许使用 `{}`：{reason}\n", f.command),
        })
    }
}

/// For a `docker …` line, why it names no real, simulated command; `None` for other lines
/// (they run in a shell) and for real ones.
pub fn docker_line_problem(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    if words.next() != Some("docker") {
        return None;
    }
    let mut level: &[Command] = crate::cli::root::COMMANDS;
    let mut found: Option<&Command> = None;
    let mut path = String::from("docker");
    for w in words {
        if w.starts_with('-') {
            if found.is_none() {
                // A global option before the command (`docker --version`).
                continue;
            }
            break;
        }
        match level.iter().find(|c| c.name == w || c.aliases.contains(&w)) {
            Some(c) => {
                found = Some(c);
                path.push(' ');
                path.push_str(c.name);
                if c.subcommands.is_empty() {
                    break;
                }
                level = c.subcommands;
            }
            None if found.is_none() => return Some(format!("`{w}` is not a docker command")),
            None => break,
        }
    }
    match found {
        Some(c) if c.run.is_none() && c.subcommands.is_empty() => {
            Some(format!("`{path}` is not simulated"))
        }
        _ => None,
    }
}
