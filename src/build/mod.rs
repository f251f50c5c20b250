//! Building images from a Dockerfile: the parser (`dockerfile`), `.dockerignore`
//! (`ignore`), and BuildKit's terminal display (`display`). The daemon's side (steps, the
//! build cache) is `daemon::build`.

pub mod display;
pub mod dockerfile;
pub mod ignore;
