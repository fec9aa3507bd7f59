//! CSV files for people and programs: written by the `csv` crate (quoting as RFC 4180 needs,
//! CRLF line ends), with every field a person typed defused, so that a spreadsheet never runs a
//! volunteer's text as a formula (`=HYPERLINK(…)` becomes `'=HYPERLINK(…)`).

use std::borrow::Cow;

pub struct CsvFile {
    writer: csv::Writer<Vec<u8>>,
}

impl CsvFile {
    /// A file for a spreadsheet: it starts with a byte-order mark, so that every spreadsheet
    /// reads its Kazakh and Russian letters as UTF-8.
    pub fn for_spreadsheets() -> CsvFile {
        CsvFile::starting_with("\u{feff}")
    }

    /// A file for programs: codes and numbers, nothing before the header.
    pub fn plain() -> CsvFile {
        CsvFile::starting_with("")
    }

    fn starting_with(start: &str) -> CsvFile {
        let writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(start.as_bytes().to_vec());
        CsvFile { writer }
    }

    /// A row of fields, each written as it is: use [`defused`] on what a person typed.
    pub fn row<S: AsRef<str>>(&mut self, fields: impl IntoIterator<Item = S>) {
        // Writing into memory cannot fail.
        let _ = self.writer.write_record(fields.into_iter().map(|f| f.as_ref().to_string()));
    }

    pub fn finish(self) -> String {
        let bytes = self.writer.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

/// A CSV file as a download (`filename`) that no browser or proxy keeps: it holds personal data.
pub fn download(filename: &str, body: String) -> axum::response::Response {
    use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::response::IntoResponse;
    (
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (CACHE_CONTROL, "private, no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// A field a person typed, with a leading `= + - @`, tab or carriage return defused by a `'`.
pub fn defused(value: &str) -> Cow<'_, str> {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{value}"))
    } else {
        Cow::Borrowed(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_where_needed_and_formulas_defused() {
        let mut file = CsvFile::for_spreadsheets();
        file.row(["Аты-жөні", "Say", "Link", "Typed", "Phone"]);
        file.row([defused("Әйгерім"), defused("say \"hi\", then"), defused("=HYPERLINK(\"x\")"), defused("+7 701"), "+7 701".into()]);
        assert_eq!(
            file.finish(),
            "\u{feff}Аты-жөні,Say,Link,Typed,Phone\r\nӘйгерім,\"say \"\"hi\"\", then\",\"'=HYPERLINK(\"\"x\"\")\",'+7 701,+7 701\r\n"
        );
        let mut plain = CsvFile::plain();
        plain.row(["section", "key"]);
        assert_eq!(plain.finish(), "section,key\r\n");
    }
}
