//! Tests of the template engine against Go's `text/template` behaviour and docker's examples.

use super::{Options, Template, TemplateError};
use crate::collections::SmallSort;
use serde_json::{json, Value};

fn container() -> Value {
    json!({
        "Id": "b20d59c0f6d894f20b5c22fd46fa0b77f7a10dc7348d79dd3c0a15ed5423245a",
        "Name": "/web",
        "State": {"Status": "running", "Running": true, "Pid": 13239, "ExitCode": 0, "Health": null},
        "Config": {
            "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "A=b"],
            "Cmd": ["nginx", "-g", "daemon off;"],
            "Labels": {"b": "2", "a": "1"}
        },
        "HostConfig": {"NetworkMode": "bridge", "Memory": 268435456},
        "NetworkSettings": {
            "IPAddress": "172.17.0.2",
            "Networks": {"bridge": {"IPAddress": "172.17.0.2"}},
            "Ports": {"80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]}
        }
    })
}

fn run(src: &str, data: &Value, opts: &Options) -> Result<String, TemplateError> {
    Template::parse(src)?.execute(data, opts)
}

/// Runs over the container as docker inspect's raw map (numbers are float64).
fn check_map(src: &str, want: &str) {
    assert_eq!(
        run(src, &container(), &Options::json_map()),
        Ok(want.to_owned()),
        "template: {src}"
    );
}

/// Runs over the container as docker inspect's typed struct.
fn check_struct(src: &str, want: &str) {
    let opts = Options::structure("*types.ContainerJSON");
    assert_eq!(
        run(src, &container(), &opts),
        Ok(want.to_owned()),
        "template: {src}"
    );
}

/// Runs over both, expecting the same output.
fn check(src: &str, want: &str) {
    check_map(src, want);
    check_struct(src, want);
}

fn check_parse_err(src: &str, want: &str) {
    assert_eq!(
        Template::parse(src).map(|_| ()),
        Err(TemplateError::Parse(want.to_owned())),
        "template: {src}"
    );
}

fn check_exec_err_with(src: &str, opts: &Options, want: &str) {
    assert_eq!(
        run(src, &container(), opts),
        Err(TemplateError::Exec(want.to_owned())),
        "template: {src}"
    );
}

fn check_map_err(src: &str, want: &str) {
    check_exec_err_with(src, &Options::json_map(), want);
}

fn check_strict_err(src: &str, want: &str) {
    check_exec_err_with(src, &Options::json_map().missing_key_error(), want);
}

fn check_struct_err(src: &str, want: &str) {
    check_exec_err_with(src, &Options::structure("*types.ContainerJSON"), want);
}

fn check_err(src: &str, want: &str) {
    check_map_err(src, want);
    check_struct_err(src, want);
}

#[test]
fn docker_reference_examples() {
    check("{{.NetworkSettings.IPAddress}}", "172.17.0.2");
    check(
        "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}",
        "172.17.0.2",
    );
    check(
        "{{.Name}} {{.State.Status}} {{.State.Pid}}",
        "/web running 13239",
    );
    check(
        "{{json .Config.Env}}",
        r#"["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","A=b"]"#,
    );
    check(
        "{{.Config.Env}}",
        "[PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin A=b]",
    );
    check("{{.HostConfig.NetworkMode}}", "bridge");
    check_strict_err(
        "{{.Foo}}",
        r#"template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo""#,
    );
    check_parse_err("{{", "template: :1: unclosed action");
    let no_health = json!({"State": {"Status": "running"}});
    assert_eq!(
        run("{{.State.Health.Status}}", &no_health, &Options::json_map().missing_key_error()),
        Err(TemplateError::Exec(
            r#"template: :1:8: executing "" at <.State.Health.Status>: map has no entry for key "Health""#.into()
        ))
    );
    let image = json!({"Id": "sha256:abc", "Config": {}});
    assert_eq!(
        run(
            "{{.State.Status}}",
            &image,
            &Options::json_map().missing_key_error()
        ),
        Err(TemplateError::Exec(
            r#"template: :1:8: executing "" at <.State.Status>: map has no entry for key "State""#
                .into()
        ))
    );
    let event = Options::structure("*events.Message");
    assert_eq!(
        run("{{.Foo}}", &json!({"Type": "container"}), &event),
        Err(TemplateError::Exec(
            r#"template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type *events.Message"#.into()
        ))
    );
}

#[test]
fn fields_and_printing() {
    check("plain text", "plain text");
    check("", "");
    check("{{.State.Running}}", "true");
    check("{{.Config.Labels}}", "map[a:1 b:2]");
    check(
        "{{.NetworkSettings.Ports}}",
        "map[80/tcp:[map[HostIp:0.0.0.0 HostPort:8080]]]",
    );
    check_map(
        "{{.State}}",
        "map[ExitCode:0 Health:<nil> Pid:13239 Running:true Status:running]",
    );
    check_map("{{.HostConfig.Memory}}", "268435456");
    check_struct("{{.HostConfig.Memory}}", "268435456");
    check_map("{{.State.Health}}", "<no value>");
    check_struct("{{.State.Health}}", "<nil>");
    check_map("{{.Nope}}", "<no value>");
    check_map("{{.Nope.Deeper}}", "<no value>");
    check_map("{{.Config.Nope}}", "<no value>");
    check_map(
        "{{$}}",
        &run("{{.}}", &container(), &Options::json_map()).unwrap(),
    );
    check("{{.Config.Cmd}}", "[nginx -g daemon off;]");
    let data = json!({"A": "x", "B": 1, "C": [1.5, true, null]});
    assert_eq!(
        run("{{.}}", &data, &Options::structure("*T")),
        Ok("&{x 1 [1.5 true <nil>]}".into())
    );
    assert_eq!(
        run("{{.}}", &data, &Options::structure("T")),
        Ok("{x 1 [1.5 true <nil>]}".into())
    );
    assert_eq!(
        run("{{.}}", &data, &Options::json_map()),
        Ok("map[A:x B:1 C:[1.5 true <nil>]]".into())
    );
    assert_eq!(
        run("{{.}}", &json!("hello"), &Options::json_map()),
        Ok("hello".into())
    );
    assert_eq!(
        run("{{.}}", &json!(null), &Options::json_map()),
        Ok("<no value>".into())
    );
    assert_eq!(
        run("{{.Foo}}", &json!(null), &Options::json_map()),
        Ok("<no value>".into())
    );
    assert_eq!(
        run(
            "{{.Foo}}",
            &json!(null),
            &Options::json_map().missing_key_error()
        ),
        Err(TemplateError::Exec(
            r#"template: :1:2: executing "" at <.Foo>: nil data; no entry for key "Foo""#.into()
        ))
    );
    assert_eq!(
        run("{{.}}", &json!(1000000), &Options::json_map()),
        Ok("1000000".into())
    );
    assert_eq!(
        run("{{.}}", &json!(1.0), &Options::json_map()),
        Ok("1".into())
    );
    assert_eq!(
        run("{{.}}", &json!(1.0), &Options::structure("T")),
        Ok("1".into())
    );
    assert_eq!(
        run("{{.}}", &json!(1000000), &Options::string_map()),
        Ok("1000000".into())
    );
}

#[test]
fn literals() {
    check(r#"{{"a\tb\u00e9\x41\101"}}"#, "a\tbéAA");
    check("{{`raw\\n`}}", "raw\\n");
    check("{{'a'}} {{'\\n'}} {{'\\x41'}}", "97 10 65");
    check(
        "{{1.5}} {{1e3}} {{0x10}} {{-3}} {{+4}} {{010}} {{0o17}} {{0b101}} {{1_000}}",
        "1.5 1000 16 -3 4 8 15 5 1000",
    );
    check("{{1.0}} {{.5}} {{0x1p4}} {{1e-7}}", "1 0.5 16 1e-07");
    check("{{true}} {{false}}", "true false");
    check("{{print nil}}", "<nil>");
    check("{{/* a comment */}}ok", "ok");
    check("a {{- /* c */ -}} b", "ab");
    check("{{9223372036854775807}}", "9223372036854775807");
    check_err(
        "{{9223372036854775808}}",
        r#"template: :1:2: executing "" at <9223372036854775808>: 9223372036854775808 overflows int"#,
    );
    check_err(
        "{{nil}}",
        r#"template: :1:2: executing "" at <nil>: nil is not a command"#,
    );
}

#[test]
fn trimming() {
    check("a  {{- .Name -}}  b", "a/webb");
    check("a\n\t {{- .Name}}\n", "a/web\n");
    check("{{.Name -}} \n\t b", "/webb");
    check("{{-3}}", "-3");
    check("{{- 3 -}}", "3");
    check("x\n{{- /* c */ -}}\ny", "xy");
    check("{{.Name  -}}  .", "/web.");
    check("{{- \"x\" }}", "x");
}

#[test]
fn variables() {
    check("{{$x := \"hi\"}}{{$x}}", "hi");
    check("{{$x := 1}}{{$x = 2}}{{$x}}", "2");
    check(
        "{{$x := .Name}}{{with .State}}{{$x}} {{.Status}}{{end}}",
        "/web running",
    );
    check("{{range .Config.Cmd}}{{$.Name}}{{end}}", "/web/web/web");
    check(
        "{{$x := 1}}{{range .Config.Cmd}}{{$x = .}}{{end}}{{$x}}",
        "daemon off;",
    );
    check("{{$c := .Config}}{{$c.Labels.a}}", "1");
    check("{{with $s := .State}}{{$s.Status}}{{end}}", "running");
    check("{{if $x := .Name}}{{$x}}{{end}}", "/web");
    check_parse_err("{{$x}}", r#"template: :1: undefined variable "$x""#);
    check_parse_err(
        "{{range .Config.Cmd}}{{$x := .}}{{end}}{{$x}}",
        r#"template: :1: undefined variable "$x""#,
    );
    check_parse_err(
        "{{with $x := 1}}{{end}}{{$x}}",
        r#"template: :1: undefined variable "$x""#,
    );
    check_err(
        "{{$x = 1}}",
        r#"template: :1:7: executing "" at <1>: undefined variable: $x"#,
    );
    check_err(
        "{{$ 1}}",
        r#"template: :1:2: executing "" at <$>: can't give argument to non-function $"#,
    );
}

#[test]
fn conditionals() {
    check("{{if .State.Running}}up{{else}}down{{end}}", "up");
    check_struct("{{if .State.ExitCode}}true{{else}}false{{end}}", "false");
    // A json.Number is a non-empty string: always true.
    check_map("{{if .State.ExitCode}}true{{else}}false{{end}}", "true");
    check("{{if .Config.Env}}env{{end}}", "env");
    check_map("{{if .Nope}}a{{else}}b{{end}}", "b");
    check(
        "{{if eq .Name \"/x\"}}x{{else if eq .Name \"/web\"}}web{{else}}other{{end}}",
        "web",
    );
    check(
        "{{if false}}1{{else if false}}2{{else if true}}3{{end}}",
        "3",
    );
    check("{{with .State}}{{.Status}}{{end}}", "running");
    check_map("{{with .Nope}}a{{else}}b{{end}}", "b");
    check("{{with \"\"}}a{{else}}empty{{end}}", "empty");
    check(
        "{{if and .State.Running (eq .Name \"/web\")}}yes{{end}}",
        "yes",
    );
    check("{{if not .State.Running}}no{{else}}yes{{end}}", "yes");
    check(
        "{{if .Config.Labels}}labels{{end}}{{if .}}root{{end}}",
        "labelsroot",
    );
}

#[test]
fn ranges() {
    check(
        "{{range .Config.Env}}{{.}},{{end}}",
        "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin,A=b,",
    );
    check(
        "{{range $i, $e := .Config.Cmd}}{{$i}}:{{$e}} {{end}}",
        "0:nginx 1:-g 2:daemon off; ",
    );
    check(
        "{{range $e := .Config.Cmd}}{{$e}}{{end}}",
        "nginx-gdaemon off;",
    );
    check(
        "{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}",
        "a=1;b=2;",
    );
    check("{{range .Config.Labels}}{{.}}{{end}}", "12");
    check_map("{{range .Nope}}x{{else}}empty{{end}}", "empty");
    check("{{range .State.Health}}x{{else}}none{{end}}", "none");
    check(
        "{{range .Config.Cmd}}{{if eq . \"-g\"}}{{break}}{{end}}{{.}}{{end}}",
        "nginx",
    );
    check(
        "{{range .Config.Cmd}}{{if eq . \"-g\"}}{{continue}}{{end}}{{.}} {{end}}",
        "nginx daemon off; ",
    );
    check(
        "{{range $i, $e := .Config.Env}}{{if $i}},{{end}}{{len $e}}{{end}}",
        "65,3",
    );
    check(
        "{{range .Config.Cmd}}{{range $.Config.Labels}}{{.}}{{end}}{{end}}",
        "121212",
    );
    check("{{range (split \"a,b\" \",\")}}[{{.}}]{{end}}", "[a][b]");
    check(
        "{{$i := 0}}{{range $i = .Config.Cmd}}{{end}}{{$i}}",
        "daemon off;",
    );
    check_err(
        "{{range .Name}}{{end}}",
        r#"template: :1:8: executing "" at <.Name>: range can't iterate over /web"#,
    );
    check_err(
        "{{range 5}}{{end}}",
        r#"template: :1:8: executing "" at <5>: range can't iterate over 5"#,
    );
    check_parse_err("{{break}}", "template: :1: {{break}} outside {{range}}");
    check_parse_err(
        "{{if 1}}{{continue}}{{end}}",
        "template: :1: {{continue}} outside {{range}}",
    );
    check_parse_err(
        "{{range .}}{{break 1}}{{end}}",
        r#"template: :1: unexpected "1" in {{break}}"#,
    );
    check_parse_err(
        "{{range $i, 3 := .}}{{end}}",
        "template: :1: range can only initialize variables",
    );
    check_parse_err(
        "{{with $x, $y := .}}{{end}}",
        "template: :1: too many declarations in with",
    );
    check_parse_err(
        "{{range $a, $b, $c := .}}{{end}}",
        "template: :1: too many declarations in range",
    );
}

#[test]
fn builtin_functions() {
    check(
        "{{len .Config.Env}} {{len .Config.Labels}} {{len .Name}} {{len \"héllo\"}}",
        "2 2 4 6",
    );
    check("{{index .Config.Labels \"a\"}}", "1");
    check("{{index .Config.Env 1}}", "A=b");
    check_map("{{index . \"State\" \"Pid\"}}", "13239");
    check(
        "{{(index (index .NetworkSettings.Ports \"80/tcp\") 0).HostPort}}",
        "8080",
    );
    check("{{index \"abc\" 1}}", "98");
    check_map("{{index .Config.Labels \"zz\"}}", "<no value>");
    check_struct("{{index .Config.Labels \"zz\"}}", "");
    check("{{slice \"abcdef\" 1 3}} {{slice \"abcdef\" 4}} {{slice .Config.Cmd 1}} {{slice .Config.Cmd 1 2}}", "bc ef [-g daemon off;] [-g]");
    check("{{slice .Config.Cmd}}", "[nginx -g daemon off;]");
    check(
        "{{and 1 0}} {{and 1 2}} {{or 0 \"x\"}} {{or 0 \"\"}} {{not 0}} {{not .Name}}",
        "0 2 x  true false",
    );
    check_map("{{and .Nope .Nope.Deeper}}", "<no value>");
    check("{{.Name | and 1}}", "/web");
    check(
        "{{eq 1 1}} {{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt 3 2}} {{ge 1 2}}",
        "true true true true true false",
    );
    check(
        "{{eq \"a\" \"b\" \"a\"}} {{eq .Name \"/web\"}} {{lt \"a\" \"b\"}} {{eq 1.5 1.5}}",
        "true true true true",
    );
    check_map(
        "{{eq .Nope nil}} {{eq .Name nil}} {{ne .Nope nil}}",
        "true false false",
    );
    check_struct(
        "{{eq .State.Pid 13239}} {{eq .State.Health nil}} {{gt .State.Pid 100}}",
        "true true true",
    );
    check_map(
        "{{eq .State.Pid \"13239\"}} {{lt .State.Pid \"2\"}} {{len .State.Pid}}",
        "true true 5",
    );
    check("{{print 1 2 \"a\" \"b\" 3}}", "1 2ab3");
    check("{{println \"a\" 1}}", "a 1\n");
    check("{{print}}{{println}}", "\n");
    check("{{printf \"%s-%d\" \"a\" 5}}", "a-5");
    check("{{printf \"%-10s|\" .Name}}", "/web      |");
    check(
        "{{printf \"%5.1f|%-8v|%08.3f\" 3.14159 \"ab\" -1.5}}",
        "  3.1|ab      |-001.500",
    );
    check(
        "{{printf \"%v\" .Config.Labels}} {{printf \"%q\" .Config.Cmd}}",
        "map[a:1 b:2] [\"nginx\" \"-g\" \"daemon off;\"]",
    );
    check_map(
        "{{printf \"%v\" .Nope}} {{print .Nope}} {{.Nope | printf \"%v\"}}",
        "<nil> <nil> <nil>",
    );
    check(
        "{{printf \"%d\" \"x\"}} {{printf \"%v %v\" 1}} {{printf \"%d\" 1 2}}",
        "%!d(string=x) 1 %!v(MISSING) 1%!(EXTRA int=2)",
    );
    check("{{\"x\" | printf \"%s-%s\" \"y\"}}", "y-x");
    check(
        "{{printf \"%x %X %o %c %q %t %U\" 255 255 8 65 \"a\" true 65}}",
        "ff FF 10 A \"a\" true U+0041",
    );
    check("{{printf \"%T %T %T\" 1 1.5 \"s\"}}", "int float64 string");
    check(
        "{{html \"<a href='x'>&\\\"\"}}",
        "&lt;a href=&#39;x&#39;&gt;&amp;&#34;",
    );
    check_map("{{html .Nope}} {{html 1 2}}", "&lt;no value&gt; 1 2");
    check("{{urlquery \"a b&c=d/é\"}}", "a+b%26c%3Dd%2F%C3%A9");
    check(
        "{{js \"a'b\\\"<x>&=\\\\\"}}",
        "a\\'b\\\"\\u003Cx\\u003E\\u0026\\u003D\\\\",
    );
    check("{{js \"\\n\"}}", "\\u000A");
}

#[test]
fn printf_type_names_follow_the_data() {
    check_map(
        "{{printf \"%T %T\" .Config.Cmd .Config.Labels}}",
        "[]interface {} map[string]interface {}",
    );
    check_struct(
        "{{printf \"%T %T\" .Config.Cmd .Config.Labels}}",
        "[]string map[string]string",
    );
    check_map("{{printf \"%T\" .State.Pid}}", "json.Number");
    check_map(
        "{{printf \"%d|%s|%v|%5s\" .State.Pid .State.Pid .State.Pid .State.ExitCode}}",
        "%!d(json.Number=13239)|13239|13239|    0",
    );
    check_struct("{{printf \"%T\" .State.Pid}}", "int");
}

#[test]
fn docker_functions() {
    check(
        "{{split \"a,b,c\" \",\"}} {{len (split \"a,b,c\" \",\")}}",
        "[a b c] 3",
    );
    check("{{split \"abc\" \"\"}} {{split \"\" \",\"}}", "[a b c] []");
    check("{{join (split \"a,b,c\" \",\") \"-\"}}", "a-b-c");
    check_struct("{{join .Config.Cmd \" \"}}", "nginx -g daemon off;");
    check_map_err(
        "{{join .Config.Cmd \" \"}}",
        r#"template: :1:14: executing "" at <.Config.Cmd>: wrong type for value; expected []string; got []interface {}"#,
    );
    check_map("{{join .Nope \",\"}}", "");
    check(
        "{{upper \"abc\"}}{{lower \"ABC\"}}{{title \"hello world-wide_x é\"}}",
        "ABCabcHello World-Wide_x É",
    );
    check("{{upper \"straße\"}} {{lower \"ÀÉ\"}}", "STRAßE àé");
    check("[{{pad \"x\" 2 3}}][{{pad \"\" 2 3}}]", "[  x   ][]");
    check("{{truncate \"abcdef\" 3}} {{truncate \"ab\" 3}} {{truncate \"abc\" 3}} {{truncate .Name 2}}", "abc ab abc /w");
    check_map(
        "{{json .Name}} {{json .State.Running}} {{json .Nope}} {{json 1.5}} {{json \"<&>\"}}",
        "\"/web\" true null 1.5 \"<&>\"",
    );
    check(
        "{{json .NetworkSettings.Ports}}",
        r#"{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}"#,
    );
    check_map(
        "{{json .Config.Labels}} {{json .State.Pid}}",
        r#"{"a":"1","b":"2"} 13239"#,
    );
    check_struct("{{json .Config.Labels}}", r#"{"b":"2","a":"1"}"#);
    check("{{json (split \"a,b\" \",\")}}", r#"["a","b"]"#);
    check("{{.Name | upper | printf \"%s!\"}}", "/WEB!");
    check(
        "{{\"\" | len}}{{\"abc\" | printf \"%s%s\" \"x\" | len}}",
        "04",
    );
    check_err(
        "{{\"abc\" | truncate 2}}",
        r#"template: :1:19: executing "" at <2>: expected string; found 2"#,
    );
}

#[test]
fn docker_function_errors() {
    check_parse_err(
        "{{upper}}{{nosuch}}",
        r#"template: :1: function "nosuch" not defined"#,
    );
    check_err(
        "{{upper}}",
        r#"template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 0"#,
    );
    check_err(
        "{{upper 3}}",
        r#"template: :1:8: executing "" at <3>: expected string; found 3"#,
    );
    check_struct_err(
        "{{upper .State.Pid}}",
        r#"template: :1:14: executing "" at <.State.Pid>: wrong type for value; expected string; got int"#,
    );
    check_map_err(
        "{{upper .State.Pid}}",
        r#"template: :1:14: executing "" at <.State.Pid>: wrong type for value; expected string; got json.Number"#,
    );
    check_map_err(
        "{{upper .Nope}}",
        r#"template: :1:8: executing "" at <.Nope>: invalid value; expected string"#,
    );
    check_map_err(
        "{{upper .State.Health}}",
        r#"template: :1:14: executing "" at <.State.Health>: wrong type for value; expected string; got interface {}"#,
    );
    check_err(
        "{{pad \"x\" \"a\" 1}}",
        r#"template: :1:10: executing "" at <"a">: expected integer; found "a""#,
    );
    check_err(
        "{{pad \"x\" 1.5 1}}",
        r#"template: :1:10: executing "" at <1.5>: expected integer; found 1.5"#,
    );
    check("{{pad \"x\" 1.0 0}}", " x");
    check_err(
        "{{pad \"x\" -1 0}}",
        r#"template: :1:2: executing "" at <pad "x" -1 0>: error calling pad: strings: negative Repeat count"#,
    );
    check_err(
        "{{truncate \"abc\" -1}}",
        r#"template: :1:2: executing "" at <truncate "abc" -1>: error calling truncate: runtime error: slice bounds out of range [:-1]"#,
    );
    check_err(
        "{{upper nil}}",
        r#"template: :1:8: executing "" at <nil>: cannot assign nil to string"#,
    );
    check_err(
        "{{join \"a\" \",\"}}",
        r#"template: :1:7: executing "" at <"a">: can't handle "a" for arg of type []string"#,
    );
    check_err(
        "{{split \"a\"}}",
        r#"template: :1:2: executing "" at <split>: wrong number of args for split: want 2 got 1"#,
    );
}

#[test]
fn builtin_errors() {
    check_err(
        "{{index .Config.Env 5}}",
        r#"template: :1:2: executing "" at <index .Config.Env 5>: error calling index: index out of range: 5"#,
    );
    check_err(
        "{{index .Config.Env -1}}",
        r#"template: :1:2: executing "" at <index .Config.Env -1>: error calling index: index out of range: -1"#,
    );
    check_err(
        "{{index .Config.Env \"a\"}}",
        r#"template: :1:2: executing "" at <index .Config.Env "a">: error calling index: cannot index slice/array with type string"#,
    );
    check_err(
        "{{index .Config.Labels 1}}",
        r#"template: :1:2: executing "" at <index .Config.Labels 1>: error calling index: value has type int; should be string"#,
    );
    check_map_err(
        "{{index .Nope 1}}",
        r#"template: :1:2: executing "" at <index .Nope 1>: error calling index: index of untyped nil"#,
    );
    check_err(
        "{{index .State.Running 1}}",
        r#"template: :1:2: executing "" at <index .State.Running 1>: error calling index: can't index item of type bool"#,
    );
    check_err(
        "{{index .Config.Env nil}}",
        r#"template: :1:2: executing "" at <index .Config.Env nil>: error calling index: cannot index slice/array with nil"#,
    );
    check_err(
        "{{len 3}}",
        r#"template: :1:2: executing "" at <len 3>: error calling len: len of type int"#,
    );
    check_map_err(
        "{{len .Nope}}",
        r#"template: :1:2: executing "" at <len .Nope>: error calling len: reflect: call of reflect.Value.Type on zero Value"#,
    );
    check_map_err(
        "{{len .State.Health}}",
        r#"template: :1:2: executing "" at <len .State.Health>: error calling len: len of nil pointer"#,
    );
    check_err(
        "{{slice .Name 3 1}}",
        r#"template: :1:2: executing "" at <slice .Name 3 1>: error calling slice: invalid slice index: 3 > 1"#,
    );
    check_err(
        "{{slice .Name 1 2 3}}",
        r#"template: :1:2: executing "" at <slice .Name 1 2 3>: error calling slice: cannot 3-index slice a string"#,
    );
    check_err(
        "{{slice .Name 9}}",
        r#"template: :1:2: executing "" at <slice .Name 9>: error calling slice: index out of range: 9"#,
    );
    check_err(
        "{{slice 1}}",
        r#"template: :1:2: executing "" at <slice 1>: error calling slice: can't slice item of type int"#,
    );
    check_err(
        "{{eq 1}}",
        r#"template: :1:2: executing "" at <eq 1>: error calling eq: missing argument for comparison"#,
    );
    check_err(
        "{{eq}}",
        r#"template: :1:2: executing "" at <eq>: wrong number of args for eq: want at least 1 got 0"#,
    );
    check_err(
        "{{lt 1}}",
        r#"template: :1:2: executing "" at <lt>: wrong number of args for lt: want 2 got 1"#,
    );
    check_err(
        "{{lt \"a\" 1}}",
        r#"template: :1:2: executing "" at <lt "a" 1>: error calling lt: incompatible types for comparison"#,
    );
    check_err(
        "{{lt true false}}",
        r#"template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison"#,
    );
    check_err(
        "{{eq \"a\" 1}}",
        r#"template: :1:2: executing "" at <eq "a" 1>: error calling eq: incompatible types for comparison"#,
    );
    check_map_err(
        "{{eq .State.Pid 13239}}",
        r#"template: :1:2: executing "" at <eq .State.Pid 13239>: error calling eq: incompatible types for comparison"#,
    );
    check_map_err(
        "{{eq .Config.Labels .Config.Labels}}",
        r#"template: :1:2: executing "" at <eq .Config.Labels .Config.Labels>: error calling eq: non-comparable type map[a:1 b:2]: map[string]interface {}"#,
    );
    check_struct_err(
        "{{eq .Config.Labels .Config.Labels}}",
        r#"template: :1:2: executing "" at <eq .Config.Labels .Config.Labels>: error calling eq: non-comparable type map[a:1 b:2]: map[string]string"#,
    );
    check_map_err(
        "{{eq .Config.Labels .Config.Cmd}}",
        r#"template: :1:2: executing "" at <eq .Config.Labels .Config.Cmd>: error calling eq: non-comparable types map[a:1 b:2]: map[string]interface {}, []interface {}: [nginx -g daemon off;]"#,
    );
    check_err(
        "{{and}}",
        r#"template: :1:2: executing "" at <and>: wrong number of args for and: want at least 1 got 0"#,
    );
    check_err(
        "{{call .Name}}",
        r#"template: :1:2: executing "" at <call .Name>: error calling call: non-function .Name of type string"#,
    );
    check_map_err(
        "{{call .Nope}}",
        r#"template: :1:2: executing "" at <call .Nope>: error calling call: call of nil"#,
    );
}

#[test]
fn field_errors() {
    check_map_err(
        "{{.Name.Foo}}",
        r#"template: :1:7: executing "" at <.Name.Foo>: can't evaluate field Foo in type interface {}"#,
    );
    check_struct_err(
        "{{.Name.Foo}}",
        r#"template: :1:7: executing "" at <.Name.Foo>: can't evaluate field Foo in type string"#,
    );
    check_map_err(
        "{{with .Name}}{{.Foo}}{{end}}",
        r#"template: :1:16: executing "" at <.Foo>: can't evaluate field Foo in type string"#,
    );
    check_map_err(
        "{{range .Config.Cmd}}{{.Foo}}{{end}}",
        r#"template: :1:23: executing "" at <.Foo>: can't evaluate field Foo in type interface {}"#,
    );
    check_map_err(
        "{{.State.Health.Status}}",
        r#"template: :1:8: executing "" at <.State.Health.Status>: nil pointer evaluating interface {}.Status"#,
    );
    check_struct_err(
        "{{.Foo}}",
        r#"template: :1:2: executing "" at <.Foo>: can't evaluate field Foo in type *types.ContainerJSON"#,
    );
    check_struct_err(
        "{{.Name 1}}",
        r#"template: :1:2: executing "" at <.Name>: Name has arguments but cannot be invoked as function"#,
    );
    check_map_err(
        "{{.Name 1}}",
        r#"template: :1:2: executing "" at <.Name>: Name is not a method but has arguments"#,
    );
    check_map_err(
        "{{\"x\" | .Config.Labels}}",
        r#"template: :1:15: executing "" at <.Config.Labels>: Labels is not a method but has arguments"#,
    );
    check_err(
        "{{. 1}}",
        r#"template: :1:2: executing "" at <.>: can't give argument to non-function ."#,
    );
    check_err(
        "{{1 2}}",
        r#"template: :1:2: executing "" at <1>: can't give argument to non-function 1"#,
    );
    check_strict_err(
        "{{.Foo.Bar}}",
        r#"template: :1:6: executing "" at <.Foo.Bar>: map has no entry for key "Foo""#,
    );
    check_strict_err(
        "{{.Config.Nope}}",
        r#"template: :1:9: executing "" at <.Config.Nope>: map has no entry for key "Nope""#,
    );
    check_strict_err(
        "a\n  {{.Foo}}",
        r#"template: :2:4: executing "" at <.Foo>: map has no entry for key "Foo""#,
    );
    check_strict_err(
        "{{.Name}}\n{{if .Nope}}{{end}}",
        r#"template: :2:5: executing "" at <.Nope>: map has no entry for key "Nope""#,
    );
    assert_eq!(
        run(
            "{{index .Config.Labels \"zz\"}}",
            &container(),
            &Options::json_map().missing_key_error()
        ),
        Ok("<no value>".into())
    );
}

#[test]
fn parse_errors() {
    let cases = [
        ("{{", "template: :1: unclosed action"),
        ("{{.Foo", "template: :1: unclosed action"),
        ("{{.Foo}", "template: :1: bad character U+007D '}'"),
        (
            "{{nosuch}}",
            r#"template: :1: function "nosuch" not defined"#,
        ),
        ("{{end}}", "template: :1: unexpected {{end}}"),
        ("{{else}}", "template: :1: unexpected {{else}}"),
        ("{{if .A}}x", "template: :1: unexpected EOF"),
        (
            "{{range .A}}{{else}}{{else}}{{end}}",
            "template: :1: expected end; found {{else}}",
        ),
        ("{{}}", "template: :1: missing value for command"),
        ("{{ }}", "template: :1: missing value for command"),
        ("{{if}}{{end}}", "template: :1: missing value for if"),
        ("{{range}}{{end}}", "template: :1: missing value for range"),
        (
            "{{.A | 3}}",
            "template: :1: non executable command in pipeline stage 2",
        ),
        (
            "{{.A | len | \"x\"}}",
            "template: :1: non executable command in pipeline stage 3",
        ),
        (
            "{{\"x\" | \"y\" | len}}",
            "template: :1: non executable command in pipeline stage 2",
        ),
        (
            "{{\"a\".B}}",
            r#"template: :1: unexpected . after term "\"a\"""#,
        ),
        ("{{..A}}", r#"template: :1: unexpected . after term ".""#),
        ("{{\"abc}}", "template: :1: unterminated quoted string"),
        ("{{`abc}}", "template: :1: unterminated raw quoted string"),
        (
            "{{'ab'}}",
            "template: :1: malformed character constant: 'ab'",
        ),
        ("{{'a}}", "template: :1: unterminated character constant"),
        ("{{''}}", "template: :1: invalid syntax"),
        ("{{\"\\q\"}}", "template: :1: invalid syntax"),
        ("{{3x}}", r#"template: :1: bad number syntax: "3x""#),
        (
            "{{99999999999999999999}}",
            r#"template: :1: integer overflow: "99999999999999999999""#,
        ),
        ("{{1+2i}}", r#"template: :1: illegal number syntax: "1+2i""#),
        ("{{/* x }}", "template: :1: unclosed comment"),
        (
            "{{/* x */ }}",
            "template: :1: comment ends before closing delimiter",
        ),
        ("{{(1}}", "template: :1: unclosed left paren"),
        ("{{1)}}", "template: :1: unexpected right paren"),
        (
            "{{.A €}}",
            "template: :1: unrecognized character in action: U+20AC '€'",
        ),
        ("{{.A #}}", r##"template: :1: unexpected "#" in operand"##),
        ("{{#}}", r##"template: :1: unexpected "#" in command"##),
        ("{{|}}", r#"template: :1: unexpected "|" in command"#),
        (
            "{{.A | | .B}}",
            r#"template: :1: unexpected "|" in command"#,
        ),
        ("{{.A:}}", "template: :1: expected :="),
        ("{{end x}}", r#"template: :1: unexpected "x" in end"#),
        (
            "{{if 1}}{{else x}}{{end}}",
            r#"template: :1: unexpected "x" in else"#,
        ),
        ("{{.A.}}", "template: :1: unexpected <.> in operand"),
        ("{{.A-}}", "template: :1: bad character U+002D '-'"),
        (
            "{{template x}}",
            r#"template: :1: unexpected "x" in template clause"#,
        ),
        ("{{define \"a\"}}", "template: :1: unexpected EOF"),
        (
            "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}",
            r#"template: :1: template: multiple definition of template "a""#,
        ),
        (
            "{{with 1}}{{else if 1}}{{end}}",
            "template: :1: unexpected <if> in input",
        ),
        ("{{$x := 1 2 3 | (}}", "template: :1: unclosed left paren"),
        (
            "{{printf \"%s\" \"averyveryverylongstring\" #}}",
            r##"template: :1: unexpected "#" in operand"##,
        ),
        (
            "{{\"averyveryverylongstring\" | #}}",
            r##"template: :1: unexpected "#" in command"##,
        ),
        (
            "{{.A | averyveryverylong}}",
            r#"template: :1: function "averyveryverylong" not defined"#,
        ),
        (
            "{{if 1}}{{end}}{{range 1}}{{end}} {{.X}} {{else}}",
            "template: :1: unexpected {{else}}",
        ),
        ("{{with 1 2}}{{end", "template: :1: unclosed action"),
        (
            "a\nb\n{{nosuch}}",
            r#"template: :3: function "nosuch" not defined"#,
        ),
        (
            "line1\n{{.A\n.B",
            "template: :3: unclosed action started at :2",
        ),
        ("{{.A\n}}{{if 1}}\n\n", "template: :4: unexpected EOF"),
        ("{{\"a\nb\"}}", "template: :1: unterminated quoted string"),
        ("x{{`a\nb", "template: :1: unterminated raw quoted string"),
        (
            "{{`a\nb` | nosuch}}",
            r#"template: :2: function "nosuch" not defined"#,
        ),
    ];
    for (src, want) in cases {
        check_parse_err(src, want);
    }
}

#[test]
fn unexpected_long_items_are_cut() {
    check_parse_err(
        "{{if 1}}{{else \"averyveryverylongstring\"}}{{end}}",
        r#"template: :1: unexpected "\"averyvery"... in else"#,
    );
}

#[test]
fn templates_and_blocks() {
    check(
        "{{define \"x\"}}X{{.}}{{end}}{{template \"x\" \"arg\"}}",
        "Xarg",
    );
    check(
        "{{define \"x\"}}[{{.Name}}]{{end}}{{template \"x\" .}}{{template \"x\" .}}",
        "[/web][/web]",
    );
    check("{{block \"b\" .Name}}[{{.}}]{{end}}", "[/web]");
    check(
        "{{define \"x\"}}{{.}}{{end}}{{template \"x\"}}",
        "<no value>",
    );
    check("{{define \"\"}}defined{{end}}", "defined");
    check_err(
        "{{template \"x\"}}",
        r#"template: :1:11: executing "" at <{{template "x"}}>: template "x" not defined"#,
    );
    check_strict_err(
        "{{define \"x\"}}{{.Foo}}{{end}}{{template \"x\" .}}",
        r#"template: :1:16: executing "x" at <.Foo>: map has no entry for key "Foo""#,
    );
    check_err(
        "{{define \"r\"}}{{template \"r\" .}}{{end}}{{template \"r\" .}}",
        r#"template: :1:25: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (50)"#,
    );
}

#[test]
fn methods_of_the_struct() {
    fn label(m: &serde_json::Map<String, Value>, args: &[&str]) -> String {
        let labels = m.get("Labels").and_then(Value::as_str).unwrap_or_default();
        labels
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == args[0])
            .map(|(_, v)| v.to_owned())
            .unwrap_or_default()
    }
    let opts = Options::structure("*formatter.ContainerContext").method("Label", 1, label);
    let data = json!({"ID": "abc", "Labels": "com.x=1,b=2"});
    assert_eq!(
        run("{{.Label \"b\"}}|{{.Label \"nope\"}}|{{.ID}}", &data, &opts),
        Ok("2||abc".into())
    );
    assert_eq!(
        run("{{.Label}}", &data, &opts),
        Err(TemplateError::Exec(r#"template: :1:2: executing "" at <.Label>: wrong number of args for Label: want 1 got 0"#.into()))
    );
    assert_eq!(
        run("{{.Label 1}}", &data, &opts),
        Err(TemplateError::Exec(
            r#"template: :1:9: executing "" at <1>: expected string; found 1"#.into()
        ))
    );
}

#[test]
fn json_of_docker_contexts_is_escaped_and_sorted() {
    let row = json!({"Names": "web", "Ports": "0.0.0.0:8080->80/tcp", "Command": "\"sh\""});
    let escaped = Options::structure("*formatter.ContainerContext").html_escaped_json();
    assert_eq!(
        run("{{json .}}", &row, &escaped),
        Ok(r#"{"Command":"\"sh\"","Names":"web","Ports":"0.0.0.0:8080-\u003e80/tcp"}"#.into())
    );
    assert_eq!(
        run("{{json .Ports}}", &row, &escaped),
        Ok(r#""0.0.0.0:8080->80/tcp""#.into())
    );
    let plain = Options::structure("*types.ContainerJSON");
    assert_eq!(
        run("{{json .}}", &row, &plain),
        Ok(r#"{"Names":"web","Ports":"0.0.0.0:8080->80/tcp","Command":"\"sh\""}"#.into())
    );
    assert_eq!(
        run("{{json .}}", &row, &Options::json_map()),
        Ok(r#"{"Command":"\"sh\"","Names":"web","Ports":"0.0.0.0:8080->80/tcp"}"#.into())
    );
}

#[test]
fn inspect_falls_back_to_the_raw_map() {
    use super::inspect_object;
    let raw = container();
    // The typed object names the field ID (json:"Id") and holds a nil slice as [].
    let mut typed = container();
    if let Some(m) = typed.as_object_mut() {
        let id = m.remove("Id").unwrap_or_default();
        m.insert("ID".into(), id);
    }
    let check = |src: &str, want: Result<&str, &str>| {
        let t = Template::parse(src).unwrap();
        let got = inspect_object(&t, &typed, "*types.ContainerJSON", &raw);
        assert_eq!(
            got,
            want.map(str::to_owned)
                .map_err(|e| TemplateError::Exec(e.to_owned())),
            "{src}"
        );
    };
    check(
        "{{.ID}}",
        Ok("b20d59c0f6d894f20b5c22fd46fa0b77f7a10dc7348d79dd3c0a15ed5423245a"),
    );
    check(
        "{{.Id}}",
        Ok("b20d59c0f6d894f20b5c22fd46fa0b77f7a10dc7348d79dd3c0a15ed5423245a"),
    );
    check(
        "{{.State.Pid}} {{.HostConfig.Memory}}",
        Ok("13239 268435456"),
    );
    check(
        "{{.Id}} {{eq .State.ExitCode 0}}",
        Err(
            r#"template: :1:10: executing "" at <eq .State.ExitCode 0>: error calling eq: incompatible types for comparison"#,
        ),
    );
    check("{{.State.Health}}", Ok("<nil>"));
    check(
        "{{.Foo}}",
        Err(r#"template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo""#),
    );
}

#[test]
fn partial_output_is_kept_on_error() {
    let t = Template::parse("a{{.Name}}b{{.Foo}}c").unwrap();
    let mut out = String::new();
    let r = t.execute_into(&mut out, &container(), &Options::structure("T"));
    assert!(r.is_err());
    assert_eq!(out, "a/webb");
}

#[test]
fn errors_say_what_they_are() {
    let p = Template::parse("{{").unwrap_err();
    assert!(p.is_parse());
    assert_eq!(p.to_string(), "template: :1: unclosed action");
    let e = run("{{.X}}", &json!({}), &Options::structure("T")).unwrap_err();
    assert!(!e.is_parse());
    assert_eq!(
        e.message(),
        r#"template: :1:2: executing "" at <.X>: can't evaluate field X in type T"#
    );
}

#[test]
fn deep_nesting_is_refused_not_crashed() {
    let deep_parens = format!("{{{{{}1{}}}}}", "(".repeat(51), ")".repeat(51));
    check_parse_err(&deep_parens, "template: :1: max expression depth exceeded");
    let deep_ifs = format!("{}x{}", "{{if 1}}".repeat(51), "{{end}}".repeat(51));
    check_parse_err(&deep_ifs, "template: :1: max expression depth exceeded");
    // 50 levels fit in half a megabyte of stack even unoptimized.
    let ok_ifs = format!("{}x{}", "{{if 1}}".repeat(49), "{{end}}".repeat(49));
    let ok_parens = format!("{{{{{}1{}}}}}", "(".repeat(49), ")".repeat(49));
    let handle = std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(move || {
            let ifs = run(&ok_ifs, &container(), &Options::json_map());
            let parens = run(&ok_parens, &container(), &Options::json_map());
            (ifs, parens)
        })
        .unwrap();
    assert_eq!(handle.join().unwrap(), (Ok("x".into()), Ok("1".into())));
}

#[test]
fn docker_version_template() {
    // docker version's template (cli/command/system/version.go), run through the tab writer
    // with its settings, over the data docker fills in.
    // Tabs written as \t (the template has real tabs).
    let version_template = r#"{{with .Client -}}
Client:{{if ne .Platform nil}}{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}{{end}}
 Version:\t{{.Version}}
 API version:\t{{.APIVersion}}{{if ne .APIVersion .DefaultAPIVersion}} (downgraded from {{.DefaultAPIVersion}}){{end}}
 Go version:\t{{.GoVersion}}
 Git commit:\t{{.GitCommit}}
 Built:\t{{.BuildTime}}
 OS/Arch:\t{{.Os}}/{{.Arch}}
 Context:\t{{.Context}}
{{- end}}

{{- if ne .Server nil}}{{with .Server}}

Server:{{if ne .Platform.Name ""}} {{.Platform.Name}}{{end}}
 {{- range $component := .Components}}
 {{$component.Name}}:
  {{- if eq $component.Name "Engine" }}
  Version:\t{{.Version}}
  API version:\t{{index .Details "ApiVersion"}} (minimum version {{index .Details "MinAPIVersion"}})
  Go version:\t{{index .Details "GoVersion"}}
  Git commit:\t{{index .Details "GitCommit"}}
  Built:\t{{index .Details "BuildTime"}}
  OS/Arch:\t{{index .Details "Os"}}/{{index .Details "Arch"}}
  Experimental:\t{{index .Details "Experimental"}}
  {{- else }}
  Version:\t{{$component.Version}}
  {{- $detailsOrder := getDetailsOrder $component}}
  {{- range $key := $detailsOrder}}
  {{$key}}:\t{{index $component.Details $key}}
   {{- end}}
  {{- end}}
 {{- end}}
 {{- end}}{{- end}}"#.replace("\\t", "\t");
    fn get_details_order(args: &[Value]) -> Result<super::FuncOutput, String> {
        let mut keys: Vec<String> = args
            .first()
            .and_then(|c| c.get("Details"))
            .and_then(Value::as_object)
            .map(|d| d.keys().cloned().collect())
            .unwrap_or_default();
        keys.small_sort();
        Ok(super::FuncOutput::Strs(keys))
    }
    let functions = vec![super::Function::new(
        "getDetailsOrder",
        1,
        get_details_order,
    )];
    let t = Template::parse_with("version", &version_template, functions.clone()).unwrap();
    let component = |name: &str, version: &str, commit: &str| json!({"Name": name, "Version": version, "Details": {"GitCommit": commit}});
    let data = json!({
        "Client": {
            "Platform": {"Name": ""}, "Version": "27.5.1", "APIVersion": "1.47",
            "DefaultAPIVersion": "1.47", "GoVersion": "go1.22.11", "GitCommit": "9f9e405",
            "BuildTime": "Wed Jan 22 13:41:17 2025", "Os": "linux", "Arch": "amd64", "Context": "default"
        },
        "Server": {
            "Platform": {"Name": "Docker Engine - Community"},
            "Components": [
                {"Name": "Engine", "Version": "27.5.1", "Details": {
                    "ApiVersion": "1.47", "Arch": "amd64", "BuildTime": "Wed Jan 22 13:41:17 2025",
                    "Experimental": "false", "GitCommit": "4c9b3b0", "GoVersion": "go1.22.11",
                    "KernelVersion": "6.8.0", "MinAPIVersion": "1.24", "Os": "linux"}},
                component("containerd", "1.7.25", "bcc810d6b9066471b0b6fa75f557a15a1cbf31bb"),
                component("runc", "1.2.4", "v1.2.4-0-g6c52b3f"),
                component("docker-init", "0.19.0", "de40ad0")
            ]
        }
    });
    let mut text = t
        .execute(&data, &Options::structure("formatter.VersionInfo"))
        .unwrap();
    text.push('\n');
    let want = "\
Client:
 Version:           27.5.1
 API version:       1.47
 Go version:        go1.22.11
 Git commit:        9f9e405
 Built:             Wed Jan 22 13:41:17 2025
 OS/Arch:           linux/amd64
 Context:           default

Server: Docker Engine - Community
 Engine:
  Version:          27.5.1
  API version:      1.47 (minimum version 1.24)
  Go version:       go1.22.11
  Git commit:       4c9b3b0
  Built:            Wed Jan 22 13:41:17 2025
  OS/Arch:          linux/amd64
  Experimental:     false
 containerd:
  Version:          1.7.25
  GitCommit:        bcc810d6b9066471b0b6fa75f557a15a1cbf31bb
 runc:
  Version:          1.2.4
  GitCommit:        v1.2.4-0-g6c52b3f
 docker-init:
  Version:          0.19.0
  GitCommit:        de40ad0
";
    assert_eq!(crate::format::table::TabWriter::VERSION.format(&text), want);
    // Without a server, the client block alone; downgraded API versions are noted.
    let mut client_only = data.clone();
    client_only["Server"] = Value::Null;
    client_only["Client"]["APIVersion"] = json!("1.43");
    let text = t
        .execute(&client_only, &Options::structure("formatter.VersionInfo"))
        .unwrap();
    assert!(text.ends_with(" API version:\t1.43 (downgraded from 1.47)\n Go version:\tgo1.22.11\n Git commit:\t9f9e405\n Built:\tWed Jan 22 13:41:17 2025\n OS/Arch:\tlinux/amd64\n Context:\tdefault"), "{text}");
    // Named templates name themselves in errors.
    let named = |src: &str| Template::parse_with("version", src, functions.clone());
    assert_eq!(
        named("{{").unwrap_err(),
        TemplateError::Parse("template: version:1: unclosed action".into())
    );
    assert_eq!(
        named("{{.Foo}}").unwrap().execute(&data, &Options::structure("formatter.VersionInfo")),
        Err(TemplateError::Exec(r#"template: version:1:2: executing "version" at <.Foo>: can't evaluate field Foo in type formatter.VersionInfo"#.into()))
    );
    assert_eq!(
        named("{{getDetailsOrder}}").unwrap().execute(&data, &Options::structure("formatter.VersionInfo")),
        Err(TemplateError::Exec(r#"template: version:1:2: executing "version" at <getDetailsOrder>: wrong number of args for getDetailsOrder: want 1 got 0"#.into()))
    );
    assert_eq!(
        named("{{.Server.Version}}|{{json .Client.Platform}}")
            .unwrap()
            .execute(&data, &Options::structure("formatter.VersionInfo")),
        Ok("<no value>|{\"Name\":\"\"}".into())
    );
    assert_eq!(
        Template::parse("{{getDetailsOrder .}}").unwrap_err(),
        TemplateError::Parse(r#"template: :1: function "getDetailsOrder" not defined"#.into())
    );
    assert_eq!(
        named("x\n{{.A\n").unwrap_err(),
        TemplateError::Parse("template: version:3: unclosed action started at version:2".into())
    );
}

#[test]
fn runaway_templates_stop() {
    let data = json!({"A": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]});
    let nested = format!("{}x{}", "{{range $.A}}".repeat(12), "{{end}}".repeat(12));
    let err = run(&nested, &data, &Options::json_map()).unwrap_err();
    assert!(
        err.message()
            .ends_with("execution stopped: the template does too much work"),
        "{err}"
    );
    let doubling =
        "{{define \"a\"}}{{template \"a\" .}}{{template \"a\" .}}{{end}}{{template \"a\" .}}";
    assert!(run(doubling, &data, &Options::json_map()).is_err());
    let wide = "{{range .A}}{{printf \"%999999s\" \"\"}}{{range $.A}}{{printf \"%999999s\" \"\"}}{{end}}{{end}}";
    let err = run(wide, &data, &Options::json_map()).unwrap_err();
    assert!(
        err.message()
            .ends_with("execution stopped: the template does too much work"),
        "{err}"
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    const PIECES: &[&str] = &[
        "{{",
        "}}",
        "{{- ",
        " -}}",
        ".",
        ".A",
        ".B",
        ".Config",
        "$",
        "$x",
        " := ",
        " = ",
        "|",
        " ",
        "range ",
        "if ",
        "with ",
        "else",
        "end",
        "break",
        "continue",
        "(",
        ")",
        "\"s\"",
        "`r`",
        "'c'",
        "1",
        "-2",
        "1.5",
        "nil",
        "true",
        "json ",
        "index ",
        "printf ",
        "\"%d %s %v\"",
        "len ",
        "slice ",
        "eq ",
        "lt ",
        "and ",
        "or ",
        "not ",
        "split ",
        "join ",
        "pad ",
        "truncate ",
        "upper ",
        "print ",
        "call ",
        "html ",
        "js ",
        "urlquery ",
        "define \"t\"",
        "template \"t\"",
        "block \"t\" .",
        "/* c */",
        ",",
        "\n",
        "x",
        "€",
        "#",
        "0x",
        "\\",
        "\"",
    ];

    fn template_text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop_oneof![
                4 => prop::sample::select(PIECES).prop_map(str::to_owned),
                1 => ".{0,4}",
            ],
            0..40,
        )
        .prop_map(|v| v.concat())
    }

    /// Mostly well-formed actions, so that execution is exercised too.
    fn structured_text() -> impl Strategy<Value = String> {
        let operand = prop::sample::select(vec![
            ".",
            ".A",
            ".A.B",
            ".Config",
            ".x.t",
            "$",
            "$.A",
            "\"s\"",
            "\"%v %d\"",
            "1",
            "-1",
            "1.5",
            "0",
            "nil",
            "true",
            "false",
            "'c'",
            "json",
            "len",
            "index",
            "slice",
            "printf",
            "print",
            "eq",
            "ne",
            "lt",
            "and",
            "or",
            "not",
            "split",
            "join",
            "upper",
            "title",
            "pad",
            "truncate",
            "html",
            "js",
            "urlquery",
            "call",
            "(.A)",
            "(len .)",
            "(index . \"A\")",
            "(split \"a,b\" \",\")",
        ]);
        let command = prop::collection::vec(operand, 1..4).prop_map(|v| v.join(" "));
        let pipeline = prop::collection::vec(command, 1..3).prop_map(|v| v.join(" | "));
        let action = (
            prop::sample::select(vec![
                "",
                "if ",
                "range ",
                "with ",
                "range $i, $e := ",
                "$v := ",
                "else if ",
            ]),
            pipeline,
        )
            .prop_map(|(k, p)| format!("{{{{{k}{p}}}}}"));
        let piece = prop_oneof![
            4 => action,
            1 => prop::sample::select(vec!["{{end}}", "{{else}}", "{{break}}", "{{continue}}", "x", " ", "\n", "{{$v}}", "{{- .A -}}"])
                .prop_map(str::to_owned),
        ];
        prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
    }

    fn data() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "[a-zA-Z0-9 <>&%é]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
                prop::collection::vec(
                    (
                        prop::sample::select(vec!["A", "B", "Config", "x", "t"]),
                        inner
                    ),
                    0..5
                )
                .prop_map(|kv| Value::Object(
                    kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
                )),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn random_templates_never_panic(src in template_text(), data in data()) {
            if let Ok(t) = Template::parse(&src) {
                for opts in [Options::json_map(), Options::json_map().missing_key_error(), Options::structure("*T").html_escaped_json(), Options::string_map().header_functions()] {
                    let _ = t.execute(&data, &opts);
                }
            }
        }

        #[test]
        fn structured_templates_never_panic(src in structured_text(), data in data()) {
            if let Ok(t) = Template::parse(&src) {
                for opts in [Options::json_map(), Options::json_map().missing_key_error(), Options::structure("*T").html_escaped_json(), Options::string_map().header_functions()] {
                    let _ = t.execute(&data, &opts);
                }
            }
        }

        #[test]
        fn arbitrary_text_never_panics(src in any::<String>()) {
            if let Ok(t) = Template::parse(&src) {
                let _ = t.execute(&Value::Null, &Options::json_map());
            }
        }
    }
}
