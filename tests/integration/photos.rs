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
    assert_eq!(gallery.matches("<li class=\"gallery-item\" id=\"photo-").count(), 3);
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
        // `check` finds it too, at the same place, making nothing.
        let report = annals::check(&site.options());
        let found: Vec<_> =
            report.errors.iter().filter(|d| d.message.contains("damaged")).collect();
        assert_eq!(found.len(), 1, "{what}: {report:#?}");
        assert_eq!(
            (found[0].file.to_str(), found[0].line),
            (Some("content/2024/01-one.md"), Some(6))
        );
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

/// A JPEG with what cameras and editors add: a comment, Photoshop's
/// `Ducky` block, a multi-picture index, EXIF.
fn with_camera_segments(jpeg: Vec<u8>) -> Vec<u8> {
    use img_parts::jpeg::{Jpeg, JpegSegment};
    let mut parsed = Jpeg::from_bytes(with_exif(jpeg, 1).into()).unwrap();
    let extra = [
        (0xFE, &b"Home: 12 Secret Street"[..]),
        (0xEC, &b"Ducky\x01\x00\x04\x00\x00\x00\x50"[..]),
        (0xE2, &b"MPF\x00II*\x00"[..]),
    ];
    for (marker, contents) in extra {
        let segment = JpegSegment::new_with_contents(marker, contents.to_vec().into());
        parsed.segments_mut().insert(1, segment);
    }
    parsed.encoder().bytes().to_vec()
}

/// Every segment of every published JPEG is one decoding needs: no
/// application segment, no comment.
#[test]
fn published_originals_keep_no_segment_from_the_camera() {
    let site = TestSite::new();
    site.file("site.yaml", "title: Test\nimages:\n  originals: true\n");
    site.bytes("content/2024/photos/hall.jpg", &with_camera_segments(jpeg(640, 480)));
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![the hall](photos/hall.jpg)\n");
    let source = img_parts::jpeg::Jpeg::from_bytes(
        fs::read(site.root().join("content/2024/photos/hall.jpg")).unwrap().into(),
    )
    .unwrap();
    assert!(source.segments().iter().any(|s| s.marker() == 0xFE), "the source has a comment");
    site.build().unwrap();
    let out = site.root().join("public");
    for (path, bytes) in tree(&out) {
        assert!(!bytes.windows(13).any(|w| w == b"Secret Street"), "{path} keeps the comment");
        if !path.ends_with(".jpg") {
            continue;
        }
        let jpeg = img_parts::jpeg::Jpeg::from_bytes(bytes.into()).unwrap();
        let kept: Vec<u8> = jpeg
            .segments()
            .iter()
            .map(|s| s.marker())
            .filter(|m| (0xE0..=0xEF).contains(m) || *m == 0xFE)
            .collect();
        assert!(kept.is_empty(), "{path} keeps the segments {kept:02X?}");
    }
    assert!(image::load_from_memory(&fs::read(out.join("2024/photos/hall.jpg")).unwrap()).is_ok());
}

/// A published WebP original no longer flags the EXIF and XMP it lost.
#[test]
fn a_webp_original_flags_no_metadata_it_does_not_carry() {
    use img_parts::ImageEXIF;
    use img_parts::riff::{RiffChunk, RiffContent};
    let mut webp = Vec::new();
    image::RgbImage::from_pixel(64, 48, image::Rgb([200, 100, 50]))
        .write_to(&mut Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    let mut parsed = img_parts::webp::WebP::from_bytes(webp.into()).unwrap();
    let xmp = b"<x:xmpmeta>WHERE-IT-WAS-TAKEN</x:xmpmeta>".to_vec();
    parsed.chunks_mut().push(RiffChunk::new(*b"XMP ", RiffContent::Data(xmp.into())));
    parsed.set_exif(Some(b"II*\x00\x08\x00\x00\x00\x00\x00".to_vec().into()));
    let flags = |webp: &img_parts::webp::WebP| -> u8 {
        webp.chunk_by_id(*b"VP8X").and_then(|c| c.content().data()).map_or(0, |d| d[0])
    };
    assert_eq!(flags(&parsed) & 0x0C, 0x0C, "the source flags EXIF and XMP");
    let site = TestSite::new();
    site.file("site.yaml", "title: Test\nimages:\n  originals: true\n");
    site.bytes("content/2024/photos/sign.webp", &parsed.encoder().bytes());
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![the sign](photos/sign.webp)\n");
    site.build().unwrap();
    let published = fs::read(site.root().join("public/2024/photos/sign.webp")).unwrap();
    assert!(!published.windows(18).any(|w| w == b"WHERE-IT-WAS-TAKEN"));
    let published = img_parts::webp::WebP::from_bytes(published.into()).unwrap();
    assert_eq!(flags(&published) & 0x0C, 0, "EXIF and XMP flags are cleared");
}

/// A small ICC profile: sRGB's primaries with a linear tone curve, so that
/// a mid grey of 128 means a brighter grey in sRGB (about 188).
fn linear_rgb_profile() -> Vec<u8> {
    let s15 = |v: f64| ((v * 65536.0).round() as i32).to_be_bytes();
    let xyz = |x: f64, y: f64, z: f64| -> Vec<u8> {
        [&b"XYZ \0\0\0\0"[..], &s15(x), &s15(y), &s15(z)].concat()
    };
    let curve = [&b"curv\0\0\0\0"[..], &1u32.to_be_bytes(), &[1, 0, 0, 0]].concat();
    let tags: Vec<(&[u8; 4], Vec<u8>)> = vec![
        (b"wtpt", xyz(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz(0.4361, 0.2225, 0.0139)),
        (b"gXYZ", xyz(0.3851, 0.7169, 0.0971)),
        (b"bXYZ", xyz(0.1431, 0.0606, 0.7141)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let mut table = (tags.len() as u32).to_be_bytes().to_vec();
    let mut data = Vec::new();
    let start = 128 + 4 + 12 * tags.len();
    for (signature, body) in &tags {
        table.extend_from_slice(*signature);
        table.extend_from_slice(&((start + data.len()) as u32).to_be_bytes());
        table.extend_from_slice(&(body.len() as u32).to_be_bytes());
        data.extend_from_slice(body);
    }
    let mut header = vec![0u8; 128];
    header[0..4].copy_from_slice(&((128 + table.len() + data.len()) as u32).to_be_bytes());
    header[8..12].copy_from_slice(&0x0210_0000u32.to_be_bytes());
    header[12..16].copy_from_slice(b"mntr");
    header[16..20].copy_from_slice(b"RGB ");
    header[20..24].copy_from_slice(b"XYZ ");
    header[36..40].copy_from_slice(b"acsp");
    header[68..80].copy_from_slice(&[s15(0.9642), s15(1.0), s15(0.8249)].concat());
    [header, table, data].concat()
}

/// An original that EXIF says to turn is re-encoded: turned, and converted
/// from its colour profile to sRGB like its variants, since the profile
/// does not stay with it.
#[test]
fn a_turned_original_is_converted_to_srgb_like_its_variants() {
    use img_parts::ImageICC;
    let grey = image::RgbImage::from_pixel(600, 400, image::Rgb([128, 128, 128]));
    let mut bytes = Vec::new();
    grey.write_to(&mut Cursor::new(&mut bytes), image::ImageFormat::Jpeg).unwrap();
    let mut jpeg = img_parts::jpeg::Jpeg::from_bytes(with_exif(bytes, 6).into()).unwrap();
    jpeg.set_icc_profile(Some(linear_rgb_profile().into()));
    let site = TestSite::new();
    site.file("site.yaml", "title: Test\nimages:\n  originals: true\n  widths: [300]\n");
    site.bytes("content/2024/photos/grey.jpg", &jpeg.encoder().bytes());
    site.file("content/2024/01-one.md", "---\ntitle: One\n---\n![grey](photos/grey.jpg)\n");
    site.build().unwrap();
    let out = site.root().join("public/2024/photos");
    let centre = |file: &str| {
        let img = image::open(out.join(file)).unwrap().to_rgb8();
        (img.dimensions(), img.get_pixel(img.width() / 2, img.height() / 2)[1])
    };
    let ((w, h), original) = centre("grey.jpg");
    assert_eq!((w, h), (400, 600), "turned");
    let (_, variant) = centre("grey-300.webp");
    assert!(original > 170, "converted to sRGB: {original}");
    assert!(original.abs_diff(variant) <= 3, "original {original}, variant {variant}");
}
