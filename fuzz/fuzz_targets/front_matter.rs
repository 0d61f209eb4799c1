//! A Markdown record file (front matter, then the body) on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (records, findings) = aims::load::read_record_file("fuzzed.md", data.to_vec());
    let lines = data.split(|b| *b == b'\n').count() as u32;
    for finding in &findings {
        assert!(finding.span.start.line <= lines + 1, "{finding:?} beyond line {lines}");
    }
    for record in records {
        let _ = record.text_field("body");
    }
});
