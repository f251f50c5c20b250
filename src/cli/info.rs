//! `docker info` (= `docker system info`): the daemon's view of itself. On a Windows host it
//! is Docker Desktop's Linux VM: kernel `…-microsoft-standard-WSL2`, OS `Docker Desktop`.

use super::command::{Args, Command, Group};
use super::flags::{Flag, Parsed, INSPECT_FORMAT_HELP};
use super::version::CLIENT_VERSION;
use super::Ctx;
use crate::host::HostKind;

/// `docker info`.
pub const CMD: Command = Command {
    name: "info",
    short: "Display system-wide information",
    aliases_help: "docker system info, docker info",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::No,
    run: Some(run),
    group: Group::Common(12),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.changed("format") {
        ctx.out
            .err("berth: \"docker info --format\" is not simulated yet\n");
        return 1;
    }
    ctx.api("GET", "/info");
    let world = &ctx.world;
    let desktop = world.host.kind == HostKind::Windows;
    let counts = world.daemon.container_counts();
    let mut s = String::new();
    let mut line = |label: &str, value: &str| {
        s.push_str(label);
        if !value.is_empty() {
            s.push(' ');
            s.push_str(value);
        }
        s.push('\n');
    };
    line("Client:", "");
    line(" Version:   ", CLIENT_VERSION);
    line(" Context:   ", world.host.context_name());
    line(" Debug Mode:", if ctx.debug { "true" } else { "false" });
    line(" Plugins:", "");
    line("  buildx: Docker Buildx (Docker Inc.)", "");
    line("    Version: ", super::buildx::PLUGIN_VERSION);
    line(
        "    Path:    ",
        if desktop {
            "C:\\Program Files\\Docker\\cli-plugins\\docker-buildx.exe"
        } else {
            "/usr/libexec/docker/cli-plugins/docker-buildx"
        },
    );
    line("", "");
    line("Server:", "");
    line(
        " Containers:",
        &(counts.running + counts.paused + counts.stopped).to_string(),
    );
    line("  Running:", &counts.running.to_string());
    line("  Paused:", &counts.paused.to_string());
    line("  Stopped:", &counts.stopped.to_string());
    line(" Images:", &world.daemon.image_count().to_string());
    line(" Server Version:", CLIENT_VERSION);
    line(" Storage Driver:", "overlay2");
    line("  Backing Filesystem:", "extfs");
    line("  Supports d_type:", "true");
    line("  Using metacopy:", "false");
    line("  Native Overlay Diff:", "true");
    line("  userxattr:", "false");
    line(" Logging Driver:", "json-file");
    line(
        " Cgroup Driver:",
        if desktop { "cgroupfs" } else { "systemd" },
    );
    line(" Cgroup Version:", "2");
    line(" Plugins:", "");
    line("  Volume:", "local");
    line("  Network:", "bridge host ipvlan macvlan null overlay");
    line(
        "  Log:",
        "awslogs fluentd gcplogs gelf journald json-file local splunk syslog",
    );
    line(" Swarm:", "inactive");
    line(" Runtimes:", "io.containerd.runc.v2 runc");
    line(" Default Runtime:", "runc");
    line(" Init Binary:", "docker-init");
    line(
        " containerd version:",
        "bcc810d6b9066471b0b6fa75f557a15a1cbf31bb",
    );
    line(" runc version:", "v1.2.4-0-g6c52b3f");
    line(" init version:", "de40ad0");
    line(" Security Options:", "");
    if !desktop {
        line("  apparmor", "");
    }
    line("  seccomp", "");
    line("   Profile:", "builtin");
    line("  cgroupns", "");
    if desktop {
        line(" Kernel Version:", "5.15.167.4-microsoft-standard-WSL2");
        line(" Operating System:", "Docker Desktop");
    } else {
        line(" Kernel Version:", "6.8.0-51-generic");
        line(" Operating System:", "Ubuntu 24.04.1 LTS");
    }
    line(" OSType:", "linux");
    line(" Architecture:", "x86_64");
    line(" CPUs:", if desktop { "8" } else { "4" });
    line(
        " Total Memory:",
        if desktop { "7.657GiB" } else { "7.663GiB" },
    );
    line(
        " Name:",
        if desktop {
            "docker-desktop"
        } else {
            world.host.hostname()
        },
    );
    line(" ID:", &world.daemon.id);
    line(" Docker Root Dir:", "/var/lib/docker");
    line(" Debug Mode:", "false");
    if desktop {
        line(" HTTP Proxy:", "http.docker.internal:3128");
        line(" HTTPS Proxy:", "http.docker.internal:3128");
        line(" No Proxy:", "hubproxy.docker.internal");
        line(" Labels:", "");
        line(
            "  com.docker.desktop.address=npipe://\\\\.\\pipe\\docker_cli",
            "",
        );
    }
    line(" Experimental:", "false");
    line(" Insecure Registries:", "");
    if desktop {
        line("  hubproxy.docker.internal:5555", "");
    }
    line("  127.0.0.0/8", "");
    line(" Live Restore Enabled:", "false");
    line("", "");
    ctx.out.out(s);
    if desktop {
        for w in [
            "read_bps_device",
            "write_bps_device",
            "read_iops_device",
            "write_iops_device",
        ] {
            ctx.out
                .err(format!("WARNING: No blkio throttle.{w} support\n"));
        }
    }
    0
}
