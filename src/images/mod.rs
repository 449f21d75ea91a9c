//! Photos: measuring them for the model and planning what the output
//! publishes. The only user of the `image` crate.

use std::path::Path;

/// Width and height of an image file as it displays, read from its header.
pub fn dimensions(path: &Path) -> Result<(u32, u32), String> {
    let reader = image::ImageReader::open(path)
        .and_then(|r| r.with_guessed_format())
        .map_err(|e| format!("cannot open the photo `{}`: {e}", path.display()))?;
    if reader.format().is_none() {
        return Err(format!("`{}` is not an image annals can read", file_name(path)));
    }
    reader
        .into_dimensions()
        .map_err(|e| format!("the photo `{}` is damaged or not an image: {e}", file_name(path)))
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}
