//! Photos: measuring them for the model and planning what the output
//! publishes. The only user of the `image` crate.

use std::path::Path;

/// Width and height of an image file as it displays, read from its header.
pub fn dimensions(path: &Path) -> Result<(u32, u32), String> {
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot open the photo `{}`: {e}", path.display()))?;
    if reader.format().is_none() {
        return Err(format!(
            "`{}` is not an image annals can read",
            file_name(path)
        ));
    }
    reader.into_dimensions().map_err(|e| {
        format!(
            "the photo `{}` is damaged or not an image: {e}",
            file_name(path)
        )
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
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
