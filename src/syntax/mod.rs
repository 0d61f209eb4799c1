//! The ground floor: source text with line:column positions, and the spanned value tree that
//! the YAML and TOML front ends build. Imports nothing of ours but `diagnostic`, so every layer
//! above may share these types without importing the reader that fills them.

pub mod source;
pub mod tree;
