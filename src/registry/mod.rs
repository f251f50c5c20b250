//! The registry side of images: how image references are written and normalized, and the
//! mock Docker Hub whose repositories, images and layers come from `catalog/`.

pub mod catalog;
pub mod hub;
pub mod reference;
pub mod web;
