#!/usr/bin/python3
"""One self-contained HTML page about a result file: the scenario, the key figures against the
published values, the main series as figures, and the provenance. Figures are PNGs embedded as
base64 data URIs; the page fetches nothing from the network (no scripts, fonts or style sheets).

    /usr/bin/python3 analysis/report.py RESULT.h5 -o report.html     (or: govsim report RESULT.h5 -o report.html)

Main series: those the case's published figures refer to (paper_repro/targets/<case>.toml), then
the model's monthly series, at most --max-figures figures in all.
"""
import argparse
import base64
import html
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import matplotlib  # noqa: E402
matplotlib.use("Agg")

import govsim_results  # noqa: E402
import plot_result  # noqa: E402
import targets as targets_mod  # noqa: E402

CSS = """
body { font-family: sans-serif; max-width: 64em; margin: 2em auto; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.2em; border-bottom: 1px solid #ccc; margin-top: 2em; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1a7f37; font-weight: bold; } .bad { color: #c62828; font-weight: bold; }
pre { background: #f6f8fa; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
figure { margin: 1em 0; } figure img { max-width: 100%; border: 1px solid #eee; }
figcaption { font-size: 0.85em; color: #555; }
"""


def png_data_uri(path):
    with open(path, "rb") as f:
        return "data:image/png;base64," + base64.b64encode(f.read()).decode("ascii")


def esc(x):
    return html.escape(str(x))


def key_figures_table(result, t):
    if t is None:
        return "<p>No published figures are stored for this scenario (<code>paper_repro/targets/</code>).</p>"
    rows = []
    n_ok = n = 0
    for x, sim, ok in targets_mod.comparison_rows(t, result):
        avail = sim == sim
        n += avail
        n_ok += ok
        verdict = ('<span class="ok">within</span>' if ok else '<span class="bad">outside</span>') if avail else "not in this result"
        rows.append(f"<tr><td>{esc(x['label'])}</td><td class='num'>{esc(targets_mod.published_text(x))}</td>"
                    f"<td class='num'>{esc(targets_mod.format_value(x, sim))}</td><td>{esc(targets_mod.tolerance_text(x))}</td>"
                    f"<td>{verdict}</td><td><code>{esc(x['id'])}</code></td></tr>")
    return (f"<p>{esc(t.title)}: {n_ok} of {n} published figures within tolerance in this single run "
            f"(targets: <code>{esc(os.path.relpath(t.path, targets_mod.ROOT))}</code>; "
            "<code>paper_repro/</code> compares replicate means).</p>"
            "<table><tr><th>published figure</th><th>published</th><th>simulated</th><th>tolerance</th>"
            "<th>verdict</th><th>id</th></tr>" + "".join(rows) + "</table>")


def figures(path, result, t, workdir, max_figures):
    names = []
    if t is not None:
        names += [s for s in dict.fromkeys(x.get("maps_to", {}).get("series") for x in t) if s and s in result.monthly]
    names += [s for s in sorted(result.monthly) if s not in names]
    out = []
    for i, name in enumerate(names[:max_figures]):
        png = os.path.join(workdir, f"fig{i}.png")
        plot_result.plot_file(path, [name], png, monthly_first=True, title=f"{name}")
        desc = result.attrs(name).get("description", "")
        out.append((name, desc, png))
    return out


def provenance_table(result):
    p = dict(result.provenance)
    p.pop("scenario_source", None)
    p.pop("scenario_resolved", None)
    rows = [("model", result.file_attrs.get("model")), ("residents", result.file_attrs.get("num_residents")),
            ("govsim version", result.file_attrs.get("govsim_version")), ("git commit", result.file_attrs.get("git_commit"))]
    rows += sorted(p.items())
    return "<table>" + "".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in rows) + "</table>"


def build_report(path, out, max_figures=6):
    import tempfile
    result = govsim_results.load(path)
    t = targets_mod.for_result(result)
    p = result.provenance
    title = f"govsim report: {os.path.basename(path)}"
    with tempfile.TemporaryDirectory(prefix="govsim-report-") as work:
        figs = figures(path, result, t, work, max_figures)
        fig_html = "".join(
            f"<figure><img alt='{esc(n)}' src='{png_data_uri(png)}'><figcaption><code>{esc(n)}</code>"
            f"{': ' + esc(d) if d else ''}. Grey: mid-crisis phase; light blue: post-crisis; black squares: "
            "published values with their tolerance.</figcaption></figure>" for n, d, png in figs)
    months = result.months
    parts = [
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{esc(title)}</h1>",
        f"<p>Model <b>{esc(result.file_attrs.get('model'))}</b>, {int(result.file_attrs.get('num_residents', 0)):,} "
        f"residents, {esc(result.dates[0])} to {esc(result.dates[-1])} ({len(result.dates)} days, {len(months)} months), "
        f"seed {esc(p.get('seed'))}, run index {esc(p.get('run_index'))}.</p>",
        "<h2 id='key-figures'>Key figures against the published values</h2>", key_figures_table(result, t),
        "<h2 id='series'>Main series</h2>", fig_html or "<p>No monthly series.</p>",
        "<h2 id='scenario'>Scenario</h2>",
        f"<p>File <code>{esc(p.get('scenario_path'))}</code> as read:</p><pre>{esc(p.get('scenario_source', ''))}</pre>",
        "<details><summary>Every parameter with its final value (defaults and <code>--set</code> applied)</summary>"
        f"<pre>{esc(p.get('scenario_resolved', ''))}</pre></details>",
        "<h2 id='provenance'>Provenance</h2>", provenance_table(result),
        "<p style='font-size:0.8em;color:#777'>Written by analysis/report.py; self-contained (no network access).</p>",
        "</body></html>",
    ]
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write("\n".join(parts))
    os.replace(tmp, out)
    return out, len(figs)


def main(argv):
    ap = argparse.ArgumentParser(prog="report.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("file", help="result file of govsim run")
    ap.add_argument("-o", "--out", help="HTML file (default: <file name>.html here)")
    ap.add_argument("--max-figures", type=int, default=6)
    args = ap.parse_args(argv[1:])
    out = args.out or os.path.splitext(os.path.basename(args.file))[0] + ".html"
    try:
        out, n = build_report(args.file, out, args.max_figures)
    except (OSError, ValueError, KeyError) as e:
        print(f"report: error: {args.file}: {e}", file=sys.stderr)
        return 1
    print(f"wrote {out} ({n} figures)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
