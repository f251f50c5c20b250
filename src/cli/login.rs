//! `docker login`: authenticate to a registry (Docker Hub when no server is named).

use super::command::{Args, Command, Group};
use super::flags::Flag;
use super::flags::Parsed;
use super::{Ctx, Job, JobIo};
use crate::host::HostKind;
use crate::world::World;

/// `docker login`.
pub const CMD: Command = Command {
    name: "login",
    usage: "[OPTIONS] [SERVER]",
    short: "Authenticate to a registry",
    long: "Authenticate to a registry.\nDefaults to Docker Hub if no server is specified.",
    flags: &[
        Flag::string("username", Some('u'), "Username"),
        Flag::string("password", Some('p'), "Password"),
        Flag::bool("password-stdin", None, "Take the password from stdin"),
    ],
    args: Args::Max(1),
    run: Some(run),
    group: Group::Common(8),
    ..Command::LEAF
};

/// The address docker stores Docker Hub credentials under.
pub const HUB_ADDRESS: &str = "https://index.docker.io/v1/";

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if let Some(server) = p.args.first() {
        let hub = [
            "docker.io",
            "index.docker.io",
            "registry-1.docker.io",
            HUB_ADDRESS,
            "https://index.docker.io/v1",
        ];
        if !hub.contains(&server.as_str()) {
            ctx.out.err(format!(
                "Error response from daemon: Get \"https://{server}/v2/\": dial tcp: lookup {server} on 192.168.65.7:53: no such host\n"
            ));
            return 1;
        }
    }
    let Some(user) = p.last("username").map(str::to_owned) else {
        ctx.out.err("berth: web-based login (docker login without -u) is not simulated; use 'docker login -u <username>'\n");
        return 1;
    };
    if p.bool("password-stdin") {
        ctx.out.err("berth: \"docker login --password-stdin\" needs a pipe, which the host shell does not simulate yet\n");
        return 1;
    }
    ctx.api("POST", "/auth");
    match p.last("password").map(str::to_owned) {
        Some(password) => {
            ctx.out
                .err("WARNING! Using --password via the CLI is insecure. Use --password-stdin.\n");
            let text = finish(ctx.world, &user, &password);
            let status = if text.starts_with("Error") { 1 } else { 0 };
            if status == 0 {
                ctx.out.out(text);
            } else {
                ctx.out.err(text);
            }
            status
        }
        None => {
            let world = ctx.handles.world.clone();
            ctx.spawn_job(Job::new(move |mut io: JobIo| {
                Box::pin(async move {
                    let password = io.stdin.read_line("Password: ").await.unwrap_or_default();
                    let password = password.trim_end_matches(['\n', '\r']).to_owned();
                    let text = finish(&mut world.borrow_mut(), &user, &password);
                    if text.starts_with("Error") {
                        io.stderr.write_all(text.as_bytes()).await;
                        1
                    } else {
                        io.stdout.write_all(text.as_bytes()).await;
                        0
                    }
                })
            }));
            0
        }
    }
}

/// Logs in; returns what docker prints (the error line, or the success text).
fn finish(world: &mut World, user: &str, password: &str) -> String {
    if password.is_empty() {
        return "Error: Password Required\n".to_owned();
    }
    match world.hub.login(user, password) {
        Err(e) => format!("Error response from daemon: {e}\n"),
        Ok(()) => {
            world.login = Some(user.to_owned());
            match world.host.kind {
                // Docker Desktop keeps credentials in Windows' credential store.
                HostKind::Windows => "Login Succeeded\n".to_owned(),
                HostKind::Linux => format!(
                    "WARNING! Your password will be stored unencrypted in {}/.docker/config.json.\nConfigure a credential helper to remove this warning. See\nhttps://docs.docker.com/engine/reference/commandline/login/#credential-stores\n\nLogin Succeeded\n",
                    world.host.home()
                ),
            }
        }
    }
}
