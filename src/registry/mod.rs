//! The registry side of images: how image references are written, parsed and normalized.

pub mod reference;
