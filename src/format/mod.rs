//! Docker's ways of printing things: units, tables, templates, and the exact error texts.

pub mod units;
