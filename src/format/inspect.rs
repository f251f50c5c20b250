//! The JSON that `docker inspect` prints, in docker 27's field order. Docker-shaped JSON is
//! built here and nowhere else.

use serde_json::{json, Map, Value};

use crate::daemon::events::rfc3339_nano_trimmed;
use crate::daemon::images::{chain_ids, Image, ImageStore};
use crate::fs::Digest;

/// `docker image inspect` of one image (API 1.47: no `Container`, `ContainerConfig`,
/// `VirtualSize`).
pub fn image(store: &ImageStore, img: &Image) -> Value {
    let c = img.container_config();
    let get = |k: &str| c.get(k).cloned().unwrap_or(Value::Null);
    let mut config = Map::new();
    config.insert("Hostname".into(), json!(""));
    config.insert("Domainname".into(), json!(""));
    config.insert(
        "User".into(),
        json!(c.get("User").and_then(Value::as_str).unwrap_or("")),
    );
    config.insert("AttachStdin".into(), json!(false));
    config.insert("AttachStdout".into(), json!(false));
    config.insert("AttachStderr".into(), json!(false));
    if let Some(p) = c.get("ExposedPorts") {
        config.insert("ExposedPorts".into(), p.clone());
    }
    config.insert("Tty".into(), json!(false));
    config.insert("OpenStdin".into(), json!(false));
    config.insert("StdinOnce".into(), json!(false));
    config.insert("Env".into(), get("Env"));
    config.insert("Cmd".into(), get("Cmd"));
    config.insert("Image".into(), json!(""));
    config.insert("Volumes".into(), get("Volumes"));
    config.insert(
        "WorkingDir".into(),
        json!(c.get("WorkingDir").and_then(Value::as_str).unwrap_or("")),
    );
    config.insert("Entrypoint".into(), get("Entrypoint"));
    config.insert("OnBuild".into(), Value::Null);
    config.insert("Labels".into(), get("Labels"));
    if let Some(s) = c.get("StopSignal") {
        config.insert("StopSignal".into(), s.clone());
    }
    let diff_ids = img.diff_ids();
    let chains = chain_ids(&diff_ids);
    let dir = |chain: &str| {
        format!(
            "/var/lib/docker/overlay2/{}",
            Digest::of(chain.as_bytes()).hex()
        )
    };
    let mut data = Map::new();
    if chains.len() > 1 {
        let lower: Vec<String> = chains[..chains.len() - 1]
            .iter()
            .rev()
            .map(|c| format!("{}/diff", dir(c)))
            .collect();
        data.insert("LowerDir".into(), json!(lower.join(":")));
    }
    if let Some(top) = chains.last() {
        data.insert("MergedDir".into(), json!(format!("{}/merged", dir(top))));
        data.insert("UpperDir".into(), json!(format!("{}/diff", dir(top))));
        data.insert("WorkDir".into(), json!(format!("{}/work", dir(top))));
    }
    let created = img
        .config
        .get("created")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| rfc3339_nano_trimmed(img.created));
    json!({
        "Id": img.id,
        "RepoTags": store.repo_tags(&img.id),
        "RepoDigests": img.repo_digests,
        "Parent": img.parent.clone().unwrap_or_default(),
        "Comment": img.config.get("comment").and_then(Value::as_str).unwrap_or(""),
        "Created": created,
        "DockerVersion": img.config.get("docker_version").and_then(Value::as_str).unwrap_or(""),
        "Author": img.config.get("author").and_then(Value::as_str).unwrap_or(""),
        "Config": Value::Object(config),
        "Architecture": img.config.get("architecture").and_then(Value::as_str).unwrap_or("amd64"),
        "Os": img.config.get("os").and_then(Value::as_str).unwrap_or("linux"),
        "Size": img.size(),
        "GraphDriver": {"Data": Value::Object(data), "Name": "overlay2"},
        "RootFS": {"Type": "layers", "Layers": diff_ids},
        "Metadata": {"LastTagTime": img.last_tag_time.map(rfc3339_nano_trimmed).unwrap_or_else(|| "0001-01-01T00:00:00Z".to_owned())},
    })
}
