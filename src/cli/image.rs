//! `docker image`: the management command for images.

use super::command::Command;
use super::{
    build, history, image_inspect, image_prune, images, import, load, pull, push, rmi, save, tag,
};

/// `docker image`.
pub const CMD: Command = Command {
    name: "image",
    short: "Manage images",
    subcommands: &[
        build::CMD,
        history::CMD,
        import::CMD,
        image_inspect::CMD,
        load::CMD,
        images::CMD,
        image_prune::CMD,
        pull::CMD,
        push::CMD,
        rmi::CMD,
        save::CMD,
        tag::CMD,
    ],
    ..Command::GROUP
};
