//! Planning: which files each photo of the site becomes, with their URLs
//! and sizes, known before anything is rendered (as Zola's imageproc
//! enqueues a resize and returns its URL at once). The plan is a value
//! made from the finished model: nothing is written back into it.

use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::ImageDecoder;
use rayon::prelude::*;
use serde::Serialize;

use super::{Job, MAX_PIXELS, extension};
use crate::config::ImageConfig;
use crate::content::{Origin, Photo, Site};
use crate::diagnostic::Diagnostic;
use crate::output::{FileContent, OutputFile};
use crate::tr;

/// One published size of a photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variant {
    /// Output path, relative to the site root.
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// What one photo file becomes when published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    /// The file on disk.
    pub source: PathBuf,
    /// Where the photo was named, and the path written there (for errors
    /// while processing it).
    pub origin: Origin,
    pub src: String,
    /// Width and height as it displays (EXIF orientation applied); 0 where
    /// the file could not be read (its error is in the plan's problems).
    pub width: u32,
    pub height: u32,
    /// The sizes it is published in, smallest first.
    pub variants: Vec<Variant>,
    /// Output path of the original, where originals are published.
    pub original: Option<String>,
}

impl Planned {
    /// The variant to put in `src`: the smallest at least 960 px wide,
    /// which fills a text column on a large screen, else the largest.
    pub fn shown(&self) -> Option<&Variant> {
        self.variants.iter().find(|v| v.width >= 960).or(self.variants.last())
    }

    /// The largest published size, for a full-size view.
    pub fn largest(&self) -> Option<&Variant> {
        self.variants.last()
    }
}

/// Every photo of a site, by its path relative to `content/`.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    photos: BTreeMap<String, Planned>,
}

impl Plan {
    /// What the photo at `path` (relative to `content/`) becomes.
    pub fn get(&self, path: &str) -> Option<&Planned> {
        self.photos.get(path)
    }

    /// What `photo` becomes.
    pub fn of(&self, photo: &Photo) -> Option<&Planned> {
        self.get(&photo.path)
    }

    /// The jobs that make every photo file, once each; a photo that could
    /// not be measured (its problem is told already) has none.
    pub fn jobs(&self) -> Vec<Job<'_>> {
        self.photos
            .values()
            .filter(|p| p.width > 0)
            .map(|p| Job {
                source: &p.source,
                origin: &p.origin,
                src: &p.src,
                variants: p.variants.clone(),
                original: p.original.clone(),
            })
            .collect()
    }

    /// The files processing would make, each standing in as its source
    /// photo: for `check`, which looks at what a build would publish
    /// without making it.
    pub fn files(&self) -> Vec<OutputFile> {
        self.photos
            .values()
            .flat_map(|p| {
                let paths = p.variants.iter().map(|v| v.path.clone()).chain(p.original.clone());
                paths.map(|path| OutputFile { path, content: FileContent::Copy(p.source.clone()) })
            })
            .collect()
    }
}

/// A plan made by hand, for tests of what reads one.
#[cfg(test)]
impl FromIterator<(String, Planned)> for Plan {
    fn from_iter<I: IntoIterator<Item = (String, Planned)>>(photos: I) -> Self {
        Plan { photos: photos.into_iter().collect() }
    }
}

/// Plans every photo of the site: each file's size (read from its header,
/// in parallel), its variants and, where originals are published, the
/// original's path; with a problem for each file that cannot be read.
///
/// Two photos whose names differ only by their extension (`a.jpg`,
/// `a.png`) keep the extension in their variants' names (`a-jpg-480.webp`).
pub fn plan(site: &Site, config: &ImageConfig) -> (Plan, Vec<Diagnostic>) {
    // A file is measured once, and a problem with it is told once, at the
    // last place that shows it.
    let mut named: BTreeMap<&Path, (&Origin, &str)> = BTreeMap::new();
    for photo in site.photos() {
        named.insert(&photo.file, (&photo.origin, &photo.src));
    }
    let sizes: HashMap<&Path, Result<(u32, u32), Unreadable>> =
        named.par_iter().map(|(file, (_, src))| (*file, dimensions(file, src))).collect();
    let mut problems = Vec::new();
    for (file, (origin, _)) in &named {
        if let Some(Err(why)) = sizes.get(file) {
            problems.push(unreadable(why, origin));
        }
    }

    let mut stems: HashMap<&str, usize> = HashMap::new();
    let unique = site.unique_photos();
    for photo in &unique {
        *stems.entry(stem(&photo.path)).or_default() += 1;
    }
    let photos = unique
        .into_iter()
        .map(|photo| {
            let (width, height) =
                sizes.get(photo.file.as_path()).and_then(|s| s.clone().ok()).unwrap_or((0, 0));
            let name = match photo.path.rsplit_once('.') {
                Some((stem, ext)) if stems[stem] > 1 => format!("{stem}-{ext}.{ext}"),
                _ => photo.path.clone(),
            };
            let planned = Planned {
                source: photo.file.clone(),
                origin: photo.origin.clone(),
                src: photo.src.clone(),
                width,
                height,
                variants: variants(&name, width, height, config),
                original: config.originals.then(|| photo.path.clone()),
            };
            (photo.path.clone(), planned)
        })
        .collect();
    (Plan { photos }, problems)
}

fn stem(path: &str) -> &str {
    path.rsplit_once('.').map_or(path, |(s, _)| s)
}

/// Why a photo cannot be measured: the message, and whether the photo is
/// readable but too large (its hint says to scale it down).
#[derive(Debug, Clone)]
struct Unreadable {
    message: String,
    too_large: bool,
}

impl Unreadable {
    fn new(message: String) -> Self {
        Unreadable { message, too_large: false }
    }
}

fn unreadable(why: &Unreadable, origin: &Origin) -> Diagnostic {
    let hint =
        if why.too_large { tr!("images-too-large-hint") } else { tr!("images-unreadable-hint") };
    Diagnostic::new(&origin.file, why.message.as_str()).at(origin.line, origin.column).hint(hint)
}

/// The sizes a photo of `width`×`height` at `path` (relative to
/// `content/`) is published in: each configured width it can fill, never
/// upscaled; a photo narrower than every width is published at its own.
/// `photos/a.jpg` at 480 px becomes `photos/a-480.webp`.
pub fn variants(path: &str, width: u32, height: u32, config: &ImageConfig) -> Vec<Variant> {
    let (dir, name) = path.rsplit_once('/').map_or(("", path), |(d, n)| (d, n));
    let stem = stem(name);
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

/// Width and height of an image file as it displays (EXIF orientation
/// applied), read from its header without decoding it; messages name it
/// `name`, as the page wrote it.
fn dimensions(path: &Path, name: &str) -> Result<(u32, u32), Unreadable> {
    let bytes = std::fs::read(path).map_err(|e| {
        Unreadable::new(tr!("images-cannot-read", photo = name, error = e.to_string()))
    })?;
    if bytes.is_empty() {
        return Err(Unreadable::new(tr!("images-empty", photo = name)));
    }
    let reader =
        image::ImageReader::new(Cursor::new(&bytes)).with_guessed_format().map_err(|e| {
            Unreadable::new(tr!("images-cannot-read", photo = name, error = e.to_string()))
        })?;
    if reader.format().is_none() {
        return Err(Unreadable::new(tr!("images-not-an-image", photo = name)));
    }
    let mut decoder = reader.into_decoder().map_err(|e| {
        Unreadable::new(tr!("images-damaged", photo = name, error = e.to_string().trim()))
    })?;
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        let message = tr!(
            "images-too-large",
            photo = name,
            width = w,
            height = h,
            megapixels = format!("{:.0}", (u64::from(w) * u64::from(h)) as f64 / 1e6),
            most = MAX_PIXELS / 1_000_000
        );
        return Err(Unreadable { message, too_large: true });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ImageFormat;

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
        let small = variants("b.png", 300, 200, &config(&[480, 960]));
        assert_eq!(
            (small[0].width, small[0].height, small[0].path.as_str()),
            (300, 200, "b-300.webp")
        );
    }

    #[test]
    fn the_shown_size_fills_a_column() {
        let planned = |widths: &[u32]| Planned {
            source: PathBuf::new(),
            origin: Origin::default(),
            src: "a.jpg".into(),
            width: 1600,
            height: 1000,
            variants: variants("a.jpg", 1600, 1000, &config(widths)),
            original: None,
        };
        assert_eq!(planned(&[480, 960, 1600]).shown().map(|v| v.width), Some(960));
        assert_eq!(planned(&[480, 640]).shown().map(|v| v.width), Some(640));
        assert_eq!(planned(&[480, 960, 1600]).largest().map(|v| v.width), Some(1600));
    }

    #[test]
    fn a_plan_is_made_from_the_model_and_names_what_it_cannot_read() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.jpg");
        std::fs::write(&good, super::super::placeholder_jpeg(1200, 800)).unwrap();
        let bad = dir.path().join("b.jpg");
        std::fs::write(&bad, b"not a photo").unwrap();
        let photo = |file: &Path, path: &str, line| Photo {
            file: file.to_path_buf(),
            path: path.into(),
            src: path.into(),
            caption: Some("c".into()),
            alt: None,
            credit: None,
            date: None,
            place: None,
            page: String::new(),
            origin: Origin { file: "content/_index.md".into(), line, column: 3 },
        };
        let site = Site {
            home: crate::content::Home {
                photos: vec![photo(&good, "a.jpg", 5), photo(&bad, "b.jpg", 7)],
                ..Default::default()
            },
            ..Default::default()
        };
        let (plan, problems) = plan(&site, &config(&[480, 960]));
        let a = plan.get("a.jpg").unwrap();
        assert_eq!((a.width, a.height, a.variants.len()), (1200, 800, 2));
        assert_eq!(plan.files().len(), 3);
        assert_eq!(problems.len(), 1);
        assert_eq!((problems[0].line, problems[0].column), (Some(7), Some(3)));
        assert!(problems[0].message.contains("`b.jpg`"), "{}", problems[0].message);
    }
}
