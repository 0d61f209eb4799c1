//! Spreadsheets as tables of text: reading CSV (delimiter sniffed or given, UTF-8 with or
//! without BOM) and XLSX (first sheet or a named one), writing CSV and XLSX.

/// A spreadsheet's cells as text: the header row, then one row per record.
#[derive(Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug)]
pub struct Row {
    /// Where the row is, as a reader names it: the line of a CSV file, the row of a sheet.
    pub number: u64,
    pub cells: Vec<String>,
}

impl Table {
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Reads the bytes of a CSV or spreadsheet file (told apart by its extension) into a table.
pub fn parse(
    bytes: Vec<u8>,
    extension: &str,
    sheet: Option<&str>,
    delimiter: Option<u8>,
) -> Result<Table, String> {
    match extension.to_lowercase().as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => read_workbook(bytes, sheet),
        _ => read_csv(&bytes, delimiter),
    }
}

/// The delimiter of a CSV text: the candidate that splits the header line (outside quotes)
/// into the most fields.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = {
        let mut quoted = false;
        let end = text
            .char_indices()
            .find(|(_, c)| {
                if *c == '"' {
                    quoted = !quoted;
                }
                *c == '\n' && !quoted
            })
            .map_or(text.len(), |(i, _)| i);
        &text[..end]
    };
    let count = |delimiter: char| {
        let mut quoted = false;
        header
            .chars()
            .filter(|c| {
                if *c == '"' {
                    quoted = !quoted;
                }
                !quoted && *c == delimiter
            })
            .count()
    };
    [b',', b';', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| (count(*d as char), *d == b','))
        .unwrap_or(b',')
}

pub fn read_csv(bytes: &[u8], delimiter: Option<u8>) -> Result<Table, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (byte {}); save the file as CSV UTF-8",
            e.valid_up_to()
        )
    })?;
    let delimiter = delimiter.unwrap_or_else(|| sniff_delimiter(text));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (index, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", index + 1))?;
        // Numbered as a spreadsheet shows them (the header is row 1), whatever line breaks
        // the cells hold.
        let number = index as u64 + 1;
        // Cells as written: a multi-line text keeps its last line break.
        let cells: Vec<String> = record.iter().map(formula_unescaped).collect();
        if index == 0 {
            table.headers = cells.iter().map(|c| c.trim().to_string()).collect();
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        table.rows.push(Row { number, cells });
    }
    Ok(table)
}

fn read_workbook(bytes: Vec<u8>, sheet: Option<&str>) -> Result<Table, String> {
    use calamine::{Reader, open_workbook_auto_from_rs};
    let mut workbook = open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("not a readable spreadsheet: {e}"))?;
    let names = workbook.sheet_names().to_vec();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| format!("no sheet `{wanted}`; the sheets are: {}", names.join(", ")))?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "the workbook has no sheets".to_string())?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
    let first_row = range.start().map_or(0, |(row, _)| row);
    let mut table = Table::default();
    for (index, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(cell_text).collect();
        if index == 0 {
            table.headers = cells.iter().map(|c| c.trim().to_string()).collect();
            continue;
        }
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        table.rows.push(Row {
            number: u64::from(first_row) + index as u64 + 1,
            cells,
        });
    }
    Ok(table)
}

/// A cell as the text a reader sees: whole numbers without `.0`, dates as `YYYY-MM-DD`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => excel_date(d.as_f64()).unwrap_or_else(|| d.to_string()),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// An Excel serial date (days since 1899-12-30) as `YYYY-MM-DD`.
fn excel_date(serial: f64) -> Option<String> {
    let epoch = jiff::civil::date(1899, 12, 30);
    let date = epoch
        .checked_add(jiff::Span::new().days(serial.floor() as i64))
        .ok()?;
    Some(date.to_string())
}

/// What makes a spreadsheet program read a CSV cell as a formula (CSV injection: a record
/// titled `=HYPERLINK("https://evil.example", "Report")` would become a live link, or worse).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to CSV: one that a spreadsheet would run as a formula gets a leading `'`,
/// which spreadsheets show as text and [`read_csv`] removes again. Plain numbers (`-5`) stay.
fn formula_escaped(cell: &str) -> std::borrow::Cow<'_, str> {
    if cell.starts_with(FORMULA_START) && cell.trim().parse::<f64>().is_err() {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The inverse of [`formula_escaped`], for a table `aims export` wrote.
fn formula_unescaped(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// Writes a table as CSV (comma-separated, UTF-8, quoted where needed, formulas defused).
pub fn write_csv(table: &Table) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(
            table
                .headers
                .iter()
                .map(|h| formula_escaped(h).into_owned()),
        )
        .map_err(|e| e.to_string())?;
    for row in &table.rows {
        writer
            .write_record(row.cells.iter().map(|c| formula_escaped(c).into_owned()))
            .map_err(|e| e.to_string())?;
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// Writes a table as one XLSX sheet: a bold header row, frozen below the header, columns
/// as wide as their content (within reason).
pub fn write_xlsx(table: &Table, sheet_name: &str) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name: String = sheet_name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    sheet.set_name(&name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (column, header) in table.headers.iter().enumerate() {
        let column = u16::try_from(column).map_err(|_| "too many columns for XLSX".to_string())?;
        sheet
            .write_string_with_format(0, column, header, &bold)
            .map_err(|e| e.to_string())?;
        let widest = table
            .rows
            .iter()
            .filter_map(|r| r.cells.get(usize::from(column)))
            .map(|c| c.lines().map(|l| l.chars().count()).max().unwrap_or(0))
            .chain([header.chars().count()])
            .max()
            .unwrap_or(8);
        sheet
            .set_column_width(column, (widest.clamp(6, 60) + 2) as f64)
            .map_err(|e| e.to_string())?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        let row_number =
            u32::try_from(index + 1).map_err(|_| "too many rows for XLSX".to_string())?;
        for (column, cell) in row.cells.iter().enumerate() {
            let column = column as u16;
            if cell.contains('\n') {
                sheet
                    .write_string_with_format(row_number, column, cell, &wrap)
                    .map_err(|e| e.to_string())?;
            } else {
                sheet
                    .write_string(row_number, column, cell)
                    .map_err(|e| e.to_string())?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(|e| e.to_string())?;
    workbook.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_as_formulas_are_defused_and_read_back() {
        let cells = [
            "=HYPERLINK(\"https://evil.example\",\"Report\")",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "- a list item",
            "-5",
            "2026-01-01",
            "plain",
        ];
        let table = Table {
            headers: vec!["title".to_string()],
            rows: cells
                .iter()
                .enumerate()
                .map(|(i, c)| Row {
                    number: i as u64 + 2,
                    cells: vec![c.to_string()],
                })
                .collect(),
        };
        let csv = String::from_utf8(write_csv(&table).unwrap()).unwrap();
        assert!(csv.contains("\"'=HYPERLINK("), "{csv}");
        assert!(csv.contains("'@SUM(A1)"), "{csv}");
        assert!(csv.contains("'- a list item"), "{csv}");
        assert!(csv.contains("\n-5\n"), "a number stays a number: {csv}");
        let back = read_csv(csv.as_bytes(), None).unwrap();
        let read: Vec<&str> = back.rows.iter().map(|r| r.cells[0].as_str()).collect();
        assert_eq!(read, cells);
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc\n"), b'\t');
        assert_eq!(sniff_delimiter("single\n"), b',');
    }

    #[test]
    fn csv_with_bom_multiline_cells_and_blank_rows() {
        let text = "\u{feff}name;vendor\n\"Chat\";\"ServiceNow\nAWS\"\n;\nScoring;Espyr/Acentra\n";
        let table = read_csv(text.as_bytes(), None).unwrap();
        assert_eq!(table.headers, vec!["name", "vendor"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells[1], "ServiceNow\nAWS");
        assert_eq!(table.rows[0].number, 2);
        assert_eq!(table.rows[1].number, 4);
    }

    #[test]
    fn excel_serial_dates_become_iso_dates() {
        assert_eq!(excel_date(45292.0).as_deref(), Some("2024-01-01"));
    }
}

#[cfg(test)]
mod more_tests {
    #[test]
    fn a_quoted_cell_keeps_its_last_line_break() {
        let text = "id,body,file\na,\"one\ntwo\n\",x.yaml\nb,\"three\n\",y.yaml\n";
        let table = super::read_csv(text.as_bytes(), None).unwrap();
        assert_eq!(table.rows[0].cells[1], "one\ntwo\n");
        assert_eq!(table.rows[1].cells[1], "three\n");
    }
}
