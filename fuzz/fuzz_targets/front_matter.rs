//! A Markdown record file (front matter, then the body) on any text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (records, findings) = aims::load::read_record_file("fuzzed.md", data.to_vec());
    // Lines as YAML and editors count them: a lone `\r` ends one too.
    let text = String::from_utf8_lossy(data);
    let lines = aims::syntax::source::split_lines(&text).count() as u32;
    for finding in &findings {
        assert!(finding.span.start.line <= lines + 1, "{finding:?} beyond line {lines}");
    }
    for record in records {
        let _ = record.text_field("body");
    }
});
