//! Photos: responsive variants, orientation, metadata, the gallery and the
//! cache.

use std::fs;
use std::io::Cursor;

use crate::support::{TestSite, read, tree};

/// A photo-like JPEG: a gradient with some detail.
fn jpeg(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x * 255 / width) as u8, (y * 255 / height) as u8, ((x ^ y) & 0xff) as u8])
    });
    let mut bytes = Vec::new();
    img.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg).unwrap();
    bytes
}

/// The same JPEG with EXIF: an orientation and an artist string that
/// stands for where the photo was taken.
fn with_exif(jpeg: Vec<u8>, orientation: u16) -> Vec<u8> {
    let secret = b"WHERE-IT-WAS-TAKEN\0";
    let mut tiff = Vec::new();
    tiff.extend_from_slice(b"II*\0\x08\0\0\0");
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&0x0112u16.to_le_bytes());
    tiff.extend_from_slice(&3u16.to_le_bytes());
    tiff.extend_from_slice(&1u32.to_le_bytes());
    tiff.extend_from_slice(&orientation.to_le_bytes());
    tiff.extend_from_slice(&[0, 0]);
    tiff.extend_from_slice(&0x013Bu16.to_le_bytes());
    tiff.extend_from_slice(&2u16.to_le_bytes());
    tiff.extend_from_slice(&(secret.len() as u32).to_le_bytes());
    tiff.extend_from_slice(&38u32.to_le_bytes());
    tiff.extend_from_slice(&0u32.to_le_bytes());
    tiff.extend_from_slice(secret);
    let mut parsed = img_parts::jpeg::Jpeg::from_bytes(jpeg.into()).unwrap();
    use img_parts::ImageEXIF;
    parsed.set_exif(Some(tiff.into()));
    parsed.encoder().bytes().to_vec()
}

fn photo_site() -> TestSite {
    let site = TestSite::new();
    site.bytes("content/2024/01-one/wide.jpg", &with_exif(jpeg(1650, 1100), 1));
    site.bytes("content/2024/01-one/small.jpg", &jpeg(600, 400));
    site.bytes("content/2024/01-one/turned.jpg", &with_exif(jpeg(1200, 800), 6));
    fs::remove_file(site.root().join("content/2024/01-one.md")).unwrap();
    site.file(
        "content/2024/01-one/index.md",
        "---\ntitle: One\nphotos:\n  - src: small.jpg\n    caption: A small photo\n    credit: Photo Li\n    place: Hall\n---\n\
         ![the wide view](wide.jpg \"The wide view\")\n\n![a portrait](turned.jpg \"Stored on its side\")\n",
    );
    site.file(
        "content/2024/_index.md",
        "---\ntitle: R\nphoto_credit: Photos by the committee\n---\nPreface.\n",
    );
    site
}

#[test]
fn every_photo_gets_variants_srcset_sizes_and_lazy_loading() {
    let site = photo_site();
    site.build().unwrap();
    let out = site.root().join("public");
    for w in [480, 960, 1600] {
        assert!(out.join(format!("2024/01-one/wide-{w}.webp")).is_file(), "wide-{w}");
    }
    assert!(out.join("2024/01-one/small-480.webp").is_file());
    assert!(!out.join("2024/01-one/small-960.webp").exists(), "never upscaled");
    assert!(!out.join("2024/01-one/wide.jpg").exists(), "originals are not published by default");
    let page = read(&out, "2024/one/index.html");
    assert!(page.contains("srcset=\"../../2024/01-one/wide-480.webp 480w, ../../2024/01-one/wide-960.webp 960w, ../../2024/01-one/wide-1600.webp 1600w\""), "{page}");
    assert!(
        page.contains("width=\"960\" height=\"640\" alt=\"the wide view\" loading=\"eager\""),
        "first figure eager: {page}"
    );
    assert!(page.contains("alt=\"a portrait\" loading=\"lazy\""), "{page}");
    assert!(page.contains("sizes=\""));
    // The front matter photo the body does not show, after the body.
    assert!(page.contains("src=\"../../2024/01-one/small-480.webp\""), "{page}");
    assert!(page.contains("<span class=\"credit\">Photo Li</span>"));
    assert!(page.contains("Photos by the committee"), "the report's credit under the chapter");
}

#[test]
fn exif_orientation_is_applied() {
    let site = photo_site();
    site.build().unwrap();
    let out = site.root().join("public");
    let page = read(&out, "2024/one/index.html");
    assert!(page.contains("src=\"../../2024/01-one/turned-480.webp\""), "{page}");
    assert!(
        page.contains("width=\"480\" height=\"720\" alt=\"a portrait\""),
        "portrait size: {page}"
    );
    let (w, h) = image::image_dimensions(out.join("2024/01-one/turned-480.webp")).unwrap();
    assert_eq!((w, h), (480, 720), "the pixels are turned, not only the attributes");
}

#[test]
fn no_published_file_carries_metadata() {
    let site = photo_site();
    site.file("site.yaml", "title: Test\nimages:\n  originals: true\n");
    site.build().unwrap();
    let out = site.root().join("public");
    let original = fs::read(out.join("2024/01-one/wide.jpg")).expect("the original is published");
    assert!(image::load_from_memory(&original).is_ok());
    for (path, bytes) in tree(&out) {
        assert!(!bytes.windows(18).any(|w| w == b"WHERE-IT-WAS-TAKEN"), "{path} leaks EXIF");
    }
    let turned = fs::read(out.join("2024/01-one/turned.jpg")).unwrap();
    let turned = image::load_from_memory(&turned).unwrap();
    assert_eq!(
        (turned.width(), turned.height()),
        (800, 1200),
        "a turned original is published turned"
    );
    let gallery = read(&out, "2024/photos/index.html");
    assert!(gallery.contains("href=\"../../2024/01-one/wide.jpg\" download"), "{gallery}");
}

#[test]
fn the_gallery_shows_every_photo_with_caption_credit_and_chapter() {
    let site = photo_site();
    site.build().unwrap();
    let gallery = read(&site.root().join("public"), "2024/photos/index.html");
    assert_eq!(gallery.matches("<li class=\"gallery-item\">").count(), 3);
    for text in [
        "The wide view",
        "Stored on its side",
        "A small photo",
        "Photo Li",
        "Hall",
        "Photos by the committee",
    ] {
        assert!(gallery.contains(text), "{text} missing");
    }
    assert!(gallery.contains("href=\"../../2024/one/index.html\">见 One</a>"), "{gallery}");
    assert!(
        gallery.contains("<a href=\"../../2024/01-one/wide-1600.webp\">查看大图</a>"),
        "full size without JavaScript"
    );
}

#[test]
fn a_second_build_takes_every_photo_from_the_cache_and_prunes_the_rest() {
    let site = photo_site();
    let first = site.build().unwrap();
    assert_eq!((first.photos.processed, first.photos.cached), (3, 0));
    let second = site.build().unwrap();
    assert_eq!((second.photos.processed, second.photos.cached), (0, 3));
    let cache = site.root().join("cache");
    let entries = fs::read_dir(&cache).unwrap().count();
    site.file("content/2024/01-one/index.md", "---\ntitle: One\n---\n![the wide view](wide.jpg)\n");
    let third = site.build().unwrap();
    assert_eq!(third.photos.cached, 1);
    assert!(third.photos.pruned >= 2, "{third:?}");
    assert!(fs::read_dir(&cache).unwrap().count() < entries);
}

#[test]
fn nothing_is_written_into_content() {
    let site = photo_site();
    let before = tree(&site.root().join("content"));
    site.build().unwrap();
    assert_eq!(tree(&site.root().join("content")), before);
}

#[test]
fn a_cache_inside_content_is_refused() {
    let site = photo_site();
    let mut options = site.options();
    options.cache_dir = Some(site.root().join("content/cache"));
    let e = annals::build(&options).unwrap_err();
    assert!(e.to_string().starts_with("refusing to keep the photo cache in"), "{e}");
}

#[test]
fn jpeg_variants_at_the_configured_quality() {
    let site = photo_site();
    site.file(
        "site.yaml",
        "title: Test\nimages:\n  format: jpeg\n  widths: [300, 800]\n  quality: 60\n",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    let bytes = fs::read(out.join("2024/01-one/wide-800.jpg")).unwrap();
    assert_eq!(image::guess_format(&bytes).unwrap(), image::ImageFormat::Jpeg);
    assert_eq!(image::image_dimensions(out.join("2024/01-one/wide-300.jpg")).unwrap(), (300, 200));
}

/// CRC-32 as PNG chunks carry it.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_huge_photo_is_refused_before_decoding() {
    let site = TestSite::new();
    // A PNG header claiming 20000 × 10000 pixels: 200 megapixels.
    let mut png = jpeg(8, 8);
    png.clear();
    let img = image::RgbImage::new(1, 1);
    img.write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
    png[16..20].copy_from_slice(&20000u32.to_be_bytes());
    png[20..24].copy_from_slice(&10000u32.to_be_bytes());
    let crc = crc32(&png[12..29]);
    png[29..33].copy_from_slice(&crc.to_be_bytes());
    site.bytes("content/2024/huge.png", &png);
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![huge](huge.png)\n");
    let e = site.error();
    assert!(e.message.contains("200 megapixels"), "{e}");
    assert_eq!(e.line, Some(4));
}

#[test]
fn photos_named_alike_keep_apart() {
    let site = TestSite::new();
    site.bytes("content/2024/visit.jpg", &jpeg(600, 400));
    let mut png = Vec::new();
    image::RgbImage::new(500, 300)
        .write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    site.bytes("content/2024/visit.png", &png);
    site.file(
        "content/2024/01-one.md",
        "---\ntitle: One\n---\n![a](visit.jpg)\n\n![b](visit.png)\n",
    );
    site.build().unwrap();
    let out = site.root().join("public");
    assert!(
        out.join("2024/visit-jpg-480.webp").is_file()
            && out.join("2024/visit-png-480.webp").is_file()
    );
}

#[test]
fn links_into_a_draft_report_say_it_is_a_draft() {
    let site = TestSite::new();
    site.file("content/2023/_index.md", "---\ntitle: 2023\ndraft: true\n---\n");
    site.file("content/2023/01-old.md", "---\ntitle: Old\n---\n");
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n[old](../2023/01-old.md)\n");
    let e = site.error();
    assert_eq!(e.message, "the link `../2023/01-old.md` leads to a draft");
}

/// A JPEG cut off inside its image data, or with its image data damaged,
/// fails the build at the line that shows it; the lenient decoding that
/// published it grey is gone. Cut at several places: just after the
/// headers, in the middle, just before the end marker.
#[test]
fn a_damaged_jpeg_fails_the_build_at_the_line_that_shows_it() {
    let whole = jpeg(640, 480);
    let scan = whole.windows(2).position(|w| w == [0xFF, 0xDA]).expect("a start of scan");
    let mut damaged: Vec<(String, Vec<u8>)> = [scan + 200, whole.len() / 2, whole.len() - 40]
        .into_iter()
        .map(|cut| (format!("cut at byte {cut} of {}", whole.len()), whole[..cut].to_vec()))
        .collect();
    // A marker in the middle of the image data, as a bad copy leaves.
    let mut corrupt = whole.clone();
    let middle = scan + (whole.len() - scan) / 2;
    corrupt[middle..middle + 2].copy_from_slice(&[0xFF, 0xC4]);
    damaged.push(("a marker inside the image data".into(), corrupt));
    for (what, bytes) in damaged {
        let site = TestSite::new();
        site.bytes("content/2024/photos/hall.jpg", &bytes);
        site.file(
            "content/2024/01-one.md",
            "---\ntitle: One\n---\nText.\n\n![the hall](photos/hall.jpg)\n",
        );
        let e = site.error();
        assert_eq!(
            (e.file.to_str(), e.line),
            (Some("content/2024/01-one.md"), Some(6)),
            "{what}: {e}"
        );
        assert!(e.message.contains("damaged"), "{what}: {e}");
        // Named as the page wrote it, not by its file name alone.
        assert!(e.message.contains("`photos/hall.jpg`"), "{what}: {e}");
    }
    // The whole photo still builds.
    let site = TestSite::new();
    site.bytes("content/2024/photos/hall.jpg", &whole);
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![the hall](photos/hall.jpg)\n");
    site.build().expect("the whole photo builds");
}

/// A photo that is no image is named by the path the page wrote.
#[test]
fn a_photo_that_is_no_image_is_named_as_the_page_wrote_it() {
    let site = TestSite::new();
    site.bytes("content/2024/photos/notes.jpg", b"these are notes, not a photo");
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![notes](photos/notes.jpg)\n");
    let e = site.error();
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.message.contains("`photos/notes.jpg`"), "{e}");
}
