//! `docker inspect`: the low-level JSON of any object (container, image, volume, network…)
//! by name or id.

use super::command::{Args, Command};
use super::flags::{Flag, INSPECT_FORMAT_HELP};

/// `docker inspect`.
pub const CMD: Command = Command {
    name: "inspect",
    usage: "[OPTIONS] NAME|ID [NAME|ID...]",
    short: "Return low-level information on Docker objects",
    flags: &[
        Flag::string("format", Some('f'), INSPECT_FORMAT_HELP),
        Flag::bool(
            "size",
            Some('s'),
            "Display total file sizes if the type is container",
        ),
        Flag::string("type", None, "Return JSON for specified type"),
    ],
    args: Args::Min(1),
    ..Command::LEAF
};
