//! The shape of a docker command: its names, usage, help, flags, arguments and handler.

use super::flags::{Flag, Parsed};
use super::Ctx;

/// Runs a parsed command and returns its exit status.
pub type Handler = fn(&mut Ctx<'_>, &Parsed) -> i32;

/// How many positional arguments a command takes (cobra's `cli/required.go` rules).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Args {
    /// Any number.
    Any,
    /// None at all.
    No,
    /// Exactly n.
    Exact(usize),
    /// At least n.
    Min(usize),
    /// At most n.
    Max(usize),
    /// Between min and max, inclusive.
    Range(usize, usize),
}

impl Args {
    /// The error docker prints when `n` arguments do not fit, or `None` when they do.
    pub fn check(self, path: &str, n: usize) -> Option<String> {
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        match self {
            Args::Any => None,
            Args::No if n > 0 => Some(format!("\"{path}\" accepts no arguments.")),
            Args::Exact(k) if n != k => {
                Some(format!("\"{path}\" requires exactly {k} {}.", plural(k)))
            }
            Args::Min(k) if n < k => {
                Some(format!("\"{path}\" requires at least {k} {}.", plural(k)))
            }
            Args::Max(k) if n > k => {
                Some(format!("\"{path}\" requires at most {k} {}.", plural(k)))
            }
            Args::Range(a, b) if n < a || n > b => Some(format!(
                "\"{path}\" requires at least {a} and at most {b} {}.",
                plural(b)
            )),
            _ => None,
        }
    }
}

/// Where the root help lists a top-level command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// "Common Commands", in the given order.
    Common(u8),
    /// "Management Commands".
    Management,
    /// "Swarm Commands".
    Swarm,
    /// "Commands".
    Other,
    /// Not listed (swarm-manager-only and experimental commands).
    Hidden,
}

/// One docker command: a leaf (`docker ps`) or a management command with subcommands
/// (`docker container`). Each lives in its own file under `cli/`.
#[derive(Clone, Copy, Debug)]
pub struct Command {
    /// The name it is invoked by at its level.
    pub name: &'static str,
    /// Other names at the same level (`ls`: `list`, `ps`).
    pub aliases: &'static [&'static str],
    /// What follows the command path in the usage line: `[OPTIONS] IMAGE [COMMAND] [ARG...]`.
    pub usage: &'static str,
    /// The one-line description.
    pub short: &'static str,
    /// The description `--help` shows instead of `short`, when the command has a longer one
    /// (cobra's `Long`); empty for none.
    pub long: &'static str,
    /// The `Examples:` block of `--help` (cobra's `Example`), empty for none.
    pub example: &'static str,
    /// Whether docker marks the command experimental (the "experimentalCLI" annotation):
    /// its `--help` then carries the `EXPERIMENTAL:` notice.
    pub experimental: bool,
    /// The `Aliases:` line of `--help` (docker's "aliases" annotation), empty for none.
    pub aliases_help: &'static str,
    /// The flags, declared once: they drive parsing and `--help`.
    pub flags: &'static [Flag],
    /// How many positional arguments it takes.
    pub args: Args,
    /// Whether flags may follow positional arguments. False for run, create, exec: there
    /// everything after the image or container belongs to the command inside.
    pub interspersed: bool,
    /// The handler; `None` for a real docker command Berth does not simulate yet.
    pub run: Option<Handler>,
    /// The handler takes the arguments as given, without flag parsing or `--help`: for the
    /// swarm-manager-only commands, which the daemon refuses whatever follows them.
    pub unparsed: bool,
    /// Subcommands of a management command.
    pub subcommands: &'static [Command],
    /// Where the root help lists it.
    pub group: Group,
    /// Served by the buildx CLI plugin: `--help` is laid out by the plugin's cobra (the
    /// description first, the experimental notice last), errors start with `ERROR: `, and at
    /// the top level it is listed as `name*`.
    pub plugin: bool,
    /// For docker's own commands that hand over to the plugin (`docker build` runs `docker
    /// buildx build`): the command path the plugin sees; empty otherwise.
    pub plugin_path: &'static str,
}

impl Command {
    /// A leaf command skeleton; fill in the rest with struct update syntax.
    pub const LEAF: Command = Command {
        name: "",
        aliases: &[],
        usage: "[OPTIONS]",
        short: "",
        long: "",
        example: "",
        experimental: false,
        aliases_help: "",
        flags: &[],
        args: Args::Any,
        interspersed: true,
        run: None,
        unparsed: false,
        subcommands: &[],
        group: Group::Other,
        plugin: false,
        plugin_path: "",
    };

    /// Whether `word` names this command.
    pub fn is_called(&self, word: &str) -> bool {
        self.name == word || self.aliases.contains(&word)
    }

    /// Whether it has subcommands (a management command or the root).
    pub fn has_subcommands(&self) -> bool {
        !self.subcommands.is_empty()
    }

    /// A management command skeleton (`docker volume`): no arguments of its own.
    pub const GROUP: Command = Command {
        usage: "COMMAND",
        args: Args::No,
        group: Group::Management,
        ..Command::LEAF
    };

    /// Whether `--help` and the root help list it.
    pub fn is_visible(&self) -> bool {
        self.group != Group::Hidden
    }

    /// The subcommand named `word`, if any.
    pub fn find(&self, word: &str) -> Option<&'static Command> {
        self.subcommands.iter().find(|c| c.is_called(word))
    }
}
