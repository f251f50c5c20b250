//! Docker's ways of printing things: units, tables, templates, JSON, and the exact error texts.

pub mod inspect;
pub mod json;
pub mod netsettings;
pub mod table;
pub mod template;
pub mod text;
pub mod units;
