#!/bin/sh
# Runs the validators grid (exp - now around every boundary, leeways 0, 1, 5 and 60, fractional
# exps, iat/nbf in the future, no exp) against the real PyJWT and node jsonwebtoken, when they
# are installed, and checks every verdict against tokenclock's validators table (the ignored
# test `peers_results_match_the_table` in tests/validators_differential.rs reads the results).
# The Rust crate is checked by `cargo test` itself (the same grid, in that file).
#
#   benches/peers/validators.sh [RESULTS]     (default: a temporary file)
#
# PYTHON (default python3) must import jwt (`pip install pyjwt`); NODE_PATH must find
# jsonwebtoken (`npm install jsonwebtoken@9` in some folder, NODE_PATH=that/node_modules).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
results=${1:-$(mktemp)}
: > "$results"
PYTHON=${PYTHON:-python3}
if "$PYTHON" -c 'import jwt' 2>/dev/null; then
    "$PYTHON" "$here/validators_pyjwt.py" >> "$results"
else
    echo "PyJWT not installed for $PYTHON: skipped" >&2
fi
if node -e 'require("jsonwebtoken")' 2>/dev/null; then
    node "$here/validators_node.js" >> "$results"
else
    echo "node's jsonwebtoken not found (NODE_PATH): skipped" >&2
fi
grep '^#' "$results" || true
echo "$(grep -vc '^#' "$results") cases in $results"
TOKENCLOCK_PEERS_RESULTS="$results" cargo test --quiet --manifest-path "$root/Cargo.toml" \
    --test validators_differential peers_results_match_the_table -- --ignored
