//! Why two packets differ: the manifest fields that changed (walked as JSON pointers),
//! a template or the Typst library, a render option, `--today` or the tool version.

use serde_json::Value;

use super::model::{Cause, TemplatePart};
use crate::location::{SourceMap, location_suffix};
use crate::packet::PacketMeta;
use crate::pointer::{pointer_display, pointer_join};

/// Every cause, in this order: options, templates, manifest fields.
pub fn causes(old: &PacketMeta, new: &PacketMeta) -> Vec<Cause> {
    let mut out = options(old, new);
    out.extend(templates(old, new));
    if !(old.manifest.value.is_null() || new.manifest.value.is_null()) {
        fields(&old.manifest.value, &new.manifest.value, "", &mut out);
    }
    out
}

fn options(old: &PacketMeta, new: &PacketMeta) -> Vec<Cause> {
    let (o, n) = (&old.inputs, &new.inputs);
    let pairs: [(&str, Value, Value); 9] = [
        ("tool", json(&o.tool), json(&n.tool)),
        ("today", json(&o.today), json(&n.today)),
        ("lang", json(&o.options.lang), json(&n.options.lang)),
        ("draft", json(&o.options.draft), json(&n.options.draft)),
        ("only", json(&o.options.only), json(&n.options.only)),
        (
            "pdf_standard",
            json(&o.options.pdf_standard),
            json(&n.options.pdf_standard),
        ),
        ("stage", json(&o.options.stage), json(&n.options.stage)),
        (
            "templates",
            json(&o.options.templates),
            json(&n.options.templates),
        ),
        ("fonts", json(&o.options.fonts), json(&n.options.fonts)),
    ];
    pairs
        .into_iter()
        .filter(|(_, a, b)| a != b)
        .map(|(name, old, new)| Cause::Option {
            name: name.into(),
            old,
            new,
        })
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn templates(old: &PacketMeta, new: &PacketMeta) -> Vec<Cause> {
    let mut out = Vec::new();
    for n in &new.documents {
        let Some(o) = old.documents.iter().find(|o| o.id == n.id) else {
            continue;
        };
        let cause = |what| Cause::Template {
            document: n.id.as_str().to_owned(),
            template: n.inputs.template.clone(),
            what,
        };
        if o.inputs.template_sha256 != n.inputs.template_sha256 {
            out.push(cause(TemplatePart::Template));
        }
        if o.inputs.library_sha256 != n.inputs.library_sha256 {
            out.push(cause(TemplatePart::Library));
        }
    }
    out
}

/// The leaves that differ between two manifests; an object key or array item present
/// on one side only is one cause with `null` on the other.
fn fields(old: &Value, new: &Value, at: &str, out: &mut Vec<Cause>) {
    match (old, new) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let here = pointer_join(at, key);
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => fields(x, y, &here, out),
                    (x, y) => out.push(field(&here, x, y)),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for k in 0..a.len().max(b.len()) {
                let here = pointer_join(at, k);
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => fields(x, y, &here, out),
                    (x, y) => out.push(field(&here, x, y)),
                }
            }
        }
        (a, b) if a != b => out.push(field(at, Some(a), Some(b))),
        _ => {}
    }
}

fn field(pointer: &str, old: Option<&Value>, new: Option<&Value>) -> Cause {
    Cause::Field {
        pointer: pointer.to_owned(),
        field: pointer_display(pointer),
        old: old.cloned(),
        new: new.cloned(),
        location: None,
    }
}

/// Each field cause located in NEW's manifest `path` (`case.yaml:12:15`,
/// `case.xlsx Specialists!F7`); a field absent from it, at its nearest parent.
pub fn locate(causes: &mut [Cause], path: &str, map: &SourceMap) {
    for cause in causes {
        if let Cause::Field {
            pointer, location, ..
        } = cause
            && let Some(found) = map.locate(pointer)
        {
            *location = Some(location_suffix(path, Some(&found)));
        }
    }
}
