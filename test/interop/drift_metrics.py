"""Drift metrics computed with scipy on the samples the TypeScript test sends (JSON on stdin)."""
import json
import sys

import numpy as np
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr
from scipy.stats import ks_2samp, wasserstein_distance

FLOOR = 1e-4


def proportions(values, edges):
    counts = np.bincount(np.searchsorted(edges, values, side="left"), minlength=len(edges) + 1)
    return counts / counts.sum()


def main():
    cases = json.load(sys.stdin)
    out = []
    for case in cases:
        a = np.asarray(case["reference"], dtype=float)
        b = np.asarray(case["current"], dtype=float)
        edges = np.asarray(case["edges"], dtype=float)
        p = proportions(a, edges)
        q = proportions(b, edges)
        pf, qf = np.maximum(p, FLOOR), np.maximum(q, FLOOR)
        out.append(
            {
                "ks": float(ks_2samp(a, b).statistic),
                "wasserstein": float(wasserstein_distance(a, b)),
                "psi": float(np.sum(rel_entr(qf, pf) + rel_entr(pf, qf))),
                "js": float(jensenshannon(p, q, base=2)),
            }
        )
    json.dump(out, sys.stdout)


main()
