//! `docker secret`: swarm secrets. Swarm-manager-only: hidden here, and refused.

use super::command::Command;
use super::swarm_manager::{hidden, operation};

/// `docker secret`.
pub const CMD: Command = hidden(
    "secret",
    "Manage Swarm secrets",
    &[
        operation(
            "create",
            &[],
            "[OPTIONS] SECRET [file|-]",
            "Create a secret from a file or STDIN as content",
        ),
        operation(
            "inspect",
            &[],
            "[OPTIONS] SECRET [SECRET...]",
            "Display detailed information on one or more secrets",
        ),
        operation("ls", &["list"], "[OPTIONS]", "List secrets"),
        operation(
            "rm",
            &["remove"],
            "SECRET [SECRET...]",
            "Remove one or more secrets",
        ),
    ],
);
