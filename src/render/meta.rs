//! What a page says about itself to machines: the description, the Open
//! Graph image and schema.org JSON-LD. JSON-LD goes inside a `<script>`,
//! so it is escaped for that context, not only as JSON.

use serde_json::{Value, json};

use super::urls;
use crate::config::Config;
use crate::content::{Page, Photo, Report};
use crate::images::{Plan, Planned};

/// JSON made safe inside `<script type="application/ld+json">`: no `<`,
/// `>` or `&` can close the element or start markup.
pub fn script_json(value: &Value) -> String {
    serde_json::to_string(value)
        .expect("JSON values serialize")
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The absolute URL of a photo's largest size, for Open Graph, where
/// `base_url` is known.
pub fn image_url(config: &Config, photo: Option<&Photo>, plan: &Plan) -> Option<String> {
    let photo = photo?;
    let largest = plan.of(photo).and_then(Planned::largest);
    let path = largest.map_or(&photo.path, |v| &v.path);
    config.absolute_url(&urls::encode_path(path))
}

fn canonical(config: &Config, path: &str) -> Option<String> {
    config.absolute_url(&urls::encode_path(path))
}

fn insert(map: &mut Value, key: &str, value: Option<Value>) {
    if let (Some(v), Some(obj)) = (value, map.as_object_mut()) {
        obj.insert(key.to_owned(), v);
    }
}

pub fn report(config: &Config, r: &Report, plan: &Plan) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "Report",
        "name": r.title,
        "headline": r.title,
        "inLanguage": config.language,
        "publisher": {"@type": "Organization", "name": config.author.as_deref().unwrap_or(&config.title)},
        "temporalCoverage": r.year.to_string(),
        "hasPart": r.chapters.iter().map(|c| json!({"@type": "CreativeWork", "name": c.title, "position": c.number})).collect::<Vec<_>>(),
    });
    insert(&mut v, "alternativeHeadline", r.subtitle.as_ref().map(|s| json!(s)));
    insert(&mut v, "author", r.author.as_ref().map(|a| json!({"@type": "Person", "name": a})));
    insert(&mut v, "datePublished", r.date.map(|d| json!(d.to_string())));
    insert(&mut v, "description", r.summary.as_ref().map(|s| json!(s)));
    insert(&mut v, "url", canonical(config, &r.path).map(Value::from));
    insert(&mut v, "image", image_url(config, r.cover.as_ref(), plan).map(Value::from));
    insert(&mut v, "keywords", (!r.tags.is_empty()).then(|| json!(r.tags.join(", "))));
    v
}

pub fn chapter(config: &Config, r: &Report, c: &Page, plan: &Plan) -> Value {
    let mut v = page(config, c, plan);
    let mut part = json!({"@type": "Report", "name": r.title});
    insert(&mut part, "url", canonical(config, &r.path).map(Value::from));
    insert(&mut v, "isPartOf", Some(part));
    insert(&mut v, "position", c.number.map(Value::from));
    insert(&mut v, "author", r.author.as_ref().map(|a| json!({"@type": "Person", "name": a})));
    v
}

pub fn page(config: &Config, p: &Page, plan: &Plan) -> Value {
    let mut v = json!({
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": p.title,
        "headline": p.title,
        "inLanguage": config.language,
    });
    let a = &p.archival;
    insert(&mut v, "description", p.summary.as_ref().map(|s| json!(s)));
    insert(&mut v, "url", canonical(config, &p.path).map(Value::from));
    insert(&mut v, "dateCreated", p.date.map(|d| json!(d.to_string())));
    insert(&mut v, "creator", a.creator.as_ref().map(|c| json!({"@type": "Person", "name": c})));
    insert(&mut v, "isBasedOn", a.source.as_ref().map(|s| json!(s)));
    insert(&mut v, "copyrightNotice", a.rights.as_ref().map(|s| json!(s)));
    insert(
        &mut v,
        "spatialCoverage",
        a.place.as_ref().map(|s| json!({"@type": "Place", "name": s})),
    );
    let keywords: Vec<&String> = p.tags.iter().chain(&a.subjects).collect();
    insert(
        &mut v,
        "keywords",
        (!keywords.is_empty())
            .then(|| json!(keywords.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", "))),
    );
    insert(&mut v, "image", image_url(config, p.photos.first(), plan).map(Value::from));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script() {
        let v = json!({"name": "</script><script>alert(1)</script> & co"});
        let s = script_json(&v);
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let back: Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back, v);
    }
}
