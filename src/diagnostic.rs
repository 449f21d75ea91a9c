//! Errors a user must read: what went wrong, where (file, line, column) and
//! what would fix it. Every stage reports content problems as `Diagnostic`s;
//! `main` prints them, the library never does.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in the user's input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, relative to the site root where it lies inside it.
    pub file: PathBuf,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column in characters, where known.
    pub column: Option<usize>,
    pub message: String,
    /// What would fix it.
    pub hint: Option<String>,
    /// The offending source line, shown under the message with a caret.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn new(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            source_line: None,
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Attaches the source line the position points at, taken from `text`
    /// (the whole file).
    pub fn with_source(mut self, text: &str) -> Self {
        if let Some(line) = self.line {
            self.source_line = text.lines().nth(line.saturating_sub(1)).map(str::to_owned);
        }
        self
    }

    /// Makes `file` relative to `root` when it lies inside it, so messages
    /// read `content/2024/_index.md` rather than an absolute path.
    pub fn relative_to(mut self, root: &Path) -> Self {
        if let Ok(rel) = self.file.strip_prefix(root) {
            self.file = rel.to_path_buf();
        }
        self
    }

    fn sort_key(&self) -> (&Path, usize, usize) {
        (&self.file, self.line.unwrap_or(0), self.column.unwrap_or(0))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": {}", self.message)?;
        if let (Some(source), Some(line)) = (&self.source_line, self.line) {
            let gutter = line.to_string();
            let pad = " ".repeat(gutter.len());
            let (shown, caret) = excerpt(source, self.column);
            write!(f, "\n {pad} |\n {gutter} | {shown}")?;
            if let Some(caret) = caret {
                write!(f, "\n {pad} | {}^", " ".repeat(caret))?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  = {}: {hint}", crate::tr!("label-hint"))?;
        }
        Ok(())
    }
}

/// The most of a source line shown: a longer one (a minified list, a
/// pasted paragraph) is cut to this many terminal cells around the column.
const MAX_SHOWN: usize = 100;

/// `source` as shown under a message, and the terminal cell of `column`
/// in it. Wide (CJK) characters take two cells (widths from
/// unicode-width). Kept by hand: codespan-reporting and ariadne draw
/// labelled multi-line spans this does not need, and this cuts a
/// 200,000-character line around its column.
fn excerpt(source: &str, column: Option<usize>) -> (String, Option<usize>) {
    use unicode_width::UnicodeWidthChar;
    let chars: Vec<char> = source.chars().collect();
    let at = column.map(|c| c.saturating_sub(1).min(chars.len()));
    let width = |cs: &[char]| cs.iter().map(|c| c.width().unwrap_or(0)).sum::<usize>();
    if width(&chars) <= MAX_SHOWN {
        return (source.to_owned(), at.map(|a| width(&chars[..a])));
    }
    // Start a third of the way before the column, and end at the width.
    let mut start = at.unwrap_or(0);
    let mut before = 0;
    while start > 0 && before + chars[start - 1].width().unwrap_or(0) <= MAX_SHOWN / 3 {
        start -= 1;
        before += chars[start].width().unwrap_or(0);
    }
    let mut end = start;
    let mut shown_width = 0;
    while end < chars.len() && shown_width + chars[end].width().unwrap_or(0) <= MAX_SHOWN {
        shown_width += chars[end].width().unwrap_or(0);
        end += 1;
    }
    let lead = if start > 0 { "…" } else { "" };
    let tail = if end < chars.len() { "…" } else { "" };
    let text: String = chars[start..end].iter().collect();
    // The leading `…` takes one cell.
    let caret = at.map(|a| usize::from(start > 0) + width(&chars[start..a.max(start)]));
    (format!("{lead}{text}{tail}"), caret)
}

/// Every problem found, sorted by file and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    pub fn sorted(mut list: Vec<Diagnostic>) -> Self {
        list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.message.cmp(&b.message)));
        list.dedup();
        Diagnostics(list)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            writeln!(f, "{}: {d}", crate::tr!("label-error"))?;
        }
        write!(f, "{}", crate::tr!("errors-count", count = self.0.len()))
    }
}

impl std::error::Error for Diagnostics {}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

/// The nearest of `candidates` to `word`, if any is close enough to be a
/// likely misspelling.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(word, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_a_misspelt_key() {
        assert_eq!(nearest("titel", ["title", "subtitle", "tags"]), Some("title"));
        assert_eq!(nearest("zzz", ["title", "subtitle"]), None);
    }

    #[test]
    fn caret_accounts_for_wide_characters() {
        let d = Diagnostic::new("a.md", "bad").at(1, 3).with_source("标题：x").hint("use `:`");
        let shown = d.to_string();
        assert!(shown.starts_with("a.md:1:3: bad"), "{shown}");
        assert!(shown.contains("\n   |     ^"), "{shown}");
        assert!(shown.ends_with("= hint: use `:`"), "{shown}");
    }

    #[test]
    fn a_long_line_is_cut_around_the_column() {
        let line = format!("extra: {}x{}", "[".repeat(5000), "]".repeat(5000));
        let d = Diagnostic::new("a.md", "bad").at(1, 5008).with_source(&line);
        let shown = d.to_string();
        let lines: Vec<&str> = shown.lines().collect();
        assert!(lines[2].starts_with(" 1 | …[[[") && lines[2].ends_with("]]]…"), "{shown}");
        assert!(lines[2].chars().count() < 110, "{shown}");
        // The caret stands under the `x`.
        let x = lines[2].chars().position(|c| c == 'x').unwrap();
        assert_eq!(lines[3].chars().position(|c| c == '^'), Some(x), "{shown}");
    }
}
