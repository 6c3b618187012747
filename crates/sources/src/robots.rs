//! robots.txt (RFC 9309): which paths a crawler may fetch.
//!
//! The group whose `User-agent` matches Vigie's product token applies, else
//! the `*` group; within it the longest matching `Allow` or `Disallow` rule
//! wins (`Allow` on a tie), with `*` matching any characters and `$` anchoring
//! the end. `Crawl-delay`, not in the RFC but widely used, is read too: the
//! watcher waits at least that long between requests to the host.

use std::time::Duration;

/// The rules of one robots.txt for one user agent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Robots {
    /// `(allow, pattern)`, in file order.
    rules: Vec<(bool, String)>,
    /// `Crawl-delay` of the chosen group.
    pub crawl_delay: Option<Duration>,
}

impl Robots {
    /// Everything allowed (no robots.txt, or a 4xx answer for it).
    pub fn allow_all() -> Robots {
        Robots::default()
    }

    /// Nothing allowed.
    pub fn disallow_all() -> Robots {
        Robots {
            rules: vec![(false, "/".to_string())],
            crawl_delay: None,
        }
    }

    /// Parses a robots.txt for the user agent whose product token is `agent`
    /// (`vigie`, matched case-insensitively).
    pub fn parse(text: &str, agent: &str) -> Robots {
        let agent = agent.to_ascii_lowercase();
        // Groups: the user agents they name, their rules, their delay.
        struct Group {
            agents: Vec<String>,
            rules: Vec<(bool, String)>,
            delay: Option<Duration>,
        }
        let mut groups: Vec<Group> = Vec::new();
        let mut in_agents = false;
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or_default().trim();
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim();
            match key.as_str() {
                "user-agent" => {
                    if !in_agents {
                        groups.push(Group {
                            agents: Vec::new(),
                            rules: Vec::new(),
                            delay: None,
                        });
                    }
                    in_agents = true;
                    if let Some(g) = groups.last_mut() {
                        g.agents.push(value.to_ascii_lowercase());
                    }
                }
                "allow" | "disallow" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        // An empty Disallow allows everything: no rule.
                        if !value.is_empty() {
                            g.rules.push((key == "allow", value.to_string()));
                        }
                    }
                }
                "crawl-delay" => {
                    in_agents = false;
                    if let Some(g) = groups.last_mut() {
                        g.delay = value
                            .parse::<f64>()
                            .ok()
                            .filter(|s| s.is_finite() && *s >= 0.0)
                            .map(|s| Duration::from_secs_f64(s.min(3600.0)));
                    }
                }
                _ => {}
            }
        }
        let named = |g: &&Group| g.agents.iter().any(|a| a != "*" && agent.starts_with(a.as_str()));
        let mut chosen: Vec<&Group> = groups.iter().filter(named).collect();
        if chosen.is_empty() {
            chosen = groups
                .iter()
                .filter(|g| g.agents.iter().any(|a| a == "*"))
                .collect();
        }
        Robots {
            rules: chosen.iter().flat_map(|g| g.rules.iter().cloned()).collect(),
            crawl_delay: chosen.iter().find_map(|g| g.delay),
        }
    }

    /// Whether `path` (with its query, `/a/b?c=d`) may be fetched.
    pub fn allowed(&self, path: &str) -> bool {
        if path == "/robots.txt" {
            return true;
        }
        let path = decode_unreserved(path);
        let mut best: Option<(usize, bool)> = None;
        for (allow, pattern) in &self.rules {
            let pattern = decode_unreserved(pattern);
            if matches(&pattern, &path) {
                let len = pattern.len();
                best = match best {
                    Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                    _ => Some((len, *allow)),
                };
            }
        }
        best.is_none_or(|(_, allow)| allow)
    }
}

/// Whether `pattern` (with `*` and a final `$`) matches the start of `path`.
fn matches(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let pieces: Vec<&str> = pattern.split('*').collect();
    let mut pos = 0;
    for (i, piece) in pieces.iter().enumerate() {
        if i == 0 {
            if !path.starts_with(piece) {
                return false;
            }
            pos = piece.len();
        } else if i == pieces.len() - 1 && anchored {
            // The last piece must end the path, after `pos`.
            return path.len() >= pos + piece.len() && path.ends_with(piece);
        } else {
            match path[pos..].find(piece) {
                Some(at) => pos += at + piece.len(),
                None => return false,
            }
        }
    }
    !anchored || pos == path.len()
}

/// Percent-decodes the unreserved characters (`%7E` → `~`), as RFC 9309 asks
/// before comparing, and upper-cases the other escapes.
fn decode_unreserved(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = &s[i + 1..i + 3];
            if let Ok(v) = u8::from_str_radix(hex, 16) {
                if v.is_ascii_alphanumeric() || matches!(v, b'-' | b'.' | b'_' | b'~') {
                    out.push(v as char);
                } else {
                    out.push('%');
                    out.push_str(&hex.to_ascii_uppercase());
                }
                i += 3;
                continue;
            }
        }
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        out.push(c);
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TXT: &str = "# robots\nUser-agent: *\nDisallow: /private/\nAllow: /private/ok\nDisallow: /*.pdf$\nDisallow: /search?\n\nUser-agent: BadBot\nUser-agent: vigie\nDisallow: /no-vigie\nCrawl-delay: 2.5\n";

    #[test]
    fn groups_and_longest_match() {
        let star = Robots::parse(TXT, "otherbot");
        let cases = [
            ("/", true),
            ("/private/x", false),
            ("/private/ok/1", true),
            ("/doc.pdf", false),
            ("/doc.pdf?x", true),
            ("/search?q=a", false),
            ("/searching", true),
            ("/no-vigie", true),
            ("/robots.txt", true),
        ];
        for (path, want) in cases {
            assert_eq!(star.allowed(path), want, "* {path}");
        }
        assert_eq!(star.crawl_delay, None);
        // Vigie's own group replaces the * group entirely.
        let vigie = Robots::parse(TXT, "Vigie");
        assert!(!vigie.allowed("/no-vigie/page"));
        assert!(vigie.allowed("/private/x"));
        assert_eq!(vigie.crawl_delay, Some(Duration::from_millis(2500)));
    }

    #[test]
    fn edge_cases() {
        assert!(Robots::parse("User-agent: *\nDisallow:\n", "vigie").allowed("/a"));
        assert!(!Robots::parse("User-agent: *\nDisallow: /\n", "vigie").allowed("/a"));
        assert!(Robots::parse("User-agent: *\nDisallow: /\nAllow: /$\n", "vigie").allowed("/"));
        assert!(!Robots::parse("user-agent: *\ndisallow: /%7Euser\n", "vigie").allowed("/~user/a"));
        assert!(Robots::parse("garbage\n\0\n", "vigie").allowed("/x"));
        assert!(!Robots::disallow_all().allowed("/x"));
        assert!(Robots::allow_all().allowed("/x"));
        assert!(matches("/a*b*c$", "/a1b2c"));
        assert!(!matches("/a*b*c$", "/a1b2cd"));
        assert!(matches("*", "/anything"));
    }
}
