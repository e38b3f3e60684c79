#!/usr/bin/env python3
"""Turns the results of scripts/bench-compare into a table of ratios: printed, and
written into BENCHMARKS.md between the `bench-compare` markers (the rest of the file,
the log of optimisations, is kept as it is)."""

import datetime
import json
import os
import platform
import re
import subprocess

env = os.environ
N, PACKETS, CORES = int(env["N"]), int(env["PACKETS"]), int(env["CORES"])
RES, ROOT, KZ = env["RES"], env["ROOT"], env["KZ"]


def load(name):
    path = os.path.join(RES, name)
    if not os.path.exists(path):
        return {}
    with open(path) as f:
        return {r["command"]: r for r in json.load(f)["results"]}


def run(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def rss(name):
    """(peak RSS in MiB, wall seconds, exit status) from a /usr/bin/time -v log."""
    path = os.path.join(RES, f"rss-{name}.txt")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    kb = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    status = re.search(r"Exit status: (\d+)", text)
    secs = 0.0
    if wall:
        for part in wall.group(1).split(":"):
            secs = secs * 60 + float(part)
    return (int(kb.group(1)) / 1024 if kb else 0, secs, int(status.group(1)) if status else -1)


def fmt_s(s):
    if s is None:
        return "–"
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def mean(results, name):
    r = results.get(name)
    return r["mean"] if r else None


def ratio(a, b):
    return f"{b / a:.1f}×" if a and b else "–"


def verdict(ok):
    return "yes" if ok else "**no**"


rows = []
v = {**load("validate.json"), **load("validate-peer.json")}
kz_all, kz_one_job = mean(v, f"kzinvite validate (--jobs {CORES})"), mean(v, "kzinvite validate (--jobs 1)")
cjs = mean(v, "check-jsonschema")
rows.append((f"validate {N} manifests (all {CORES} cores)", fmt_s(kz_all), f"check-jsonschema {fmt_s(cjs)}",
             ratio(kz_all, cjs), "≥ 100×", verdict(kz_all and cjs and cjs / kz_all >= 100)))
rows.append((f"validate {N} manifests (--jobs 1)", fmt_s(kz_one_job), f"check-jsonschema {fmt_s(cjs)}",
             ratio(kz_one_job, cjs), "", ""))
v1 = load("validate-one.json")
a, b = mean(v1, "kzinvite validate (1 file)"), mean(v1, "check-jsonschema (1 file)")
rows.append(("validate 1 manifest (process start included)", fmt_s(a), f"check-jsonschema {fmt_s(b)}", ratio(a, b), "", ""))
xl = load("validate-xlsx.json")
if xl:
    a = mean(xl, f"kzinvite validate .xlsx (--jobs {CORES})")
    rows.append((f"validate {N} .xlsx manifests (all cores)", fmt_s(a), f"check-jsonschema on YAML {fmt_s(cjs)}",
                 ratio(a, cjs), "", ""))
one = load("one.json")
docs = sorted({k.split(" ", 1)[1] for k in one})
kz_sum = ty_sum = 0.0
for doc in docs:
    a, b = mean(one, f"kzinvite {doc}"), mean(one, f"typst {doc}")
    kz_sum += a or 0
    ty_sum += b or 0
    rows.append((f"one document, one process: {doc}", fmt_s(a), f"typst compile {fmt_s(b)}", ratio(a, b), "", ""))
race = load("race.json")
a = mean(race, f"kzinvite render {PACKETS} packets (--jobs {CORES})")
b = mean(race, f"typst compile x {PACKETS * 7} (xargs -P {CORES})")
docs_n = PACKETS * 7
rows.append((f"throughput, {PACKETS} packets = {docs_n} PDFs (all cores)",
             f"{docs_n / a:.0f} PDFs/s" if a else "–",
             f"typst compile per PDF {docs_n / b:.1f} PDFs/s" if b else "–",
             ratio(a, b), "", ""))


def cpu_runs():
    """Least CPU (user + sys) of the `render --jobs 1` runs, in seconds."""
    best = None
    for name in sorted(os.listdir(RES)):
        if name.startswith("cpu-kzinvite-") and name[13:-4].isdigit():
            user, sys_, _ = open(os.path.join(RES, name)).read().split()[-3:]
            best = min(best or 1e9, float(user) + float(sys_))
    return best


def typst_py(name):
    path = os.path.join(RES, name)
    return json.load(open(path)) if os.path.exists(path) else None


kz_cpu, py_new, py_base = cpu_runs(), typst_py("typst-py-new.json"), typst_py("typst-py-base.json")
base = env.get("BASE_COMMIT", "base")
if kz_cpu:
    kz_pdf = 1000 * kz_cpu / docs_n
    pages_path = os.path.join(RES, "cpu-kzinvite-pages.txt")
    kz_pages = int(open(pages_path).read().strip() or 0) if os.path.exists(pages_path) else 0
    kz_page = f", {1000 * kz_cpu / kz_pages:.2f} ms per page" if kz_pages else ""
    if py_base:
        ok = kz_pdf <= 25 and py_base["ms_per_pdf"] / kz_pdf >= 2
        rows.append((f"CPU per PDF, {PACKETS} notification packets, --jobs 1",
                     f"{kz_pdf:.1f} ms{kz_page}",
                     f"typst-py on {base}'s sources {py_base['ms_per_pdf']:.1f} ms, {py_base['ms_per_page']:.2f} ms per page",
                     f"{py_base['ms_per_pdf'] / kz_pdf:.1f}×", "≤ 25 ms and ≥ 2×", verdict(ok)))
    if py_new:
        rows.append((f"CPU per PDF, same run, today's sources",
                     f"{kz_pdf:.1f} ms{kz_page}",
                     f"typst-py {py_new['ms_per_pdf']:.1f} ms, {py_new['ms_per_page']:.2f} ms per page",
                     f"{py_new['ms_per_pdf'] / kz_pdf:.1f}×", "> 1×", verdict(py_new["ms_per_pdf"] > kz_pdf)))
big = rss(f"render-{N}-j{CORES}")
if big:
    rows.append((f"render {N} packets = {N * 7} PDFs (all cores)", fmt_s(big[1]),
                 f"{N * 7 / big[1]:.0f} PDFs/s" if big[1] else "", "", "≤ 100 s" if N == 1000 else "",
                 verdict(big[1] <= 100 and big[2] == 0) if N == 1000 else ""))
big1 = rss(f"render-{N}-j1")
if big1:
    rows.append((f"render {N} packets (--jobs 1)", fmt_s(big1[1]), f"{N * 7 / big1[1]:.0f} PDFs/s" if big1[1] else "",
                 "", "", ""))

mem = []
for jobs in (1, CORES):
    for name, what in ((f"validate-{N}-j{jobs}", f"validate {N} manifests"),
                       (f"render-100-j{jobs}", "render 100 packets"),
                       (f"render-{N}-j{jobs}", f"render {N} packets")):
        r = rss(name)
        if r:
            mem.append((what, f"--jobs {jobs}", f"{r[0]:.0f} MiB", fmt_s(r[1]), "ok" if r[2] == 0 else f"exit {r[2]}"))
flat = []
for jobs in (1, CORES):
    small, large = rss(f"render-100-j{jobs}"), rss(f"render-{N}-j{jobs}")
    if small and large:
        flat.append(f"--jobs {jobs}: {small[0]:.0f} → {large[0]:.0f} MiB ({large[0] / small[0]:.2f}×)")

load_start = open(os.path.join(RES, "load-start.txt")).read().strip() if os.path.exists(os.path.join(RES, "load-start.txt")) else "?"
load_end = open(os.path.join(RES, "load-end.txt")).read().strip() if os.path.exists(os.path.join(RES, "load-end.txt")) else "?"
cpu = "?"
for line in open("/proc/cpuinfo"):
    if line.startswith("model name"):
        cpu = line.split(":", 1)[1].strip()
        break
mem_total = "?"
for line in open("/proc/meminfo"):
    if line.startswith("MemTotal"):
        mem_total = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
        break
skipped = os.path.join(RES, "xlsx-skipped.txt")

out = []
out.append(f"Run: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}, "
           f"`scripts/bench-compare {N}` (PACKETS={PACKETS}).\n")
out.append(f"- Machine: {cpu}, {CORES} cores, {mem_total}, {platform.system()} {platform.release()}")
out.append(f"- Load (`uptime`) at start: `{load_start}`")
out.append(f"- Load at end: `{load_end}`")
out.append(f"- Versions: {run(KZ, '--version')}; {run('typst', '--version')}; "
           f"check-jsonschema {run('check-jsonschema', '--version').split()[-1] if run('check-jsonschema', '--version') else '?'}; "
           f"{run('rustc', '--version')}; {run('hyperfine', '--version')}")
out.append(f"- Data: {N} generated manifests (examples/gen_manifests.rs), 20 specialists each, stage "
           f"notification (7 documents per packet), `--today {env['TODAY']}`.")
if os.path.exists(skipped):
    out.append(f"- Excel: {open(skipped).read().strip()}.")
out.append("")
out.append("| comparison | kzinvite | peer | ratio (peer ÷ kzinvite) | target | met |")
out.append("|---|---|---|---|---|---|")
for r in rows:
    out.append("| " + " | ".join(r) + " |")
for py in (py_base, py_new):
    if py:
        split = ", ".join(f"{d} {r['median_ms']:.1f} ms (layout {r['median_layout_ms']:.1f})"
                          for d, r in py["by_document"].items())
        out.append("")
        out.append(f"{py['label']} (typst-py {py['typst_py']}, one warm process, fonts shared): "
                   f"{py['ms_per_pdf']:.1f} ms per PDF, median layout {py['median_layout_ms']:.1f} ms + "
                   f"export {py['median_export_ms']:.1f} ms; by document (medians): {split}.")
out.append("")
out.append("Peak memory (`/usr/bin/time -v`, maximum resident set size):\n")
out.append("| run | jobs | peak RSS | wall time | status |")
out.append("|---|---|---|---|---|")
for m in mem:
    out.append("| " + " | ".join(m) + " |")
if flat:
    out.append("")
    out.append(f"Memory as batches grow (100 → {N} packets): " + "; ".join(flat) + ".")
section = "\n".join(out)
print(section)

path = os.path.join(ROOT, "BENCHMARKS.md")
begin, end = "<!-- bench-compare:begin -->", "<!-- bench-compare:end -->"
text = open(path).read() if os.path.exists(path) else f"# Benchmarks\n\n{begin}\n{end}\n"
if begin not in text:
    text += f"\n{begin}\n{end}\n"
pre, rest = text.split(begin, 1)
post = rest.split(end, 1)[1] if end in rest else ""
with open(path, "w") as f:
    f.write(f"{pre}{begin}\n{section}\n{end}{post}")
print(f"\nwrote {path}")
