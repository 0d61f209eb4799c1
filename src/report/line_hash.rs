//! The line fingerprint GitHub code scanning gives each result (`primaryLocationLineHash`):
//! a rolling hash of the first 100 characters from the start of the line, spaces and tabs left
//! out, line endings normalized, counted in UTF-16 code units, with `:n` telling repeated hashes
//! apart. Computed here the way GitHub's upload computes it, so the upload keeps ours instead of
//! substituting its own, and an alert stays the same alert when lines above it move.

use std::collections::HashMap;

const WINDOW: usize = 100;
const BASE: u64 = 37;
const END_OF_FILE: u64 = 65535;

struct Roller {
    first_power: u64,
    window: [u64; WINDOW],
    /// The line that starts at each window position, if one does.
    starts: [Option<usize>; WINDOW],
    hash: u64,
    index: usize,
    seen: HashMap<u64, usize>,
    hashes: Vec<String>,
}

impl Roller {
    /// Emits the hash of the line whose start is at the current position, once the window
    /// holds its first 100 characters.
    fn emit_if_due(&mut self) {
        if let Some(line) = self.starts[self.index].take() {
            let count = self.seen.entry(self.hash).or_insert(0);
            *count += 1;
            if self.hashes.len() < line {
                self.hashes.resize(line, String::new());
            }
            self.hashes[line - 1] = format!("{:x}:{count}", self.hash);
        }
    }

    fn push(&mut self, unit: u64) {
        let leaving = self.window[self.index];
        self.window[self.index] = unit;
        self.hash = self
            .hash
            .wrapping_mul(BASE)
            .wrapping_add(unit)
            .wrapping_sub(self.first_power.wrapping_mul(leaving));
        self.index = (self.index + 1) % WINDOW;
    }
}

/// The hash of every line of `text`, by line number (index 0 is line 1).
pub fn line_hashes(text: &str) -> Vec<String> {
    let mut roller = Roller {
        first_power: (0..WINDOW).fold(1u64, |p, _| p.wrapping_mul(BASE)),
        window: [0; WINDOW],
        starts: [None; WINDOW],
        hash: 0,
        index: 0,
        seen: HashMap::new(),
        hashes: Vec::new(),
    };
    let (space, tab, lf, cr) = (
        u64::from(b' '),
        u64::from(b'\t'),
        u64::from(b'\n'),
        u64::from(b'\r'),
    );
    let mut line = 0usize;
    let mut at_line_start = true;
    let mut after_cr = false;
    for mut unit in text.encode_utf16().map(u64::from).chain([END_OF_FILE]) {
        if unit == space || unit == tab || (after_cr && unit == lf) {
            after_cr = false;
            continue;
        }
        after_cr = unit == cr;
        if unit == cr {
            unit = lf;
        }
        roller.emit_if_due();
        if at_line_start {
            at_line_start = false;
            line += 1;
            roller.starts[roller.index] = Some(line);
        }
        if unit == lf {
            at_line_start = true;
        }
        roller.push(unit);
    }
    for _ in 0..WINDOW {
        roller.emit_if_due();
        roller.push(0);
    }
    roller.hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_gets_a_hash_and_repeats_are_numbered() {
        let hashes = line_hashes("kind: Risk\nid: R-1\n\nkind: Risk\n");
        assert!(hashes.len() >= 4);
        assert!(hashes.iter().all(|h| h.contains(':')));
        // CRLF and LF, and indentation, do not change a line's hash.
        assert_eq!(line_hashes("a\r\nb\r\n"), line_hashes("a\nb\n"));
        assert_eq!(line_hashes("  a\nb\n")[0], line_hashes("a\nb\n")[0]);
    }
}

#[cfg(test)]
mod reference {
    /// Hashes computed with GitHub's own implementation (the code-scanning upload's
    /// `fingerprints.ts`, run with node on the same text).
    #[test]
    fn matches_the_code_scanning_upload() {
        let text = include_str!("../../examples/acme-lending/context.yaml");
        let hashes = super::line_hashes(text);
        assert_eq!(
            &hashes[..5],
            [
                "4704245bbe56fcab:1",
                "1209d510c91024a5:1",
                "eea8e718c0ab420d:1",
                "5e714623b33473e:1",
                "190fa4a0eeb04119:1"
            ]
        );
    }
}
