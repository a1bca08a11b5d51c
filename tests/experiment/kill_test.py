#!/usr/bin/env python3
"""Sweep databases survive any kill (docs/experiments.md, "Killed sweeps").

Runs `peacesim sweep --resume` again and again on one database and kills it with SIGKILL, SIGINT
or SIGTERM at a random moment (creating the database, running, committing). After every kill the
database must open, pass SQLite's integrity check, and hold only whole runs: every run it holds
has the state hash, the series rows and the event rows of the same run swept without a kill.
Once a last `--resume` completes, the database must equal the uninterrupted one and nothing of
the killed processes may be left beside it. Then the same for `peacesim merge` of job-array
files, killed while it builds the merged database.

usage: kill_test.py PEACESIM WORKDIR [ROUNDS]
"""
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

peacesim, work = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 30
os.makedirs(work, exist_ok=True)
for f in os.listdir(work):
    os.remove(os.path.join(work, f))
experiment = os.path.join(work, "tiny.toml")
with open(experiment, "w") as f:
    f.write("""[experiment]
name = "kill_tiny"
scenario = "default"
days = 45
replicates = 6
seed = 11
set = ["world.population=40000", "world.width=80", "world.height=80", "world.villages=150"]

[[factors]]
key = "mission.troops"
kind = "lever"
values = [0, 2000, 6000]

[outputs]
series = true
events = true
""")


def sweep(db, *extra):
    return [peacesim, "sweep", experiment, "--out", db, "--quiet", "--jobs", "2", *extra]


def contents(db):
    """Each run the database holds: status, state hash, and its series and event rows."""
    con = sqlite3.connect(db)
    try:
        check = con.execute("PRAGMA integrity_check").fetchone()[0]
        if check != "ok":
            sys.exit(f"FAIL: {db}: integrity check says {check}")
        if con.execute("SELECT count(*) FROM experiment").fetchone()[0] != 1:
            sys.exit(f"FAIL: {db} has no experiment row: a half-made database")
        runs = {}
        for rid, status, state in con.execute("SELECT id, status, state_hash FROM runs"):
            series = con.execute("SELECT day, \"column\", value FROM series WHERE run_id = ? "
                                 "ORDER BY day, \"column\"", (rid,)).fetchall()
            events = con.execute("SELECT * FROM events WHERE run_id = ? ORDER BY rowid",
                                 (rid,)).fetchall()
            runs[rid] = (status, state, hash(tuple(series)), hash(tuple(events)))
        orphans = con.execute("SELECT count(*) FROM series WHERE run_id NOT IN "
                              "(SELECT id FROM runs)").fetchone()[0]
        orphans += con.execute("SELECT count(*) FROM events WHERE run_id NOT IN "
                               "(SELECT id FROM runs)").fetchone()[0]
        if orphans:
            sys.exit(f"FAIL: {db} holds {orphans} rows of runs it does not list")
        return runs
    finally:
        con.close()


def only_whole_runs(db, reference, what):
    if not os.path.exists(db):
        return 0
    runs = contents(db)
    for rid, row in runs.items():
        if row != reference[rid]:
            sys.exit(f"FAIL: {what}: run {rid} differs from the same run swept without a kill")
    return len(runs)


def remove_db(path):
    for f in (path, path + "-wal", path + "-shm"):
        if os.path.exists(f):
            os.remove(f)


def leftovers(prefix):
    return [f for f in os.listdir(work) if f.startswith(prefix)]


ref_db = os.path.join(work, "reference.db")
t0 = time.time()
subprocess.run(sweep(ref_db), check=True)
whole = time.time() - t0
reference = contents(ref_db)
if len(reference) != 18 or any(r[0] != "ok" for r in reference.values()):
    sys.exit(f"FAIL: the reference sweep holds {reference}")

random.seed(5)
db = os.path.join(work, "killed.db")
held = []
for k in range(rounds):
    if k % 6 == 5:  # a new sweep now and then, so that kills keep landing early in one too
        remove_db(db)
    p = subprocess.Popen(sweep(db, "--resume"))
    # Early kills land while the database is being created; later ones mid-sweep.
    time.sleep(random.uniform(0, whole * (0.15 if k % 3 == 0 else 1.2)))
    p.send_signal(random.choice([signal.SIGKILL, signal.SIGKILL, signal.SIGINT, signal.SIGTERM]))
    p.wait()
    held.append(only_whole_runs(db, reference, f"after kill {k + 1}"))
    if k % 6 != 5 and len(held) > 1 and held[-1] < held[-2]:
        sys.exit(f"FAIL: kill {k + 1}: runs committed before were lost ({held[-2]} -> {held[-1]})")
subprocess.run(sweep(db, "--resume"), check=True)
if contents(db) != reference:
    sys.exit("FAIL: the killed and resumed sweep differs from the one never killed")
stray = [f for f in leftovers(".killed.db") + leftovers("killed.db-")]
if stray:
    sys.exit(f"FAIL: left behind: {stray}")

# Job-array files merged into one database, the merge killed at random moments.
parts = []
for i in range(18):
    part = os.path.join(work, "array.db")
    subprocess.run(sweep(part, "--index", str(i)), check=True)
    parts.append(f"{part}.{i}")
merged = os.path.join(work, "merged.db")
t0 = time.time()
subprocess.run([peacesim, "merge", merged, *parts], check=True, stdout=subprocess.DEVNULL)
merge_time = time.time() - t0
if contents(merged) != reference:
    sys.exit("FAIL: the merged job-array files differ from the one sweep")
merge_kills = max(4, rounds // 3)




for k in range(merge_kills):
    remove_db(merged)
    p = subprocess.Popen([peacesim, "merge", merged, *parts], stdout=subprocess.DEVNULL)
    time.sleep(random.uniform(0, merge_time * 1.2))
    p.send_signal(signal.SIGKILL)
    p.wait()
    if os.path.exists(merged):
        only_whole_runs(merged, reference, f"after merge kill {k + 1}")
# The last merge extends what the last kill left, as a user's retry would.
subprocess.run([peacesim, "merge", merged, *parts], check=True, stdout=subprocess.DEVNULL)
if contents(merged) != reference:
    sys.exit("FAIL: the merge after killed merges differs from the one sweep")
stray = leftovers(".merged.db") + leftovers("merged.db-")
if stray:
    sys.exit(f"FAIL: left behind: {stray}")
print(f"{rounds} sweep kills ({', '.join(map(str, held))} runs held after each; a new "
      "database every sixth), "
      f"{merge_kills} merge kills: only whole runs, the resumed database equals the one "
      "never killed, nothing left behind")
