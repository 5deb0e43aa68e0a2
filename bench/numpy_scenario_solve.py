#!/usr/bin/python3
"""numpy's linalg.solve of the static system of a scenario written by
bench/make_large_scenario.py ([[link]] tables or a [links] matrix CSV): (I - A*) q = d, the
core of the static estimate, timed alone (reading the file is not timed).
Usage: /usr/bin/python3 bench/numpy_scenario_solve.py SCENARIO.toml [REPETITIONS]"""
import os
import sys
import time
import tomllib

import numpy as np


def main():
    path = sys.argv[1]
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with open(path, "rb") as source:
        scenario = tomllib.load(source)
    ids = [segment["id"] for segment in scenario["segment"]]
    index = {name: k for k, name in enumerate(ids)}
    n = len(ids)
    d = np.array([segment["dependency"] for segment in scenario["segment"]], dtype=float)
    a = np.zeros((n, n))
    for link in scenario.get("link", []):
        a[index[link["segment"]], index[link["depends_on"]]] = link["share"]
    if "links" in scenario:
        matrix = os.path.join(os.path.dirname(path), scenario["links"]["matrix"])
        a = np.loadtxt(matrix, delimiter=",", skiprows=1, usecols=range(1, n + 1))
    identity = np.eye(n)
    seconds = []
    for _ in range(repetitions):
        start = time.perf_counter()
        q = np.linalg.solve(identity - a, d)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    print(f"numpy solve n={n} median={seconds[len(seconds) // 2]:.4f}s min={seconds[0]:.4f}s "
          f"max={seconds[-1]:.4f}s (sum q {q.sum():.10g}; numpy {np.__version__})")


if __name__ == "__main__":
    main()
