#!/usr/bin/python3
"""Compares two posterior files byte for byte (every dataset and attribute outside /provenance,
which records the command line, threads and wall time). Exit 1 and the differing paths if any
differ. Used by mpi_equality.cmake: `mpirun -n 2 govsim calibrate` against one process."""
import sys, h5py, numpy as np
def items(path):
    out = {}
    with h5py.File(path) as f:
        for k, v in f.attrs.items(): out["@" + k] = np.asarray(v).tobytes()
        def visit(name, obj):
            if name.startswith("provenance"): return
            if isinstance(obj, h5py.Dataset): out[name] = obj[()].tobytes() if obj.dtype.kind != "O" else repr(obj[()]).encode()
            for k, v in obj.attrs.items(): out[name + "@" + k] = np.asarray(v).tobytes()
        f.visititems(visit)
    return out
a, b = items(sys.argv[1]), items(sys.argv[2])
diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
print(f"{len(a)} datasets/attributes compared; differ: {diff}")
sys.exit(1 if diff else 0)
