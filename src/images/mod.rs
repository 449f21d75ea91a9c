//! Photos: the only user of `image`. Planning and processing are apart
//! (as in Zola's imageproc): `variants` says at once which files a photo
//! becomes, with their URLs and sizes, so pages render without waiting;
//! `process` makes them later, in parallel, from a cache outside the site
//! that makes an unchanged photo free on the next build.
//!
//! Every published file is re-encoded or stripped, so no EXIF, GPS or
//! other metadata leaves the machine; EXIF orientation is applied and
//! colour profiles are converted to sRGB.

mod cache;
mod process;

use std::io::Cursor;
use std::path::Path;

use image::ImageDecoder;
use serde::Serialize;

pub use cache::Cache;
pub use process::{Job, Progress, Quiet, Summary, process};

use crate::config::{ImageConfig, ImageFormat};

/// Photos above this many pixels are refused: decoding one would take
/// gigabytes of memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// One published size of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// Output path, relative to the site root.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// Width and height of an image file as it displays (EXIF orientation
/// applied), read from its header without decoding it.
pub fn dimensions(path: &Path) -> Result<(u32, u32), String> {
    let name = file_name(path);
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the photo `{name}`: {e}"))?;
    if bytes.is_empty() {
        return Err(format!("the photo `{name}` is an empty file"));
    }
    let reader = image::ImageReader::new(Cursor::new(&bytes))
        .with_guessed_format()
        .map_err(|e| format!("cannot read the photo `{name}`: {e}"))?;
    if reader.format().is_none() {
        return Err(format!("`{name}` is not an image annals can read"));
    }
    let mut decoder = reader.into_decoder().map_err(|e| {
        format!("the photo `{name}` is damaged or not an image: {}", e.to_string().trim())
    })?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(format!(
            "the photo `{name}` is {w}×{h}, {:.0} megapixels; annals takes photos of up to {} megapixels",
            (u64::from(w) * u64::from(h)) as f64 / 1e6,
            MAX_PIXELS / 1_000_000
        ));
    }
    let turned = matches!(
        decoder.orientation().unwrap_or(image::metadata::Orientation::NoTransforms),
        image::metadata::Orientation::Rotate90
            | image::metadata::Orientation::Rotate270
            | image::metadata::Orientation::Rotate90FlipH
            | image::metadata::Orientation::Rotate270FlipH
    );
    Ok(if turned { (h, w) } else { (w, h) })
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Webp => "webp",
        ImageFormat::Jpeg => "jpg",
    }
}

/// The sizes a photo of `width`×`height` at `path` (relative to
/// `content/`) is published in: each configured width it can fill, never
/// upscaled; a photo narrower than every width is published at its own.
/// `photos/a.jpg` at 480 px becomes `photos/a-480.webp`.
pub fn variants(path: &str, width: u32, height: u32, config: &ImageConfig) -> Vec<Variant> {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let ext = extension(config.format);
    let mut widths: Vec<u32> = config.widths.iter().copied().filter(|w| *w <= width).collect();
    if widths.is_empty() {
        widths.push(width.max(1));
    }
    widths
        .into_iter()
        .map(|w| Variant {
            path: if dir.is_empty() {
                format!("{stem}-{w}.{ext}")
            } else {
                format!("{dir}/{stem}-{w}.{ext}")
            },
            width: w,
            height: ((u64::from(height) * u64::from(w) + u64::from(width) / 2)
                / u64::from(width.max(1)))
            .max(1) as u32,
        })
        .collect()
}

/// Plans every photo of the site: its variants and, where originals are
/// published, the original's path.
/// Two photos whose names differ only by their extension (`a.jpg`,
/// `a.png`) keep the extension in their variants' names (`a-jpg-480.webp`).
pub fn plan(site: &mut crate::content::Site, config: &ImageConfig) {
    let mut stems: std::collections::HashMap<String, std::collections::BTreeSet<String>> =
        Default::default();
    for photo in site.unique_photos() {
        let stem = photo.path.rsplit_once('.').map_or(photo.path.as_str(), |(s, _)| s);
        stems.entry(stem.to_owned()).or_default().insert(photo.path.clone());
    }
    for photo in site.photos_mut() {
        let name = match photo.path.rsplit_once('.') {
            Some((stem, ext)) if stems.get(stem).is_some_and(|paths| paths.len() > 1) => {
                format!("{stem}-{ext}.{ext}")
            }
            _ => photo.path.clone(),
        };
        photo.variants = variants(&name, photo.width, photo.height, config);
        photo.original = config.originals.then(|| photo.path.clone());
    }
}

/// The jobs that make every photo file of the site, once each.
pub fn jobs(site: &crate::content::Site) -> Vec<Job<'_>> {
    site.unique_photos()
        .into_iter()
        .map(|p| Job {
            source: &p.file,
            origin: &p.origin,
            variants: p.variants.clone(),
            original: p.original.clone(),
        })
        .collect()
}

/// The files `process` would make, each standing in as its source photo:
/// for `check`, which looks at what a build would publish without making it.
pub fn planned_files(site: &crate::content::Site) -> Vec<crate::output::OutputFile> {
    use crate::output::{FileContent, OutputFile};
    site.unique_photos()
        .into_iter()
        .flat_map(|p| {
            let paths = p.variants.iter().map(|v| v.path.clone()).chain(p.original.clone());
            paths
                .map(|path| OutputFile { path, content: FileContent::Copy(p.file.clone()) })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The variant to put in `src`: the smallest at least 960 px wide, which
/// fills a text column on a large screen, else the largest.
pub fn default_variant(variants: &[Variant]) -> Option<&Variant> {
    variants.iter().find(|v| v.width >= 960).or(variants.last())
}

/// A small landscape drawn as a JPEG, for the photo of a new site: sky,
/// sun and hills, the same bytes every time.
pub fn placeholder_jpeg(width: u32, height: u32) -> Vec<u8> {
    let (w, h) = (width as f32, height as f32);
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / w, y as f32 / h);
        let sun = ((fx - 0.72).powi(2) + (fy * h / w - 0.22).powi(2)).sqrt() < 0.07;
        let far = fy > 0.55 + 0.08 * (fx * 7.0).sin();
        let near = fy > 0.72 + 0.06 * (fx * 4.0 + 1.0).cos();
        let shade = |c: f32| (c * (1.0 - 0.25 * fy)) as u8;
        if near {
            image::Rgb([shade(70.0), shade(120.0), shade(70.0)])
        } else if far {
            image::Rgb([shade(110.0), shade(150.0), shade(110.0)])
        } else if sun {
            image::Rgb([250, 210, 120])
        } else {
            image::Rgb([(150.0 + 80.0 * fy) as u8, (190.0 + 40.0 * fy) as u8, 235])
        }
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&img)
        .expect("encoding into memory cannot fail");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(widths: &[u32]) -> ImageConfig {
        ImageConfig {
            widths: widths.to_vec(),
            format: ImageFormat::Webp,
            quality: 80,
            originals: false,
        }
    }

    #[test]
    fn variants_never_upscale() {
        let v = variants("2024/photos/a.jpg", 1200, 800, &config(&[480, 960, 1600]));
        let sizes: Vec<(u32, u32)> = v.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(sizes, [(480, 320), (960, 640)]);
        assert_eq!(v[0].path, "2024/photos/a-480.webp");
        assert_eq!(default_variant(&v).map(|v| v.width), Some(960));
        let small = variants("b.png", 300, 200, &config(&[480, 960]));
        assert_eq!(
            (small[0].width, small[0].height, small[0].path.as_str()),
            (300, 200, "b-300.webp")
        );
    }
}
