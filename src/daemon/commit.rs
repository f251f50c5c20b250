//! `docker commit`: a container's writable layer becomes the top layer of a new image; the
//! `--change` instructions (a Dockerfile subset) edit the new image's config.

use crate::collections::SmallSort;
use crate::collections::SortedMap as BTreeMap;
use std::rc::Rc;

use serde_json::{json, Map, Value};

use super::containers::Config;
use super::events::rfc3339_nano_trimmed;
use super::images::Image;
use crate::fs::Digest;
use crate::ports::Nanos;
use crate::registry::reference::Reference;
use crate::world::World;

/// The docker version written into configs the daemon makes.
pub const DOCKER_VERSION: &str = "27.5.1";

/// The container config fields an image config carries (what `--change` may set).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImageConfig {
    /// `User`.
    pub user: String,
    /// `ExposedPorts` keys (`80/tcp`).
    pub exposed_ports: Vec<String>,
    /// `Env`, `KEY=value`.
    pub env: Vec<String>,
    /// `Entrypoint`.
    pub entrypoint: Option<Vec<String>>,
    /// `Cmd`.
    pub cmd: Option<Vec<String>>,
    /// `Volumes` keys.
    pub volumes: Vec<String>,
    /// `WorkingDir`.
    pub working_dir: String,
    /// `Labels`.
    pub labels: BTreeMap<String, String>,
    /// `StopSignal`.
    pub stop_signal: Option<String>,
}

impl ImageConfig {
    /// The config a container runs with, as an image keeps it.
    pub fn from_container(c: &Config) -> ImageConfig {
        ImageConfig {
            user: c.user.clone(),
            exposed_ports: c.exposed_ports.iter().cloned().collect(),
            env: c.env.clone(),
            entrypoint: c.entrypoint.clone(),
            cmd: c.cmd.clone(),
            volumes: c.volumes.iter().cloned().collect(),
            working_dir: c.working_dir.clone(),
            labels: c.labels.clone(),
            stop_signal: c.stop_signal.clone(),
        }
    }

    /// The `config` object of an image config (keys in the order docker writes them).
    pub fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("User".into(), json!(self.user));
        if !self.exposed_ports.is_empty() {
            let ports: Map<String, Value> = self
                .exposed_ports
                .iter()
                .map(|p| (p.clone(), json!({})))
                .collect();
            m.insert("ExposedPorts".into(), Value::Object(ports));
        }
        m.insert("Env".into(), json!(self.env));
        m.insert("Cmd".into(), json!(self.cmd));
        if self.volumes.is_empty() {
            m.insert("Volumes".into(), Value::Null);
        } else {
            let vols: Map<String, Value> = self
                .volumes
                .iter()
                .map(|v| (v.clone(), json!({})))
                .collect();
            m.insert("Volumes".into(), Value::Object(vols));
        }
        m.insert("WorkingDir".into(), json!(self.working_dir));
        m.insert("Entrypoint".into(), json!(self.entrypoint));
        m.insert("OnBuild".into(), Value::Null);
        m.insert(
            "Labels".into(),
            if self.labels.is_empty() {
                Value::Null
            } else {
                json!(self.labels)
            },
        );
        if let Some(s) = &self.stop_signal {
            m.insert("StopSignal".into(), json!(s));
        }
        Value::Object(m)
    }
}

/// One `--change` instruction, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// `CMD`.
    Cmd(Vec<String>),
    /// `ENTRYPOINT`.
    Entrypoint(Vec<String>),
    /// `ENV` pairs.
    Env(Vec<(String, String)>),
    /// `EXPOSE` ports, with protocol.
    Expose(Vec<String>),
    /// `LABEL` pairs.
    Label(Vec<(String, String)>),
    /// `USER`.
    User(String),
    /// `VOLUME` paths.
    Volume(Vec<String>),
    /// `WORKDIR`.
    Workdir(String),
    /// `STOPSIGNAL`.
    StopSignal(String),
}

/// A JSON array of strings (`["nginx", "-g"]`), or `None` when the text is not one.
fn json_form(rest: &str) -> Option<Vec<String>> {
    if !rest.starts_with('[') {
        return None;
    }
    serde_json::from_str::<Vec<String>>(rest).ok()
}

/// Splits `a=b "c d"=e` into words, honouring double and single quotes and backslashes.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut any = false;
    let mut quote: Option<char> = None;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (None, '"' | '\'') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (q, '\\') if q != Some('\'') => {
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
                any = true;
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// `KEY=value …` pairs, or the legacy `KEY value` form.
fn pairs(cmd: &str, rest: &str) -> Result<Vec<(String, String)>, String> {
    let ws = words(rest);
    if ws.is_empty() {
        return Err(format!("{cmd} requires at least one argument"));
    }
    if !ws[0].contains('=') {
        let (k, v) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
        if v.trim().is_empty() {
            return Err(format!("{} must have two arguments", cmd.to_uppercase()));
        }
        return Ok(vec![(k.to_owned(), words(v).join(" "))]);
    }
    ws.iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
            _ => Err(format!(
                "Syntax error - can't find = in \"{w}\". Must be of the form: name=value"
            )),
        })
        .collect()
}

/// Parses one `--change` text as moby's `BuildFromConfig` does; errors are the daemon's.
pub fn parse_change(text: &str) -> Result<Change, String> {
    let text = text.trim();
    let (word, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
    let rest = rest.trim();
    let cmd = word.to_lowercase();
    let exec_or_shell = |rest: &str| {
        json_form(rest).unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into(), rest.to_owned()])
    };
    let need_arg = |rest: &str| {
        if rest.is_empty() {
            Err(format!("{cmd} requires at least one argument"))
        } else {
            Ok(())
        }
    };
    match cmd.as_str() {
        "cmd" => Ok(Change::Cmd(exec_or_shell(rest))),
        "entrypoint" => Ok(Change::Entrypoint(exec_or_shell(rest))),
        "env" => pairs(&cmd, rest).map(Change::Env),
        "label" => pairs(&cmd, rest).map(Change::Label),
        "expose" => {
            need_arg(rest)?;
            let mut ports = Vec::new();
            for w in words(rest) {
                let (port, proto) = w.split_once('/').unwrap_or((&w, "tcp"));
                if port.is_empty() || !port.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
                    return Err(format!("invalid containerPort: {port}"));
                }
                ports.push(format!("{port}/{}", proto.to_lowercase()));
            }
            Ok(Change::Expose(ports))
        }
        "user" => {
            need_arg(rest)?;
            Ok(Change::User(rest.to_owned()))
        }
        "workdir" => {
            need_arg(rest)?;
            Ok(Change::Workdir(rest.to_owned()))
        }
        "stopsignal" => {
            need_arg(rest)?;
            Ok(Change::StopSignal(rest.to_owned()))
        }
        "volume" => {
            need_arg(rest)?;
            Ok(Change::Volume(
                json_form(rest).unwrap_or_else(|| words(rest)),
            ))
        }
        _ => Err(format!("{cmd} is not a valid change command")),
    }
}

/// Applies the changes to the container's config as moby does: the changes form a new
/// config, and what they leave unset comes from the container (`merge`).
pub fn apply_changes(base: &ImageConfig, changes: &[Change]) -> ImageConfig {
    let mut user = ImageConfig::default();
    for ch in changes {
        match ch {
            Change::Cmd(v) => user.cmd = Some(v.clone()),
            Change::Entrypoint(v) => user.entrypoint = Some(v.clone()),
            Change::Env(ps) => {
                for (k, v) in ps {
                    user.env.retain(|e| e.split('=').next() != Some(k.as_str()));
                    user.env.push(format!("{k}={v}"));
                }
            }
            Change::Expose(ps) => {
                for p in ps {
                    if !user.exposed_ports.contains(p) {
                        user.exposed_ports.push(p.clone());
                    }
                }
            }
            Change::Label(ps) => {
                for (k, v) in ps {
                    user.labels.insert(k.clone(), v.clone());
                }
            }
            Change::User(u) => user.user = u.clone(),
            Change::Volume(vs) => user.volumes.extend(vs.iter().cloned()),
            Change::Workdir(w) => {
                user.working_dir = if w.starts_with('/') {
                    w.clone()
                } else {
                    let base = if user.working_dir.is_empty() {
                        "/"
                    } else {
                        user.working_dir.as_str()
                    };
                    format!("{}/{w}", base.trim_end_matches('/'))
                }
            }
            Change::StopSignal(s) => user.stop_signal = Some(s.clone()),
        }
    }
    // moby's merge(userConf, imageConf).
    if user.user.is_empty() {
        user.user = base.user.clone();
    }
    for p in &base.exposed_ports {
        if !user.exposed_ports.contains(p) {
            user.exposed_ports.push(p.clone());
        }
    }
    user.exposed_ports.small_sort();
    if user.env.is_empty() {
        user.env = base.env.clone();
    } else {
        for e in &base.env {
            let key = e.split('=').next().unwrap_or_default();
            if !user.env.iter().any(|u| u.split('=').next() == Some(key)) {
                user.env.push(e.clone());
            }
        }
    }
    for (k, v) in &base.labels {
        user.labels.entry(k.clone()).or_insert_with(|| v.clone());
    }
    if user.entrypoint.as_ref().is_none_or(Vec::is_empty) {
        if user.cmd.as_ref().is_none_or(Vec::is_empty) {
            user.cmd = base.cmd.clone();
        }
        if user.entrypoint.is_none() {
            user.entrypoint = base.entrypoint.clone();
        }
    }
    if user.working_dir.is_empty() {
        user.working_dir = base.working_dir.clone();
    }
    for v in &base.volumes {
        if !user.volumes.contains(v) {
            user.volumes.push(v.clone());
        }
    }
    user.volumes.small_sort();
    if user.stop_signal.is_none() {
        user.stop_signal = base.stop_signal.clone();
    }
    user
}

/// What to commit.
#[derive(Clone, Debug, Default)]
pub struct CommitOptions {
    /// `-m`.
    pub comment: String,
    /// `-a`.
    pub author: String,
    /// `-c`, each one instruction.
    pub changes: Vec<String>,
    /// `-p` (default true): pause a running container meanwhile.
    pub pause: bool,
    /// The name to tag the new image with.
    pub reference: Option<Reference>,
}

/// The config of a new image made on top of `parent` (commit, import): its history gets
/// one more entry, its rootfs one more layer unless `layer_diff_id` is `None`.
#[allow(clippy::too_many_arguments)] // reason: every field of a new config is one argument
pub fn child_config(
    parent: Option<&Value>,
    config: Value,
    now: Nanos,
    author: &str,
    comment: &str,
    created_by: &str,
    layer_diff_id: Option<&str>,
    container: Option<&str>,
) -> Value {
    let created = rfc3339_nano_trimmed(now);
    let mut diff_ids: Vec<Value> = parent
        .and_then(|p| p.pointer("/rootfs/diff_ids"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if let Some(d) = layer_diff_id {
        diff_ids.push(json!(d));
    }
    let mut history: Vec<Value> = parent
        .and_then(|p| p.get("history"))
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let mut h = Map::new();
    h.insert("created".into(), json!(created));
    if !author.is_empty() {
        h.insert("author".into(), json!(author));
    }
    if !created_by.is_empty() {
        h.insert("created_by".into(), json!(created_by));
    }
    if !comment.is_empty() {
        h.insert("comment".into(), json!(comment));
    }
    if layer_diff_id.is_none() {
        h.insert("empty_layer".into(), json!(true));
    }
    history.push(Value::Object(h));
    let mut root = Map::new();
    if !comment.is_empty() {
        root.insert("comment".into(), json!(comment));
    }
    root.insert("created".into(), json!(created));
    if let Some(c) = container {
        root.insert("container".into(), json!(c));
    }
    root.insert("docker_version".into(), json!(DOCKER_VERSION));
    if !author.is_empty() {
        root.insert("author".into(), json!(author));
    }
    root.insert("config".into(), config);
    root.insert("architecture".into(), json!("amd64"));
    root.insert("os".into(), json!("linux"));
    root.insert(
        "rootfs".into(),
        json!({"type": "layers", "diff_ids": diff_ids}),
    );
    root.insert("history".into(), Value::Array(history));
    Value::Object(root)
}

/// The id of an image config: the sha256 of its bytes.
pub fn config_id(config: &Value) -> String {
    Digest::of(&serde_json::to_vec(config).unwrap_or_default()).to_string()
}

/// `docker commit`: makes the image, tags it, and emits docker's events. Returns the new
/// image id, or the daemon's error text.
pub fn commit(world: &mut World, container: &str, opts: &CommitOptions) -> Result<String, String> {
    let id = world
        .daemon
        .containers
        .resolve(container)
        .map_err(|e| e.to_string())?;
    let changes: Vec<Change> = opts
        .changes
        .iter()
        .map(|c| parse_change(c))
        .collect::<Result<_, _>>()?;
    let now = world.now();
    let Some(c) = world.daemon.containers.get(&id) else {
        return Err(format!("No such container: {container}"));
    };
    if matches!(c.state, super::state::ContainerState::Dead) {
        return Err(format!("You cannot commit container {id} which is Dead"));
    }
    let paused = matches!(c.state, super::state::ContainerState::Paused { .. });
    let running = c.state.is_running();
    let layer = c.rootfs.borrow().root().commit();
    let config = apply_changes(&ImageConfig::from_container(&c.config), &changes);
    let created_by = c.config.cmd.clone().unwrap_or_default().join(" ");
    let parent_id = c.image_id.clone();
    let Some(parent) = world.daemon.images.get(&parent_id).cloned() else {
        return Err(format!("No such image: {parent_id}"));
    };
    let pause = opts.pause && running && !paused;
    if pause {
        world.daemon.emit_container(now, "pause", &id, &[]);
    }
    let empty = layer.entry_count() == 0;
    let layer = Rc::new(layer);
    let diff_id = layer.diff_id().to_string();
    let cfg = child_config(
        Some(&parent.config),
        config.to_json(),
        now,
        &opts.author,
        &opts.comment,
        &created_by,
        (!empty).then_some(diff_id.as_str()),
        Some(&id),
    );
    let image_id = config_id(&cfg);
    let mut layers = parent.layers.clone();
    if !empty {
        layers.push(layer);
    }
    world.daemon.images.insert(Image {
        id: image_id.clone(),
        config: cfg,
        layers,
        parent: Some(parent_id),
        created: now,
        last_tag_time: None,
        repo_digests: Vec::new(),
    });
    let mut image_ref = String::new();
    if let Some(r) = &opts.reference {
        world.daemon.images.tag(r, &image_id, now);
        image_ref = r.familiar_string();
        world
            .daemon
            .emit(now, "image", "tag", &image_id, &[("name", &image_ref)]);
    }
    world.daemon.emit_container(
        now,
        "commit",
        &id,
        &[
            ("comment", &opts.comment),
            ("imageID", &image_id),
            ("imageRef", &image_ref),
        ],
    );
    if pause {
        world.daemon.emit_container(now, "unpause", &id, &[]);
    }
    Ok(image_id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Result<Change, &str>) {
        assert_eq!(
            parse_change(input),
            expected.map_err(str::to_owned),
            "{input}"
        );
    }

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| (*x).to_owned()).collect()
    }

    fn kv(k: &str, v: &str) -> (String, String) {
        (k.to_owned(), v.to_owned())
    }

    #[test]
    fn changes_parse_as_dockerfile_instructions() {
        check(
            r#"CMD ["nginx", "-g"]"#,
            Ok(Change::Cmd(s(&["nginx", "-g"]))),
        );
        check(
            "CMD echo hi",
            Ok(Change::Cmd(s(&["/bin/sh", "-c", "echo hi"]))),
        );
        check(
            "entrypoint [\"/run.sh\"]",
            Ok(Change::Entrypoint(s(&["/run.sh"]))),
        );
        check(
            "ENV A=1 B=\"two words\"",
            Ok(Change::Env(vec![kv("A", "1"), kv("B", "two words")])),
        );
        check("ENV A one two", Ok(Change::Env(vec![kv("A", "one two")])));
        check("ENV", Err("env requires at least one argument"));
        check("ENV A", Err("ENV must have two arguments"));
        check(
            "EXPOSE 80 53/UDP",
            Ok(Change::Expose(s(&["80/tcp", "53/udp"]))),
        );
        check("EXPOSE http", Err("invalid containerPort: http"));
        check("LABEL a=b", Ok(Change::Label(vec![kv("a", "b")])));
        check("USER nobody", Ok(Change::User("nobody".into())));
        check("WORKDIR /app", Ok(Change::Workdir("/app".into())));
        check(
            "VOLUME /data /logs",
            Ok(Change::Volume(s(&["/data", "/logs"]))),
        );
        check("STOPSIGNAL SIGINT", Ok(Change::StopSignal("SIGINT".into())));
        check("RUN ls", Err("run is not a valid change command"));
        check("FROM alpine", Err("from is not a valid change command"));
        check("", Err(" is not a valid change command"));
    }

    #[test]
    fn changes_merge_with_the_container_config() {
        let base = ImageConfig {
            env: s(&["PATH=/bin", "A=0"]),
            cmd: Some(s(&["sh"])),
            exposed_ports: s(&["80/tcp"]),
            ..ImageConfig::default()
        };
        let ch = |t: &str| parse_change(t).unwrap();
        let c = apply_changes(&base, &[ch("ENV A=1"), ch("EXPOSE 443")]);
        assert_eq!(c.env, s(&["A=1", "PATH=/bin"]));
        assert_eq!(c.exposed_ports, s(&["443/tcp", "80/tcp"]));
        assert_eq!(c.cmd, Some(s(&["sh"])));
        let c = apply_changes(&base, &[ch("ENTRYPOINT [\"top\"]")]);
        assert_eq!((c.entrypoint, c.cmd), (Some(s(&["top"])), None));
        let c = apply_changes(&base, &[ch("WORKDIR app"), ch("WORKDIR sub")]);
        assert_eq!(c.working_dir, "/app/sub");
        assert_eq!(apply_changes(&base, &[]), base);
    }
}
