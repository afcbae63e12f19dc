"""Writes a roster of N users (default 1,000,000) to stdout: user{i:07}, token tok{i*7919:x},
expiry i % 300, so about 40% are expired at the lesson's time 120. The same roster as the
criterion benchmarks (benches/tokenclock.rs) and the big_roster test.
Usage: python3 roster.py [N] > roster.csv
"""
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
out = sys.stdout
out.write("user,token,expiry\n")
out.writelines(f"user{i:07},tok{i * 7919:x},{i % 300}\n" for i in range(n))
