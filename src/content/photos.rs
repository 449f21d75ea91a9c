//! The photos a page shows: those its front matter lists and those its
//! Markdown body shows, found relative to the page's folder or the
//! report's, kept inside `content/`, each with alt text or a caption.
//! Their pixels are the `images` stage's business.

use std::path::{Path, PathBuf};

use super::front_matter::RawPhoto;
use super::loader::Loader;
use super::markdown_refs;
use super::{Markdown, Origin, Photo};
use crate::diagnostic::Diagnostic;
use crate::tr;
use crate::yaml::Source;

impl Loader<'_> {
    /// The photos of a page: those its front matter lists, then those its
    /// body shows.
    pub(super) fn page_photos(
        &mut self,
        source: &Source<'_>,
        raw: Vec<RawPhoto>,
        body: &Markdown,
        dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
    ) -> Vec<Photo> {
        let mut photos: Vec<Photo> = raw
            .into_iter()
            .filter_map(|p| self.photo(source, p, dir, report_dir, page_path))
            .collect();
        self.body_photos(
            source.file,
            source.text,
            &body.text,
            body.first_line,
            dir,
            report_dir,
            page_path,
            &mut photos,
        );
        photos
    }

    /// Adds the photos a Markdown body shows to `photos`, merging with the
    /// front matter's entry for the same file.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn body_photos(
        &mut self,
        file: &Path,
        text: &str,
        body: &str,
        body_line: usize,
        page_dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
        photos: &mut Vec<Photo>,
    ) {
        let images = self.images.remove(file).unwrap_or_else(|| markdown_refs::images(body));
        for image in images {
            let (line, column) = markdown_refs::line_column(body, image.offset);
            let line = line + body_line - 1;
            let dest = markdown_refs::percent_decode(&image.dest);
            match self.resolve_photo_path(&dest, page_dir, report_dir) {
                Ok((abs, path)) => {
                    if let Some(existing) = photos.iter_mut().find(|p| p.path == path) {
                        if existing.caption.is_none() && !image.title.is_empty() {
                            existing.caption = Some(image.title);
                        }
                        continue;
                    }
                    if image.alt.trim().is_empty() && image.title.trim().is_empty() {
                        self.error(
                            Diagnostic::new(
                                file,
                                tr!("content-image-no-alt", src = image.dest.as_str()),
                            )
                            .at(line, column)
                            .with_source(text)
                            .hint(tr!("content-image-no-alt-hint")),
                        );
                        continue;
                    }
                    photos.push(Photo {
                        file: abs,
                        path,
                        src: image.dest.clone(),
                        caption: (!image.title.is_empty()).then_some(image.title),
                        alt: (!image.alt.is_empty()).then_some(image.alt),
                        credit: None,
                        date: None,
                        place: None,
                        page: page_path.to_owned(),
                        origin: Origin { file: file.to_path_buf(), line, column },
                    });
                }
                Err((message, hint)) => self.error(
                    Diagnostic::new(file, message).at(line, column).with_source(text).hint(hint),
                ),
            }
        }
    }

    pub(super) fn photo(
        &mut self,
        source: &Source<'_>,
        raw: RawPhoto,
        page_dir: &str,
        report_dir: Option<&str>,
        page_path: &str,
    ) -> Option<Photo> {
        let RawPhoto { src, caption, alt, credit, date, place } = raw;
        let caption = self.text_opt(source, caption);
        let alt = self.text_opt(source, alt);
        let place = self.text_opt(source, place);
        let (abs, path) = match self.resolve_photo_path(&src.value, page_dir, report_dir) {
            Ok(found) => found,
            Err((message, hint)) => {
                self.error_at(source, &src.referenced, message, hint);
                return None;
            }
        };
        if caption.as_deref().is_none_or(|c| c.trim().is_empty())
            && alt.as_deref().is_none_or(|a| a.trim().is_empty())
        {
            self.error_at(
                source,
                &src.referenced,
                tr!("content-photo-no-alt", src = src.value.as_str()),
                tr!("content-photo-no-alt-hint"),
            );
            return None;
        }
        let date = self.date(source, date);
        let (line, column) = (
            src.referenced.line() as usize + source.first_line - 1,
            src.referenced.column() as usize,
        );
        Some(Photo {
            file: abs,
            path,
            src: src.value,
            caption,
            alt,
            credit,
            date,
            place,
            page: page_path.to_owned(),
            origin: Origin { file: source.file.to_path_buf(), line, column },
        })
    }

    /// Finds a photo by a path relative to the page's folder, else to the
    /// report's folder; it must stay inside `content/`.
    pub(super) fn resolve_photo_path(
        &self,
        src: &str,
        page_dir: &str,
        report_dir: Option<&str>,
    ) -> Result<(PathBuf, String), (String, String)> {
        if !markdown_refs::is_local(src) {
            return Err((
                tr!("content-photo-not-local", src = src),
                tr!("content-photo-not-local-hint"),
            ));
        }
        let mut tried = Vec::new();
        for base in std::iter::once(page_dir).chain(report_dir) {
            let Some(rel) = markdown_refs::join_relative(base, src) else {
                return Err((
                    tr!("content-photo-outside", src = src),
                    tr!("content-photo-outside-hint"),
                ));
            };
            let abs = self.content.join(&rel);
            match abs.canonicalize() {
                Ok(real) if real.starts_with(self.content) => {
                    if real.is_dir() {
                        return Err((
                            tr!("content-photo-folder", src = src),
                            tr!("content-photo-folder-hint"),
                        ));
                    }
                    return Ok((real, rel));
                }
                Ok(_) => {
                    return Err((
                        tr!("content-photo-link-outside", src = src),
                        tr!("content-photo-link-outside-hint"),
                    ));
                }
                Err(_) => tried.push(format!("content/{rel}")),
            }
        }
        tried.dedup();
        // At most two places: beside the page, in the report's folder.
        let hint = match tried.as_slice() {
            [first, second] => {
                tr!("content-photo-missing-hint-two", first = first, second = second)
            }
            _ => tr!("content-photo-missing-hint", path = tried.join(", ")),
        };
        Err((tr!("content-photo-missing", src = src), hint))
    }
}

#[cfg(test)]
mod tests {
    use super::super::loader::content_folder;
    use super::*;

    #[test]
    fn a_photo_is_found_beside_its_page_then_in_its_report() {
        let dir = content_folder(&[
            ("2024/photos/a.jpg", "x"),
            ("2024/02-b/b.jpg", "x"),
            ("outside.jpg", "x"),
        ]);
        let content = dir.path().canonicalize().unwrap();
        let loader = Loader::new(&content, false);
        let found = |src: &str, page: &str| loader.resolve_photo_path(src, page, Some("2024"));
        assert_eq!(found("b.jpg", "2024/02-b").unwrap().1, "2024/02-b/b.jpg");
        assert_eq!(found("photos/a.jpg", "2024/02-b").unwrap().1, "2024/photos/a.jpg");
        let (message, hint) = found("photos/c.jpg", "2024/02-b").unwrap_err();
        assert_eq!(message, "the photo `photos/c.jpg` does not exist");
        assert!(hint.contains("content/2024/02-b/photos/c.jpg and content/2024/photos/c.jpg"));
        assert!(found("../../x.jpg", "2024").unwrap_err().0.contains("outside `content/`"));
        assert!(found("https://x/a.jpg", "2024").unwrap_err().0.contains("not a file"));
        assert!(found("photos", "2024").unwrap_err().0.contains("is a folder"));
    }
}
