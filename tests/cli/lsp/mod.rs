//! `kzinvite lsp` as an editor meets it: a client that speaks JSON-RPC to the binary over
//! its stdin and stdout (initialize, didOpen, didChange, publishDiagnostics, codeAction,
//! hover, shutdown, exit), on the fixtures and on garbage.

mod client;

use serde_json::{Value, json};

use client::{Client, code, fixture, read, temp, uri, validate};

#[test]
fn diagnostics_are_validates_and_clear_when_the_bin_is_fixed() {
    let dir = temp();
    let path = fixture(dir.path(), "invalid/bin-checksum");
    let expected = validate(&path);
    assert!(
        expected.iter().any(|d| d["code"] == "bin-checksum"),
        "{expected:?}"
    );
    let uri = uri(&path);
    let text = read(&path);
    let mut client = Client::start(json!({"debounceMs": 0}));
    client.open(&uri, &text);
    let found: Vec<Value> = client
        .diagnostics(&uri, 1)
        .into_iter()
        .filter(|d| code(d) != "glyph-coverage")
        .collect();
    assert_eq!(
        found.len(),
        expected.len(),
        "{found:#?}\nvalidate: {expected:#?}"
    );
    for (lsp, cli) in found.iter().zip(&expected) {
        assert_eq!(lsp["code"], cli["code"]);
        let message = lsp["message"].as_str().unwrap_or_default();
        let help = cli["help"].as_str().unwrap_or_default();
        assert_eq!(
            message,
            format!(
                "{}\nhelp: {help}",
                cli["message"].as_str().unwrap_or_default()
            )
        );
        assert_eq!(lsp["data"]["help"], cli["help"]);
        assert_eq!(lsp["data"]["pointer"], cli["pointer"]);
        assert_eq!(
            lsp["severity"],
            json!(if cli["severity"] == "error" { 1 } else { 2 })
        );
        // ASCII up to the value: columns in characters are UTF-16 units.
        assert_eq!(
            lsp["range"]["start"]["line"],
            json!(cli["line"].as_u64().unwrap_or(0) - 1)
        );
        assert_eq!(
            lsp["range"]["start"]["character"],
            json!(cli["column"].as_u64().unwrap_or(0) - 1)
        );
    }
    // The range covers the value as written, quotes included.
    let bin = &found[0]["range"];
    assert_eq!(
        (
            bin["start"]["character"].as_u64(),
            bin["end"]["character"].as_u64()
        ),
        (Some(7), Some(21))
    );

    // The control digit fixed by an edit of one character.
    let line = bin["start"]["line"].clone();
    let at = |c: u64| json!({"line": line, "character": c});
    client.change(
        &uri,
        2,
        json!([{"range": {"start": at(19), "end": at(20)}, "text": "0"}]),
    );
    let after = client.diagnostics(&uri, 2);
    assert!(
        after.iter().all(|d| code(d) == "glyph-coverage"),
        "{after:#?}"
    );

    // Once the fonts are loaded, render's warning for 王磊 is published too: with the
    // check of version 2 if they were ready by then, else when they arrive.
    let all = if after.iter().any(|d| code(d) == "glyph-coverage") {
        after
    } else {
        let glyphs = client.wait_for("glyph-coverage", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|ds| ds.iter().any(|d| code(d) == "glyph-coverage"))
        });
        glyphs["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    let Some(glyph) = all.iter().find(|d| code(d) == "glyph-coverage") else {
        panic!("{all:#?}")
    };
    assert_eq!(
        glyph["data"]["pointer"], "/specialists/0/native_name",
        "{glyph}"
    );
    assert_eq!(glyph["severity"], 2);
    assert_eq!(client.finish(true), 0);
}

#[test]
fn quick_fixes_and_hover() {
    let dir = temp();
    let mut client = Client::start(json!({"debounceMs": 0, "stage": "request"}));

    // An unknown key: one fix per suggestion the diagnostic carries.
    let typo = fixture(dir.path(), "invalid/unknown-key-typo");
    let typo_uri = uri(&typo);
    client.open(&typo_uri, &read(&typo));
    let found = client.diagnostics(&typo_uri, 1);
    let unknown = found
        .iter()
        .find(|d| code(d) == "schema/additionalProperties")
        .unwrap_or_else(|| panic!("no unknown key in {found:#?}"));
    let answer = client.code_actions(&typo_uri, &unknown["range"], json!([unknown]));
    let actions = answer["result"].as_array().cloned().unwrap_or_default();
    let suggestions: Vec<String> = unknown["data"]["suggestions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s.as_str().map(str::to_owned))
        .collect();
    let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
    let wanted: Vec<String> = suggestions
        .iter()
        .map(|s| format!("Replace with `{s}`"))
        .collect();
    assert_eq!(titles, wanted, "{answer}");
    if let Some(best) = suggestions.first() {
        let edit = &actions[0]["edit"]["changes"][&typo_uri][0];
        assert_eq!(edit["newText"], json!(best));
        assert_eq!(edit["range"], unknown["range"]);
    }

    // An unquoted BIN: "quote it", with the digits as written.
    let unquoted = fixture(dir.path(), "invalid/schema-type-bin-unquoted");
    let bin_uri = uri(&unquoted);
    client.open(&bin_uri, &read(&unquoted));
    let found = client.diagnostics(&bin_uri, 1);
    let typed = found
        .iter()
        .find(|d| code(d) == "schema/type")
        .unwrap_or_else(|| panic!("no type error in {found:#?}"));
    let cursor = json!({"start": typed["range"]["start"], "end": typed["range"]["start"]});
    let answer = client.code_actions(&bin_uri, &cursor, json!([]));
    let action = &answer["result"][0];
    assert_eq!(action["title"], "Quote it: \"180340021830\"", "{answer}");
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["isPreferred"], true);
    let edit = action["edit"]["changes"][&bin_uri][0].clone();
    assert_eq!(edit["newText"], "\"180340021830\"");
    client.change(
        &bin_uri,
        2,
        json!([{"range": edit["range"], "text": edit["newText"]}]),
    );
    let after = client.diagnostics(&bin_uri, 2);
    assert!(after.iter().all(|d| code(d) != "schema/type"), "{after:#?}");

    // Hover on the key `bin`: its description and the rule that checks it.
    let hover = client.hover(&bin_uri, 10, 3);
    let text = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_default();
    assert!(text.contains("Business identification number"), "{hover}");
    assert!(text.contains("`bin-checksum` (error)"), "{hover}");
    assert_eq!(
        hover["result"]["range"]["start"],
        json!({"line": 10, "character": 2})
    );
    assert_eq!(
        hover["result"]["range"]["end"],
        json!({"line": 10, "character": 5})
    );
    // Between keys there is nothing to describe.
    let blank = client.hover(&bin_uri, 6, 0);
    assert_eq!(blank["result"], Value::Null, "{blank}");
    assert_eq!(client.finish(true), 0);
}

#[test]
fn garbage_is_answered_without_a_crash() {
    let dir = temp();
    let uri = uri(&dir.path().join("scratch.yaml"));
    let mut client = Client::start(json!({"debounceMs": 0}));

    // Half-typed YAML: one syntax error.
    client.open(&uri, "inviting_party:\n  bin: [\"18");
    let found = client.diagnostics(&uri, 1);
    assert!(found.iter().any(|d| code(d) == "yaml-syntax"), "{found:#?}");

    // Positions past the end of the text.
    let hover = client.hover(&uri, 1000, 1000);
    assert!(
        hover.get("error").is_none() && hover["result"].is_null(),
        "{hover}"
    );
    let far =
        json!({"start": {"line": 5000, "character": 0}, "end": {"line": 9000, "character": 7}});
    let actions = client.code_actions(&uri, &far, json!([]));
    assert_eq!(actions["result"], json!([]), "{actions}");
    let past = json!({"start": {"line": 50, "character": 50}, "end": {"line": 60, "character": 0}});
    client.change(&uri, 2, json!([{"range": past, "text": "\nx: 1"}]));
    client.diagnostics(&uri, 2);

    // Inside the surrogate pair of 𝔸 (UTF-16 units 6 and 7 of the line).
    client.change(&uri, 3, json!([{"text": "name: 𝔸𝔹\n"}]));
    client.diagnostics(&uri, 3);
    let inside = client.hover(&uri, 0, 7);
    assert!(inside.get("error").is_none(), "{inside}");
    let split = json!({"start": {"line": 0, "character": 7}, "end": {"line": 0, "character": 9}});
    client.change(&uri, 4, json!([{"range": split, "text": "x"}]));
    client.diagnostics(&uri, 4);

    // 100 000 lines: past the reader's node limit, one diagnostic, still answered.
    let long: String = (0..100_000).map(|i| format!("k{i}: v\n")).collect();
    client.change(&uri, 5, json!([{"text": long}]));
    let found = client.diagnostics(&uri, 5);
    assert!(found.iter().any(|d| code(d) == "yaml-limits"), "{found:#?}");
    let hover = client.hover(&uri, 99_999, 2);
    assert!(hover.get("error").is_none(), "{hover}");

    // A 10 MiB paste: refused with one diagnostic, requests still answered.
    let huge = "a: b\n".repeat(2_200_000);
    client.change(&uri, 6, json!([{"text": huge}]));
    let found = client.diagnostics(&uri, 6);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(code(&found[0]), "yaml-limits");
    let hover = client.hover(&uri, 3, 0);
    assert!(hover.get("error").is_none(), "{hover}");

    // A method the server does not know, and parameters that are not a position.
    let unknown = client.request("textDocument/rename", json!({}));
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    let bad = client.request("textDocument/hover", json!({"position": "here"}));
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    // A change to a document never opened is ignored.
    client.change("file:///nowhere.yaml", 9, json!([{"text": "a: 1"}]));
    assert_eq!(client.finish(true), 0);
}

#[test]
fn exit_without_shutdown_is_exit_1() {
    let client = Client::start(json!(null));
    assert_eq!(client.finish(false), 1);
}

#[test]
fn a_burst_of_changes_is_checked_once_at_its_end() {
    let dir = temp();
    let path = fixture(dir.path(), "examples/request");
    let uri = uri(&path);
    let text = read(&path);
    // Long enough that the burst below, five small writes, fits well inside it.
    let mut client = Client::start(json!({"debounceMs": 400}));
    client.open(&uri, &text);
    client.diagnostics(&uri, 1);
    for version in 2..=6 {
        client.change(
            &uri,
            version,
            json!([{"text": format!("{text}# edit {version}\n")}]),
        );
    }
    client.diagnostics(&uri, 6);
    let published: Vec<i64> = client
        .backlog
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .filter_map(|m| m["params"]["version"].as_i64())
        .filter(|v| *v != 1)
        .collect();
    assert!(
        published.is_empty(),
        "stale versions published: {published:?}"
    );
    assert_eq!(client.finish(true), 0);
}
