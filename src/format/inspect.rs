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

/// A container's `Mounts`, sorted by destination: bind mounts and volumes as the daemon
/// reports them.
fn mounts_json(world: &crate::world::World, id: &str) -> Value {
    let list: Vec<Value> = world
        .daemon
        .volumes
        .mounts_of(id)
        .into_iter()
        .map(|m| {
            if m.kind == "tmpfs" {
                json!({
                    "Type": "tmpfs",
                    "Source": "",
                    "Destination": m.destination,
                    "Mode": "",
                    "RW": m.rw,
                    "Propagation": "",
                })
            } else if m.kind == "bind" {
                json!({
                    "Type": "bind",
                    "Source": m.source,
                    "Destination": m.destination,
                    "Mode": m.mode,
                    "RW": m.rw,
                    "Propagation": "rprivate",
                })
            } else {
                json!({
                    "Type": "volume",
                    "Name": m.name,
                    "Source": m.source,
                    "Destination": m.destination,
                    "Driver": "local",
                    "Mode": m.mode,
                    "RW": m.rw,
                    "Propagation": "",
                })
            }
        })
        .collect();
    Value::Array(list)
}

/// `docker container inspect` of one container (docker 27, API 1.47 field order).
pub fn container(world: &crate::world::World, c: &crate::daemon::containers::Container) -> Value {
    use crate::daemon::events::rfc3339_nano_trimmed;
    let zero = "0001-01-01T00:00:00Z".to_owned();
    let (path, args) = c.path_and_args();
    let st = &c.state;
    let running = st.is_running();
    let pid = if running {
        1000 + (c.id.as_bytes()[0] as u32 % 97) * 100
    } else {
        0
    };
    let dir = format!("/var/lib/docker/containers/{}", c.id);
    let ports_cfg: Map<String, Value> = c
        .host
        .port_bindings
        .iter()
        .map(|(p, b)| {
            (
                p.clone(),
                Value::Array(
                    b.iter()
                        .map(|(ip, hp)| json!({"HostIp": ip, "HostPort": hp}))
                        .collect(),
                ),
            )
        })
        .collect();
    let exposed: Map<String, Value> = c
        .config
        .exposed_ports
        .iter()
        .map(|p| (p.clone(), json!({})))
        .collect();
    let mut ports_rt = Map::new();
    if running && !c.shares_network() {
        for p in &c.config.exposed_ports {
            let b: Vec<Value> = c
                .published
                .iter()
                .filter(|(port, _, _)| port == p)
                .map(|(_, ip, hp)| json!({"HostIp": if ip == "[::]" { "::" } else { ip.as_str() }, "HostPort": hp.to_string()}))
                .collect();
            ports_rt.insert(
                p.clone(),
                if b.is_empty() {
                    Value::Null
                } else {
                    Value::Array(b)
                },
            );
        }
    }
    let (top, networks) = super::netsettings::network_settings(world, c);
    let (ip, mac, gw, prefix, endpoint) = (top.ip, top.mac, top.gateway, top.prefix, top.endpoint);
    let volumes: Value = if c.config.volumes.is_empty() {
        Value::Null
    } else {
        Value::Object(
            c.config
                .volumes
                .iter()
                .map(|v| (v.clone(), json!({})))
                .collect(),
        )
    };
    let labels: Map<String, Value> = c
        .config
        .labels
        .iter()
        .map(|(k, v)| (k.clone(), json!(v)))
        .collect();
    let chain = world
        .daemon
        .images
        .get(&c.image_id)
        .map(|i| chain_ids(&i.diff_ids()))
        .unwrap_or_default();
    let layer_dir = |s: &str| {
        format!(
            "/var/lib/docker/overlay2/{}",
            Digest::of(s.as_bytes()).hex()
        )
    };
    let own = layer_dir(&c.id);
    let mut lower: Vec<String> = vec![format!("{own}-init/diff")];
    lower.extend(
        chain
            .iter()
            .rev()
            .map(|ch| format!("{}/diff", layer_dir(ch))),
    );
    let mut v = json!({
        "Id": c.id,
        "Created": rfc3339_nano_trimmed(c.created),
        "Path": path,
        "Args": args,
        "State": {
            "Status": st.word(),
            "Running": running && !st.is_paused(),
            "Paused": st.is_paused(),
            "Restarting": matches!(st, crate::daemon::state::ContainerState::Restarting { .. }),
            "OOMKilled": false,
            "Dead": matches!(st, crate::daemon::state::ContainerState::Dead),
            "Pid": pid,
            "ExitCode": st.exit_code(),
            "Error": "",
            "StartedAt": st.started_at().map(rfc3339_nano_trimmed).unwrap_or_else(|| zero.clone()),
            "FinishedAt": st.finished_at().map(rfc3339_nano_trimmed).unwrap_or_else(|| zero.clone()),
        },
        "Image": c.image_id,
        "ResolvConfPath": format!("{dir}/resolv.conf"),
        "HostnamePath": format!("{dir}/hostname"),
        "HostsPath": format!("{dir}/hosts"),
        "LogPath": format!("{dir}/{}-json.log", c.id),
        "Name": format!("/{}", c.name),
        "RestartCount": c.restart_count,
        "Driver": "overlay2",
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": "",
        "ExecIDs": Value::Null,
        "HostConfig": {
            "Binds": if c.host.binds.is_empty() { Value::Null } else { json!(c.host.binds) },
            "ContainerIDFile": "",
            "LogConfig": {"Type": "json-file", "Config": {}},
            "NetworkMode": c.host.network_mode,
            "PortBindings": Value::Object(ports_cfg),
            "RestartPolicy": {"Name": c.host.restart.name, "MaximumRetryCount": c.host.restart.max_retries},
            "AutoRemove": c.host.auto_remove,
            "VolumeDriver": "",
            "VolumesFrom": if c.host.volumes_from.is_empty() { Value::Null } else { json!(c.host.volumes_from) },
            "ConsoleSize": if c.config.tty { json!([30, 120]) } else { json!([0, 0]) },
            "CapAdd": Value::Null,
            "CapDrop": Value::Null,
            "CgroupnsMode": "private",
            "Dns": c.host.dns,
            "DnsOptions": [],
            "DnsSearch": [],
            "ExtraHosts": if c.host.extra_hosts.is_empty() { Value::Null } else { json!(c.host.extra_hosts) },
            "GroupAdd": Value::Null,
            "IpcMode": "private",
            "Cgroup": "",
            "Links": if c.host.links.is_empty() { Value::Null } else { json!(c.host.links) },
            "OomScoreAdj": 0,
            "PidMode": "",
            "Privileged": c.host.privileged,
            "PublishAllPorts": c.host.publish_all,
            "ReadonlyRootfs": c.host.read_only,
            "SecurityOpt": Value::Null,
            "UTSMode": "",
            "UsernsMode": "",
            "ShmSize": 67108864,
            "Runtime": "runc",
            "Isolation": "",
            "CpuShares": 0,
            "Memory": c.host.memory,
            "NanoCpus": c.host.nano_cpus,
            "CgroupParent": "",
            "BlkioWeight": 0,
            "BlkioWeightDevice": [],
            "BlkioDeviceReadBps": [],
            "BlkioDeviceWriteBps": [],
            "BlkioDeviceReadIOps": [],
            "BlkioDeviceWriteIOps": [],
            "CpuPeriod": 0,
            "CpuQuota": 0,
            "CpuRealtimePeriod": 0,
            "CpuRealtimeRuntime": 0,
            "CpusetCpus": "",
            "CpusetMems": "",
            "Devices": [],
            "DeviceCgroupRules": Value::Null,
            "DeviceRequests": Value::Null,
            "MemoryReservation": 0,
            "MemorySwap": if c.host.memory > 0 { c.host.memory * 2 } else { 0 },
            "MemorySwappiness": Value::Null,
            "OomKillDisable": Value::Null,
            "PidsLimit": Value::Null,
            "Ulimits": [],
            "CpuCount": 0,
            "CpuPercent": 0,
            "IOMaximumIOps": 0,
            "IOMaximumBandwidth": 0,
            "MaskedPaths": ["/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"],
            "ReadonlyPaths": ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
        },
        "GraphDriver": {
            "Data": {
                "LowerDir": lower.join(":"),
                "MergedDir": format!("{own}/merged"),
                "UpperDir": format!("{own}/diff"),
                "WorkDir": format!("{own}/work"),
            },
            "Name": "overlay2",
        },
        "Mounts": mounts_json(world, &c.id),
        "Config": {
            "Hostname": c.config.hostname,
            "Domainname": c.config.domainname,
            "User": c.config.user,
            "AttachStdin": c.config.attach_stdin,
            "AttachStdout": c.config.attach_stdout,
            "AttachStderr": c.config.attach_stderr,
            "ExposedPorts": if exposed.is_empty() { Value::Null } else { Value::Object(exposed) },
            "Tty": c.config.tty,
            "OpenStdin": c.config.open_stdin,
            "StdinOnce": c.config.stdin_once,
            "Env": c.config.env,
            "Cmd": c.config.cmd,
            "Image": c.config.image,
            "Volumes": volumes,
            "WorkingDir": c.config.working_dir,
            "Entrypoint": c.config.entrypoint,
            "OnBuild": Value::Null,
            "Labels": Value::Object(labels),
            "StopSignal": c.config.stop_signal,
        },
        "NetworkSettings": {
            "Bridge": "",
            "SandboxID": if running { Digest::of(format!("sandbox {}", c.id).as_bytes()).hex() } else { String::new() },
            "SandboxKey": if running { format!("/var/run/docker/netns/{}", &Digest::of(format!("sandbox {}", c.id).as_bytes()).hex()[..12]) } else { String::new() },
            "Ports": Value::Object(ports_rt),
            "HairpinMode": false,
            "LinkLocalIPv6Address": "",
            "LinkLocalIPv6PrefixLen": 0,
            "SecondaryIPAddresses": Value::Null,
            "SecondaryIPv6Addresses": Value::Null,
            "EndpointID": endpoint,
            "Gateway": gw,
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "IPAddress": ip,
            "IPPrefixLen": prefix,
            "IPv6Gateway": "",
            "MacAddress": mac,
            "Networks": networks,
        },
    });
    if let Some(h) = v.get_mut("HostConfig") {
        *h = mount_fields(h.take(), &c.host);
    }
    v
}

/// Adds `Tmpfs` (after `SecurityOpt`) and `Mounts` (after the resources) to a
/// `HostConfig` when the container has them, as docker's `omitempty` fields.
fn mount_fields(host: Value, hc: &crate::daemon::containers::HostConfig) -> Value {
    let Value::Object(map) = host else {
        return host;
    };
    let mut out = Map::new();
    for (k, val) in map {
        let after = k.clone();
        out.insert(k, val);
        if after == "SecurityOpt" && !hc.tmpfs.is_empty() {
            out.insert("Tmpfs".into(), json!(hc.tmpfs));
        }
        if after == "IOMaximumBandwidth" && !hc.mounts.is_empty() {
            out.insert("Mounts".into(), json!(hc.mounts));
        }
    }
    Value::Object(out)
}
