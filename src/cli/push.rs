//! `docker push` (= `docker image push`): upload an image to a registry.

use super::command::{Args, Command, Group};
use super::container_opts::TRUST_SIGN;
use super::flags::Flag;
use super::flags::Parsed;
use super::Ctx;
use crate::registry::hub::{remote_image, RemoteLayer};
use crate::registry::reference;

/// `docker push`.
pub const CMD: Command = Command {
    name: "push",
    usage: "[OPTIONS] NAME[:TAG]",
    short: "Upload an image to a registry",
    aliases_help: "docker image push, docker push",
    flags: &[
        Flag::bool(
            "all-tags",
            Some('a'),
            "Push all tags of an image to the repository",
        ),
        Flag::bool("quiet", Some('q'), "Suppress verbose output"),
        Flag::string(
            "platform",
            None,
            "Push a platform-specific manifest as a single-platform image to the registry.
Image index won't be pushed, meaning that other manifests, including attestations won't be preserved.
'os[/arch[/variant]]': Explicit platform (eg. linux/amd64)",
        ),
        TRUST_SIGN,
    ],
    args: Args::Exact(1),
    run: Some(run),
    group: Group::Common(6),
    ..Command::LEAF
};

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    if p.bool("all-tags") || p.changed("platform") {
        ctx.out.err(format!(
            "berth: \"{} --{}\" is not simulated yet\n",
            ctx.path,
            if p.bool("all-tags") {
                "all-tags"
            } else {
                "platform"
            }
        ));
        return 1;
    }
    let arg = &p.args[0];
    let named = match reference::parse_normalized_named(arg) {
        Ok(r) => r,
        Err(e) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    if named.is_name_only() {
        ctx.out.out("Using default tag: latest\n");
    }
    let target = named.tag_name_only();
    let tag = target.tag().unwrap_or("latest").to_owned();
    ctx.out.out(format!(
        "The push refers to repository [{}]\n",
        target.name()
    ));
    ctx.api(
        "POST",
        &format!("/images/{}/push?tag={tag}", target.familiar_name()),
    );
    let Some(id) = ctx
        .world
        .daemon
        .images
        .resolve_tag(&target)
        .map(str::to_owned)
    else {
        ctx.out.err(format!(
            "An image does not exist locally with the tag: {}\n",
            named.familiar_name()
        ));
        return 1;
    };
    let Some(img) = ctx.world.daemon.images.get(&id).cloned() else {
        return 1;
    };
    let diff_ids = img.diff_ids();
    let quiet = p.bool("quiet");
    let mut lines = String::new();
    for d in diff_ids.iter().rev() {
        lines.push_str(&format!(
            "{}: Preparing\n",
            &d.trim_start_matches("sha256:")[..12]
        ));
    }
    let namespace = target
        .path()
        .split('/')
        .next()
        .unwrap_or_default()
        .to_owned();
    let allowed = target.domain() == crate::registry::hub::HUB_DOMAIN
        && ctx.world.login.as_deref() == Some(namespace.as_str());
    if !allowed {
        if !quiet {
            ctx.out.out(lines);
        }
        ctx.out
            .err("denied: requested access to the resource is denied\n");
        return 1;
    }
    let mut layers = Vec::new();
    for (i, d) in diff_ids.iter().enumerate().rev() {
        let short = &d.trim_start_matches("sha256:")[..12];
        if ctx.world.hub.has_layer(d) {
            lines.push_str(&format!("{short}: Layer already exists\n"));
        } else {
            lines.push_str(&format!("{short}: Pushed\n"));
        }
        let layer = std::rc::Rc::clone(&img.layers[i]);
        let compressed = layer.size() / 3 + 32;
        layers.push(RemoteLayer {
            blob_digest: crate::registry::hub::blob_digest(d, compressed),
            diff_id: d.clone(),
            layer,
            compressed,
        });
    }
    layers.reverse();
    let remote = remote_image(img.config.clone(), layers);
    let manifest_size = 429 + 187 * remote.layers.len();
    lines.push_str(&format!(
        "{tag}: digest: {} size: {manifest_size}\n",
        remote.manifest_digest
    ));
    let digest = format!("{}@{}", target.familiar_name(), remote.manifest_digest);
    ctx.world.hub.push(target.path(), &tag, remote);
    if let Some(img) = ctx.world.daemon.images.get_mut(&id) {
        if !img.repo_digests.contains(&digest) {
            img.repo_digests.push(digest);
        }
    }
    let now = ctx.world.now();
    let name = target.familiar_string();
    ctx.world
        .daemon
        .emit(now, "image", "push", &name, &[("name", &name)]);
    if quiet {
        ctx.out.out(format!("{target}\n"));
    } else {
        ctx.out.out(lines);
    }
    0
}
