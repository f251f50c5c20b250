//! Networking: how published and exposed ports are written and parsed, and who reaches
//! whom between containers, and HTTP between them.

pub mod http;
pub mod portspec;
pub mod reach;
