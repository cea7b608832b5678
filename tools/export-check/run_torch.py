"""Test driver: loads exports' model.py + model.safetensors in PyTorch and prints their outputs.

stdin: a JSON list of jobs {"dir": EXPORT_DIR, "input": FILE, "batch": N}, FILE holding N examples
in the export's input layout (NCHW for images) as raw little-endian float32.
stdout: a JSON list of {"features": [...], "embeddings": [...] (with a head), "parameters": n}.
One process runs every job, so torch is imported once per test file (see index.js).
"""
import importlib.util
import json
import os
import sys

import numpy as np
import torch

results = []
for index, job in enumerate(json.load(sys.stdin)):
    spec = importlib.util.spec_from_file_location(f"exported_model_{index}", os.path.join(job["dir"], "model.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    model = module.load_model(job["dir"])
    x = torch.from_numpy(np.fromfile(job["input"], dtype="<f4").reshape([job["batch"], *module.INPUT_SHAPE]))
    with torch.no_grad():
        result = {"features": model.features(x).flatten().tolist(), "parameters": sum(p.numel() for p in model.parameters())}
        if hasattr(model, "head"):
            result["embeddings"] = model(x).flatten().tolist()
    results.append(result)
print(json.dumps(results))
