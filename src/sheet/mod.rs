//! Spreadsheets in and out: `aims import` (rows to records by a mapping) and `aims export`
//! (records to rows). Reading and writing the files is `cmd`'s; these modules turn tables into
//! records and back.

pub mod export;
pub mod import;
pub mod mapping;
pub mod table;
pub mod yaml_out;
