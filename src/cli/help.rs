//! `--help` texts, laid out as docker's cobra templates lay them out (cli/cobra.go).

use super::command::{Command, Group};
use super::flags::{self, Flag};

/// Help is wrapped for an 80-column terminal: pflag wraps at width - 1.
pub const WIDTH: usize = 79;

/// The full help of `cmd`, invoked as `path` (`docker container ls`), starting with an
/// empty line as docker's does. `global` are the root's flags (shown only for the root).
pub fn help(cmd: &Command, path: &str, global: &[Flag]) -> String {
    let mut h = String::from("\n");
    h.push_str(&usage(cmd, path));
    h.push('\n');
    let is_root = path == "docker";
    if !cmd.aliases_help.is_empty() {
        h.push_str(&format!("\nAliases:\n  {}\n", cmd.aliases_help));
    }
    if !is_root && has_visible_flags(cmd.flags) {
        h.push_str("\nOptions:\n");
        h.push_str(flags::usages(cmd.flags, WIDTH).trim_end());
        h.push('\n');
    }
    if cmd.has_subcommands() {
        if is_root {
            root_lists(cmd, &mut h);
        } else {
            h.push_str("\nCommands:\n");
            list(
                &mut h,
                &sorted(cmd.subcommands.iter().filter(|c| c.group != Group::Hidden)),
            );
        }
    }
    if is_root {
        h.push_str("\nGlobal Options:\n");
        h.push_str(flags::usages(global, WIDTH).trim_end());
        h.push('\n');
    }
    if cmd.has_subcommands() {
        h.push_str(&format!(
            "\nRun '{path} COMMAND --help' for more information on a command.\n"
        ));
    }
    if is_root {
        h.push_str(
            "\nFor more help on how to use Docker, head to https://docs.docker.com/go/guides/\n",
        );
    }
    h
}

/// The `Usage:` and description lines that error messages repeat.
pub fn usage(cmd: &Command, path: &str) -> String {
    let line = if cmd.has_subcommands() {
        let opts = if has_visible_flags(cmd.flags) || path == "docker" {
            " [OPTIONS]"
        } else {
            ""
        };
        format!("{path}{opts} COMMAND")
    } else {
        format!("{path} {}", cmd.usage)
    };
    format!("Usage:  {line}\n\n{}", cmd.short)
}

fn has_visible_flags(flags: &[Flag]) -> bool {
    flags.iter().any(|f| !f.hidden)
}

fn root_lists(root: &Command, h: &mut String) {
    let mut common: Vec<&Command> = root
        .subcommands
        .iter()
        .filter(|c| matches!(c.group, Group::Common(_)))
        .collect();
    common.sort_by_key(|c| match c.group {
        Group::Common(n) => n,
        _ => u8::MAX,
    });
    let of = |g: Group| sorted(root.subcommands.iter().filter(move |c| c.group == g));
    for (title, cmds) in [
        ("Common Commands", common),
        ("Management Commands", of(Group::Management)),
        ("Swarm Commands", of(Group::Swarm)),
        ("Commands", of(Group::Other)),
    ] {
        if !cmds.is_empty() {
            h.push_str(&format!("\n{title}:\n"));
            list(h, &cmds);
        }
    }
}

fn sorted<'a>(cmds: impl Iterator<Item = &'a Command>) -> Vec<&'a Command> {
    let mut v: Vec<&Command> = cmds.collect();
    v.sort_by_key(|c| c.name);
    v
}

/// cobra: `rpad(name, NamePadding) + " " + short`; NamePadding is at least 11.
fn list(h: &mut String, cmds: &[&Command]) {
    let pad = cmds.iter().map(|c| c.name.len()).max().unwrap_or(0).max(11);
    for c in cmds {
        h.push_str(&format!("  {:pad$} {}\n", c.name, c.short));
    }
}
