//! Writes the table search uses to find traditional Chinese characters as
//! simplified ones (`src/render/search/terms.rs`), from zhconv's conversion
//! tables (MediaWiki's), at build time: no conversion engine in the binary,
//! no time spent building one at run time.

use std::fmt::Write;
use std::path::Path;

/// The unified ideographs (and extension A) the table covers.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0x9fff;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let mut table = String::from(
        "/// For each character from U+3400 to U+9FFF, its simplified form's\n/// offset from U+3400 plus one, or 0 where it is its own.\npub static SIMPLIFIED: [u16; 27648] = [",
    );
    let mut buf = [0u8; 4];
    for code in FIRST..=LAST {
        let c = char::from_u32(code).expect("a scalar value");
        let simplified = zhconv::zhconv(c.encode_utf8(&mut buf), zhconv::Variant::ZhHans);
        let mut chars = simplified.chars();
        let offset = match (chars.next(), chars.next()) {
            (Some(s), None) if s != c && (FIRST..=LAST).contains(&(s as u32)) => {
                s as u32 - FIRST + 1
            }
            _ => 0,
        };
        write!(table, "{offset},").expect("writing to a string");
    }
    table.push_str("];\n");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("simplified.rs"), table).expect("OUT_DIR is writable");
}
