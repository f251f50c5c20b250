//! Tests of the mock hub: real digests, shared layers, the pull errors docker prints.

use super::*;
use crate::registry::reference::parse_docker_ref;

fn resolve(hub: &mut Hub, s: &str) -> Result<RemoteImage, PullError> {
    hub.resolve(&parse_docker_ref(s).unwrap())
}

/// Every catalog layer's diff id, computed from its real tar stream.
fn computed_digests() -> Vec<(String, String)> {
    let catalog = catalog::catalog();
    let mut created: BTreeMap<&str, Nanos> = BTreeMap::new();
    for image in catalog.images.values() {
        for h in &image.history {
            if let Some(l) = &h.layer {
                created
                    .entry(l.as_str())
                    .or_insert_with(|| h.created_nanos());
            }
        }
    }
    catalog
        .layers
        .iter()
        .filter_map(|(key, spec)| {
            let at = *created.get(key.as_str())?;
            let layer = build_layer(spec, at).unwrap();
            Some((key.clone(), layer.diff_id().to_string()))
        })
        .collect()
}

/// The lock must hold every used layer's real diff id. With `BERTH_WRITE_DIGESTS=1` the test
/// rewrites the lock instead (after a catalog change); review the diff like any other.
#[test]
fn digests_lock_matches_the_real_tar_hashes() {
    let digests = computed_digests();
    let text: String = digests.iter().map(|(k, d)| format!("{k} {d}\n")).collect();
    if std::env::var("BERTH_WRITE_DIGESTS").is_ok() {
        std::fs::write(
            concat!(env!("CARGO_MANIFEST_DIR"), "/catalog/digests.lock"),
            &text,
        )
        .unwrap();
        return;
    }
    for (key, digest) in &digests {
        assert_eq!(
            locked_diff_id(key),
            Some(digest.as_str()),
            "digest of layer {key}"
        );
    }
    assert_eq!(DIGESTS_LOCK, text, "catalog/digests.lock has stale lines");
}

#[test]
fn shared_base_layers_are_one_layer() {
    let mut hub = Hub::default();
    let nginx = resolve(&mut hub, "nginx").unwrap();
    let httpd = resolve(&mut hub, "httpd:2.4").unwrap();
    assert!(Rc::ptr_eq(&nginx.layers[0].layer, &httpd.layers[0].layer));
    assert_eq!(nginx.layers[0].diff_id, httpd.layers[0].diff_id);
    assert_ne!(nginx.id, httpd.id);
}

#[test]
fn ids_are_content_addresses() {
    let mut a = Hub::default();
    let mut b = Hub::default();
    let x = resolve(&mut a, "hello-world").unwrap();
    let y = resolve(&mut b, "hello-world:latest").unwrap();
    assert_eq!(x.id, y.id);
    assert_eq!(x.manifest_digest, y.manifest_digest);
    let bytes = serde_json::to_vec(&x.config).unwrap();
    assert_eq!(x.id, Digest::of(&bytes).to_string());
    assert_eq!(x.layers[0].diff_id, x.layers[0].layer.diff_id().to_string());
    let by_digest = resolve(&mut a, &format!("hello-world@{}", x.manifest_digest)).unwrap();
    assert_eq!(by_digest.id, x.id);
}

#[test]
fn pull_errors_read_as_docker_prints_them() {
    let mut hub = Hub::default();
    let check = |r: Result<RemoteImage, PullError>, want: &str| {
        assert_eq!(r.unwrap_err().to_string(), want)
    };
    check(
        resolve(&mut hub, "nonexistent"),
        "pull access denied for nonexistent, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    check(
        resolve(&mut hub, "alpine:nonexist"),
        "manifest for alpine:nonexist not found: manifest unknown: manifest unknown",
    );
    check(
        resolve(&mut hub, "student/app"),
        "pull access denied for student/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    check(
        resolve(&mut hub, "ghcr.io/owner/img:v1"),
        "Get \"https://ghcr.io/v2/\": dial tcp: lookup ghcr.io on 192.168.65.7:53: no such host",
    );
}

#[test]
fn programs_carry_their_marker_and_sizes_are_exact() {
    let mut hub = Hub::default();
    let img = resolve(&mut hub, "hello-world").unwrap();
    let layer = &img.layers[0].layer;
    assert_eq!(layer.size(), 13256);
    let rw = layer.to_rw();
    let bytes = crate::fs::Fs::read(&rw, "/hello").unwrap().slice(0, 64);
    assert!(bytes.starts_with(b"\x7fELF"));
    assert!(bytes.windows(17).any(|w| w == b"\nberth-exec:hello"));
}

#[test]
fn updates_move_a_tag_to_a_newer_image() {
    let mut hub = Hub::default();
    let before = resolve(&mut hub, "alpine").unwrap();
    assert!(hub.publish_updates() > 0);
    let after = resolve(&mut hub, "alpine").unwrap();
    assert_ne!(before.id, after.id);
    assert_eq!(hub.publish_updates(), 0);
}

#[test]
fn the_catalog_loads() {
    assert_eq!(catalog::catalog_error().map(ToString::to_string), None);
}
