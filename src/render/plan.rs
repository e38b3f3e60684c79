//! Which documents a case gets: those its stage unlocks, narrowed by `--only`; the rest
//! are listed with the reason (packet.json's `skipped`).

use serde::{Deserialize, Serialize};

use crate::documents::DocumentId;
use crate::stage::Stage;

/// A document the stage (or `--only`) left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    pub id: DocumentId,
    pub reason: String,
}

/// The documents a case's stage and `--only` let through, and those left out with why.
#[derive(Debug, Clone)]
pub struct Plan {
    pub render: Vec<DocumentId>,
    pub skipped: Vec<Skipped>,
}

impl Plan {
    /// The documents to render at `stage` with the run's `--only`, and those left out.
    pub fn new(stage: Stage, only: &[DocumentId]) -> Plan {
        let mut render = Vec::new();
        let mut skipped = Vec::new();
        for doc in DocumentId::ALL {
            if doc.stage() > stage {
                let needs = match doc.stage() {
                    Stage::Petition => "needs ic_decision (stage petition)",
                    _ => "needs visa_support (stage notification)",
                };
                skipped.push(Skipped {
                    id: doc,
                    reason: needs.into(),
                });
            } else if !only.is_empty() && !only.contains(&doc) {
                skipped.push(Skipped {
                    id: doc,
                    reason: "not asked for (--only)".into(),
                });
            } else {
                render.push(doc);
            }
        }
        Plan { render, skipped }
    }
}
