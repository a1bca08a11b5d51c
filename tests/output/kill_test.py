#!/usr/bin/env python3
"""Outputs survive any kill (docs/outputs.md, "Safe against any kill").

Runs `peacesim run --out DIR` again and again with a new seed each time and kills each run with
SIGKILL or SIGINT at a random moment (building the country, running, or writing). After every
kill the folder must hold one complete set of outputs, all from the same run, and after the next
run that completes no temporary folder of any earlier run may be left beside it.

usage: kill_test.py PEACESIM WORKDIR [ROUNDS]
"""
import json
import os
import random
import re
import signal
import subprocess
import sys
import time

peacesim, work = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
out = os.path.join(work, "out")
os.makedirs(work, exist_ok=True)
subprocess.run(["rm", "-rf", out])
base = [peacesim, "run", "--days", "60", "--quiet", "--threads", "2",
        "--set", "world.population=120000", "--out", out]
files = {"summary.json", "timeseries.csv", "events.csv", "scenario.toml", "decisions.csv",
         "feed.csv"}


def complete_set():
    """The seed of the one run the folder's files all come from; fails otherwise."""
    names = set(os.listdir(out))
    if names != files:
        sys.exit(f"FAIL: the folder holds {sorted(names)}")
    summary = json.load(open(os.path.join(out, "summary.json")))
    seed = summary["seed"]
    toml = open(os.path.join(out, "scenario.toml")).read()
    m = re.search(r"--seed (\d+)", toml)
    if not m or int(m.group(1)) != seed:
        sys.exit(f"FAIL: summary.json of seed {seed} beside a scenario.toml of another run")
    rows = len(open(os.path.join(out, "timeseries.csv")).read().splitlines()) - 1
    if rows != summary["days"]:
        sys.exit(f"FAIL: timeseries.csv has {rows} days, summary.json says {summary['days']}")
    lines = open(os.path.join(out, "timeseries.csv")).read().splitlines()
    col = lines[0].split(",").index("civilians_killed")
    killed = sum(int(r.split(",")[col]) for r in lines[1:])
    if killed != summary["totals"]["civilians_killed"]:
        sys.exit(f"FAIL: timeseries.csv counts {killed} killed, summary.json "
                 f"{summary['totals']['civilians_killed']}: files of two runs")
    if not open(os.path.join(out, "events.csv")).readline().startswith("id,year,"):
        sys.exit("FAIL: events.csv has no header")
    return seed


subprocess.run(base + ["--seed", "1"], check=True)
seed = complete_set()
random.seed(7)
# How long a whole run takes here, to spread the kills over it.
t0 = time.time()
subprocess.run(base + ["--seed", "2"], check=True)
whole = time.time() - t0
seen = {complete_set()}
for k in range(rounds):
    p = subprocess.Popen(base + ["--seed", str(100 + k)])
    time.sleep(random.uniform(0, whole * 1.5))  # some finish
    p.send_signal(random.choice([signal.SIGKILL, signal.SIGKILL, signal.SIGINT]))
    p.wait()
    seen.add(complete_set())
subprocess.run(base + ["--seed", "3"], check=True)
if complete_set() != 3:
    sys.exit("FAIL: the last run's outputs are not in place")
stray = [f for f in os.listdir(work) if f.startswith(".out.peacesim-")]
if stray:
    sys.exit(f"FAIL: left behind: {stray}")
print(f"{rounds} kills at random moments: always one complete set ({len(seen)} runs seen); "
      "nothing left behind")
