//! `--help` texts, laid out as docker's cobra templates lay them out (cli/cobra.go): the
//! usage line, the description, the experimental notice, aliases, examples, options, the
//! command lists, and for the root the global options and the pointer to the guides.

use super::command::{Command, Group};
use super::flags::{self, Flag};
use crate::collections::SmallSort;

/// Help is wrapped for an 80-column terminal: pflag wraps at width - 1.
pub const WIDTH: usize = 79;

/// cobra's minimum name column width.
const MIN_NAME_PADDING: usize = 11;

/// The full help of `cmd`, invoked as `path` (`docker container ls`), starting with an
/// empty line as docker's does. `global` are the root's flags (shown only for the root).
pub fn help(cmd: &Command, path: &str, global: &[Flag]) -> String {
    let is_root = path == "docker";
    let mut h = String::from("\nUsage:  ");
    if cmd.has_subcommands() {
        h.push_str(path);
        if has_visible_flags(cmd.flags) || is_root {
            h.push_str(" [OPTIONS]");
        }
        h.push_str(" COMMAND");
    } else {
        h.push_str(&use_line(cmd, path));
    }
    h.push_str("\n\n");
    let description = if cmd.long.is_empty() {
        cmd.short
    } else {
        cmd.long
    };
    h.push_str(description.trim());
    if cmd.experimental {
        h.push_str(&format!(
            "\n\nEXPERIMENTAL:\n  {path} is an experimental feature.\n  Experimental features provide early access to product functionality. These\n  features may change between releases without warning, or can be removed from a\n  future release. Learn more about experimental features in our documentation:\n  https://docs.docker.com/go/experimental/"
        ));
    }
    if let Some(aliases) = aliases(cmd, path) {
        h.push_str(&format!("\n\nAliases:\n  {aliases}"));
    }
    if !cmd.example.is_empty() {
        // cobra prints the example as written, its own trailing newline included.
        h.push_str(&format!("\n\nExamples:\n{}", cmd.example));
    }
    if !is_root && has_visible_flags(cmd.flags) {
        h.push_str("\n\nOptions:\n");
        h.push_str(flags::usages(cmd.flags, WIDTH).trim_end());
    }
    if cmd.has_subcommands() {
        command_lists(cmd, is_root, &mut h);
    }
    if is_root {
        h.push_str("\n\nGlobal Options:\n");
        h.push_str(flags::usages(global, WIDTH).trim_end());
    }
    if cmd.has_subcommands() {
        h.push_str(&format!(
            "\n\nRun '{path} COMMAND --help' for more information on a command."
        ));
    }
    if is_root {
        h.push_str(
            "\n\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/",
        );
    }
    h.push('\n');
    h
}

/// The help of a buildx command: the plugin keeps cobra's own help template (the
/// description, then docker's usage text) and adds its notice about experimental commands.
pub fn plugin_help(cmd: &Command, path: &str) -> String {
    let description = if cmd.long.is_empty() {
        cmd.short
    } else {
        cmd.long
    };
    format!(
        "{}\n{}\nExperimental commands and flags are hidden. Set BUILDX_EXPERIMENTAL=1 to show them.\n",
        description.trim(),
        help(cmd, path, &[])
    )
}

/// cobra's `UseLine` with flags left out of it, as docker sets up every command:
/// the parent's path, then the command's `Use` (its name and [`Command::usage`]).
pub fn use_line(cmd: &Command, path: &str) -> String {
    if cmd.usage.is_empty() {
        path.to_owned()
    } else {
        format!("{path} {}", cmd.usage)
    }
}

/// The `Usage:` and description lines that argument errors repeat (cli/required.go).
pub fn usage(cmd: &Command, path: &str) -> String {
    // A command handed over to the plugin shows the plugin's own description.
    let short = if cmd.plugin && !cmd.long.is_empty() {
        cmd.long
    } else {
        cmd.short
    };
    format!("Usage:  {}\n\n{short}", use_line(cmd, path))
}

/// docker's `commandAliases`: the "aliases" annotation when there is one, else the command's
/// path followed by each alias under the same parent.
fn aliases(cmd: &Command, path: &str) -> Option<String> {
    if !cmd.aliases_help.is_empty() {
        return Some(cmd.aliases_help.to_owned());
    }
    if cmd.aliases.is_empty() {
        return None;
    }
    let parent = path.rsplit_once(' ').map_or("", |(p, _)| p);
    let mut s = path.to_owned();
    for a in cmd.aliases {
        s.push_str(&format!(", {parent} {a}"));
    }
    Some(s)
}

fn has_visible_flags(flags: &[Flag]) -> bool {
    flags.iter().any(|f| !f.hidden)
}

/// The command lists: for the root "Common Commands" in their order, then "Management
/// Commands", "Swarm Commands" and "Commands" by name; for a management command its own
/// management subcommands (`docker trust key`) and then the others.
fn command_lists(cmd: &Command, is_root: bool, h: &mut String) {
    // cobra pads names to the longest of all subcommands, hidden ones included.
    let pad = cmd
        .subcommands
        .iter()
        .map(|c| c.name.len())
        .max()
        .unwrap_or(0)
        .max(MIN_NAME_PADDING);
    let visible = || cmd.subcommands.iter().filter(|c| c.is_visible());
    let lists: Vec<(&str, Vec<&Command>)> = if is_root {
        let mut common: Vec<&Command> = visible()
            .filter(|c| matches!(c.group, Group::Common(_)))
            .collect();
        common.small_sort_by_key(|c| match c.group {
            Group::Common(n) => n,
            _ => u8::MAX,
        });
        let of = |g: Group| sorted(visible().filter(move |c| c.group == g));
        vec![
            ("Common Commands", common),
            ("Management Commands", of(Group::Management)),
            ("Swarm Commands", of(Group::Swarm)),
            ("Commands", of(Group::Other)),
        ]
    } else {
        vec![
            (
                "Management Commands",
                sorted(visible().filter(|c| c.has_subcommands())),
            ),
            (
                "Commands",
                sorted(visible().filter(|c| !c.has_subcommands())),
            ),
        ]
    };
    for (title, cmds) in lists {
        if cmds.is_empty() {
            continue;
        }
        h.push_str(&format!("\n\n{title}:"));
        for c in cmds {
            // docker's `decoratedName`: a CLI plugin's name ends with `*`.
            let name = if c.plugin && c.plugin_path.is_empty() && is_root {
                format!("{}*", c.name)
            } else {
                c.name.to_owned()
            };
            h.push_str(&format!("\n  {name:pad$} {}", c.short));
        }
    }
}

fn sorted<'a>(cmds: impl Iterator<Item = &'a Command>) -> Vec<&'a Command> {
    let mut v: Vec<&Command> = cmds.collect();
    v.small_sort_by_key(|c| c.name);
    v
}
