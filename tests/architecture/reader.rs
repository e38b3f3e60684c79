//! Reading one module's syntax: its `use` declarations, the paths of its code, the file
//! of a `mod x;`, and which items exist only in tests.

use std::collections::BTreeMap;
use std::path::Path;

use syn::punctuated::Punctuated;
use syn::visit::Visit;

use crate::modules::Site;

/// The file of `mod child;` declared in `file`: `#[path]`, `dir/child.rs` or `dir/child/mod.rs`.
pub fn module_file<'f>(
    files: &'f BTreeMap<String, String>,
    file: &str,
    dir: &str,
    child: &str,
    attrs: &[syn::Attribute],
) -> Result<(String, &'f String), String> {
    let from_attribute = attrs.iter().find_map(|a| match &a.meta {
        syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
            syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(s),
                ..
            }) => Some(s.value()),
            _ => None,
        },
        _ => None,
    });
    let candidates = match from_attribute {
        Some(relative) => {
            let base = Path::new(file).parent().unwrap_or(Path::new(""));
            vec![base.join(relative).to_string_lossy().replace('\\', "/")]
        }
        None => vec![format!("{dir}/{child}.rs"), format!("{dir}/{child}/mod.rs")],
    };
    candidates
        .iter()
        .find_map(|c| files.get(c).map(|text| (c.clone(), text)))
        .ok_or_else(|| format!("{file}: `mod {child};` but none of {candidates:?} exists"))
}

pub fn attributes(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        ExternCrate(i) => &i.attrs,
        Fn(i) => &i.attrs,
        ForeignMod(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        TraitAlias(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

pub fn item_name(item: &syn::Item) -> Option<String> {
    use syn::Item::*;
    let ident = match item {
        Const(i) => &i.ident,
        Enum(i) => &i.ident,
        Fn(i) => &i.sig.ident,
        Macro(i) => i.ident.as_ref()?,
        Static(i) => &i.ident,
        Struct(i) => &i.ident,
        Trait(i) => &i.ident,
        TraitAlias(i) => &i.ident,
        Type(i) => &i.ident,
        Union(i) => &i.ident,
        _ => return None,
    };
    Some(ident.to_string())
}

/// `#[test]`, or a `#[cfg(…)]` that is false when `test` is.
pub fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("test")
            || (a.path().is_ident("cfg")
                && a.parse_args::<syn::Meta>()
                    .is_ok_and(|m| without_test(&m) == Some(false)))
    })
}

/// A `cfg` predicate's value in a build without `test`; `None` when other settings decide.
fn without_test(meta: &syn::Meta) -> Option<bool> {
    match meta {
        syn::Meta::Path(p) if p.is_ident("test") => Some(false),
        syn::Meta::List(list) => {
            let args = list
                .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
                .ok()?;
            let values: Vec<Option<bool>> = args.iter().map(without_test).collect();
            if list.path.is_ident("not") {
                values.first().copied().flatten().map(|v| !v)
            } else if list.path.is_ident("all") {
                if values.contains(&Some(false)) {
                    Some(false)
                } else {
                    values.iter().all(|v| *v == Some(true)).then_some(true)
                }
            } else if list.path.is_ident("any") {
                if values.contains(&Some(true)) {
                    Some(true)
                } else {
                    values.iter().all(|v| *v == Some(false)).then_some(false)
                }
            } else {
                None
            }
        }
        _ => None,
    }
}

pub enum Binds {
    Name(String),
    Glob,
}

/// One name a `use` brings in (or a glob).
pub struct Used {
    pub path: Vec<String>,
    pub binds: Binds,
    pub line: usize,
}

/// Serde attributes whose string value is a path of the crate.
const SERDE_PATH_KEYS: [&str; 8] = [
    "with",
    "serialize_with",
    "deserialize_with",
    "default",
    "getter",
    "from",
    "try_from",
    "into",
];

/// Collects the paths of one module's code and its `use` declarations.
pub struct Reader<'a> {
    pub file: &'a str,
    pub sites: Vec<Site>,
    pub uses: Vec<Used>,
}

impl Reader<'_> {
    fn flatten(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        let line = |ident: &syn::Ident| ident.span().start().line;
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.flatten(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => self.bind(prefix, &n.ident, None, line(&n.ident)),
            syn::UseTree::Rename(r) => self.bind(prefix, &r.ident, Some(&r.rename), line(&r.ident)),
            syn::UseTree::Glob(g) => self.uses.push(Used {
                path: prefix.clone(),
                binds: Binds::Glob,
                line: g.star_token.span.start().line,
            }),
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.flatten(prefix, tree);
                }
            }
        }
    }

    fn bind(
        &mut self,
        prefix: &[String],
        ident: &syn::Ident,
        rename: Option<&syn::Ident>,
        line: usize,
    ) {
        let mut path = prefix.to_vec();
        if ident != "self" {
            path.push(ident.to_string());
        }
        let bound = rename.map_or_else(
            || path.last().cloned().unwrap_or_default(),
            ToString::to_string,
        );
        if bound != "_" {
            self.uses.push(Used {
                path,
                binds: Binds::Name(bound),
                line,
            });
        }
    }
}

impl<'ast> Visit<'ast> for Reader<'_> {
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        // `use ::name` is always another crate.
        if u.leading_colon.is_none() && !test_only(&u.attrs) {
            self.flatten(&mut Vec::new(), &u.tree);
        }
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        if path.leading_colon.is_none()
            && let Some(first) = path.segments.first()
        {
            self.sites.push(Site {
                file: self.file.to_owned(),
                line: first.ident.span().start().line,
                path: path.segments.iter().map(|s| s.ident.to_string()).collect(),
                in_use: false,
            });
        }
        syn::visit::visit_path(self, path);
    }

    /// `format!("{}", crate::x::y())`: arguments that read as expressions are code too.
    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        syn::visit::visit_macro(self, mac);
        if let Ok(args) =
            mac.parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
        {
            for arg in &args {
                self.visit_expr(arg);
            }
        }
    }

    /// `#[serde(deserialize_with = "dates::deserialize")]` names a function in a string.
    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        syn::visit::visit_attribute(self, attr);
        if !attr.path().is_ident("serde") {
            return;
        }
        let Ok(args) =
            attr.parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        else {
            return;
        };
        for arg in &args {
            let syn::Meta::NameValue(nv) = arg else {
                continue;
            };
            let Some(key) = SERDE_PATH_KEYS.iter().find(|k| nv.path.is_ident(k)) else {
                continue;
            };
            let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &nv.value
            else {
                continue;
            };
            let Ok(path) = text.parse::<syn::Path>() else {
                continue;
            };
            let mut path: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            // `with = "module"` means `module::serialize` and `module::deserialize`.
            if *key == "with" {
                path.push("serialize".to_owned());
            }
            self.sites.push(Site {
                file: self.file.to_owned(),
                line: text.span().start().line,
                path,
                in_use: false,
            });
        }
    }

    fn visit_item(&mut self, item: &'ast syn::Item) {
        if !test_only(attributes(item)) {
            syn::visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, _: &'ast syn::ItemMod) {}
}
