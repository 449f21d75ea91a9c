//! What Typst sees: a small file system held in memory (the generated
//! document, the theme's Typst files, the report's data and its photos),
//! the fonts found on the system or in `pdf.fonts`, and a fixed date.
//! Nothing is read from disk while Typst compiles, and no package is
//! downloaded: the same input gives the same PDF.

use std::collections::HashMap;
use std::path::Path;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontFlags, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::{FontPath, FontStore};

/// The fonts Typst may use: the site's `pdf.fonts` folder first, then the
/// system's.
pub struct Fonts {
    store: FontStore,
    /// The families of the fonts of `pdf.fonts`.
    own: Vec<String>,
}

impl Fonts {
    /// Finds the fonts of `dir` (searched through, folders too) and of the
    /// system, each in the order of their files' paths (so that the same
    /// fonts give the same choice on every run).
    pub fn find(dir: Option<&Path>) -> Fonts {
        let sorted = |fonts: Vec<(FontPath, FontInfo)>| {
            let mut fonts = fonts;
            fonts.sort_by(|a, b| (&a.0.path, a.0.index).cmp(&(&b.0.path, b.0.index)));
            fonts
        };
        let mut store = FontStore::new();
        if let Some(dir) = dir {
            store.extend(sorted(typst_kit::fonts::scan(dir).collect()));
        }
        let own = families(store.book(), |_| true);
        store.extend(sorted(typst_kit::fonts::system().collect()));
        Fonts { store, own }
    }

    /// The families of the fonts of `pdf.fonts` for text (`serif`) or for
    /// headings: serif ones (by their PANOSE class or a name with Serif,
    /// Song or Ming) for text, sans-serif ones (Sans, Hei, Gothic) for
    /// headings, the others for both.
    pub fn own_families(&self, serif: bool) -> Vec<String> {
        self.own
            .iter()
            .filter(|family| {
                let infos: Vec<&FontInfo> =
                    infos(self.store.book()).filter(|i| &&i.family == family).collect();
                let name = family.to_lowercase();
                let is_serif = infos.iter().any(|i| i.flags.contains(FontFlags::SERIF))
                    || ["serif", "song", "ming", "宋", "明"].iter().any(|w| name.contains(w));
                let is_sans = !name.contains("serif")
                    && ["sans", "hei", "gothic", "黑"].iter().any(|w| name.contains(w));
                if serif { is_serif || !is_sans } else { is_sans || !is_serif }
            })
            .cloned()
            .collect()
    }

    /// The families of every font found that has the character `c`.
    pub fn families_with(&self, c: char) -> Vec<String> {
        families(self.store.book(), |info| info.coverage.contains(c as u32))
    }

    pub fn book(&self) -> &FontBook {
        self.store.book()
    }

    /// Whether a font has the character `c`.
    pub fn covers(&self, c: char) -> bool {
        infos(self.store.book()).any(|info| info.coverage.contains(c as u32))
    }

    /// The families of every font found, in the order found.
    pub fn families(&self) -> Vec<String> {
        families(self.store.book(), |_| true)
    }
}

/// Every font of a book.
pub fn infos(book: &FontBook) -> impl Iterator<Item = &FontInfo> {
    (0..).map_while(|i| book.info(i))
}

/// The families of a book's fonts that `keep`, once each, in its order.
fn families(book: &FontBook, keep: impl Fn(&FontInfo) -> bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for info in infos(book).filter(|i| keep(i)) {
        if !out.contains(&info.family) {
            out.push(info.family.clone());
        }
    }
    out
}

/// One compilation's world.
pub struct Edition<'a> {
    library: LazyHash<Library>,
    fonts: &'a Fonts,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: HashMap<FileId, Bytes>,
    date: Option<Datetime>,
}

/// The id of a file at `path` (`/theme/report.typ`) in the project.
pub fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(RootedPath::new(VirtualRoot::Project, vpath).intern())
}

impl<'a> Edition<'a> {
    /// A world of `files` (path → bytes; those ending in `.typ` are
    /// sources) whose main file is `main`, and whose today is `date`.
    pub fn new(
        main: &str,
        files: Vec<(String, Vec<u8>)>,
        fonts: &'a Fonts,
        date: Option<Datetime>,
    ) -> Result<Self, String> {
        let mut sources = HashMap::new();
        let mut bytes = HashMap::new();
        for (path, data) in files {
            let id = file_id(&path)
                .ok_or_else(|| crate::tr!("typeset-bad-path", path = path.as_str()))?;
            if path.ends_with(".typ") {
                let text = String::from_utf8(data)
                    .map_err(|_| crate::tr!("typeset-not-utf8", path = path.as_str()))?;
                sources.insert(id, Source::new(id, text));
            } else {
                bytes.insert(id, Bytes::new(data));
            }
        }
        let main = file_id(main)
            .filter(|id| sources.contains_key(id))
            .ok_or_else(|| crate::tr!("typeset-no-main"))?;
        Ok(Edition {
            library: LazyHash::new(Library::default()),
            fonts,
            main,
            sources,
            files: bytes,
            date,
        })
    }

    /// The source file `id`, for messages about it.
    pub fn source_of(&self, id: FileId) -> Option<&Source> {
        self.sources.get(&id)
    }
}

impl World for Edition<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.store.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.sources.get(&id).cloned().ok_or_else(|| not_found(id))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        match self.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.clone())),
            None => Err(not_found(id)),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.store.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.date
    }
}

fn not_found(id: FileId) -> FileError {
    FileError::NotFound(id.get().vpath().get_without_slash().into())
}
