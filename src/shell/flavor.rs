//! The three shells Berth's images ship — bash, dash (Debian and Ubuntu's `/bin/sh`) and
//! busybox ash (Alpine's) — and where they differ: error texts, prompts, `echo`.

use super::fs::Errno;
use super::parser::SyntaxError;

/// Which shell this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// GNU bash.
    Bash,
    /// The Debian Almquist shell.
    Dash,
    /// Busybox's ash.
    Ash,
}

/// Whether the file was being opened for reading or created for writing (dash and ash word
/// `ENOENT` differently for each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenFor {
    /// `<`.
    Read,
    /// `>`, `>>`.
    Write,
}

impl Flavor {
    /// The flavour a program name stands for: `bash`; `dash` and plain `sh` (Debian's
    /// `/bin/sh`); `ash` and busybox's `sh` applet.
    pub fn from_exec(name: &str) -> Flavor {
        match name {
            "bash" | "rbash" => Flavor::Bash,
            "ash" => Flavor::Ash,
            _ => Flavor::Dash,
        }
    }

    /// Whether `&>` redirects both streams and `[[`, `((`, `function` exist.
    pub fn is_bashlike(self) -> bool {
        matches!(self, Flavor::Bash | Flavor::Ash)
    }

    /// The error line for a command that was not found (after the shell's prefix).
    pub fn not_found(self, cmd: &str) -> String {
        match self {
            Flavor::Bash => format!("{cmd}: command not found"),
            _ => format!("{cmd}: not found"),
        }
    }

    /// The error for a path (with a slash) that cannot be run, by errno.
    pub fn cannot_exec(self, cmd: &str, e: Errno) -> String {
        match (self, e) {
            (Flavor::Bash, Errno::EISDIR) => format!("{cmd}: Is a directory"),
            (_, Errno::EISDIR) => format!("{cmd}: Permission denied"),
            (Flavor::Bash, Errno::ENOENT) => format!("{cmd}: No such file or directory"),
            (_, Errno::ENOENT) => format!("{cmd}: not found"),
            (Flavor::Bash, Errno::EINVAL) => {
                format!("{cmd}: cannot execute binary file: Exec format error")
            }
            (_, Errno::EINVAL) => format!("{cmd}: Exec format error"),
            (_, e) => format!("{cmd}: {e}"),
        }
    }

    /// The error for a redirection whose file could not be opened.
    pub fn redirect_error(self, file: &str, e: Errno, how: OpenFor) -> String {
        match self {
            Flavor::Bash => format!("{file}: {e}"),
            Flavor::Dash => {
                let text = match (e, how) {
                    (Errno::ENOENT, OpenFor::Read) => "No such file",
                    (Errno::ENOENT, OpenFor::Write) => "Directory nonexistent",
                    (e, _) => e.text(),
                };
                match how {
                    OpenFor::Read => format!("cannot open {file}: {text}"),
                    OpenFor::Write => format!("cannot create {file}: {text}"),
                }
            }
            Flavor::Ash => {
                let text = match (e, how) {
                    (Errno::ENOENT, OpenFor::Read) => "no such file",
                    (Errno::ENOENT, OpenFor::Write) => "nonexistent directory",
                    (e, _) => e.text(),
                };
                match how {
                    OpenFor::Read => format!("can't open {file}: {text}"),
                    OpenFor::Write => format!("can't create {file}: {text}"),
                }
            }
        }
    }

    /// The error for `cd` into a directory that cannot be entered.
    pub fn cd_error(self, dir: &str, e: Errno) -> String {
        match self {
            Flavor::Bash => format!("cd: {dir}: {e}"),
            Flavor::Dash => format!("cd: can't cd to {dir}"),
            Flavor::Ash => format!("cd: can't cd to {dir}: {e}"),
        }
    }

    /// The syntax error message (after the prefix).
    pub fn syntax_error(self, e: &SyntaxError) -> String {
        match (self, e) {
            (Flavor::Bash, SyntaxError::Incomplete) => {
                "syntax error: unexpected end of file".into()
            }
            (Flavor::Bash, SyntaxError::Unexpected(t)) => {
                format!("syntax error near unexpected token `{t}'")
            }
            (Flavor::Bash, SyntaxError::BadSubstitution(t)) => format!("{t}: bad substitution"),
            (Flavor::Dash, SyntaxError::Incomplete) => {
                "Syntax error: end of file unexpected".into()
            }
            (Flavor::Dash, SyntaxError::Unexpected(t)) if t == "newline" || t == "end of file" => {
                format!("Syntax error: {t} unexpected")
            }
            (Flavor::Dash, SyntaxError::Unexpected(t)) => {
                format!("Syntax error: \"{t}\" unexpected")
            }
            (Flavor::Dash, SyntaxError::BadSubstitution(_)) => {
                "Syntax error: Bad substitution".into()
            }
            (Flavor::Ash, SyntaxError::Incomplete) => "syntax error: unexpected end of file".into(),
            (Flavor::Ash, SyntaxError::Unexpected(t)) if t == "newline" => {
                "syntax error: unexpected newline".into()
            }
            (Flavor::Ash, SyntaxError::Unexpected(t)) => {
                format!("syntax error: unexpected \"{t}\"")
            }
            (Flavor::Ash, SyntaxError::BadSubstitution(_)) => {
                "syntax error: bad substitution".into()
            }
        }
    }

    /// The default `PS1` for a user (`root` gets `#`).
    pub fn default_ps1(self, root: bool) -> String {
        match self {
            Flavor::Bash => "\\u@\\h:\\w\\$ ".into(),
            Flavor::Ash => "\\w \\$ ".into(),
            Flavor::Dash => if root { "# " } else { "$ " }.into(),
        }
    }
}

/// Expands the backslash escapes of a bash or ash prompt: `\u` user, `\h` short host, `\H`
/// host, `\w` working directory with `~` for home, `\W` its last component, `\$` `#` for
/// root and `$` otherwise, `\n`, `\\`.
pub fn expand_prompt(
    ps1: &str,
    user: &str,
    host: &str,
    cwd: &str,
    home: &str,
    root: bool,
) -> String {
    let tilde =
        if !home.is_empty() && home != "/" && (cwd == home || cwd.starts_with(&format!("{home}/")))
        {
            format!("~{}", &cwd[home.len()..])
        } else {
            cwd.to_owned()
        };
    let mut out = String::new();
    let mut cs = ps1.chars();
    while let Some(c) = cs.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match cs.next() {
            Some('u') => out.push_str(user),
            Some('h') => out.push_str(host.split('.').next().unwrap_or(host)),
            Some('H') => out.push_str(host),
            Some('w') => out.push_str(&tilde),
            Some('W') => {
                if tilde == "~" || cwd == "/" {
                    out.push_str(&tilde);
                } else {
                    out.push_str(cwd.rsplit('/').next().unwrap_or(cwd));
                }
            }
            Some('$') => out.push(if root { '#' } else { '$' }),
            Some('n') => out.push('\n'),
            Some('s') => out.push_str("bash"),
            Some('[' | ']') => {}
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts() {
        let p = |f: Flavor, cwd: &str| {
            expand_prompt(
                &f.default_ps1(true),
                "root",
                "3f4e5a6b7c8d",
                cwd,
                "/root",
                true,
            )
        };
        assert_eq!(p(Flavor::Bash, "/"), "root@3f4e5a6b7c8d:/# ");
        assert_eq!(p(Flavor::Bash, "/hw"), "root@3f4e5a6b7c8d:/hw# ");
        assert_eq!(p(Flavor::Bash, "/root/x"), "root@3f4e5a6b7c8d:~/x# ");
        assert_eq!(p(Flavor::Ash, "/"), "/ # ");
        assert_eq!(p(Flavor::Ash, "/root"), "~ # ");
        assert_eq!(p(Flavor::Dash, "/"), "# ");
    }
}
