#!/usr/bin/env python3
"""Writes a large synthetic scenario for end-to-end timings.

  bench/make_large_scenario.py N LINKS KIND PROFILE [SEED] > scenario.toml

N segments; LINKS [[link]] tables per segment (distinct suppliers, shares summing to at most
0.6 per segment, so the spectral radius of A* is below 1), or LINKS = dense for the matrix of
bench_scale and bench/numpy_solve.py (w_ij = ((31 i + 17 j) mod 101) / 100, rows scaled to sum
to 0.5) (6 significant digits) written as a [links] matrix CSV beside the scenario (scenario.toml -> scenario.csv, so
give the output path with -o); KIND static or dynamic; PROFILE flat, or a bundled profile name
(e.g. ecommerce) for every segment, with offsets of whole and half hours. Revenues
$1,000-$101,000 per hour, dependencies 0-1, recovery 15 minutes to 4 hours. Fixed seed.
Options: -o PATH writes the scenario there instead of standard output."""
import random
import sys


def main():
    args = [a for a in sys.argv[1:]]
    output = None
    if "-o" in args:
        k = args.index("-o")
        output = args[k + 1]
        del args[k:k + 2]
    n, links, kind, profile = int(args[0]), args[1], args[2], args[3]
    rng = random.Random(int(args[4]) if len(args) > 4 else 16)
    lines = [
        "[scenario]",
        f'name = "synthetic {n} segments, {links} links each, {kind}, profile {profile}"',
        "[outage]", "start = 2024-03-05T15:20:00Z", 'duration = "2h"', "severity = 1.0",
        "[model]", f'kind = "{kind}"',
    ]
    offsets = ["+00:00", "-05:00", "+05:30", "+09:00", "-03:30"]
    for i in range(n):
        lines += ["[[segment]]", f'id = "s{i}"', f"revenue = {1000 + 100000 * rng.random():.2f}",
                  f"dependency = {rng.random():.4f}",
                  f'recovery = "{15 + int(225 * rng.random())}m"']
        if profile != "flat":
            lines += [f'profile = "{profile}"', f'profile_utc_offset = "{offsets[i % 5]}"']
    if links == "dense":
        if output is None:
            sys.exit("LINKS = dense needs -o PATH (the matrix goes beside it)")
        matrix_path = output.rsplit(".", 1)[0] + ".csv"
        with open(matrix_path, "w") as out:
            out.write("id," + ",".join(f"s{j}" for j in range(n)) + "\n")
            for i in range(n):
                row = [((31 * i + 17 * j) % 101) / 100.0 for j in range(n)]
                total = sum(row)
                out.write(f"s{i}," + ",".join(f"{0.5 * w / total:.6g}" for w in row) + "\n")
        lines += ["[links]", f'matrix = "{matrix_path.rsplit("/", 1)[-1]}"']
    else:
        per_segment = int(links)
        for i in range(n):
            suppliers = rng.sample([j for j in range(n) if j != i] if n <= 64 else
                                   list({rng.randrange(n) for _ in range(3 * per_segment)} - {i}),
                                   per_segment)
            weights = [rng.random() for _ in suppliers]
            scale = 0.6 * rng.random() / sum(weights)
            for j, w in zip(suppliers, weights):
                lines += ["[[link]]", f'segment = "s{i}"', f'depends_on = "s{j}"',
                          f"share = {w * scale:.6f}"]
    text = "\n".join(lines) + "\n"
    if output:
        with open(output, "w") as out:
            out.write(text)
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
