#!/usr/bin/python3
"""Generate docs/models/<model>_odd.md: each model described in the ODD protocol (Overview, Design
concepts, Details; Grimm et al. 2006, 2020), with every part that can drift generated.

    /usr/bin/python3 analysis/make_odd_docs.py            # rewrite docs/models/*_odd.md
    /usr/bin/python3 analysis/make_odd_docs.py --check    # exit 1 if a committed page is out of date

The prose (purpose, entities, process overview, design concepts, submodels) is in
docs/models/templates/<model>_odd.md.in. These placeholders are filled from the declarations:
  {{PARAMETERS}}  the model's parameter table, from `govsim params --model MODEL --markdown`
  {{OUTPUTS}}     every daily and monthly series and summary scalar the model declares (name, unit,
                  groups, monthly aggregation, description), read from a tiny run of SCENARIO
  {{TARGETS}}     the published patterns of paper_repro/targets/<case>.toml files whose scenarios
                  use the model
A test runs --check, so a parameter or series added or changed without regenerating fails CI.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import govsim_results  # noqa: E402
import targets as targets_mod  # noqa: E402

TEMPLATES = os.path.join(ROOT, "docs", "models", "templates")
OUT_DIR = os.path.join(ROOT, "docs", "models")
# A small run of each model, only to read its declared outputs (values are not used).
SAMPLE_RUNS = {
    "reference": ("scenarios/quickstart.toml", ["population.residents=1000"]),
    "jiaxing": ("scenarios/jiaxing_weijiayuan_tenth.toml",
                ["population.residents=2000", "population.officials=2", "population.firms=20"]),
    "collab": ("scenarios/typology_IV.toml", ["population.residents=2000", "calendar.end=2021-03-31"]),
    "health_code": ("scenarios/health_code_china.toml", ["population.scale=0.00002"]),
    "zhejiang": ("scenarios/zhejiang_five_colour_small.toml", ["population.scale=0.0005"]),
}


def parameters_section(govsim, model):
    text = subprocess.run([govsim, "params", "--model", model, "--markdown"], check=True, capture_output=True,
                          text=True).stdout
    parts = re.split(r"(?m)^(?=## \[)", text)
    keep = [p.rstrip() for p in parts if p.startswith(f"## [{model}")]
    body = "\n\n".join(keep).replace(f"## [{model}", f"### [{model}")
    return (f"Generated from the parameter declarations (`govsim params --model {model} --markdown`). "
            "The engine's own sections (`[run]`, `[calendar]`, `[crisis]`, `[population]`, `[network]`, "
            "`[output]`) apply to every model and are listed in [the parameter reference](../parameters.md).\n\n"
            + body)


def outputs_section(govsim, model):
    scenario, sets = SAMPLE_RUNS[model]
    with tempfile.TemporaryDirectory(prefix="govsim-odd-") as tmp:
        out = os.path.join(tmp, "sample.h5")
        cmd = [govsim, "run", os.path.join(ROOT, scenario), "-q", "-o", out, "--threads", "1"]
        for s in sets:
            cmd += ["--set", s]
        subprocess.run(cmd, check=True, capture_output=True, text=True)
        r = govsim_results.load(out)
        import h5py
        with h5py.File(out, "r") as f:
            scalars = {k: {a: govsim_results._text(v) for a, v in d.attrs.items()} for k, d in f["summary/scalars"].items()}
    lines = ["Generated from the series and scalars the model declares (read from a small run of "
             f"`{scenario}`; layout in [results_layout.md](../results_layout.md)).", "",
             "| series | daily | monthly | unit | groups | monthly value | meaning |", "|---|---|---|---|---|---|---|"]
    for name in sorted(set(r.daily) | set(r.monthly)):
        a = r.attrs(name)
        groups = (a.get("group_by", "") + ": " + a.get("groups", "").replace(",", ", ")) if a.get("groups") else ""
        lines.append(f"| `{name}` | {'yes' if name in r.daily else ''} | {'yes' if name in r.monthly else ''} | "
                     f"{a.get('unit', '')} | {groups} | {a.get('monthly_aggregation', '')} | {a.get('description', '')} |")
    lines += ["", "Summary scalars (one value per run, `/summary/scalars`):", "",
              "| scalar | unit | meaning |", "|---|---|---|"]
    for name in sorted(scalars):
        a = scalars[name]
        lines.append(f"| `{name}` | {a.get('unit', '')} | {a.get('description', '')} |")
    return "\n".join(lines)


def targets_section(model):
    rows = []
    for case in targets_mod.cases():
        t = targets_mod.load(case)
        models = set()
        for sc in t.scenarios:
            path = os.path.join(ROOT, "scenarios", sc)
            if os.path.exists(path):
                import tomllib
                with open(path, "rb") as f:
                    models.add(tomllib.load(f).get("run", {}).get("model", "reference"))
        if model not in models:
            continue
        rows.append(f"From `paper_repro/targets/{case}.toml` ({t.title}); each with its Chinese source "
                    "passage, English gloss and the reasoning behind its tolerance in that file:\n")
        rows.append("| id | published | tolerance | what | simulated as |")
        rows.append("|---|---|---|---|---|")
        for x in t:
            m = x.get("maps_to", {})
            if "series" in m:
                sim = f"`{m['series']}` in {m['month']}"
            elif "ratio" in m:
                sim = f"`{m['ratio'][0]}` / `{m['ratio'][1]}`"
            elif "reduction" in m:
                sim = f"1 - `{m['reduction'][0]}` / `{m['reduction'][1]}`"
            elif "scalar" in m:
                sim = f"`{m['scalar']}`" + (" scaled to the city" if m.get("scale") == "population" else "")
            else:
                sim = "not simulated"
            rows.append(f"| `{x['id']}` | {targets_mod.published_text(x)} | {targets_mod.tolerance_text(x)} | "
                        f"{x['label']} | {sim} |")
    if not rows:
        return ("No published figures of this model are stored as targets yet (`paper_repro/targets/`); see the "
                "model's own documentation for the patterns it is checked against.")
    return "\n".join(rows)


def render(govsim, model):
    with open(os.path.join(TEMPLATES, f"{model}_odd.md.in"), encoding="utf-8") as f:
        text = f.read()
    note = (f"<!-- Generated by analysis/make_odd_docs.py from docs/models/templates/{model}_odd.md.in and the "
            "model's declarations; edit the template, not this file (a test checks it is current). -->\n")
    for key, fn in (("{{PARAMETERS}}", lambda: parameters_section(govsim, model)),
                    ("{{OUTPUTS}}", lambda: outputs_section(govsim, model)),
                    ("{{TARGETS}}", lambda: targets_section(model))):
        if key in text:
            text = text.replace(key, fn())
    return note + text


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--govsim", default=os.path.join(ROOT, "build", "govsim"))
    ap.add_argument("--check", action="store_true", help="compare with the committed pages; exit 1 if one differs")
    ap.add_argument("models", nargs="*", help="models (default: every template)")
    args = ap.parse_args(argv[1:])
    models = args.models or sorted(f[:-len("_odd.md.in")] for f in os.listdir(TEMPLATES) if f.endswith("_odd.md.in"))
    stale = []
    for m in models:
        text = render(args.govsim, m)
        path = os.path.join(OUT_DIR, f"{m}_odd.md")
        if args.check:
            old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
            if old != text:
                stale.append(path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            print(f"wrote {os.path.relpath(path, ROOT)}")
    if stale:
        print("out of date (run /usr/bin/python3 analysis/make_odd_docs.py): " + ", ".join(
            os.path.relpath(p, ROOT) for p in stale), file=sys.stderr)
        return 1
    if args.check:
        print(f"ODD pages current: {', '.join(models)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
