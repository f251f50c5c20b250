//! `docker system df`: disk space used by images, containers, volumes and the build cache.

use serde_json::{json, Value};

use super::command::{Args, Command};
use super::flags::{Flag, Parsed, FORMAT_HELP};
use super::listing::Listing;
use super::Ctx;
use crate::daemon::usage::reclaimable_text;
use crate::format::text::{ellipsis, quote};
use crate::format::units::{human_duration, human_size, human_size_with_precision};

/// `docker system df`.
pub const CMD: Command = Command {
    name: "df",
    short: "Show docker disk usage",
    flags: &[
        Flag::string("format", None, FORMAT_HELP),
        Flag::bool(
            "verbose",
            Some('v'),
            "Show detailed information on space usage",
        ),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

const DEFAULT: &str = "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";
const IMAGES: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}\t{{.SharedSize}}\t{{.UniqueSize}}\t{{.Containers}}";
const CONTAINERS: &str = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.LocalVolumes}}\t{{.Size}}\t{{.RunningFor}}\t{{.Status}}\t{{.Names}}";
const VOLUMES: &str = "table {{.Name}}\t{{.Links}}\t{{.Size}}";
const CACHE: &str = "table {{.ID}}\t{{.CacheType}}\t{{.Size}}\t{{.CreatedSince}}\t{{.LastUsedSince}}\t{{.UsageCount}}\t{{.Shared}}";

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    ctx.api("GET", "/system/df");
    let du = ctx.world.daemon.disk_usage();
    if p.bool("verbose") && p.last("format").is_none_or(|f| f.starts_with("table")) {
        return verbose(ctx, &du);
    }
    let active_images = du.images.iter().filter(|i| i.containers > 0).count();
    let active_ctrs = du.containers.iter().filter(|c| c.active).count();
    let csize = du.containers_size();
    let vsize = du.volumes_size();
    let rows = vec![
        json!({
            "Type": "Images", "TotalCount": du.images.len().to_string(),
            "Active": active_images.to_string(),
            "Size": human_size(du.layers_size as f64),
            "Reclaimable": reclaimable_text(du.images_reclaimable(), du.layers_size),
        }),
        json!({
            "Type": "Containers", "TotalCount": du.containers.len().to_string(),
            "Active": active_ctrs.to_string(), "Size": human_size(csize as f64),
            "Reclaimable": reclaimable_text(du.containers_reclaimable(), csize),
        }),
        json!({
            "Type": "Local Volumes", "TotalCount": du.volumes.len().to_string(),
            "Active": du.volumes.iter().filter(|v| v.links > 0).count().to_string(),
            "Size": human_size(vsize as f64),
            "Reclaimable": reclaimable_text(du.volumes_reclaimable(), vsize),
        }),
        {
            let cache = &ctx.world.daemon.build_cache;
            let size = human_size(cache.size() as f64);
            json!({
                "Type": "Build Cache", "TotalCount": cache.len().to_string(), "Active": "0",
                "Size": size, "Reclaimable": size,
            })
        },
    ];
    let listing = Listing {
        format: p.last("format"),
        quiet: false,
        default_table: DEFAULT,
        quiet_format: "",
        type_name: "*formatter.diskUsageImagesContext",
        header: json!({
            "Type": "TYPE", "TotalCount": "TOTAL", "Active": "ACTIVE", "Size": "SIZE",
            "Reclaimable": "RECLAIMABLE",
        }),
    };
    listing.print(ctx, &rows)
}

/// `-v`: one table per kind of object.
fn verbose(ctx: &mut Ctx<'_>, du: &crate::daemon::usage::DiskUsage) -> i32 {
    let now = ctx.world.now();
    let daemon = &ctx.world.daemon;
    let images: Vec<Value> = du
        .images
        .iter()
        .map(|i| {
            let (repo, tag) = i
                .repo_tags
                .first()
                .and_then(|t| t.rsplit_once(':'))
                .map_or(("<none>", "<none>"), |(r, t)| (r, t));
            json!({
                "Repository": repo, "Tag": tag,
                "ID": i.id.strip_prefix("sha256:").unwrap_or(&i.id).get(..12).unwrap_or(""),
                "CreatedSince": format!("{} ago", human_duration(now - i.created)),
                "Size": human_size_with_precision(i.size as f64, 3),
                "SharedSize": human_size(i.shared as f64),
                "UniqueSize": human_size((i.size - i.shared) as f64),
                "Containers": i.containers.to_string(),
            })
        })
        .collect();
    let containers: Vec<Value> = du
        .containers
        .iter()
        .filter_map(|u| daemon.containers.get(&u.id))
        .map(|c| {
            let command = crate::daemon::usage::list_command(c);
            json!({
                "ID": c.short_id(), "Image": c.config.image,
                "Command": quote(&ellipsis(&command, 20)),
                "LocalVolumes": daemon.volumes.mounts_of(&c.id).iter().filter(|m| m.kind == "volume").count().to_string(),
                "Size": human_size_with_precision(c.size_rw() as f64, 3),
                "RunningFor": format!("{} ago", human_duration(now - c.created)),
                "Status": c.state.status_text(now), "Names": c.name,
            })
        })
        .collect();
    let volumes: Vec<Value> = du
        .volumes
        .iter()
        .map(|v| json!({"Name": v.name, "Links": v.links.to_string(), "Size": human_size_with_precision(v.size as f64, 3)}))
        .collect();
    let table = |format: &'static str, header: Value, rows: &[Value], ctx: &mut Ctx<'_>| {
        Listing {
            format: None,
            quiet: false,
            default_table: format,
            quiet_format: "",
            type_name: "*formatter.diskUsageContext",
            header,
        }
        .print(ctx, rows)
    };
    ctx.out.out("Images space usage:\n\n");
    table(
        IMAGES,
        json!({"Repository": "REPOSITORY", "Tag": "TAG", "ID": "IMAGE ID", "CreatedSince": "CREATED",
            "Size": "SIZE", "SharedSize": "SHARED SIZE", "UniqueSize": "UNIQUE SIZE",
            "Containers": "CONTAINERS"}),
        &images,
        ctx,
    );
    ctx.out.out("\nContainers space usage:\n\n");
    table(
        CONTAINERS,
        json!({"ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND",
            "LocalVolumes": "LOCAL VOLUMES", "Size": "SIZE", "RunningFor": "CREATED",
            "Status": "STATUS", "Names": "NAMES"}),
        &containers,
        ctx,
    );
    ctx.out.out("\nLocal Volumes space usage:\n\n");
    table(
        VOLUMES,
        json!({"Name": "VOLUME NAME", "Links": "LINKS", "Size": "SIZE"}),
        &volumes,
        ctx,
    );
    let cache = &ctx.world.daemon.build_cache;
    ctx.out.out(format!(
        "\nBuild cache usage: {}\n\n",
        human_size(cache.size() as f64)
    ));
    let records: Vec<Value> = cache
        .iter()
        .map(|r| {
            json!({"ID": r.id, "CacheType": r.kind,
                "Size": human_size_with_precision(r.size as f64, 3),
                "CreatedSince": format!("{} ago", human_duration(now - r.created)),
                "LastUsedSince": format!("{} ago", human_duration(now - r.last_used)),
                "UsageCount": r.usage.to_string(), "Shared": "false"})
        })
        .collect();
    table(
        CACHE,
        json!({"ID": "CACHE ID", "CacheType": "CACHE TYPE", "Size": "SIZE",
            "CreatedSince": "CREATED", "LastUsedSince": "LAST USED", "UsageCount": "USAGE",
            "Shared": "SHARED"}),
        &records,
        ctx,
    )
}
