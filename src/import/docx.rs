//! Word documents (`.docx`): a Zip archive of XML parts. The text is in
//! `word/document.xml`, paragraph styles (which of them are headings) in
//! `word/styles.xml`, and the images in `word/media/`, found through
//! `word/_rels/document.xml.rels`. Read with `zip` and `roxmltree`: the
//! three parts are all an import needs, and a full .docx model (docx-rs)
//! would bring a writer and a second XML parser for nothing.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use roxmltree::{Document, Node};

use super::plain::{join_lines, markdown_table};
use super::{Block, Image};
use crate::tr;

/// WordprocessingML, DrawingML, VML and relationships, as Word writes them
/// (transitional) and in ISO strict form.
const W: [&str; 2] = [
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
const A: [&str; 2] = [
    "http://schemas.openxmlformats.org/drawingml/2006/main",
    "http://purl.oclc.org/ooxml/drawingml/main",
];
const R: [&str; 2] = [
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
const WP: [&str; 2] = [
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
];
const V: [&str; 1] = ["urn:schemas-microsoft-com:vml"];
const MC: [&str; 1] = ["http://schemas.openxmlformats.org/markup-compatibility/2006"];

fn is(node: Node<'_, '_>, namespaces: &[&str], name: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == name
        && node.tag_name().namespace().is_some_and(|ns| namespaces.contains(&ns))
}

fn attr<'a>(node: Node<'a, '_>, namespaces: &[&str], name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name && a.namespace().is_some_and(|ns| namespaces.contains(&ns)))
        .map(|a| a.value())
}

/// What a paragraph style makes of its paragraphs.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Title,
    Subtitle,
    Heading(u8),
    Caption,
    Body,
    /// A table of contents Word made: left out, the site makes its own.
    Skip,
}

/// The blocks of a Word document; an error names what makes it unreadable.
pub(super) fn read(bytes: &[u8], notes: &mut Vec<String>) -> Result<Vec<Block>, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    // The package's relationships name its main part (`word/document.xml`
    // as Word names it); the main part's, its styles and images.
    let package = part(&mut zip, "_rels/.rels")?;
    let main = package
        .as_deref()
        .map(|text| xml("_rels/.rels", text))
        .transpose()?
        .and_then(|rels| targets(&rels, "", "/officeDocument").into_values().next())
        .unwrap_or_else(|| "word/document.xml".to_owned());
    let (dir, name) = main.rsplit_once('/').unwrap_or(("", &main));
    let document = part(&mut zip, &main)?
        .ok_or_else(|| tr!("importer-docx-no-document", part = main.as_str()))?;
    let relations_part = format!("{dir}/_rels/{name}.rels");
    let relations = part(&mut zip, &relations_part)?;
    let relations = relations.as_deref().map(|t| xml(&relations_part, t)).transpose()?;
    let styles_part = relations
        .as_ref()
        .and_then(|r| targets(r, dir, "/styles").into_values().next())
        .unwrap_or_else(|| format!("{dir}/styles.xml"));
    let styles = part(&mut zip, &styles_part)?;
    let document = xml(&main, &document)?;
    let mut reader = Reader {
        roles: match &styles {
            Some(text) => style_roles(&xml(&styles_part, text)?),
            None => HashMap::new(),
        },
        images: relations.as_ref().map(|r| targets(r, dir, "/image")).unwrap_or_default(),
        zip,
        notes,
        blocks: Vec::new(),
    };
    reader.visit(document.root_element());
    Ok(reader.blocks)
}

struct Reader<'n, 'z> {
    zip: zip::ZipArchive<Cursor<&'z [u8]>>,
    /// Paragraph styles' roles, by style id.
    roles: HashMap<String, Role>,
    /// Image parts, by relationship id.
    images: HashMap<String, String>,
    notes: &'n mut Vec<String>,
    blocks: Vec<Block>,
}

impl Reader<'_, '_> {
    /// The paragraphs and tables under `node`, in document order.
    fn visit(&mut self, node: Node<'_, '_>) {
        for child in node.children().filter(Node::is_element) {
            if is(child, &W, "sdt") && table_of_contents(child) {
                continue;
            } else if is(child, &W, "p") {
                self.paragraph(child);
            } else if is(child, &W, "tbl") {
                self.table(child);
            } else {
                self.visit(child);
            }
        }
    }

    fn paragraph(&mut self, paragraph: Node<'_, '_>) {
        let role = paragraph_role(paragraph, &self.roles);
        let mut text = String::new();
        if role == Role::Skip {
            return;
        }
        // A line break parts paragraphs of body text (text pasted from the
        // web is often one paragraph broken into lines); in a title,
        // heading or caption it is only where the line turns.
        let flush = |text: &mut String, blocks: &mut Vec<Block>| {
            let lines: Vec<String> = match role {
                Role::Body => text
                    .split('\n')
                    .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
                    .collect(),
                _ => vec![join_lines(text.split('\n'))],
            };
            for line in lines.into_iter().filter(|l| !l.is_empty()) {
                blocks.push(match role {
                    Role::Title => Block::Title(line),
                    Role::Subtitle => Block::Subtitle(line),
                    Role::Heading(level) => Block::Heading(level, line),
                    Role::Caption => Block::Caption(line),
                    Role::Body | Role::Skip => Block::Paragraph(line),
                });
            }
            text.clear();
        };
        // The paragraph's text and images in order. An image with text on
        // both sides stands inside a sentence: the text stays whole, the
        // image follows it; otherwise text after an image is its own
        // block (a caption typed under a picture).
        let mut text_boxes = Vec::new();
        let mut images = Vec::new();
        let mut before = String::new();
        for node in paragraph.descendants().filter(|n| owned_by(*n, paragraph) && !fallback(*n)) {
            if is(node, &W, "txbxContent") {
                text_boxes.push(node);
            } else if let Some(id) = image_reference(node) {
                match self.image(id, node) {
                    Ok(image) => images.push((text.len(), image)),
                    Err(note) => self.notes.push(note),
                }
            } else {
                run_text(node, &mut text);
            }
        }
        let inside_sentence = images.first().is_some_and(|(at, _)| !text[..*at].trim().is_empty())
            && images.last().is_some_and(|(at, _)| !text[*at..].trim().is_empty());
        if inside_sentence || images.is_empty() {
            flush(&mut text, &mut self.blocks);
            self.blocks.extend(images.into_iter().map(|(_, image)| Block::Image(image)));
        } else {
            let mut from = 0;
            for (at, image) in images {
                before.push_str(&text[from..at]);
                flush(&mut before, &mut self.blocks);
                self.blocks.push(Block::Image(image));
                from = at;
            }
            before.push_str(&text[from..]);
            flush(&mut before, &mut self.blocks);
        }
        // A text box's paragraphs (often a photo's caption) after the
        // paragraph it is anchored in.
        for text_box in text_boxes {
            self.visit(text_box);
        }
    }

    /// A table as a Markdown table, its first row the header; images in
    /// its cells follow it.
    fn table(&mut self, table: Node<'_, '_>) {
        let rows: Vec<Vec<String>> = table
            .children()
            .filter(|n| is(*n, &W, "tr"))
            .map(|row| {
                row.children()
                    .filter(|n| is(*n, &W, "tc"))
                    .map(|cell| {
                        let mut text = String::new();
                        for node in cell.descendants() {
                            run_text(node, &mut text);
                            if is(node, &W, "p") && !text.is_empty() {
                                text.push(' ');
                            }
                        }
                        join_lines(text.split_whitespace())
                    })
                    .collect()
            })
            .filter(|cells: &Vec<String>| cells.iter().any(|c| !c.is_empty()))
            .collect();
        if let Some(table) = markdown_table(&rows) {
            self.blocks.push(Block::Markdown(table));
        }
        for node in table.descendants().filter(|n| !fallback(*n)) {
            if let Some(id) = image_reference(node) {
                match self.image(id, node) {
                    Ok(image) => self.blocks.push(Block::Image(image)),
                    Err(note) => self.notes.push(note),
                }
            }
        }
    }

    /// The image a relationship leads to, with the description Word keeps
    /// for it; a note where it cannot come across.
    fn image(&mut self, id: &str, node: Node<'_, '_>) -> Result<Image, String> {
        let Some(path) = self.images.get(id) else {
            return Err(tr!("importer-image-external", id = id));
        };
        let unreadable = |e: &dyn std::fmt::Display| {
            tr!("importer-image-unreadable", path = path.as_str(), error = e.to_string())
        };
        let mut bytes = Vec::new();
        self.zip
            .by_name(path)
            .map_err(|e| unreadable(&e))?
            .read_to_end(&mut bytes)
            .map_err(|e| unreadable(&e))?;
        let alt = node
            .ancestors()
            .find(|a| is(*a, &WP, "inline") || is(*a, &WP, "anchor"))
            .and_then(|frame| frame.children().find(|n| is(*n, &WP, "docPr")))
            .and_then(|properties| properties.attribute("descr").or(properties.attribute("title")))
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_owned);
        let name = path.rsplit('/').next().unwrap_or(path).to_owned();
        Ok(Image { name, bytes, alt })
    }
}

/// The text a run element adds: `w:t` its text, a tab a space, a break a
/// line break. Deleted text (`w:delText`) and field codes add nothing.
fn run_text(node: Node<'_, '_>, text: &mut String) {
    if is(node, &W, "t") {
        text.push_str(node.text().unwrap_or(""));
    } else if is(node, &W, "tab") && !node.parent().is_some_and(|p| is(p, &W, "tabs")) {
        text.push(' ');
    } else if is(node, &W, "br") || is(node, &W, "cr") {
        text.push('\n');
    }
}

/// A part of the archive as text; `None` where the archive has no such part.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let mut file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(e.to_string()),
    };
    let mut text = String::new();
    file.read_to_string(&mut text).map_err(|e| format!("{name}: {e}"))?;
    Ok(Some(text))
}

fn xml<'a>(name: &str, text: &'a str) -> Result<Document<'a>, String> {
    Document::parse(text)
        .map_err(|e| tr!("importer-docx-bad-xml", part = name, error = e.to_string()))
}

/// Whether a content control is the table of contents Word made.
fn table_of_contents(sdt: Node<'_, '_>) -> bool {
    sdt.descendants()
        .filter(|n| is(*n, &W, "docPartGallery"))
        .any(|n| attr(n, &W, "val") == Some("Table of Contents"))
}

/// Whether `node` is in the fallback Word writes beside a drawing or text
/// box for older readers (`mc:Fallback`), which repeats what the drawing
/// holds.
fn fallback(node: Node<'_, '_>) -> bool {
    node.ancestors().any(|a| is(a, &MC, "Fallback"))
}

/// Whether `node` belongs to `paragraph` itself, not to a paragraph nested
/// in it (a text box's).
fn owned_by(node: Node<'_, '_>, paragraph: Node<'_, '_>) -> bool {
    node.ancestors().find(|a| is(*a, &W, "p")) == Some(paragraph)
}

/// The role of each paragraph style, by id: from its name (`heading 1`,
/// `Title`, `Caption`, the names Word gives its built-in styles in every
/// language) or its outline level, else its parent style's.
fn style_roles(styles: &Document<'_>) -> HashMap<String, Role> {
    let mut own = HashMap::new();
    let mut parents = HashMap::new();
    for style in styles.descendants().filter(|n| is(*n, &W, "style")) {
        let Some(id) = attr(style, &W, "styleId") else { continue };
        let child = |name: &str| {
            style.descendants().find(|n| is(*n, &W, name)).and_then(|n| attr(n, &W, "val"))
        };
        let name = child("name").unwrap_or("").to_ascii_lowercase();
        let role = match name.as_str() {
            "title" => Some(Role::Title),
            "subtitle" => Some(Role::Subtitle),
            "caption" => Some(Role::Caption),
            "toc heading" => Some(Role::Skip),
            n if n.starts_with("toc ") => Some(Role::Skip),
            _ => name
                .strip_prefix("heading ")
                .and_then(|n| n.parse().ok())
                .filter(|level| (1..=9).contains(level))
                .map(Role::Heading)
                .or_else(|| child("outlineLvl").and_then(outline_role)),
        };
        if let Some(role) = role {
            own.insert(id.to_owned(), role);
        } else if let Some(parent) = child("basedOn") {
            parents.insert(id.to_owned(), parent.to_owned());
        }
    }
    let mut roles = own.clone();
    for id in parents.keys() {
        let mut at = id;
        for _ in 0..10 {
            if let Some(role) = own.get(at) {
                roles.insert(id.clone(), *role);
                break;
            }
            match parents.get(at) {
                Some(parent) => at = parent,
                None => break,
            }
        }
    }
    roles
}

/// A paragraph's role: its own outline level, else its style's.
fn paragraph_role(paragraph: Node<'_, '_>, roles: &HashMap<String, Role>) -> Role {
    let Some(properties) = paragraph.children().find(|n| is(*n, &W, "pPr")) else {
        return Role::Body;
    };
    let value = |name: &str| {
        properties.children().find(|n| is(*n, &W, name)).and_then(|n| attr(n, &W, "val"))
    };
    let style = value("pStyle").and_then(|id| roles.get(id)).copied();
    if style == Some(Role::Skip) {
        return Role::Skip;
    }
    value("outlineLvl").and_then(outline_role).or(style).unwrap_or(Role::Body)
}

/// An outline level's role: 0–8 a heading of level 1–9, 9 body text.
fn outline_role(level: &str) -> Option<Role> {
    match level.parse::<u8>().ok()? {
        level @ 0..=8 => Some(Role::Heading(level + 1)),
        _ => Some(Role::Body),
    }
}

/// The parts a relationships part names, by id, of one type (its name
/// ends in `type_suffix`: `/image`, `/styles`), as paths in the archive;
/// links to files outside the package are left out.
fn targets(relations: &Document<'_>, dir: &str, type_suffix: &str) -> HashMap<String, String> {
    relations
        .descendants()
        .filter(|n| n.tag_name().name() == "Relationship")
        .filter(|n| n.attribute("Type").is_some_and(|t| t.ends_with(type_suffix)))
        .filter(|n| n.attribute("TargetMode") != Some("External"))
        .filter_map(|n| {
            let target = n.attribute("Target")?;
            Some((n.attribute("Id")?.to_owned(), resolve(dir, target)))
        })
        .collect()
}

/// A relationship's target as a path in the archive: from the root where
/// it starts with `/`, else from the folder of the part naming it.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = match target.strip_prefix('/') {
        Some(_) => Vec::new(),
        None => dir.split('/').filter(|p| !p.is_empty()).collect(),
    };
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The relationship id of the picture `node` draws: DrawingML's
/// `<a:blip r:embed>` or, in older documents, VML's `<v:imagedata r:id>`.
fn image_reference<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    if is(node, &A, "blip") {
        attr(node, &R, "embed")
    } else if is(node, &V, "imagedata") {
        attr(node, &R, "id")
    } else {
        None
    }
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Write;

    use super::*;

    /// A .docx of `body` (the inside of `<w:body>`), with Word's heading
    /// styles under the ids Chinese Word gives them (`1`, `2`) and the
    /// images given as `(relationship id, file name, bytes)`.
    pub(in crate::import) fn docx(body: &str, images: &[(&str, &str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let ns = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"";
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, options).unwrap();
            zip.write_all(bytes).unwrap();
        };
        add(
            "word/document.xml",
            format!("<w:document {ns}><w:body>{body}</w:body></w:document>").as_bytes(),
        );
        add("word/styles.xml", format!("<w:styles {ns}><w:style w:type=\"paragraph\" w:styleId=\"1\"><w:name w:val=\"heading 1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"2\"><w:name w:val=\"heading 2\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"MyPart\"><w:name w:val=\"My part\"/><w:basedOn w:val=\"1\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"a3\"><w:name w:val=\"Title\"/></w:style></w:styles>").as_bytes());
        let relations: String = images
            .iter()
            .map(|(id, name, _)| format!("<Relationship Id=\"{id}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/{name}\"/>"))
            .collect();
        add(
            "word/_rels/document.xml.rels",
            format!("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{relations}</Relationships>").as_bytes(),
        );
        for (_, name, bytes) in images {
            add(&format!("word/media/{name}"), bytes);
        }
        zip.finish().unwrap().into_inner()
    }

    pub(in crate::import) fn picture(id: &str, description: &str) -> String {
        format!(
            "<w:p><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"{description}\"/><a:graphic><a:graphicData><a:blip r:embed=\"{id}\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
    }

    #[test]
    fn paragraphs_headings_and_images() {
        let body = format!(
            "<w:p><w:pPr><w:pStyle w:val=\"a3\"/></w:pPr><w:r><w:t>年度</w:t></w:r><w:r><w:t xml:space=\"preserve\">回顾 &amp; 展望</w:t></w:r></w:p>\
             <w:p><w:pPr><w:pStyle w:val=\"1\"/></w:pPr><w:r><w:t>二、协商</w:t></w:r></w:p>\
             <w:p><w:r><w:t>正文*一</w:t><w:br/><w:t>正文二</w:t></w:r><w:r><w:delText>删去的</w:delText></w:r></w:p>\
             {}<w:p><w:pPr><w:pStyle w:val=\"MyPart\"/></w:pPr><w:r><w:t>一、学习</w:t></w:r></w:p>\
             <w:p><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr><w:r><w:t>小节</w:t></w:r></w:p>",
            picture("rId7", "会场")
        );
        let bytes = docx(&body, &[("rId7", "image1.png", b"png")]);
        let mut notes = Vec::new();
        let blocks = read(&bytes, &mut notes).unwrap();
        assert_eq!(
            blocks,
            [
                Block::Title("年度回顾 & 展望".into()),
                Block::Heading(1, "二、协商".into()),
                Block::Paragraph("正文*一".into()),
                Block::Paragraph("正文二".into()),
                Block::Image(Image {
                    name: "image1.png".into(),
                    bytes: b"png".to_vec(),
                    alt: Some("会场".into())
                }),
                Block::Heading(1, "一、学习".into()),
                Block::Heading(2, "小节".into()),
            ]
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_table_of_contents_is_left_out_and_a_title_keeps_its_lines() {
        let body = "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>\
            <w:p><w:pPr><w:pStyle w:val=\"a3\"/></w:pPr><w:r><w:t>履职尽责担使命</w:t><w:br/><w:t>凝心聚力谱新篇</w:t></w:r></w:p>\
            <w:p><w:pPr><w:pStyle w:val=\"1\"/><w:outlineLvl w:val=\"9\"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>";
        let blocks = read(&docx(body, &[]), &mut Vec::new()).unwrap();
        assert_eq!(
            blocks,
            [
                Block::Title("履职尽责担使命凝心聚力谱新篇".into()),
                Block::Paragraph("正文级别".into())
            ]
        );
    }

    #[test]
    fn what_is_not_a_word_document() {
        let mut notes = Vec::new();
        assert!(read(b"not a zip", &mut notes).is_err());
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
        let empty = zip.finish().unwrap().into_inner();
        assert!(read(&empty, &mut notes).unwrap_err().contains("word/document.xml"));
        let broken = docx("<w:p><w:t>unclosed</w:p>", &[]);
        assert!(read(&broken, &mut notes).unwrap_err().contains("not well-formed"));
    }
}
