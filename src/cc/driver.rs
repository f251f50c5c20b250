//! The `gcc`/`cc` command: its command line, where it reads sources and writes objects and
//! executables, and what it prints, over a [`Host`] that stands for the container.

use super::code::Object;
use super::diag::{render, Diagnostic, Level, Style};
use super::{compile_unit, link, temp_object_name, HeaderSource, Options, SourceFile};
use crate::collections::SmallSort;

/// Why a file operation failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FsError {
    /// No such file or directory.
    NotFound,
    /// It is a directory.
    IsDir,
    /// Permission denied.
    Denied,
}

impl FsError {
    /// The text `strerror` gives.
    pub fn message(&self) -> &'static str {
        match self {
            FsError::NotFound => "No such file or directory",
            FsError::IsDir => "Is a directory",
            FsError::Denied => "Permission denied",
        }
    }
}

/// The container as the build tools see it. Paths may be relative to [`Host::cwd`]; the
/// host resolves them.
pub trait Host {
    /// Reads a whole file.
    fn read_file(&self, path: &str) -> Result<Vec<u8>, FsError>;
    /// Writes (creates or replaces) a file; `executable` sets its execute bits.
    fn write_file(&mut self, path: &str, data: &[u8], executable: bool) -> Result<(), FsError>;
    /// The file's modification time, if it exists.
    fn mtime(&self, path: &str) -> Option<i64>;
    /// Whether a directory exists there.
    fn is_dir(&self, path: &str) -> bool;
    /// The names in a directory (files and subdirectories), sorted.
    fn list_dir(&self, path: &str) -> Vec<String>;
    /// Creates a directory and its parents.
    fn create_dir_all(&mut self, path: &str) -> Result<(), FsError>;
    /// The absolute working directory.
    fn cwd(&self) -> String;
    /// Prints on standard output.
    fn stdout(&mut self, text: &str);
    /// Prints on standard error.
    fn stderr(&mut self, text: &str);
}

/// User headers read through a [`Host`].
pub struct HostHeaders<'a>(pub &'a dyn Host);

impl HeaderSource for HostHeaders<'_> {
    fn read(&self, path: &str) -> Option<String> {
        self.0
            .read_file(path)
            .ok()
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }
}

/// The compiler's identity, by style: what `gcc --version` prints.
fn version_text(style: Style) -> &'static str {
    match style {
        Style::Gcc5 => "gcc (GCC) 5.2.0\nCopyright (C) 2015 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n",
        Style::Gcc12 => "gcc (Debian 12.2.0-14) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\nThis is free software; see the source for copying conditions.  There is NO\nwarranty; not even for MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.\n\n",
    }
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// Runs `gcc ARGS…` (`argv[0]` is the command name, `gcc` or `cc`). Returns the exit status.
pub fn gcc(argv: &[String], host: &mut dyn Host, style: Style) -> i32 {
    let prog = argv
        .first()
        .map(|s| base_name(s).to_owned())
        .unwrap_or_else(|| "gcc".into());
    let mut opts = Options {
        style,
        ..Options::default()
    };
    let mut output: Option<String> = None;
    let mut compile_only = false;
    let mut no_warnings = false;
    let mut inputs: Vec<String> = Vec::new();
    let mut i = 1;
    let mut errors = Vec::new();
    let unrecognized = if style == Style::Gcc5 {
        "unrecognized command line option"
    } else {
        "unrecognized command-line option"
    };
    while i < argv.len() {
        let a = argv[i].as_str();
        i += 1;
        let mut value = |flag: &str, rest: &str, i: &mut usize| -> Option<String> {
            if !rest.is_empty() {
                return Some(rest.to_owned());
            }
            let v = argv.get(*i).cloned();
            if v.is_none() {
                errors.push(format!("{prog}: error: missing argument to '{flag}'"));
            }
            *i += 1;
            v
        };
        match a {
            "--version" => {
                host.stdout(version_text(style));
                return 0;
            }
            "-c" => compile_only = true,
            "-Wall" | "-Wextra" => opts.wall = true,
            "-Werror" => opts.werror = true,
            "-w" => no_warnings = true,
            "-v" | "-g" | "-pedantic" | "-pthread" | "-ansi" | "-static" | "-s" | "-pipe" => {}
            _ if a.starts_with("-o") => output = value("-o", &a[2..], &mut i),
            _ if a.starts_with("-I") => {
                if let Some(d) = value("-I", &a[2..], &mut i) {
                    opts.include_dirs.push(d);
                }
            }
            _ if a.starts_with("-D") => {
                if let Some(d) = value("-D", &a[2..], &mut i) {
                    let (k, v) = d.split_once('=').unwrap_or((&d, "1"));
                    opts.defines.push((k.to_owned(), v.to_owned()));
                }
            }
            _ if a.starts_with("-l") || a.starts_with("-L") => {
                let _ = value(&a[..2], &a[2..], &mut i);
            }
            _ if a.starts_with("-W")
                || a.starts_with("-O")
                || a.starts_with("-std=")
                || a.starts_with("-f")
                || a.starts_with("-m")
                || a.starts_with("-g") => {}
            _ if a.starts_with('-') && a.len() > 1 => {
                errors.push(format!("{prog}: error: {unrecognized} '{a}'"))
            }
            _ => inputs.push(a.to_owned()),
        }
    }
    // Read every input first: gcc reports each missing file.
    let mut sources: Vec<SourceFile> = Vec::new();
    let mut objects: Vec<(String, Object)> = Vec::new();
    let mut order: Vec<(bool, usize)> = Vec::new();
    for path in &inputs {
        match host.read_file(path) {
            Err(e) => errors.push(format!("{prog}: error: {path}: {}", e.message())),
            Ok(bytes) => {
                if path.ends_with(".o") || bytes.starts_with(b"\x7fELF") {
                    match Object::from_bytes(&bytes) {
                        Ok(o) => {
                            order.push((false, objects.len()));
                            objects.push((path.clone(), o));
                        }
                        Err(_) => {
                            let ld = if style == Style::Gcc5 {
                                String::new()
                            } else {
                                "/usr/bin/ld: ".into()
                            };
                            errors.push(format!("{ld}{path}: file not recognized: file format not recognized\ncollect2: error: ld returned 1 exit status"));
                        }
                    }
                } else {
                    order.push((true, sources.len()));
                    sources.push(SourceFile::new(path, &String::from_utf8_lossy(&bytes)));
                }
            }
        }
    }
    if inputs.is_empty() && errors.is_empty() {
        host.stderr(&format!(
            "{prog}: fatal error: no input files\ncompilation terminated.\n"
        ));
        return 1;
    }
    if compile_only && output.is_some() && inputs.len() > 1 {
        host.stderr(&format!("{prog}: fatal error: cannot specify '-o' with '-c', '-S' or '-E' with multiple files\ncompilation terminated.\n"));
        return 1;
    }
    if !errors.is_empty() {
        for e in &errors {
            host.stderr(&format!("{e}\n"));
        }
        if sources.is_empty() && objects.is_empty() {
            host.stderr(&format!(
                "{prog}: fatal error: no input files\ncompilation terminated.\n"
            ));
            return 1;
        }
    }
    let mut failed = !errors.is_empty();
    let mut compiled: Vec<(usize, Object)> = Vec::new();
    for (k, src) in sources.iter().enumerate() {
        let headers = HostHeaders(&*host);
        let r = compile_unit(src, &headers, &opts);
        let diags: Vec<Diagnostic> = match r {
            Ok((o, w)) => {
                compiled.push((k, o));
                w
            }
            Err(d) => {
                failed = true;
                d
            }
        };
        let shown: Vec<Diagnostic> = diags
            .into_iter()
            .filter(|d| {
                !(no_warnings && matches!(d.level, Level::Warning | Level::Note) && !d.is_error())
            })
            .collect();
        if !shown.is_empty() {
            host.stderr(&render(&shown, style));
        }
    }
    if failed {
        return 1;
    }
    if compile_only {
        for (k, obj) in compiled {
            let src = &sources[k].name;
            let out = match &output {
                Some(o) => o.clone(),
                None => {
                    let b = base_name(src);
                    format!("{}.o", b.strip_suffix(".c").unwrap_or(b))
                }
            };
            if let Err(e) = host.write_file(&out, &obj.to_bytes(), false) {
                host.stderr(&format!("{prog}: error: {out}: {}\n", e.message()));
                return 1;
            }
        }
        return 0;
    }
    // Link in command-line order, as ld sees the files.
    let mut all: Vec<(String, Object)> = Vec::new();
    let mut compiled_iter: Vec<Option<Object>> = {
        let mut v: Vec<Option<Object>> = (0..sources.len()).map(|_| None).collect();
        for (k, o) in compiled {
            v[k] = Some(o);
        }
        v
    };
    for (is_src, k) in order {
        if is_src {
            if let Some(o) = compiled_iter[k].take() {
                all.push((temp_object_name(&sources[k].text, k), o));
            }
        } else if let Some((n, o)) = objects.get(k) {
            all.push((n.clone(), o.clone()));
        }
    }
    let program = match link(&all, style) {
        Ok(p) => p,
        Err(d) => {
            host.stderr(&render(&d, style));
            return 1;
        }
    };
    let out = output.unwrap_or_else(|| "a.out".to_owned());
    if let Err(e) = host.write_file(&out, &program.to_bytes(), true) {
        let ld = if style == Style::Gcc5 {
            String::new()
        } else {
            "/usr/bin/ld: ".into()
        };
        host.stderr(&format!(
            "{ld}cannot open output file {out}: {}\ncollect2: error: ld returned 1 exit status\n",
            e.message()
        ));
        return 1;
    }
    0
}

/// A [`Host`] in memory: files with modification times, output collected. For tests and
/// for running the tools without a filesystem.
#[derive(Clone, Debug, Default)]
pub struct MemHost {
    /// Files by absolute path: contents, mtime, executable.
    pub files: crate::collections::SortedMap<String, (Vec<u8>, i64, bool)>,
    /// Directories that exist.
    pub dirs: crate::collections::SortedSet<String>,
    /// The working directory.
    pub cwd: String,
    /// What was printed on stdout.
    pub out: String,
    /// What was printed on stderr.
    pub err: String,
    /// The clock for mtimes; moves on by one at each write.
    pub clock: i64,
}

impl MemHost {
    /// An empty host working in `cwd`.
    pub fn new(cwd: &str) -> MemHost {
        let mut h = MemHost {
            cwd: cwd.to_owned(),
            clock: 1000,
            ..MemHost::default()
        };
        h.dirs.insert("/".into());
        let mut p = String::new();
        for part in cwd.split('/').filter(|s| !s.is_empty()) {
            p.push('/');
            p.push_str(part);
            h.dirs.insert(p.clone());
        }
        h
    }

    /// Absolute, normalized path.
    pub fn abs(&self, path: &str) -> String {
        let full = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("{}/{}", self.cwd.trim_end_matches('/'), path)
        };
        let mut parts: Vec<&str> = Vec::new();
        for p in full.split('/') {
            match p {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                _ => parts.push(p),
            }
        }
        format!("/{}", parts.join("/"))
    }

    /// Adds a file.
    pub fn put(&mut self, path: &str, text: &str) {
        self.clock += 1;
        let p = self.abs(path);
        self.files
            .insert(p, (text.as_bytes().to_vec(), self.clock, false));
    }

    /// Takes what was printed (stdout then stderr).
    pub fn take_output(&mut self) -> (String, String) {
        (std::mem::take(&mut self.out), std::mem::take(&mut self.err))
    }
}

impl Host for MemHost {
    fn read_file(&self, path: &str) -> Result<Vec<u8>, FsError> {
        let p = self.abs(path);
        if self.dirs.contains(&p) {
            return Err(FsError::IsDir);
        }
        self.files
            .get(&p)
            .map(|f| f.0.clone())
            .ok_or(FsError::NotFound)
    }
    fn write_file(&mut self, path: &str, data: &[u8], executable: bool) -> Result<(), FsError> {
        let p = self.abs(path);
        if self.dirs.contains(&p) {
            return Err(FsError::IsDir);
        }
        let parent = p
            .rsplit_once('/')
            .map(|(d, _)| if d.is_empty() { "/" } else { d })
            .unwrap_or("/")
            .to_owned();
        if !self.dirs.contains(&parent) {
            return Err(FsError::NotFound);
        }
        self.clock += 1;
        self.files
            .insert(p, (data.to_vec(), self.clock, executable));
        Ok(())
    }
    fn mtime(&self, path: &str) -> Option<i64> {
        self.files.get(&self.abs(path)).map(|f| f.1)
    }
    fn is_dir(&self, path: &str) -> bool {
        self.dirs.contains(&self.abs(path))
    }
    fn list_dir(&self, path: &str) -> Vec<String> {
        let dir = self.abs(path);
        let prefix = if dir == "/" {
            "/".to_owned()
        } else {
            format!("{dir}/")
        };
        let mut out: Vec<String> = self
            .files
            .keys()
            .chain(self.dirs.iter())
            .filter_map(|p| p.strip_prefix(&prefix))
            .filter(|rest| !rest.is_empty() && !rest.contains('/'))
            .map(String::from)
            .collect();
        out.small_sort();
        out.dedup();
        out
    }
    fn create_dir_all(&mut self, path: &str) -> Result<(), FsError> {
        let p = self.abs(path);
        let mut cur = String::new();
        for part in p.split('/').filter(|s| !s.is_empty()) {
            cur.push('/');
            cur.push_str(part);
            if self.files.contains_key(&cur) {
                return Err(FsError::NotFound);
            }
            self.dirs.insert(cur.clone());
        }
        Ok(())
    }
    fn cwd(&self) -> String {
        self.cwd.clone()
    }
    fn stdout(&mut self, text: &str) {
        self.out.push_str(text);
    }
    fn stderr(&mut self, text: &str) {
        self.err.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cc::{Machine, MemOs, Program, RunState};

    fn host() -> MemHost {
        let mut h = MemHost::new("/hw");
        h.put(
            "hello.c",
            "#include <stdio.h>\nint main(void) { printf(\"hi\\n\"); return 0; }\n",
        );
        h.put(
            "main.c",
            "int scaler(int);\nint main(void) { return scaler(2); }\n",
        );
        h.put(
            "scaler.c",
            "#include \"scaler.h\"\nint scaler(int x) { return x * SCALE; }\n",
        );
        h.put("scaler.h", "#define SCALE 21\n");
        h.put("bad.c", "int main(void) { return x; }\n");
        h
    }

    fn gcc_line(h: &mut MemHost, line: &str) -> i32 {
        let argv: Vec<String> = line.split_whitespace().map(String::from).collect();
        gcc(&argv, h, Style::Gcc12)
    }

    fn check(line: &str, status: i32, stderr: &str) {
        let mut h = host();
        assert_eq!(gcc_line(&mut h, line), status, "{line}: {}", h.err);
        assert_eq!(h.err, stderr, "{line}");
    }

    fn run_exe(h: &MemHost, path: &str) -> (RunState, String) {
        let p = Program::from_bytes(&h.read_file(path).unwrap()).unwrap();
        let mut m = Machine::new(p, &[path.into()], &[]);
        let mut os = MemOs::with_stdin(b"");
        let st = m.run(1_000_000, &mut os);
        (st, String::from_utf8_lossy(&os.stdout).into_owned())
    }

    #[test]
    fn command_lines() {
        check("gcc hello.c -o hello", 0, "");
        check("cc -Wall -o hello hello.c", 0, "");
        check("gcc nofile.c", 1, "gcc: error: nofile.c: No such file or directory\ngcc: fatal error: no input files\ncompilation terminated.\n");
        check(
            "gcc",
            1,
            "gcc: fatal error: no input files\ncompilation terminated.\n",
        );
        check("gcc -c main.c scaler.c -o x.o", 1, "gcc: fatal error: cannot specify '-o' with '-c', '-S' or '-E' with multiple files\ncompilation terminated.\n");
        check(
            "gcc --frobnicate hello.c",
            1,
            "gcc: error: unrecognized command-line option '--frobnicate'\n",
        );
        check("gcc bad.c", 1, "bad.c: In function 'main':\nbad.c:1:25: error: 'x' undeclared (first use in this function)\n    1 | int main(void) { return x; }\n      |                         ^\nbad.c:1:25: note: each undeclared identifier is reported only once for each function it appears in\n");
    }

    #[test]
    fn outputs_and_linking() {
        let mut h = host();
        assert_eq!(gcc_line(&mut h, "gcc hello.c"), 0);
        assert_eq!(run_exe(&h, "a.out"), (RunState::Exited(0), "hi\n".into()));
        assert!(h.files["/hw/a.out"].2, "executable bit");
        assert!(h.files["/hw/a.out"].0.starts_with(b"\x7fELF"));
        assert_eq!(gcc_line(&mut h, "gcc -c main.c"), 0);
        assert_eq!(gcc_line(&mut h, "gcc -c scaler.c"), 0);
        assert!(h.files.contains_key("/hw/main.o") && h.files.contains_key("/hw/scaler.o"));
        assert_eq!(
            gcc_line(&mut h, "gcc main.o scaler.o -o app"),
            0,
            "{}",
            h.err
        );
        assert_eq!(run_exe(&h, "app").0, RunState::Exited(42));
        assert_eq!(gcc_line(&mut h, "gcc main.c scaler.c -o app2"), 0);
        assert_eq!(run_exe(&h, "app2").0, RunState::Exited(42));
        // A missing function is the linker's complaint.
        let mut h = host();
        assert_eq!(gcc_line(&mut h, "gcc -c main.c"), 0);
        assert_eq!(gcc_line(&mut h, "gcc main.o -o app"), 1);
        assert_eq!(h.err, "/usr/bin/ld: main.o: in function `main':\nmain.c:(.text+0xd): undefined reference to `scaler'\ncollect2: error: ld returned 1 exit status\n");
    }
}
