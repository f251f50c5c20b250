//! Tab completion at the host prompt: commands, docker's subcommands and flags (read from the
//! client's own command tables, so they are always docker's), and the names of containers and
//! images the engine holds.

use berth::cli::command::Command;
use berth::cli::flags::{Flag, Kind};
use berth::cli::root::{LINUX_GLOBAL, ROOT};
use berth::collections::SmallSort;
use berth::snapshot::Snapshot;

/// The host's own commands offered for the first word.
const HOST_COMMANDS: &[&str] = &["berth", "clear", "docker", "echo", "hostname", "whoami"];

/// What may complete the word before the cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Completion {
    /// Where the word being completed starts (a char index).
    pub start: usize,
    /// The word typed so far.
    pub word: String,
    /// Every word that may stand there, sorted, each once.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The line and cursor after Tab: the one candidate and a space, or the longest prefix
    /// the candidates share. `None` when Tab cannot add anything (then the candidates are
    /// listed).
    pub fn apply(&self, line: &str, cursor: usize) -> Option<(String, usize)> {
        let chars: Vec<char> = line.chars().collect();
        let cursor = cursor.min(chars.len());
        let spaced = chars.get(cursor).is_some_and(|c| c.is_whitespace());
        let insert = match self.candidates.as_slice() {
            [] => return None,
            [only] if only.ends_with('=') || spaced => only.clone(),
            [only] => format!("{only} "),
            many => {
                let prefix = common_prefix(many);
                if prefix.chars().count() <= self.word.chars().count() {
                    return None;
                }
                prefix
            }
        };
        let mut out: String = chars[..self.start.min(cursor)].iter().collect();
        out.push_str(&insert);
        // Before a space that is already there, the cursor goes past it.
        let at = out.chars().count() + usize::from(spaced && self.candidates.len() == 1);
        out.extend(&chars[cursor..]);
        Some((out, at))
    }
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut len = first.chars().count();
    for w in &words[1..] {
        len = first
            .chars()
            .zip(w.chars())
            .take(len)
            .take_while(|(a, b)| a == b)
            .count();
    }
    first.chars().take(len).collect()
}

/// What the engine's objects offer for a positional argument.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Objects {
    None,
    Images,
    Containers,
    Both,
}

/// Completes the word before char `cursor` of `line`.
pub fn complete(line: &str, cursor: usize, snap: &Snapshot) -> Completion {
    let before: Vec<char> = line.chars().take(cursor).collect();
    let start = before
        .iter()
        .rposition(|c| c.is_whitespace())
        .map_or(0, |i| i + 1);
    let word: String = before[start..].iter().collect();
    let head: String = before[..start].iter().collect();
    let words: Vec<&str> = head.split_whitespace().collect();
    let mut candidates: Vec<String> = match words.split_first() {
        None => HOST_COMMANDS.iter().map(|c| (*c).to_owned()).collect(),
        Some((first, rest)) if first.eq_ignore_ascii_case("docker") => docker(rest, &word, snap),
        Some(_) => Vec::new(),
    };
    candidates.retain(|c| c.starts_with(&word));
    candidates.small_sort();
    candidates.dedup();
    Completion {
        start,
        word,
        candidates,
    }
}

/// Candidates after `docker` and the complete words `args`.
fn docker(args: &[&str], word: &str, snap: &Snapshot) -> Vec<String> {
    let mut cmd: &'static Command = &ROOT;
    let mut path: Vec<&'static str> = Vec::new();
    let mut positional = 0;
    let mut i = 0;
    while i < args.len() {
        let a = args[i];
        i += 1;
        if a == "--" {
            positional += 1;
            continue;
        }
        if a.len() > 1 && a.starts_with('-') {
            if takes_value(cmd, a, path.is_empty()) {
                i += 1;
            }
            continue;
        }
        if positional == 0 && cmd.has_subcommands() {
            match cmd.find(a) {
                Some(sub) => {
                    cmd = sub;
                    path.push(sub.name);
                    continue;
                }
                None => return Vec::new(),
            }
        }
        positional += 1;
    }
    if word.starts_with('-') {
        let mut flags: Vec<String> = visible(cmd.flags)
            .map(|f| format!("--{}", f.long))
            .collect();
        if path.is_empty() {
            flags.extend(visible(&LINUX_GLOBAL).map(|f| format!("--{}", f.long)));
        }
        flags.push("--help".to_owned());
        return flags;
    }
    if cmd.has_subcommands() {
        return cmd
            .subcommands
            .iter()
            .filter(|c| c.is_visible())
            .map(|c| c.name.to_owned())
            .collect();
    }
    let objects = objects(&path, positional);
    let mut out = Vec::new();
    if matches!(objects, Objects::Containers | Objects::Both) {
        out.extend(snap.containers.iter().map(|c| c.name.clone()));
    }
    if matches!(objects, Objects::Images | Objects::Both) {
        for image in &snap.images {
            for tag in &image.tags {
                out.push(tag.clone());
                if let Some(repo) = tag.strip_suffix(":latest") {
                    out.push(repo.to_owned());
                }
            }
        }
    }
    out
}

fn visible(flags: &'static [Flag]) -> impl Iterator<Item = &'static Flag> {
    flags.iter().filter(|f| !f.hidden)
}

/// Whether the flag word `a` takes the next word as its value.
fn takes_value(cmd: &Command, a: &str, root: bool) -> bool {
    let flags = || {
        cmd.flags
            .iter()
            .chain(root.then_some(&LINUX_GLOBAL[..]).into_iter().flatten())
    };
    let is_value = |f: &Flag| matches!(f.kind, Kind::Value { .. });
    if let Some(long) = a.strip_prefix("--") {
        return !long.contains('=') && flags().any(|f| f.long == long && is_value(f));
    }
    // A cluster of shorthands (`-it`, `-dp`): the last one takes the next word when it wants
    // a value and none follows it in the cluster.
    let shorts: Vec<char> = a[1..].chars().collect();
    for (k, c) in shorts.iter().enumerate() {
        if let Some(f) = flags().find(|f| f.short == Some(*c)) {
            if is_value(f) {
                return k + 1 == shorts.len();
            }
        }
    }
    false
}

/// What the positional argument number `positional` (from 0) of the command at `path` names.
fn objects(path: &[&str], positional: usize) -> Objects {
    const IMAGE: &[&str] = &["pull", "push", "rmi", "history", "save", "tag"];
    const CONTAINER: &[&str] = &[
        "start", "stop", "restart", "kill", "rm", "logs", "attach", "pause", "unpause", "top",
        "port", "rename", "wait", "stats", "diff", "commit", "export", "update", "cp",
    ];
    match path {
        ["run"] | ["create"] | ["container", "run"] | ["container", "create"] => {
            if positional == 0 {
                Objects::Images
            } else {
                Objects::None
            }
        }
        ["exec"] | ["container", "exec"] => {
            if positional == 0 {
                Objects::Containers
            } else {
                Objects::None
            }
        }
        ["inspect"] => Objects::Both,
        ["image", _] => Objects::Images,
        ["container", _] => Objects::Containers,
        [name] if IMAGE.contains(name) => Objects::Images,
        [name] if CONTAINER.contains(name) => Objects::Containers,
        _ => Objects::None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use berth::snapshot::{ContainerView, ImageView};

    fn snap() -> Snapshot {
        Snapshot {
            images: vec![ImageView {
                id: "sha256:1".into(),
                tags: vec!["nginx:latest".into(), "nginx:1.27".into()],
                layers: vec!["a".into()],
                size: 1,
            }],
            containers: vec![
                ContainerView {
                    id: "c1".into(),
                    name: "web".into(),
                    image: "sha256:1".into(),
                    state: "running".into(),
                    exit_code: 0,
                    ports: Vec::new(),
                },
                ContainerView {
                    id: "c2".into(),
                    name: "worker".into(),
                    image: "sha256:1".into(),
                    state: "exited".into(),
                    exit_code: 0,
                    ports: Vec::new(),
                },
            ],
            layers: 1,
            ..Snapshot::default()
        }
    }

    /// `line` marks the cursor with `|`; expects the candidates, then what Tab makes of the
    /// line (marked the same way), or `None` when it lists them.
    fn check(line: &str, candidates: &[&str], after: Option<&str>) {
        let cursor = line.chars().position(|c| c == '|').expect("cursor mark");
        let text: String = line.chars().filter(|&c| c != '|').collect();
        let c = complete(&text, cursor, &snap());
        assert_eq!(c.candidates, candidates, "{line:?}");
        let shown = c.apply(&text, cursor).map(|(t, at)| {
            let mut chars: Vec<char> = t.chars().collect();
            chars.insert(at, '|');
            chars.into_iter().collect::<String>()
        });
        assert_eq!(shown.as_deref(), after, "{line:?}");
    }

    #[test]
    fn commands_and_subcommands() {
        check("dock|", &["docker"], Some("docker |"));
        check("|", HOST_COMMANDS, None);
        check("docker pu|", &["pull", "push"], None);
        check("docker ima|", &["image", "images"], Some("docker image|"));
        check("docker image|", &["image", "images"], None);
        check("docker imag|", &["image", "images"], Some("docker image|"));
        check("docker conta|", &["container"], Some("docker container |"));
        check(
            "docker container pr|",
            &["prune"],
            Some("docker container prune |"),
        );
        check("docker network c|", &["connect", "create"], None);
        check("docker nosuch |", &[], None);
        check("ls |", &[], None);
    }

    #[test]
    fn flags_from_the_command_tables() {
        check("docker run --rm|", &["--rm"], Some("docker run --rm |"));
        check("docker run --na|", &["--name"], Some("docker run --name |"));
        check("docker ps --a|", &["--all"], Some("docker ps --all |"));
        check("docker --ver|", &["--version"], Some("docker --version |"));
        check("docker ps --he|", &["--help"], Some("docker ps --help |"));
    }

    #[test]
    fn names_of_containers_and_images() {
        check("docker stop w|", &["web", "worker"], None);
        check("docker stop we|", &["web"], Some("docker stop web |"));
        check(
            "docker logs -f wo|",
            &["worker"],
            Some("docker logs -f worker |"),
        );
        check("docker container rm w|", &["web", "worker"], None);
        check(
            "docker run -d --name x ng|",
            &["nginx", "nginx:1.27", "nginx:latest"],
            Some("docker run -d --name x nginx|"),
        );
        check("docker run nginx w|", &[], None);
        check("docker exec -it w|", &["web", "worker"], None);
        check(
            "docker rmi nginx:1|",
            &["nginx:1.27"],
            Some("docker rmi nginx:1.27 |"),
        );
        check(
            "docker image inspect nginx:l|",
            &["nginx:latest"],
            Some("docker image inspect nginx:latest |"),
        );
        check(
            "docker inspect |",
            &["nginx", "nginx:1.27", "nginx:latest", "web", "worker"],
            None,
        );
        check(
            "docker run -e A=1 -p 80:80 ngin|",
            &["nginx", "nginx:1.27", "nginx:latest"],
            Some("docker run -e A=1 -p 80:80 nginx|"),
        );
    }

    #[test]
    fn completion_inside_the_line_keeps_what_follows() {
        check("docker st| web", &["start", "stats", "stop"], None);
        check("docker sto| web", &["stop"], Some("docker stop |web"));
    }
}
