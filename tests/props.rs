//! Property tests: no input line panics the engine, and the same lines give the same bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // reason: a test that cannot read its data should stop loudly
#![allow(clippy::disallowed_methods)] // reason: tests run natively; the page-size rule is for the engine

use berth::{Engine, HostKind, ManualClock};
use proptest::prelude::*;

/// Words docker users type, so random lines reach deep into the command tree.
const WORDS: &[&str] = &[
    "docker",
    "run",
    "ps",
    "-a",
    "-it",
    "-d",
    "--rm",
    "--name",
    "web",
    "nginx",
    "alpine",
    "ubuntu",
    "bash",
    "sh",
    "-p",
    "8080:80",
    "-v",
    "C:\\codec\\gcc-hw:/hw",
    "-w",
    "/hw",
    "-e",
    "A=1",
    "--help",
    "-h",
    "container",
    "image",
    "volume",
    "network",
    "system",
    "ls",
    "rm",
    "rmi",
    "inspect",
    "-f",
    "{{.Name}}",
    "version",
    "info",
    "pull",
    "mysql:5.7",
    "--link",
    "my-mysql:server",
    "--",
    "-",
    "--format",
    "json",
    "'",
    "\"",
    ";",
    "&&",
    "||",
    "|",
    ">",
    "$env:USERNAME",
    "$?",
    "`",
    "\\",
    "=",
    "--net=none",
    "-dit",
    "exec",
    "logs",
    "-f",
    "stop",
    "start",
    "help",
    "--version",
    "-v",
    "-D",
    "--log-level",
    "-H",
    "--context",
    "x",
    "",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..12).prop_map(|w| w.join(" "))
}

/// A fresh Windows engine on a manual clock, with a terminal open.
fn machine() -> (ManualClock, Engine, berth::Session) {
    let clock = ManualClock::default();
    let engine = Engine::builder().clock(Box::new(clock.clone())).build();
    let session = engine.session();
    (clock, engine, session)
}

/// [`machine`] with alpine pulled.
fn with_alpine() -> (ManualClock, Engine, berth::Session) {
    let (clock, engine, mut session) = machine();
    session.run_line("docker pull alpine");
    session.settle(&clock);
    (clock, engine, session)
}

fn host() -> impl Strategy<Value = HostKind> {
    prop_oneof![Just(HostKind::Windows), Just(HostKind::Linux)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(host in host(), line in "\\PC{0,80}") {
        let engine = Engine::builder().host(host).build();
        let out = engine.session().run_line(&line);
        prop_assert!(out.status.is_some());
    }

    /// Every line ends, or leaves a program holding the terminal that time, Ctrl-C or
    /// Ctrl-D ends (a pull, `run -it … sh`, `logs -f`); the terminal is never left without
    /// a prompt and without a program.
    #[test]
    fn docker_like_soups_never_panic(host in host(), lines in prop::collection::vec(soup(), 1..6)) {
        let clock = ManualClock::default();
        let engine = Engine::builder().host(host).clock(Box::new(clock.clone())).build();
        let mut session = engine.session();
        for line in &lines {
            let mut out = session.run_line(line);
            out.append(session.settle(&clock));
            if out.status.is_none() {
                prop_assert!(session.is_busy() || session.waiting_prompt().is_some(), "{line}");
                for _ in 0..4 {
                    out.append(session.interrupt());
                    out.append(session.eof());
                    out.append(session.settle(&clock));
                }
            }
            prop_assert!(out.status.is_some(), "{line}: {}", out.text());
        }
    }

    #[test]
    fn same_seed_same_bytes(seed in any::<u64>(), lines in prop::collection::vec(soup(), 1..5)) {
        let run = || {
            let engine = Engine::builder().seed(seed).build();
            let mut session = engine.session();
            lines.iter().map(|l| session.run_line(l)).collect::<Vec<_>>()
        };
        prop_assert_eq!(run(), run());
    }
}

/// Container commands a student mixes up: names reused, containers removed while running,
/// the image removed under a container.
const CONTAINER_LINES: &[&str] = &[
    "docker run -d --name ca alpine sleep 100",
    "docker run -d --name cb alpine sleep 100",
    "docker run -d alpine sleep 100",
    "docker run --name cc alpine true",
    "docker run --rm alpine echo hi",
    "docker create --name ca alpine",
    "docker stop ca",
    "docker stop cb",
    "docker start ca",
    "docker kill cb",
    "docker rm ca",
    "docker rm -f ca",
    "docker rm -f cb",
    "docker rm cc",
    "docker rename ca cb",
    "docker rename cb cc",
    "docker rmi alpine",
    "docker rmi -f alpine",
    "docker container prune -f",
    "docker image prune -af",
    "docker ps -a",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn container_invariants_hold(lines in prop::collection::vec(prop::sample::select(CONTAINER_LINES), 1..12)) {
        let (clock, engine, mut session) = with_alpine();
        for line in &lines {
            clock.advance(berth::ports::SECOND);
            let mut out = session.run_line(line);
            out.append(session.settle(&clock));
            prop_assert!(out.status.is_some() || session.is_busy() || session.waiting_prompt().is_some());
            let snap = engine.snapshot();
            // Names are unique.
            let mut names: Vec<&str> = snap.containers.iter().map(|c| c.name.as_str()).collect();
            names.sort_unstable();
            let before = names.len();
            names.dedup();
            prop_assert_eq!(before, names.len(), "duplicate names after {}", line);
            // A running container's image is never deleted under it (docker refuses even
            // with -f: only the tag goes).
            for c in snap.containers.iter().filter(|c| c.state == "running") {
                prop_assert!(snap.images.iter().any(|i| i.id == c.image), "{} lost its image after {}", c.name, line);
            }
            // Every layer an image lists is stored, and nothing else is.
            let mut wanted: Vec<&str> = snap.images.iter().flat_map(|i| i.layers.iter().map(String::as_str)).collect();
            wanted.sort_unstable();
            wanted.dedup();
            prop_assert_eq!(wanted.len(), snap.layers, "layers stored vs used after {}", line);
        }
    }
}

/// Lines that change what `docker system df` counts: images, containers with files in their
/// writable layers, running or not, volumes, removals and prunes.
const USAGE_LINES: &[&str] = &[
    "docker pull busybox",
    "docker pull hello-world",
    "docker run alpine sh -c \"seq 1 3000 > /f\"",
    "docker run -d alpine sh -c \"seq 1 9000 > /g; sleep 1000\"",
    "docker run -d -v data:/d alpine sh -c \"seq 1 500 > /d/x; sleep 1000\"",
    "docker volume create",
    "docker stop $(docker ps -q)",
    "docker rm -f $(docker ps -aq)",
    "docker container prune -f",
    "docker image prune -af",
    "docker volume prune -af",
];

/// Bytes from docker's human sizes (`7.834MB`, `13.9kB`, `0B`; decimal units).
fn bytes(human: &str) -> f64 {
    let human = human.split(' ').next().unwrap_or("");
    let (num, unit) = human.split_at(
        human
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(human.len()),
    );
    let scale = match unit {
        "B" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        "TB" => 1e12,
        other => panic!("unit {other:?} in {human:?}"),
    };
    num.parse::<f64>().unwrap() * scale
}

/// Whether two sizes agree within what printing with three or four digits loses.
fn near(a: f64, b: f64, items: usize) -> bool {
    (a - b).abs() <= 0.006 * a.max(b) + 1.0 + items as f64
}

fn lines_of(session: &mut berth::Session, clock: &berth::ManualClock, line: &str) -> Vec<String> {
    let mut out = session.run_line(line);
    out.append(session.settle(clock));
    out.stream_text(berth::output::Stream::Stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// `docker system df` agrees with the listings: its counts are theirs, the containers'
    /// size is the sum of their writable layers (`ps -s`), the images' size lies between the
    /// largest image and the sum of all (shared layers count once), and what `container prune`
    /// reclaims is what df called reclaimable.
    #[test]
    fn system_df_agrees_with_the_listings(lines in prop::collection::vec(prop::sample::select(USAGE_LINES), 1..8)) {
        let (clock, _engine, mut session) = with_alpine();
        for line in &lines {
            clock.advance(berth::ports::SECOND);
            lines_of(&mut session, &clock, line);
        }
        let df = lines_of(&mut session, &clock, "docker system df --format \"{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}\"");
        let row = |kind: &str| -> Vec<String> {
            df.iter().find(|l| l.starts_with(kind)).unwrap_or_else(|| panic!("no {kind} in {df:?}"))
                .split('|').map(str::to_owned).collect()
        };
        let (images, containers, volumes) = (row("Images"), row("Containers"), row("Local Volumes"));

        let mut ids = lines_of(&mut session, &clock, "docker images -a --no-trunc --format \"{{.ID}}\"");
        ids.sort();
        ids.dedup();
        prop_assert_eq!(images[1].parse::<usize>().unwrap(), ids.len(), "images after {:?}", lines);
        let all = lines_of(&mut session, &clock, "docker ps -aq");
        let running = lines_of(&mut session, &clock, "docker ps -q");
        prop_assert_eq!(containers[1].parse::<usize>().unwrap(), all.len(), "containers after {:?}", lines);
        prop_assert_eq!(containers[2].parse::<usize>().unwrap(), running.len(), "running after {:?}", lines);
        let vols = lines_of(&mut session, &clock, "docker volume ls -q");
        prop_assert_eq!(volumes[1].parse::<usize>().unwrap(), vols.len(), "volumes after {:?}", lines);

        let writable: Vec<f64> = lines_of(&mut session, &clock, "docker ps -a -s --format \"{{.Size}}\"").iter().map(|s| bytes(s)).collect();
        let sum: f64 = writable.iter().sum();
        prop_assert!(near(bytes(&containers[3]), sum, writable.len()), "containers {} vs ps -s {} after {:?}", containers[3], sum, lines);

        let sizes: Vec<f64> = lines_of(&mut session, &clock, "docker images -a --format \"{{.ID}} {{.Size}}\"")
            .iter().map(|l| bytes(l.split(' ').nth(1).unwrap_or("0B"))).collect();
        let (largest, total) = (sizes.iter().copied().fold(0.0, f64::max), sizes.iter().sum::<f64>());
        let df_images = bytes(&images[3]);
        prop_assert!(df_images <= total * 1.006 + 1.0 && df_images * 1.006 + 1.0 >= largest,
            "images {} vs largest {} and sum {} after {:?}", images[3], largest, total, lines);

        let reclaimable = bytes(&containers[4]);
        let pruned = lines_of(&mut session, &clock, "docker container prune -f");
        let reclaimed = pruned.iter().find_map(|l| l.strip_prefix("Total reclaimed space: ")).map_or(0.0, bytes);
        prop_assert!(near(reclaimable, reclaimed, all.len()), "reclaimable {} vs reclaimed {} after {:?}", containers[4], reclaimed, lines);
    }
}

/// Found by the soup test: a pull after `||` holds the line until the clock moves.
#[test]
fn a_pull_after_a_failed_command_ends_when_time_passes() {
    let (clock, _engine, mut session) = machine();
    let mut out = session.run_line("run || docker pull mysql:5.7");
    assert_eq!(out.status, None, "the pull holds the line");
    out.append(session.settle(&clock));
    assert_eq!(out.status, Some(0), "{}", out.text());
    assert!(out
        .text()
        .contains("Status: Downloaded newer image for mysql:5.7"));
}

/// Lines over every store the page draws: images, containers, volumes, networks.
const STATE_LINES: &[&str] = &[
    "docker network create n1",
    "docker network rm n1",
    "docker network connect n1 ca",
    "docker network disconnect n1 ca",
    "docker network prune -f",
    "docker run -d --name web --network n1 -p 8080:80 nginx",
    "docker volume create v1",
    "docker volume rm v1",
    "docker run -d --name cd -v v1:/data alpine sleep 5",
    "docker tag alpine mine:1",
    "docker rmi mine:1",
    "docker pull busybox",
    "docker commit ca snap:1",
    "docker pause ca",
    "docker unpause ca",
    "docker restart ca",
    "docker update --restart always ca",
    "docker exec ca touch /x",
    "docker volume prune -af",
    "docker system prune -af --volumes",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// The page takes a new snapshot only when the engine's revision moved: a line or the
    /// passing of time that changes the snapshot always moves it.
    #[test]
    fn the_revision_moves_whenever_the_snapshot_changes(
        lines in prop::collection::vec(
            prop_oneof![prop::sample::select(CONTAINER_LINES), prop::sample::select(STATE_LINES)],
            1..14,
        )
    ) {
        let (clock, engine, mut session) = with_alpine();
        for line in &lines {
            let (rev, snap) = (engine.revision(), engine.snapshot());
            clock.advance(3 * berth::ports::SECOND);
            session.poll();
            let mut out = session.run_line(line);
            out.append(session.settle(&clock));
            if engine.revision() == rev {
                prop_assert_eq!(&engine.snapshot(), &snap, "{} changed the snapshot, not the revision", line);
            }
        }
    }
}
