//! The languages kzinvite writes documents in: Russian and Kazakh for state bodies
//! (the manifest's `language`, or `--lang`), English for the foreign partner. One enum
//! for the manifest, the command line and rendering. A leaf.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    Ru,
    Kk,
    En,
}

impl Language {
    /// The languages a letter to a state body may be written in (manifest.md: `language`).
    pub const STATE: [Language; 2] = [Language::Ru, Language::Kk];

    pub fn as_str(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::Kk => "kk",
            Language::En => "en",
        }
    }

    /// The one of three texts that is in this language.
    pub fn pick<'a, T: ?Sized>(self, ru: &'a T, kk: &'a T, en: &'a T) -> &'a T {
        match self {
            Language::Ru => ru,
            Language::Kk => kk,
            Language::En => en,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Language {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        [Language::Ru, Language::Kk, Language::En]
            .into_iter()
            .find(|l| l.as_str() == s)
            .ok_or_else(|| format!("unknown language `{s}`: use ru, kk or en"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for l in [Language::Ru, Language::Kk, Language::En] {
            assert_eq!(l.as_str().parse::<Language>(), Ok(l));
        }
        assert!("de".parse::<Language>().is_err());
        assert_eq!(Language::Kk.pick("a", "b", "c"), "b");
    }
}
