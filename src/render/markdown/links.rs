//! Links in a body: a link to a `.md` file becomes a link to its page, a
//! root-absolute one is made relative, and in safe mode a link that would
//! run script is dropped. `link_target` is shared with `check`, so both
//! see the same link.

use std::collections::{BTreeMap, BTreeSet};

use crate::render::urls;

/// A URL that runs script when followed: `javascript:`, `vbscript:`,
/// `data:` (which can carry HTML). Dropped in safe mode.
pub(super) fn runs_script(dest: &str) -> bool {
    crate::content::url_scheme(dest)
        .is_some_and(|s| ["javascript", "vbscript", "data"].contains(&s.as_str()))
}

/// What a Markdown link becomes in the page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Kept as written: another site, or a local file that is not Markdown.
    AsWritten,
    /// Rewritten: a `.md` file's page, or a root-absolute path made relative.
    Href(String),
    /// A `.md` file that failed to load; its own error says why.
    Unloaded,
    /// A `.md` file left out as a draft.
    Draft,
    /// A `.md` file that is no page; `wanted` is its path in `content/`.
    Missing { wanted: String },
}

/// Resolves the link `dest` of the Markdown file `md_file` (relative to
/// `content/`) on a page whose way to the site root is `root`. Shared by
/// the renderer and `check`, so both see the same link.
pub fn link_target(
    dest: &str,
    md_file: &str,
    root: &str,
    links: &BTreeMap<String, String>,
    unloaded: &BTreeSet<String>,
    drafts: &BTreeSet<String>,
) -> LinkTarget {
    if dest.starts_with('/') && !dest.starts_with("//") {
        // Root-absolute: made relative so the site works under a sub-path.
        return LinkTarget::Href(format!("{root}{}", dest.trim_start_matches('/')));
    }
    if !crate::content::is_local(dest) {
        return LinkTarget::AsWritten;
    }
    let (path, anchor) = dest.split_once('#').map_or((dest, None), |(p, a)| (p, Some(a)));
    let decoded = crate::content::percent_decode(path);
    if !decoded.ends_with(".md") {
        return LinkTarget::AsWritten;
    }
    let dir = md_file.rsplit_once('/').map_or("", |(d, _)| d);
    let target = crate::content::join_relative(dir, &decoded);
    if target.as_ref().is_some_and(|t| unloaded.contains(t)) {
        return LinkTarget::Unloaded;
    }
    if target.as_ref().is_some_and(|t| drafts.contains(t)) {
        return LinkTarget::Draft;
    }
    match target.as_ref().and_then(|t| links.get(t)) {
        Some(site_path) => {
            let mut href = urls::page(root, site_path);
            if let Some(anchor) = anchor {
                href.push('#');
                href.push_str(anchor);
            }
            LinkTarget::Href(href)
        }
        None => LinkTarget::Missing { wanted: target.unwrap_or(decoded) },
    }
}

pub(super) fn relative_from(dir: &str, target: &str) -> String {
    let dir_parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let target_parts: Vec<&str> = target.split('/').collect();
    let common = dir_parts.iter().zip(&target_parts).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(dir_parts.len() - common);
    out.push_str(&target_parts[common..].join("/"));
    out
}
