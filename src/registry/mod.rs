//! The registry: a mock Docker Hub whose repositories, images and layers come from `catalog/`.
pub mod catalog;
