# Helpers of the hostile_* suites: scenario files made of one valid segment plus changes.
# scenario NAME BODY: a scenario file made of one valid segment plus BODY changes.
valid_outage='[outage]
duration = "2h"
'
valid_segment='[[segment]]
id = "shop"
revenue = 100
dependency = 0.5
'
write() { printf '%s' "$2" >"$1"; }
scenario_with() {  # scenario_with NAME KEY=VALUE-line-in-segment
  printf '%s[[segment]]\nid = "shop"\nrevenue = 100\ndependency = 0.5\n%s\n' "$valid_outage" "$2" >"$1"
}
outage_with() {  # outage_with NAME LINES (replacing the outage table)
  printf '[outage]\n%s\n%s' "$2" "$valid_segment" >"$1"
}

