//! The goal language checked against one engine in a known state: each case is a goal in a
//! lesson file's JSON and whether it holds there.

use super::file::docker_line_problem;
use super::goal::familiar;
use super::*;
use crate::{HostKind, ManualClock};

/// An engine after these lines (one second apart, each run to its end or its prompt).
fn engine(lines: &[&str]) -> Engine {
    let clock = ManualClock::default();
    let engine = Engine::builder()
        .host(HostKind::Windows)
        .clock(Box::new(clock.clone()))
        .build();
    let mut s = engine.session();
    for l in lines {
        clock.advance(1_000_000_000);
        s.run_line(l);
        s.settle(&clock);
    }
    engine
}

/// The state every case looks at.
fn fixture() -> Engine {
    engine(&[
        "docker pull alpine",
        "docker run -d --name web -p 8080:80 -e username=ritchie -e EMPTY= nginx",
        "docker volume create mydata",
        r"docker run -d --name store -v mydata:/data -v C:\temp1:/host alpine sleep 1000",
        "docker exec store sh -c \"echo hello > /data/note.txt\"",
        "docker exec store cp /data/note.txt /host/note.txt",
        "docker run --name done alpine rm /etc/motd",
        "docker network create app",
        "docker run -d --name db --network app alpine sleep 1000",
        "docker run -d --name api --network app alpine sleep 1000",
        "docker run -d --name old --link web:front alpine sleep 1000",
        "docker run -d --name lone --network none alpine sleep 1000",
        "docker run -d --name side --network container:web alpine sleep 1000",
        "docker commit done snap",
        "docker commit done snap",
    ])
}

fn check(engine: &Engine, goal: &str, want: bool) {
    let g: Goal = match serde_json::from_str(goal) {
        Ok(g) => g,
        Err(e) => panic!("{goal}: {e}"),
    };
    assert_eq!(met(engine, &g), want, "{goal}");
}

#[test]
fn goals_over_the_state() {
    let e = fixture();
    let c = |goal: &str, want: bool| check(&e, goal, want);
    // Containers: only the fields given matter.
    c(r#"{"container": {}}"#, true);
    c(r#"{"container": {"name": "web"}}"#, true);
    c(r#"{"container": {"name": "nope"}}"#, false);
    c(
        r#"{"container": {"name": "web", "image": "nginx", "state": "running"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "web", "image": "nginx:latest"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "web", "image": "docker.io/library/nginx"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "web", "image": "alpine"}}"#,
        false,
    );
    c(
        r#"{"container": {"name": "web", "state": "exited"}}"#,
        false,
    );
    c(
        r#"{"container": {"name": "done", "state": "exited", "exit_code": 0}}"#,
        true,
    );
    c(r#"{"container": {"name": "done", "exit_code": 1}}"#, false);
    c(r#"{"container": {"env": ["username"]}}"#, true);
    c(r#"{"container": {"env": ["username=ritchie"]}}"#, true);
    c(r#"{"container": {"env": ["username=root"]}}"#, false);
    c(r#"{"container": {"env": ["user"]}}"#, false);
    c(r#"{"container": {"env": ["EMPTY="]}}"#, true);
    c(r#"{"container": {"ports": ["8080->80/tcp"]}}"#, true);
    c(
        r#"{"container": {"ports": ["0.0.0.0:8080->80/tcp"]}}"#,
        true,
    );
    c(r#"{"container": {"ports": ["8081->80/tcp"]}}"#, false);
    c(
        r#"{"containers": {"where": {"image": "alpine"}, "min": 7, "max": 7}}"#,
        true,
    );
    c(
        r#"{"containers": {"where": {"image": "alpine"}, "max": 6}}"#,
        false,
    );
    c(r#"{"containers": {"where": {"state": "exited"}}}"#, true);
    c(
        r#"{"containers": {"where": {"state": "paused"}, "max": 0}}"#,
        true,
    );
    // Mounts.
    c(
        r#"{"container": {"mounts": [{"type": "volume", "name": "mydata", "destination": "/data"}]}}"#,
        true,
    );
    c(
        r#"{"container": {"mounts": [{"type": "bind", "source": "C:\\temp1", "destination": "/host"}]}}"#,
        true,
    );
    c(
        r#"{"container": {"mounts": [{"source": "c:/TEMP1/"}]}}"#,
        true,
    );
    c(
        r#"{"container": {"mounts": [{"type": "bind", "destination": "/data"}]}}"#,
        false,
    );
    c(r#"{"container": {"name": "web", "mounts": [{}]}}"#, false);
    // Networks.
    c(r#"{"network": {"name": "app"}}"#, true);
    c(r#"{"network": {"name": "app", "driver": "bridge"}}"#, true);
    c(r#"{"network": {"name": "none", "driver": "null"}}"#, true);
    c(r#"{"network": {"name": "backend"}}"#, false);
    c(
        r#"{"container": {"name": "db", "networks": ["app"]}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "web", "networks": ["app"]}}"#,
        false,
    );
    c(
        r#"{"container": {"name": "web", "network_mode": "bridge"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "lone", "network_mode": "none"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "side", "network_mode": "container:web"}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "side", "network_mode": "container:db"}}"#,
        false,
    );
    c(
        r#"{"container": {"name": "old", "links": ["front"]}}"#,
        true,
    );
    c(
        r#"{"container": {"name": "old", "links": ["back"]}}"#,
        false,
    );
    // Reaching by name: a link, user-network DNS, nothing on `none` or the default bridge.
    c(
        r#"{"reach": {"from": {"name": "old"}, "to": {"name": "web"}, "as": "front"}}"#,
        true,
    );
    c(
        r#"{"reach": {"from": {"name": "old"}, "to": {"name": "web"}, "as": "web"}}"#,
        true,
    );
    c(
        r#"{"reach": {"from": {"name": "old"}, "to": {"name": "db"}, "as": "front"}}"#,
        false,
    );
    c(
        r#"{"reach": {"from": {"name": "api"}, "to": {"name": "db"}, "as": "db"}}"#,
        true,
    );
    c(
        r#"{"reach": {"from": {"name": "web"}, "to": {"name": "db"}, "as": "db"}}"#,
        false,
    );
    c(
        r#"{"reach": {"from": {"name": "lone"}, "to": {"name": "web"}, "as": "front"}}"#,
        false,
    );
    c(
        r#"{"reach": {"from": {}, "to": {"name": "db"}, "as": "db"}}"#,
        true,
    );
    // Images.
    c(r#"{"image": {"ref": "alpine"}}"#, true);
    c(
        r#"{"image": {"ref": "alpine:latest", "used": true, "min_layers": 1}}"#,
        true,
    );
    c(r#"{"image": {"ref": "alpine", "min_layers": 50}}"#, false);
    c(r#"{"image": {"ref": "snap", "used": false}}"#, true);
    c(r#"{"image": {"ref": "ubuntu"}}"#, false);
    c(
        r#"{"images": {"where": {"dangling": true}, "min": 1, "max": 1}}"#,
        true,
    );
    c(
        r#"{"images": {"where": {"dangling": true}, "max": 0}}"#,
        false,
    );
    c(r#"{"images": {"where": {}, "min": 4, "max": 4}}"#, true);
    // Volumes.
    c(
        r#"{"volume": {"name": "mydata", "anonymous": false, "in_use": true}}"#,
        true,
    );
    c(r#"{"volume": {"name": "other"}}"#, false);
    c(
        r#"{"volumes": {"where": {"in_use": false}, "max": 0}}"#,
        true,
    );
    // Files in containers (through their mounts) and on the host.
    c(
        r#"{"file": {"container": {"name": "store"}, "path": "/data/note.txt"}}"#,
        true,
    );
    c(
        r#"{"file": {"container": {"name": "store"}, "path": "/data/note.txt", "equals": "hello"}}"#,
        true,
    );
    c(
        r#"{"file": {"container": {"name": "store"}, "path": "/data/note.txt", "contains": "ell"}}"#,
        true,
    );
    c(
        r#"{"file": {"container": {"name": "store"}, "path": "/data/note.txt", "equals": "hell"}}"#,
        false,
    );
    c(
        r#"{"file": {"container": {"name": "web"}, "path": "/data/note.txt"}}"#,
        false,
    );
    c(
        r#"{"file": {"path": "/data/note.txt", "absent": true}}"#,
        true,
    );
    c(
        r#"{"file": {"container": {"name": "store"}, "path": "/data/note.txt", "absent": true}}"#,
        false,
    );
    c(
        r#"{"host_file": {"path": "C:\\temp1\\note.txt", "equals": "hello\n"}}"#,
        true,
    );
    c(r#"{"host_file": {"path": "C:\\temp1\\gone.txt"}}"#, false);
    c(
        r#"{"host_file": {"path": "C:\\temp1\\gone.txt", "absent": true}}"#,
        true,
    );
    // Changes docker diff lists.
    c(
        r#"{"changed": {"container": {"name": "done"}, "path": "/etc/motd", "kind": "D"}}"#,
        true,
    );
    c(
        r#"{"changed": {"container": {"name": "done"}, "path": "/etc/motd", "kind": "A"}}"#,
        false,
    );
    c(
        r#"{"changed": {"container": {"name": "done"}, "path": "/etc"}}"#,
        true,
    );
    c(
        r#"{"changed": {"container": {"name": "web"}, "path": "/etc/motd"}}"#,
        false,
    );
    // Composition.
    c(r#"{"all": []}"#, true);
    c(r#"{"any": []}"#, false);
    c(
        r#"{"all": [{"network": {"name": "app"}}, {"volume": {"name": "mydata"}}]}"#,
        true,
    );
    c(
        r#"{"all": [{"network": {"name": "app"}}, {"volume": {"name": "x"}}]}"#,
        false,
    );
    c(
        r#"{"any": [{"network": {"name": "x"}}, {"volume": {"name": "mydata"}}]}"#,
        true,
    );
    c(r#"{"not": {"image": {"ref": "ubuntu"}}}"#, true);
    c(r#"{"not": {"not": {"image": {"ref": "ubuntu"}}}}"#, false);
}

#[test]
fn an_empty_engine_meets_little() {
    let e = engine(&[]);
    check(&e, r#"{"container": {}}"#, false);
    check(&e, r#"{"images": {"where": {}, "max": 0}}"#, true);
    check(&e, r#"{"network": {"name": "bridge"}}"#, true);
    check(
        &e,
        r#"{"host_file": {"path": "C:\\codec\\gcc-hw\\server.c", "contains": "main"}}"#,
        true,
    );
}

#[test]
fn goal_files_are_strict() {
    let bad = |text: &str| assert!(serde_json::from_str::<Goal>(text).is_err(), "{text}");
    bad(r#"{"container": {"nmae": "web"}}"#);
    bad(r#"{"containr": {}}"#);
    bad(r#"{"reach": {"from": {}, "to": {}}}"#);
    bad(r#"{"images": {"dangling": true}}"#);
    bad(r#"{"all": {}}"#);
}

#[test]
fn references_are_compared_in_docker_familiar_form() {
    let f = |r: &str, want: &str| assert_eq!(familiar(r), want, "{r}");
    f("nginx", "nginx:latest");
    f("nginx:1.27", "nginx:1.27");
    f("docker.io/library/nginx", "nginx:latest");
    f("nercury/cmake-cpp:gcc-5.2", "nercury/cmake-cpp:gcc-5.2");
    f("localhost:5000/app", "localhost:5000/app:latest");
    f("test/ubuntu:v1", "test/ubuntu:v1");
}

#[test]
fn docker_lines_name_real_commands() {
    let p = |line: &str, want: Option<&str>| {
        assert_eq!(docker_line_problem(line).as_deref(), want, "{line}");
    };
    p("docker run -d nginx", None);
    p("docker --version", None);
    p("docker image prune -f", None);
    p("docker container ls", None);
    p("docker ps -a", None);
    p("echo hello", None);
    p("docker rnu nginx", Some("`rnu` is not a docker command"));
    p(
        "docker swarm init",
        Some("`docker swarm init` is not simulated"),
    );
}

fn lesson(forbidden: &str) -> Lesson {
    let text = format!(
        r#"{{"id": "t", "chapter": "1", "title": {{"en": "T", "zh-CN": "T"}},
        "goal_text": {{"en": "G", "zh-CN": "G"}}, "hints": [{{"en": "H", "zh-CN": "H"}}],
        "goal": {{"all": []}}, "forbidden": [{forbidden}], "solution": ["docker ps"]}}"#
    );
    match Lesson::parse(&text) {
        Ok(l) => l,
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn forbidden_commands_are_refused_with_their_reason() {
    let l = lesson(
        r#"{"command": "docker compose", "reason": {"en": "use docker run.", "zh-CN": "请用 docker run。"}}"#,
    );
    let r = |line: &str, lang: Lang, want: Option<&str>| {
        assert_eq!(l.refusal(line, lang).as_deref(), want, "{line}");
    };
    r(
        "docker compose up",
        Lang::En,
        Some("This lesson does not allow `docker compose`: use docker run.\n"),
    );
    r(
        "  docker   compose",
        Lang::ZhCn,
        Some("本课不允许使用 `docker compose`：请用 docker run。\n"),
    );
    r("docker run compose", Lang::En, None);
    r("docker composer", Lang::En, None);
    assert_eq!(l.problems(), Vec::<String>::new());
}

#[test]
fn problems_name_what_is_missing() {
    let l = lesson(r#"{"command": "docker rm", "reason": {"en": "no", "zh-CN": ""}}"#);
    assert_eq!(
        l.problems(),
        vec![r#"forbidden "docker rm": no zh-CN text"#]
    );
    let mut l = lesson("");
    l.hints.clear();
    l.id = "Bad Id".into();
    l.solution = vec!["docker compose up".into(), "docker rm x".into()];
    l.title.en.clear();
    assert_eq!(
        l.problems(),
        vec![
            r#"id "Bad Id": lowercase letters, digits and -"#,
            "title: no en text",
            "no hints",
            r#""docker compose up": `compose` is not a docker command"#,
        ]
    );
    assert_eq!(Lang::from_tag("zh"), Lang::ZhCn);
    assert_eq!(Lang::from_tag("en-US"), Lang::En);
}

/// A part of a goal's picture in one line: kind, title, details (`key=text` for words),
/// members, `none`, count, and whether it holds in `engine`.
fn parts_of(engine: &Engine, goal: &str) -> Vec<String> {
    let g: Goal = match serde_json::from_str(goal) {
        Ok(g) => g,
        Err(e) => panic!("{goal}: {e}"),
    };
    let parts = picture::parts(&g);
    let checks: Vec<&Goal> = parts.iter().map(|p| &p.check).collect();
    let met = met_each(engine, &checks);
    parts
        .iter()
        .zip(met)
        .map(|(p, m)| {
            let details: Vec<String> = p
                .details
                .iter()
                .map(|d| match d.key {
                    Some(k) => format!("{k}={}", d.text),
                    None => d.text.clone(),
                })
                .collect();
            format!(
                "{:?} {:?} [{}] <{}>{}{} {}",
                p.kind,
                p.title,
                details.join(", "),
                p.members.join(","),
                if p.none { " none" } else { "" },
                p.count
                    .as_deref()
                    .map(|c| format!(" {c}"))
                    .unwrap_or_default(),
                if m { "met" } else { "open" },
            )
        })
        .collect()
}

#[test]
fn a_goal_as_the_parts_of_its_picture() {
    let e = fixture();
    let c = |goal: &str, want: &[&str]| assert_eq!(parts_of(&e, goal), want, "{goal}");
    c(
        r#"{"container": {"name": "web", "image": "nginx", "state": "running", "ports": ["8080->80/tcp"], "env": ["username=ritchie"]}}"#,
        &[
            r#"Container "web" [image=nginx, state=running, env=username=ritchie, port=8080->80/tcp] <> met"#,
        ],
    );
    c(
        r#"{"container": {"name": "web", "state": "exited"}}"#,
        &[r#"Container "web" [state=exited] <> open"#],
    );
    c(
        r#"{"all": [{"images": {"where": {"dangling": true}, "max": 0}}, {"image": {"ref": "snap"}}]}"#,
        &[
            r#"Image "" [dangling=] <> none open"#,
            r#"Image "snap" [] <> met"#,
        ],
    );
    c(
        r#"{"not": {"image": {"ref": "mysql:5.7"}}}"#,
        &[r#"Image "mysql:5.7" [] <> none met"#],
    );
    c(
        r#"{"any": [{"volume": {"name": "nope"}}, {"volume": {"name": "mydata", "in_use": true}}]}"#,
        &[r#"Volume "nope" [] <> met"#],
    );
    c(
        r#"{"containers": {"where": {"image": "alpine", "state": "running"}, "min": 2}}"#,
        &[r#"Container "" [image=alpine, state=running] <> ≥2 met"#],
    );
    c(
        r#"{"all": [{"container": {"name": "db", "networks": ["app"]}}, {"container": {"name": "api", "networks": ["app"]}}, {"network": {"name": "app", "driver": "bridge"}}, {"container": {"name": "x", "networks": ["back"]}}]}"#,
        &[
            r#"Container "db" [network=app] <> met"#,
            r#"Container "api" [network=app] <> met"#,
            r#"Network "app" [driver=bridge] <db,api> met"#,
            r#"Container "x" [network=back] <> open"#,
            r#"Network "back" [] <x> open"#,
        ],
    );
    c(
        r#"{"reach": {"from": {"name": "old", "links": ["front"]}, "to": {"name": "web"}, "as": "front"}}"#,
        &[r#"Reach "front" [] <old,web> met"#],
    );
    c(
        r#"{"reach": {"from": {"image": "alpine"}, "to": {}, "as": "db"}}"#,
        &[r#"Reach "db" [] <alpine,> met"#],
    );
    c(
        r#"{"all": [{"file": {"container": {"name": "store", "mounts": [{"type": "volume", "name": "mydata", "destination": "/data"}, {"type": "bind", "source": "C:\\temp1", "destination": "/host"}]}, "path": "/data/note.txt", "equals": "hello"}}, {"host_file": {"path": "C:\\temp1\\gone.txt", "absent": true}}, {"changed": {"container": {"name": "done"}, "path": "/etc/motd", "kind": "D"}}]}"#,
        &[
            r#"File "/data/note.txt" [in=store, equals=hello] <> met"#,
            r#"HostFile "C:\\temp1\\gone.txt" [] <> none met"#,
            r#"Changed "/etc/motd" [in=done, D] <> met"#,
        ],
    );
    c(
        r#"{"container": {"name": "side", "network_mode": "container:web", "links": ["x"], "mounts": [{"type": "tmpfs", "destination": "/t"}], "exit_code": 0}}"#,
        &[
            r#"Container "side" [exit=0, mount=tmpfs:/t, network-mode=container:web, link=x] <> open"#,
        ],
    );
    c(
        r#"{"volumes": {"where": {"anonymous": true}, "min": 1, "max": 3}}"#,
        &[r#"Volume "" [anonymous=] <> 1–3 open"#],
    );
}

#[test]
fn every_shipped_lesson_has_a_picture() {
    for l in all().unwrap_or_default() {
        let parts = picture::parts(&l.goal);
        assert!(!parts.is_empty(), "{}", l.id);
    }
}

/// The lines of a sandbox session a lesson is made from.
const SANDBOX: &[&str] = &[
    "docker run -d nginx",
    "docker run -d --name web -p 8080:80 -e username=ritchie nginx",
    "docker volume create data",
    r"docker run -d --name db -v data:/data -v /anon -v C:\temp1:/host alpine sleep 1000",
    "docker network create app",
    "docker run -d --name api --network app alpine sleep 1000",
    "docker run -d --name side --network container:web alpine sleep 1000",
    "docker run -d --name old --link web:front alpine sleep 1000",
    "docker run -d --name lone --network none alpine sleep 1000",
    "docker run --name hello hello-world",
    "docker run --name maker alpine touch /made",
    "docker commit maker mine",
    "docker commit maker mine",
];

fn texts() -> [Text; 3] {
    let t = |en: &str, zh: &str| Text {
        en: en.to_owned(),
        zh_cn: zh.to_owned(),
    };
    [
        t("Mine", "我的"),
        t("Do it all", "全部做完"),
        t("Look at the solution", "看答案"),
    ]
}

/// An engine with its own seed after `lines`, as a student would type them.
fn replayed(seed: u64, lines: &[String]) -> Engine {
    let clock = ManualClock::default();
    let engine = Engine::builder()
        .host(HostKind::Windows)
        .seed(seed)
        .clock(Box::new(clock.clone()))
        .build();
    let mut s = engine.session();
    for l in lines {
        clock.advance(1_000_000_000);
        s.run_line(l);
        s.settle(&clock);
    }
    engine
}

#[test]
fn a_lesson_made_from_a_state_is_met_by_replaying_its_solution_in_a_fresh_engine() {
    let typed: Vec<String> = SANDBOX.iter().map(|l| (*l).to_owned()).collect();
    let made = make::from_state(&replayed(1, &typed), &typed, texts());
    let text = made.to_json();
    let lesson = match Lesson::parse(&text) {
        Ok(l) => l,
        Err(e) => panic!("{e}\n{text}"),
    };
    assert_eq!(lesson, made);
    assert_eq!(lesson.problems(), Vec::<String>::new(), "{text}");
    assert!(lesson.start.is_empty() && lesson.solution == typed);
    // What the goal says, and what it leaves out (ids, generated names, anonymous names).
    for part in [
        r#""name": "web","#,
        r#""image": "nginx:latest","#,
        r#""username=ritchie""#,
        r#""name": "data""#,
        r#""type": "bind""#,
        r#""8080->80/tcp""#,
        r#""network_mode": "container:web""#,
        r#""network_mode": "none""#,
        r#""links": ["#,
        r#""front""#,
        r#""networks": ["#,
        r#""app""#,
        r#""state": "exited""#,
        r#""ref": "mine:latest""#,
        r#""dangling": true"#,
        r#""anonymous": true"#,
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert!(
        !text.contains("sha256")
            && !text.contains("PATH=")
            && !text.contains(r#""network_mode": "app""#),
        "{text}"
    );
    // Met by the solution typed into a fresh engine with another seed; not by less.
    assert!(!met(&replayed(7, &[]), &lesson.goal));
    assert!(met(&replayed(7, &lesson.solution), &lesson.goal), "{text}");
    let mut fewer = lesson.solution.clone();
    fewer.retain(|l| !l.contains("--name api"));
    assert!(!met(&replayed(7, &fewer), &lesson.goal));
}
