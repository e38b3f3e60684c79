//! The formats CI systems read: JUnit XML (well-formed, one testcase per manifest, a
//! failure per error) and GitHub workflow annotations matching the diagnostics.

use super::commands::{TODAY, example, invalid, kzinvite, run, validate_json};

// --- junit --------------------------------------------------------------------------

/// A start tag: its name and attributes.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

fn check_entities(text: &str) -> Result<(), String> {
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest.find(';').ok_or("`&` without `;`")?;
        let entity = &rest[..end];
        let numeric = entity
            .strip_prefix('#')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
        if !numeric && !["amp", "lt", "gt", "quot", "apos"].contains(&entity) {
            return Err(format!("unknown entity &{entity};"));
        }
    }
    if text.contains('<') {
        return Err("`<` in text".into());
    }
    Ok(())
}

/// A small well-formedness check: a declaration, one root, balanced tags, quoted
/// attributes, known entities. Returns the start tags in document order.
fn parse_xml(xml: &str) -> Result<Vec<Element>, String> {
    let mut rest = xml
        .strip_prefix("<?xml ")
        .and_then(|r| r.split_once("?>"))
        .map(|(_, r)| r)
        .ok_or("no XML declaration")?;
    let mut open: Vec<String> = Vec::new();
    let mut elements = Vec::new();
    let mut roots = 0;
    while let Some(i) = rest.find('<') {
        let text = &rest[..i];
        if open.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        check_entities(text)?;
        let end = rest[i..].find('>').ok_or("unclosed tag")? + i;
        let tag = &rest[i + 1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match open.pop() {
                Some(o) if o == name => continue,
                other => return Err(format!("</{name}> closes {other:?}")),
            }
        }
        let (tag, empty) = match tag.strip_suffix('/') {
            Some(t) => (t, true),
            None => (tag, false),
        };
        let (name, mut attrs) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_alphanumeric() || "-_.:".contains(c))
        {
            return Err(format!("bad tag name {name:?}"));
        }
        let mut attributes = Vec::new();
        loop {
            attrs = attrs.trim_start();
            if attrs.is_empty() {
                break;
            }
            let (key, after) = attrs
                .split_once("=\"")
                .ok_or(format!("attribute in <{name}> not quoted"))?;
            let (value, after) = after.split_once('"').ok_or("unterminated attribute")?;
            check_entities(value)?;
            attributes.push((key.trim().to_owned(), value.to_owned()));
            attrs = after;
        }
        if open.is_empty() {
            roots += 1;
        }
        if !empty {
            open.push(name.to_owned());
        }
        elements.push(Element {
            name: name.to_owned(),
            attributes,
        });
    }
    if !rest.trim().is_empty() || !open.is_empty() || roots != 1 {
        return Err(format!("unbalanced: still open {open:?}, {roots} roots"));
    }
    Ok(elements)
}

#[test]
fn the_xml_check_rejects_what_is_not_xml() {
    assert!(parse_xml("<?xml version=\"1.0\"?><a><b x=\"1\"/></a>").is_ok());
    assert!(parse_xml("<?xml version=\"1.0\"?><a><b></a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a>x & y</a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a x=1></a>").is_err());
    assert!(parse_xml("<?xml version=\"1.0\"?><a/><b/>").is_err());
}

#[test]
fn junit_is_well_formed_with_one_testcase_per_file() {
    let files = [
        invalid("bin-checksum"),
        // Its help quotes text: attributes and bodies must be escaped.
        invalid("yaml-not-utf8"),
        invalid("passport-margin"),
        example("request"),
    ];
    for (deny, failures) in [(false, 2), (true, 3)] {
        let (code, stdout, _) = run(kzinvite()
            .args(["validate", "--format", "junit", "--today", TODAY])
            .args(deny.then_some("--deny-warnings"))
            .args(&files));
        assert_eq!(code, 1);
        let elements = parse_xml(&stdout).unwrap_or_else(|e| panic!("{e}:\n{stdout}"));
        let cases: Vec<&Element> = elements.iter().filter(|e| e.name == "testcase").collect();
        let names: Vec<&str> = cases.iter().filter_map(|c| c.attribute("name")).collect();
        assert_eq!(names, files.iter().map(String::as_str).collect::<Vec<_>>());
        let failed = elements.iter().filter(|e| e.name == "failure").count();
        assert_eq!(failed, failures, "--deny-warnings {deny}:\n{stdout}");
        let suite = elements
            .iter()
            .find(|e| e.name == "testsuite")
            .unwrap_or_else(|| panic!("no testsuite:\n{stdout}"));
        assert_eq!(suite.attribute("tests"), Some("4"));
        let invalid_files = if deny { "3" } else { "2" };
        assert_eq!(suite.attribute("failures"), Some(invalid_files));
    }
}

// --- github -------------------------------------------------------------------------

#[test]
fn github_annotations_match_the_diagnostics() {
    let files = [
        invalid("bin-checksum"),
        invalid("passport-margin"),
        invalid("approved-unknown-typo"),
    ];
    let (_, json) = validate_json(&files.iter().map(String::as_str).collect::<Vec<_>>());
    let mut want = Vec::new();
    for file in json["files"].as_array().into_iter().flatten() {
        for d in file["diagnostics"].as_array().into_iter().flatten() {
            want.push(format!(
                "::{} file={},line={},col={},title={}::{}",
                d["severity"].as_str().unwrap_or_default(),
                file["path"].as_str().unwrap_or_default(),
                d["line"],
                d["column"],
                d["code"].as_str().unwrap_or_default(),
                d["message"].as_str().unwrap_or_default(),
            ));
        }
    }
    assert_eq!(want.len(), 4, "{json}");

    let (code, stdout, _) = run(kzinvite()
        .args(["validate", "--format", "github", "--today", TODAY])
        .args(&files));
    assert_eq!(code, 1);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), want.len(), "{stdout}");
    for (line, want) in annotations.iter().zip(&want) {
        // The message may go on with an escaped help line (`%0Ahelp: …`), never a raw newline.
        assert!(line.starts_with(want.as_str()), "got  {line}\nwant {want}…");
    }
    // Anything else is the summary line at the end, which GitHub shows as log text.
    let other: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("::")).collect();
    assert_eq!(
        other,
        ["3 files: 1 valid, 2 invalid (2 errors, 2 warnings)"]
    );
}

// --- which files, in which order ------------------------------------------------------
