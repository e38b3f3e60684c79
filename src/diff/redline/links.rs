//! What alignment works on and builds: each block prepared once for comparing
//! ([`Prepared`]), and the links found so far between OLD and NEW blocks ([`Links`]).
//! A leaf of the engine: the exact and the similarity passes both use it.

use super::model::{Block, BlockKind};
use super::text::{display_text, fold_key, mask_row_number};

/// Blocks only ever pair with blocks of the same class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Class {
    Text,
    Row,
    Signature,
}

/// A block with the texts the comparison needs, computed once.
#[derive(Debug)]
pub(crate) struct Prepared {
    /// What the redline shows.
    pub text: String,
    /// What decides "changed": the display text, a row's "№" cell masked.
    pub content: String,
    pub class: Class,
    pub key: Option<String>,
}

impl Prepared {
    pub fn new(block: &Block) -> Self {
        let text = display_text(&block.text);
        let (class, key, content) = match &block.kind {
            BlockKind::TableRow { key, number } => {
                let key = key.as_deref().map(fold_key).filter(|k| !k.is_empty());
                (Class::Row, key, mask_row_number(&text, *number))
            }
            BlockKind::Signature => (Class::Signature, None, text.clone()),
            BlockKind::Paragraph | BlockKind::Heading | BlockKind::Other => {
                (Class::Text, None, text.clone())
            }
        };
        Self {
            text,
            content,
            class,
            key,
        }
    }
}

/// The links found so far, both ways.
pub(crate) struct Links {
    pub old_to_new: Vec<Option<usize>>,
    pub new_to_old: Vec<Option<usize>>,
}

impl Links {
    pub fn new(old: usize, new: usize) -> Self {
        Self {
            old_to_new: vec![None; old],
            new_to_old: vec![None; new],
        }
    }

    /// Links two blocks unless either is linked already.
    pub fn link(&mut self, old: usize, new: usize) {
        if let (Some(o @ None), Some(n @ None)) =
            (self.old_to_new.get_mut(old), self.new_to_old.get_mut(new))
        {
            *o = Some(new);
            *n = Some(old);
        }
    }

    pub fn free_old(&self) -> impl Iterator<Item = usize> + '_ {
        self.old_to_new
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_none())
            .map(|(i, _)| i)
    }

    pub fn free_new(&self) -> impl Iterator<Item = usize> + '_ {
        self.new_to_old
            .iter()
            .enumerate()
            .filter(|(_, m)| m.is_none())
            .map(|(j, _)| j)
    }
}
