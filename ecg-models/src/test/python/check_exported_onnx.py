#!/usr/bin/python3
"""Validates ONNX files written by the Java exporter with the reference onnx.checker.

Not part of the Maven build. After `mvn -pl ecg-models -am verify` (ArchitectureExportTest
writes ecg-models/target/exported-onnx/*.onnx), run from the repository root:
    /usr/bin/python3 ecg-models/src/test/python/check_exported_onnx.py ecg-models/target/exported-onnx
"""
import glob
import os
import sys

import onnx
from onnx import shape_inference


def main(folder):
    files = sorted(glob.glob(os.path.join(folder, "*.onnx")))
    if not files:
        print("no .onnx files in", folder)
        return 1
    failed = 0
    for f in files:
        try:
            m = onnx.load(f)
            onnx.checker.check_model(m, full_check=True)
            inferred = shape_inference.infer_shapes(m, strict_mode=True)
            out = inferred.graph.output[0].type.tensor_type.shape.dim
            dims = [d.dim_param or d.dim_value for d in out]
            ops = sorted({n.op_type for n in m.graph.node})
            print("OK  ", os.path.basename(f), "opset", m.opset_import[0].version, "ir",
                  m.ir_version, "output", dims, "ops", ",".join(ops))
        except Exception as e:  # report every file, then fail
            failed += 1
            print("FAIL", os.path.basename(f), type(e).__name__, e)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "ecg-models/target/exported-onnx"))
