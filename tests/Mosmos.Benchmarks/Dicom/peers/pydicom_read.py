"""Times pydicom over a list of files inside one interpreter (start-up excluded).

usage: /usr/bin/python3 pydicom_read.py MODE LIST_FILE RUNS
MODE: header  dcmread(f, stop_before_pixels=True)
      defer   dcmread(f, defer_size="64 KB"): the whole data set, large values left in the file
      full    dcmread(f) and len(ds.PixelData): every pixel byte read into memory
Prints one JSON object: the pydicom version and the seconds of each timed pass (after one warm-up pass).
"""
import json
import sys
import time

import pydicom
from pydicom import dcmread


def one_pass(mode, paths):
    total = 0
    for path in paths:
        if mode == "header":
            ds = dcmread(path, stop_before_pixels=True)
            total += len(ds)
        elif mode == "defer":
            ds = dcmread(path, defer_size="64 KB")
            total += len(ds)
        else:
            ds = dcmread(path)
            total += len(ds.PixelData)
    return total


def main():
    mode, list_file, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(list_file, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    one_pass(mode, paths)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        one_pass(mode, paths)
        times.append(time.perf_counter() - start)
    print(json.dumps({"version": pydicom.__version__, "seconds": times}))


if __name__ == "__main__":
    main()
