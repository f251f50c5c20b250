//! `docker build` on the daemon's side, as BuildKit does it: each Dockerfile step is keyed
//! by its parent's key, its instruction and (for `COPY`/`ADD`) the checksum of its sources;
//! a step whose key is in the build cache is `CACHED`, others run (`RUN` in the simulated
//! shell on the layers so far, `COPY` from the context) and their diff becomes a layer.
//! The result is one image; the build cache (`system df`, `builder prune`) keeps the steps.

use std::cell::RefCell;

use crate::collections::SmallSort;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::commit::{config_id, Change, ImageConfig};
use super::containers::{new_rootfs, strings};
use super::events::rfc3339_nano_trimmed;
use super::images::Image;
use super::rootfs::{ContainerFs, RootFs};
use crate::build::display::{render, render_plain, source_snippet, Progress, Vertex};
use crate::build::dockerfile::{self, config_change, expand, Form, Instruction, Op};
use crate::build::ignore::glob_match;
use crate::format::units::human_size;
use crate::fs::{Caller, Digest, Fs, Kind, Layer, Overlay, Preserve, RwLayer};
use crate::kernel::{Input, Kernel, Sink};
use crate::ports::{Nanos, SECOND};
use crate::registry::reference::{self, Reference};
use crate::shell::exec;
use crate::shell::io::Stdin;
use crate::shell::program::{Machine, Proc};
use crate::world::World;

/// The comment BuildKit writes on every history entry it makes.
const HISTORY_COMMENT: &str = "buildkit.dockerfile.v0";
/// The hostname of a build's `RUN` container.
const SANDBOX_HOSTNAME: &str = "buildkitsandbox";
/// The default `PATH` of a `RUN` step.
const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The image as it stands after a step.
#[derive(Clone, Debug, Default)]
pub struct State {
    layers: Vec<Rc<Layer>>,
    diff_ids: Vec<String>,
    history: Vec<Value>,
    config: ImageConfig,
    author: String,
    cmd_set: bool,
}

/// One record of the build cache.
#[derive(Clone, Debug)]
pub struct CacheRecord {
    /// BuildKit's record id (25 lowercase letters and digits).
    pub id: String,
    /// The step's cache key.
    pub key: String,
    /// `regular` (a step's layer) or `source.local` (a build context).
    pub kind: &'static str,
    /// What made it.
    pub description: String,
    /// Bytes it holds.
    pub size: u64,
    /// When it was made.
    pub created: Nanos,
    /// When a build last used it.
    pub last_used: Nanos,
    /// How many builds used it.
    pub usage: u32,
    state: Option<State>,
}

/// The build cache: what steps made, by key.
#[derive(Clone, Debug, Default)]
pub struct BuildCache {
    records: Vec<CacheRecord>,
    /// Steps that change only the config (`ENV`, `CMD` …): no layer, not counted.
    meta: Vec<(String, State)>,
}

impl BuildCache {
    /// Every record, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &CacheRecord> {
        self.records.iter()
    }

    /// Bytes of all records.
    pub fn size(&self) -> u64 {
        self.records.iter().map(|r| r.size).sum()
    }

    /// How many records there are.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// Whether the cache is empty.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Removes every record (no build runs while a command line does); returns their ids
    /// and the bytes freed.
    pub fn prune(&mut self) -> (Vec<String>, u64) {
        let size = self.size();
        let ids = self.records.drain(..).map(|r| r.id).collect();
        self.meta.clear();
        (ids, size)
    }

    fn hit(&mut self, key: &str, now: Nanos) -> Option<State> {
        let r = self.records.iter_mut().find(|r| r.key == key)?;
        r.last_used = now;
        r.usage += 1;
        r.state.clone()
    }

    /// Marks the record `key` used; whether there is one.
    fn touch(&mut self, key: &str, now: Nanos) -> bool {
        match self.records.iter_mut().find(|r| r.key == key) {
            Some(r) => {
                r.last_used = now;
                r.usage += 1;
                true
            }
            None => false,
        }
    }

    fn hit_meta(&self, key: &str) -> Option<State> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, s)| s.clone())
    }

    fn put_meta(&mut self, key: String, state: State) {
        self.meta.retain(|(k, _)| *k != key);
        self.meta.push((key, state));
    }

    fn put(&mut self, record: CacheRecord) {
        self.records.retain(|r| r.key != record.key);
        self.records.push(record);
    }
}

/// What `docker build` asks for.
#[derive(Clone, Debug, Default)]
pub struct BuildRequest {
    /// The Dockerfile's name as BuildKit shows it (`Dockerfile`).
    pub dockerfile_name: String,
    /// Its text.
    pub dockerfile: String,
    /// The build context, `.dockerignore` applied; its root is the context folder.
    pub context: RwLayer,
    /// Size of `.dockerignore`, when there is one.
    pub dockerignore_size: Option<u64>,
    /// `-t` references (tag added).
    pub tags: Vec<Reference>,
    /// `--build-arg` values.
    pub build_args: Vec<(String, String)>,
    /// `--label` pairs.
    pub labels: Vec<(String, String)>,
    /// `--no-cache`.
    pub no_cache: bool,
    /// The builder shown at the right of the display (`docker:desktop-linux`).
    pub builder: String,
    /// Terminal width.
    pub width: usize,
    /// `-q`: no display.
    pub quiet: bool,
    /// `--progress`: how the build is shown when not quiet.
    pub progress: Progress,
}

/// What a build printed and made.
#[derive(Clone, Debug, Default)]
pub struct BuildReport {
    /// The display and any error, for standard error.
    pub stderr: String,
    /// The image made, on success.
    pub image_id: Option<String>,
}

/// A failure: the message after `ERROR: failed to solve: `, the Dockerfile lines it is
/// about, and the failed step's output.
struct Failure {
    message: String,
    lines: Option<(usize, usize)>,
    logs: Option<(String, String)>,
}

fn fail(message: impl Into<String>, lines: Option<(usize, usize)>) -> Failure {
    Failure {
        message: message.into(),
        lines,
        logs: None,
    }
}

struct Builder {
    world: Rc<RefCell<World>>,
    kernel: Rc<RefCell<Kernel>>,
    req: BuildRequest,
    vertices: Vec<Vertex>,
}

/// Runs a build to its end and says what to print.
pub async fn build(
    world: Rc<RefCell<World>>,
    kernel: Rc<RefCell<Kernel>>,
    req: BuildRequest,
) -> BuildReport {
    let mut b = Builder {
        world,
        kernel,
        req,
        vertices: Vec::new(),
    };
    let result = b.run().await;
    let mut stderr = String::new();
    match b.req.progress {
        _ if b.req.quiet => {}
        Progress::Quiet => {}
        Progress::Tty => stderr.push_str(&render(&b.vertices, &b.req.builder, b.req.width)),
        Progress::Plain => {
            let instance = b.req.builder.trim_start_matches("docker:");
            let error = result.as_ref().err().map(|f| f.message.as_str());
            stderr.push_str(&render_plain(&b.vertices, instance, error));
        }
    }
    match result {
        Ok(id) => BuildReport {
            stderr,
            image_id: Some(id),
        },
        Err(f) => {
            if let Some((name, logs)) = &f.logs {
                stderr.push_str(&format!("------\n > {name}:\n{logs}------\n"));
            }
            if let Some((first, last)) = f.lines {
                stderr.push_str(&source_snippet(
                    &b.req.dockerfile_name,
                    &b.req.dockerfile,
                    first,
                    last,
                ));
            }
            stderr.push_str(&format!("ERROR: failed to solve: {}\n", f.message));
            BuildReport {
                stderr,
                image_id: None,
            }
        }
    }
}

/// The steps BuildKit numbers `[i/N]`.
fn numbered(i: &Instruction) -> bool {
    matches!(i.op, Op::From(_) | Op::Run(_) | Op::Copy { .. }) || i.keyword == "WORKDIR"
}

fn key_of(parts: &[&str]) -> String {
    Digest::of(parts.join("\u{0}").as_bytes()).to_string()
}

impl Builder {
    fn now(&self) -> Nanos {
        self.world.borrow().now()
    }

    fn record_id(&self) -> String {
        let mut w = self.world.borrow_mut();
        let alphabet = b"abcdefghijklmnopqrstuvwxyz0123456789";
        (0..25)
            .map(|_| char::from(alphabet[(w.random() % 36) as usize]))
            .collect()
    }

    async fn run(&mut self) -> Result<String, Failure> {
        let name = self.req.dockerfile_name.clone();
        self.vertices.push(
            Vertex::new(format!("[internal] load build definition from {name}")).with_line(
                format!(
                    "transferring dockerfile: {}",
                    human_size(self.req.dockerfile.len() as f64)
                ),
            ),
        );
        let ins = dockerfile::parse(&self.req.dockerfile).map_err(|e| fail(e.message, e.lines))?;
        let total = ins.iter().filter(|i| numbered(i)).count();
        // ARGs before FROM: only FROM sees them.
        let mut meta: Vec<(String, String)> = Vec::new();
        let mut idx = 0;
        while let Some(Instruction {
            op: Op::Arg(n, d), ..
        }) = ins.get(idx)
        {
            let v = self.build_arg(n).or_else(|| d.clone()).unwrap_or_default();
            meta.push((n.clone(), v));
            idx += 1;
        }
        let Some(from) = ins.get(idx) else {
            return Err(fail("no build stage in current context", None));
        };
        let Op::From(image) = &from.op else {
            return Err(fail(
                "no build stage in current context",
                Some((from.line, from.end_line)),
            ));
        };
        let lookup = |n: &str| meta.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let image_text = expand(image, &lookup);
        let reference = reference::parse_normalized_named(&image_text)
            .map_err(|e| {
                fail(
                    format!("failed to parse stage name \"{image_text}\": {e}"),
                    Some((from.line, from.end_line)),
                )
            })?
            .tag_name_only();
        let full = reference.to_string();
        let (base, base_key) = self.base(&reference, &image_text, &full, total)?;
        let mut state = base;
        let mut key = key_of(&["FROM", &base_key]);
        let mut cached_chain = !self.req.no_cache;
        let mut step = 1;
        let mut args: Vec<(String, String)> = Vec::new();
        let ignore_vertex = Vertex::new("[internal] load .dockerignore").with_line(format!(
            "transferring context: {}",
            human_size(self.req.dockerignore_size.unwrap_or(2) as f64)
        ));
        self.vertices.insert(2, ignore_vertex);
        if ins.iter().any(|i| matches!(i.op, Op::Copy { .. })) {
            let size = self.req.context.size();
            self.vertices.push(
                Vertex::new("[internal] load build context")
                    .with_line(format!("transferring context: {}", human_size(size as f64))),
            );
            let ctx_key = key_of(&["context", &self.context_checksum("/")]);
            let now = self.now();
            let exists = self
                .world
                .borrow()
                .daemon
                .build_cache
                .iter()
                .any(|r| r.key == ctx_key);
            if !exists {
                let id = self.record_id();
                self.world.borrow_mut().daemon.build_cache.put(CacheRecord {
                    id,
                    key: ctx_key,
                    kind: "source.local",
                    description: "local source for context".into(),
                    size,
                    created: now,
                    last_used: now,
                    usage: 1,
                    state: None,
                });
            }
        }
        for i in &ins[idx + 1..] {
            let lines = Some((i.line, i.end_line));
            let vars = {
                let env = state.config.env.clone();
                let args = args.clone();
                move |n: &str| {
                    env.iter()
                        .rev()
                        .find_map(|e| e.strip_prefix(&format!("{n}=")).map(str::to_owned))
                        .or_else(|| args.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()))
                }
            };
            if numbered(i) {
                step += 1;
            }
            let label = format!("[{step}/{total}]");
            match &i.op {
                Op::From(_) => {
                    return Err(fail(
                        "berth: a second FROM (multi-stage build) is not simulated yet",
                        lines,
                    ))
                }
                Op::Arg(n, d) => {
                    let v = self
                        .build_arg(n)
                        .or_else(|| d.as_ref().map(|d| expand(d, &vars)))
                        .or_else(|| meta.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()));
                    args.retain(|(k, _)| k != n);
                    let shown = match &v {
                        Some(v) => format!("ARG {n}={v}"),
                        None => format!("ARG {n}"),
                    };
                    args.push((n.clone(), v.unwrap_or_default()));
                    let mut next = state.clone();
                    key = key_of(&[&key, &shown]);
                    push_history(&mut next, &shown, None, self.now());
                    state = self.meta_step(&key, &mut cached_chain, next);
                }
                Op::Maintainer(m) => {
                    let mut next = state.clone();
                    next.author = m.clone();
                    let shown = format!("MAINTAINER {m}");
                    key = key_of(&[&key, &shown]);
                    push_history(&mut next, &shown, None, self.now());
                    state = self.meta_step(&key, &mut cached_chain, next);
                }
                Op::Config(rest) if i.keyword == "WORKDIR" => {
                    let dir = expand(rest, &vars);
                    let dir = if dir.starts_with('/') {
                        dir
                    } else {
                        let base = if state.config.working_dir.is_empty() {
                            "/"
                        } else {
                            state.config.working_dir.as_str()
                        };
                        format!("{}/{dir}", base.trim_end_matches('/'))
                    };
                    let dir = crate::shell::fs::resolve("/", &dir);
                    let shown = format!("WORKDIR {dir}");
                    key = key_of(&[&key, &shown]);
                    let mut v = Vertex::new(format!("{label} {}", i.display()));
                    if let Some(s) = self.cached(&key, cached_chain) {
                        state = s;
                        v.cached = true;
                    } else {
                        cached_chain = false;
                        let now = self.now();
                        let mut ov = Overlay::new(state.layers.clone());
                        let _ = ov.mkdir_all(&Caller::root(now), &dir, 0o755);
                        state.config.working_dir = dir;
                        self.add_layer(&mut state, ov.commit(), &shown, &key, now);
                    }
                    self.vertices.push(v);
                }
                Op::Config(_)
                    if matches!(i.keyword.as_str(), "HEALTHCHECK" | "ONBUILD" | "SHELL") =>
                {
                    return Err(fail(
                        format!(
                            "berth: the Dockerfile instruction {} is not simulated yet",
                            i.keyword
                        ),
                        lines,
                    ));
                }
                Op::Run(Form::Shell(text)) if text.starts_with("--") => {
                    return Err(fail(
                        "berth: RUN options (--mount, --network …) are not simulated yet",
                        lines,
                    ));
                }
                Op::Copy { srcs, .. } if srcs.iter().any(|s| s.starts_with("--")) => {
                    return Err(fail(
                        format!(
                            "berth: {} options (--chown, --from …) are not simulated yet",
                            i.keyword
                        ),
                        lines,
                    ));
                }
                Op::Config(rest) => {
                    let text = if matches!(i.keyword.as_str(), "CMD" | "ENTRYPOINT") {
                        rest.clone()
                    } else {
                        expand(rest, &vars)
                    };
                    let change = config_change(&i.keyword, &text).map_err(|e| {
                        fail(
                            format!("dockerfile parse error on line {}: {e}", i.line),
                            lines,
                        )
                    })?;
                    let mut next = state.clone();
                    let shown = apply(&mut next, change);
                    key = key_of(&[&key, &shown]);
                    push_history(&mut next, &shown, None, self.now());
                    state = self.meta_step(&key, &mut cached_chain, next);
                }
                Op::Run(form) => {
                    let argv = form.argv();
                    let mut shown = String::from("RUN ");
                    if !args.is_empty() {
                        shown.push_str(&format!("|{} ", args.len()));
                        for (k, v) in &args {
                            shown.push_str(&format!("{k}={v} "));
                        }
                    }
                    shown.push_str(&argv.join(" "));
                    shown.push_str(" # buildkit");
                    let env = run_env(&state, &args);
                    key = key_of(&[&key, &shown, &env.join("\n"), &state.config.user]);
                    let mut v = Vertex::new(format!("{label} {}", i.display()));
                    if let Some(s) = self.cached(&key, cached_chain) {
                        state = s;
                        v.cached = true;
                        self.vertices.push(v);
                        continue;
                    }
                    cached_chain = false;
                    let start = self.now();
                    let run = self.run_step(&state, argv.clone(), env).await;
                    v.secs = (self.now() - start) as f64 / SECOND as f64;
                    match run {
                        Ok((layer, output)) => {
                            v.logs = output.lines().map(str::to_owned).collect();
                            let now = self.now();
                            self.add_layer(&mut state, layer, &shown, &key, now);
                            self.vertices.push(v);
                        }
                        Err((status, output)) => {
                            v.error = true;
                            v.logs = output.lines().map(str::to_owned).collect();
                            let name = v.name.clone();
                            self.vertices.push(v);
                            let logs: String = output
                                .lines()
                                .map(|l| format!("{:.3} {l}\n", 0.1))
                                .collect();
                            let message = match status {
                                None => output.trim_end().to_owned(),
                                Some(code) => format!(
                                    "process \"{}\" did not complete successfully: exit code: {code}",
                                    argv.join(" ")
                                ),
                            };
                            return Err(Failure {
                                message,
                                lines,
                                logs: Some((name, logs)),
                            });
                        }
                    }
                }
                Op::Copy { add, srcs, dest } => {
                    let word = if *add { "ADD" } else { "COPY" };
                    let srcs: Vec<String> = srcs.iter().map(|s| expand(s, &vars)).collect();
                    let dest = expand(dest, &vars);
                    let mut v = Vertex::new(format!("{label} {}", i.display()));
                    let found = match self.sources(&srcs, *add) {
                        Ok(f) => f,
                        Err(message) => {
                            v.error = true;
                            self.vertices.push(v);
                            return Err(fail(message, lines));
                        }
                    };
                    let sums: Vec<String> =
                        found.iter().map(|p| self.context_checksum(p)).collect();
                    let shown = format!("{word} {} {dest} # buildkit", srcs.join(" "));
                    key = key_of(&[&key, &shown, &sums.join(",")]);
                    if let Some(s) = self.cached(&key, cached_chain) {
                        state = s;
                        v.cached = true;
                        self.vertices.push(v);
                        continue;
                    }
                    cached_chain = false;
                    let now = self.now();
                    let layer = self.copy_step(&state, &found, &dest, srcs.len() > 1, now);
                    self.add_layer(&mut state, layer, &shown, &key, now);
                    self.vertices.push(v);
                }
            }
        }
        self.export(state)
    }

    /// The `--build-arg` value of `name`.
    fn build_arg(&self, name: &str) -> Option<String> {
        self.req
            .build_args
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
    }

    /// A config-only step: its cached result (same history times, so a rebuild makes
    /// the same image), or `next`, which is then cached.
    fn meta_step(&mut self, key: &str, chain: &mut bool, next: State) -> State {
        if *chain {
            if let Some(s) = self.world.borrow().daemon.build_cache.hit_meta(key) {
                return s;
            }
        }
        *chain = false;
        self.world
            .borrow_mut()
            .daemon
            .build_cache
            .put_meta(key.to_owned(), next.clone());
        next
    }

    fn cached(&self, key: &str, allowed: bool) -> Option<State> {
        if !allowed {
            return None;
        }
        let now = self.now();
        self.world.borrow_mut().daemon.build_cache.hit(key, now)
    }

    /// The base image: local, or resolved from the registry; shows the metadata and
    /// `FROM` steps.
    fn base(
        &mut self,
        reference: &Reference,
        typed: &str,
        full: &str,
        total: usize,
    ) -> Result<(State, String), Failure> {
        let mut meta = Vertex::new(format!("[internal] load metadata for {full}"));
        let mut from = Vertex::new(format!("[1/{total}] FROM {full}"));
        let local = {
            let w = self.world.borrow();
            w.daemon
                .images
                .resolve_tag(reference)
                .and_then(|id| w.daemon.images.get(id))
                .cloned()
        };
        let (layers, diff_ids, config, key) = match local {
            Some(img) => {
                from.cached = true;
                let diff_ids = img.diff_ids();
                (
                    img.layers.clone(),
                    diff_ids,
                    img.config.clone(),
                    img.id.clone(),
                )
            }
            None => {
                let resolved = self.world.borrow_mut().hub.resolve(reference);
                let remote = match resolved {
                    Ok(r) => r,
                    Err(e) => {
                        meta.error = true;
                        self.vertices.push(meta);
                        return Err(fail(
                            format!("{typed}: failed to resolve source metadata for {full}: {e}"),
                            None,
                        ));
                    }
                };
                meta.secs = 1.0;
                from = from.with_line(format!("resolve {full}@{}", remote.manifest_digest));
                let from_key = key_of(&["FROM", &remote.id]);
                let now = self.now();
                let seen = self
                    .world
                    .borrow_mut()
                    .daemon
                    .build_cache
                    .touch(&from_key, now);
                if !seen {
                    let id = self.record_id();
                    self.world.borrow_mut().daemon.build_cache.put(CacheRecord {
                        id,
                        key: from_key,
                        kind: "regular",
                        description: format!("pulled from {full}@{}", remote.manifest_digest),
                        size: remote.layers.iter().map(|l| l.layer.size()).sum(),
                        created: now,
                        last_used: now,
                        usage: 1,
                        state: None,
                    });
                }
                if seen {
                    from.cached = true;
                } else {
                    let mut secs = 0.0;
                    for l in &remote.layers {
                        let size = bytes_text(l.compressed);
                        from = from.with_line(format!("{} {size} / {size}", l.blob_digest));
                        secs += l.compressed as f64 / 40_000_000.0;
                    }
                    for l in &remote.layers {
                        from = from.with_line(format!("extracting {}", l.blob_digest));
                    }
                    from.secs = secs + 0.2;
                }
                (
                    remote.layers.iter().map(|l| Rc::clone(&l.layer)).collect(),
                    remote.layers.iter().map(|l| l.diff_id.clone()).collect(),
                    remote.config.clone(),
                    remote.id.clone(),
                )
            }
        };
        self.vertices.push(meta);
        self.vertices.push(from);
        let history = config
            .get("history")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let author = config
            .get("author")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        Ok((
            State {
                layers,
                diff_ids,
                history,
                config: image_config(config.get("config").unwrap_or(&Value::Null)),
                author,
                cmd_set: false,
            },
            key,
        ))
    }

    /// Adds a step's layer (when it holds anything) and its history entry; records it.
    fn add_layer(&mut self, state: &mut State, layer: Layer, shown: &str, key: &str, now: Nanos) {
        let size = layer.size();
        let layer = (layer.entry_count() > 0).then(|| Rc::new(layer));
        if let Some(l) = &layer {
            state.layers.push(Rc::clone(l));
            state.diff_ids.push(l.diff_id().to_string());
        }
        push_history(state, shown, layer.as_ref().map(|_| ()), now);
        let id = self.record_id();
        self.world.borrow_mut().daemon.build_cache.put(CacheRecord {
            id,
            key: key.to_owned(),
            kind: "regular",
            description: shown.trim_end_matches(" # buildkit").to_owned(),
            size,
            created: now,
            last_used: now,
            usage: 1,
            state: Some(state.clone()),
        });
    }

    /// Runs a `RUN` step's process on the layers so far; its diff, or its exit status
    /// (`None`: it could not start) and output.
    async fn run_step(
        &mut self,
        state: &State,
        argv: Vec<String>,
        env: Vec<String>,
    ) -> Result<(Layer, String), (Option<i32>, String)> {
        let now = self.now();
        let image = Image {
            id: String::new(),
            config: Value::Null,
            layers: state.layers.clone(),
            parent: None,
            created: now,
            last_tag_time: None,
            repo_digests: Vec::new(),
        };
        let rootfs = new_rootfs(&image, SANDBOX_HOSTNAME, false, now);
        let output = Rc::new(RefCell::new(Vec::new()));
        let fut = {
            let programs = self.world.borrow_mut().daemon.programs();
            let sys = self.kernel.borrow().sys();
            spawn(
                &rootfs,
                &sys,
                &programs,
                argv,
                &env,
                state,
                Sink::Capture(Rc::clone(&output)),
                now,
            )
        };
        let status = match fut {
            Ok(f) => f.await,
            Err(msg) => return Err((None, msg)),
        };
        let text = String::from_utf8_lossy(&output.borrow()).into_owned();
        if status != 0 {
            return Err((Some(status), text));
        }
        let layer = rootfs.borrow().root().commit();
        Ok((layer, text))
    }

    /// The context paths `srcs` name (globs in their last part), or BuildKit's error.
    fn sources(&mut self, srcs: &[String], add: bool) -> Result<Vec<String>, String> {
        let mut out = Vec::new();
        for s in srcs {
            if add && (s.contains("://") || is_archive(s)) {
                return Err(format!(
                    "berth: ADD of an archive or a URL ({s}) is not simulated yet; use COPY"
                ));
            }
            let clean = crate::shell::fs::resolve("/", s);
            let (dir, last) = clean.rsplit_once('/').unwrap_or(("", &clean));
            let mut hits = Vec::new();
            if last.contains(['*', '?']) {
                let parent = if dir.is_empty() { "/" } else { dir };
                if let Ok(names) = self.req.context.read_dir(parent) {
                    for n in names {
                        if glob_match(last, &n) {
                            hits.push(format!("{}/{n}", dir));
                        }
                    }
                }
            } else if self.req.context.lstat(&clean).is_ok() {
                hits.push(clean.clone());
            }
            if hits.is_empty() {
                let a = self.record_id();
                let b = self.record_id();
                return Err(format!(
                    "failed to compute cache key: failed to calculate checksum of ref {a}::{b}: \"{clean}\": not found"
                ));
            }
            out.extend(hits);
        }
        Ok(out)
    }

    /// A checksum of what `path` holds in the context (names, modes and bytes).
    fn context_checksum(&self, path: &str) -> String {
        let mut acc = Vec::new();
        walk(&self.req.context, path, &mut acc);
        Digest::of(&acc).to_string()
    }

    fn copy_step(
        &self,
        state: &State,
        found: &[String],
        dest: &str,
        many: bool,
        now: Nanos,
    ) -> Layer {
        let workdir = if state.config.working_dir.is_empty() {
            "/"
        } else {
            state.config.working_dir.as_str()
        };
        let as_dir = dest.ends_with('/') || many || dest == "." || dest.ends_with("/.");
        let target = crate::shell::fs::resolve(workdir, dest);
        let mut ov = Overlay::new(state.layers.clone());
        let caller = Caller::root(now);
        let keep = Preserve {
            mode: true,
            owner: false,
            times: true,
        };
        for src in found {
            let Ok(snap) = self.req.context.snapshot(src) else {
                continue;
            };
            let is_dir = snap.stat().kind == Kind::Dir;
            let into_dir = as_dir || ov.stat(&target).is_ok_and(|s| s.kind == Kind::Dir);
            let to = if is_dir || !into_dir {
                target.clone()
            } else {
                let base = src.rsplit('/').next().unwrap_or_default();
                format!("{}/{base}", target.trim_end_matches('/'))
            };
            let parent = if is_dir {
                to.clone()
            } else {
                to.rsplit_once('/')
                    .map(|(p, _)| {
                        if p.is_empty() {
                            "/".to_owned()
                        } else {
                            p.to_owned()
                        }
                    })
                    .unwrap_or_else(|| "/".to_owned())
            };
            let _ = ov.mkdir_all(&caller, &parent, 0o755);
            let _ = ov.paste(&caller, &to, &snap, keep);
        }
        ov.commit()
    }

    /// Makes the image, tags it, and shows `exporting to image`.
    fn export(&mut self, state: State) -> Result<String, Failure> {
        let created_text = state
            .history
            .last()
            .and_then(|h| h.get("created"))
            .and_then(Value::as_str)
            .map(str::to_owned)
            .unwrap_or_else(|| rfc3339_nano_trimmed(self.now()));
        let now = self.now();
        let created = super::events::parse_rfc3339(&created_text).unwrap_or(now);
        let mut config = state.config.clone();
        for (k, v) in &self.req.labels {
            config.labels.insert(k.clone(), v.clone());
        }
        let mut root = Map::new();
        root.insert("architecture".into(), json!("amd64"));
        if !state.author.is_empty() {
            root.insert("author".into(), json!(state.author));
        }
        root.insert("config".into(), config.to_json());
        root.insert("created".into(), json!(created_text));
        root.insert("history".into(), Value::Array(state.history.clone()));
        root.insert("os".into(), json!("linux"));
        root.insert(
            "rootfs".into(),
            json!({"type": "layers", "diff_ids": state.diff_ids}),
        );
        let cfg = Value::Object(root);
        let id = config_id(&cfg);
        let mut v = Vertex::new("exporting to image")
            .with_line("exporting layers")
            .with_line(format!("writing image {id}"));
        let mut w = self.world.borrow_mut();
        w.daemon.images.insert(Image {
            id: id.clone(),
            config: cfg,
            layers: state.layers,
            parent: None,
            created,
            last_tag_time: None,
            repo_digests: Vec::new(),
        });
        for t in &self.req.tags {
            w.daemon.images.tag(t, &id, now);
            let name = t.familiar_string();
            w.daemon.emit(now, "image", "tag", &id, &[("name", &name)]);
            v = v.with_line(format!("naming to {t}"));
        }
        self.vertices.push(v);
        Ok(id)
    }
}

/// Whether ADD would unpack this source.
fn is_archive(s: &str) -> bool {
    [".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"]
        .iter()
        .any(|e| s.ends_with(e))
}

/// Appends each entry under `path` (name, kind, mode, bytes) to `acc`, in name order.
fn walk(fs: &RwLayer, path: &str, acc: &mut Vec<u8>) {
    let Ok(st) = fs.lstat(path) else { return };
    acc.extend_from_slice(path.as_bytes());
    acc.extend_from_slice(format!("\0{:?}\0{:o}\0", st.kind, st.mode).as_bytes());
    match st.kind {
        Kind::File => {
            if let Ok(c) = fs.read(path) {
                acc.extend_from_slice(&c.to_vec());
            }
        }
        Kind::Symlink => {
            if let Ok(t) = fs.read_link(path) {
                acc.extend_from_slice(t.as_bytes());
            }
        }
        Kind::Dir => {
            let mut names = fs.read_dir(path).unwrap_or_default();
            names.small_sort();
            for n in names {
                let child = format!("{}/{n}", path.trim_end_matches('/'));
                walk(fs, &child, acc);
            }
        }
    }
}

/// A human size as BuildKit's progress shows bytes (`3.62MB`).
fn bytes_text(n: u64) -> String {
    let units = ["B", "kB", "MB", "GB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u + 1 < units.len() {
        v /= 1000.0;
        u += 1;
    }
    if u == 0 {
        format!("{n}B")
    } else {
        format!("{v:.2}{}", units[u])
    }
}

/// The image config's `config` object as the fields a build changes.
fn image_config(v: &Value) -> ImageConfig {
    let s = |k: &str| {
        v.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let keys = |k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_object)
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    ImageConfig {
        user: s("User"),
        exposed_ports: keys("ExposedPorts"),
        env: strings(v, "Env").unwrap_or_default(),
        entrypoint: strings(v, "Entrypoint"),
        cmd: strings(v, "Cmd"),
        volumes: keys("Volumes"),
        working_dir: s("WorkingDir"),
        labels: v
            .get("Labels")
            .and_then(Value::as_object)
            .map(|m| {
                m.iter()
                    .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        stop_signal: v
            .get("StopSignal")
            .and_then(Value::as_str)
            .map(str::to_owned),
    }
}

fn push_history(state: &mut State, created_by: &str, layer: Option<()>, now: Nanos) {
    let mut h = Map::new();
    h.insert("created".into(), json!(rfc3339_nano_trimmed(now)));
    h.insert("created_by".into(), json!(created_by));
    h.insert("comment".into(), json!(HISTORY_COMMENT));
    if layer.is_none() {
        h.insert("empty_layer".into(), json!(true));
    }
    state.history.push(Value::Object(h));
}

/// Go's `%q` of a string list (`["nginx" "-g"]`).
fn go_quoted(v: &[String]) -> String {
    let items: Vec<String> = v
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    format!("[{}]", items.join(" "))
}

/// Applies a config instruction as a Dockerfile does (in order, `ENV` replacing in
/// place); returns the history text BuildKit writes for it.
fn apply(state: &mut State, change: Change) -> String {
    let c = &mut state.config;
    match change {
        Change::Cmd(v) => {
            let shown = format!("CMD {}", go_quoted(&v));
            c.cmd = Some(v);
            state.cmd_set = true;
            shown
        }
        Change::Entrypoint(v) => {
            let shown = format!("ENTRYPOINT {}", go_quoted(&v));
            c.entrypoint = Some(v);
            if !state.cmd_set {
                c.cmd = None;
            }
            shown
        }
        Change::Env(pairs) => {
            let mut shown = Vec::new();
            for (k, v) in pairs {
                let e = format!("{k}={v}");
                match c
                    .env
                    .iter_mut()
                    .find(|x| x.split('=').next() == Some(k.as_str()))
                {
                    Some(slot) => *slot = e.clone(),
                    None => c.env.push(e.clone()),
                }
                shown.push(e);
            }
            format!("ENV {}", shown.join(" "))
        }
        Change::Expose(ports) => {
            for p in &ports {
                if !c.exposed_ports.contains(p) {
                    c.exposed_ports.push(p.clone());
                }
            }
            c.exposed_ports.small_sort();
            let map: Vec<String> = ports.iter().map(|p| format!("{p}:{{}}")).collect();
            format!("EXPOSE map[{}]", map.join(" "))
        }
        Change::Label(pairs) => {
            let mut shown = Vec::new();
            for (k, v) in pairs {
                shown.push(format!("{k}={v}"));
                c.labels.insert(k, v);
            }
            format!("LABEL {}", shown.join(" "))
        }
        Change::User(u) => {
            c.user = u.clone();
            format!("USER {u}")
        }
        Change::Volume(vs) => {
            for v in &vs {
                if !c.volumes.contains(v) {
                    c.volumes.push(v.clone());
                }
            }
            c.volumes.small_sort();
            format!("VOLUME [{}]", vs.join(" "))
        }
        Change::Workdir(w) => {
            c.working_dir = w.clone();
            format!("WORKDIR {w}")
        }
        Change::StopSignal(s) => {
            c.stop_signal = Some(s.clone());
            format!("STOPSIGNAL {s}")
        }
    }
}

/// The environment of a `RUN` step: the image's, then build arguments it does not set.
fn run_env(state: &State, args: &[(String, String)]) -> Vec<String> {
    let mut env = state.config.env.clone();
    for (k, v) in args {
        if !env.iter().any(|e| e.split('=').next() == Some(k.as_str())) {
            env.push(format!("{k}={v}"));
        }
    }
    env
}

/// Prepares a `RUN` process in `rootfs` (as `docker exec` prepares one): the future to
/// await, or why it cannot start.
#[allow(clippy::too_many_arguments)] // reason: a process's parts, one caller
fn spawn(
    rootfs: &RootFs,
    sys: &crate::kernel::Sys,
    programs: &Rc<crate::shell::program::Registry>,
    argv: Vec<String>,
    user_env: &[String],
    state: &State,
    out: Sink,
    now: Nanos,
) -> Result<crate::kernel::TaskFuture, String> {
    let fs: Rc<RefCell<dyn crate::shell::fs::ShellFs>> = Rc::new(RefCell::new(ContainerFs::new(
        Rc::clone(rootfs),
        Rc::clone(sys),
    )));
    let user = super::user::lookup(&*fs.borrow(), &state.config.user)?;
    let mut env: Vec<(String, String)> = vec![
        ("PATH".into(), DEFAULT_PATH.into()),
        ("HOSTNAME".into(), SANDBOX_HOSTNAME.into()),
    ];
    let path = super::containers::process_env(&mut env, user_env, &user.home);
    let cwd = if state.config.working_dir.is_empty() {
        "/".to_owned()
    } else {
        state.config.working_dir.clone()
    };
    {
        let mut root = rootfs.borrow_mut();
        if !root.exists(&cwd) {
            let _ = root.mkdir_all(&Caller::root(now), &cwd, 0o755);
        }
    }
    let name = argv.first().cloned().unwrap_or_default();
    let cred = user.cred;
    let file = if name.contains('/') {
        Ok(crate::shell::fs::resolve(&cwd, &name))
    } else {
        exec::lookup(&*fs.borrow(), &path, &cwd, &name, &cred)
    };
    let found = file
        .and_then(|f| exec::resolve(&*fs.borrow(), programs, &f, argv.clone(), &cred))
        .map_err(|_| {
            format!(
                "process \"{}\" did not complete successfully: exit code: 127",
                argv.join(" ")
            )
        })?;
    let mut machine = Machine::container(SANDBOX_HOSTNAME);
    machine.hostname = SANDBOX_HOSTNAME.to_owned();
    machine.programs = Rc::clone(programs);
    let mut p = Proc::new(
        Rc::new(machine),
        fs,
        Rc::clone(sys),
        found.args.clone(),
        Stdin::new(Input::Null),
        out.clone(),
        out,
    );
    p.env = env;
    p.cwd = cwd;
    p.style = found.style;
    p.cred = cred;
    Ok(Box::pin(crate::shell::process::run_main(p, found.program)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    fn check(changes: &[&str], expected_history: &[&str], check_state: impl Fn(&ImageConfig)) {
        let mut state = State {
            config: ImageConfig {
                env: s(&["PATH=/bin"]),
                cmd: Some(s(&["sh"])),
                ..ImageConfig::default()
            },
            ..State::default()
        };
        let mut shown = Vec::new();
        for c in changes {
            let (k, rest) = c.split_once(' ').unwrap_or((c, ""));
            let change = config_change(k, rest).unwrap();
            shown.push(apply(&mut state, change));
        }
        assert_eq!(shown, expected_history);
        check_state(&state.config);
    }

    #[test]
    fn config_instructions_apply_in_order() {
        check(
            &["ENV A=1 PATH=/usr/bin"],
            &["ENV A=1 PATH=/usr/bin"],
            |c| {
                assert_eq!(c.env, s(&["PATH=/usr/bin", "A=1"]));
            },
        );
        check(
            &["CMD [\"nginx\", \"-g\", \"daemon off;\"]"],
            &["CMD [\"nginx\" \"-g\" \"daemon off;\"]"],
            |_| {},
        );
        check(
            &["CMD echo hi"],
            &["CMD [\"/bin/sh\" \"-c\" \"echo hi\"]"],
            |_| {},
        );
        check(&["ENTRYPOINT [\"top\"]"], &["ENTRYPOINT [\"top\"]"], |c| {
            assert_eq!(c.cmd, None);
        });
        check(
            &["CMD [\"-b\"]", "ENTRYPOINT [\"top\"]"],
            &["CMD [\"-b\"]", "ENTRYPOINT [\"top\"]"],
            |c| assert_eq!(c.cmd, Some(s(&["-b"]))),
        );
        check(
            &["EXPOSE 80 53/udp"],
            &["EXPOSE map[80/tcp:{} 53/udp:{}]"],
            |c| {
                assert_eq!(c.exposed_ports, s(&["53/udp", "80/tcp"]));
            },
        );
        check(&["VOLUME /data"], &["VOLUME [/data]"], |c| {
            assert_eq!(c.volumes, s(&["/data"]));
        });
        check(
            &["USER nobody", "LABEL a=b"],
            &["USER nobody", "LABEL a=b"],
            |c| {
                assert_eq!(c.user, "nobody");
            },
        );
    }

    #[test]
    fn progress_sizes_read_as_buildkit_prints_them() {
        for (n, text) in [
            (2, "2B"),
            (999, "999B"),
            (3_623_807, "3.62MB"),
            (1500, "1.50kB"),
        ] {
            assert_eq!(bytes_text(n), text);
        }
    }
}
