//! `docker version`: the client, and the daemon it reaches — on a Windows host, Docker
//! Desktop's split: a windows/amd64 client talking to a linux/amd64 engine in its VM.

use super::command::{Args, Command, Group};
use super::flags::{Flag, Parsed, INSPECT_FORMAT_HELP};
use super::Ctx;
use crate::host::HostKind;

/// The docker client version Berth answers as.
pub const CLIENT_VERSION: &str = "27.5.1";
/// Its git commit, as `docker --version` prints it.
pub const CLIENT_COMMIT: &str = "9f9e405";
/// The Engine API version.
pub const API_VERSION: &str = "1.47";
/// The oldest API version the engine accepts.
pub const MIN_API_VERSION: &str = "1.24";
/// The Go toolchain docker 27.5.1 was built with.
pub const GO_VERSION: &str = "go1.22.11";
/// When docker 27.5.1 was built (`time.ANSIC`).
pub const BUILT: &str = "Wed Jan 22 13:41:17 2025";
/// The engine's git commit.
pub const ENGINE_COMMIT: &str = "4c9b3b0";
/// Docker Desktop's product name and build, shown as the server platform on Windows.
pub const DESKTOP: &str = "Docker Desktop 4.38.0 (181591)";

/// `docker version`.
pub const CMD: Command = Command {
    name: "version",
    short: "Show the Docker version information",
    flags: &[Flag::string("format", Some('f'), INSPECT_FORMAT_HELP)],
    args: Args::No,
    run: Some(run),
    group: Group::Common(11),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.changed("format") {
        ctx.out
            .err("berth: \"docker version --format\" is not simulated yet\n");
        return 1;
    }
    ctx.api("GET", "/version");
    let host = &ctx.world.host;
    let rows = |rows: &[(&str, &str)]| -> String {
        rows.iter()
            .map(|(k, v)| format!("{:<20}{v}\n", format!("{k}:")))
            .collect()
    };
    let mut s = String::from("Client:");
    if host.kind == HostKind::Linux {
        s.push_str(" Docker Engine - Community");
    }
    s.push('\n');
    s.push_str(&rows(&[
        (" Version", CLIENT_VERSION),
        (" API version", API_VERSION),
        (" Go version", GO_VERSION),
        (" Git commit", CLIENT_COMMIT),
        (" Built", BUILT),
        (" OS/Arch", host.client_platform()),
        (" Context", host.context_name()),
    ]));
    let server = match host.kind {
        HostKind::Windows => DESKTOP,
        HostKind::Linux => "Docker Engine - Community",
    };
    s.push_str(&format!("\nServer: {server}\n Engine:\n"));
    let api = format!("{API_VERSION} (minimum version {MIN_API_VERSION})");
    s.push_str(&rows(&[
        ("  Version", CLIENT_VERSION),
        ("  API version", &api),
        ("  Go version", GO_VERSION),
        ("  Git commit", ENGINE_COMMIT),
        ("  Built", BUILT),
        ("  OS/Arch", "linux/amd64"),
        ("  Experimental", "false"),
    ]));
    s.push_str(" containerd:\n");
    s.push_str(&rows(&[
        ("  Version", "1.7.25"),
        ("  GitCommit", "bcc810d6b9066471b0b6fa75f557a15a1cbf31bb"),
    ]));
    s.push_str(" runc:\n");
    s.push_str(&rows(&[
        ("  Version", "1.2.4"),
        ("  GitCommit", "v1.2.4-0-g6c52b3f"),
    ]));
    s.push_str(" docker-init:\n");
    s.push_str(&rows(&[
        ("  Version", "0.19.0"),
        ("  GitCommit", "de40ad0"),
    ]));
    ctx.out.out(s);
    0
}

#[cfg(test)]
mod tests {
    use crate::output::Event;

    #[test]
    fn version_calls_the_engine_api() {
        let engine = crate::Engine::builder().build();
        let out = engine.session().run_line("docker version");
        assert_eq!(
            out.events,
            vec![Event::Api {
                method: "GET".into(),
                path: "/version".into()
            }]
        );
        let out = engine.session().run_line("docker --version");
        assert!(
            out.events.is_empty(),
            "--version is answered by the client alone"
        );
    }
}
