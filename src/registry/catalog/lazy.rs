//! The catalog's layers and images, each parsed the first time something asks for it.
//!
//! The embedded layer and image files are reached through one function each (`build.rs`
//! writes them), not through a table of texts: the page's first load then carries only the
//! files of the images its first steps pull, and the build's splitter (`tools/split`) moves
//! every other file's text, with its function, to the part of the page that loads later.
//! Parsing on first use also keeps the start of a session from parsing a hundred file trees
//! it may never pull.

use std::fmt;
use std::sync::OnceLock;

use super::{parse_image, parse_layer, CatalogError, ImageSpec, LayerSpec};
use crate::collections::SortedMap as BTreeMap;

/// A file's text, given by the function the build embeds it in.
pub type Embedded = fn() -> &'static str;

/// How a file of the kind parses: (file, text).
pub type Parser<T> = fn(&str, &str) -> Result<T, CatalogError>;

/// Files of one kind by key (the file stem), each parsed on first use.
#[derive(Clone, Debug)]
pub struct Lazy<T> {
    map: BTreeMap<String, Slot<T>>,
    /// The folder and extension of the kind's files (`layers/`, `.layer`).
    dir: &'static str,
    ext: &'static str,
    parse: Parser<T>,
}

/// Layers by key (the file stem under `layers/`).
pub type Layers = Lazy<LayerSpec>;
/// Images by key (the file stem under `images/`).
pub type Images = Lazy<ImageSpec>;

impl Default for Layers {
    fn default() -> Self {
        Lazy::new("layers/", ".layer", parse_layer)
    }
}

impl Default for Images {
    fn default() -> Self {
        Lazy::new("images/", ".json", parse_image)
    }
}

#[derive(Clone)]
struct Slot<T> {
    /// The file, `layers/KEY.layer`, for errors.
    file: String,
    /// Where the text comes from when it is first needed (`None`: parsed when loaded).
    text: Option<Embedded>,
    parsed: OnceLock<Result<T, CatalogError>>,
}

impl<T: fmt::Debug> fmt::Debug for Slot<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Slot")
            .field("file", &self.file)
            .field("parsed", &self.parsed.get())
            .finish()
    }
}

impl<T> Slot<T> {
    fn spec(&self, parse: Parser<T>) -> Option<&T> {
        self.result(parse).as_ref().ok()
    }

    fn result(&self, parse: Parser<T>) -> &Result<T, CatalogError> {
        self.parsed.get_or_init(|| match self.text {
            Some(text) => parse(&self.file, text()),
            None => Err(CatalogError::new(&self.file, 0, "no text")),
        })
    }
}

impl<T> Lazy<T> {
    fn new(dir: &'static str, ext: &'static str, parse: Parser<T>) -> Self {
        Lazy {
            map: BTreeMap::new(),
            dir,
            ext,
            parse,
        }
    }

    fn file(&self, key: &str) -> String {
        format!("{}{key}{}", self.dir, self.ext)
    }

    /// Adds one parsed now.
    pub fn insert_parsed(&mut self, key: &str, spec: T) {
        let parsed = OnceLock::new();
        let _ = parsed.set(Ok(spec));
        let file = self.file(key);
        let slot = Slot {
            file,
            text: None,
            parsed,
        };
        self.map.insert(key.to_owned(), slot);
    }

    /// Adds one whose text `text` gives when it is first needed.
    pub fn insert_embedded(&mut self, key: &str, text: Embedded) {
        let file = self.file(key);
        let slot = Slot {
            file,
            text: Some(text),
            parsed: OnceLock::new(),
        };
        self.map.insert(key.to_owned(), slot);
    }

    /// The one named `key`, parsed if it was not yet; `None` if there is none or its file
    /// does not parse (the catalog's tests parse every shipped file: see [`Lazy::check`]).
    pub fn get(&self, key: &str) -> Option<&T> {
        self.map.get(key).and_then(|s| s.spec(self.parse))
    }

    /// The ones parsed so far, with their keys (what loading checks without parsing more).
    pub fn parsed(&self) -> impl Iterator<Item = (&String, &T)> {
        self.map.iter().filter_map(|(k, slot)| {
            let spec = slot.parsed.get().and_then(|r| r.as_ref().ok());
            spec.map(|s| (k, s))
        })
    }

    /// The one named `key` with the key as stored.
    pub fn get_key_value(&self, key: &str) -> Option<(&String, &T)> {
        let (k, slot) = self.map.get_key_value(key)?;
        slot.spec(self.parse).map(|spec| (k, spec))
    }

    /// Whether one named `key` exists (without parsing it).
    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }

    /// Every one that parses, in key order (parsing all of them).
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.map.values().filter_map(|s| s.spec(self.parse))
    }

    /// Every one that parses with its key, in key order (parsing all of them).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &T)> {
        self.map
            .iter()
            .filter_map(|(k, slot)| slot.spec(self.parse).map(|spec| (k, spec)))
    }

    /// Parses every one and returns the first error.
    pub fn check(&self) -> Result<(), CatalogError> {
        for slot in self.map.values() {
            if let Err(e) = slot.result(self.parse) {
                return Err(e.clone());
            }
        }
        Ok(())
    }
}

impl<'a, T> IntoIterator for &'a Lazy<T> {
    type Item = (&'a String, &'a T);
    type IntoIter = Box<dyn Iterator<Item = (&'a String, &'a T)> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[cfg(test)]
impl<T> std::ops::Index<&str> for Lazy<T> {
    type Output = T;

    /// The one named `key`; for tests, which know the key exists (panics otherwise).
    fn index(&self, key: &str) -> &T {
        match self.get(key) {
            Some(spec) => spec,
            None => panic!("no {key} in {}", self.dir),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ubuntu() -> &'static str {
        "compressed 10\ndir 0755 /etc\n"
    }

    fn broken() -> &'static str {
        "compressed ten\n"
    }

    #[test]
    fn embedded_files_parse_when_first_asked_for() {
        let mut layers = Layers::default();
        layers.insert_embedded("ubuntu", ubuntu);
        layers.insert_embedded("broken", broken);
        assert!(layers.contains_key("broken") && layers.len() == 2);
        assert_eq!(layers.get("ubuntu").map(|l| l.compressed), Some(10));
        assert_eq!(layers.get("broken"), None);
        assert_eq!(layers.get("missing"), None);
        let err = layers.check().err().map(|e| e.file);
        assert_eq!(err.as_deref(), Some("layers/broken.layer"));
        assert_eq!(layers.values().count(), 1);
    }
}
