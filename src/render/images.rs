//! Page images for the review page: each page of a laid-out document rasterized by
//! `typst-render` (the layout that made the PDF, never a second one), and the passport
//! scans as thumbnails, laid out by Typst in a tiny document of their own. PNG, 4-bit grey.

use std::collections::HashMap;

use anyhow::anyhow;
use typst::foundations::{Bytes, Datetime};
use typst::layout::{Frame, FrameItem};
use typst::syntax::FileId;
use typst_layout::{Page, PagedDocument};

use super::context::Annex;
use super::world::{ContextFiles, DocWorld, Shared};

/// The width of a scan thumbnail, in points (160 px at 96 ppi).
const THUMBNAIL_WIDTH_PT: u32 = 120;

/// One page as an image.
#[derive(Debug, Clone)]
pub struct PageImage {
    pub png: Vec<u8>,
    /// The page's size in points: block boxes are in points too.
    pub width_pt: f64,
    pub height_pt: f64,
}

/// A passport scan (or the copy of the visa support) as a small image.
#[derive(Debug, Clone)]
pub struct Thumbnail {
    /// `WANG LEI (E12345678)`, as the petition's annex labels it.
    pub label: String,
    pub png: Vec<u8>,
}

/// Every page of `document` at `ppi` pixels per inch, on the run's threads; a page that
/// is mostly a picture (an annexed passport scan) at a quarter of that, so that no scan
/// is embedded at a readable size beyond its thumbnail.
pub fn page_images(document: &PagedDocument, ppi: f32) -> anyhow::Result<Vec<PageImage>> {
    use rayon::prelude::*;
    document
        .pages()
        .par_iter()
        .map(|page| {
            let area = page.frame.width().to_pt() * page.frame.height().to_pt();
            let scan = largest_image(&page.frame) > 0.25 * area;
            Ok(PageImage {
                png: rasterize(page, if scan { ppi / 4.0 } else { ppi })?,
                width_pt: page.frame.width().to_pt(),
                height_pt: page.frame.height().to_pt(),
            })
        })
        .collect()
}

/// The area in square points of the largest image on a frame (its groups' scaling
/// ignored: kzinvite's templates place scans unscaled).
fn largest_image(frame: &Frame) -> f64 {
    frame
        .items()
        .map(|(_, item)| match item {
            FrameItem::Group(group) => largest_image(&group.frame),
            FrameItem::Image(_, size, _) => size.x.to_pt() * size.y.to_pt(),
            _ => 0.0,
        })
        .fold(0.0, f64::max)
}

/// The first page of each scan, `THUMBNAIL_WIDTH_PT` wide, at `ppi`.
pub fn thumbnails(
    shared: &Shared,
    files: &HashMap<FileId, Bytes>,
    scans: &[&Annex],
    datetime: Datetime,
    ppi: f32,
) -> anyhow::Result<Vec<Thumbnail>> {
    if scans.is_empty() {
        return Ok(Vec::new());
    }
    // The paths are the virtual ones kzinvite chose (`/scans/0.pdf`): no user text here.
    let mut markup = String::from("#set page(width: auto, height: auto, margin: 0pt)\n");
    for (k, scan) in scans.iter().enumerate() {
        if k > 0 {
            markup.push_str("#pagebreak()\n");
        }
        markup.push_str(&format!(
            "#image(\"{}\", width: {THUMBNAIL_WIDTH_PT}pt)\n",
            scan.path
        ));
    }
    let world = DocWorld::new(
        shared,
        "/thumbnails.typ",
        markup,
        files,
        ContextFiles::whole(Bytes::new(b"{}".to_vec())),
        datetime,
    );
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|e| anyhow!("laying out the scan thumbnails: {e:?}"))?;
    document
        .pages()
        .iter()
        .zip(scans)
        .map(|(page, scan)| {
            Ok(Thumbnail {
                label: scan.label.clone(),
                png: rasterize(page, ppi)?,
            })
        })
        .collect()
}

/// One page as a 4-bit greyscale PNG (letters are black on white).
fn rasterize(page: &Page, ppi: f32) -> anyhow::Result<Vec<u8>> {
    let options = typst_render::RenderOptions {
        pixel_per_pt: f64::from(ppi / 72.0).into(),
        render_bleed: false,
    };
    let pixmap = typst_render::render(page, &options);
    // The page is filled opaque white and the letters are black: one channel is the grey
    // (green, the one the eye weighs most), in 16 levels, two pixels a byte — enough for
    // anti-aliased text, and half the bytes of 8 bits. Plain loops: this crate is built
    // unoptimised in debug, and a page is a million pixels.
    let width = pixmap.width() as usize;
    let row_bytes = width.div_ceil(2);
    let mut grey = vec![0u8; row_bytes * pixmap.height() as usize];
    for (row, out) in pixmap
        .data()
        .chunks_exact(width * 4)
        .zip(grey.chunks_exact_mut(row_bytes))
    {
        for (pair, byte) in row.chunks(8).zip(out.iter_mut()) {
            let level = |k: usize| pair.get(k * 4 + 1).map_or(0, |g| g >> 4);
            *byte = (level(0) << 4) | level(1);
        }
    }
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Four);
    encoder.set_compression(png::Compression::Balanced);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&grey)?;
    writer.finish()?;
    Ok(png)
}
