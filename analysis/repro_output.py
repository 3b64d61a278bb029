#!/usr/bin/python3
"""Where the paper_repro scripts write their figures and JSON.

Default: a directory outside the source tree, `$GOVSIM_REPRO_OUT` or `$TMPDIR/govsim-repro`
(usually /tmp/govsim-repro), so a casual run never dirties the git tree. `--out DIR` picks any
directory. `--refresh-committed` writes to paper_repro/output/, the committed outputs, and is
refused together with `--small` (a smoke run must never replace the published-scale figures).
"""
import os
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMITTED = os.path.join(ROOT, "paper_repro", "output")


def default_dir():
    return os.environ.get("GOVSIM_REPRO_OUT") or os.path.join(tempfile.gettempdir(), "govsim-repro")


def add_arguments(ap):
    ap.add_argument("--out", default=None,
                    help=f"directory for the figure and JSON (default: $GOVSIM_REPRO_OUT or {default_dir()}, "
                         "outside the source tree)")
    ap.add_argument("--refresh-committed", action="store_true",
                    help="write to paper_repro/output/ (the committed outputs) instead; not with --small")


def resolve(ap, args):
    """The output directory for parsed `args` (created); exits with a usage error on a bad combination."""
    if args.refresh_committed:
        if getattr(args, "small", False):
            ap.error("--refresh-committed with --small: the committed outputs are full-scale runs")
        if args.out and os.path.abspath(args.out) != COMMITTED:
            ap.error("--refresh-committed writes to paper_repro/output/; leave out --out")
        out = COMMITTED
    else:
        out = args.out or default_dir()
    os.makedirs(out, exist_ok=True)
    return out


def scale_label(fraction):
    """'full scale' or e.g. '1/10 scale' / '2 % scale' for a population fraction."""
    if abs(fraction - 1.0) < 1e-9:
        return "full scale"
    inv = 1.0 / fraction
    if abs(inv - round(inv)) < 1e-6:
        return f"1/{round(inv)} scale"
    return f"{100 * fraction:.3g} % scale"
