//! `aims.toml` on any text: a config or a located error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::Arc;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Arc::new(aims::syntax::source::SourceFile::new(
        "aims.toml".to_string(),
        text.to_string(),
    ));
    let _ = aims::load::config::parse(PathBuf::from("/nonexistent-aims-root"), source);
});
