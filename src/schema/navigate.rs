//! The schema tree seen from the manifest: the schema node that describes the value at
//! an instance pointer (through `properties`, `items` and `$ref`), and what that node
//! says — its description, its required keys, the keys it allows, its annotations.

use serde_json::Value;

/// The node a `$ref` points to (the node itself when it has none); `None` when the
/// reference leads nowhere.
pub fn resolve<'a>(root: &'a Value, node: &'a Value) -> Option<&'a Value> {
    match node.get("$ref").and_then(Value::as_str) {
        Some(r) => root.pointer(r.strip_prefix('#')?),
        None => Some(node),
    }
}

/// The node for one token below `node`, as written (a `$ref` not followed).
fn child<'a>(node: &'a Value, token: &str) -> Option<&'a Value> {
    if let Some(p) = node.get("properties").and_then(|p| p.get(token)) {
        Some(p)
    } else if let Some(items) = node.get("items") {
        Some(items)
    } else {
        node.get("else").and_then(|e| e.get("items"))
    }
}

/// The schema node that describes the value at an instance pointer, `$ref`s followed.
pub fn node_at<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut node = resolve(root, root)?;
    for token in pointer.split('/').skip(1) {
        node = resolve(root, child(node, token)?)?;
    }
    Some(node)
}

/// The node at an instance pointer as its parent writes it: where a `$ref` stands beside
/// what this one place adds to the shared definition.
fn declared<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    match pointer.rsplit_once('/') {
        Some((parent, token)) => child(node_at(root, parent)?, token),
        None => Some(root),
    }
}

/// The annotation `keyword` for the value at `pointer`: the one written at that place,
/// else the one of the definition it refers to.
pub(super) fn annotation<'a>(root: &'a Value, pointer: &str, keyword: &str) -> Option<&'a Value> {
    declared(root, pointer)
        .and_then(|n| n.get(keyword))
        .or_else(|| node_at(root, pointer)?.get(keyword))
}

/// The description of the value at `pointer`: its definition's, else the one beside the
/// `$ref`.
pub(super) fn description(root: &Value, pointer: &str) -> Option<String> {
    let node = node_at(root, pointer)?;
    node.get("description")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .or_else(|| {
            let (parent, name) = pointer.rsplit_once('/')?;
            node_at(root, parent)?
                .get("properties")?
                .get(name)?
                .get("description")?
                .as_str()
                .map(str::to_owned)
        })
}

/// Whether the schema node at `parent` lists `name` as required.
pub(super) fn is_required(root: &Value, parent: &str, name: &str) -> bool {
    node_at(root, parent)
        .and_then(|n| n.get("required"))
        .and_then(Value::as_array)
        .is_some_and(|r| r.iter().any(|x| x == name))
}

/// The keys the mapping at `pointer` may hold, in schema order.
pub(super) fn property_names(root: &Value, pointer: &str) -> Vec<String> {
    node_at(root, pointer)
        .and_then(|n| n.get("properties"))
        .and_then(Value::as_object)
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default()
}

/// For a `dependentRequired` failure at `pointer`: the present key that needs `missing`.
pub(super) fn dependent_trigger(
    root: &Value,
    pointer: &str,
    instance: &Value,
    missing: &str,
) -> Option<String> {
    let deps = node_at(root, pointer)?
        .get("dependentRequired")?
        .as_object()?;
    deps.iter()
        .find(|(key, needs)| {
            instance.get(key.as_str()).is_some()
                && needs
                    .as_array()
                    .is_some_and(|n| n.iter().any(|x| x == missing))
        })
        .map(|(key, _)| key.clone())
}
