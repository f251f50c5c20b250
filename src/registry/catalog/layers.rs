//! The catalog's layers, each parsed the first time something asks for it.
//!
//! The embedded layer files are reached through one function each (`build.rs` writes them),
//! not through a table of texts: the page's first load then carries only the layers of the
//! images its first steps pull, and the build's splitter (`tools/split`) moves every other
//! layer's text, with its function, to the part of the page that loads later. Parsing on
//! first use also keeps the start of a session from parsing a hundred file trees it may never
//! pull.

use std::fmt;
use std::sync::OnceLock;

use super::{parse_layer, CatalogError, LayerSpec};
use crate::collections::SortedMap as BTreeMap;

/// A layer file's text, given by the function the build embeds it in.
pub type Embedded = fn() -> &'static str;

/// Layers by key (the file stem under `layers/`).
#[derive(Clone, Debug, Default)]
pub struct Layers {
    map: BTreeMap<String, Slot>,
}

#[derive(Clone)]
struct Slot {
    /// The file, `layers/KEY.layer`, for errors.
    file: String,
    /// Where the text comes from when it is first needed (`None`: parsed when loaded).
    text: Option<Embedded>,
    parsed: OnceLock<Result<LayerSpec, CatalogError>>,
}

impl fmt::Debug for Slot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Slot")
            .field("file", &self.file)
            .field("parsed", &self.parsed.get())
            .finish()
    }
}

impl Slot {
    fn spec(&self) -> Option<&LayerSpec> {
        self.result().as_ref().ok()
    }

    fn result(&self) -> &Result<LayerSpec, CatalogError> {
        self.parsed.get_or_init(|| match self.text {
            Some(text) => parse_layer(&self.file, text()),
            None => Err(CatalogError::new(&self.file, 0, "no text")),
        })
    }
}

impl Layers {
    /// Adds a layer parsed now.
    pub fn insert_parsed(&mut self, key: &str, spec: LayerSpec) {
        let parsed = OnceLock::new();
        let _ = parsed.set(Ok(spec));
        let file = format!("layers/{key}.layer");
        self.map.insert(
            key.to_owned(),
            Slot {
                file,
                text: None,
                parsed,
            },
        );
    }

    /// Adds a layer whose text `text` gives when it is first needed.
    pub fn insert_embedded(&mut self, key: &str, text: Embedded) {
        let file = format!("layers/{key}.layer");
        let slot = Slot {
            file,
            text: Some(text),
            parsed: OnceLock::new(),
        };
        self.map.insert(key.to_owned(), slot);
    }

    /// The layer named `key`, parsed if it was not yet; `None` if there is none or its file
    /// does not parse (the catalog's tests parse every shipped layer: see [`Layers::check`]).
    pub fn get(&self, key: &str) -> Option<&LayerSpec> {
        self.map.get(key).and_then(Slot::spec)
    }

    /// The layer named `key` with the key as stored.
    pub fn get_key_value(&self, key: &str) -> Option<(&String, &LayerSpec)> {
        let (k, slot) = self.map.get_key_value(key)?;
        slot.spec().map(|spec| (k, spec))
    }

    /// Whether a layer named `key` exists (without parsing it).
    pub fn contains_key(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// How many layers there are.
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

    /// Every layer that parses, in key order (parsing all of them).
    pub fn values(&self) -> impl Iterator<Item = &LayerSpec> {
        self.map.values().filter_map(Slot::spec)
    }

    /// Every layer that parses with its key, in key order (parsing all of them).
    pub fn iter(&self) -> impl Iterator<Item = (&String, &LayerSpec)> {
        self.map
            .iter()
            .filter_map(|(k, slot)| slot.spec().map(|spec| (k, spec)))
    }

    /// Parses every layer and returns the first error.
    pub fn check(&self) -> Result<(), CatalogError> {
        for slot in self.map.values() {
            if let Err(e) = slot.result() {
                return Err(e.clone());
            }
        }
        Ok(())
    }
}

#[cfg(test)]
impl std::ops::Index<&str> for Layers {
    type Output = LayerSpec;

    /// The layer named `key`; for tests, which know the key exists (panics otherwise).
    fn index(&self, key: &str) -> &LayerSpec {
        match self.get(key) {
            Some(spec) => spec,
            None => panic!("no layer {key}"),
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
    fn embedded_layers_parse_when_first_asked_for() {
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
