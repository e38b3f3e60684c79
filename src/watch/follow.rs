//! File events for a watch run: folders watched (not files — an editor's atomic save
//! replaces the file, and a watch on the old inode would go quiet), events debounced per
//! path, folders that vanish noticed and watched again when they are back.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};

use super::targets::Watch;

/// What wakes the watch loop.
#[derive(Debug)]
pub enum Wake {
    /// Paths changed (created, written, renamed onto, deleted), at the time the debounced
    /// batch arrived.
    Changed(Vec<PathBuf>, Instant),
    /// The events themselves failed (a watch limit reached, a backend error).
    Failed(String),
    /// Ctrl-C.
    Stop,
}

/// How the set of watched folders changed on a [`Follower::follow`].
#[derive(Debug, Default)]
pub struct Changes {
    /// Folders that are gone (or could not be watched), with why.
    pub lost: Vec<(PathBuf, String)>,
    /// Folders that were gone and are watched again.
    pub back: Vec<PathBuf>,
}

/// The watched folders and the debounced watcher behind them.
pub struct Follower {
    debouncer: Debouncer<RecommendedWatcher>,
    /// Folders watched now.
    watched: BTreeMap<PathBuf, bool>,
    /// Folders wanted but absent (or unwatchable), tried again on every call.
    missing: BTreeSet<Watch>,
}

impl Follower {
    /// Starts the watcher; debounced batches and errors go to `wake`.
    pub fn new(debounce: Duration, wake: Sender<Wake>) -> anyhow::Result<Follower> {
        let debouncer = new_debouncer(debounce, move |result: DebounceEventResult| {
            let message = match result {
                Ok(events) => {
                    Wake::Changed(events.into_iter().map(|e| e.path).collect(), Instant::now())
                }
                Err(e) => Wake::Failed(e.to_string()),
            };
            let _ = wake.send(message);
        })?;
        Ok(Follower {
            debouncer,
            watched: BTreeMap::new(),
            missing: BTreeSet::new(),
        })
    }

    /// Watches every wanted folder not watched yet, forgets folders that are gone,
    /// and says which were lost and which came back.
    pub fn follow(&mut self, wanted: &BTreeSet<Watch>) -> Changes {
        let mut changes = Changes::default();
        let gone: Vec<PathBuf> = self
            .watched
            .keys()
            .filter(|folder| !folder.is_dir())
            .cloned()
            .collect();
        for folder in gone {
            let _ = self.debouncer.watcher().unwatch(&folder);
            if let Some(recursive) = self.watched.remove(&folder) {
                let watch = Watch {
                    folder: folder.clone(),
                    recursive,
                };
                if wanted.contains(&watch) {
                    self.missing.insert(watch);
                    changes.lost.push((folder, "the folder is gone".into()));
                }
            }
        }
        self.missing.retain(|w| wanted.contains(w));
        for watch in wanted {
            if self.watched.get(&watch.folder) == Some(&watch.recursive) {
                continue;
            }
            let was_missing = self.missing.contains(watch);
            let mode = if watch.recursive {
                RecursiveMode::Recursive
            } else {
                RecursiveMode::NonRecursive
            };
            let result = if watch.folder.is_dir() {
                self.debouncer
                    .watcher()
                    .watch(&watch.folder, mode)
                    .map_err(|e| e.to_string())
            } else {
                Err("no such folder".to_owned())
            };
            match result {
                Ok(()) => {
                    self.watched.insert(watch.folder.clone(), watch.recursive);
                    if self.missing.remove(watch) {
                        changes.back.push(watch.folder.clone());
                    }
                }
                Err(reason) => {
                    if !was_missing {
                        changes.lost.push((watch.folder.clone(), reason));
                    }
                    self.missing.insert(watch.clone());
                }
            }
        }
        changes
    }

    /// How many folders are watched now.
    pub fn watched(&self) -> usize {
        self.watched.len()
    }
}
