#!/usr/bin/env python3
"""Writes a realistic incident log for `batch` benchmarks: id,duration,start,
severity with durations to the second (lognormal, median 40 minutes, 1 second to 12 hours,
written as 1h23m45s), starts at a random second of 2024 (so anywhere in the week, any minute
and second) and severities 0.001-1.000. Fixed seed: the same COUNT gives the same file.
Usage: bench/make_realistic_incidents.py COUNT [SEED] > incidents.csv"""
import datetime
import math
import random
import sys


def duration_text(seconds):
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = ""
    if hours:
        text += f"{hours}h"
    if minutes:
        text += f"{minutes}m"
    if seconds or not text:
        text += f"{seconds}s"
    return text


def main():
    count = int(sys.argv[1])
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20240305)
    year_start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    year_seconds = 366 * 24 * 3600
    out = sys.stdout
    out.write("id,duration,start,severity\n")
    lines = []
    for i in range(count):
        seconds = int(round(math.exp(rng.gauss(math.log(40 * 60), 1.2))))
        seconds = min(max(seconds, 1), 12 * 3600)
        start = year_start + datetime.timedelta(seconds=rng.randrange(year_seconds))
        severity = rng.randint(1, 1000) / 1000
        lines.append(f"inc-{i},{duration_text(seconds)},{start:%Y-%m-%dT%H:%M:%S}Z,{severity:g}\n")
        if len(lines) >= 10000:
            out.write("".join(lines))
            lines.clear()
    out.write("".join(lines))


if __name__ == "__main__":
    main()
