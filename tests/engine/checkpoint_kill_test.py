#!/usr/bin/env python3
"""Checkpoints survive any kill (docs/training.md, "Checkpoints").

Runs `peacesim run --checkpoint 20:FILE --checkpoint FILE` again and again, a new seed each time,
and kills each run with SIGKILL, SIGINT or SIGTERM at a random moment (building the country,
running, or writing either checkpoint). After every kill the file must be one whole checkpoint:
of the previous run's end, or of the killed run's day 20 or end, and continued with --resume it
must give exactly the state hash of that seed's run never interrupted. After the next run that
completes, no temporary file of any earlier run may be left beside it.

usage: checkpoint_kill_test.py PEACESIM WORKDIR [ROUNDS]
"""
import json
import os
import random
import signal
import subprocess
import sys
import time

peacesim, work = sys.argv[1], sys.argv[2]
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 20
os.makedirs(work, exist_ok=True)
subprocess.run(["rm", "-rf", os.path.join(work, "ck")])
folder = os.path.join(work, "ck")
os.makedirs(folder)
ckpt = os.path.join(folder, "run.ckpt")
scenario = ["--set", "world.population=600000", "--threads", "2", "--quiet"]
days, resume_to = 40, 41
reference = {}  # seed -> state hash of the run never interrupted, at resume_to days


def summary_of(args, out):
    subprocess.run(["rm", "-rf", out])
    subprocess.run([peacesim, "run"] + args + ["--out", out], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(os.path.join(out, "summary.json")) as f:
        return json.load(f)


def expected(seed):
    if seed not in reference:
        s = summary_of(["--days", str(resume_to), "--seed", str(seed)] + scenario,
                       os.path.join(work, "reference"))
        reference[seed] = s["state_hash"]
    return reference[seed]


def check_whole(allowed_seeds):
    """The checkpoint loads, is of one of these seeds, and resumes to that seed's exact run."""
    s = summary_of(["--resume", ckpt, "--days", str(resume_to), "--quiet"],
                   os.path.join(work, "resumed"))
    if s["seed"] not in allowed_seeds:
        sys.exit(f"FAIL: the checkpoint is of seed {s['seed']}, expected one of {allowed_seeds}")
    if s["state_hash"] != expected(s["seed"]):
        sys.exit(f"FAIL: resumed seed {s['seed']} gives {s['state_hash']}, the run never "
                 f"interrupted {expected(s['seed'])}")
    return s["seed"]


def run_args(seed):
    return [peacesim, "run", "--days", str(days), "--seed", str(seed), "--checkpoint",
            f"20:{ckpt}", "--checkpoint", ckpt] + scenario


subprocess.run(run_args(1), check=True)
last_complete = check_whole({1})
t0 = time.time()
subprocess.run(run_args(2), check=True)
whole = time.time() - t0
last_complete = check_whole({2})

random.seed(11)
kinds = [signal.SIGKILL, signal.SIGINT, signal.SIGTERM]
for k in range(rounds):
    seed = 100 + k
    p = subprocess.Popen(run_args(seed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(random.uniform(0, 1.1 * whole))
    sig = kinds[k % 3]
    p.send_signal(sig)
    rc = p.wait()
    got = check_whole({last_complete, seed})
    if rc == 0:
        last_complete = got
        if got != seed:
            sys.exit(f"FAIL: run {seed} completed but its checkpoint is of seed {got}")
    elif got == seed:
        last_complete = seed  # killed after it wrote a checkpoint of its own
    print(f"kill {k + 1:2d}: {signal.Signals(sig).name:7s} rc {rc:4d}: the checkpoint is whole "
          f"(seed {got})")

# A run that completes removes what killed runs left behind.
subprocess.run(run_args(999), check=True)
check_whole({999})
left = sorted(set(os.listdir(folder)) - {"run.ckpt"})
if left:
    sys.exit(f"FAIL: left beside the checkpoint: {left}")
print(f"checkpoints: {rounds} kills, each left one whole checkpoint; nothing left behind")
