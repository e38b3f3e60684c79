//! The seven documents of documents.md: ids, numbers, the stage that unlocks each.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::stage::Stage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocumentId {
    AkimatRequest,
    MigrationPetition,
    PartnerNotice,
    AkimatNotification,
    BorderNotice,
    HealthNotice,
    ConsularNotice,
}

impl DocumentId {
    pub const ALL: [DocumentId; 7] = [
        DocumentId::AkimatRequest,
        DocumentId::MigrationPetition,
        DocumentId::PartnerNotice,
        DocumentId::AkimatNotification,
        DocumentId::BorderNotice,
        DocumentId::HealthNotice,
        DocumentId::ConsularNotice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DocumentId::AkimatRequest => "akimat-request",
            DocumentId::MigrationPetition => "migration-petition",
            DocumentId::PartnerNotice => "partner-notice",
            DocumentId::AkimatNotification => "akimat-notification",
            DocumentId::BorderNotice => "border-notice",
            DocumentId::HealthNotice => "health-notice",
            DocumentId::ConsularNotice => "consular-notice",
        }
    }

    /// The document's number in the packet, 1-based (`01-akimat-request.pdf`).
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|d| *d == self).unwrap_or(0) + 1
    }

    pub fn file_name(self) -> String {
        format!("{:02}-{}.pdf", self.number(), self.as_str())
    }

    /// The stage that unlocks the document.
    pub fn stage(self) -> Stage {
        match self {
            DocumentId::AkimatRequest => Stage::Request,
            DocumentId::MigrationPetition => Stage::Petition,
            _ => Stage::Notification,
        }
    }

    /// The partner notice is in English; the others go to state bodies.
    pub fn is_for_partner(self) -> bool {
        self == DocumentId::PartnerNotice
    }

    /// The documents a stage unlocks (cumulative).
    pub fn unlocked_by(stage: Stage) -> impl Iterator<Item = DocumentId> {
        Self::ALL.into_iter().filter(move |d| d.stage() <= stage)
    }
}

impl fmt::Display for DocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentId {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|d| d.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|d| d.as_str()).collect();
                format!("unknown document `{s}`: use one of {}", known.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_and_stages() {
        assert_eq!(
            DocumentId::MigrationPetition.file_name(),
            "02-migration-petition.pdf"
        );
        assert_eq!(DocumentId::unlocked_by(Stage::Request).count(), 1);
        assert_eq!(DocumentId::unlocked_by(Stage::Petition).count(), 2);
        assert_eq!(DocumentId::unlocked_by(Stage::Notification).count(), 7);
        assert_eq!(
            "border-notice".parse::<DocumentId>(),
            Ok(DocumentId::BorderNotice)
        );
    }
}
