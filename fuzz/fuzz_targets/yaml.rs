//! The YAML loader on any text, as a `.yaml` record file: never a panic, a hang or a huge
//! allocation; every finding located inside the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (_records, findings) = aims::load::read_record_file("fuzzed.yaml", data.to_vec());
    // Lines as YAML and editors count them: a lone `\r` ends one too.
    let text = String::from_utf8_lossy(data);
    let lines = aims::syntax::source::split_lines(&text).count() as u32;
    for finding in findings {
        assert!(finding.span.start.line <= lines + 1, "{finding:?} beyond line {lines}");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        let parsed = aims::load::yaml::parse(text, 0);
        assert!(parsed.errors.len() <= aims::load::yaml::MAX_ERRORS);
    }
});
