//! Graphs of modules: components (Tarjan), the cycles to break, and layers.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write as _;

use crate::modules::{Crate, Edge, Id};

/// Nodes `0..n` and their edges, each with the site that shows it.
pub struct Graph {
    names: Vec<String>,
    files: Vec<String>,
    edges: BTreeMap<(Id, Id), Edge>,
}

impl Graph {
    pub fn of_modules(krate: &Crate) -> Graph {
        Graph {
            names: krate.modules.iter().map(|m| m.name.clone()).collect(),
            files: krate.modules.iter().map(|m| m.file.clone()).collect(),
            edges: krate.edges(),
        }
    }

    /// The graph of the crate root and its children, each child standing for all the
    /// modules inside it: the layers of ARCHITECTURE.md.
    pub fn of_top_modules(krate: &Crate) -> Graph {
        let mut edges = BTreeMap::new();
        for ((a, b), edge) in krate.edges() {
            let (a, b) = (krate.top(a), krate.top(b));
            if a != b {
                edges.entry((a, b)).or_insert(edge);
            }
        }
        Graph {
            names: krate.modules.iter().map(|m| m.name.clone()).collect(),
            files: krate.modules.iter().map(|m| m.file.clone()).collect(),
            edges,
        }
    }

    fn nodes(&self) -> BTreeSet<Id> {
        self.edges.keys().flat_map(|&(a, b)| [a, b]).collect()
    }

    fn targets(&self, a: Id) -> impl Iterator<Item = Id> + '_ {
        self.edges.range((a, 0)..(a + 1, 0)).map(|(&(_, b), _)| b)
    }

    /// The strongly connected components (Tarjan), each sorted; single nodes included.
    fn components(&self) -> Vec<Vec<Id>> {
        struct Tarjan<'g> {
            graph: &'g Graph,
            index: BTreeMap<Id, usize>,
            low: BTreeMap<Id, usize>,
            stack: Vec<Id>,
            on_stack: BTreeSet<Id>,
            out: Vec<Vec<Id>>,
        }
        impl Tarjan<'_> {
            fn visit(&mut self, v: Id) {
                let n = self.index.len();
                self.index.insert(v, n);
                self.low.insert(v, n);
                self.stack.push(v);
                self.on_stack.insert(v);
                for w in self.graph.targets(v).collect::<Vec<_>>() {
                    if !self.index.contains_key(&w) {
                        self.visit(w);
                        let low = self.low[&v].min(self.low[&w]);
                        self.low.insert(v, low);
                    } else if self.on_stack.contains(&w) {
                        let low = self.low[&v].min(self.index[&w]);
                        self.low.insert(v, low);
                    }
                }
                if self.low[&v] == self.index[&v] {
                    let mut component = Vec::new();
                    while let Some(w) = self.stack.pop() {
                        self.on_stack.remove(&w);
                        component.push(w);
                        if w == v {
                            break;
                        }
                    }
                    component.sort_unstable();
                    self.out.push(component);
                }
            }
        }
        let mut tarjan = Tarjan {
            graph: self,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            out: Vec::new(),
        };
        for v in self.nodes() {
            if !tarjan.index.contains_key(&v) {
                tarjan.visit(v);
            }
        }
        tarjan.out
    }

    /// For every edge inside a cycle, the shortest cycle through it: breaking each of
    /// these (or one edge of each) removes every cycle. Each starts at its least node.
    pub fn cycles(&self) -> Vec<Vec<Id>> {
        let mut found = BTreeSet::new();
        for component in self.components().into_iter().filter(|c| c.len() > 1) {
            let inside: BTreeSet<Id> = component.iter().copied().collect();
            for &(a, b) in self.edges.keys() {
                if !(inside.contains(&a) && inside.contains(&b)) {
                    continue;
                }
                // b ⇝ a, then the edge a → b closes it: [a, b, …] without a twice.
                let Some(mut cycle) = self.shortest_path(b, a, &inside) else {
                    continue;
                };
                cycle.pop();
                cycle.insert(0, a);
                let start = (0..cycle.len()).min_by_key(|&i| cycle[i]).unwrap_or(0);
                cycle.rotate_left(start);
                found.insert((cycle.len(), cycle));
            }
        }
        found.into_iter().map(|(_, cycle)| cycle).collect()
    }

    /// `from` ⇝ `to` inside `within` by breadth first search, both ends included.
    fn shortest_path(&self, from: Id, to: Id, within: &BTreeSet<Id>) -> Option<Vec<Id>> {
        let mut came_from = BTreeMap::from([(from, from)]);
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            if v == to {
                let mut path = vec![to];
                let mut at = to;
                while at != from {
                    at = came_from[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            for w in self.targets(v).filter(|w| within.contains(w)) {
                if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(w) {
                    e.insert(v);
                    queue.push_back(w);
                }
            }
        }
        None
    }

    /// `a → b → a`.
    pub fn cycle_text(&self, cycle: &[Id]) -> String {
        let mut names: Vec<&str> = cycle.iter().map(|&m| self.names[m].as_str()).collect();
        names.push(&self.names[cycle[0]]);
        names.join(" → ")
    }

    /// Each cycle, and under it the site of each of its edges.
    pub fn explain(&self, cycles: &[Vec<Id>]) -> String {
        let mut out = String::new();
        for cycle in cycles {
            let _ = writeln!(out, "\n  {}", self.cycle_text(cycle));
            for (i, &a) in cycle.iter().enumerate() {
                let b = cycle[(i + 1) % cycle.len()];
                if let Some(edge) = self.edges.get(&(a, b)) {
                    let _ = writeln!(
                        out,
                        "      {} → {}: {} (defined in {})",
                        self.names[a],
                        self.names[b],
                        edge.site.shown(),
                        self.files[edge.defined]
                    );
                }
            }
        }
        out
    }

    /// Layer of each node: 0 uses no other module, n uses layer n − 1 at most; a cycle's
    /// modules share one layer.
    pub fn layers(&self, nodes: &BTreeSet<Id>) -> BTreeMap<usize, Vec<String>> {
        let components = self.components();
        let component_of: BTreeMap<Id, usize> = components
            .iter()
            .enumerate()
            .flat_map(|(c, members)| members.iter().map(move |&m| (m, c)))
            .collect();
        // Tarjan emits a component after every component it reaches.
        let mut layer_of = vec![0usize; components.len()];
        for (c, members) in components.iter().enumerate() {
            let mut layer = 0;
            for &m in members {
                for t in self.targets(m) {
                    let d = component_of[&t];
                    if d != c {
                        layer = layer.max(layer_of[d] + 1);
                    }
                }
            }
            layer_of[c] = layer;
        }
        let mut out: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for &m in nodes {
            let layer = component_of.get(&m).map_or(0, |&c| layer_of[c]);
            let cyclic = component_of
                .get(&m)
                .is_some_and(|&c| components[c].len() > 1);
            let name = &self.names[m];
            out.entry(layer).or_default().push(if cyclic {
                format!("{name}(cycle)")
            } else {
                name.clone()
            });
        }
        out
    }
}
