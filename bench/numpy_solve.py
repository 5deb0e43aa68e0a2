#!/usr/bin/python3
"""numpy's linalg.solve on the synthetic matrix of bench_scale (docs/performance.md):
w_ij = ((31 i + 17 j) mod 101) / 100, rows scaled to sum to 0.5, d_i = ((7 i) mod 10) / 10;
solves (I - A*) q = d, the core of the static estimate.
Usage: /usr/bin/python3 bench/numpy_solve.py [N] [REPETITIONS]"""
import sys
import time

import numpy as np


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 4000
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    i = np.arange(n).reshape(-1, 1)
    j = np.arange(n).reshape(1, -1)
    a = ((31 * i + 17 * j) % 101) / 100.0
    a *= 0.5 / a.sum(axis=1, keepdims=True)
    d = ((7 * np.arange(n)) % 10) / 10.0
    identity = np.eye(n)
    seconds = []
    for _ in range(repetitions):
        start = time.perf_counter()
        q = np.linalg.solve(identity - a, d)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    loss = (1000.0 * q * 2.0).sum()
    print(f"numpy solve n={n} median={seconds[len(seconds) // 2]:.4f}s min={seconds[0]:.4f}s "
          f"max={seconds[-1]:.4f}s (static total {loss:.10g}; numpy {np.__version__})")


if __name__ == "__main__":
    main()
