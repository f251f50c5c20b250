//! Networking: how published and exposed ports are written and parsed, and who reaches
//! whom between containers.

pub mod portspec;
pub mod reach;
