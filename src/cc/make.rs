//! A small GNU make: rules, variables (`=`, `:=`, `?=`, `+=`, command-line overrides),
//! automatic variables (`$@ $< $^ $? $*`), pattern rules and make's built-in C rules,
//! `.PHONY`, up-to-date checks by modification time, and make's messages.
//!
//! It never runs a command itself: [`Make::step`] hands back each recipe line as
//! [`MakeStep::Run`] and is told its exit status on the next call, so the shell that runs
//! the lines may take its time (a compiler, or anything else). [`run`] drives it
//! synchronously with a closure.

use crate::collections::SmallSort;
use std::collections::{HashMap, HashSet, VecDeque};

use super::diag::Style;
use super::driver::Host;

/// What make wants next.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MakeStep {
    /// Run this line in the shell and report its exit status to the next `step`.
    Run(String),
    /// Make is finished with this exit status.
    Done(i32),
}

#[derive(Clone, Debug, Default)]
struct Rule {
    prereqs: Vec<String>,
    recipe: Vec<String>,
    line: usize,
}

#[derive(Clone, Debug)]
struct Pattern {
    target: String,
    prereqs: Vec<String>,
    recipe: Vec<String>,
    line: usize,
}

#[derive(Clone, Debug)]
struct Frame {
    target: String,
    prereqs: Vec<String>,
    recipe: Vec<String>,
    next: usize,
    rebuilt_any: bool,
    line: usize,
    stem: String,
}

#[derive(Clone, Debug)]
struct Pending {
    line: String,
    echo: bool,
    ignore: bool,
    target: String,
    rule_line: usize,
}

/// A make run in progress.
pub struct Make {
    vars: HashMap<String, String>,
    cmdline: HashSet<String>,
    rules: HashMap<String, Rule>,
    patterns: Vec<Pattern>,
    phony: HashSet<String>,
    goals: VecDeque<String>,
    stack: Vec<Frame>,
    done: HashMap<String, bool>,
    queue: VecDeque<Pending>,
    running: Option<Pending>,
    ran_for_goal: bool,
    current_goal: Option<String>,
    finished: Option<i32>,
    dry_run: bool,
    always: bool,
    silent: bool,
    makefile: String,
    generated: bool,
    style: Style,
}

/// Runs make to the end, running each recipe line with `exec`.
pub fn run(
    argv: &[String],
    host: &mut dyn Host,
    style: Style,
    exec: &mut dyn FnMut(&mut dyn Host, &str) -> i32,
) -> i32 {
    let mut m = Make::start(argv, host, style);
    let mut last = None;
    loop {
        match m.step(host, last) {
            MakeStep::Done(s) => return s,
            MakeStep::Run(line) => last = Some(exec(host, &line)),
        }
    }
}

fn builtin_vars() -> HashMap<String, String> {
    let mut v = HashMap::new();
    for (k, val) in [
        ("CC", "cc"),
        ("CXX", "g++"),
        ("RM", "rm -f"),
        ("CFLAGS", ""),
        ("CPPFLAGS", ""),
        ("LDFLAGS", ""),
        ("LDLIBS", ""),
        ("LOADLIBES", ""),
        ("TARGET_ARCH", ""),
        ("MAKE", "make"),
        ("SHELL", "/bin/sh"),
        ("COMPILE.c", "$(CC) $(CFLAGS) $(CPPFLAGS) $(TARGET_ARCH) -c"),
        (
            "LINK.c",
            "$(CC) $(CFLAGS) $(CPPFLAGS) $(LDFLAGS) $(TARGET_ARCH)",
        ),
        ("LINK.o", "$(CC) $(LDFLAGS) $(TARGET_ARCH)"),
        ("OUTPUT_OPTION", "-o $@"),
    ] {
        v.insert(k.to_owned(), val.to_owned());
    }
    v
}

fn builtin_patterns() -> Vec<Pattern> {
    vec![
        Pattern {
            target: "%.o".into(),
            prereqs: vec!["%.c".into()],
            recipe: vec!["$(COMPILE.c) $(OUTPUT_OPTION) $<".into()],
            line: 0,
        },
        Pattern {
            target: "%".into(),
            prereqs: vec!["%.c".into()],
            recipe: vec!["$(LINK.c) $^ $(LOADLIBES) $(LDLIBS) -o $@".into()],
            line: 0,
        },
        Pattern {
            target: "%".into(),
            prereqs: vec!["%.o".into()],
            recipe: vec!["$(LINK.o) $^ $(LOADLIBES) $(LDLIBS) -o $@".into()],
            line: 0,
        },
    ]
}

impl Make {
    /// Reads the makefile and the command line. Errors show up on the first `step`.
    pub fn start(argv: &[String], host: &mut dyn Host, style: Style) -> Make {
        let mut m = Make {
            vars: builtin_vars(),
            cmdline: HashSet::new(),
            rules: HashMap::new(),
            patterns: Vec::new(),
            phony: HashSet::new(),
            goals: VecDeque::new(),
            stack: Vec::new(),
            done: HashMap::new(),
            queue: VecDeque::new(),
            running: None,
            ran_for_goal: false,
            current_goal: None,
            finished: None,
            dry_run: false,
            always: false,
            silent: false,
            makefile: String::new(),
            generated: false,
            style,
        };
        let mut file: Option<String> = None;
        let mut i = 1;
        while i < argv.len() {
            let a = &argv[i];
            i += 1;
            match a.as_str() {
                "-n" | "--dry-run" | "--just-print" => m.dry_run = true,
                "-B" | "--always-make" => m.always = true,
                "-s" | "--silent" | "--quiet" => m.silent = true,
                "-f" | "--file" => {
                    file = argv.get(i).cloned();
                    i += 1;
                }
                "-k" | "-j" | "-i" => {}
                _ if a.starts_with("-j") => {}
                _ if a.starts_with("-f") => file = Some(a[2..].to_owned()),
                _ if a.contains('=') && !a.starts_with('-') => {
                    let (k, v) = a.split_once('=').unwrap_or((a, ""));
                    m.vars.insert(k.trim().to_owned(), v.to_owned());
                    m.cmdline.insert(k.trim().to_owned());
                }
                _ => m.goals.push_back(a.clone()),
            }
        }
        let name = match file {
            Some(f) => Some(f),
            None => ["GNUmakefile", "makefile", "Makefile"]
                .iter()
                .find(|n| host.read_file(n).is_ok())
                .map(|s| s.to_string()),
        };
        match name {
            None => {
                m.patterns = builtin_patterns();
                if m.goals.is_empty() {
                    host.stderr("make: *** No targets specified and no makefile found.  Stop.\n");
                    m.finished = Some(2);
                }
            }
            Some(n) => match host.read_file(&n) {
                Err(e) => {
                    host.stderr(&format!(
                        "make: {n}: {}\nmake: *** No rule to make target '{n}'.  Stop.\n",
                        e.message()
                    ));
                    m.finished = Some(2);
                }
                Ok(bytes) => {
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    m.makefile = n.clone();
                    m.generated = text.starts_with("# CMAKE generated file");
                    if let Err(msg) = m.parse(&text, host) {
                        host.stderr(&format!("{n}:{msg}\n"));
                        m.finished = Some(2);
                    }
                    m.patterns.extend(builtin_patterns());
                    if m.finished.is_none() && m.goals.is_empty() {
                        match m.default_goal(&text) {
                            Some(g) => m.goals.push_back(g),
                            None => {
                                host.stderr("make: *** No targets.  Stop.\n");
                                m.finished = Some(2);
                            }
                        }
                    }
                }
            },
        }
        m
    }

    fn default_goal(&self, text: &str) -> Option<String> {
        // The first target of the file that is not special or a pattern.
        let mut order: Vec<(usize, String)> = self
            .rules
            .iter()
            .filter(|(t, _)| !t.starts_with('.'))
            .map(|(t, r)| (r.line, t.clone()))
            .collect();
        order.small_sort();
        let _ = text;
        order.into_iter().next().map(|(_, t)| t)
    }

    fn parse(&mut self, text: &str, host: &dyn Host) -> Result<(), String> {
        // Join continuation lines, remembering where each logical line started.
        let mut lines: Vec<(usize, String)> = Vec::new();
        let mut acc: Option<(usize, String)> = None;
        for (i, raw) in text.split('\n').enumerate() {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            match acc.take() {
                Some((n, mut s)) => {
                    s.push(' ');
                    s.push_str(raw.trim_start());
                    acc = Some((n, s));
                }
                None => acc = Some((i + 1, raw.to_owned())),
            }
            if let Some((n, s)) = &acc {
                if s.ends_with('\\') {
                    let mut s = s.clone();
                    s.pop();
                    acc = Some((*n, s.trim_end().to_owned()));
                } else {
                    lines.push((*n, s.clone()));
                    acc = None;
                }
            }
        }
        if let Some(a) = acc {
            lines.push(a);
        }
        let mut current: Vec<String> = Vec::new();
        let mut current_pattern: Option<usize> = None;
        for (n, line) in lines {
            if let Some(rest) = line.strip_prefix('\t') {
                if current.is_empty() && current_pattern.is_none() {
                    if rest.trim().is_empty() {
                        continue;
                    }
                    return Err(format!(
                        "{n}: *** recipe commences before first target.  Stop."
                    ));
                }
                if let Some(p) = current_pattern {
                    self.patterns[p].recipe.push(rest.to_owned());
                }
                for t in &current {
                    if let Some(r) = self.rules.get_mut(t) {
                        r.recipe.push(rest.to_owned());
                    }
                }
                continue;
            }
            let stripped = strip_comment(&line);
            if stripped.trim().is_empty() {
                continue;
            }
            let trimmed = stripped.trim();
            if let Some(rest) = trimmed
                .strip_prefix("include ")
                .or_else(|| trimmed.strip_prefix("-include "))
            {
                let _ = rest;
                continue;
            }
            // Assignments.
            if let Some((name, op, value)) = split_assignment(trimmed) {
                let name = name
                    .trim_start_matches("override ")
                    .trim_start_matches("export ")
                    .trim()
                    .to_owned();
                if self.cmdline.contains(&name) {
                    continue;
                }
                let value = value.trim().to_owned();
                match op {
                    ":=" | "::=" => {
                        let v = self.expand(&value, None, host);
                        self.vars.insert(name, v);
                    }
                    "?=" => {
                        self.vars.entry(name).or_insert(value);
                    }
                    "+=" => {
                        let e = self.vars.entry(name).or_default();
                        if !e.is_empty() {
                            e.push(' ');
                        }
                        e.push_str(&value);
                    }
                    _ => {
                        self.vars.insert(name, value);
                    }
                }
                current.clear();
                current_pattern = None;
                continue;
            }
            let Some(colon) = find_rule_colon(trimmed) else {
                let msg = if line.starts_with("        ") {
                    "missing separator (did you mean TAB instead of 8 spaces?)"
                } else {
                    "missing separator"
                };
                return Err(format!("{n}: *** {msg}.  Stop."));
            };
            let (lhs, rhs) = trimmed.split_at(colon);
            let rhs = rhs.trim_start_matches(':');
            let (deps, inline) = match rhs.split_once(';') {
                Some((d, r)) => (d, Some(r.trim().to_owned())),
                None => (rhs, None),
            };
            let targets: Vec<String> = self
                .expand(lhs, None, host)
                .split_whitespace()
                .map(String::from)
                .collect();
            let prereqs: Vec<String> = self
                .expand(deps, None, host)
                .split_whitespace()
                .map(String::from)
                .collect();
            current.clear();
            current_pattern = None;
            for t in targets {
                if t == ".PHONY" {
                    self.phony.extend(prereqs.iter().cloned());
                    continue;
                }
                if t.starts_with('.')
                    && t.chars()
                        .skip(1)
                        .all(|c| c.is_ascii_uppercase() || c == '_')
                {
                    continue;
                }
                if t.contains('%') {
                    self.patterns.push(Pattern {
                        target: t,
                        prereqs: prereqs.clone(),
                        recipe: inline.iter().cloned().collect(),
                        line: n,
                    });
                    current_pattern = Some(self.patterns.len() - 1);
                    continue;
                }
                let r = self.rules.entry(t.clone()).or_insert_with(|| Rule {
                    line: n,
                    ..Rule::default()
                });
                r.prereqs.extend(prereqs.iter().cloned());
                if let Some(i) = &inline {
                    r.recipe.push(i.clone());
                }
                current.push(t);
            }
        }
        Ok(())
    }

    /// Expands variables and functions; `auto` gives the automatic variables.
    fn expand(&self, s: &str, auto: Option<&Frame>, host: &dyn Host) -> String {
        self.expand_depth(s, auto, host, 0)
    }

    fn expand_depth(&self, s: &str, auto: Option<&Frame>, host: &dyn Host, depth: usize) -> String {
        if depth > 30 {
            return String::new();
        }
        let b: Vec<char> = s.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] != '$' {
                out.push(b[i]);
                i += 1;
                continue;
            }
            i += 1;
            let Some(&c) = b.get(i) else { break };
            if c == '$' {
                out.push('$');
                i += 1;
                continue;
            }
            let name: String = if c == '(' || c == '{' {
                let close = if c == '(' { ')' } else { '}' };
                let mut depth_p = 1;
                let start = i + 1;
                let mut j = start;
                while j < b.len() {
                    if b[j] == c {
                        depth_p += 1;
                    } else if b[j] == close {
                        depth_p -= 1;
                        if depth_p == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                i = j + 1;
                b[start..j.min(b.len())].iter().collect()
            } else {
                i += 1;
                c.to_string()
            };
            out.push_str(&self.lookup(&name, auto, host, depth));
        }
        out
    }

    fn lookup(&self, name: &str, auto: Option<&Frame>, host: &dyn Host, depth: usize) -> String {
        if let Some(f) = auto {
            match name {
                "@" => return f.target.clone(),
                "<" => return f.prereqs.first().cloned().unwrap_or_default(),
                "^" | "+" => {
                    let mut seen = Vec::new();
                    for p in &f.prereqs {
                        if !seen.contains(p) {
                            seen.push(p.clone());
                        }
                    }
                    return seen.join(" ");
                }
                "?" => return f.prereqs.join(" "),
                "*" => return f.stem.clone(),
                _ => {}
            }
        }
        // Functions.
        if let Some((func, args)) = name.split_once(' ') {
            let args = self.expand_depth(args, auto, host, depth + 1);
            let parts: Vec<&str> = args.splitn(3, ',').collect();
            return match func {
                "wildcard" => args
                    .split_whitespace()
                    .flat_map(|p| wildcard(host, p))
                    .collect::<Vec<_>>()
                    .join(" "),
                "patsubst" if parts.len() == 3 => parts[2]
                    .split_whitespace()
                    .map(|w| patsubst(parts[0].trim(), parts[1].trim(), w))
                    .collect::<Vec<_>>()
                    .join(" "),
                "subst" if parts.len() == 3 => parts[2].replace(parts[0], parts[1]),
                "notdir" => args
                    .split_whitespace()
                    .map(|w| w.rsplit('/').next().unwrap_or(w).to_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                "basename" => args
                    .split_whitespace()
                    .map(|w| w.rsplit_once('.').map_or(w, |(b, _)| b).to_owned())
                    .collect::<Vec<_>>()
                    .join(" "),
                "addprefix" if parts.len() >= 2 => parts[1]
                    .split_whitespace()
                    .map(|w| format!("{}{w}", parts[0]))
                    .collect::<Vec<_>>()
                    .join(" "),
                "addsuffix" if parts.len() >= 2 => parts[1]
                    .split_whitespace()
                    .map(|w| format!("{w}{}", parts[0]))
                    .collect::<Vec<_>>()
                    .join(" "),
                "strip" => args.split_whitespace().collect::<Vec<_>>().join(" "),
                _ => String::new(),
            };
        }
        // Substitution references: $(VAR:.c=.o).
        if let Some((var, subst)) = name.split_once(':') {
            if let Some((from, to)) = subst.split_once('=') {
                let v = self.lookup(var, auto, host, depth + 1);
                let (from, to) = if from.contains('%') {
                    (from.to_owned(), to.to_owned())
                } else {
                    (format!("%{from}"), format!("%{to}"))
                };
                return v
                    .split_whitespace()
                    .map(|w| patsubst(&from, &to, w))
                    .collect::<Vec<_>>()
                    .join(" ");
            }
        }
        match self.vars.get(name) {
            Some(v) => self.expand_depth(v, auto, host, depth + 1),
            None => String::new(),
        }
    }

    fn exists(&self, host: &dyn Host, t: &str) -> bool {
        host.mtime(t).is_some()
    }

    /// Finds how to make `t`: prerequisites, recipe, rule line, stem. `None` if no rule and
    /// no file.
    fn resolve(
        &self,
        host: &dyn Host,
        t: &str,
        depth: usize,
    ) -> Option<(Vec<String>, Vec<String>, usize, String)> {
        let explicit = self.rules.get(t);
        if let Some(r) = explicit {
            if !r.recipe.is_empty() || self.phony.contains(t) {
                return Some((r.prereqs.clone(), r.recipe.clone(), r.line, String::new()));
            }
        }
        for p in &self.patterns {
            let Some(stem) = match_pattern(&p.target, t) else {
                continue;
            };
            let prereqs: Vec<String> = p.prereqs.iter().map(|x| x.replace('%', &stem)).collect();
            let ok = prereqs.iter().all(|x| {
                self.exists(host, x)
                    || self.rules.contains_key(x)
                    || (depth < 2
                        && x != t
                        && self
                            .resolve(host, x, depth + 1)
                            .is_some_and(|r| !r.1.is_empty()))
            });
            if ok && !p.recipe.is_empty() {
                let mut all = prereqs;
                if let Some(r) = explicit {
                    all.extend(r.prereqs.iter().cloned());
                }
                return Some((all, p.recipe.clone(), p.line, stem));
            }
        }
        if let Some(r) = explicit {
            return Some((r.prereqs.clone(), Vec::new(), r.line, String::new()));
        }
        if self.exists(host, t) {
            return Some((Vec::new(), Vec::new(), 0, String::new()));
        }
        None
    }

    fn fail_line(&self, target: &str, rule_line: usize, status: i32, ignored: bool) -> String {
        let place = if self.style == Style::Gcc5 || rule_line == 0 {
            target.to_owned()
        } else {
            format!("{}:{rule_line}: {target}", self.makefile)
        };
        if ignored {
            format!("make: [{place}] Error {status} (ignored)\n")
        } else if self.generated {
            if self.style == Style::Gcc5 {
                let dir = target.rsplit_once('/').map_or("", |(d, _)| d);
                format!("make[2]: *** [{target}] Error {status}\nmake[1]: *** [{dir}/all] Error 2\nmake: *** [all] Error 2\n")
            } else {
                let dir = target.rsplit_once('/').map_or("", |(d, _)| d);
                format!("make[2]: *** [{dir}/build.make:76: {target}] Error {status}\nmake[1]: *** [CMakeFiles/Makefile2:83: {dir}/all] Error 2\nmake: *** [Makefile:91: all] Error 2\n")
            }
        } else {
            format!("make: *** [{place}] Error {status}\n")
        }
    }

    /// Goes on: reports the last command's status, gets the next command or the end.
    pub fn step(&mut self, host: &mut dyn Host, last: Option<i32>) -> MakeStep {
        if let Some(s) = self.finished {
            return MakeStep::Done(s);
        }
        if let (Some(p), Some(status)) = (self.running.take(), last) {
            if status != 0 {
                let msg = self.fail_line(&p.target, p.rule_line, status, p.ignore);
                host.stderr(&msg);
                if !p.ignore {
                    self.finished = Some(2);
                    return MakeStep::Done(2);
                }
            }
        }
        loop {
            if let Some(p) = self.queue.pop_front() {
                self.ran_for_goal = true;
                if p.echo || self.dry_run {
                    host.stdout(&format!("{}\n", p.line));
                }
                if self.dry_run {
                    continue;
                }
                self.running = Some(p.clone());
                return MakeStep::Run(p.line);
            }
            // The recipe of the frame on top has been queued and run: it is done.
            if let Some(top) = self.stack.last() {
                if top.next > top.prereqs.len() {
                    if let Some(f) = self.stack.pop() {
                        self.done.insert(f.target.clone(), true);
                        if let Some(parent) = self.stack.last_mut() {
                            parent.rebuilt_any = true;
                        }
                    }
                    continue;
                }
            }
            let Some(top) = self.stack.last_mut() else {
                // The next goal, or the end.
                if let Some(g) = self.current_goal.take() {
                    if !self.ran_for_goal {
                        let has_recipe = self.resolve(host, &g, 0).is_some_and(|r| !r.1.is_empty());
                        if has_recipe {
                            host.stdout(&format!("make: '{g}' is up to date.\n"));
                        } else {
                            host.stdout(&format!("make: Nothing to be done for '{g}'.\n"));
                        }
                    }
                }
                let Some(g) = self.goals.pop_front() else {
                    self.finished = Some(0);
                    return MakeStep::Done(0);
                };
                self.ran_for_goal = false;
                match self.resolve(host, &g, 0) {
                    Some((prereqs, recipe, line, stem)) => {
                        self.current_goal = Some(g.clone());
                        self.stack.push(Frame {
                            target: g,
                            prereqs,
                            recipe,
                            next: 0,
                            rebuilt_any: false,
                            line,
                            stem,
                        });
                    }
                    None => {
                        host.stderr(&format!("make: *** No rule to make target '{g}'.  Stop.\n"));
                        self.finished = Some(2);
                        return MakeStep::Done(2);
                    }
                }
                continue;
            };
            if top.next < top.prereqs.len() {
                let p = top.prereqs[top.next].clone();
                top.next += 1;
                let parent = top.target.clone();
                if let Some(&rebuilt) = self.done.get(&p) {
                    if rebuilt {
                        if let Some(t) = self.stack.last_mut() {
                            t.rebuilt_any = true;
                        }
                    }
                    continue;
                }
                if self.stack.iter().any(|f| f.target == p) {
                    host.stderr(&format!(
                        "make: Circular {parent} <- {p} dependency dropped.\n"
                    ));
                    continue;
                }
                match self.resolve(host, &p, 0) {
                    Some((prereqs, recipe, line, stem)) => {
                        self.stack.push(Frame {
                            target: p,
                            prereqs,
                            recipe,
                            next: 0,
                            rebuilt_any: false,
                            line,
                            stem,
                        });
                    }
                    None => {
                        host.stderr(&format!("make: *** No rule to make target '{p}', needed by '{parent}'.  Stop.\n"));
                        self.finished = Some(2);
                        return MakeStep::Done(2);
                    }
                }
                continue;
            }
            // All prerequisites are done: decide whether to run the recipe.
            let f = top.clone();
            top.next = top.prereqs.len() + 1;
            let mtime = host.mtime(&f.target);
            let newer = f.prereqs.iter().any(|p| match (host.mtime(p), mtime) {
                (Some(pm), Some(tm)) => pm > tm,
                _ => true,
            });
            let needs = self.always
                || self.phony.contains(&f.target)
                || mtime.is_none()
                || newer
                || (f.rebuilt_any && mtime.is_none());
            if needs && !f.recipe.is_empty() {
                for raw in &f.recipe {
                    let mut line = raw.trim_start().to_owned();
                    let mut silent = self.silent;
                    let mut ignore = false;
                    loop {
                        if let Some(r) = line.strip_prefix('@') {
                            silent = true;
                            line = r.trim_start().to_owned();
                        } else if let Some(r) = line.strip_prefix('-') {
                            ignore = true;
                            line = r.trim_start().to_owned();
                        } else if let Some(r) = line.strip_prefix('+') {
                            line = r.trim_start().to_owned();
                        } else {
                            break;
                        }
                    }
                    let expanded = self.expand(&line, Some(&f), host);
                    if expanded.trim().is_empty() {
                        continue;
                    }
                    self.queue.push_back(Pending {
                        line: expanded,
                        echo: !silent,
                        ignore,
                        target: f.target.clone(),
                        rule_line: f.line + 1,
                    });
                }
                if self.queue.is_empty() {
                    self.ran_for_goal = true;
                }
            } else {
                // Nothing to run: done, and not rebuilt.
                if let Some(fr) = self.stack.pop() {
                    self.done.insert(fr.target.clone(), false);
                    if fr.rebuilt_any && !fr.recipe.is_empty() {
                        if let Some(parent) = self.stack.last_mut() {
                            parent.rebuilt_any = true;
                        }
                    }
                }
            }
        }
    }
}

fn strip_comment(line: &str) -> String {
    let mut out = String::new();
    let mut prev = ' ';
    for c in line.chars() {
        if c == '#' && prev != '\\' {
            break;
        }
        out.push(c);
        prev = c;
    }
    out
}

/// `NAME op VALUE` for `=`, `:=`, `::=`, `?=`, `+=` (not a rule's `:`).
fn split_assignment(line: &str) -> Option<(&str, &str, &str)> {
    let eq = line.find('=')?;
    let colon = line.find(':');
    if let Some(c) = colon {
        if c < eq && !line[c..].starts_with(":=") && !line[c..].starts_with("::=") {
            return None;
        }
    }
    let before = &line[..eq];
    for op in ["::=", ":=", "?=", "+="] {
        let k = op.len() - 1;
        if before.len() >= k && line[eq - k..].starts_with(op) {
            return Some((&line[..eq - k], op, &line[eq + 1..]));
        }
    }
    Some((before, "=", &line[eq + 1..]))
}

fn find_rule_colon(line: &str) -> Option<usize> {
    let mut depth = 0;
    for (i, c) in line.char_indices() {
        match c {
            '(' | '{' => depth += 1,
            ')' | '}' => depth -= 1,
            ':' if depth == 0 => return Some(i),
            _ => {}
        }
    }
    None
}

fn match_pattern(pattern: &str, t: &str) -> Option<String> {
    let (pre, post) = pattern.split_once('%')?;
    if t.len() >= pre.len() + post.len() && t.starts_with(pre) && t.ends_with(post) {
        let stem = &t[pre.len()..t.len() - post.len()];
        if !stem.is_empty() {
            return Some(stem.to_owned());
        }
    }
    None
}

fn patsubst(from: &str, to: &str, word: &str) -> String {
    match match_pattern(from, word) {
        Some(stem) => to.replacen('%', &stem, 1),
        None if word == from => to.to_owned(),
        None => word.to_owned(),
    }
}

/// `$(wildcard dir/*.c)`: `*` and `?` in the last path component.
fn wildcard(host: &dyn Host, pattern: &str) -> Vec<String> {
    let (dir, file) = match pattern.rsplit_once('/') {
        Some((d, f)) => (Some(d), f),
        None => (None, pattern),
    };
    if !file.contains(['*', '?']) {
        return if host.mtime(pattern).is_some() || host.is_dir(pattern) {
            vec![pattern.to_owned()]
        } else {
            Vec::new()
        };
    }
    host.list_dir(dir.unwrap_or("."))
        .into_iter()
        .filter(|n| {
            glob(file.as_bytes(), n.as_bytes()) && (!n.starts_with('.') || file.starts_with('.'))
        })
        .map(|n| match dir {
            Some(d) => format!("{d}/{n}"),
            None => n,
        })
        .collect()
}

fn glob(p: &[u8], s: &[u8]) -> bool {
    match (p.first(), s.first()) {
        (None, None) => true,
        (Some(b'*'), _) => glob(&p[1..], s) || (!s.is_empty() && glob(p, &s[1..])),
        (Some(b'?'), Some(_)) => glob(&p[1..], &s[1..]),
        (Some(a), Some(b)) if a == b => glob(&p[1..], &s[1..]),
        _ => false,
    }
}

/// Runs the commands a recipe typically contains, without a shell: `gcc`/`cc` (through
/// the compiler), `echo`, `rm`, `mkdir`, `true`, `false`, joined by `&&` or `;`. `None` for
/// anything else, which the caller's shell must run.
pub fn builtin_command(host: &mut dyn Host, line: &str, style: Style) -> Option<i32> {
    let mut status = 0;
    for (k, part) in line.split("&&").enumerate() {
        if k > 0 && status != 0 {
            return Some(status);
        }
        for cmd in part.split(';') {
            let words = split_words(cmd.trim());
            let Some(first) = words.first() else { continue };
            let name = first.rsplit('/').next().unwrap_or(first);
            status = match name {
                "gcc" | "cc" => super::driver::gcc(&words, host, style),
                "echo" => {
                    host.stdout(&format!("{}\n", words[1..].join(" ")));
                    0
                }
                "rm" => 0,
                "mkdir" => {
                    for w in words[1..].iter().filter(|w| !w.starts_with('-')) {
                        let _ = host.create_dir_all(w);
                    }
                    0
                }
                "true" | ":" => 0,
                "false" => 1,
                _ => return None,
            };
        }
    }
    Some(status)
}

/// Splits a shell line into words, honouring quotes.
pub fn split_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut any = false;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (None, c) if c.is_whitespace() => {
                if any || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, c) => cur.push(c),
        }
    }
    if any || !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cc::driver::MemHost;

    fn make(h: &mut MemHost, args: &str) -> i32 {
        let mut argv = vec!["make".to_owned()];
        argv.extend(args.split_whitespace().map(String::from));
        run(&argv, h, Style::Gcc12, &mut |h, line| {
            builtin_command(h, line, Style::Gcc12).unwrap_or(127)
        })
    }

    fn check(h: &mut MemHost, args: &str, status: i32, out: &str, err: &str) {
        let s = make(h, args);
        let (o, e) = h.take_output();
        assert_eq!(
            (s, o.as_str(), e.as_str()),
            (status, out, err),
            "make {args}"
        );
    }

    fn sources() -> MemHost {
        let mut h = MemHost::new("/hw");
        h.put(
            "main.c",
            "int util(void);\nint main(void) { return util(); }\n",
        );
        h.put("util.c", "int util(void) { return 0; }\n");
        h.put("hello.c", "int main(void) { return 0; }\n");
        h
    }

    #[test]
    fn makefile_rules() {
        let mut h = sources();
        h.put("Makefile", "CC=gcc\nCFLAGS=-Wall\nall: app\napp: main.o util.o\n\t$(CC) $(CFLAGS) -o $@ $^\nclean:\n\trm -f app *.o\n.PHONY: all clean\n");
        check(&mut h, "", 0, "gcc -Wall   -c -o main.o main.c\ngcc -Wall   -c -o util.o util.c\ngcc -Wall -o app main.o util.o\n", "");
        check(&mut h, "", 0, "make: Nothing to be done for 'all'.\n", "");
        check(&mut h, "app", 0, "make: 'app' is up to date.\n", "");
        h.put("util.c", "int util(void) { return 1; }\n");
        check(
            &mut h,
            "",
            0,
            "gcc -Wall   -c -o util.o util.c\ngcc -Wall -o app main.o util.o\n",
            "",
        );
        check(&mut h, "clean", 0, "rm -f app *.o\n", "");
        check(
            &mut h,
            "nothing",
            2,
            "",
            "make: *** No rule to make target 'nothing'.  Stop.\n",
        );
        check(
            &mut h,
            "CC=cc app -n",
            0,
            "make: 'app' is up to date.\n",
            "",
        );
        check(&mut h, "-B -n", 0, "gcc -Wall   -c -o main.o main.c\ngcc -Wall   -c -o util.o util.c\ngcc -Wall -o app main.o util.o\n", "");
    }

    #[test]
    fn no_makefile() {
        let mut h = sources();
        check(
            &mut h,
            "",
            2,
            "",
            "make: *** No targets specified and no makefile found.  Stop.\n",
        );
        check(&mut h, "hello", 0, "cc     hello.c   -o hello\n", "");
        check(&mut h, "hello", 0, "make: 'hello' is up to date.\n", "");
    }

    #[test]
    fn errors() {
        let mut h = sources();
        h.put(
            "Makefile",
            "all: app\napp: main.o\n\tgcc -o app main.o\nmain.o: main.c\n        gcc -c main.c\n",
        );
        check(
            &mut h,
            "",
            2,
            "",
            "Makefile:5: *** missing separator (did you mean TAB instead of 8 spaces?).  Stop.\n",
        );
        h.put("Makefile", "\tgcc x.c\n");
        check(
            &mut h,
            "",
            2,
            "",
            "Makefile:1: *** recipe commences before first target.  Stop.\n",
        );
        h.put("Makefile", "\n");
        check(&mut h, "", 2, "", "make: *** No targets.  Stop.\n");
        h.put("Makefile", "x: y\n");
        check(
            &mut h,
            "",
            2,
            "",
            "make: *** No rule to make target 'y', needed by 'x'.  Stop.\n",
        );
        h.put("Makefile", "all:\n\tfalse\n\techo after\n");
        check(
            &mut h,
            "",
            2,
            "false\n",
            "make: *** [Makefile:2: all] Error 1\n",
        );
        h.put("Makefile", "all:\n\t-false\n\t@echo after\n");
        check(
            &mut h,
            "",
            0,
            "false\nafter\n",
            "make: [Makefile:2: all] Error 1 (ignored)\n",
        );
        h.put("bad.c", "int main(void) { return y; }\n");
        h.put("Makefile", "bad: bad.c\n\tgcc -o bad bad.c\n");
        let s = make(&mut h, "");
        assert_eq!(s, 2);
        assert!(
            h.err.ends_with("make: *** [Makefile:2: bad] Error 1\n"),
            "{}",
            h.err
        );
    }

    #[test]
    fn variables_and_patterns() {
        let mut h = sources();
        h.put("Makefile", "SRCS = $(wildcard *.c)\nOBJS = $(SRCS:.c=.o)\nTARGET := prog\n$(TARGET): $(OBJS)\n\t@echo linking $@ from $^\n%.o: %.c\n\t@echo compiling $< into $@\n");
        check(&mut h, "", 0, "compiling hello.c into hello.o\ncompiling main.c into main.o\ncompiling util.c into util.o\nlinking prog from hello.o main.o util.o\n", "");
    }
}
