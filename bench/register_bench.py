#!/usr/bin/env python3
"""Register benchmark: a JSON Lines register streamed through `souple eval --format jsonl -`.

    python3 bench/register_bench.py [--sizes 10000,100000] [--jobs 0] [--bin build/cli/souple]

Builds a register of N activities from the bundled examples (cycled, each with its own
activity id), pipes it into the real binary on standard input, and prints per size: wall
time, activities per second, peak resident memory of the souple process, and the sha256 of
the output. The register is generated once per size into a temporary file (not timed). Then
it checks that one job and all jobs give the same bytes on the smallest size. A benchmark,
not a test: nothing asserts on time; memory should stay flat as N grows (results stream).
"""
import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

import yaml  # Debian: python3-yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))


def examples():
    folder = os.path.join(ROOT, "examples")
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                out.append(yaml.safe_load(f))
    return out


def write_register(path, n, docs):
    with open(path, "w", encoding="utf-8") as out:
        for i in range(n):
            doc = json.loads(json.dumps(docs[i % len(docs)], default=str))
            doc["activity"]["id"] = f"{doc['activity']['id']}-{i}"
            out.write(json.dumps(doc, ensure_ascii=False) + "\n")


def run(binary, register, jobs):
    """Returns (seconds, peak RSS in MB, sha256 of stdout, exit code)."""
    args = [binary, "eval", "--as-of", "2026-01-15", "--format", "jsonl", "--quiet", "-"]
    if jobs:
        args += ["--jobs", str(jobs)]
    digest = hashlib.sha256()
    start = time.monotonic()
    with open(register, "rb") as stdin:
        proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE)
        for block in iter(lambda: proc.stdout.read(1 << 20), b""):
            digest.update(block)
        _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.monotonic() - start
    return seconds, usage.ru_maxrss / 1024, digest.hexdigest(), os.waitstatus_to_exitcode(status)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--jobs", type=int, default=0, help="0: one per core (souple's default)")
    parser.add_argument("--bin", default=os.path.join(ROOT, "build", "cli", "souple"))
    a = parser.parse_args()
    docs = examples()
    sizes = [int(s) for s in a.sizes.split(",")]
    print(f"register benchmark: {len(docs)} bundled examples cycled, jobs={a.jobs or os.cpu_count()}")
    print(f"{'activities':>10} {'register MB':>11} {'seconds':>8} {'activities/s':>12} {'peak RSS MB':>11}  output sha256")
    with tempfile.TemporaryDirectory() as d:
        for n in sizes:
            register = os.path.join(d, f"register-{n}.jsonl")
            write_register(register, n, docs)
            seconds, rss, sha, code = run(a.bin, register, a.jobs)
            if code not in (0, 1):
                sys.exit(f"souple exited {code}")
            mb = os.path.getsize(register) / 1e6
            print(f"{n:>10} {mb:>11.1f} {seconds:>8.2f} {n / seconds:>12.0f} {rss:>11.0f}  {sha[:16]}")
        n = sizes[0]
        register = os.path.join(d, f"register-{n}.jsonl")
        one = run(a.bin, register, 1)
        many = run(a.bin, register, a.jobs or os.cpu_count())
        same = one[2] == many[2]
        print(f"{n} activities on 1 job and on {a.jobs or os.cpu_count()}: "
              f"{'identical output' if same else 'DIFFERENT OUTPUT'} ({one[0]:.2f} s vs {many[0]:.2f} s)")
        if not same:
            sys.exit(1)


if __name__ == "__main__":
    main()
