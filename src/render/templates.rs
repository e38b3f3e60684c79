//! Document templates: minijinja producing Typst markup. Embedded in the binary;
//! a `--templates DIR` file of the same relative name wins.
//!
//! Manifest text never becomes markup: every value printed with `{{ … }}` is emitted
//! as a Typst string literal (`#"…";`), which Typst displays as plain text. Only values
//! marked safe by our own filters (built from escaped pieces) are written raw.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use minijinja::value::Value;
use minijinja::{Environment, Error, ErrorKind, State, UndefinedBehavior};

use super::diagnose::{TemplateFile, minijinja_error};
use crate::hash::sha256_hex;

/// Every embedded template, by its path under `templates/`.
#[rustfmt::skip]
pub const EMBEDDED: &[(&str, &str)] = &[
    ("lib/letter.typ", include_str!("../../templates/lib/letter.typ")),
    ("documents/akimat-request.ru.typ", include_str!("../../templates/documents/akimat-request.ru.typ")),
    ("documents/akimat-request.kk.typ", include_str!("../../templates/documents/akimat-request.kk.typ")),
    ("documents/migration-petition.ru.typ", include_str!("../../templates/documents/migration-petition.ru.typ")),
    ("documents/migration-petition.kk.typ", include_str!("../../templates/documents/migration-petition.kk.typ")),
    ("documents/partner-notice.en.typ", include_str!("../../templates/documents/partner-notice.en.typ")),
    ("documents/akimat-notification.ru.typ", include_str!("../../templates/documents/akimat-notification.ru.typ")),
    ("documents/akimat-notification.kk.typ", include_str!("../../templates/documents/akimat-notification.kk.typ")),
    ("documents/border-notice.ru.typ", include_str!("../../templates/documents/border-notice.ru.typ")),
    ("documents/border-notice.kk.typ", include_str!("../../templates/documents/border-notice.kk.typ")),
    ("documents/health-notice.ru.typ", include_str!("../../templates/documents/health-notice.ru.typ")),
    ("documents/health-notice.kk.typ", include_str!("../../templates/documents/health-notice.kk.typ")),
    ("documents/consular-notice.ru.typ", include_str!("../../templates/documents/consular-notice.ru.typ")),
    ("documents/consular-notice.kk.typ", include_str!("../../templates/documents/consular-notice.kk.typ")),
];

/// Logo file names looked for in `--templates DIR`, in order.
pub const LOGO_NAMES: &[&str] = &["logo.svg", "logo.png", "logo.jpg", "logo.jpeg"];

/// The template set of a run: embedded files with overrides applied.
pub struct Templates {
    env: Environment<'static>,
    /// Pure Typst files (`lib/*.typ`): served to the compiler, not run through minijinja.
    pub typst_modules: BTreeMap<String, String>,
    /// The logo from the override folder, if any: (file name, bytes).
    pub logo: Option<(String, Vec<u8>)>,
    /// Where each template came from, for error messages.
    pub origins: BTreeMap<String, PathBuf>,
    /// The names a `--templates` file overrides (the rest are embedded).
    pub overridden: BTreeSet<String>,
    /// SHA-256 of each effective template (embedded, or its override), by name.
    pub hashes: BTreeMap<String, String>,
    /// SHA-256 over every effective template and the logo, names and contents: what
    /// packet.json records, so a changed template — embedded in a new build or under
    /// `--templates` — makes packets out of date.
    pub fingerprint: String,
}

impl Templates {
    pub fn load(overrides: Option<&Path>) -> anyhow::Result<Templates> {
        let mut files: BTreeMap<String, String> = EMBEDDED
            .iter()
            .map(|(n, s)| ((*n).to_owned(), (*s).to_owned()))
            .collect();
        let mut origins: BTreeMap<String, PathBuf> = EMBEDDED
            .iter()
            .map(|(n, _)| ((*n).to_owned(), Path::new("templates").join(n)))
            .collect();
        let mut logo = None;
        let mut overridden = BTreeSet::new();
        if let Some(dir) = overrides {
            if !dir.is_dir() {
                bail!("--templates {}: not a folder", dir.display());
            }
            for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
                let entry = entry.with_context(|| format!("reading {}", dir.display()))?;
                if !entry.file_type().is_file() {
                    continue;
                }
                let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
                let name = rel.to_string_lossy().replace('\\', "/");
                if LOGO_NAMES.contains(&name.as_str()) {
                    if logo.is_none() {
                        logo = Some((name, std::fs::read(entry.path())?));
                    }
                    continue;
                }
                if !name.ends_with(".typ") {
                    continue;
                }
                let text = std::fs::read_to_string(entry.path())
                    .with_context(|| format!("reading template {}", entry.path().display()))?;
                origins.insert(name.clone(), entry.path().to_path_buf());
                overridden.insert(name.clone());
                files.insert(name, text);
            }
        }
        let hashes: BTreeMap<String, String> = files
            .iter()
            .map(|(name, text)| (name.clone(), sha256_hex(text.as_bytes())))
            .collect();
        let fingerprint = fingerprint(&files, logo.as_ref());
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_formatter(typst_formatter);
        env.add_filter("str", str_filter);
        env.add_filter("paragraphs", paragraphs_filter);
        let mut typst_modules = BTreeMap::new();
        for (name, text) in files {
            if name.starts_with("lib/") {
                typst_modules.insert(name, text);
            } else {
                let file = TemplateFile {
                    path: origin_of(&origins, &name),
                    embedded: !overridden.contains(&name),
                    source: text.clone(),
                };
                env.add_template_owned(name.clone(), text)
                    .map_err(|e| anyhow::anyhow!("{}", minijinja_error(&e, &file)))?;
            }
        }
        Ok(Templates {
            env,
            typst_modules,
            logo,
            origins,
            overridden,
            hashes,
            fingerprint,
        })
    }

    /// Renders a document template with `context` into Typst markup.
    pub fn render(&self, name: &str, context: &impl serde::Serialize) -> anyhow::Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| anyhow::anyhow!("no template {name}: {}", describe(&e)))?;
        template
            .render(Value::from(minijinja::value::Serde(context)))
            .map_err(|e| match self.file(name) {
                Some(file) => anyhow::anyhow!("{}", minijinja_error(&e, &file)),
                None => anyhow::anyhow!("template {name}: {}", describe(&e)),
            })
    }

    /// A template by name (`documents/…` or `lib/…`) as errors show it: its source,
    /// the path it was read from, whether it is embedded.
    pub fn file(&self, name: &str) -> Option<TemplateFile> {
        let source = match self.typst_modules.get(name) {
            Some(text) => text.clone(),
            None => self.env.get_template(name).ok()?.source().to_owned(),
        };
        Some(TemplateFile {
            path: origin_of(&self.origins, name),
            source,
            embedded: !self.overridden.contains(name),
        })
    }
}

fn origin_of(origins: &BTreeMap<String, PathBuf>, name: &str) -> String {
    origins
        .get(name)
        .map_or_else(|| format!("templates/{name}"), |p| p.display().to_string())
}

/// A hash over named files in which no two different sets collide by concatenation:
/// each name and content is preceded by its length.
fn fingerprint(files: &BTreeMap<String, String>, logo: Option<&(String, Vec<u8>)>) -> String {
    let mut all = Vec::new();
    let mut add = |name: &str, bytes: &[u8]| {
        for part in [name.as_bytes(), bytes] {
            all.extend_from_slice(&(part.len() as u64).to_le_bytes());
            all.extend_from_slice(part);
        }
    };
    for (name, text) in files {
        add(name, text.as_bytes());
    }
    if let Some((name, bytes)) = logo {
        add(name, bytes);
    }
    sha256_hex(&all)
}

fn describe(e: &Error) -> String {
    let mut s = e.to_string();
    if let Some(line) = e.line() {
        s.push_str(&format!(" (line {line})"));
    }
    let mut source = std::error::Error::source(e);
    while let Some(inner) = source {
        s.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    s
}

/// Escapes text as the content of a Typst string literal.
pub fn typst_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text as markup that displays it literally: `#"…";` (the `;` ends the expression,
/// so whatever the template writes next can't extend it).
pub fn typst_text(text: &str) -> String {
    format!("#{};", typst_string(text))
}

fn typst_formatter(
    out: &mut minijinja::Output,
    _state: &mut State,
    value: &Value,
) -> Result<(), Error> {
    if value.is_undefined() || value.is_none() {
        return Ok(());
    }
    if value.is_safe() {
        return out
            .write_str(value.as_str().unwrap_or_default())
            .map_err(Error::from);
    }
    let text = match value.as_str() {
        Some(s) => s.to_owned(),
        None if matches!(
            value.kind(),
            minijinja::value::ValueKind::Map | minijinja::value::ValueKind::Seq
        ) =>
        {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                "cannot print a list or mapping; print one of its fields",
            ));
        }
        None => value.to_string(),
    };
    out.write_str(&typst_text(&text)).map_err(Error::from)
}

/// `{{ x | str }}`: a Typst string literal, for code positions (`#f(title: {{ x | str }})`).
fn str_filter(value: &Value) -> Value {
    let text = value
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| value.to_string());
    Value::from_safe_string(typst_string(&text))
}

/// `{{ text | paragraphs }}`: multi-line text as paragraphs; a blank line starts a new
/// paragraph, a single line break inside one is a space (YAML blocks are wrapped by hand).
fn paragraphs_filter(value: &Value) -> Value {
    let text = value.as_str().unwrap_or_default();
    let paragraphs: Vec<String> = split_paragraphs(text)
        .iter()
        .map(|p| typst_text(p))
        .collect();
    Value::from_safe_string(paragraphs.join("\n\n"))
}

pub fn split_paragraphs(text: &str) -> Vec<String> {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_keep_names_and_contents_apart() {
        let set = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
                .collect()
        };
        // Joined without separators these two sets read the same: "a.typbc".
        let one = fingerprint(&set(&[("a.typ", "bc")]), None);
        let two = fingerprint(&set(&[("a.typb", "c")]), None);
        assert_ne!(one, two);
        let logo = ("logo.png".to_owned(), b"png".to_vec());
        assert_ne!(one, fingerprint(&set(&[("a.typ", "bc")]), Some(&logo)));
    }

    #[test]
    fn an_override_changes_the_fingerprint() -> anyhow::Result<()> {
        let embedded = Templates::load(None)?;
        let dir = tempfile::tempdir()?;
        std::fs::create_dir_all(dir.path().join("lib"))?;
        let (name, text) = EMBEDDED[0];
        std::fs::write(dir.path().join(name), format!("{text}\n// changed"))?;
        let overridden = Templates::load(Some(dir.path()))?;
        assert_ne!(embedded.fingerprint, overridden.fingerprint);
        assert_ne!(embedded.hashes[name], overridden.hashes[name]);
        Ok(())
    }

    #[test]
    fn strings_are_escaped() {
        assert_eq!(typst_string(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(typst_text("#x"), "#\"#x\";");
        assert_eq!(typst_string("a\nb\u{1}"), "\"a\\nb\\u{1}\"");
    }

    #[test]
    fn paragraphs_reflow_lines() {
        assert_eq!(split_paragraphs("a\nb\n\n\nc\n"), vec!["a b", "c"]);
    }
}
