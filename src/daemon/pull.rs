//! Pulling an image: what the registry serves, which layers are already here, and the
//! progress docker shows over time (three downloads at once, extraction in layer order).

use crate::collections::SmallSort;
use std::rc::Rc;

use crate::daemon::images::Image;
use crate::ports::{Nanos, SECOND};
use crate::registry::hub::{PullError, RemoteImage};
use crate::registry::reference::Reference;
use crate::world::World;

/// How many layers download at once (dockerd's `max-concurrent-downloads`).
const CONCURRENT_DOWNLOADS: usize = 3;
/// Simulated download speed of compressed bytes.
const DOWNLOAD_BYTES_PER_SEC: u64 = 40_000_000;
/// Simulated extraction speed of uncompressed bytes.
const EXTRACT_BYTES_PER_SEC: u64 = 250_000_000;
/// The shortest step of any layer: a round trip to the registry.
const MIN_STEP: Nanos = SECOND / 5;
/// How often a progress bar is redrawn.
const TICK: Nanos = SECOND / 10;

/// One layer to fetch.
#[derive(Clone, Debug)]
pub struct PlanLayer {
    /// The 12-hex id docker prints (from the blob digest).
    pub short: String,
    /// Compressed bytes to download.
    pub compressed: u64,
    /// Uncompressed bytes to extract.
    pub size: u64,
    /// Already stored locally (`Already exists`).
    pub exists: bool,
}

/// A pull, decided at its start.
#[derive(Clone, Debug)]
pub struct PullPlan {
    /// The normalized reference, with its tag (or digest).
    pub reference: Reference,
    /// What the registry serves.
    pub remote: RemoteImage,
    /// Layers bottom to top; empty when the image is already here.
    pub layers: Vec<PlanLayer>,
    /// The tag already names this image: nothing to do.
    pub up_to_date: bool,
}

/// A layer's status at a moment of the pull.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Status {
    /// `Pulling fs layer`.
    PullingFsLayer,
    /// `Waiting` (queued behind three downloads).
    Waiting,
    /// `Downloading` with bytes done and total.
    Downloading(u64, u64),
    /// `Verifying Checksum`.
    VerifyingChecksum,
    /// `Download complete`.
    DownloadComplete,
    /// `Extracting` with bytes done and total (compressed bytes, as docker counts).
    Extracting(u64, u64),
    /// `Pull complete`.
    PullComplete,
    /// `Already exists`.
    AlreadyExists,
}

impl Status {
    /// docker's word for it.
    pub fn word(&self) -> &'static str {
        match self {
            Status::PullingFsLayer => "Pulling fs layer",
            Status::Waiting => "Waiting",
            Status::Downloading(..) => "Downloading",
            Status::VerifyingChecksum => "Verifying Checksum",
            Status::DownloadComplete => "Download complete",
            Status::Extracting(..) => "Extracting",
            Status::PullComplete => "Pull complete",
            Status::AlreadyExists => "Already exists",
        }
    }

    /// Current and total bytes, for statuses that carry a progress bar.
    pub fn progress(&self) -> Option<(u64, u64)> {
        match self {
            Status::Downloading(c, t) | Status::Extracting(c, t) => Some((*c, *t)),
            _ => None,
        }
    }
}

/// One progress message: at `at` (from the start), layer `layer` shows `status`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Time since the pull started.
    pub at: Nanos,
    /// Index into the plan's layers.
    pub layer: usize,
    /// What the layer shows.
    pub status: Status,
}

/// Decides a pull: asks the registry, compares with what is stored.
pub fn plan(world: &mut World, reference: &Reference) -> Result<PullPlan, PullError> {
    let remote = world.hub.resolve(reference)?;
    let store = &world.daemon.images;
    let present = store.get(&remote.id).is_some();
    let up_to_date = present
        && store
            .resolve_tag(reference)
            .is_some_and(|id| id == remote.id);
    // A layer counts as present only with every layer below it (docker keys layers by
    // chain id), so `Already exists` covers a shared base, never a layer on another base.
    let mut below_present = true;
    let layers = if present {
        Vec::new()
    } else {
        remote
            .layers
            .iter()
            .map(|l| {
                below_present = below_present && store.has_layer(&l.diff_id);
                PlanLayer {
                    short: l
                        .blob_digest
                        .trim_start_matches("sha256:")
                        .chars()
                        .take(12)
                        .collect(),
                    compressed: l.compressed,
                    size: l.layer.size(),
                    exists: below_present,
                }
            })
            .collect()
    };
    Ok(PullPlan {
        reference: reference.clone(),
        remote,
        layers,
        up_to_date,
    })
}

/// The progress messages of a pull, in the order they happen.
pub fn timeline(plan: &PullPlan) -> Vec<Step> {
    let mut steps = Vec::new();
    let fetch: Vec<usize> = (0..plan.layers.len())
        .filter(|&i| !plan.layers[i].exists)
        .collect();
    for (i, l) in plan.layers.iter().enumerate() {
        if l.exists {
            steps.push(Step {
                at: 0,
                layer: i,
                status: Status::AlreadyExists,
            });
        }
    }
    for &i in &fetch {
        steps.push(Step {
            at: 0,
            layer: i,
            status: Status::PullingFsLayer,
        });
    }
    for &i in fetch.iter().skip(CONCURRENT_DOWNLOADS) {
        steps.push(Step {
            at: 0,
            layer: i,
            status: Status::Waiting,
        });
    }
    // Downloads: a slot frees when a download ends; the next queued layer starts then.
    let mut slots = vec![MIN_STEP; CONCURRENT_DOWNLOADS.min(fetch.len().max(1))];
    let mut downloaded = vec![0; plan.layers.len()];
    for &i in &fetch {
        let l = &plan.layers[i];
        let (slot, start) = slots
            .iter()
            .copied()
            .enumerate()
            .min_by_key(|&(_, t)| t)
            .unwrap_or((0, MIN_STEP));
        let took = duration(l.compressed, DOWNLOAD_BYTES_PER_SEC);
        let mut t = start + TICK;
        while t < start + took {
            let done =
                (u128::from(l.compressed) * (t - start) as u128 / took.max(1) as u128) as u64;
            steps.push(Step {
                at: t,
                layer: i,
                status: Status::Downloading(done.max(1), l.compressed),
            });
            t += TICK;
        }
        let end = start + took;
        steps.push(Step {
            at: end,
            layer: i,
            status: Status::VerifyingChecksum,
        });
        steps.push(Step {
            at: end,
            layer: i,
            status: Status::DownloadComplete,
        });
        downloaded[i] = end;
        if let Some(s) = slots.get_mut(slot) {
            *s = end;
        }
    }
    // Extraction: bottom to top, each after its download and the layer below.
    let mut ready = 0;
    for &i in &fetch {
        let l = &plan.layers[i];
        let start = ready.max(downloaded[i]);
        let took = duration(l.size, EXTRACT_BYTES_PER_SEC);
        let mut t = start + TICK;
        while t < start + took {
            let done =
                (u128::from(l.compressed) * (t - start) as u128 / took.max(1) as u128) as u64;
            steps.push(Step {
                at: t,
                layer: i,
                status: Status::Extracting(done.clamp(1, l.compressed), l.compressed),
            });
            t += TICK;
        }
        ready = start + took;
        steps.push(Step {
            at: ready,
            layer: i,
            status: Status::PullComplete,
        });
    }
    steps.small_sort_by_key(|s| s.at);
    steps
}

fn duration(bytes: u64, per_sec: u64) -> Nanos {
    let ns = (u128::from(bytes) * 1_000_000_000 / u128::from(per_sec.max(1))) as Nanos;
    ns.max(MIN_STEP)
}

/// Stores the pulled image and its tag; returns the id the tag named before, if another
/// (that image is now dangling unless another tag names it).
pub fn commit(world: &mut World, plan: &PullPlan) -> Option<String> {
    let now = world.now();
    let remote = &plan.remote;
    let created = remote
        .config
        .get("created")
        .and_then(|v| v.as_str())
        .and_then(crate::daemon::events::parse_rfc3339)
        .unwrap_or(0);
    let familiar = plan.reference.familiar_name();
    let digest = format!("{familiar}@{}", remote.manifest_digest);
    let store = &mut world.daemon.images;
    if store.get(&remote.id).is_none() {
        store.insert(Image {
            id: remote.id.clone(),
            config: remote.config.clone(),
            layers: remote.layers.iter().map(|l| Rc::clone(&l.layer)).collect(),
            parent: None,
            created,
            last_tag_time: None,
            repo_digests: Vec::new(),
        });
    }
    if let Some(img) = store.get_mut(&remote.id) {
        if !img.repo_digests.contains(&digest) {
            img.repo_digests.push(digest);
        }
    }
    let old = if plan.reference.digest().is_none() {
        let old = store.tag(&plan.reference, &remote.id, now);
        if let Some(img) = store.get_mut(&remote.id) {
            img.last_tag_time = None;
        }
        old
    } else {
        None
    };
    let name = plan.reference.familiar_string();
    world
        .daemon
        .emit(now, "image", "pull", &name, &[("name", &familiar)]);
    old
}
