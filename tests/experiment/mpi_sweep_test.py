#!/usr/bin/env python3
"""A sweep under mpirun must write the database a single-process sweep writes.

Usage: mpi_sweep_test.py PEACESIM MPIEXEC RANKS SOURCE_DIR

Runs tests/experiment/mpi_tiny.toml (series and events kept) and mpi_failing.toml (one run
fails) once in one process and once under `MPIEXEC -n RANKS`, and compares runs (every column but
wall_seconds), series and events. Then checks that --stop-after, --resume and --only-failed under
mpirun end where the single-process sweep ends. Exits 77 (ctest's SKIP_RETURN_CODE) when MPIEXEC
is not an executable.
"""
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

SKIP = 77


def dump(db):
    """The database's contents that must not depend on how the sweep ran."""
    con = sqlite3.connect(db)
    cols = [r[1] for r in con.execute("PRAGMA table_info(runs)") if r[1] != "wall_seconds"]
    quoted = ",".join('"{}"'.format(c) for c in cols)
    out = {
        "columns": cols,
        "runs": con.execute("SELECT {} FROM runs ORDER BY id".format(quoted)).fetchall(),
        "series": con.execute("SELECT * FROM series ORDER BY 1, 2, 3").fetchall(),
        "events": con.execute("SELECT * FROM events ORDER BY 1, 2").fetchall(),
    }
    con.close()
    return out


def same(name, a, b):
    if a == b:
        return True
    for key in a:
        if a[key] != b[key]:
            print("FAIL {}: table {} differs".format(name, key))
            for x, y in zip(a[key], b[key]):
                if x != y:
                    print("  single: {}\n  mpirun: {}".format(x, y))
                    break
            else:
                print("  {} rows against {}".format(len(a[key]), len(b[key])))
    return False


def main():
    if len(sys.argv) != 5:
        print(__doc__)
        return 2
    peacesim, mpiexec, ranks, source = sys.argv[1:]
    if not mpiexec or not shutil.which(mpiexec):
        print("SKIP: no mpiexec/mpirun found")
        return SKIP
    env = dict(os.environ)
    # CI runs as root; Open MPI refuses root without these. No terminal: keep stdin closed.
    env["OMPI_ALLOW_RUN_AS_ROOT"] = "1"
    env["OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"] = "1"
    for v in ("SLURM_ARRAY_TASK_ID", "OMPI_COMM_WORLD_SIZE", "PMI_SIZE", "PMIX_RANK"):
        env.pop(v, None)  # the single-process reference must really be one plain process
    mpi = [mpiexec, "--allow-run-as-root", "--oversubscribe", "-n", ranks]

    def run(cmd, expect=0):
        p = subprocess.run(cmd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=300)
        if p.returncode != expect:
            print("FAIL: {} exited {} (expected {})\n{}".format(" ".join(cmd), p.returncode,
                                                                expect, p.stdout))
            sys.exit(1)
        return p.stdout

    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        for name in ("mpi_tiny", "mpi_failing"):
            exp = os.path.join(source, "tests", "experiment", name + ".toml")
            one = os.path.join(tmp, name + "-1.db")
            many = os.path.join(tmp, name + "-n.db")
            run([peacesim, "sweep", exp, "--out", one, "--jobs", "2", "--quiet"])
            run(mpi + [peacesim, "sweep", exp, "--out", many, "--quiet"])
            reference = dump(one)
            ok &= same(name + " under mpirun", reference, dump(many))

            # Stopped after one run, then resumed, both under mpirun: the same database.
            part = os.path.join(tmp, name + "-resumed.db")
            run(mpi + [peacesim, "sweep", exp, "--out", part, "--stop-after", "1", "--quiet"])
            done = len(dump(part)["runs"])
            if done != 1:
                print("FAIL {}: --stop-after 1 left {} runs".format(name, done))
                ok = False
            run(mpi + [peacesim, "sweep", exp, "--out", part, "--resume", "--quiet"])
            ok &= same(name + " stopped and resumed under mpirun", reference, dump(part))

            # --only-failed reruns the failed run, on a worker rank, with the same outcome.
            run(mpi + [peacesim, "sweep", exp, "--out", many, "--only-failed", "--quiet"])
            ok &= same(name + " after --only-failed under mpirun", reference, dump(many))

            # A database that exists is refused under mpirun too, with the usual exit code.
            run(mpi + [peacesim, "sweep", exp, "--out", many, "--quiet"], expect=2)

        failed = [r for r in dump(os.path.join(tmp, "mpi_failing-n.db"))["runs"]]
        if not any("failed" in r for r in failed):
            print("FAIL: mpi_failing recorded no failed run")
            ok = False
    print("ok" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
