//! Photos: the only user of `image`. Planning and processing are apart
//! (as in Zola's imageproc): `plan` takes the finished model and returns a
//! `Plan` saying at once which files each photo becomes, with their URLs
//! and sizes, so pages render without waiting; `process` makes them later,
//! in parallel, from a cache outside the site that makes an unchanged
//! photo free on the next build.
//!
//! Every published file is re-encoded or stripped, so no EXIF, GPS or
//! other metadata leaves the machine; EXIF orientation is applied and
//! colour profiles are converted to sRGB.

mod cache;
mod plan;
mod process;

pub use cache::Cache;
pub use plan::{Plan, Planned, Variant, plan, variants};
pub use process::{Job, Progress, Quiet, Summary, process, verify};

use crate::config::ImageFormat;

/// Photos above this many pixels are refused: decoding one would take
/// gigabytes of memory.
pub const MAX_PIXELS: u64 = 100_000_000;

pub fn extension(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Webp => "webp",
        ImageFormat::Jpeg => "jpg",
    }
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
