//! `docker config`: swarm configs. Swarm-manager-only: hidden here, and refused.

use super::command::Command;
use super::swarm_manager::{hidden, operation};

/// `docker config`.
pub const CMD: Command = hidden(
    "config",
    "Manage Swarm configs",
    &[
        operation(
            "create",
            &[],
            "[OPTIONS] CONFIG file|-",
            "Create a config from a file or STDIN",
        ),
        operation(
            "inspect",
            &[],
            "[OPTIONS] CONFIG [CONFIG...]",
            "Display detailed information on one or more configs",
        ),
        operation("ls", &["list"], "[OPTIONS]", "List configs"),
        operation(
            "rm",
            &["remove"],
            "CONFIG [CONFIG...]",
            "Remove one or more configs",
        ),
    ],
);
