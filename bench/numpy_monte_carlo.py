#!/usr/bin/python3
"""A vectorised numpy implementation of the default preset's linear Monte Carlo case, for a
side-by-side timing with the CLI (bench/cli_monte_carlo.sh, docs/performance.md).

Same model as `outage-impact estimate meta-2024-03-05` with the duration, recovery times and
link shares fixed (the values below, which bench/cli_monte_carlo.sh passes with --set): the
preset's revenues, dependencies and deferred shares drawn with numpy's own samplers, its two
correlation groups through a Gaussian copula (quantiles by interpolation in tables, as numpy
has no erf or beta quantile), its weekly demand profiles and clock offsets, the dynamic model's
recovery integrated in closed form (eigendecomposition of M = -K (I - A*) and the profile's
hourly weights summed as geometric series). The response matrix is computed once, untimed; each
repetition times the draws and the statistics (mean, p5, p50, p95, standard deviation of every
segment and the total).

Usage: /usr/bin/python3 bench/numpy_monte_carlo.py [DRAWS] [REPETITIONS] [PRESET.toml]
"""
import math
import os
import sys
import time
import tomllib

import numpy as np

LN100 = math.log(100.0)
Z95 = 1.6448536269514722
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
# The fixed structure (bench/cli_monte_carlo.sh passes the same with --set).
DURATION_HOURS = 115 / 60
RECOVERY_HOURS = 1.0
LINK_SHARE = 0.3
START_HOUR_OF_WEEK = 24 + 15 + 17 / 60  # Tuesday 15:17 UTC


def hours(text):
    total = 0.0
    number = ""
    for char in text:
        if char.isdigit() or char == ".":
            number += char
        else:
            total += float(number) * {"h": 1, "m": 1 / 60, "s": 1 / 3600, "d": 24}[char]
            number = ""
    return total


def profile(name):
    weights = np.loadtxt(os.path.join(DATA, "profiles", name + ".csv"), delimiter=",",
                         skiprows=1)[:, 1]
    return weights / weights.mean()


def laplace(weights, rate, hour):
    """Integral over t >= 0 of p(hour + t) exp(rate t), rate < 0 (weekly profile)."""
    first = math.floor(hour)
    rest = 1.0 - (hour - first)
    step = math.exp(rate)
    following = np.roll(weights, -(first + 1) % 168)
    whole = (following * step ** np.arange(168)).sum() / (1.0 - step ** 168)
    return (weights[first % 168] * math.expm1(rate * rest) / rate
            + math.exp(rate * rest) * whole * math.expm1(rate) / rate)


def response_matrix(segments, links):
    """Loss per unit revenue and unit dependency at severity 1 (outage plus recovery)."""
    n = len(segments)
    ids = [s["id"] for s in segments]
    a = np.zeros((n, n))
    for link in links:
        a[ids.index(link["segment"]), ids.index(link["depends_on"])] = LINK_SHARE
    leontief_inverse = np.linalg.inv(np.eye(n) - a)
    rates = LN100 / (RECOVERY_HOURS * (1 - np.diag(a)))
    lam, vectors = np.linalg.eig(-np.diag(rates) @ (np.eye(n) - a))
    lam, vectors = lam.real, vectors.real
    inverse = np.linalg.inv(vectors)
    end = START_HOUR_OF_WEEK + DURATION_HOURS
    rows = []
    for i, segment in enumerate(segments):
        weights = profile(segment["profile"]) if "profile" in segment else np.ones(168)
        offset = hours(segment.get("profile_utc_offset", "+00:00").replace(":", "h")[1:] + "m") \
            if "profile_utc_offset" in segment else 0.0
        if segment.get("profile_utc_offset", "+").startswith("-"):
            offset = -offset
        cumulative = np.concatenate([[0], np.cumsum(np.tile(weights, 2))])
        local = (START_HOUR_OF_WEEK + offset) % 168
        position = lambda x: cumulative[int(x)] + (x - int(x)) * np.tile(weights, 2)[int(x)]
        outage = position(local + DURATION_HOURS) - position(local)
        tail = sum(vectors[i, l] * laplace(weights, lam[l], (end + offset) % 168) * inverse[l]
                   for l in range(n))
        rows.append(outage * leontief_inverse[i] + tail @ leontief_inverse)
    return np.array(rows)


class Tables:
    """Inverse CDFs by interpolation: the standard normal CDF and beta-PERT quantiles."""

    def __init__(self):
        self.z = np.linspace(-8.5, 8.5, 8193)
        self.phi = 0.5 * np.array([math.erfc(-v / math.sqrt(2)) for v in self.z])
        self.beta = {}

    def pert_quantile(self, low, mode, high, u):
        key = (low, mode, high)
        if key not in self.beta:
            a = 1 + 4 * (mode - low) / (high - low)
            b = 1 + 4 * (high - mode) / (high - low)
            x = np.linspace(0, 1, 8193)
            density = x ** (a - 1) * (1 - x) ** (b - 1)
            cdf = np.concatenate([[0], np.cumsum((density[1:] + density[:-1]) / 2)])
            self.beta[key] = (x, cdf / cdf[-1])
        x, cdf = self.beta[key]
        return low + (high - low) * np.interp(u, cdf, x)


def lognormal_parameters(p5, p95):
    return 0.5 * (math.log(p5) + math.log(p95)), (math.log(p95) - math.log(p5)) / (2 * Z95)


def per_hour(revenue):
    (unit, value), = revenue.items()
    return value, {"per_hour": 1.0, "per_day": 1 / 24, "per_year": 1 / 8760}[unit]


def draw(rng, tables, value, n, normals=None, scale=1.0):
    if not isinstance(value, dict):
        return np.full(n, float(value) * scale)
    (kind, args), = value.items()
    if kind == "pert":
        low, mode, high = args
        if normals is not None:
            return tables.pert_quantile(low, mode, high, np.interp(normals, tables.z, tables.phi))
        width = high - low
        return low + width * rng.beta(1 + 4 * (mode - low) / width, 1 + 4 * (high - mode) / width,
                                      n)
    if kind == "lognormal":
        mu, sigma = lognormal_parameters(*args)
        z = normals if normals is not None else rng.standard_normal(n)
        return np.exp(mu + sigma * z) * scale
    if kind == "triangular":
        return rng.triangular(*args, n) * scale
    raise ValueError(kind)


def correlated_normals(rng, groups, n):
    """Per input name, its normals: each group's through its Cholesky factor."""
    normals = {}
    for group in groups:
        size = len(group["inputs"])
        rho = 2 * math.sin(math.pi * group["rho"] / 6)
        matrix = np.full((size, size), rho) + (1 - rho) * np.eye(size)
        values = np.linalg.cholesky(matrix) @ rng.standard_normal((size, n))
        for name, row in zip(group["inputs"], values):
            normals[name] = row
    return normals


def run(n, rng, tables, scenario, response):
    segments = scenario["segment"]
    normals = correlated_normals(rng, scenario.get("correlation", []), n)
    revenue, dependency, deferred = [], [], []
    for s in segments:
        value, scale = per_hour(s["revenue"])
        revenue.append(draw(rng, tables, value, n, normals.get(f"segment.{s['id']}.revenue"),
                            scale))
        dependency.append(draw(rng, tables, s["dependency"], n,
                               normals.get(f"segment.{s['id']}.dependency")))
        deferred.append(draw(rng, tables, s["deferred"], n,
                             normals.get(f"segment.{s['id']}.deferred")))
    revenue, dependency, deferred = np.array(revenue), np.array(dependency), np.array(deferred)
    net = (1 - deferred) * revenue * (response @ dependency)
    columns = np.vstack([net, net.sum(axis=0)])
    return (columns.mean(axis=1), np.percentile(columns, [5, 50, 95], axis=1),
            columns.std(axis=1, ddof=1))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    repetitions = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    path = sys.argv[3] if len(sys.argv) > 3 else os.path.join(DATA, "presets",
                                                              "meta-2024-03-05.toml")
    with open(path, "rb") as file:
        scenario = tomllib.load(file)
    response = response_matrix(scenario["segment"], scenario.get("link", []))
    tables = Tables()
    run(1000, np.random.default_rng(0), tables, scenario, response)  # builds the tables, untimed
    seconds = []
    for r in range(repetitions):
        rng = np.random.default_rng(r)
        start = time.perf_counter()
        mean, percentiles, _ = run(n, rng, tables, scenario, response)
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    print(f"numpy   draws={n} median={seconds[len(seconds) // 2]:.3f}s min={seconds[0]:.3f}s "
          f"max={seconds[-1]:.3f}s total mean={mean[-1]:.6g} p5={percentiles[0][-1]:.6g} "
          f"p50={percentiles[1][-1]:.6g} p95={percentiles[2][-1]:.6g} (numpy {np.__version__})")


if __name__ == "__main__":
    main()
