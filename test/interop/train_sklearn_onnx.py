"""Trains a small scikit-learn classifier, converts it with skl2onnx (ZipMap off, so the
probabilities come out as one [N, classes] tensor), and writes the model plus the rows and
what scikit-learn itself predicts for them, for the replay interop test.

usage: python train_sklearn_onnx.py OUT_DIR
"""
import json
import sys
from pathlib import Path

import numpy as np
from skl2onnx import to_onnx
from sklearn.linear_model import LogisticRegression

FEATURES = ["age", "bmi", "crp", "wbc"]

out = Path(sys.argv[1])
rng = np.random.default_rng(7)
X = rng.normal(size=(400, len(FEATURES)))
y = (X @ np.array([1.2, -0.7, 2.0, 0.4]) + rng.normal(scale=0.5, size=400) > 0).astype(np.int64)
model = LogisticRegression().fit(X, y)

onx = to_onnx(model, X[:1].astype(np.float32), options={id(model): {"zipmap": False}}, target_opset=15)
(out / "model.onnx").write_bytes(onx.SerializeToString())

rows = rng.normal(size=(25, len(FEATURES))).astype(np.float32)
proba = model.predict_proba(rows.astype(np.float64))
labels = model.predict(rows.astype(np.float64))
expected = [
    {"inputs": dict(zip(FEATURES, map(float, row))), "label": str(int(label)), "score": float(p[-1])}
    for row, label, p in zip(rows, labels, proba)
]
(out / "expected.json").write_text(json.dumps({"features": FEATURES, "rows": expected}))
