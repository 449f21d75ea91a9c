//! Splitting a Markdown file into front matter and body
//! (`annals::content::front_matter::{normalise, split}`) on any text: never
//! a panic, and when it splits, the pieces are where the file says.

#![no_main]

use std::path::Path;

use annals::content::front_matter::{normalise, split};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader rejects invalid UTF-8 before it normalises; lossy text
    // keeps every input useful here.
    let text = normalise(String::from_utf8_lossy(data).into_owned());
    assert!(!text.contains('\r'), "normalised text keeps a carriage return");

    let file = Path::new("content/2024/01-fuzz.md");
    match split(&text, file) {
        Ok(s) => {
            let first = text.lines().next().unwrap_or("");
            assert_eq!(first.trim_end(), "---", "split a file whose first line is not `---`");
            // Both pieces are slices of the text, the front matter first.
            let base = text.as_ptr() as usize;
            let fm_start = s.front_matter.as_ptr() as usize - base;
            let body_start = s.body.as_ptr() as usize - base;
            assert!(fm_start + s.front_matter.len() <= body_start);
            assert!(body_start + s.body.len() == text.len(), "the body runs to the end");
            // Between them stands the closing `---` line, and the body
            // starts on the line after it.
            let closing = &text[fm_start + s.front_matter.len()..body_start];
            assert_eq!(closing.trim_end(), "---", "closing line {closing:?}");
            let line = text[..body_start].matches('\n').count() + 1;
            let line = if text[..body_start].ends_with('\n') { line } else { line + 1 };
            assert_eq!(s.body_line, line, "body line of {text:?}");
        }
        Err(d) => {
            assert_eq!(d.file, file);
            assert_eq!((d.line, d.column), (Some(1), Some(1)));
            assert!(d.hint.is_some(), "a split error without a way out: {d}");
            let _ = d.to_string();
        }
    }
});
