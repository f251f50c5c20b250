//! The docker command tree against docker 27.5.1: every `--help` text in `tests/help/`
//! (docker's own output, a Linux host, an 80-column terminal) byte for byte, the texts the
//! shortcuts share with their management commands, and cobra's answers to a missing
//! subcommand, an unknown flag or missing arguments. Every command of the tree renders its
//! help, and every command without a handler says so honestly.
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use std::fs;
use std::path::Path;

use berth::cli::command::{Args, Command};
use berth::cli::root::ROOT;
use berth::{Engine, HostKind, Output, Session, Stream};

fn session() -> Session {
    Engine::builder().host(HostKind::Linux).build().session()
}

fn run(line: &str) -> Output {
    session().run_line(line)
}

/// Runs `line` on a fresh Linux-host engine and checks both streams and the exit status.
fn check(line: &str, stdout: &str, stderr: &str, status: i32) {
    let out = run(line);
    assert_eq!(
        out.stream_text(Stream::Stdout),
        stdout,
        "stdout of `{line}`"
    );
    assert_eq!(
        out.stream_text(Stream::Stderr),
        stderr,
        "stderr of `{line}`"
    );
    assert_eq!(out.status, Some(status), "exit status of `{line}`");
}

fn expected(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/help")
        .join(format!("{name}.txt"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first line where two texts differ, for a readable failure.
fn first_difference(want: &str, got: &str) -> String {
    for (n, (w, g)) in want.lines().zip(got.lines()).enumerate() {
        if w != g {
            return format!("line {}:\n  want {w:?}\n  got  {g:?}", n + 1);
        }
    }
    format!(
        "{} lines wanted, {} got",
        want.lines().count(),
        got.lines().count()
    )
}

#[test]
fn every_reference_help_text_matches_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/help");
    let mut names: Vec<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter_map(|f| f.strip_suffix(".txt").map(str::to_owned))
        .collect();
    names.sort();
    assert!(names.len() > 50, "the help texts are missing");
    let mut failures = Vec::new();
    for name in &names {
        let line = format!("{} --help", name.replace('-', " "));
        let want = expected(name);
        let out = run(&line);
        let got = out.stream_text(Stream::Stdout);
        if got != want || out.status != Some(0) || !out.stream_text(Stream::Stderr).is_empty() {
            failures.push(format!(
                "`{line}` (status {:?}): {}",
                out.status,
                first_difference(&want, &got)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A shortcut and its management command share one spec: their helps differ only in the
/// path on the usage line.
#[test]
fn shortcuts_and_management_commands_share_their_help() {
    let pairs = [
        ("attach", "container attach"),
        ("commit", "container commit"),
        ("cp", "container cp"),
        ("create", "container create"),
        ("diff", "container diff"),
        ("exec", "container exec"),
        ("export", "container export"),
        ("kill", "container kill"),
        ("logs", "container logs"),
        ("ps", "container ls"),
        ("pause", "container pause"),
        ("port", "container port"),
        ("rename", "container rename"),
        ("restart", "container restart"),
        ("rm", "container rm"),
        ("run", "container run"),
        ("start", "container start"),
        ("stats", "container stats"),
        ("stop", "container stop"),
        ("top", "container top"),
        ("wait", "container wait"),
        ("history", "image history"),
        ("images", "image ls"),
        ("import", "image import"),
        ("load", "image load"),
        ("pull", "image pull"),
        ("push", "image push"),
        ("rmi", "image rm"),
        ("save", "image save"),
        ("tag", "image tag"),
        ("events", "system events"),
        ("info", "system info"),
    ];
    for (short, long) in pairs {
        let want = expected(&format!("docker-{short}")).replacen(
            &format!("Usage:  docker {short}"),
            &format!("Usage:  docker {long}"),
            1,
        );
        check(&format!("docker {long} --help"), &want, "", 0);
    }
    // Aliases resolve to the command's own path.
    let ls = run("docker container ls --help").stream_text(Stream::Stdout);
    check("docker container list --help", &ls, "", 0);
    check("docker container ps --help", &ls, "", 0);
    // docker hands every form of build to buildx: one help, buildx's, with the context
    // docker passes as the default builder; `docker buildx build` itself has none.
    let build = expected("docker-build");
    check("docker image build --help", &build, "", 0);
    check("docker builder build --help", &build, "", 0);
    let buildx_build = expected("docker-buildx-build");
    check("docker buildx b --help", &buildx_build, "", 0);
    let desktop = Engine::builder()
        .host(HostKind::Windows)
        .build()
        .session()
        .run_line("docker build --help");
    assert_eq!(
        desktop.stream_text(Stream::Stdout),
        build.replace(
            "builder\n                                      instance (default \"default\")",
            "builder\n                                      instance (default \"desktop-linux\")"
        )
    );
}

const NOT_A_MANAGER: &str = "Error response from daemon: This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.\n";

#[test]
fn cobra_answers() {
    let container = expected("docker-container");
    let root = expected("docker");
    // A management command alone: its help on stderr, success.
    check("docker container", "", &container, 0);
    check("docker container --help", &container, "", 0);
    // An unknown subcommand: cli.NoArgs prints "\n" + the usage, which is the help itself.
    check("docker container foo", "", &container, 1);
    check("docker", "", &root, 0);
    check("docker --help", &root, "", 0);
    check(
        "docker container --bogus",
        "",
        &format!("unknown flag: --bogus\nSee 'docker container --help'.\n{container}\n"),
        125,
    );
    check(
        "docker ps --bogus",
        "",
        "unknown flag: --bogus\nSee 'docker ps --help'.\n",
        125,
    );
    check(
        "docker ps -x",
        "",
        "unknown shorthand flag: 'x' in -x\nSee 'docker ps --help'.\n",
        125,
    );
    check(
        "docker run",
        "",
        "\"docker run\" requires at least 1 argument.\nSee 'docker run --help'.\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nCreate and run a new container from an image\n",
        1,
    );
    check(
        "docker container rename a",
        "",
        "\"docker container rename\" requires exactly 2 arguments.\nSee 'docker container rename --help'.\n\nUsage:  docker container rename CONTAINER NEW_NAME\n\nRename a container\n",
        1,
    );
    check(
        "docker port a b c",
        "",
        "\"docker port\" requires at least 1 and at most 2 arguments.\nSee 'docker port --help'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port mappings or a specific mapping for the container\n",
        1,
    );
    check(
        "docker volume ls x",
        "",
        "\"docker volume ls\" accepts no arguments.\nSee 'docker volume ls --help'.\n\nUsage:  docker volume ls [OPTIONS]\n\nList volumes\n",
        1,
    );
    check(
        "docker images a b",
        "",
        "\"docker images\" requires at most 1 argument.\nSee 'docker images --help'.\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nList images\n",
        1,
    );
    // run and create: -h is --hostname, --help is their own flag.
    check(
        "docker run -h",
        "",
        "flag needs an argument: 'h' in -h\nSee 'docker run --help'.\n",
        125,
    );
    check("docker run --help", &expected("docker-run"), "", 0);
    check(
        "docker ps -h",
        &expected("docker-ps"),
        "Flag shorthand -h has been deprecated, use --help\n",
        0,
    );
    // Flags after the image belong to the container's command.
    check(
        "docker run --pull never alpine ls --bogus",
        "",
        "docker: Error response from daemon: No such image: alpine:latest.\nSee 'docker run --help'.\n",
        125,
    );
    // Hidden flags parse (and the ones Berth does not simulate say so).
    check(
        "docker run --net-alias a --dns-opt x alpine",
        "",
        "berth: \"docker run --net-alias\" is not simulated yet\n",
        125,
    );
    // Shortcuts do not take their management command's aliases.
    check(
        "docker list",
        "",
        "docker: 'list' is not a docker command.\nSee 'docker --help'\n",
        1,
    );
}

#[test]
fn swarm_commands_on_a_node_that_is_not_a_manager() {
    // Only init and join are listed while the swarm is inactive.
    let swarm = run("docker swarm --help").stream_text(Stream::Stdout);
    assert!(
        swarm.contains("\nCommands:\n  init        Initialize a swarm\n  join        Join a swarm as a node and/or manager\n\nRun"),
        "{swarm}"
    );
    // The swarm-manager-only commands are hidden, and refused whatever follows them.
    let root = expected("docker");
    for hidden in ["config", "node", "secret", "service", "stack"] {
        assert!(
            !root.contains(&format!("\n  {hidden} ")),
            "{hidden} is listed"
        );
    }
    for line in [
        "docker service ls",
        "docker service create --name web -p 80:80 nginx",
        "docker node ls -q",
        "docker secret rm x",
        "docker config ls --format json",
        "docker stack deploy -c compose.yml app",
        "docker stack up app",
        "docker service ls --help",
    ] {
        check(line, "", NOT_A_MANAGER, 1);
    }
    let service = run("docker service --help").stream_text(Stream::Stdout);
    assert!(
        service.starts_with("\nUsage:  docker service COMMAND\n\nManage Swarm services\n\nCommands:\n  create      Create a new service\n"),
        "{service}"
    );
    check("docker service", "", &service, 0);
}

#[test]
fn trust_lists_its_management_subcommands_apart() {
    check(
        "docker trust --help",
        "
Usage:  docker trust COMMAND

Manage trust on Docker images

Management Commands:
  key         Manage keys for signing Docker images
  signer      Manage entities who can sign Docker images

Commands:
  inspect     Return low-level information about keys and signatures
  revoke      Remove trust for an image
  sign        Sign an image

Run 'docker trust COMMAND --help' for more information on a command.
",
        "",
        0,
    );
}

#[test]
fn manifest_help_carries_the_experimental_notice() {
    let help = run("docker manifest inspect --help").stream_text(Stream::Stdout);
    assert!(
        help.starts_with("\nUsage:  docker manifest inspect [OPTIONS] [MANIFEST_LIST] MANIFEST\n\nDisplay an image manifest, or manifest list\n\nEXPERIMENTAL:\n  docker manifest inspect is an experimental feature.\n"),
        "{help}"
    );
}

/// Every command of the tree, with its path, depth first.
fn walk(cmd: &'static Command, path: String, all: &mut Vec<(String, &'static Command)>) {
    for sub in cmd.subcommands {
        walk(sub, format!("{path} {}", sub.name), all);
    }
    all.push((path, cmd));
}

fn tree() -> Vec<(String, &'static Command)> {
    let mut all = Vec::new();
    walk(&ROOT, "docker".to_owned(), &mut all);
    all
}

#[test]
fn every_command_renders_its_help() {
    let all = tree();
    assert!(all.len() > 150, "only {} commands", all.len());
    for (path, cmd) in all {
        if cmd.unparsed {
            continue;
        }
        let out = run(&format!("{path} --help"));
        let help = out.stream_text(Stream::Stdout);
        assert_eq!(out.status, Some(0), "`{path} --help`");
        // buildx's help starts with the description; docker's own build hands over to it.
        let usage_path = if cmd.plugin_path.is_empty() {
            path.as_str()
        } else {
            cmd.plugin_path
        };
        let start = if cmd.plugin {
            let description = if cmd.long.is_empty() {
                cmd.short
            } else {
                cmd.long
            };
            format!("{description}\n\nUsage:  {usage_path}")
        } else {
            format!("\nUsage:  {path}")
        };
        assert!(help.starts_with(&start), "`{path} --help`: {help}");
        assert!(
            help.contains(cmd.short.trim()) || !cmd.long.is_empty(),
            "{path}"
        );
    }
}

#[test]
fn every_command_without_a_handler_says_so() {
    for (path, cmd) in tree() {
        if cmd.has_subcommands() || cmd.unparsed || cmd.run.is_some() {
            continue;
        }
        let n = match cmd.args {
            Args::Any | Args::No | Args::Max(_) => 0,
            Args::Exact(k) | Args::Min(k) | Args::Range(k, _) => k,
        };
        let line = format!("{path}{}", " x".repeat(n));
        check(
            &line,
            "",
            &format!(
                "berth: \"{path}\" is a real docker command, but Berth does not simulate it yet\n"
            ),
            1,
        );
    }
}

/// On the Windows host the global options' defaults are Docker Desktop's, `%q`-quoted
/// (doubled backslashes), and pflag wraps them the same way.
#[test]
fn windows_root_help() {
    let want = expected("windows/docker");
    let out = Engine::builder()
        .host(HostKind::Windows)
        .build()
        .session()
        .run_line("docker --help");
    assert_eq!(out.stream_text(Stream::Stdout), want);
}
