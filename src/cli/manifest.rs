//! `docker manifest`: the management command for image manifests and manifest lists, which
//! docker still marks experimental.

use super::command::Command;
use super::{manifest_annotate, manifest_create, manifest_inspect, manifest_push, manifest_rm};

/// `docker manifest`.
pub const CMD: Command = Command {
    name: "manifest",
    short: "Manage Docker image manifests and manifest lists",
    long: "
The **docker manifest** command has subcommands for managing image manifests and
manifest lists. A manifest list allows you to use one name to refer to the same image
built for multiple architectures.

To see help for a subcommand, use:

    docker manifest CMD --help

For full details on using docker manifest lists, see the registry v2 specification.

",
    experimental: true,
    subcommands: &[
        manifest_annotate::CMD,
        manifest_create::CMD,
        manifest_inspect::CMD,
        manifest_push::CMD,
        manifest_rm::CMD,
    ],
    ..Command::GROUP
};
