#!/usr/bin/env python3
"""An independent reader of the safetensors layout, written from the format's specification
(huggingface/safetensors README), with numpy only. Used to check that tikhonov's model files
are plain safetensors that Python code reads without tikhonov.

Usage: read_safetensors.py FILE   prints one JSON object: metadata and, per tensor, its dtype,
shape, float64 sum and first value.
"""
import json
import struct
import sys
import zlib

import numpy as np

DTYPES = {"F32": "<f4", "F64": "<f8", "I32": "<i4", "I64": "<i8", "F16": "<f2", "U8": "u1"}


def read(path):
    with open(path, "rb") as f:
        blob = f.read()
    (n,) = struct.unpack("<Q", blob[:8])
    # The reference implementation caps the header at 100 MB and requires it to start with '{'.
    assert n <= 100_000_000, "header too large"
    header_bytes = blob[8:8 + n]
    assert header_bytes[:1] == b"{", "header must start with '{'"
    header = json.loads(header_bytes.decode("utf-8"))
    metadata = header.pop("__metadata__", {})
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in metadata.items())
    data = blob[8 + n:]
    tensors = {}
    end = 0
    for name, info in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"]):
        begin, stop = info["data_offsets"]
        assert begin == end, f"{name}: not contiguous"
        dtype = np.dtype(DTYPES[info["dtype"]])
        count = int(np.prod(info["shape"], dtype=np.int64))
        assert stop - begin == count * dtype.itemsize, f"{name}: size mismatch"
        tensors[name] = np.frombuffer(data[begin:stop], dtype=dtype).reshape(info["shape"])
        end = stop
    assert end == len(data), "data section not fully covered"
    # tikhonov's files record zlib's CRC-32 of the data section (absent in older files)
    if "data_crc32" in metadata:
        assert format(zlib.crc32(data), "08x") == metadata["data_crc32"], "data_crc32 differs"
    # and of their header's entries (absent in files written before 2026-12-07)
    if "header_crc32" in metadata:
        assert header_crc32(metadata, header) == metadata["header_crc32"], "header_crc32 differs"
    return metadata, tensors


def header_crc32(metadata, tensors):
    """zlib's CRC-32 of the header's canonical form, as docs/model-files.md defines it."""
    def s(x):
        b = x.encode("utf-8")
        return str(len(b)).encode("ascii") + b":" + b

    def utf8(k):
        return k.encode("utf-8")

    out = b""
    for k in sorted(metadata, key=utf8):
        if k not in ("data_crc32", "header_crc32"):
            out += s("m") + s(k) + s(metadata[k])
    for name in sorted(tensors, key=utf8):
        t = tensors[name]
        out += (s("t") + s(name) + s(t["dtype"]) + s(",".join(str(d) for d in t["shape"]))
                + s("%d,%d" % tuple(t["data_offsets"])))
    return format(zlib.crc32(out), "08x")


if __name__ == "__main__":
    metadata, tensors = read(sys.argv[1])
    print(json.dumps({
        "metadata": metadata,
        "tensors": {
            name: {"dtype": str(t.dtype), "shape": list(t.shape),
                   "sum": float(t.astype(np.float64).sum()), "first": float(t.flat[0])}
            for name, t in tensors.items()
        },
    }))
