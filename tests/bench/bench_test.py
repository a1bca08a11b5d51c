#!/usr/bin/env python3
"""`peacesim bench` as a user's script reads it: the table file, its columns and its sums.

Usage: bench_test.py PEACESIM WORKDIR
Checks the figures' shape and consistency, never their size: speed goes in the bench itself.
"""
import csv
import json
import math
import os
import shutil
import subprocess
import sys

peacesim, work = sys.argv[1], sys.argv[2]
shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
out = os.path.join(work, "out")
failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL:", what)


r = subprocess.run([peacesim, "bench", "--population", "2000,4000", "--threads", "1,2",
                    "--days", "3", "--repeat", "2", "--steps", "5", "--mesa-rate", "50000",
                    "--out", out], capture_output=True, text=True, timeout=600)
check(r.returncode == 0, f"bench exits 0 (got {r.returncode}: {r.stderr})")
check("STREAM triad" in r.stdout, "the terminal shows the triad")
check("Epstein" in r.stdout, "the terminal shows the classic model")

with open(os.path.join(out, "bench.csv")) as f:
    rows = list(csv.DictReader(f))
phases = ["timeline", "mission", "perception", "units", "civilians", "communities", "politics",
          "outputs"]
check(len(rows) == 4, f"one row per size and thread count (got {len(rows)})")
check([(row["civilians"], row["threads"]) for row in rows] ==
      [("2000", "1"), ("2000", "2"), ("4000", "1"), ("4000", "2")], "rows in order")
for row in rows:
    v = {k: float(x) for k, x in row.items()}
    for k, x in v.items():
        check(math.isfinite(x) and x >= 0, f"{k} is a finite, non-negative number ({x})")
    check(v["agent_updates_per_s"] > 0 and v["days_per_s"] > 0, "throughput is positive")
    check(v["agent_updates_per_s_with_setup"] < v["agent_updates_per_s"],
          "counting the set-up lowers the throughput")
    check(v["setup_s"] > 0, "the set-up is timed")
    check(0 < v["bandwidth_share"] < 1, f"a share of the bound ({v['bandwidth_share']})")
    day_ms = sum(v[p + "_ms_per_day"] for p in phases)
    # The phases are medians each, the run time a median of its own: close, not equal.
    check(abs(day_ms * v["days"] / 1e3 - v["run_s"]) <= 0.5 * v["run_s"] + 0.002,
          f"the phases add up to the day ({day_ms * v['days'] / 1e3} s vs {v['run_s']} s)")
    check(v["civilians_ms_per_day"] > 0, "the civilians' phase takes time")

with open(os.path.join(out, "bench.json")) as f:
    info = json.load(f)
check(info["triad_bytes_per_s"] > 1e8, "the triad measured a bandwidth")
check(info["bytes_per_civilian_state"] >= 16, "a civilian's state has a size")
e = info["epstein"]
check(e["citizens"] == 1120 and e["cops"] == 64, "the docking scenario's 40x40 populations")
check(abs(e["ratio"] - e["agent_updates_per_s"] / 50000) < 1e-6 * e["ratio"],
      "the ratio is against the figure given")
check(e["cell_visiting_agent_updates_per_s"] > 0, "the reference search is measured too")

# Bad input: exit 2, a message, nothing written.
for args, what in [(["--out", ""], "an empty --out"),
                   (["--population", "10"], "a population below the range"),
                   (["--threads", "0"], "zero threads"),
                   (["--mesa-rate", "-3"], "a negative reference rate"),
                   (["--out", "/proc/peacesim-bench"], "a folder that cannot be written")]:
    r = subprocess.run([peacesim, "bench", "--no-triad", "--days", "1", "--repeat", "1",
                        "--population", "2000", "--steps", "2"] + args,
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 2, f"{what}: exit 2 (got {r.returncode})")
    check(r.stderr.strip() != "", f"{what}: says why")

if failures:
    print(f"{len(failures)} failures")
    sys.exit(1)
print("bench: all checks passed")
