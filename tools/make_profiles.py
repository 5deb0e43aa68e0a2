#!/usr/bin/env python3
"""Writes the bundled demand profiles in data/profiles/ (168 hourly weights, hour 0 = Monday
00:00-01:00, normalised to mean 1 by the loader). Run: python3 tools/make_profiles.py

The daily shapes are ILLUSTRATIVE: no public source publishes an hour-by-hour, day-by-day
curve of these activities that we could ship. They encode the widely reported qualitative
pattern (a night trough around 03:00-05:00 local, a late-evening peak for consumer use; lunch
and evening peaks for online shopping; office hours for business software) and are documented
as judgements in data/profiles/README.md. The global (UTC) curves mix local curves by Meta's
advertising revenue by user geography, Q4 2023 (Meta Q4 2023 earnings presentation): US &
Canada $17,784M, Europe $9,159M, Asia-Pacific $7,316M, Rest of World $4,447M.
"""
import os

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "profiles")

# Relative activity by local hour of day (0 = 00:00-01:00).
SOCIAL_DAY = [0.55, 0.35, 0.25, 0.20, 0.20, 0.25, 0.45, 0.70, 0.85, 0.90, 0.95, 1.00,
              1.05, 1.00, 0.95, 0.95, 1.00, 1.05, 1.15, 1.30, 1.45, 1.50, 1.30, 0.90]
ECOMMERCE_DAY = [0.40, 0.25, 0.15, 0.10, 0.10, 0.15, 0.30, 0.55, 0.80, 0.95, 1.05, 1.10,
                 1.20, 1.15, 1.10, 1.05, 1.05, 1.10, 1.20, 1.35, 1.50, 1.50, 1.20, 0.75]
BUSINESS_DAY = [0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.10, 0.35, 0.80, 1.00, 1.00, 1.00,
                0.85, 0.95, 1.00, 1.00, 1.00, 0.90, 0.50, 0.25, 0.15, 0.10, 0.08, 0.06]
# Day-of-week factors, Monday first.
SOCIAL_WEEK = [1.00, 1.00, 1.00, 1.00, 0.98, 1.02, 1.04]
ECOMMERCE_WEEK = [1.05, 1.00, 1.00, 0.98, 0.92, 0.88, 1.02]
BUSINESS_WEEK = [1.00, 1.00, 1.00, 1.00, 0.95, 0.10, 0.08]

# (share of Meta's Q4 2023 advertising revenue, representative UTC offset in hours)
# Offsets are judgements: US & Canada at -5 (Eastern, where most people live), Europe at +1
# (Central European), Asia-Pacific at +7 (Indonesia, Thailand, Viet Nam; India is +5.5, the
# Philippines +8), Rest of World at -3 (Brazil).
REGIONS = [(17784, -5), (9159, +1), (7316, +7), (4447, -3)]


def weekly(day, week):
    return [day[h % 24] * week[h // 24] for h in range(168)]


def global_utc(local):
    total = sum(share for share, _ in REGIONS)
    weights = []
    for utc_hour in range(168):
        weights.append(sum(share / total * local[(utc_hour + offset) % 168]
                           for share, offset in REGIONS))
    return weights


def write(name, weights, comment):
    mean = sum(weights) / len(weights)
    with open(os.path.join(HERE, name + ".csv"), "w", newline="\n") as out:
        out.write("hour,weight\n")
        for hour, weight in enumerate(weights):
            out.write(f"{hour},{weight / mean:.6f}\n")
    print(f"{name}: {comment}")


def main():
    social = weekly(SOCIAL_DAY, SOCIAL_WEEK)
    ecommerce = weekly(ECOMMERCE_DAY, ECOMMERCE_WEEK)
    write("flat", [1.0] * 168, "every hour weighs 1")
    write("social", social, "consumer social media use, local time (illustrative)")
    write("social-global", global_utc(social),
          "social, mixed over Meta's ad-revenue geography, UTC")
    write("ecommerce", ecommerce, "online retail sales, local time (illustrative)")
    write("ecommerce-global", global_utc(ecommerce),
          "ecommerce, mixed over Meta's ad-revenue geography, UTC")
    write("business-hours", weekly(BUSINESS_DAY, BUSINESS_WEEK),
          "business (B2B) software use, local time (illustrative)")


if __name__ == "__main__":
    main()
