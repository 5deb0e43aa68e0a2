#!/usr/bin/env python3
"""Writes a synthetic scenario with N segments for `sensitivity --all` and scaling benchmarks:
every segment with a revenue, dependency, deferred share and recovery (fixed values, a
deterministic sequence), and two links per segment (to i+1 and i+7, shares 0.3 and 0.2: a
strongly connected A* with spectral radius 0.5). With --profile, an outage start and the
`social` profile on every segment (the expensive path: a matrix exponential per step).
Usage: bench/make_segments.py N [--profile] > scenario.toml"""
import sys


def main():
    n = int(sys.argv[1])
    profile = "--profile" in sys.argv[2:]
    out = [
        '[scenario]\nname = "synthetic, %d segments"\ncurrency = "USD"\n' % n,
        '[outage]\n%sduration = "2h"\nseverity = 1.0\n'
        % ("start = 2024-03-05T15:17:00Z\n" if profile else ""),
        '[model]\nkind = "dynamic"\n',
    ]
    for i in range(n):
        out.append(
            '[[segment]]\nid = "s%d"\nrevenue = { per_hour = %g }\ndependency = %.3f\n'
            'deferred = %.3f\nrecovery = "%dm"\n%s'
            % (i, 1e5 * (1 + i % 17), 0.2 + 0.6 * ((i * 7) % 11) / 10, 0.1 + 0.05 * (i % 9),
               10 + (i * 13) % 110, 'profile = "social"\n' if profile else ""))
    for i in range(n):
        for step, share in ((1, 0.3), (7, 0.2)):
            j = (i + step) % n
            if j != i:
                out.append('[[link]]\nsegment = "s%d"\ndepends_on = "s%d"\nshare = %g\n'
                           % (i, j, share))
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
