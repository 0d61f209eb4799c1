#!/usr/bin/env python3
"""Generates a git repository for the history benchmark with `git fast-import`:
FILES files under evidence/ plus a small AIMS, and COMMITS commits on main, each changing one
to three files (the first commit adds them all). Dates advance one hour per commit.

Usage: python3 bench/gen_git.py FILES COMMITS DIR
"""
import os
import random
import subprocess
import sys

files, commits, target = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
os.makedirs(target, exist_ok=True)
subprocess.run(["git", "init", "-q", "-b", "main", target], check=True)
random.seed(42)

config = b'[organization]\nname = "Bench Ltd"\n'
record = b"kind: Role\nid: owner\ntitle: Owner\nresponsibilities: [Owns everything]\n"


def data(payload):
    return b"data %d\n%s\n" % (len(payload), payload)


def stream():
    start = 1_700_000_000
    for n in range(commits):
        when = start + n * 3600
        yield b"commit refs/heads/main\n"
        yield b"committer Bench Author <bench@example.com> %d +0000\n" % when
        yield data(b"change %d" % n)
        if n == 0:
            yield b"M 100644 inline aims.toml\n" + data(config)
            yield b"M 100644 inline roles.yaml\n" + data(record)
            for i in range(files):
                yield b"M 100644 inline evidence/%03d/file-%05d.csv\n" % (i // 100, i) + data(b"v0\n")
        else:
            for i in random.sample(range(files), random.randint(1, 3)):
                yield b"M 100644 inline evidence/%03d/file-%05d.csv\n" % (i // 100, i) + data(b"v%d\n" % n)
        yield b"\n"


proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=target, stdin=subprocess.PIPE)
for chunk in stream():
    proc.stdin.write(chunk)
proc.stdin.close()
if proc.wait() != 0:
    sys.exit("git fast-import failed")
subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=target, check=True)
