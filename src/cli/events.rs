//! `docker events` (= `docker system events`): the daemon's event stream.

use serde_json::{json, Value};

use super::command::{Args, Command};
use super::filters::Filters;
use super::flags::{Flag, Parsed, INSPECT_FORMAT_HELP};
use super::{Ctx, Job, JobIo};
use crate::daemon::events::{parse_rfc3339, DaemonEvent};
use crate::format::template::{Options, Template};
use crate::format::units::parse_go_duration;
use crate::kernel::{tick_until, yield_now};
use crate::ports::{Nanos, SECOND};

/// `docker events`.
pub const CMD: Command = Command {
    name: "events",
    short: "Get real time events from the server",
    aliases_help: "docker system events, docker events",
    flags: &[
        Flag::string("since", None, "Show all events created since timestamp"),
        Flag::string("until", None, "Stream events until this timestamp"),
        Flag::filter(
            "filter",
            Some('f'),
            "Filter output based on conditions provided",
        ),
        Flag::string("format", None, INSPECT_FORMAT_HELP),
    ],
    args: Args::No,
    run: Some(run),
    ..Command::LEAF
};

/// The filters the daemon knows for events.
const FILTERS: &[&str] = &[
    "config",
    "container",
    "daemon",
    "event",
    "image",
    "label",
    "network",
    "node",
    "plugin",
    "scope",
    "secret",
    "service",
    "type",
    "volume",
];

/// moby's `timetypes.GetTimestamp`: a Go duration before now, an RFC 3339 time, or Unix
/// seconds (with an optional fraction).
pub fn parse_time(v: &str, now: Nanos) -> Result<Nanos, String> {
    if let Ok(d) = parse_go_duration(v) {
        return Ok(now - d);
    }
    if let Some(t) = parse_rfc3339(v) {
        return Ok(t);
    }
    let (secs, frac) = v.split_once('.').unwrap_or((v, ""));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if digits(secs) && (frac.is_empty() || digits(frac)) {
        let s: i64 = secs.parse().map_err(|_| bad_time(v))?;
        let n: i64 = format!("{frac:0<9}")
            .get(..9)
            .and_then(|f| f.parse().ok())
            .unwrap_or(0);
        return s
            .checked_mul(SECOND)
            .and_then(|x| x.checked_add(n))
            .ok_or_else(|| bad_time(v));
    }
    Err(bad_time(v))
}

fn bad_time(v: &str) -> String {
    format!("failed to parse value as time or duration: \"{v}\"")
}

/// Whether an event passes the filters, as moby's `daemon/events/filter.go` decides.
pub fn matches(f: &Filters, ev: &DaemonEvent) -> bool {
    let any = |key: &str, pred: &dyn Fn(&str) -> bool| {
        let vals = f.get(key);
        vals.is_empty() || vals.iter().any(|v| pred(v))
    };
    let attr = |k: &str| ev.attributes.get(k).map(String::as_str).unwrap_or("");
    let strip_tag = |s: &str| -> String {
        match s.rsplit_once(':') {
            Some((name, tag)) if !tag.contains('/') => name.to_owned(),
            _ => s.to_owned(),
        }
    };
    let action_word = ev.action.split(':').next().unwrap_or_default();
    any("type", &|v| v == ev.kind)
        && any("event", &|v| v == ev.action || v == action_word)
        && any("container", &|v| {
            ev.kind == "container" && (ev.actor.starts_with(v) || attr("name") == v)
        })
        && any("image", &|v| {
            let name = if ev.kind == "image" {
                attr("name")
            } else {
                attr("image")
            };
            ev.actor == v || name == v || strip_tag(&ev.actor) == v || strip_tag(name) == v
        })
        && any("label", &|v| match v.split_once('=') {
            Some((k, val)) => ev.attributes.get(k).is_some_and(|x| x == val),
            None => ev.attributes.contains_key(v),
        })
        && any("volume", &|v| ev.kind == "volume" && ev.actor == v)
        && any("network", &|v| {
            ev.kind == "network" && ev.actor.starts_with(v)
        })
        && any("daemon", &|v| ev.kind == "daemon" && ev.actor == v)
        && any("scope", &|v| v == "local")
        && f.get("config").is_empty()
        && f.get("node").is_empty()
        && f.get("plugin").is_empty()
        && f.get("secret").is_empty()
        && f.get("service").is_empty()
}

/// The Engine API's `events.Message` of an event.
pub fn message(ev: &DaemonEvent) -> Value {
    let mut m = serde_json::Map::new();
    if ev.kind == "container" || ev.kind == "image" {
        m.insert("status".into(), json!(ev.action));
        m.insert("id".into(), json!(ev.actor));
        if let Some(img) = ev
            .attributes
            .get("image")
            .filter(|_| ev.kind == "container")
        {
            m.insert("from".into(), json!(img));
        }
    }
    m.insert("Type".into(), json!(ev.kind));
    m.insert("Action".into(), json!(ev.action));
    m.insert(
        "Actor".into(),
        json!({"ID": ev.actor, "Attributes": ev.attributes}),
    );
    m.insert("scope".into(), json!("local"));
    m.insert("time".into(), json!(ev.time.div_euclid(SECOND)));
    m.insert("timeNano".into(), json!(ev.time));
    Value::Object(m)
}

/// The same message as the Go struct a template sees (field names, not JSON names).
fn fields(ev: Option<&DaemonEvent>) -> Value {
    let empty = DaemonEvent {
        time: 0,
        kind: "",
        action: String::new(),
        actor: String::new(),
        attributes: Default::default(),
    };
    let ev = ev.unwrap_or(&empty);
    let from = if ev.kind == "container" {
        ev.attributes.get("image").cloned().unwrap_or_default()
    } else {
        String::new()
    };
    let typed = ev.kind == "container" || ev.kind == "image";
    json!({
        "Status": if typed { ev.action.as_str() } else { "" },
        "ID": if typed { ev.actor.as_str() } else { "" },
        "From": from,
        "Type": ev.kind,
        "Action": ev.action,
        "Actor": {"ID": ev.actor, "Attributes": ev.attributes},
        "Scope": if ev.kind.is_empty() { "" } else { "local" },
        "Time": ev.time.div_euclid(SECOND),
        "TimeNano": ev.time,
    })
}

/// How each event is printed.
#[derive(Clone)]
enum Printer {
    Line,
    Json,
    Template(Template),
}

impl Printer {
    fn print(&self, ev: &DaemonEvent) -> String {
        let options = Options::structure("*events.Message");
        match self {
            Printer::Line => format!("{}\n", ev.line()),
            Printer::Json => format!("{}\n", message(ev)),
            Printer::Template(t) => match t.execute(&fields(Some(ev)), &options) {
                Ok(s) => format!("{s}\n"),
                Err(e) => format!("{}\n", e.message()),
            },
        }
    }
}

fn run(ctx: &mut Ctx<'_>, p: &Parsed) -> i32 {
    let printer = match p.last("format") {
        None | Some("") => Printer::Line,
        Some("json") | Some("{{json .}}") => Printer::Json,
        Some(src) => {
            let parsed = Template::parse(src).and_then(|t| {
                t.execute(&fields(None), &Options::structure("*events.Message"))
                    .map(|_| t)
            });
            match parsed {
                Ok(t) => Printer::Template(t),
                Err(e) => {
                    ctx.out
                        .err(format!("Error parsing format: {}\n", e.message()));
                    return 64;
                }
            }
        }
    };
    let now = ctx.world.now();
    let time = |flag: &str| p.last(flag).map(|v| parse_time(v, now)).transpose();
    let (since, until) = match (time("since"), time("until")) {
        (Ok(s), Ok(u)) => (s, u),
        (Err(e), _) | (_, Err(e)) => {
            ctx.out.err(format!("{e}\n"));
            return 1;
        }
    };
    ctx.api("GET", "/events");
    let filters = Filters::from_parsed(p);
    if let Err(e) = filters.check(FILTERS) {
        ctx.out.err(format!("Error response from daemon: {e}\n"));
        return 1;
    }
    if let (Some(s), Some(u)) = (since, until) {
        if s > u {
            ctx.out
                .err("Error response from daemon: `since` time cannot be after `until` time\n");
            return 1;
        }
    }
    let log = ctx.world.daemon.events.all();
    let mut text = String::new();
    if let Some(s) = since {
        for ev in log {
            if ev.time >= s && until.is_none_or(|u| ev.time <= u) && matches(&filters, ev) {
                text.push_str(&printer.print(ev));
            }
        }
    }
    let cursor = log.len();
    ctx.out.out(text);
    if until.is_some_and(|u| u <= now) {
        return 0;
    }
    let handles = ctx.handles.clone();
    ctx.spawn_job(Job::new(move |io: JobIo| {
        Box::pin(async move {
            let mut cursor = cursor;
            let sys = handles.kernel.borrow().sys();
            loop {
                let (new, now) = {
                    let world = handles.world.borrow();
                    let all = world.daemon.events.all();
                    let new: Vec<DaemonEvent> = all.get(cursor..).unwrap_or(&[]).to_vec();
                    cursor = all.len();
                    (new, world.now())
                };
                for ev in new {
                    if until.is_none_or(|u| ev.time <= u) && matches(&filters, &ev) {
                        io.stdout.write_all(printer.print(&ev).as_bytes()).await;
                    }
                }
                match until {
                    Some(u) if now >= u => return 0,
                    Some(u) => tick_until(&sys, u).await,
                    None => yield_now().await,
                }
            }
        })
    }));
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collections::SortedMap as BTreeMap;

    fn ev(kind: &'static str, action: &str, actor: &str, attrs: &[(&str, &str)]) -> DaemonEvent {
        DaemonEvent {
            time: 5 * SECOND,
            kind,
            action: action.into(),
            actor: actor.into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect::<BTreeMap<_, _>>(),
        }
    }

    fn check(filter: &[(&str, &str)], e: &DaemonEvent, want: bool) {
        let mut f = Filters::default();
        for (k, v) in filter {
            f.add(k, v);
        }
        assert_eq!(matches(&f, e), want, "{filter:?} {e:?}");
    }

    #[test]
    fn filters_match_as_moby_does() {
        let start = ev(
            "container",
            "start",
            "abc123",
            &[("image", "alpine"), ("name", "web")],
        );
        let exec = ev(
            "container",
            "exec_start: sh -c ls",
            "abc123",
            &[("name", "web")],
        );
        let pull = ev("image", "pull", "alpine:latest", &[("name", "alpine")]);
        check(&[], &start, true);
        check(&[("type", "container")], &start, true);
        check(&[("type", "image")], &start, false);
        check(&[("type", "image"), ("type", "container")], &start, true);
        check(&[("event", "start")], &start, true);
        check(&[("event", "stop")], &start, false);
        check(&[("event", "exec_start")], &exec, true);
        check(&[("container", "web")], &start, true);
        check(&[("container", "abc")], &start, true);
        check(&[("container", "we")], &start, false);
        check(&[("container", "web")], &pull, false);
        check(&[("image", "alpine")], &start, true);
        check(&[("image", "alpine")], &pull, true);
        check(&[("image", "nginx")], &pull, false);
        check(&[("type", "container"), ("event", "pull")], &pull, false);
        check(&[("label", "name=web")], &start, true);
    }

    #[test]
    fn times_parse_as_get_timestamp() {
        let now = 100 * SECOND;
        assert_eq!(parse_time("10s", now), Ok(90 * SECOND));
        assert_eq!(parse_time("42", now), Ok(42 * SECOND));
        assert_eq!(parse_time("42.5", now), Ok(42 * SECOND + SECOND / 2));
        assert_eq!(parse_time("1970-01-01T00:01:00Z", now), Ok(60 * SECOND));
        assert_eq!(
            parse_time("soon", now),
            Err("failed to parse value as time or duration: \"soon\"".into())
        );
    }

    #[test]
    fn json_messages_carry_the_legacy_fields() {
        let start = ev("container", "start", "abc", &[("image", "alpine")]);
        assert_eq!(
            message(&start).to_string(),
            r#"{"status":"start","id":"abc","from":"alpine","Type":"container","Action":"start","Actor":{"ID":"abc","Attributes":{"image":"alpine"}},"scope":"local","time":5,"timeNano":5000000000}"#
        );
    }
}
