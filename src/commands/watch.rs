//! `kzinvite watch`: validate and render as `render` does, then follow the files each
//! case reads and render again what a save changes — keeping the last good packet when
//! the new version is invalid. One [`Engine`] lives across rounds (fonts loaded once,
//! Typst's memoized layout reused), rebuilt only when a template or font changes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use anyhow::Context;

use super::ordered::for_each_ordered;
use super::outcome::{Outcome, catch_bug};
use super::render::{CaseResult, Ended, Processed, RenderConfig, counted, process};
use super::settings::Settings;
use crate::discover::{self, Input};
use crate::packet;
use crate::render::Engine;
use crate::render::fonts::not_a_font;
use crate::report::{ReportOptions, Reporter, TextReporter};
use crate::watch::status::{clock, keeps, shown};
use crate::watch::{Affected, Cause, Follower, Targets, Wake, debounce};

/// Memoized Typst results unused during this many rounds are dropped.
const EVICT_AGE: usize = 4;

/// How often the loop wakes without events, to look for folders that came back.
const TICK: Duration = Duration::from_millis(500);

/// `kzinvite watch`, resolved: the render options and how long a burst of events
/// must be quiet before a round starts.
#[derive(Debug, Clone)]
pub struct WatchConfig {
    pub render: RenderConfig,
    pub debounce: Duration,
}

/// A followed manifest and what the last round made of it.
struct Followed {
    input: Input,
    /// The id it had when last read: the folder `OUT/<id>` it writes.
    id: Option<String>,
    /// The manifest was missing at the last round.
    deleted: bool,
}

/// The state of a watch run between rounds.
struct Session<'a> {
    config: &'a WatchConfig,
    settings: &'a Settings,
    engine: Engine,
    /// Why the templates or fonts last failed to load; nothing renders until they do.
    engine_error: Option<String>,
    cases: Vec<Followed>,
    targets: Targets,
    stop: Arc<AtomicBool>,
    reporter: TextReporter,
    /// Clear the screen before each round (a terminal, not a pipe).
    clear: bool,
}

pub fn run(config: &WatchConfig, settings: &Settings) -> anyhow::Result<Outcome> {
    let args = &config.render;
    let inputs = discover::manifests(&args.paths, Some(&args.out))?;
    let engine = Engine::new(args.options.clone()).context("preparing templates and fonts")?;
    let _lock = packet::lock(&args.out);
    packet::recover(&args.out);
    let (wake, woken) = mpsc::channel();
    let stop = Arc::new(AtomicBool::new(false));
    // The first Ctrl-C lets the round in progress end and drops a packet not yet in place;
    // a second one exits at once (the next start's `recover` tidies up).
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, stop.clone())
            .and_then(|_| signal_hook::flag::register(signal, stop.clone()))
            .context("cannot handle Ctrl-C")?;
    }
    let mut follower = Follower::new(wake).context("cannot watch files")?;
    let mut session = Session {
        config,
        settings,
        engine,
        engine_error: None,
        cases: Vec::new(),
        targets: Targets::new(
            &args.paths,
            args.options.templates.as_deref(),
            &args.options.font_paths,
            &args.out,
        ),
        stop: stop.clone(),
        reporter: TextReporter::new(ReportOptions {
            color: settings.color,
            deny_warnings: args.deny_warnings,
            quiet: settings.quiet,
        }),
        clear: std::io::stdout().is_terminal(),
    };
    let first: Vec<(usize, String)> = inputs
        .into_iter()
        .map(|input| {
            let index = session.follow(input);
            (index, session.cases[index].input.display.clone())
        })
        .collect();
    // Watched before the first round, so a save during it is not missed.
    let mut changes = follower.follow(&session.targets.watches());
    session.round(&first, Instant::now());
    // And the scans' folders the round found, before the footer says what is watched.
    changes
        .lost
        .extend(follower.follow(&session.targets.watches()).lost);
    session.folders(&changes.lost, &[]);
    session.skipped_fonts();
    session.footer(follower.watched());
    let mut pending: Option<Wake> = None;
    loop {
        let woke = match pending.take() {
            Some(wake) => Ok(wake),
            None => woken.recv_timeout(TICK),
        };
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let woke = match woke {
            Ok(Wake::Changed(paths, _)) => {
                let (burst, after) = debounce(paths, &woken, config.debounce);
                pending = after;
                Ok(burst)
            }
            other => other,
        };
        match woke {
            Ok(Wake::Changed(paths, at)) => {
                let affected = session.targets.classify(&paths);
                if session.apply(affected, at) {
                    session.footer(follower.watched());
                }
            }
            Ok(Wake::Failed(message)) => println!("watching failed: {message}"),
            Ok(Wake::Stop) | Err(RecvTimeoutError::Disconnected) => break,
            Err(RecvTimeoutError::Timeout) => {}
        }
        let changes = follower.follow(&session.targets.watches());
        if !changes.lost.is_empty() || !changes.back.is_empty() {
            session.folders(&changes.lost, &changes.back);
            let inside = session.targets.files_under(&changes.back);
            let affected = session.targets.classify(&inside);
            session.apply(affected, Instant::now());
            session.footer(follower.watched());
        }
    }
    println!("stopped: every packet in {} is whole", args.out.display());
    Ok(Outcome::Success)
}

impl Session<'_> {
    /// Follows one more manifest; returns its index.
    fn follow(&mut self, input: Input) -> usize {
        let index = self.targets.add_case(&input.path);
        self.cases.push(Followed {
            input,
            id: None,
            deleted: false,
        });
        index
    }

    /// Acts on one batch of changes; returns whether anything was rendered or said.
    fn apply(&mut self, affected: Affected, at: Instant) -> bool {
        let mut said = false;
        let changed = (affected.fonts.as_ref().map(|f| ("font", f)))
            .or_else(|| affected.templates.as_ref().map(|t| ("template", t)));
        if let Some((kind, path)) = changed {
            self.clear_screen();
            said = true;
            // After a failed load everything is loaded again: the fonts may be what failed.
            let loaded = if affected.fonts.is_some() || self.engine_error.is_some() {
                Engine::new(self.config.render.options.clone()).map(|e| self.engine = e)
            } else {
                self.engine.reload_templates()
            };
            match loaded {
                Ok(()) => {
                    self.engine_error = None;
                    self.skipped_fonts();
                }
                Err(e) => self.engine_failed(&format!("{kind} {}", path.display()), &e),
            }
        }
        let mut round: Vec<(usize, String)> = affected
            .cases
            .iter()
            .map(|(&index, cause)| (index, self.trigger(index, cause)))
            .collect();
        if affected.new_manifests {
            round.extend(self.discover_new());
        }
        if round.is_empty() {
            return said;
        }
        if !said {
            self.clear_screen();
        }
        self.round(&round, at);
        true
    }

    /// Says which files under `--font-path` hold no font and are left out.
    fn skipped_fonts(&self) {
        for file in &self.engine.fonts().skipped {
            println!("{} {}: left out", clock(), not_a_font(file));
        }
    }

    fn engine_failed(&mut self, what: &str, e: &anyhow::Error) {
        let message = format!("{e:#}");
        println!("{what} changed and cannot be loaded:\n{message}\n");
        self.engine_error = Some(message);
    }

    /// Manifests that appeared under a PATH folder.
    fn discover_new(&mut self) -> Vec<(usize, String)> {
        let config = self.config;
        let args = &config.render;
        let Ok(inputs) = discover::manifests(&args.paths, Some(&args.out)) else {
            return Vec::new();
        };
        let new: Vec<Input> = inputs
            .into_iter()
            .filter(|i| !self.targets.has_manifest(&i.path))
            .collect();
        new.into_iter()
            .map(|input| {
                let trigger = format!("{} (new)", input.display);
                (self.follow(input), trigger)
            })
            .collect()
    }

    fn trigger(&self, index: usize, cause: &Cause) -> String {
        let case = &self.cases[index];
        let display = &case.input.display;
        match cause {
            Cause::Manifest if !case.input.path.exists() => display.clone(),
            Cause::Manifest if case.deleted => format!("{display} is back"),
            Cause::Manifest => format!("{display} saved"),
            Cause::Scan(scan) => format!("{display} (scan {} changed)", shown(scan)),
            Cause::Template(t) => format!("{display} (template {} changed)", shown(t)),
            Cause::Font(f) => format!("{display} (font {} changed)", shown(f)),
        }
    }

    fn clear_screen(&self) {
        if self.clear {
            print!("\x1b[2J\x1b[3J\x1b[H");
        }
    }

    /// Checks and renders the cases, in input order, each with what triggered it; every
    /// case ends with one status line.
    fn round(&mut self, round: &[(usize, String)], at: Instant) {
        let (config, settings) = (self.config, self.settings);
        let args = &config.render;
        let check = settings.check_options(args.options.lang);
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        let mut present = Vec::new();
        for (index, trigger) in round {
            let case = &mut self.cases[*index];
            if !case.input.path.exists() {
                case.deleted = true;
                let _ = writeln!(
                    out,
                    "{} {trigger}: deleted; {}; rendered again when it is back",
                    clock(),
                    keeps(&args.out, case.id.as_deref()),
                );
                continue;
            }
            if let Some(error) = &self.engine_error {
                let first = error.lines().next().unwrap_or_default();
                let _ = writeln!(
                    out,
                    "{} {trigger}: not rendered, the templates or fonts do not load ({first}); {}",
                    clock(),
                    keeps(&args.out, case.id.as_deref()),
                );
                continue;
            }
            case.deleted = false;
            present.push((*index, trigger.clone(), case.input.clone()));
        }
        let inputs: Vec<Input> = present.iter().map(|(_, _, i)| i.clone()).collect();
        let engine = &self.engine;
        let mut results = Vec::with_capacity(inputs.len());
        for_each_ordered(
            &inputs,
            settings.jobs,
            |input| {
                catch_bug(|| process(engine, input, args, settings, &check))
                    .unwrap_or_else(|message| Processed::bug(input, message))
            },
            |p| results.push(p),
        );
        for ((index, trigger, _), p) in present.into_iter().zip(results) {
            if p.report.stage.is_some() {
                self.targets.set_scans(index, &p.scans);
            }
            let line = self.settle(index, p, &mut out);
            let _ = writeln!(
                out,
                "{} {trigger}: {line} in {} ms",
                clock(),
                at.elapsed().as_millis()
            );
        }
        let _ = out.flush();
        // Each round renders the same cases again: what the last rounds used stays.
        comemo::evict(EVICT_AGE);
    }

    /// Prints the case's diagnostics, moves its packet into place; the status line.
    fn settle(&mut self, index: usize, p: Processed, out: &mut dyn Write) -> String {
        let config = self.config;
        let args = &config.render;
        let _ = self.reporter.file(out, &p.report);
        let earlier = p.id.as_ref().and_then(|id| {
            self.cases[..index]
                .iter()
                .find(|c| !c.deleted && c.id.as_ref() == Some(id))
        });
        if let Some(first) = earlier {
            return format!(
                "not rendered: {} has the same id, and {} stays its packet — give each case its own id",
                first.input.display,
                args.out.join(p.id.as_deref().unwrap_or_default()).display()
            );
        }
        if p.id.is_some() {
            self.cases[index].id = p.id.clone();
        }
        let id = p.id.as_deref();
        let ended = match p.result {
            // Ctrl-C while rendering: the staged packet is dropped, the old one stays.
            CaseResult::Staged { .. } if self.stop.load(Ordering::SeqCst) => {
                return format!("stopped; {}", keeps(&args.out, id));
            }
            // watch writes no review page (`review: None` in its render config).
            CaseResult::Staged {
                id,
                documents,
                pages,
                staged,
                review: _,
            } => match staged.commit() {
                Ok(_) => Ended::Rendered {
                    id,
                    documents,
                    pages,
                },
                Err(e) => Ended::Failed {
                    message: format!("{e:#}"),
                },
            },
            CaseResult::Ended(ended) => ended,
        };
        match ended {
            Ended::Rendered {
                id,
                documents,
                pages,
            } => format!(
                "rendered → {} ({}, {})",
                args.out.join(id).display(),
                counted(documents, "document", "documents"),
                counted(pages, "page", "pages"),
            ),
            Ended::UpToDate { id } => format!("up to date → {}", args.out.join(id).display()),
            Ended::Invalid => format!(
                "not rendered, the manifest has errors (see above); {}",
                keeps(&args.out, id)
            ),
            Ended::Failed { message } | Ended::Bug { message } => {
                format!("failed: {message}; {}", keeps(&args.out, id))
            }
        }
    }

    /// Says which watched folders were lost or came back.
    fn folders(&self, lost: &[(PathBuf, String)], back: &[PathBuf]) {
        for (folder, reason) in lost {
            println!(
                "{} cannot watch {}: {reason}; watching the rest, and for it to come back",
                clock(),
                shown(folder)
            );
        }
        for folder in back {
            println!("{} {} is back: watching it again", clock(), shown(folder));
        }
    }

    fn footer(&self, folders: usize) {
        if !self.settings.quiet {
            println!(
                "watching {} in {} — Ctrl-C to stop",
                counted(self.cases.len(), "manifest", "manifests"),
                counted(folders, "folder", "folders"),
            );
        }
    }
}
