//! The text of one file and the arithmetic between lines, columns and bytes.

use crate::diagnostic::{Pos, Span};

#[derive(Debug)]
pub struct SourceFile {
    /// Repository-relative path with `/` separators.
    pub path: String,
    /// The file's text with any UTF-8 byte order mark removed.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: String, text: String) -> Self {
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = (line as usize).checked_sub(1)?;
        let start = *self.line_starts.get(index)?;
        let end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        Some(self.text[start..end].trim_end_matches('\r'))
    }

    /// The byte offset of a position, clamped to the text.
    pub fn offset(&self, pos: Pos) -> usize {
        let Some(line) = self.line(pos.line) else {
            return self.text.len();
        };
        let start = self.line_starts[pos.line as usize - 1];
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
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[index];
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
    fn byte_order_mark_is_dropped() {
        let source = SourceFile::new("a.yaml".into(), "\u{feff}kind: Risk".into());
        assert_eq!(source.line(1), Some("kind: Risk"));
    }
}
