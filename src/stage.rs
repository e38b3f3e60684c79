//! The stage of a case, derived from what its manifest contains (manifest.md).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Parties, project, specialists: procedure steps 1–2.
    Request,
    /// Also the IC decision: steps 3–5.
    Petition,
    /// Also the visa support: step 6.
    Notification,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Request, Stage::Petition, Stage::Notification];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Request => "request",
            Stage::Petition => "petition",
            Stage::Notification => "notification",
        }
    }

    /// The stage a manifest has reached: `ic_decision` makes it a petition, `visa_support`
    /// on top of it a notification.
    pub fn of(manifest: &Value) -> Stage {
        let has = |key: &str| manifest.get(key).is_some_and(Value::is_object);
        match (has("ic_decision"), has("visa_support")) {
            (true, true) => Stage::Notification,
            (true, false) => Stage::Petition,
            _ => Stage::Request,
        }
    }

    /// The stage whose rules a check applies when `--stage` asks for `asked`: the later
    /// of the two. A company checks what its case still lacks for a later stage; asking
    /// for an earlier one never hides the rules of the stage already reached.
    pub fn checked(reached: Stage, asked: Option<Stage>) -> Stage {
        asked.map_or(reached, |s| s.max(reached))
    }

    /// The stage whose documents a render produces when `--stage` asks for `asked`: the
    /// earlier of the two. `--stage request` on a petition-stage case renders only the
    /// request; a later stage than the manifest reached cannot be rendered (its data is
    /// missing, and checking said so).
    pub fn rendered(reached: Stage, asked: Option<Stage>) -> Stage {
        asked.map_or(reached, |s| s.min(reached))
    }

    /// What the manifest needs to reach this stage.
    pub fn needs(self) -> &'static str {
        match self {
            Stage::Request => "parties, project and specialists",
            Stage::Petition => "ic_decision",
            Stage::Notification => "visa_support",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Stage::ALL
            .into_iter()
            .find(|stage| stage.as_str() == s)
            .ok_or_else(|| format!("unknown stage `{s}`: use request, petition or notification"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asked_stages_read_one_way_for_checks_and_the_other_for_documents() {
        use Stage::{Notification, Petition, Request};
        assert_eq!(Stage::checked(Petition, None), Petition);
        assert_eq!(Stage::checked(Petition, Some(Notification)), Notification);
        assert_eq!(Stage::checked(Petition, Some(Request)), Petition);
        assert_eq!(Stage::rendered(Petition, None), Petition);
        assert_eq!(Stage::rendered(Petition, Some(Request)), Request);
        assert_eq!(Stage::rendered(Petition, Some(Notification)), Petition);
    }
}
