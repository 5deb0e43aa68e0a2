#!/usr/bin/python3
"""A vectorised numpy implementation of the default preset's linear Monte Carlo case, for a
side-by-side timing with bench_monte_carlo (docs/performance.md). Same model, same
distributions (numpy's own samplers), structure fixed as in the C++ benchmark:
duration 2h, recovery 30m / 1h / 1h / 4h, link share 0.9, flat profiles, dynamic model.

Usage: /usr/bin/python3 bench/numpy_monte_carlo.py [DRAWS] [REPETITIONS]
"""
import sys
import time

import numpy as np

LN100 = np.log(100.0)
Z95 = 1.6448536269514722


def pert(rng, low, mode, high, n):
    width = high - low
    alpha = 1 + 4 * (mode - low) / width
    beta = 1 + 4 * (high - mode) / width
    return low + width * rng.beta(alpha, beta, n)


def lognormal(rng, p5, p95, n):
    mu = 0.5 * (np.log(p5) + np.log(p95))
    sigma = (np.log(p95) - np.log(p5)) / (2 * Z95)
    return rng.lognormal(mu, sigma, n)


def response_matrix():
    """Loss per unit revenue and unit dependency: outage D plus recovery to infinity."""
    a = np.zeros((4, 4))
    a[3, 2] = 0.9
    tau = np.array([0.5, 1.0, 1.0, 4.0])
    k = LN100 / (tau * (1 - np.diag(a)))
    leontief = np.eye(4) - a
    unit = np.linalg.inv(leontief)  # column j: equilibrium for d = e_j
    tail = np.linalg.solve(np.diag(k) @ leontief, unit)
    return 2.0 * unit + tail


def run(n, rng, response):
    severity = pert(rng, 0.7, 0.9, 1.0, n)
    revenue = np.stack([
        rng.triangular(15.06e6, 16.32e6, 17.53e6, n),
        rng.triangular(32.6e6, 49.0e6, 65.3e6, n),
        lognormal(rng, 1.0e11, 3.5e11, n) / 8760.0,
        lognormal(rng, 1.0e6, 5.0e6, n),
    ])
    dependency = np.stack([
        pert(rng, 0.85, 0.95, 1.0, n), pert(rng, 0.3, 0.5, 0.8, n),
        pert(rng, 0.3, 0.6, 0.9, n), np.zeros(n)])
    deferred = np.stack([
        pert(rng, 0.3, 0.6, 0.9, n), pert(rng, 0.4, 0.6, 0.8, n),
        pert(rng, 0.3, 0.5, 0.8, n), pert(rng, 0.3, 0.5, 0.8, n)])
    net = (1 - deferred) * revenue * (response @ dependency) * severity
    total = net.sum(axis=0)
    columns = np.vstack([net, total])
    return (columns.mean(axis=1), np.percentile(columns, [5, 50, 95], axis=1),
            columns.std(axis=1, ddof=1))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    response = response_matrix()
    seconds = []
    for r in range(repetitions):
        rng = np.random.default_rng(r)
        start = time.perf_counter()
        mean, percentiles, _ = run(n, rng, response)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    print(f"numpy   draws={n} median={seconds[len(seconds) // 2]:.3f}s min={seconds[0]:.3f}s "
          f"max={seconds[-1]:.3f}s total mean={mean[-1]:.6g} p5={percentiles[0][-1]:.6g} "
          f"p95={percentiles[2][-1]:.6g} (numpy {np.__version__})")


if __name__ == "__main__":
    main()
