//! The review page's inline stylesheet (screen and print, system fonts only) and its few
//! lines of script (next/previous change, keys n/p); the page reads the same without it.

pub const CSS: &str = r##"
:root { --ink: #1b1b1b; --muted: #5c5c5c; --line: #d0d0d0; --ins: #d7f5dd; --del: #fbe0e0; --warn: #fff1c2; --bad: #b00020; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); background: #f4f4f2; }
main { max-width: 1500px; margin: 0 auto; padding: 16px 24px 80px; }
h1 { font-size: 24px; margin: 8px 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; border-bottom: 2px solid var(--line); padding-bottom: 4px; } h3 { font-size: 16px; margin: 14px 0 6px; }
small, .muted { color: var(--muted); font-weight: normal; }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace; }
table { border-collapse: collapse; background: #fff; } th, td { border: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
.banner { background: var(--warn); border: 1px solid #e0c060; padding: 6px 10px; margin: 8px 0; font-weight: 600; }
.steps li { list-style: none; } .steps .done::before { content: "✔ "; color: #1b7a30; } .steps .pending::before { content: "○ "; color: var(--muted); }
.warnings li { margin: 2px 0; } .warnings code { color: var(--muted); }
nav.toc a { margin-right: 12px; }
section.document { background: #fff; border: 1px solid var(--line); padding: 4px 16px 16px; margin: 20px 0; }
details.facts { margin: 8px 0; } details.facts summary { cursor: pointer; } .flagged { color: var(--bad); font-weight: 700; }
.facts td.missing { background: var(--del); color: var(--bad); font-weight: 700; }
.facts td.found { color: #1b7a30; } .facts td.wording, .facts td.novalue { color: var(--muted); }
.sheet { display: grid; grid-template-columns: minmax(0, 560px) minmax(0, 1fr); gap: 18px; margin: 14px 0; align-items: start; }
.sheet figure { position: relative; margin: 0; border: 1px solid var(--line); box-shadow: 0 1px 4px rgba(0,0,0,.12); background: #fff; }
.sheet figure img { display: block; width: 100%; height: auto; }
.sheet figure a.box { position: absolute; border: 2px solid #d9480f; background: rgba(255, 200, 0, .18); }
.sheet .noimage { border: 1px dashed var(--line); padding: 16px; color: var(--muted); }
.pageno { font-size: 12px; color: var(--muted); }
.block { margin: 0 0 8px; padding: 3px 6px; border-left: 3px solid transparent; }
.block.row { font-size: 13px; } .block.heading { font-weight: 700; } .block.signature { font-style: italic; }
.change { border-left-color: #d9480f; background: #fffaf0; } .change.current { outline: 3px solid #d9480f; }
.change .tag { font-size: 12px; font-weight: 700; color: #d9480f; }
ins { background: var(--ins); text-decoration: underline; } del { background: var(--del); color: #7a0010; }
.invisible { margin: 4px 0 0; padding: 3px 6px; background: var(--bad); color: #fff; font-weight: 700; }
.invisible code { color: #fff; }
.status { display: inline-block; min-width: 1.4em; text-align: center; font-weight: 700; } .status.changed { color: #d9480f; } .status.added { color: #1b7a30; } .status.removed { color: var(--bad); }
.layout { color: var(--muted); font-size: 13px; }
.thumbs { display: flex; flex-wrap: wrap; gap: 12px; } .thumbs figure { margin: 0; width: 170px; font-size: 12px; } .thumbs img { width: 160px; border: 1px solid var(--line); }
.navbar { position: fixed; right: 16px; bottom: 16px; background: #fff; border: 1px solid var(--line); padding: 6px 10px; box-shadow: 0 1px 6px rgba(0,0,0,.2); }
.navbar a { margin: 0 6px; }
@media (max-width: 900px) { .sheet { grid-template-columns: 1fr; } }
@media print {
  body { background: #fff; font-size: 11pt; } main { max-width: none; padding: 0; }
  .navbar, nav.toc { display: none; }
  section.document { border: 0; padding: 0; break-before: page; }
  .sheet { break-inside: avoid; grid-template-columns: 45% 55%; }
  a { color: inherit; text-decoration: none; }
}
"##;

/// Next/previous change by the buttons or the keys n and p (ignored while typing).
pub const SCRIPT: &str = r##"
(function () {
  var marks = Array.prototype.slice.call(document.querySelectorAll(".change"));
  var at = -1;
  function go(step) {
    if (marks.length === 0) { return; }
    if (at >= 0) { marks[at].classList.remove("current"); }
    at = (at + step + marks.length) % marks.length;
    marks[at].classList.add("current");
    marks[at].scrollIntoView({ block: "center" });
    history.replaceState(null, "", "#" + marks[at].id);
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || /INPUT|TEXTAREA/.test(e.target.tagName)) { return; }
    if (e.key === "n") { go(1); } else if (e.key === "p") { go(-1); }
  });
  var next = document.getElementById("next"), prev = document.getElementById("prev");
  if (next) { next.addEventListener("click", function (e) { e.preventDefault(); go(1); }); }
  if (prev) { prev.addEventListener("click", function (e) { e.preventDefault(); go(-1); }); }
})();
"##;
