#!/usr/bin/env python3
"""Checks ONNX files written by AugNet's OnnxExport with the reference checker (onnx.checker, full_check=True,
which also runs shape inference) and prints each file's IR version, opsets, inputs, outputs and op counts.
Not part of CI (CI has no Python); run by hand:  /usr/bin/python3 check_onnx.py model.onnx [more.onnx ...]"""
import collections
import sys

import onnx


def dims(value_info):
    return [d.dim_param or d.dim_value for d in value_info.type.tensor_type.shape.dim]


def main(paths):
    failed = 0
    for path in paths:
        try:
            model = onnx.load(path)
            onnx.checker.check_model(model, full_check=True)
        except Exception as e:  # report every file, then fail
            print(f"{path}: FAILED: {e}")
            failed += 1
            continue
        g = model.graph
        opsets = ", ".join(f"{o.domain or 'ai.onnx'} {o.version}" for o in model.opset_import)
        print(f"{path}: OK (onnx {onnx.__version__} checker, full_check)")
        print(f"  ir_version {model.ir_version}; opset {opsets}; producer {model.producer_name} {model.producer_version}; graph '{g.name}'")
        for i in g.input:
            print(f"  input  {i.name} {dims(i)}")
        for o in g.output:
            print(f"  output {o.name} {dims(o)}")
        ops = collections.Counter(n.op_type for n in g.node)
        print(f"  {len(g.node)} nodes: " + ", ".join(f"{k}×{v}" for k, v in ops.items()))
        print(f"  {len(g.initializer)} initializers")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
