//! "Did you mean …?" for unknown keys, enum values and checkpoints.

/// Longest input (in bytes) that gets suggestions.
const MAX_INPUT: usize = 200;

/// Candidates close to `input`, best first (at most three).
pub fn close_matches<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let needle = input.trim().to_lowercase();
    // Nothing suggested is this long; edit distances on megabytes would take minutes.
    if needle.is_empty() || needle.len() > MAX_INPUT {
        return Vec::new();
    }
    let mut scored: Vec<(u8, f64, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let hay = c.to_lowercase();
            if hay == needle {
                return Some((0, 0.0, c));
            }
            if needle.len() >= 3 && (hay.starts_with(&needle) || hay.contains(&needle)) {
                return Some((1, 0.0, c));
            }
            // Short inputs (`X` for a sex, `KZ` for a country) only match exactly.
            let len = needle.chars().count();
            if len <= 2 {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&needle, &hay);
            let limit = if len <= 4 { 1 } else { 2 };
            if distance <= limit {
                return Some((2, distance as f64, c));
            }
            let jw = strsim::jaro_winkler(&needle, &hay);
            (len >= 5 && jw >= 0.88).then_some((3, 1.0 - jw, c))
        })
        .collect();
    scored.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(b.2)));
    scored.into_iter().take(3).map(|(_, _, c)| c).collect()
}

/// `did you mean `a` or `b`?` — `None` when nothing is close.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let found = close_matches(input, candidates);
    let quoted: Vec<String> = found.iter().map(|c| format!("`{c}`")).collect();
    match quoted.len() {
        0 => None,
        1 => Some(format!("did you mean {}?", quoted[0])),
        _ => {
            let (last, rest) = quoted.split_last()?;
            Some(format!("did you mean {} or {last}?", rest.join(", ")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_and_prefixes() {
        assert_eq!(
            close_matches("regoin", ["region", "name", "bin"]),
            ["region"]
        );
        assert_eq!(
            close_matches("almaty", ["abai", "almaty-city", "almaty-region", "astana"]),
            ["almaty-city", "almaty-region"]
        );
        assert_eq!(close_matches("cn", ["CA", "CN", "CH"]), ["CN"]);
        assert!(close_matches("zzzzzz", ["region"]).is_empty());
        assert!(close_matches("X", ["M", "F"]).is_empty());
        assert_eq!(
            did_you_mean("almaty", ["almaty-region", "almaty-city"]).as_deref(),
            Some("did you mean `almaty-city` or `almaty-region`?")
        );
    }
}
