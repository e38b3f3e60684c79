#!/usr/bin/env python3
"""Compiles emitted Typst projects with typst-py (the `typst` package) in one warm process,
fonts loaded once and shared, and reports CPU time per PDF and per page and the split
between layout and PDF export.

typst-py has no timings of its own: layout is timed as `Compiler.query` of the letter's
end marker (evaluation, layout and introspection, no export); export as `Compiler.compile`
to PDF right after, which finds the layout in Typst's memo cache, less a second `query`
(what finding it there costs); a document's CPU time is layout and export together. Each document is compiled
once after a warm-up on the first one, so every figure is a first compilation of new case
data, as in a batch.

Usage: scripts/typst-py-bench.py LIST.tsv [--json OUT.json] [--label NAME]
LIST.tsv: `<project folder>\\t<main file>` per document, as `kzinvite render --emit-typst DIR`
writes to DIR/list.tsv (or examples/typst_project.rs printed). The embedded fonts of
typst-py are typst-assets' (the same Libertinus files kzinvite embeds); system fonts are
ignored. SOURCE_DATE_EPOCH, when set, is the PDF timestamp.
"""

import argparse
import json
import os
import re
import statistics
import sys
import time

import typst


def cpu():
    return time.process_time()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("list")
    parser.add_argument("--json")
    parser.add_argument("--label", default="typst-py")
    args = parser.parse_args()
    with open(args.list, encoding="utf-8") as f:
        docs = [line.rstrip("\n").split("\t")[:2] for line in f if line.strip()]
    if not docs:
        sys.exit(f"{args.list}: no documents")
    stamp = int(os.environ.get("SOURCE_DATE_EPOCH", "1768435200"))
    fonts = typst.Fonts(include_system_fonts=False, include_embedded_fonts=True)

    def compiler(folder, main):
        return typst.Compiler(
            os.path.join(folder, main), root=folder, font_paths=fonts, ignore_system_fonts=True
        )

    # Warm-up: the first document once, so that one-time set-up is not counted.
    compiler(*docs[0]).compile(format="pdf", timestamp=stamp)

    rows = []
    for folder, main in docs:
        t0 = cpu()
        compiler(folder, main).query("<kzinvite-letter-end>")
        t1 = cpu()
        compiler(folder, main).query("<kzinvite-letter-end>")
        t_again = cpu()
        pdf = compiler(folder, main).compile(format="pdf", timestamp=stamp)
        t2 = cpu()
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
        doc = os.path.basename(folder).split("-", 1)[-1]
        export = max(0.0, (t2 - t_again) - (t_again - t1))
        rows.append({"doc": doc, "layout": t1 - t0, "pdf": t1 - t0 + export, "pages": pages})

    total = sum(r["pdf"] for r in rows)
    layout = [r["layout"] for r in rows]
    full = [r["pdf"] for r in rows]
    pages = sum(r["pages"] for r in rows)
    result = {
        "label": args.label,
        "typst_py": getattr(typst, "__version__", "?"),
        "documents": len(rows),
        "pages": pages,
        "cpu_s": total,
        "ms_per_pdf": 1000 * total / len(rows),
        "ms_per_page": 1000 * total / max(pages, 1),
        "median_ms_per_pdf": 1000 * statistics.median(full),
        "median_layout_ms": 1000 * statistics.median(layout),
        "median_export_ms": 1000 * statistics.median(f - l for f, l in zip(full, layout)),
        "by_document": {},
    }
    for doc in sorted({r["doc"] for r in rows}):
        mine = [r for r in rows if r["doc"] == doc]
        result["by_document"][doc] = {
            "median_ms": 1000 * statistics.median(r["pdf"] for r in mine),
            "median_layout_ms": 1000 * statistics.median(r["layout"] for r in mine),
            "pages": mine[0]["pages"],
        }
    print(
        f"{args.label}: {len(rows)} PDFs, {pages} pages, {total:.2f} s CPU: "
        f"{result['ms_per_pdf']:.1f} ms per PDF, {result['ms_per_page']:.2f} ms per page; "
        f"median layout {result['median_layout_ms']:.1f} ms + export {result['median_export_ms']:.1f} ms"
    )
    for doc, r in result["by_document"].items():
        print(f"  {doc:20} {r['median_ms']:6.1f} ms (layout {r['median_layout_ms']:.1f}), {r['pages']} pages")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
