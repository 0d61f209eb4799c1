//! The text of one file and the arithmetic between lines, columns and bytes.

use crate::diagnostic::{Pos, Span};
use compact_str::CompactString;

#[derive(Debug)]
pub struct SourceFile {
    /// Repository-relative path with `/` separators.
    pub path: CompactString,
    /// The file's text with any UTF-8 byte order mark removed.
    pub text: String,
    /// Byte offset where each line starts; `u32`, as a 100,000-record check holds millions
    /// (files are capped well below 4 GiB: `max_file_size_mib` is at most 1024).
    line_starts: Vec<u32>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let line_starts = line_starts(&text);
        SourceFile {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(index)? as usize;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| *next as usize);
        Some(strip_line_break(&self.text[start..end]))
    }

    /// The number of lines (a final line break starts no new line of text).
    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }

    /// Every line without its break, from the index built once in [`SourceFile::new`].
    pub fn lines(&self) -> impl Iterator<Item = &str> {
        (1..=self.line_count()).filter_map(|line| self.line(line))
    }

    /// The byte offset of a position, clamped to the text.
    pub fn offset(&self, pos: Pos) -> usize {
        let Some(line) = self.line(pos.line) else {
            return self.text.len();
        };
        let start = self.line_starts[pos.line as usize - 1] as usize;
        let column = pos.column.saturating_sub(1) as usize;
        start
            + line
                .char_indices()
                .nth(column)
                .map_or(line.len(), |(i, _)| i)
    }

    /// The source text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let start = self.offset(span.start);
        let end = self.offset(span.end).max(start);
        &self.text[start..end]
    }

    /// The position of a byte offset (for parsers that report bytes).
    pub fn pos_of_offset(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let index = self.line_starts.partition_point(|&s| s as usize <= offset) - 1;
        let start = self.line_starts[index] as usize;
        let column = self.text[start..floor_char_boundary(&self.text, offset)]
            .chars()
            .count();
        Pos {
            line: index as u32 + 1,
            column: column as u32 + 1,
        }
    }

    pub fn span_of_range(&self, range: std::ops::Range<usize>) -> Span {
        Span::new(
            self.pos_of_offset(range.start),
            self.pos_of_offset(range.end),
        )
    }
}

/// Where each line starts, by YAML's rule, which is also editors': `\r\n`, `\n` or a lone
/// `\r` ends a line. Counting only `\n` would put findings of a file with old Mac line ends
/// (which the YAML parser counts as lines) past its end.
/// A text longer than 4 GiB (never read: see `max_file_size_mib`) is indexed up to there.
fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let bytes = &bytes[..bytes.len().min(u32::MAX as usize)];
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        let start = match bytes[i] {
            b'\n' => Some(i + 1),
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                i += 1;
                Some(i + 1)
            }
            b'\r' => Some(i + 1),
            _ => None,
        };
        if let Some(start) = start.and_then(|start| u32::try_from(start).ok()) {
            starts.push(start);
        }
        i += 1;
    }
    starts.shrink_to_fit();
    starts
}

fn strip_line_break(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// The lines of `text` by the same rule as [`SourceFile`], without their breaks.
pub fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = line_starts(text).into_iter().map(|s| s as usize).collect();
    let ends: Vec<usize> = starts.iter().skip(1).copied().chain([text.len()]).collect();
    starts
        .into_iter()
        .zip(ends)
        .map(move |(start, end)| strip_line_break(&text[start..end]))
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_round_trip_through_offsets() {
        let source = SourceFile::new("a.yaml".into(), "id: x\ntitle: Über\r\nend: 1".into());
        assert_eq!(source.line(2), Some("title: Über"));
        let pos = Pos { line: 2, column: 9 };
        assert_eq!(
            &source.text[source.offset(pos)..source.offset(pos) + 3],
            "ber"
        );
        assert_eq!(source.pos_of_offset(source.offset(pos)), pos);
        assert_eq!(source.line(4), None);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_yaml() {
        let source = SourceFile::new("a.yaml".into(), "a: 1\rb: 2\r\nc: 3\nd: 4".into());
        assert_eq!(source.line_count(), 4);
        assert_eq!(source.line(1), Some("a: 1"));
        assert_eq!(source.line(2), Some("b: 2"));
        assert_eq!(source.line(3), Some("c: 3"));
        assert_eq!(source.line(4), Some("d: 4"));
        assert_eq!(source.pos_of_offset(5), Pos { line: 2, column: 1 });
        assert_eq!(
            split_lines(&source.text).collect::<Vec<_>>(),
            ["a: 1", "b: 2", "c: 3", "d: 4"]
        );
        assert_eq!(
            source.lines().collect::<Vec<_>>(),
            ["a: 1", "b: 2", "c: 3", "d: 4"]
        );
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        let source = SourceFile::new("a.yaml".into(), "\u{feff}kind: Risk".into());
        assert_eq!(source.line(1), Some("kind: Risk"));
    }
}
