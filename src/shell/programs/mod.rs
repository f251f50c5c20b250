//! The programs images ship, one file each, behind the [`super::program::Program`] trait.
//! [`register_all`] lists them under their exec names (what a binary's
//! [`super::exec::EXEC_MARKER`] line names).

use std::rc::Rc;

use super::flavor::Flavor;
use super::program::{Program, Registry};

pub mod apk;
pub mod apt_get;
pub mod awk;
pub mod busybox;
pub mod cat;
pub mod cc;
pub mod chmod;
pub mod chown;
pub mod clear;
pub mod cp;
pub mod curl;
pub mod cut;
pub mod date;
pub mod df;
pub mod du;
pub mod echo;
pub mod env;
pub mod find;
pub mod grep;
pub mod head;
pub mod ids;
pub mod ip;
pub mod kill;
pub mod ln;
pub mod ls;
pub mod mkdir;
pub mod mv;
pub mod mysql;
pub mod names;
pub mod packages;
pub mod ping;
pub mod printf;
pub mod ps;
pub mod pwd;
pub mod rm;
pub mod rmdir;
pub mod sed;
pub mod seq;
pub mod sh;
pub mod sleep;
pub mod sort;
pub mod stat;
pub mod tail;
pub mod tee;
pub mod test;
pub mod touch;
pub mod tr;
pub mod truefalse;
pub mod uname;
pub mod uniq;
pub mod util;
pub mod wc;
pub mod which;
pub mod yes;

/// Registers every program under its exec name: `bash`, `dash`, `sh` (dash), `ash`,
/// `busybox`, and the coreutils-style tools.
pub fn register_all(r: &mut Registry) {
    r.register("bash", Rc::new(sh::Sh(Flavor::Bash)));
    r.register("dash", Rc::new(sh::Sh(Flavor::Dash)));
    r.register("sh", Rc::new(sh::Sh(Flavor::Dash)));
    r.register("ash", Rc::new(sh::Sh(Flavor::Ash)));
    let tools: Vec<(&str, Rc<dyn Program>)> = vec![
        ("apk", Rc::new(apk::Apk)),
        ("apt", Rc::new(apt_get::AptGet)),
        ("apt-get", Rc::new(apt_get::AptGet)),
        ("awk", Rc::new(awk::Awk)),
        ("busybox", Rc::new(busybox::Busybox)),
        ("cat", Rc::new(cat::Cat)),
        ("less", Rc::new(cat::Cat)),
        ("more", Rc::new(cat::Cat)),
        ("chmod", Rc::new(chmod::Chmod)),
        ("chown", Rc::new(chown::Chown)),
        ("clear", Rc::new(clear::Clear)),
        ("cp", Rc::new(cp::Cp)),
        ("curl", Rc::new(curl::Curl)),
        ("wget", Rc::new(curl::Wget)),
        ("ip", Rc::new(ip::IpCmd)),
        ("ping", Rc::new(ping::Ping)),
        ("cut", Rc::new(cut::Cut)),
        ("date", Rc::new(date::Date)),
        ("df", Rc::new(df::Df)),
        ("du", Rc::new(du::Du)),
        ("echo", Rc::new(echo::Echo)),
        ("env", Rc::new(env::Env)),
        ("printenv", Rc::new(env::Printenv)),
        ("find", Rc::new(find::Find)),
        ("grep", Rc::new(grep::Grep)),
        ("egrep", Rc::new(grep::Grep)),
        ("fgrep", Rc::new(grep::Grep)),
        ("head", Rc::new(head::Head)),
        ("tail", Rc::new(tail::Tail)),
        ("whoami", Rc::new(ids::Whoami)),
        ("id", Rc::new(ids::Id)),
        ("hostname", Rc::new(ids::Hostname)),
        ("kill", Rc::new(kill::Kill)),
        ("ln", Rc::new(ln::Ln)),
        ("ls", Rc::new(ls::Ls)),
        ("mkdir", Rc::new(mkdir::Mkdir)),
        ("mv", Rc::new(mv::Mv)),
        ("basename", Rc::new(names::Basename)),
        ("dirname", Rc::new(names::Dirname)),
        ("printf", Rc::new(printf::Printf)),
        ("ps", Rc::new(ps::Ps)),
        ("pwd", Rc::new(pwd::Pwd)),
        ("rm", Rc::new(rm::Rm)),
        ("rmdir", Rc::new(rmdir::Rmdir)),
        ("sed", Rc::new(sed::Sed)),
        ("seq", Rc::new(seq::Seq)),
        ("sleep", Rc::new(sleep::Sleep)),
        ("sort", Rc::new(sort::Sort)),
        ("stat", Rc::new(stat::StatCmd)),
        ("tee", Rc::new(tee::Tee)),
        ("test", Rc::new(test::Test)),
        ("[", Rc::new(test::Test)),
        ("touch", Rc::new(touch::Touch)),
        ("tr", Rc::new(tr::Tr)),
        ("true", Rc::new(truefalse::True)),
        ("false", Rc::new(truefalse::False)),
        ("uname", Rc::new(uname::Uname)),
        ("uniq", Rc::new(uniq::Uniq)),
        ("wc", Rc::new(wc::Wc)),
        ("which", Rc::new(which::Which)),
        ("yes", Rc::new(yes::Yes)),
    ];
    for (name, prog) in tools {
        r.register(name, prog);
    }
}
