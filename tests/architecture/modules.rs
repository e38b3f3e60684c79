//! The library crate as modules: what each defines and imports, and what a path
//! written in one of them names, re-exports followed to the defining module.

use std::collections::{BTreeMap, BTreeSet};

use syn::visit::Visit;

use crate::reader::{Binds, Reader, attributes, item_name, module_file, test_only};

pub type Id = usize;

/// Where a module names something of the crate.
#[derive(Debug, Clone)]
pub struct Site {
    pub file: String,
    pub line: usize,
    pub path: Vec<String>,
    /// Written in a `use` (preferred when an edge is shown).
    pub in_use: bool,
}

impl Site {
    pub fn shown(&self) -> String {
        let path = self.path.join("::");
        let what = if self.in_use {
            format!("use {path}")
        } else {
            path
        };
        format!("{}:{}  `{what}`", self.file, self.line)
    }
}

#[derive(Debug, Default)]
pub struct Module {
    /// `rules::dates`; the crate root is `crate`.
    pub name: String,
    pub parent: Option<Id>,
    pub file: String,
    pub children: BTreeMap<String, Id>,
    /// Names of the items defined here.
    items: BTreeSet<String>,
    /// Names a `use` binds here, with the path it names (as written, from here).
    imports: BTreeMap<String, Vec<String>>,
    globs: Vec<Vec<String>>,
    sites: Vec<Site>,
}

/// An edge's evidence: where it is written, and the module that defines what it names.
#[derive(Debug, Clone)]
pub struct Edge {
    pub site: Site,
    pub defined: Id,
}

/// What a path names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Target {
    Module(Id),
    /// An item defined in this module.
    Item(Id),
}

/// The library crate as modules, read from `files` (path under the crate → text).
pub struct Crate {
    pub modules: Vec<Module>,
}

impl Crate {
    pub fn parse(files: &BTreeMap<String, String>) -> Result<Crate, String> {
        let mut krate = Crate {
            modules: Vec::new(),
        };
        let root = "src/lib.rs";
        let text = files.get(root).ok_or("no src/lib.rs")?;
        let file = syn::parse_file(text).map_err(|e| format!("{root}: {e}"))?;
        krate.add_module(files, "crate", None, root, "src", &file.items)?;
        Ok(krate)
    }

    /// Adds a module and, depth first, its children; `dir` is where its `mod x;` files are.
    fn add_module(
        &mut self,
        files: &BTreeMap<String, String>,
        name: &str,
        parent: Option<Id>,
        file: &str,
        dir: &str,
        items: &[syn::Item],
    ) -> Result<Id, String> {
        let id = self.modules.len();
        self.modules.push(Module {
            name: name.to_owned(),
            parent,
            file: file.to_owned(),
            ..Module::default()
        });
        let mut reader = Reader {
            file,
            sites: Vec::new(),
            uses: Vec::new(),
        };
        for item in items {
            if test_only(attributes(item)) {
                continue;
            }
            match item {
                syn::Item::Mod(m) => {
                    let child = m.ident.to_string();
                    let full = if name == "crate" {
                        child.clone()
                    } else {
                        format!("{name}::{child}")
                    };
                    let child_id = match &m.content {
                        Some((_, inner)) => self.add_module(
                            files,
                            &full,
                            Some(id),
                            file,
                            &format!("{dir}/{child}"),
                            inner,
                        )?,
                        None => {
                            let (path, text) = module_file(files, file, dir, &child, &m.attrs)?;
                            let parsed =
                                syn::parse_file(text).map_err(|e| format!("{path}: {e}"))?;
                            let own_dir = if path.ends_with("/mod.rs") {
                                path.trim_end_matches("/mod.rs").to_owned()
                            } else {
                                path.trim_end_matches(".rs").to_owned()
                            };
                            self.add_module(files, &full, Some(id), &path, &own_dir, &parsed.items)?
                        }
                    };
                    self.modules[id].children.insert(child, child_id);
                }
                syn::Item::Use(u) => reader.visit_item_use(u),
                other => {
                    if let Some(ident) = item_name(other) {
                        self.modules[id].items.insert(ident);
                    }
                    reader.visit_item(other);
                }
            }
        }
        let module = &mut self.modules[id];
        for used in reader.uses {
            match used.binds {
                Binds::Name(bound) => {
                    module
                        .imports
                        .entry(bound)
                        .or_insert_with(|| used.path.clone());
                }
                Binds::Glob => module.globs.push(used.path.clone()),
            }
            module.sites.push(Site {
                file: file.to_owned(),
                line: used.line,
                path: used.path,
                in_use: true,
            });
        }
        module.sites.extend(reader.sites);
        Ok(id)
    }

    /// The item or module `name` stands for inside module `m` (its children, its items,
    /// its imports followed to their definition, then its globs).
    fn member(&self, m: Id, name: &str, depth: usize) -> Option<Target> {
        // A re-export chain this long is a loop the compiler would reject.
        if depth > 32 {
            return None;
        }
        let module = &self.modules[m];
        if let Some(&child) = module.children.get(name) {
            return Some(Target::Module(child));
        }
        if module.items.contains(name) {
            return Some(Target::Item(m));
        }
        if let Some(path) = module.imports.get(name) {
            return self.resolve(m, path, depth + 1);
        }
        module
            .globs
            .iter()
            .find_map(|glob| match self.resolve(m, glob, depth + 1) {
                Some(Target::Module(g)) => self.member(g, name, depth + 1),
                _ => None,
            })
    }

    /// What `path`, written in module `m`, names; `None` outside the crate (std, serde,
    /// a local variable, a generic parameter).
    pub fn resolve(&self, m: Id, path: &[String], depth: usize) -> Option<Target> {
        let (first, rest) = path.split_first()?;
        let mut current = match first.as_str() {
            "crate" => 0,
            "self" => m,
            "super" => self.modules[m].parent?,
            "Self" => return None,
            name => match self.member(m, name, depth)? {
                Target::Module(child) => child,
                item => return Some(item),
            },
        };
        for segment in rest {
            let next = match segment.as_str() {
                "self" => Some(Target::Module(current)),
                "super" => Some(Target::Module(self.modules[current].parent?)),
                name => self.member(current, name, depth),
            };
            match next {
                Some(Target::Module(child)) => current = child,
                Some(item) => return Some(item),
                // Made by a macro, or beyond what this reader knows: the module it is in.
                None => return Some(Target::Item(current)),
            }
        }
        Some(Target::Module(current))
    }

    /// Every edge a → b (a ≠ b) with the site that shows it best (a `use`, the first).
    pub fn edges(&self) -> BTreeMap<(Id, Id), Edge> {
        let mut edges: BTreeMap<(Id, Id), Edge> = BTreeMap::new();
        for (m, module) in self.modules.iter().enumerate() {
            for site in &module.sites {
                let Some(Target::Item(defined)) = self.resolve(m, &site.path, 0) else {
                    continue;
                };
                if defined == m {
                    continue;
                }
                let better =
                    |old: &Edge| (!site.in_use, site.line) < (!old.site.in_use, old.site.line);
                let edge = Edge {
                    site: site.clone(),
                    defined,
                };
                edges
                    .entry((m, defined))
                    .and_modify(|old| {
                        if better(old) {
                            *old = edge.clone();
                        }
                    })
                    .or_insert(edge);
            }
        }
        edges
    }

    /// The child of the crate root a module is in (the root for itself).
    pub fn top(&self, mut m: Id) -> Id {
        while let Some(parent) = self.modules[m].parent {
            if parent == 0 {
                return m;
            }
            m = parent;
        }
        m
    }
}
