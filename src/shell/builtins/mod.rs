//! Shell builtins: commands the shell runs itself, because they change its state (`cd`,
//! `export`, `exit`…) or because every shell has them built in (`echo`, `test`, `printf`).

use super::flavor::Flavor;
use super::interp::Shell;
use super::program::BoxFut;

pub mod control;
pub mod dir;
pub mod info;
pub mod read;
pub mod test;
pub mod text;
pub mod vars;

/// A builtin: the shell and `argv` (the name first) to an exit status.
pub type Builtin = for<'a> fn(&'a mut Shell, &'a [String]) -> BoxFut<'a, i32>;

/// POSIX's special builtins: found before functions; their assignments persist.
pub fn is_special(name: &str) -> bool {
    matches!(
        name,
        ":" | "."
            | "break"
            | "continue"
            | "eval"
            | "exec"
            | "exit"
            | "export"
            | "readonly"
            | "return"
            | "set"
            | "shift"
            | "unset"
            | "trap"
            | "times"
    )
}

/// The builtin called `name` in this shell, if it has one.
pub fn find(flavor: Flavor, name: &str) -> Option<Builtin> {
    let bashlike = flavor.is_bashlike();
    Some(match name {
        ":" | "true" => control::true_,
        "false" => control::false_,
        "exit" => control::exit,
        "return" => control::return_,
        "break" | "continue" => control::break_,
        "eval" => control::eval,
        "." => control::source,
        "source" if bashlike => control::source,
        "exec" => control::exec,
        "cd" => dir::cd,
        "pwd" => dir::pwd,
        "umask" => dir::umask,
        "export" | "readonly" => vars::export,
        "unset" => vars::unset,
        "set" => vars::set,
        "shift" => vars::shift,
        "local" => vars::local,
        "let" if bashlike => vars::let_,
        "read" => read::read,
        "echo" => text::echo,
        "printf" => text::printf,
        "test" | "[" => test::test,
        "type" => info::type_,
        "command" => info::command,
        "wait" => info::wait,
        "kill" => info::kill,
        _ => return None,
    })
}

/// Whether a word is a reserved word of the shell (for `type`).
pub fn is_keyword(flavor: Flavor, name: &str) -> bool {
    matches!(
        name,
        "if" | "then"
            | "else"
            | "elif"
            | "fi"
            | "case"
            | "esac"
            | "for"
            | "while"
            | "until"
            | "do"
            | "done"
            | "{"
            | "}"
            | "!"
            | "in"
    ) || (flavor == Flavor::Bash && matches!(name, "[[" | "]]" | "function" | "time"))
}

/// Builtin error: `prefix` + `name: msg`.
pub async fn fail(sh: &Shell, name: &str, msg: &str) {
    sh.error(&format!("{name}: {msg}")).await;
}
