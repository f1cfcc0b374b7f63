//! What an element's `class` and `id` say about it: page furniture, article text, a lead,
//! comments, a caption, a date or byline line.
//!
//! Names are split into words at punctuation and at camelCase humps (`relatedPosts` →
//! `related posts`), lowercased, and each word — and each pair of neighbouring words run
//! together (`most-read` → `mostread`) — is looked up. Some roots also match as a prefix
//! (`sharebar`, `newsletterbox`, `commentlist`) or a suffix (`topnav`, `mainmenu`).

use std::sync::LazyLock;

use regex::Regex;

use crate::ingest::FnvMap;

use super::dom::flag;

/// Words that mark furniture: navigation, sharing, promotion, related links, consent.
const NOISE: &[&str] = &[
    "nav",
    "navi",
    "navbar",
    "navigation",
    "menu",
    "menus",
    "breadcrumb",
    "breadcrumbs",
    "crumbs",
    "footer",
    "sidebar",
    "sidebars",
    "banner",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "login",
    "share",
    "shares",
    "sharing",
    "social",
    "socials",
    "sociallinks",
    "related",
    "recommended",
    "recommendation",
    "recommendations",
    "promo",
    "promotion",
    "advert",
    "advertisement",
    "advertising",
    "ad",
    "ads",
    "adsense",
    "adslot",
    "adunit",
    "sponsor",
    "sponsored",
    "outbrain",
    "taboola",
    "plista",
    "popup",
    "modal",
    "overlay",
    "trending",
    "mostread",
    "mostpopular",
    "mostviewed",
    "popular",
    "paywall",
    "tags",
    "tagcloud",
    "taglist",
    "keywords",
    "toolbar",
    "skip",
    "skiplink",
    "masthead",
    "pagination",
    "pager",
    "rating",
    "ratings",
    "rss",
    "readmore",
    "readalso",
    "alsoread",
    "seealso",
    "morenews",
    "morestories",
    "morearticles",
    "moreposts",
    "nextpost",
    "prevpost",
    "postnav",
    "pagenav",
    "sronly",
    "screenreadertext",
    "visuallyhidden",
    "offscreen",
    "print",
    "donate",
    "donation",
    "follow",
    "followus",
    "bookmark",
    "bookmarks",
    "topics",
    "teaserlist",
    "teasers",
];

/// Roots that mark furniture wherever a word starts with them.
const NOISE_PREFIX: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "cookie",
    "sidebar",
    "breadcrumb",
    "footer",
    "navbar",
    "navigation",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "recommend",
    "subscri",
    "paywall",
    "trending",
    "popular",
];

/// Words that turn the next word into a state ("has-sidebar", "no-comments", "with-ads"):
/// such a name describes a page layout, not a piece of furniture.
const MODIFIERS: &[&str] = &[
    "has", "with", "without", "no", "show", "hide", "enable", "enabled", "disable", "disabled",
    "allow",
];

/// Endings that mark furniture (`topnav`, `mainmenu`, `pagefooter`).
const NOISE_SUFFIX: &[&str] = &["nav", "menu", "footer", "sidebar", "navigation"];

/// Words that mark the comment section.
const COMMENTS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "disqus",
    "respond",
    "replies",
    "reply",
    "discussion",
    "forum",
];

/// Words that mark the article's own text.
const CONTENT: &[&str] = &[
    "articlebody",
    "articletext",
    "articlecontent",
    "articlecopy",
    "articledetail",
    "storybody",
    "storytext",
    "storycontent",
    "postbody",
    "posttext",
    "postcontent",
    "postentry",
    "entrycontent",
    "entrybody",
    "entrytext",
    "bodytext",
    "bodycopy",
    "maintext",
    "fulltext",
    "contentbody",
    "textcontent",
    "richtext",
    "newstext",
    "newsbody",
    "newscontent",
    "blogpost",
    "blogcontent",
    "pagecontent",
    "singlecontent",
    "contenttext",
    "articlebodytext",
    "prose",
];

/// Words that mark a lead, standfirst or summary.
const LEAD: &[&str] = &[
    "lead",
    "leadtext",
    "lede",
    "intro",
    "introduction",
    "introtext",
    "summary",
    "teaser",
    "teasertext",
    "standfirst",
    "chapo",
    "chapeau",
    "description",
    "excerpt",
    "deck",
    "dek",
    "subtitle",
    "subheadline",
    "subhead",
    "abstract",
    "sapo",
    "entradilla",
    "bajada",
    "sumario",
    "strapline",
    "kurztext",
    "vorspann",
];

/// Words that mark a caption or a credit.
const CAPTION: &[&str] = &[
    "caption",
    "captions",
    "credit",
    "credits",
    "copyright",
    "photocredit",
    "imagecredit",
    "legend",
    "bildunterschrift",
    "figcaption",
    "mediacaption",
    "imagecaption",
    "wpcaptiontext",
];

/// Words that mark a line of metadata: date, byline, author box.
const META: &[&str] = &[
    "byline",
    "bylines",
    "author",
    "authors",
    "authorbox",
    "authorinfo",
    "authorbio",
    "date",
    "dateline",
    "datetime",
    "timestamp",
    "published",
    "pubdate",
    "postdate",
    "postmeta",
    "entrymeta",
    "articlemeta",
    "meta",
    "metadata",
    "metainfo",
    "dateinfo",
    "posted",
    "updated",
];

/// Splits "class id" text into lowercased words: at non-alphanumerics and camelCase humps.
fn words(names: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in names.chars() {
        if c.is_alphanumeric() {
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        } else {
            prev_lower = false;
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Every listed word with the flags it gives.
static WORDS: LazyLock<FnvMap<&'static str, u16>> = LazyLock::new(|| {
    let mut map: FnvMap<&'static str, u16> = FnvMap::default();
    for (list, f) in [
        (NOISE, flag::NOISE),
        (COMMENTS, flag::COMMENTS),
        (CONTENT, flag::CONTENT),
        (LEAD, flag::LEAD),
        (CAPTION, flag::CAPTION),
        (META, flag::META),
    ] {
        for w in list {
            *map.entry(w).or_default() |= f;
        }
    }
    *map.entry("articlebody").or_default() |= flag::ARTICLE_BODY;
    map
});

static NOISE_AFFIX: LazyLock<Regex> = LazyLock::new(|| {
    let pattern = format!(
        "^(?:{})|.{{3}}(?:{})$",
        NOISE_PREFIX.join("|"),
        NOISE_SUFFIX.join("|")
    );
    Regex::new(&pattern).expect("a valid pattern made from word lists")
});

fn word_flags(w: &str) -> u16 {
    WORDS.get(w).copied().unwrap_or(0)
}

/// The flags that an element's class and id give it (see [`flag`]).
pub(super) fn classify(names: &str) -> u16 {
    let ws = words(names);
    let mut flags = 0;
    let mut pair = String::new();
    for (i, w) in ws.iter().enumerate() {
        if i > 0 && MODIFIERS.contains(&ws[i - 1].as_str()) {
            continue;
        }
        flags |= word_flags(w);
        // "shareholder" is a word of news, not furniture.
        if !w.starts_with("shareholder") && NOISE_AFFIX.is_match(w) {
            flags |= flag::NOISE;
        }
        if let Some(next) = ws.get(i + 1) {
            pair.clear();
            pair.push_str(w);
            pair.push_str(next);
            flags |= word_flags(&pair);
            if let Some(third) = ws.get(i + 2) {
                pair.push_str(third);
                flags |= word_flags(&pair);
            }
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(names: &str, f: u16) -> bool {
        classify(names) & f != 0
    }

    #[test]
    fn words_split_at_punctuation_and_humps() {
        assert_eq!(
            words("relatedPosts most-read  HTMLBox"),
            ["related", "posts", "most", "read", "htmlbox"]
        );
    }

    #[test]
    fn furniture() {
        for n in [
            "cookie-banner",
            "ad slot",
            "relatedArticles",
            "c-most-read",
            "topnav",
            "social-share-bar",
            "newsletterBox",
            "sr-only",
        ] {
            assert!(has(n, flag::NOISE), "{n}");
        }
        for n in [
            "article-body headline loaded",
            "shareholder-letter",
            "header",
            "canvas",
            "leading",
            "story",
            "o-section--has-ads",
            "page no-sidebar",
            "elementor-widget-container",
        ] {
            assert!(!has(n, flag::NOISE), "{n}");
        }
    }

    #[test]
    fn content_lead_caption_meta_comments() {
        assert!(has("c-article-body", flag::CONTENT));
        assert!(has("entry-content clearfix", flag::CONTENT));
        assert!(has("td-post-content", flag::CONTENT));
        assert!(has("article__lead", flag::LEAD));
        assert!(has("standfirst", flag::LEAD));
        assert!(has("wp-caption-text", flag::CAPTION));
        assert!(has("post-meta", flag::META));
        assert!(has("byline__author", flag::META));
        assert!(has("comment-list", flag::COMMENTS));
        assert!(!has("commentary", flag::COMMENTS));
    }
}
