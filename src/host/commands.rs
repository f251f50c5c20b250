//! The host shell's file commands: PowerShell's `dir`, `cd`, `type`, `mkdir`, `del`, `pwd`
//! (and their cmdlet names and aliases) on Windows, bash's `ls`, `cd`, `cat`, `mkdir`,
//! `rm`, `pwd`, `touch` on Linux, all on the host's disk, in each shell's output format.

use super::{Host, HostKind};
use crate::collections::SmallSort;
use crate::fs::{Content, Errno, Fs, Kind, Stat};
use crate::output::Output;
use crate::ports::Nanos;
use crate::shell::programs::ls::columns;
use crate::shell::programs::util::ls_time;

/// What a file command needs: the host, the terminal's current directory (a disk path,
/// changed by `cd`) and the time.
pub struct Ctx<'a> {
    /// The host whose disk the command works on.
    pub host: &'a Host,
    /// The terminal's current directory, a disk path.
    pub cwd: &'a mut String,
    /// The time of the command.
    pub now: Nanos,
    /// The terminal's width in columns.
    pub columns: usize,
}

/// Runs `words` if it names a file command of the host's shell; `None` otherwise.
pub fn run(ctx: &mut Ctx<'_>, words: &[String], out: &mut Output) -> Option<i32> {
    let name = words.first()?.to_ascii_lowercase();
    let args = &words[1..];
    match ctx.host.kind {
        HostKind::Windows => windows(ctx, &name, args, out),
        HostKind::Linux => linux(ctx, &name, args, out),
    }
}

/// Text the host's shell writes into a file for `>`: PowerShell ends lines with CRLF.
pub fn redirected_text(kind: HostKind, text: &str) -> String {
    match kind {
        HostKind::Linux => text.to_owned(),
        HostKind::Windows => text.replace("\r\n", "\n").replace('\n', "\r\n"),
    }
}

// ----- PowerShell -----

fn windows(ctx: &mut Ctx<'_>, name: &str, args: &[String], out: &mut Output) -> Option<i32> {
    let cmdlet = match name {
        "dir" | "ls" | "gci" | "get-childitem" => "Get-ChildItem",
        "cd" | "sl" | "chdir" | "set-location" => "Set-Location",
        "type" | "cat" | "gc" | "get-content" => "Get-Content",
        "mkdir" | "md" => "mkdir",
        "ni" | "new-item" => "New-Item",
        "del" | "rm" | "erase" | "ri" | "rd" | "rmdir" | "remove-item" => "Remove-Item",
        "pwd" | "gl" | "get-location" => "Get-Location",
        _ => return None,
    };
    let (paths, switches) = ps_args(args);
    let code = match cmdlet {
        "Get-ChildItem" => ps_dir(ctx, &paths, out),
        "Set-Location" => ps_cd(ctx, paths.first().map(String::as_str), out),
        "Get-Content" => ps_type(ctx, &paths, out),
        "Get-Location" => {
            out.out(format!(
                "\nPath\n----\n{}\n\n",
                ctx.host.display_path(ctx.cwd)
            ));
            0
        }
        "mkdir" => ps_new_item(ctx, "New-Item", &paths, true, out),
        "New-Item" => {
            let dir = switches.iter().any(|(k, v)| {
                "itemtype".starts_with(k.as_str()) && v.eq_ignore_ascii_case("directory")
            });
            ps_new_item(ctx, "New-Item", &paths, dir, out)
        }
        _ => {
            let recurse = switches.iter().any(|(k, _)| k == "recurse" || k == "r");
            ps_remove(ctx, &paths, recurse, out)
        }
    };
    Some(code)
}

/// Positional paths and `-Name value` switches (lowercased names). `-Path`, `-LiteralPath`
/// and `-Name` give paths; `-ItemType` takes a value; others are flags.
fn ps_args(args: &[String]) -> (Vec<String>, Vec<(String, String)>) {
    let mut paths = Vec::new();
    let mut switches = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.strip_prefix('-') {
            Some(sw) if !sw.is_empty() => {
                let sw = sw.to_ascii_lowercase();
                if ["path", "literalpath", "name"].contains(&sw.as_str()) {
                    if let Some(v) = it.next() {
                        paths.push(v.clone());
                    }
                } else if "itemtype".starts_with(&sw) || sw == "type" {
                    let v = it.next().cloned().unwrap_or_default();
                    switches.push(("itemtype".to_owned(), v));
                } else {
                    switches.push((sw, String::new()));
                }
            }
            _ => paths.push(a.clone()),
        }
    }
    (paths, switches)
}

fn ps_error(out: &mut Output, cmdlet: &str, text: &str) -> i32 {
    out.err(format!("\x1b[31;1m{cmdlet}: {text}\x1b[0m\n"));
    1
}

fn ps_not_found(out: &mut Output, cmdlet: &str, shown: &str) -> i32 {
    ps_error(
        out,
        cmdlet,
        &format!("Cannot find path '{shown}' because it does not exist."),
    )
}

/// PowerShell's `LastWriteTime` column: `M/d/yyyy h:mm tt`, date right-aligned in 10.
fn ps_time(t: Nanos) -> String {
    let (y, mo, d, h, mi, _, _) = crate::daemon::events::civil(t);
    let (h12, ampm) = match h {
        0 => (12, "AM"),
        1..=11 => (h, "AM"),
        12 => (12, "PM"),
        _ => (h - 12, "PM"),
    };
    format!(
        "{:>10} {:>8}",
        format!("{mo}/{d}/{y}"),
        format!("{h12}:{mi:02} {ampm}")
    )
}

/// One row of PowerShell's file table.
fn ps_row(name: &str, st: &Stat) -> String {
    let (mode, len, shown) = if st.kind == Kind::Dir {
        ("d----", String::new(), format!("\x1b[44;1m{name}\x1b[0m"))
    } else {
        ("-a---", st.size.to_string(), name.to_owned())
    };
    format!("{mode}{:>29}{len:>15} {shown}\n", ps_time(st.mtime))
}

/// The table PowerShell prints for items of one directory.
fn ps_table(dir_shown: &str, rows: &str) -> String {
    format!(
        "\n    Directory: {dir_shown}\n\n{:<4}{:>30}{:>15} {}\n{:<4}{:>30}{:>15} {}\n{rows}\n",
        "Mode", "LastWriteTime", "Length", "Name", "----", "-------------", "------", "----"
    )
}

fn ps_dir(ctx: &mut Ctx<'_>, paths: &[String], out: &mut Output) -> i32 {
    let targets: Vec<String> = if paths.is_empty() {
        vec![".".to_owned()]
    } else {
        paths.to_vec()
    };
    let mut code = 0;
    for typed in &targets {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        let disk = ctx.host.disk().borrow();
        match disk.stat(&path) {
            Err(_) => {
                code = ps_not_found(out, "Get-ChildItem", &ctx.host.display_path(&path));
            }
            Ok(st) if st.is_dir() => {
                let names = disk.read_dir(&path).unwrap_or_default();
                // PowerShell lists folders first, each group by name ignoring case.
                let mut entries: Vec<(String, Stat)> = names
                    .into_iter()
                    .filter_map(|n| {
                        let st = disk.stat(&crate::fs::path::join(&path, &n)).ok()?;
                        Some((n, st))
                    })
                    .collect();
                entries.small_sort_by_key(|(n, st)| (st.kind != Kind::Dir, n.to_ascii_lowercase()));
                if !entries.is_empty() {
                    let rows: String = entries.iter().map(|(n, st)| ps_row(n, st)).collect();
                    out.out(ps_table(&ctx.host.display_path(&path), &rows));
                }
            }
            Ok(st) => {
                let (parent, name) = path.rsplit_once('/').unwrap_or(("/", path.as_str()));
                let parent = if parent.is_empty() { "/" } else { parent };
                out.out(ps_table(&ctx.host.display_path(parent), &ps_row(name, &st)));
            }
        }
    }
    code
}

fn ps_cd(ctx: &mut Ctx<'_>, typed: Option<&str>, out: &mut Output) -> i32 {
    let path = match typed {
        None => ctx.host.home_disk().to_owned(),
        Some(t) => ctx.host.resolve_from(ctx.cwd, t),
    };
    let is_dir = ctx
        .host
        .disk()
        .borrow()
        .stat(&path)
        .is_ok_and(|s| s.is_dir());
    if !is_dir {
        return ps_not_found(out, "Set-Location", &ctx.host.display_path(&path));
    }
    *ctx.cwd = path;
    0
}

fn ps_type(ctx: &mut Ctx<'_>, paths: &[String], out: &mut Output) -> i32 {
    let mut code = 0;
    for typed in paths {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        let shown = ctx.host.display_path(&path);
        let disk = ctx.host.disk().borrow();
        match disk.read(&path) {
            Ok(c) => {
                let text = String::from_utf8_lossy(&c.to_vec()).into_owned();
                for line in text.lines() {
                    out.out(format!("{line}\n"));
                }
            }
            Err(Errno::EISDIR) => {
                code = ps_error(
                    out,
                    "Get-Content",
                    &format!("Unable to get content because it is a directory: '{shown}'. Please use 'Get-ChildItem' instead."),
                );
            }
            Err(_) => code = ps_not_found(out, "Get-Content", &shown),
        }
    }
    if paths.is_empty() {
        code = ps_error(
            out,
            "Get-Content",
            "Cannot process command because of one or more missing mandatory parameters: Path.",
        );
    }
    code
}

fn ps_new_item(
    ctx: &mut Ctx<'_>,
    cmdlet: &str,
    paths: &[String],
    dir: bool,
    out: &mut Output,
) -> i32 {
    let mut code = 0;
    for typed in paths {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        let shown = ctx.host.display_path(&path);
        let caller = ctx.host.caller(ctx.now);
        let mut disk = ctx.host.disk().borrow_mut();
        if disk.lstat(&path).is_ok() {
            code = ps_error(
                out,
                cmdlet,
                &format!("An item with the specified name {shown} already exists."),
            );
            continue;
        }
        let made = if dir {
            disk.mkdir_all(&caller, &path, 0o755)
        } else {
            disk.write(&caller, &path, Content::empty())
        };
        match made.and_then(|()| disk.stat(&path)) {
            Ok(st) => {
                let (parent, name) = path.rsplit_once('/').unwrap_or(("/", path.as_str()));
                out.out(ps_table(&ctx.host.display_path(parent), &ps_row(name, &st)));
            }
            Err(_) => {
                code = ps_error(
                    out,
                    cmdlet,
                    &format!("Could not find a part of the path '{shown}'."),
                );
            }
        }
    }
    code
}

fn ps_remove(ctx: &mut Ctx<'_>, paths: &[String], recurse: bool, out: &mut Output) -> i32 {
    let mut code = 0;
    for typed in paths {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        let shown = ctx.host.display_path(&path);
        let caller = ctx.host.caller(ctx.now);
        let mut disk = ctx.host.disk().borrow_mut();
        let Ok(st) = disk.lstat(&path) else {
            code = ps_not_found(out, "Remove-Item", &shown);
            continue;
        };
        let has_children = st.is_dir() && disk.read_dir(&path).is_ok_and(|n| !n.is_empty());
        if has_children && !recurse {
            // PowerShell asks to confirm here; the simulator asks for -Recurse instead.
            out.err(format!(
                "berth: \"Remove-Item {typed}\": the folder has items; add -Recurse to remove them with it (PowerShell would ask to confirm)\n"
            ));
            code = 1;
            continue;
        }
        let removed = if st.is_dir() {
            disk.remove_all(&caller, &path)
        } else {
            disk.remove_file(&caller, &path)
        };
        if removed.is_err() {
            code = ps_error(
                out,
                "Remove-Item",
                &format!("Cannot remove item {shown}: Access to the path '{shown}' is denied."),
            );
        }
    }
    code
}

// ----- bash -----

fn linux(ctx: &mut Ctx<'_>, name: &str, args: &[String], out: &mut Output) -> Option<i32> {
    let (opts, operands) = short_opts(args);
    let code = match name {
        "ls" => bash_ls(ctx, &opts, &operands, out),
        "cd" => bash_cd(ctx, operands.first().map(String::as_str), out),
        "pwd" => {
            out.out(format!("{}\n", ctx.cwd));
            0
        }
        "cat" => bash_each(ctx, "cat", &operands, out, |ctx, path, out| {
            let disk = ctx.host.disk().borrow();
            let c = disk.read(path)?;
            out.out(String::from_utf8_lossy(&c.to_vec()));
            Ok(())
        }),
        "mkdir" => {
            let parents = opts.contains('p');
            bash_each(ctx, "mkdir", &operands, out, |ctx, path, _| {
                let caller = ctx.host.caller(ctx.now);
                let mut disk = ctx.host.disk().borrow_mut();
                if parents {
                    disk.mkdir_all(&caller, path, 0o777)
                } else {
                    disk.mkdir(&caller, path, 0o777)
                }
            })
        }
        "touch" => bash_each(ctx, "touch", &operands, out, |ctx, path, _| {
            let caller = ctx.host.caller(ctx.now);
            ctx.host.disk().borrow_mut().touch(&caller, path)
        }),
        "rm" => {
            let (recursive, force) = (opts.contains('r') || opts.contains('R'), opts.contains('f'));
            bash_each(ctx, "rm", &operands, out, |ctx, path, _| {
                let caller = ctx.host.caller(ctx.now);
                let mut disk = ctx.host.disk().borrow_mut();
                match disk.lstat(path) {
                    Err(Errno::ENOENT) if force => Ok(()),
                    Err(e) => Err(e),
                    Ok(st) if st.is_dir() && !recursive => Err(Errno::EISDIR),
                    Ok(st) if st.is_dir() => disk.remove_all(&caller, path),
                    Ok(_) => disk.remove_file(&caller, path),
                }
            })
        }
        _ => return None,
    };
    Some(code)
}

/// Letters of `-x` options and the other words.
fn short_opts(args: &[String]) -> (String, Vec<String>) {
    let mut opts = String::new();
    let mut operands = Vec::new();
    for a in args {
        match a.strip_prefix('-') {
            Some(o) if !o.is_empty() && !o.starts_with('-') => opts.push_str(o),
            _ => operands.push(a.clone()),
        }
    }
    (opts, operands)
}

/// GNU coreutils' message for an errno.
fn gnu_text(e: Errno) -> &'static str {
    e.text(crate::fs::Libc::Glibc)
}

/// Runs `f` on each operand, printing GNU's `PROG: cannot …` errors.
fn bash_each(
    ctx: &mut Ctx<'_>,
    prog: &str,
    operands: &[String],
    out: &mut Output,
    f: impl Fn(&mut Ctx<'_>, &str, &mut Output) -> Result<(), Errno>,
) -> i32 {
    if operands.is_empty() {
        out.err(format!(
            "{prog}: missing operand\nTry '{prog} --help' for more information.\n"
        ));
        return 1;
    }
    let mut code = 0;
    for typed in operands {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        if let Err(e) = f(ctx, &path, out) {
            let msg = match prog {
                "mkdir" => format!("mkdir: cannot create directory ‘{typed}’: {}", gnu_text(e)),
                "rm" => format!("rm: cannot remove '{typed}': {}", gnu_text(e)),
                "touch" => format!("touch: cannot touch '{typed}': {}", gnu_text(e)),
                _ => format!("{prog}: {typed}: {}", gnu_text(e)),
            };
            out.err(format!("{msg}\n"));
            code = 1;
        }
    }
    code
}

fn bash_cd(ctx: &mut Ctx<'_>, typed: Option<&str>, out: &mut Output) -> i32 {
    let Some(typed) = typed else {
        *ctx.cwd = ctx.host.home_disk().to_owned();
        return 0;
    };
    let path = ctx.host.resolve_from(ctx.cwd, typed);
    match ctx.host.disk().borrow().stat(&path) {
        Ok(st) if st.is_dir() => {
            *ctx.cwd = path;
            0
        }
        Ok(_) => {
            out.err(format!("bash: cd: {typed}: Not a directory\n"));
            1
        }
        Err(e) => {
            out.err(format!("bash: cd: {typed}: {}\n", gnu_text(e)));
            1
        }
    }
}

fn bash_ls(ctx: &mut Ctx<'_>, opts: &str, operands: &[String], out: &mut Output) -> i32 {
    let all = opts.contains('a');
    let long = opts.contains('l');
    let targets: Vec<String> = if operands.is_empty() {
        vec![".".to_owned()]
    } else {
        operands.to_vec()
    };
    let disk = ctx.host.disk().borrow();
    let mut code = 0;
    let mut files: Vec<(String, Stat)> = Vec::new();
    let mut dirs: Vec<(String, String)> = Vec::new();
    for typed in &targets {
        let path = ctx.host.resolve_from(ctx.cwd, typed);
        match disk.stat(&path) {
            Ok(st) if st.is_dir() => dirs.push((typed.clone(), path)),
            Ok(st) => files.push((typed.clone(), st)),
            Err(e) => {
                out.err(format!("ls: cannot access '{typed}': {}\n", gnu_text(e)));
                code = 2;
            }
        }
    }
    let render = |entries: &[(String, Stat)], total: bool| -> String {
        if long {
            let mut s = String::new();
            if total {
                let blocks: u64 = entries.iter().map(|(_, st)| st.blocks() / 2).sum();
                s.push_str(&format!("total {blocks}\n"));
            }
            let wl = entries
                .iter()
                .map(|(_, st)| st.nlink.to_string().len())
                .max()
                .unwrap_or(0);
            let ws = entries
                .iter()
                .map(|(_, st)| st.size.to_string().len())
                .max()
                .unwrap_or(0);
            for (name, st) in entries {
                s.push_str(&format!(
                    "{} {:>wl$} student student {:>ws$} {} {name}\n",
                    st.mode_string(),
                    st.nlink,
                    st.size,
                    ls_time(st.mtime, ctx.now),
                ));
            }
            s
        } else {
            let names: Vec<String> = entries.iter().map(|(n, _)| n.clone()).collect();
            columns(&names, ctx.columns)
        }
    };
    if !files.is_empty() {
        out.out(render(&files, false));
    }
    let headers = targets.len() > 1;
    for (i, (typed, path)) in dirs.iter().enumerate() {
        let mut names = disk.read_dir(path).unwrap_or_default();
        if all {
            names.splice(0..0, [".".to_owned(), "..".to_owned()]);
        } else {
            names.retain(|n| !n.starts_with('.'));
        }
        names.small_sort_by_key(|n| n.trim_start_matches('.').to_ascii_lowercase());
        let entries: Vec<(String, Stat)> = names
            .into_iter()
            .filter_map(|n| {
                let st = disk.stat(&crate::fs::path::join(path, &n)).ok()?;
                Some((n, st))
            })
            .collect();
        if headers {
            if i > 0 || !files.is_empty() {
                out.out("\n");
            }
            out.out(format!("{typed}:\n"));
        }
        out.out(render(&entries, true));
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(kind: HostKind, lines: &[&str], expected: &str) {
        let host = Host::new(kind);
        let mut cwd = host.home_disk().to_owned();
        let mut text = String::new();
        for line in lines {
            let words: Vec<String> = line.split(' ').map(str::to_owned).collect();
            let mut out = Output::default();
            let mut ctx = Ctx {
                host: &host,
                cwd: &mut cwd,
                now: 1_800_000_000 * 1_000_000_000,
                columns: 80,
            };
            if run(&mut ctx, &words, &mut out).is_none() {
                text.push_str("<none>\n");
            }
            text.push_str(&strip_ansi(&out.text()));
        }
        assert_eq!(text, expected, "{lines:?}");
    }

    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut esc = false;
        for c in s.chars() {
            match (esc, c) {
                (false, '\x1b') => esc = true,
                (false, c) => out.push(c),
                (true, 'm') => esc = false,
                (true, _) => {}
            }
        }
        out
    }

    #[test]
    fn powershell_file_commands() {
        use HostKind::Windows as W;
        check(
            W,
            &["cd c:/temp1", "type t1.txt"],
            include_str!("seed/t1.txt"),
        );
        check(
            W,
            &[r"dir C:\temp1"],
            "\n    Directory: C:\\temp1\n\nMode                 LastWriteTime         Length Name\n----                 -------------         ------ ----\n-a---            9/2/2024  9:00 AM            101 t1.txt\n\n",
        );
        check(W, &["cd /c/codec", "pwd"], "\nPath\n----\nC:\\codec\n\n");
        check(W, &["cd nope"], "Set-Location: Cannot find path 'C:\\Users\\student\\nope' because it does not exist.\n");
        check(W, &["type c:/temp1"], "Get-Content: Unable to get content because it is a directory: 'C:\\temp1'. Please use 'Get-ChildItem' instead.\n");
        check(
            W,
            &["del x"],
            "Remove-Item: Cannot find path 'C:\\Users\\student\\x' because it does not exist.\n",
        );
        check(W, &["mkdir a", "del a", "dir a"], "\n    Directory: C:\\Users\\student\n\nMode                 LastWriteTime         Length Name\n----                 -------------         ------ ----\nd----           1/15/2027  8:00 AM                a\n\nGet-ChildItem: Cannot find path 'C:\\Users\\student\\a' because it does not exist.\n");
        check(W, &["frobnicate"], "<none>\n");
    }

    #[test]
    fn bash_file_commands() {
        use HostKind::Linux as L;
        check(
            L,
            &["cd temp1", "pwd", "ls"],
            "/home/student/temp1\nt1.txt\n",
        );
        check(L, &["ls"], "codec  Desktop  Documents  Downloads  temp1\n");
        check(
            L,
            &["ls -l temp1"],
            "total 4\n-rw-r--r-- 1 student student 101 Sep  2  2024 t1.txt\n",
        );
        check(
            L,
            &["cd nope"],
            "bash: cd: nope: No such file or directory\n",
        );
        check(
            L,
            &["cd temp1/t1.txt"],
            "bash: cd: temp1/t1.txt: Not a directory\n",
        );
        check(L, &["cat nope"], "cat: nope: No such file or directory\n");
        check(
            L,
            &["mkdir a/b"],
            "mkdir: cannot create directory ‘a/b’: No such file or directory\n",
        );
        check(L, &["mkdir -p a/b", "rm a", "rm -r a", "ls a"], "rm: cannot remove 'a': Is a directory\nls: cannot access 'a': No such file or directory\n");
    }
}
