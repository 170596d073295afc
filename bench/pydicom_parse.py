"""Parse benchmark for pydicom: read every file listed (one path a line).

mode 'full'  : dcmread(path) reads every element value into memory, pixel data included (like dcmdump, which loads
               all values by default).
mode 'defer' : dcmread(path, defer_size='1 KB') parses the header and leaves values over 1 KB on disk (read on
               access) -- the closest equivalent of our reader, which keeps bulk values as (offset, length).
Prints 'files=N bytes=B' at the end.
"""
import sys

import pydicom


def main():
    mode, list_path = sys.argv[1], sys.argv[2]
    with open(list_path, encoding="utf-8") as f:
        paths = [line.strip() for line in f if line.strip()]
    files = 0
    elements = 0
    for p in paths:
        if mode == "defer":
            ds = pydicom.dcmread(p, defer_size="1 KB")
        else:
            ds = pydicom.dcmread(p)
        elements += len(ds)
        files += 1
    print(f"files={files} elements={elements}")


if __name__ == "__main__":
    main()
