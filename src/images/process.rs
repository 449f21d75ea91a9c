//! Making the planned variants: each photo decoded once (orientation
//! applied, colour converted to sRGB), resized to every width from the
//! next larger one with fast_image_resize, encoded as lossy WebP (libwebp)
//! or JPEG, and kept in the cache. Photos are independent, so they are
//! processed in parallel; rayon's pool bounds how many are decoded at once.

use std::io::Cursor;
use std::path::Path;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageReader};
use rayon::prelude::*;

use super::{Cache, Variant, extension};
use crate::config::{ImageConfig, ImageFormat};
use crate::content::Origin;
use crate::diagnostic::Diagnostic;
use crate::output::{FileContent, OutputFile};
use crate::tr;

/// Told how processing goes, for a progress bar; the library never prints.
pub trait Progress: Sync {
    /// `total` photos are about to be made (cached ones are not counted).
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// No progress shown.
pub struct Quiet;
impl Progress for Quiet {}

/// One photo to publish.
pub struct Job<'a> {
    pub source: &'a Path,
    /// Where the photo was named, and the path written there, for errors.
    pub origin: &'a Origin,
    pub src: &'a str,
    pub variants: Vec<Variant>,
    /// Output path of the original, where originals are published.
    pub original: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Summary {
    pub photos: usize,
    /// Photos decoded and encoded by this build.
    pub processed: usize,
    /// Photos whose every file came from the cache.
    pub cached: usize,
    /// Cache entries removed because no photo uses them any more.
    pub pruned: usize,
}

/// The files of a photo: (cache entry name, output path).
type Entries = Vec<(String, String)>;

/// The files of a photo in the cache: (entry name, output path).
fn entries(job: &Job<'_>, key: &str, config: &ImageConfig) -> Vec<(String, String)> {
    let ext = extension(config.format);
    let mut names: Vec<(String, String)> =
        job.variants.iter().map(|v| (format!("{key}-{}.{ext}", v.width), v.path.clone())).collect();
    if let Some(path) = &job.original {
        let source_ext = path.rsplit_once('.').map_or("img", |(_, e)| e).to_ascii_lowercase();
        names.push((format!("{key}-original.{source_ext}"), path.clone()));
    }
    names
}

/// Makes every job's files (or finds them in the cache) and returns them as
/// output files copied from the cache.
pub fn process(
    jobs: &[Job<'_>],
    config: &ImageConfig,
    cache: &Cache,
    progress: &dyn Progress,
) -> Result<(Vec<OutputFile>, Summary), Vec<Diagnostic>> {
    let settings = settings(config);
    let planned: Vec<(&Job<'_>, Result<Entries, Diagnostic>)> = jobs
        .iter()
        .map(|job| {
            let key = Cache::key(job.source, &settings).map_err(|e| error(job, &e.to_string()));
            (job, key.map(|k| entries(job, &k, config)))
        })
        .collect();
    let todo = planned
        .iter()
        .filter(|(_, names)| {
            names
                .as_ref()
                .is_ok_and(|n| n.iter().any(|(name, _)| !cache.dir().join(name).is_file()))
        })
        .count();
    if todo > 0 {
        progress.start(todo);
    }
    let results: Vec<Result<(Vec<OutputFile>, bool), Diagnostic>> = planned
        .into_par_iter()
        .map(|(job, names)| {
            let names = names?;
            let cached = names.iter().all(|(name, _)| cache.dir().join(name).is_file());
            if !cached {
                make(job, &names, config, cache).map_err(|e| error(job, &e))?;
                progress.advance();
            }
            let files = names
                .into_iter()
                .map(|(name, path)| OutputFile {
                    path,
                    content: FileContent::Copy(cache.entry(&name)),
                })
                .collect();
            Ok((files, cached))
        })
        .collect();
    if todo > 0 {
        progress.finish();
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut summary = Summary { photos: jobs.len(), ..Summary::default() };
    for r in results {
        match r {
            Ok((f, cached)) => {
                files.extend(f);
                if cached {
                    summary.cached += 1;
                } else {
                    summary.processed += 1;
                }
            }
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() { Ok((files, summary)) } else { Err(errors) }
}

/// What shapes a photo's files besides the photo, for its cache key.
fn settings(config: &ImageConfig) -> String {
    format!("{}|{}", extension(config.format), config.quality)
}

/// The photos a build would fail on, found without making their files:
/// `check` decodes each one whose files are not all in the cache (one that
/// is was decoded whole when they were made), in parallel, and keeps
/// nothing.
pub fn verify(jobs: &[Job<'_>], config: &ImageConfig, cache: Option<&Cache>) -> Vec<Diagnostic> {
    let settings = settings(config);
    let cached = |job: &Job<'_>| {
        let key = Cache::key(job.source, &settings).ok();
        cache.zip(key).is_some_and(|(cache, key)| {
            entries(job, &key, config).iter().all(|(name, _)| cache.dir().join(name).is_file())
        })
    };
    jobs.par_iter()
        .filter(|job| !cached(job))
        .filter_map(|job| {
            let bytes = std::fs::read(job.source).map_err(|e| e.to_string());
            bytes.and_then(|b| decode(&b).map(drop)).err().map(|e| error(job, &e))
        })
        .collect()
}

fn error(job: &Job<'_>, message: &str) -> Diagnostic {
    Diagnostic::new(
        &job.origin.file,
        tr!("images-cannot-process", photo = job.src, message = message),
    )
    .at(job.origin.line, job.origin.column)
    .hint(tr!("images-cannot-process-hint"))
}

/// Decodes a photo once and stores every file planned for it.
fn make(
    job: &Job<'_>,
    names: &[(String, String)],
    config: &ImageConfig,
    cache: &Cache,
) -> Result<(), String> {
    let bytes = std::fs::read(job.source).map_err(|e| e.to_string())?;
    let Decoded { mut img, format: source_format, orientation, icc } = decode(&bytes)?;
    img.apply_orientation(orientation);
    if job.original.is_some() {
        // A photo EXIF says to turn is published turned: from the pixels
        // decoded here; any other, losslessly from its file.
        let original = if orientation == Orientation::NoTransforms {
            stripped_original(&bytes, source_format)?
        } else {
            turned_original(&img, icc.as_deref(), source_format)?
        };
        let (name, _) = names.last().expect("the original comes last");
        cache
            .store(name, &original)
            .map_err(|e| tr!("images-cache-unwritable", error = e.to_string()))?;
    }

    let alpha = img.color().has_alpha() && config.format == ImageFormat::Webp;
    let (mut pixels, pixel_type) = if alpha {
        (img.to_rgba8().into_raw(), PixelType::U8x4)
    } else if img.color().has_alpha() {
        // JPEG has no transparency: set it on white, not on black.
        (on_white(&img.to_rgba8()), PixelType::U8x3)
    } else {
        (img.to_rgb8().into_raw(), PixelType::U8x3)
    };
    if let Some(profile) = &icc {
        to_srgb(&mut pixels, alpha, profile);
    }
    let mut current = Image::from_vec_u8(img.width(), img.height(), pixels, pixel_type)
        .map_err(|e| e.to_string())?;
    drop(img);

    // Largest first, each from the one before: cheaper than from the
    // full-size photo every time, and as sharp with Lanczos.
    let mut resizer = Resizer::new();
    let options = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3));
    for (variant, (name, _)) in job.variants.iter().zip(names).rev() {
        if variant.width != current.width() || variant.height != current.height() {
            let mut next = Image::new(variant.width, variant.height, pixel_type);
            resizer.resize(&current, &mut next, &options).map_err(|e| e.to_string())?;
            current = next;
        }
        let encoded = encode(&current, alpha, config)?;
        cache
            .store(name, &encoded)
            .map_err(|e| tr!("images-cache-unwritable", error = e.to_string()))?;
    }
    Ok(())
}

/// A photo's pixels, as stored (not yet turned), and what says how to show
/// them.
struct Decoded {
    img: DynamicImage,
    format: Option<image::ImageFormat>,
    orientation: Orientation,
    icc: Option<Vec<u8>>,
}

/// Decodes a photo. A damaged file is an error, never a picture made up
/// around the damage.
fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| e.to_string())?;
    let format = reader.format();
    if format == Some(image::ImageFormat::Jpeg) {
        return decode_jpeg(bytes);
    }
    let mut decoder = reader.into_decoder().map_err(|e| e.to_string())?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let icc = decoder.icc_profile().ok().flatten();
    let img = DynamicImage::from_decoder(decoder).map_err(|e| e.to_string())?;
    Ok(Decoded { img, format, orientation, icc })
}

/// A JPEG decoded by zune-jpeg, the `image` crate's own JPEG decoder, with
/// the same output but in strict mode: through `image` it is lenient, and a
/// file cut off inside its image data, or with corrupt data, came out grey
/// where the data was missing, without a word.
fn decode_jpeg(bytes: &[u8]) -> Result<Decoded, String> {
    use zune_core::colorspace::ColorSpace;
    use zune_core::options::DecoderOptions;
    let damaged =
        |e: zune_jpeg::errors::DecodeErrors| tr!("images-jpeg-damaged", error = e.to_string());
    let options = DecoderOptions::default()
        .set_strict_mode(true)
        .set_max_width(usize::MAX)
        .set_max_height(usize::MAX);
    let mut decoder = zune_jpeg::JpegDecoder::new_with_options(
        zune_core::bytestream::ZCursor::new(bytes),
        options,
    );
    decoder.decode_headers().map_err(damaged)?;
    let (width, height) = decoder.dimensions().ok_or_else(|| tr!("images-jpeg-no-size"))?;
    let colour = match decoder.input_colorspace() {
        Some(c @ (ColorSpace::RGB | ColorSpace::RGBA | ColorSpace::Luma | ColorSpace::LumaA)) => c,
        _ => ColorSpace::RGB,
    };
    decoder.set_options(decoder.options().jpeg_set_out_colorspace(colour));
    let icc = decoder.icc_profile();
    let orientation = decoder
        .exif()
        .and_then(|exif| Orientation::from_exif_chunk(exif))
        .unwrap_or(Orientation::NoTransforms);
    let pixels = decoder.decode().map_err(damaged)?;
    let (width, height) = (width as u32, height as u32);
    let wrong_size = || tr!("images-jpeg-wrong-size");
    let img = match colour {
        ColorSpace::Luma => DynamicImage::ImageLuma8(
            image::GrayImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
        ColorSpace::LumaA => DynamicImage::ImageLumaA8(
            image::GrayAlphaImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
        ColorSpace::RGBA => DynamicImage::ImageRgba8(
            image::RgbaImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
        _ => DynamicImage::ImageRgb8(
            image::RgbImage::from_raw(width, height, pixels).ok_or_else(wrong_size)?,
        ),
    };
    Ok(Decoded { img, format: Some(image::ImageFormat::Jpeg), orientation, icc })
}

/// RGBA pixels blended onto a white background, as RGB.
fn on_white(rgba: &image::RgbaImage) -> Vec<u8> {
    rgba.pixels()
        .flat_map(|p| {
            let a = u16::from(p[3]);
            [0, 1, 2].map(|c| ((u16::from(p[c]) * a + 255 * (255 - a) + 127) / 255) as u8)
        })
        .collect()
}

fn encode(img: &Image<'_>, alpha: bool, config: &ImageConfig) -> Result<Vec<u8>, String> {
    let (w, h, data) = (img.width(), img.height(), img.buffer());
    match config.format {
        ImageFormat::Webp => {
            let encoder = if alpha {
                webp::Encoder::from_rgba(data, w, h)
            } else {
                webp::Encoder::from_rgb(data, w, h)
            };
            Ok(encoder.encode(f32::from(config.quality)).to_vec())
        }
        ImageFormat::Jpeg => {
            let mut out = Vec::with_capacity(data.len() / 8);
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, config.quality)
                .encode(data, w, h, image::ExtendedColorType::Rgb8)
                .map_err(|e| e.to_string())?;
            Ok(out)
        }
    }
}

/// Converts pixels described by an ICC profile to sRGB in place; pixels
/// already in sRGB, or with a profile that cannot be read, are left alone.
fn to_srgb(pixels: &mut [u8], alpha: bool, icc: &[u8]) {
    let Some(input) = qcms::Profile::new_from_slice(icc, false) else { return };
    if input.is_sRGB() {
        return;
    }
    let mut output = qcms::Profile::new_sRGB();
    output.precache_output_transform();
    let ty = if alpha { qcms::DataType::RGBA8 } else { qcms::DataType::RGB8 };
    if let Some(transform) = qcms::Transform::new(&input, &output, ty, qcms::Intent::Perceptual) {
        transform.apply(pixels);
    }
}

/// The original file without its metadata, losslessly, keeping only what
/// decoding needs (a JPEG's colour profile and Adobe colour transform).
fn stripped_original(bytes: &[u8], format: Option<image::ImageFormat>) -> Result<Vec<u8>, String> {
    use img_parts::{Bytes, ImageEXIF};
    let data = Bytes::copy_from_slice(bytes);
    match format {
        Some(image::ImageFormat::Jpeg) => {
            let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(data).map_err(|e| e.to_string())?;
            jpeg.segments_mut().retain(|s| needed_to_decode(s.marker(), s.contents()));
            Ok(jpeg.encoder().bytes().to_vec())
        }
        Some(image::ImageFormat::Png) => {
            let mut png = img_parts::png::Png::from_bytes(data).map_err(|e| e.to_string())?;
            png.set_exif(None);
            for chunk in [*b"tEXt", *b"iTXt", *b"zTXt", *b"tIME"] {
                png.remove_chunks_by_type(chunk);
            }
            Ok(png.encoder().bytes().to_vec())
        }
        Some(image::ImageFormat::WebP) => {
            let mut webp = img_parts::webp::WebP::from_bytes(data).map_err(|e| e.to_string())?;
            // XMP first: dropping the EXIF chunk rewrites the VP8X flags
            // from the chunks that are left.
            webp.remove_chunks_by_id(*b"XMP ");
            webp.set_exif(None);
            Ok(webp.encoder().bytes().to_vec())
        }
        _ => Ok(bytes.to_vec()),
    }
}

/// Whether a JPEG segment is kept in a published original: everything but
/// the application segments (APP0–APP15: EXIF, XMP, IPTC, maker notes,
/// thumbnails, Photoshop's) and comments, except the colour profile
/// (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14 `Adobe`), which
/// decoding needs.
fn needed_to_decode(marker: u8, contents: &[u8]) -> bool {
    const APP0: u8 = 0xE0;
    const APP2: u8 = 0xE2;
    const APP14: u8 = 0xEE;
    const APP15: u8 = 0xEF;
    const COM: u8 = 0xFE;
    match marker {
        APP2 => contents.starts_with(b"ICC_PROFILE\0"),
        APP14 => contents.starts_with(b"Adobe"),
        APP0..=APP15 | COM => false,
        _ => true,
    }
}

/// The original of a photo that EXIF says to turn, as its orientation tag
/// goes with the metadata: `img` turned, converted from its profile to
/// sRGB like its variants, encoded again in its own format (a JPEG at
/// quality 95).
fn turned_original(
    img: &DynamicImage,
    icc: Option<&[u8]>,
    format: Option<image::ImageFormat>,
) -> Result<Vec<u8>, String> {
    let alpha = img.color().has_alpha() && format != Some(image::ImageFormat::Jpeg);
    let img = if alpha {
        let mut rgba = img.to_rgba8();
        if let Some(profile) = icc {
            to_srgb(&mut rgba, true, profile);
        }
        DynamicImage::ImageRgba8(rgba)
    } else {
        let mut rgb = img.to_rgb8();
        if let Some(profile) = icc {
            to_srgb(&mut rgb, false, profile);
        }
        DynamicImage::ImageRgb8(rgb)
    };
    let mut out = Vec::new();
    match format {
        Some(image::ImageFormat::Jpeg) | None => {
            image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 95)
                .encode_image(&img)
                .map_err(|e| e.to_string())?;
        }
        Some(f) => img.write_to(&mut Cursor::new(&mut out), f).map_err(|e| e.to_string())?,
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_decoding_needs_is_kept_of_a_jpeg() {
        assert!(needed_to_decode(0xC0, b"")); // SOF0
        assert!(needed_to_decode(0xDB, b"")); // DQT
        assert!(needed_to_decode(0xE2, b"ICC_PROFILE\0\x01\x01"));
        assert!(needed_to_decode(0xEE, b"Adobe\0d"));
        assert!(!needed_to_decode(0xE0, b"JFIF\0"));
        assert!(!needed_to_decode(0xE1, b"Exif\0\0"));
        assert!(!needed_to_decode(0xE2, b"MPF\0"), "a multi-picture index holds previews");
        assert!(!needed_to_decode(0xEC, b"Ducky"));
        assert!(!needed_to_decode(0xED, b"Photoshop 3.0"));
        assert!(!needed_to_decode(0xFE, b"Home: 12 Secret Street"));
    }

    #[test]
    fn transparency_is_set_on_white() {
        let img = image::RgbaImage::from_raw(2, 1, vec![0, 0, 0, 0, 255, 0, 0, 255]).unwrap();
        assert_eq!(on_white(&img), [255, 255, 255, 255, 0, 0]);
    }
}
