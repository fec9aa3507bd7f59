//! A certificate as a PDF (A4), made on the server with krilla in the language it was issued
//! in: the platform's name, the volunteer (as they chose to be named), the scope, the total,
//! the totals by direction, every entry, and on each page the certificate's number, its short
//! address and a QR code of that address, so anyone can check it.
//!
//! The font is DejaVu Sans, cut to Latin and Cyrillic with every Kazakh letter (see
//! `../fonts/make-fonts.sh`) and embedded (krilla keeps only the glyphs used).

use super::model::Certificate;
use crate::hours::model::{format_hours, HoursSource};
use crate::i18n::{format_date, format_date_range, Key, Locale};
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::surface::Surface;
use krilla::Document;

static REGULAR: &[u8] = include_bytes!("../fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../fonts/DejaVuSans-Bold.ttf");

const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN: f32 = 50.0;
/// Below this the footer (number, address, QR code) takes the page.
const CONTENT_BOTTOM: f32 = PAGE_HEIGHT - 130.0;
const QR_SIZE: f32 = 80.0;

/// Ink: near black for text, the platform's blue for headings, grey for notes.
const INK: (u8, u8, u8) = (26, 37, 48);
const BRAND: (u8, u8, u8) = (11, 93, 122);
const MUTED: (u8, u8, u8) = (74, 88, 102);
const LINE: (u8, u8, u8) = (190, 200, 210);

/// A font to draw with and to measure with.
struct Face {
    font: Font,
    metrics: ttf_parser::Face<'static>,
}

impl Face {
    fn new(data: &'static [u8]) -> Result<Face, String> {
        let font = Font::new(data.into(), 0).ok_or("the font cannot be read")?;
        let metrics = ttf_parser::Face::parse(data, 0).map_err(|e| e.to_string())?;
        Ok(Face { font, metrics })
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text.chars().map(|c| self.metrics.glyph_index(c).and_then(|g| self.metrics.glyph_hor_advance(g)).unwrap_or(0) as u32).sum();
        units as f32 * size / self.metrics.units_per_em() as f32
    }

    /// `text` broken into lines no wider than `width` (at spaces; a word too long alone is cut).
    fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = String::new();
            for c in word.chars() {
                if self.width(&format!("{rest}{c}"), size) > width && !rest.is_empty() {
                    lines.push(std::mem::take(&mut rest));
                }
                rest.push(c);
            }
            line = rest;
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }
}

/// What is drawn on a page, in page coordinates (y down, text at its baseline).
enum Mark {
    Text { x: f32, y: f32, size: f32, bold: bool, colour: (u8, u8, u8), text: String },
    Rule { y: f32 },
}

/// Lays the certificate out on pages, top to bottom.
struct Layout<'a> {
    regular: &'a Face,
    bold: &'a Face,
    pages: Vec<Vec<Mark>>,
    y: f32,
}

impl<'a> Layout<'a> {
    fn face(&self, bold: bool) -> &'a Face {
        if bold {
            self.bold
        } else {
            self.regular
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = MARGIN;
    }

    /// Room for `height` more points on this page, or a new page.
    fn room(&mut self, height: f32) {
        if self.y + height > CONTENT_BOTTOM {
            self.new_page();
        }
    }

    fn mark(&mut self, mark: Mark) {
        self.pages.last_mut().expect("a page").push(mark);
    }

    /// A paragraph across the page's width.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, colour: (u8, u8, u8)) {
        let lines = self.face(bold).wrap(text, size, PAGE_WIDTH - 2.0 * MARGIN);
        for line in lines {
            self.room(size * 1.4);
            self.y += size * 1.2;
            self.mark(Mark::Text { x: MARGIN, y: self.y, size, bold, colour, text: line });
            self.y += size * 0.2;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn rule(&mut self) {
        self.room(8.0);
        self.y += 4.0;
        self.mark(Mark::Rule { y: self.y });
        self.y += 4.0;
    }

    /// One row of a table: each cell's text wrapped to its column; the row moves to a new page whole.
    fn row(&mut self, columns: &[(f32, f32)], cells: &[(String, bool, (u8, u8, u8))], size: f32) {
        let wrapped: Vec<Vec<String>> = cells.iter().zip(columns).map(|((text, bold, _), (_, width))| self.face(*bold).wrap(text, size, *width)).collect();
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        let height = lines as f32 * size * 1.35 + 4.0;
        self.room(height);
        for ((lines, (x, _)), (_, bold, colour)) in wrapped.into_iter().zip(columns).zip(cells) {
            for (i, line) in lines.into_iter().enumerate() {
                let y = self.y + size * 1.1 + i as f32 * size * 1.35;
                self.mark(Mark::Text { x: *x, y, size, bold: *bold, colour: *colour, text: line });
            }
        }
        self.y += height;
    }
}

fn fill((r, g, b): (u8, u8, u8)) -> Fill {
    Fill { paint: rgb::Color::new(r, g, b).into(), opacity: NormalizedF32::ONE, rule: Default::default() }
}

/// The certificate as PDF bytes; `address` is its short public address.
pub fn render(certificate: &Certificate, address: &str) -> Result<Vec<u8>, String> {
    let locale = Locale::from_code(&certificate.locale).unwrap_or_default();
    let (regular, bold) = (Face::new(REGULAR)?, Face::new(BOLD)?);
    let mut layout = Layout { regular: &regular, bold: &bold, pages: Vec::new(), y: MARGIN };
    layout.new_page();
    let t = |key: Key| locale.t(key);

    layout.paragraph("Birgemiz", 12.0, true, BRAND);
    layout.paragraph(t(Key::CertificateTitle), 22.0, true, INK);
    layout.gap(4.0);
    layout.paragraph(t(Key::CertificateIssuer), 10.0, false, MUTED);
    layout.gap(12.0);
    if certificate.holder.is_empty() {
        layout.paragraph(t(Key::CertificateNameWithheld), 13.0, false, MUTED);
    } else {
        layout.paragraph(t(Key::CertificateVolunteer), 10.0, false, MUTED);
        layout.paragraph(&certificate.holder, 18.0, true, INK);
    }
    layout.gap(6.0);
    layout.paragraph(&certificate.scope(locale), 11.0, false, INK);
    if let Some(organization) = certificate.organization.as_ref().and_then(|o| o.pick(locale)) {
        layout.paragraph(&locale.t_with(Key::CertificateOrganization, &[("organization", organization.text)]), 11.0, false, INK);
    }
    layout.gap(8.0);
    layout.paragraph(&locale.t_with(Key::CertificateTotal, &[("hours", &format_hours(locale, certificate.hours))]), 18.0, true, BRAND);
    let mut by_direction: Vec<(String, f64)> = Vec::new();
    for entry in &certificate.entries {
        let name = crate::reference::Direction::by_slug(&entry.direction).map(|d| d.name(locale).to_string()).unwrap_or_else(|| entry.direction.clone());
        match by_direction.iter_mut().find(|(n, _)| *n == name) {
            Some((_, hours)) => *hours += entry.hours,
            None => by_direction.push((name, entry.hours)),
        }
    }
    let by_direction = by_direction.iter().map(|(name, hours)| format!("{name}: {}", format_hours(locale, *hours))).collect::<Vec<_>>().join(" · ");
    layout.paragraph(&by_direction, 10.0, false, MUTED);
    layout.gap(10.0);

    // The entries.
    let columns = [(MARGIN, 185.0), (MARGIN + 193.0, 130.0), (MARGIN + 331.0, 100.0), (MARGIN + 439.0, 56.0)];
    let header = [Key::CertificateCampaign, Key::CertificateOrganizationColumn, Key::CertificateDate, Key::CertificateHours];
    layout.row(&columns, &header.map(|key| (t(key).to_string(), true, MUTED)), 9.0);
    layout.rule();
    for entry in &certificate.entries {
        let title = entry.campaign.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
        let how = match entry.source {
            HoursSource::CheckIn => t(Key::CertificateByCheckIn),
            HoursSource::Organization => t(Key::CertificateEnteredByOrganization),
            HoursSource::Online => t(Key::CertificateByOnlineSessions),
        };
        let organization = entry.organization.pick(locale).map(|s| s.text.to_string()).unwrap_or_default();
        layout.row(
            &columns,
            &[
                (format!("{title} ({how})"), false, INK),
                (organization, false, INK),
                (format_date_range(locale, entry.starts_at, entry.ends_at), false, INK),
                (format_hours(locale, entry.hours), true, INK),
            ],
            9.0,
        );
    }
    layout.rule();
    if certificate.revoked_at.is_some() {
        layout.paragraph(t(Key::CertificateRevoked), 12.0, true, (163, 38, 27));
    }

    // Every page: the number, the issue date, where to check it, and the QR code of that address.
    let pages = layout.pages.len();
    let qr = qrcode::QrCode::with_error_correction_level(address.as_bytes(), qrcode::EcLevel::M).map_err(|e| e.to_string())?;
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(format!("{} {}", t(Key::CertificateTitle), certificate.id))
            .language(locale.code().to_string())
            .creator("Birgemiz".to_string()),
    );
    let issued = locale.t_with(Key::CertificateIssued, &[("id", &certificate.id), ("date", &format_date(locale, certificate.issued_at))]);
    for (number, marks) in layout.pages.into_iter().enumerate() {
        let mut page = document.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT).ok_or("the page's size")?);
        let mut surface = page.surface();
        let text = |surface: &mut Surface, x: f32, y: f32, size: f32, face: &Face, colour: (u8, u8, u8), line: &str| {
            surface.set_fill(Some(fill(colour)));
            surface.draw_text(Point::from_xy(x, y), face.font.clone(), size, line, false, TextDirection::Auto);
        };
        for mark in marks {
            match mark {
                Mark::Text { x, y, size, bold: is_bold, colour, text: line } => text(&mut surface, x, y, size, if is_bold { &bold } else { &regular }, colour, &line),
                Mark::Rule { y } => rectangles(&mut surface, &[(MARGIN, y, PAGE_WIDTH - 2.0 * MARGIN, 0.75)], LINE),
            }
        }
        // The footer: how to check the certificate, beside the QR code of its address.
        let top = PAGE_HEIGHT - MARGIN - QR_SIZE;
        rectangles(&mut surface, &[(MARGIN, top - 10.0, PAGE_WIDTH - 2.0 * MARGIN, 0.75)], LINE);
        let width = PAGE_WIDTH - 2.0 * MARGIN - QR_SIZE - 12.0;
        let mut y = top + 6.0;
        for line in regular.wrap(&issued, 9.0, width) {
            y += 11.0;
            text(&mut surface, MARGIN, y, 9.0, &regular, INK, &line);
        }
        for line in regular.wrap(t(Key::CertificateCheck), 9.0, width) {
            y += 11.0;
            text(&mut surface, MARGIN, y, 9.0, &regular, MUTED, &line);
        }
        y += 14.0;
        text(&mut surface, MARGIN, y, 11.0, &bold, BRAND, address);
        let page_number = locale.t_with(Key::CertificatePage, &[("n", &(number + 1).to_string()), ("of", &pages.to_string())]);
        text(&mut surface, MARGIN, PAGE_HEIGHT - MARGIN + 2.0, 8.0, &regular, MUTED, &page_number);
        qr_code(&mut surface, &qr, PAGE_WIDTH - MARGIN - QR_SIZE, top);
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| format!("{e:?}"))
}

/// Filled rectangles `(x, y, width, height)` in one colour.
fn rectangles(surface: &mut Surface, rectangles: &[(f32, f32, f32, f32)], colour: (u8, u8, u8)) {
    let mut path = PathBuilder::new();
    for (x, y, width, height) in rectangles {
        if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
            path.push_rect(rect);
        }
    }
    if let Some(path) = path.finish() {
        surface.set_fill(Some(fill(colour)));
        surface.draw_path(&path);
    }
}

/// The QR code, its dark modules as squares, in a [`QR_SIZE`] box whose top left is `(x, y)`.
fn qr_code(surface: &mut Surface, code: &qrcode::QrCode, x: f32, y: f32) {
    let modules = code.width();
    // A quiet zone of two modules on each side.
    let size = QR_SIZE / (modules + 4) as f32;
    let dark: Vec<(f32, f32, f32, f32)> = code
        .to_colors()
        .iter()
        .enumerate()
        .filter(|(_, colour)| **colour == qrcode::Color::Dark)
        .map(|(i, _)| (x + ((i % modules) + 2) as f32 * size, y + ((i / modules) + 2) as f32 * size, size, size))
        .collect();
    rectangles(surface, &dark, (0, 0, 0));
}
