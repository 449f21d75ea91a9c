//! What the readers share: a file's bytes as text, plain text as
//! Markdown, lines joined as a paragraph.

use crate::content::prose::is_wide;

/// The text of a file: UTF-8, UTF-16 with its byte-order mark, or, where
/// it is not valid UTF-8, GB18030 (what Notepad on a Chinese Windows
/// saves). Line ends as `\n`.
pub(super) fn decode(bytes: &[u8]) -> String {
    let text = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom)) => encoding.decode_without_bom_handling(&bytes[bom..]).0,
        None => match std::str::from_utf8(bytes) {
            Ok(text) => text.into(),
            Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
        },
    };
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// Plain text as Markdown: the characters Markdown would read as markup
/// escaped, and a `#` or `>` opening the paragraph.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '*' | '_' | '`' | '[' | ']' | '<') {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['#', '>']) {
        out.insert(0, '\\');
    }
    out
}

/// Lines joined as one paragraph: no space between two wide characters
/// (Chinese text broken across lines), one space otherwise.
pub(super) fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let wide_seam = out.chars().next_back().is_some_and(is_wide)
            && line.chars().next().is_some_and(is_wide);
        if !out.is_empty() && !wide_seam {
            out.push(' ');
        }
        out.push_str(line);
    }
    out
}

/// Characters that end a sentence (or a clause a line may end on).
pub(super) fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '。', '！', '？', '；', '：', '…', '”', '」', '』', '）', ')', '.', '!', '?', ';', ':',
    ])
}

/// Rows as a Markdown table: the first is the header, `|` escaped.
pub(super) fn markdown_table(rows: &[Vec<String>]) -> Option<String> {
    let width = rows.iter().map(Vec::len).max().filter(|&w| w > 0)?;
    let line = |cells: &[String]| -> String {
        let cells =
            (0..width).map(|i| escape(cells.get(i).map_or("", String::as_str)).replace('|', "\\|"));
        format!("| {} |", cells.collect::<Vec<_>>().join(" | "))
    };
    let mut out = vec![line(&rows[0]), format!("|{}", " --- |".repeat(width))];
    out.extend(rows[1..].iter().map(|r| line(r)));
    Some(out.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_utf8_utf16_and_gb18030() {
        assert_eq!(decode("政协\r\n".as_bytes()), "政协\n");
        let (gbk, _, _) = encoding_rs::GB18030.encode("红寺堡区政协");
        assert_eq!(decode(&gbk), "红寺堡区政协");
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend("政协".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16), "政协");
    }

    #[test]
    fn plain_text_is_escaped_for_markdown() {
        assert_eq!(escape("# 1*2_3 <b> [x]"), "\\# 1\\*2\\_3 \\<b> \\[x\\]");
    }
}
