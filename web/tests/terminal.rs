//! Browser tests of the terminal: mount it into a fresh element, type and press keys as
//! events, and read what the DOM shows.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test set-up that fails should fail the test loudly"
)]

mod common;

use berth_web::BerthHandle;
use common::{tick, Term, WIN};
use js_sys::Reflect;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{ClipboardEvent, ClipboardEventInit, DataTransfer};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn enter_runs_the_line_and_gives_a_new_prompt() {
    let t = Term::mount("seed=1").await;
    assert_eq!(t.prompt(), WIN);
    assert_eq!(t.screen(), "");
    t.run("docker --version").await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker --version\nDocker version 27.5.1, build 9f9e405")
    );
    assert_eq!(t.prompt(), WIN);
    assert_eq!(t.input().value(), "");
}

#[wasm_bindgen_test]
async fn up_and_down_walk_the_history() {
    let t = Term::mount("seed=1").await;
    t.run("docker --version").await;
    t.run("docker version").await;
    t.type_text("dock");
    let mut seen = Vec::new();
    for key in ["ArrowUp", "ArrowUp", "ArrowUp", "ArrowDown", "ArrowDown"] {
        t.press(key).await;
        seen.push(t.input().value());
    }
    assert_eq!(
        seen,
        [
            "docker version",
            "docker --version",
            "docker --version",
            "docker version",
            "dock"
        ]
    );
}

#[wasm_bindgen_test]
async fn ctrl_l_and_cls_clear_the_screen() {
    let t = Term::mount("seed=1").await;
    t.run("docker --version").await;
    assert_ne!(t.screen(), "");
    t.ctrl("l").await;
    assert_eq!(t.screen(), "");
    assert_eq!(t.prompt(), WIN);
    t.run("echo hi").await;
    assert_eq!(t.screen(), format!("{WIN}echo hi\nhi"));
    t.run("cls").await;
    assert_eq!(t.screen(), "");
}

#[wasm_bindgen_test]
async fn ctrl_c_abandons_the_line() {
    let t = Term::mount("seed=1").await;
    t.type_text("docker ru");
    t.ctrl("c").await;
    assert_eq!(t.screen(), format!("{WIN}docker ru^C"));
    assert_eq!(t.input().value(), "");
    assert_eq!(t.prompt(), WIN);
}

#[wasm_bindgen_test]
async fn editing_keys_change_the_line() {
    let t = Term::mount("seed=1").await;
    t.type_text("docker run nginx");
    let steps: [(&str, bool, &str); 11] = [
        ("w", true, "docker run |"),
        ("ArrowLeft", false, "docker run| "),
        ("ArrowLeft", false, "docker ru|n "),
        ("ArrowRight", false, "docker run| "),
        ("k", true, "docker run|"),
        ("a", true, "|docker run"),
        ("Delete", false, "|ocker run"),
        ("e", true, "ocker run|"),
        ("Backspace", false, "ocker ru|"),
        ("Home", false, "|ocker ru"),
        ("End", false, "ocker ru|"),
    ];
    for (key, ctrl, expected) in steps {
        t.key(key, ctrl).await;
        assert_eq!(t.line(), expected, "after {key} (ctrl {ctrl})");
    }
    t.key("ArrowLeft", false).await;
    t.ctrl("u").await;
    assert_eq!(t.line(), "|u");
}

#[wasm_bindgen_test]
async fn colours_and_stderr_become_classes() {
    let t = Term::mount("seed=1").await;
    t.run("nosuchthing").await;
    let span = t
        .root
        .query_selector(".berth-row span")
        .unwrap()
        .expect("a styled span");
    let classes = span.class_name();
    assert!(classes.contains("berth-fg91"), "{classes}");
    assert!(classes.contains("berth-err"), "{classes}");
    assert!(span
        .text_content()
        .unwrap_or_default()
        .starts_with("nosuchthing: The term 'nosuchthing' is not recognized"));
}

#[wasm_bindgen_test]
async fn pasted_lines_run_one_by_one() {
    let t = Term::mount("seed=1").await;
    let data = DataTransfer::new().unwrap();
    data.set_data("text", "echo one\necho two\ndocker").unwrap();
    let init = ClipboardEventInit::new();
    init.set_clipboard_data(Some(&data));
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = ClipboardEvent::new_with_event_init_dict("paste", &init).unwrap();
    t.input().dispatch_event(&event).unwrap();
    tick().await;
    assert_eq!(
        t.screen(),
        format!("{WIN}echo one\none\n{WIN}echo two\ntwo")
    );
    assert_eq!(t.line(), "docker|");
}

#[wasm_bindgen_test]
async fn the_host_option_changes_the_prompt() {
    let t = Term::mount("host=linux&seed=3").await;
    assert_eq!(t.prompt(), "student@host:~$ ");
    t.run("whoami").await;
    assert_eq!(t.screen(), "student@host:~$ whoami\nstudent");
}

#[wasm_bindgen_test]
async fn the_handle_runs_lines_and_the_terminal_shows_them() {
    let t = Term::mount("seed=1").await;
    let out = t.handle.run_line("docker foo");
    let field = |k: &str| Reflect::get(&out, &JsValue::from_str(k)).unwrap();
    assert_eq!(field("status").as_f64(), Some(1.0));
    assert_eq!(
        field("stderr").as_string().unwrap(),
        "docker: 'foo' is not a docker command.\nSee 'docker --help'\n"
    );
    assert_eq!(field("stdout").as_string().unwrap(), "");
    assert_eq!(field("prompt").as_string().unwrap(), WIN);
    tick().await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker foo\ndocker: 'foo' is not a docker command.\nSee 'docker --help'")
    );
    let blank = t.handle.run_line("");
    assert!(Reflect::get(&blank, &JsValue::from_str("status"))
        .unwrap()
        .is_null());
}

#[wasm_bindgen_test]
async fn options_can_be_an_object() {
    let options = js_sys::Object::new();
    Reflect::set(&options, &"host".into(), &"linux".into()).unwrap();
    Reflect::set(&options, &"seed".into(), &JsValue::from_f64(5.0)).unwrap();
    let handle = BerthHandle::new(options.into());
    assert_eq!(handle.prompt(), "student@host:~$ ");
}

#[wasm_bindgen_test]
async fn destroy_removes_the_terminal_and_start_brings_it_back() {
    let mut t = Term::mount("seed=1").await;
    t.run("echo kept").await;
    t.handle.destroy();
    tick().await;
    assert!(t.root.query_selector(".berth-input").unwrap().is_none());
    t.handle.start(&t.root.id()).unwrap();
    tick().await;
    assert_eq!(t.screen(), format!("{WIN}echo kept\nkept"));
}

#[wasm_bindgen_test]
async fn tabs_are_terminals_on_one_engine() {
    let t = Term::mount("seed=1").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    t.run("docker run -d --name web nginx").await;
    t.type_text("echo draft");
    t.click(".berth-new-tab").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    assert_eq!(t.screen(), "");
    assert_eq!(t.input().value(), "");
    t.run("docker ps --format '{{.Names}} {{.Image}}'").await;
    t.until(|t| !t.screen().is_empty()).await;
    assert_eq!(
        t.screen(),
        format!("{WIN}docker ps --format '{{{{.Names}}}} {{{{.Image}}}}'\nweb nginx")
    );
    t.alt("Digit1").await;
    assert_eq!(t.tabs(), ["Terminal 1*", "Terminal 2"]);
    assert!(t
        .screen()
        .starts_with(&format!("{WIN}docker run -d --name web nginx")));
    assert_eq!(t.line(), "echo draft|", "the line being typed comes back");
    t.alt("ArrowRight").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    t.alt("KeyN").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2", "Terminal 3*"]);
    t.click(".berth-tab-on .berth-tab-close").await;
    assert_eq!(t.tabs(), ["Terminal 1", "Terminal 2*"]);
    assert!(t.screen().contains("web nginx"), "{}", t.screen());
    t.click(".berth-tab-on .berth-tab-close").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    assert!(t.root.query_selector(".berth-tab-close").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn tab_completes_names_and_lists_choices() {
    let t = Term::mount("seed=1").await;
    t.run("docker run -d --name web nginx").await;
    t.type_text("docker sto");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker stop |");
    t.type_text("docker stop w");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker stop web |");
    t.type_text("docker run --rm ngi");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker run --rm nginx|");
    t.press("Tab").await;
    assert_eq!(t.line(), "docker run --rm nginx|");
    assert!(
        t.screen().ends_with("\nnginx         nginx:latest"),
        "{}",
        t.screen()
    );
}

#[wasm_bindgen_test]
async fn the_visualizer_follows_the_engine() {
    let t = Term::mount("seed=1").await;
    assert!(t.text_of(".berth-visual").contains("No images yet"));
    t.run("docker run -d --name web nginx").await;
    tick().await;
    assert!(t.has(".berth-container.berth-state-running[data-name=web]"));
    assert!(t.has(".berth-image[data-id]"));
    assert!(t
        .text_of(".berth-calls")
        .contains("POST /containers/create"));
    let said = t.text_of(".berth-said");
    assert!(said.contains("Image nginx:latest added"), "{said}");
    assert!(said.contains("Container web is now running"), "{said}");
    t.run("docker stop web").await;
    tick().await;
    assert!(t.has(".berth-container.berth-state-exited[data-name=web]"));
    t.click_svg(".berth-container[data-name=web]").await;
    let details = t.text_of(".berth-details");
    assert!(
        details.contains("/web") && details.contains("exited"),
        "{details}"
    );
    t.run("docker rm web").await;
    tick().await;
    assert!(!t.has(".berth-container"));
    assert!(t.text_of(".berth-text").contains("0 containers"));
    t.click(".berth-toggle-visual").await;
    assert!(!t.has(".berth-visual"));
}

#[wasm_bindgen_test]
async fn the_language_button_switches_the_page_words_only() {
    let t = Term::mount("seed=1&lang=en").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
    t.click(".berth-lang").await;
    assert_eq!(t.tabs(), ["终端 1*"]);
    assert_eq!(t.text_of(".berth-toggle-visual"), "隐藏图示");
    t.run("docker --version").await;
    assert!(t.screen().ends_with("Docker version 27.5.1, build 9f9e405"));
    t.click(".berth-lang").await;
    assert_eq!(t.tabs(), ["Terminal 1*"]);
}
