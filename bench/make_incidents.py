#!/usr/bin/env python3
"""Writes a synthetic incident log for `batch` benchmarks: id,duration,start,severity.
Durations are whole minutes from 1 to 480, starts every minute of March 2024, severities
0.05-1.00 in steps of 0.05 (a deterministic sequence, no randomness).
Usage: bench/make_incidents.py COUNT > incidents.csv"""
import sys


def main():
    count = int(sys.argv[1])
    out = sys.stdout
    out.write("id,duration,start,severity\n")
    lines = []
    for i in range(count):
        minutes = 1 + (i * 37) % 480
        start_minute = (i * 7919) % (31 * 24 * 60)
        day, rest = divmod(start_minute, 24 * 60)
        hour, minute = divmod(rest, 60)
        severity = 0.05 * (1 + (i * 13) % 20)
        lines.append(f"inc-{i},{minutes}m,2024-03-{day + 1:02d}T{hour:02d}:{minute:02d}:00Z,{severity:.2f}\n")
        if len(lines) >= 10000:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


if __name__ == "__main__":
    main()
