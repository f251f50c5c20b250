//! A small cmake: reads a `CMakeLists.txt` with `cmake_minimum_required`, `project`,
//! `add_executable`, `set`, `include_directories`, `add_compile_options`,
//! `target_link_libraries` and `message`, prints cmake's configure lines, and writes a
//! Makefile (for [`super::make`]) that builds and reports progress the way cmake's does.

use super::diag::Style;
use super::driver::Host;

struct Command {
    name: String,
    args: Vec<String>,
    line: usize,
}

/// Splits CMakeLists.txt text into commands with their (unexpanded) arguments.
fn parse(text: &str) -> Result<Vec<Command>, (usize, String)> {
    let b: Vec<char> = text.chars().collect();
    let mut i = 0;
    let mut line = 1;
    let mut out = Vec::new();
    while i < b.len() {
        let c = b[i];
        if c == '\n' {
            line += 1;
            i += 1;
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c == '#' {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if !(c.is_ascii_alphanumeric() || c == '_') {
            return Err((line, format!("Parse error.  Expected a command name, got unquoted argument with text \"{c}\".")));
        }
        let start_line = line;
        let mut name = String::new();
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == '_') {
            name.push(b[i]);
            i += 1;
        }
        while i < b.len() && (b[i] == ' ' || b[i] == '\t') {
            i += 1;
        }
        if b.get(i) != Some(&'(') {
            return Err((
                start_line,
                "Parse error.  Expected \"(\", got newline with text \"\n\".".into(),
            ));
        }
        i += 1;
        let mut args = Vec::new();
        let mut depth = 0;
        loop {
            let Some(&c) = b.get(i) else {
                return Err((
                    start_line,
                    "Parse error.  Function missing ending \")\".  End of file reached.".into(),
                ));
            };
            match c {
                '\n' => {
                    line += 1;
                    i += 1;
                }
                c if c.is_whitespace() => i += 1,
                '#' => {
                    while i < b.len() && b[i] != '\n' {
                        i += 1;
                    }
                }
                '(' => {
                    depth += 1;
                    i += 1;
                }
                ')' if depth > 0 => {
                    depth -= 1;
                    i += 1;
                }
                ')' => {
                    i += 1;
                    break;
                }
                '"' => {
                    i += 1;
                    let mut s = String::new();
                    while i < b.len() && b[i] != '"' {
                        if b[i] == '\\' && i + 1 < b.len() {
                            i += 1;
                            s.push(match b[i] {
                                'n' => '\n',
                                't' => '\t',
                                other => other,
                            });
                        } else {
                            if b[i] == '\n' {
                                line += 1;
                            }
                            s.push(b[i]);
                        }
                        i += 1;
                    }
                    i += 1;
                    args.push(format!("\u{1}{s}"));
                }
                _ => {
                    let mut s = String::new();
                    while i < b.len() && !b[i].is_whitespace() && b[i] != '(' && b[i] != ')' {
                        s.push(b[i]);
                        i += 1;
                    }
                    args.push(s);
                }
            }
        }
        out.push(Command {
            name: name.to_ascii_lowercase(),
            args,
            line: start_line,
        });
    }
    Ok(out)
}

fn expand(s: &str, vars: &[(String, String)]) -> String {
    let mut out = s.to_owned();
    for _ in 0..10 {
        let Some(start) = out.find("${") else { break };
        let Some(len) = out[start..].find('}') else {
            break;
        };
        let name = out[start + 2..start + len].to_owned();
        let val = vars
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        out.replace_range(start..start + len + 1, &val);
    }
    out
}

/// Normalizes an absolute path (`/hw/build/..` is `/hw`).
fn normalize(p: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for s in p.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            _ => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

struct Target {
    name: String,
    sources: Vec<String>,
    libs: Vec<String>,
}

/// Runs `cmake ARGS…`; returns the exit status.
pub fn cmake(argv: &[String], host: &mut dyn Host, style: Style) -> i32 {
    let mut source: Option<String> = None;
    let mut defs: Vec<(String, String)> = Vec::new();
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        match a.as_str() {
            "--version" => {
                let v = if style == Style::Gcc5 {
                    "3.3.2"
                } else {
                    "3.25.1"
                };
                host.stdout(&format!("cmake version {v}\n\nCMake suite maintained and supported by Kitware (kitware.com/cmake).\n"));
                return 0;
            }
            "-G" => i += 1,
            _ if a.starts_with("-D") => {
                let d = &a[2..];
                let (k, v) = d.split_once('=').unwrap_or((d, ""));
                let k = k.split(':').next().unwrap_or(k);
                defs.push((k.to_owned(), v.to_owned()));
            }
            _ if a.starts_with('-') => {}
            _ => source = Some(a.clone()),
        }
    }
    let cwd = host.cwd();
    let Some(src) = source else {
        host.stdout("Usage\n\n  cmake [options] <path-to-source>\n  cmake [options] <path-to-existing-build>\n\nSpecify a source directory to (re-)generate a build system for it in the\ncurrent working directory.  Specify an existing build directory to\nre-generate its build system.\n\nRun 'cmake --help' for more information.\n\n");
        return 0;
    };
    let src_dir = normalize(&if src.starts_with('/') {
        src.clone()
    } else {
        format!("{cwd}/{src}")
    });
    let build_dir = normalize(&cwd);
    let lists = format!("{src_dir}/CMakeLists.txt");
    if !host.is_dir(&src_dir) {
        host.stderr(&format!("CMake Error: The source directory \"{src_dir}\" does not exist.\nSpecify --help for usage, or press the help button on the CMake GUI.\n"));
        return 1;
    }
    let text = match host.read_file(&lists) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(_) => {
            host.stderr(&format!("CMake Error: The source directory \"{src_dir}\" does not appear to contain CMakeLists.txt.\nSpecify --help for usage, or press the help button on the CMake GUI.\n"));
            return 1;
        }
    };
    let cache = format!("{build_dir}/CMakeCache.txt");
    let cached = host.read_file(&cache).is_ok();
    let incomplete = |host: &mut dyn Host| {
        host.stdout(&format!("-- Configuring incomplete, errors occurred!\nSee also \"{build_dir}/CMakeFiles/CMakeOutput.log\".\n"));
        1
    };
    let commands = match parse(&text) {
        Ok(c) => c,
        Err((line, msg)) => {
            host.stderr(&format!(
                "CMake Error at CMakeLists.txt:{line}:\n  {msg}\n\n\n"
            ));
            return incomplete(host);
        }
    };
    let mut vars: Vec<(String, String)> = vec![
        ("CMAKE_SOURCE_DIR".into(), src_dir.clone()),
        ("CMAKE_BINARY_DIR".into(), build_dir.clone()),
        ("PROJECT_SOURCE_DIR".into(), src_dir.clone()),
        ("CMAKE_CURRENT_SOURCE_DIR".into(), src_dir.clone()),
    ];
    vars.extend(defs);
    let mut languages: Vec<&str> = Vec::new();
    let mut targets: Vec<Target> = Vec::new();
    let mut includes: Vec<String> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    let mut messages = String::new();
    let mut errors = String::new();
    let mut saw_project = false;
    for c in &commands {
        let args: Vec<String> = c
            .args
            .iter()
            .flat_map(|a| {
                if let Some(q) = a.strip_prefix('\u{1}') {
                    vec![expand(q, &vars)]
                } else {
                    expand(a, &vars)
                        .split(';')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                }
            })
            .collect();
        let here = format!("CMake Error at CMakeLists.txt:{} ({}):\n", c.line, c.name);
        match c.name.as_str() {
            "cmake_minimum_required" | "include" | "enable_testing" | "install" | "set_property" | "find_package" | "add_definitions" | "target_compile_options" | "target_include_directories" | "set_target_properties" => {}
            "project" => {
                saw_project = true;
                if let Some(n) = args.first() {
                    vars.push(("PROJECT_NAME".into(), n.clone()));
                }
                let langs: Vec<&String> = args.iter().skip(1).filter(|a| *a != "LANGUAGES" && *a != "VERSION" && !a.chars().next().is_some_and(|c| c.is_ascii_digit())).collect();
                if langs.is_empty() {
                    languages = vec!["C", "CXX"];
                } else {
                    for l in langs {
                        match l.as_str() {
                            "C" => languages.push("C"),
                            "CXX" => languages.push("CXX"),
                            _ => {}
                        }
                    }
                }
            }
            "set" => {
                if let Some(k) = args.first() {
                    vars.push((k.clone(), args[1..].join(";")));
                }
            }
            "message" => {
                let (mode, rest) = match args.first().map(|s| s.as_str()) {
                    Some("STATUS") => ("STATUS", &args[1..]),
                    Some("WARNING") | Some("FATAL_ERROR") | Some("SEND_ERROR") | Some("AUTHOR_WARNING") => (args[0].as_str(), &args[1..]),
                    _ => ("", &args[..]),
                };
                let text = rest.concat();
                match mode {
                    "STATUS" => messages.push_str(&format!("-- {text}\n")),
                    "FATAL_ERROR" | "SEND_ERROR" => errors.push_str(&format!("{here}  {text}\n\n\n")),
                    "WARNING" => messages.push_str(&format!("CMake Warning at CMakeLists.txt:{} (message):\n  {text}\n\n\n", c.line)),
                    _ => messages.push_str(&format!("{text}\n")),
                }
            }
            "include_directories" => {
                for a in &args {
                    if a == "SYSTEM" || a == "BEFORE" || a == "AFTER" {
                        continue;
                    }
                    includes.push(if a.starts_with('/') { a.clone() } else { format!("{src_dir}/{a}") });
                }
            }
            "add_compile_options" => options.extend(args.iter().cloned()),
            "add_executable" => {
                let Some(name) = args.first() else {
                    errors.push_str(&format!("{here}  add_executable called with incorrect number of arguments\n\n\n"));
                    continue;
                };
                let mut sources = Vec::new();
                for s in args[1..].iter().filter(|s| !matches!(s.as_str(), "WIN32" | "MACOSX_BUNDLE" | "EXCLUDE_FROM_ALL")) {
                    let path = if s.starts_with('/') { s.clone() } else { format!("{src_dir}/{s}") };
                    if host.mtime(&path).is_none() {
                        errors.push_str(&format!("{here}  Cannot find source file:\n\n    {s}\n\n  Tried extensions .c .C .c++ .cc .cpp .cxx .m .M .mm .h .hh .h++ .hm .hpp\n  .hxx .in .txx\n\n\n"));
                        continue;
                    }
                    if s.ends_with(".h") {
                        continue;
                    }
                    sources.push(path);
                }
                if sources.is_empty() && !args[1..].is_empty() {
                    continue;
                }
                if sources.is_empty() {
                    errors.push_str(&format!("CMake Error at CMakeLists.txt:{} (add_executable):\n  No SOURCES given to target: {name}\n\n\n", c.line));
                    continue;
                }
                targets.push(Target { name: name.clone(), sources, libs: Vec::new() });
            }
            "target_link_libraries" => {
                let Some(name) = args.first() else { continue };
                match targets.iter_mut().find(|t| &t.name == name) {
                    Some(t) => t.libs.extend(args[1..].iter().filter(|a| !matches!(a.as_str(), "PUBLIC" | "PRIVATE" | "INTERFACE")).cloned()),
                    None => errors.push_str(&format!("{here}  Cannot specify link libraries for target \"{name}\" which is not built\n  by this project.\n\n\n")),
                }
            }
            other => errors.push_str(&format!("CMake Error at CMakeLists.txt:{} ({other}):\n  Unknown CMake command \"{other}\".\n\n\n", c.line)),
        }
    }
    if !saw_project {
        languages = vec!["C", "CXX"];
    }
    let (cc_path, cxx_path, version) = if style == Style::Gcc5 {
        ("/usr/local/bin/cc", "/usr/local/bin/c++", "5.2.0")
    } else {
        ("/usr/bin/cc", "/usr/bin/c++", "12.2.0")
    };
    if !cached {
        let mut out = String::new();
        for l in &languages {
            out.push_str(&format!(
                "-- The {l} compiler identification is GNU {version}\n"
            ));
        }
        for l in &languages {
            let path = if *l == "C" { cc_path } else { cxx_path };
            if style == Style::Gcc5 {
                out.push_str(&format!("-- Check for working {l} compiler: {path}\n-- Check for working {l} compiler: {path} -- works\n-- Detecting {l} compiler ABI info\n-- Detecting {l} compiler ABI info - done\n-- Detecting {l} compile features\n-- Detecting {l} compile features - done\n"));
            } else {
                out.push_str(&format!("-- Detecting {l} compiler ABI info\n-- Detecting {l} compiler ABI info - done\n-- Check for working {l} compiler: {path} - skipped\n-- Detecting {l} compile features\n-- Detecting {l} compile features - done\n"));
            }
        }
        host.stdout(&out);
    }
    host.stdout(&messages);
    if !errors.is_empty() {
        host.stderr(&errors);
        let _ = host.create_dir_all(&format!("{build_dir}/CMakeFiles"));
        return incomplete(host);
    }
    host.stdout("-- Configuring done\n");
    // The build system.
    let get = |k: &str| {
        vars.iter()
            .rev()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.replace(';', " "))
            .unwrap_or_default()
    };
    let mut flags = get("CMAKE_C_FLAGS");
    let std = get("CMAKE_C_STANDARD");
    if !std.is_empty() {
        flags = format!("{flags} -std=gnu{std}").trim().to_owned();
    }
    for o in &options {
        flags = format!("{flags} {o}").trim().to_owned();
    }
    let incs: String = includes.iter().map(|d| format!(" -I{d}")).collect();
    let total: usize = targets
        .iter()
        .map(|t| t.sources.len() + 1)
        .sum::<usize>()
        .max(1);
    let pct = |k: usize| format!("[{:>3}%]", k * 100 / total);
    let mut mk = format!("# CMAKE generated file: DO NOT EDIT!\n# Generated by \"Unix Makefiles\" Generator, CMake Version {}\n\n", if style == Style::Gcc5 { "3.3" } else { "3.25" });
    let phony: Vec<String> = targets
        .iter()
        .map(|t| format!("cmake_target_{}", t.name))
        .collect();
    mk.push_str(&format!(
        "all: {}\n.PHONY: all clean {}\n\n",
        phony.join(" "),
        phony.join(" ")
    ));
    let mut step = 0;
    let mut clean = Vec::new();
    for t in &targets {
        let dir = format!("CMakeFiles/{}.dir", t.name);
        if host.create_dir_all(&format!("{build_dir}/{dir}")).is_err() {
            host.stderr(&format!(
                "CMake Error: cannot create directory: {build_dir}/{dir}\n"
            ));
            return 1;
        }
        let mut objs = Vec::new();
        let mut rules = String::new();
        for (k, s) in t.sources.iter().enumerate() {
            step += 1;
            let rel = s
                .strip_prefix(&format!("{src_dir}/"))
                .unwrap_or(s.trim_start_matches('/'));
            let obj = format!("{dir}/{rel}.o");
            let mut deps = vec![s.clone()];
            // Quoted includes next to the source count as dependencies, as cmake scans them.
            if let Ok(b) = host.read_file(s) {
                let base = s.rsplit_once('/').map_or("", |(d, _)| d);
                for line in String::from_utf8_lossy(&b).lines() {
                    let l = line.trim_start();
                    if let Some(rest) = l
                        .strip_prefix("#include")
                        .map(str::trim_start)
                        .and_then(|r| r.strip_prefix('"'))
                    {
                        if let Some((h, _)) = rest.split_once('"') {
                            let p = normalize(&format!("{base}/{h}"));
                            if host.mtime(&p).is_some() {
                                deps.push(p);
                            }
                        }
                    }
                }
            }
            rules.push_str(&format!("{obj}: {}\n", deps.join(" ")));
            if k == 0 {
                rules.push_str(&format!(
                    "\t@echo \"Scanning dependencies of target {}\"\n",
                    t.name
                ));
            }
            let lang = "C";
            rules.push_str(&format!(
                "\t@echo \"{} Building {lang} object {obj}\"\n",
                pct(step)
            ));
            rules.push_str(&format!("\t@{cc_path} {flags}{incs} -o {obj} -c {s}\n\n"));
            objs.push(obj);
        }
        step += 1;
        let libs: String = t
            .libs
            .iter()
            .map(|l| {
                if l.starts_with('-') {
                    format!(" {l}")
                } else {
                    format!(" -l{l}")
                }
            })
            .collect();
        mk.push_str(&format!(
            "cmake_target_{}: {}\n\t@echo \"{} Built target {}\"\n\n",
            t.name,
            t.name,
            pct(step),
            t.name
        ));
        mk.push_str(&format!("{}: {}\n\t@echo \"{} Linking C executable {}\"\n\t@{cc_path} {flags} {} -o {}{libs}\n\n", t.name, objs.join(" "), pct(step), t.name, objs.join(" "), t.name));
        mk.push_str(&rules);
        clean.push(t.name.clone());
        clean.extend(objs);
    }
    mk.push_str(&format!("clean:\n\t@rm -f {}\n", clean.join(" ")));
    let cache_text = format!("# This is the CMakeCache file.\nCMAKE_HOME_DIRECTORY:INTERNAL={src_dir}\nCMAKE_C_COMPILER:FILEPATH={cc_path}\nCMAKE_PROJECT_NAME:STATIC={}\n", get("PROJECT_NAME"));
    let written = host
        .create_dir_all(&format!("{build_dir}/CMakeFiles"))
        .and_then(|_| host.write_file(&format!("{build_dir}/Makefile"), mk.as_bytes(), false))
        .and_then(|_| host.write_file(&cache, cache_text.as_bytes(), false));
    if written.is_err() {
        host.stderr(&format!(
            "CMake Error: Could not create named generator in {build_dir}\n"
        ));
        return 1;
    }
    host.stdout(&format!(
        "-- Generating done\n-- Build files have been written to: {build_dir}\n"
    ));
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cc::driver::MemHost;
    use crate::cc::make;

    fn host() -> MemHost {
        let mut h = MemHost::new("/hw/build");
        h.put(
            "/hw/server.c",
            "#include \"common.h\"\nint main(void) { return PORT > 0 ? 0 : 1; }\n",
        );
        h.put("/hw/client.c", "int main(void) { return 0; }\n");
        h.put("/hw/common.h", "#define PORT 8888\n");
        h.put("/hw/CMakeLists.txt", "cmake_minimum_required(VERSION 2.8)\nproject(echo C)\nset(CMAKE_C_FLAGS \"-Wall\")\nadd_executable(server server.c)\nadd_executable(client client.c)\n");
        h
    }

    fn cm(h: &mut MemHost, args: &str) -> (i32, String, String) {
        let mut argv = vec!["cmake".to_owned()];
        argv.extend(args.split_whitespace().map(String::from));
        let s = cmake(&argv, h, Style::Gcc5);
        let (o, e) = h.take_output();
        (s, o, e)
    }

    fn mk(h: &mut MemHost) -> (i32, String, String) {
        let s = make::run(&["make".into()], h, Style::Gcc5, &mut |h, line| {
            make::builtin_command(h, line, Style::Gcc5).unwrap_or(127)
        });
        let (o, e) = h.take_output();
        (s, o, e)
    }

    #[test]
    fn configure_and_build() {
        let mut h = host();
        let configure = "-- The C compiler identification is GNU 5.2.0\n-- Check for working C compiler: /usr/local/bin/cc\n-- Check for working C compiler: /usr/local/bin/cc -- works\n-- Detecting C compiler ABI info\n-- Detecting C compiler ABI info - done\n-- Detecting C compile features\n-- Detecting C compile features - done\n-- Configuring done\n-- Generating done\n-- Build files have been written to: /hw/build\n";
        assert_eq!(cm(&mut h, ".."), (0, configure.into(), String::new()));
        assert_eq!(cm(&mut h, ".."), (0, "-- Configuring done\n-- Generating done\n-- Build files have been written to: /hw/build\n".into(), String::new()));
        let build = "Scanning dependencies of target server\n[ 25%] Building C object CMakeFiles/server.dir/server.c.o\n[ 50%] Linking C executable server\n[ 50%] Built target server\nScanning dependencies of target client\n[ 75%] Building C object CMakeFiles/client.dir/client.c.o\n[100%] Linking C executable client\n[100%] Built target client\n";
        assert_eq!(mk(&mut h), (0, build.into(), String::new()));
        assert!(
            h.files.contains_key("/hw/build/server") && h.files.contains_key("/hw/build/client")
        );
        assert_eq!(
            mk(&mut h),
            (
                0,
                "[ 50%] Built target server\n[100%] Built target client\n".into(),
                String::new()
            )
        );
        // Touching the header rebuilds the server only.
        h.put("/hw/common.h", "#define PORT 9999\n");
        let again = "Scanning dependencies of target server\n[ 25%] Building C object CMakeFiles/server.dir/server.c.o\n[ 50%] Linking C executable server\n[ 50%] Built target server\n[100%] Built target client\n";
        assert_eq!(mk(&mut h), (0, again.into(), String::new()));
    }

    #[test]
    fn compile_error_through_make() {
        let mut h = host();
        h.put("/hw/client.c", "int main(void) { return z; }\n");
        assert_eq!(cm(&mut h, "..").0, 0);
        let (s, _, e) = mk(&mut h);
        assert_eq!(s, 2);
        assert!(e.ends_with("make[2]: *** [CMakeFiles/client.dir/client.c.o] Error 1\nmake[1]: *** [CMakeFiles/client.dir/all] Error 2\nmake: *** [all] Error 2\n"), "{e}");
    }

    #[test]
    fn cmake_errors() {
        let mut h = MemHost::new("/hw");
        assert_eq!(cm(&mut h, "."), (1, String::new(), "CMake Error: The source directory \"/hw\" does not appear to contain CMakeLists.txt.\nSpecify --help for usage, or press the help button on the CMake GUI.\n".into()));
        assert_eq!(cm(&mut h, "nothere").0, 1);
        h.put(
            "CMakeLists.txt",
            "project(x C)\nadd_executible(app main.c)\n",
        );
        let (s, o, e) = cm(&mut h, ".");
        assert_eq!(s, 1);
        assert!(o.ends_with("-- Configuring incomplete, errors occurred!\nSee also \"/hw/CMakeFiles/CMakeOutput.log\".\n"), "{o}");
        assert_eq!(e, "CMake Error at CMakeLists.txt:2 (add_executible):\n  Unknown CMake command \"add_executible\".\n\n\n");
    }
}
