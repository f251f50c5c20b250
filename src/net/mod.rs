//! Networking: how published and exposed ports are written and parsed.

pub mod portspec;
