#!/bin/sh
# Runs tokenclock's refresh-all, the lesson's Python and the awk one-liner side by side over the
# same roster, alternating, RUNS times each, with /usr/bin/time (wall seconds, peak KB), and
# checks that all three print the same bytes. Not run in CI (it takes a while).
#
#   benches/peers/compare.sh [RUNS] [USERS]      (defaults: 5 runs, 1,000,000 users)
#
# Needs python3, mawk (or awk) and GNU time at /usr/bin/time; builds tokenclock --release.
# BEFORE=path/to/another/tokenclock adds that build as a fourth contender, "before" (e.g. a
# release build of main, to measure a change side by side).
set -eu
runs=${1:-5}
users=${2:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
AWK=$(command -v mawk || command -v awk)

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
python3 "$here/roster.py" "$users" > "$work/roster.csv"

run() { # name, then the command; appends "name seconds KB" to the results
    name=$1; shift
    /usr/bin/time -f "$name %e %M" -a -o "$work/times" "$@" > "$work/$name.out"
}
i=0
while [ "$i" -lt "$runs" ]; do
    run tokenclock "$root/target/release/tokenclock" --users "$work/roster.csv" --exec refresh-all
    if [ -n "${BEFORE:-}" ]; then
        run before "$BEFORE" --users "$work/roster.csv" --exec refresh-all
    fi
    run python python3 "$here/lesson.py" "$work/roster.csv"
    run awk "$AWK" -f "$here/refresh_all.awk" "$work/roster.csv"
    i=$((i + 1))
done
cmp "$work/tokenclock.out" "$work/python.out"
cmp "$work/tokenclock.out" "$work/awk.out"
if [ -n "${BEFORE:-}" ]; then cmp "$work/tokenclock.out" "$work/before.out"; fi
echo "$users users, $runs runs each; outputs identical ($(wc -l < "$work/awk.out") lines)"
awk '{ n[$1]++; t=$2; m=$3/1024
       if (!($1 in lo) || t < lo[$1]) lo[$1]=t; if (t > hi[$1]) hi[$1]=t
       if (!($1 in mlo) || m < mlo[$1]) mlo[$1]=m; if (m > mhi[$1]) mhi[$1]=m }
     END { for (k in n) printf "%-10s %5.2f-%5.2f s  %4.0f-%4.0f MB\n", k, lo[k], hi[k], mlo[k], mhi[k] }' \
    "$work/times" | sort
