#!/usr/bin/env bash
# The tests on the oldest versions that pyproject.toml allows: are its lower bounds honest?
#
#   bash packaging/test_lowest.sh                 # what CI runs: the tests below
#   bash packaging/test_lowest.sh -q tests/gui    # any pytest arguments instead
#
# A venv of its own (.venv/lowest, made afresh each time), the project installed in it
# with every dependency pinned to its lower bound (packaging/lowest_constraints.py reads
# them from pyproject.toml; PIP_CONSTRAINT holds pip's build environment to them too),
# a check that those are the versions installed, then pytest. Without arguments, every
# test but those that measure time, load or volume (their libraries' calls are made
# by the other tests too), to keep CI short.
set -euo pipefail
cd "$(dirname "$0")/.."

LEFT_OUT=(
    tests/test_api_deadline.py   # the client's deadlines, timed (about 20 s)
    tests/test_sandbox_fuzz.py   # 6,500 generated requests (about 12 s)
    tests/test_sandbox_load.py   # 16 concurrent clients
    tests/test_benchmarks_run.py # the benchmarks' smoke run (about 10 s)
    tests/test_ready_deadline.py # --exit-when-ready's deadline: the standard library's
)

venv=${LOWEST_VENV:-.venv/lowest}
python3 -m venv --clear "$venv"
constraints="$venv/lowest-constraints.txt"
python3 packaging/lowest_constraints.py >"$constraints"
echo "Installing the lowest versions pyproject.toml allows into $venv:"
grep -v '^#' "$constraints" | paste -sd ' ' -
PIP_CONSTRAINT="$constraints" "$venv/bin/pip" install -q -e '.[test]'
"$venv/bin/python" packaging/lowest_constraints.py --check

if (($#)); then
    arguments=("$@")
else
    arguments=(-q --maxfail=10) # a bound that fails, fails many tests: say so soon
    for path in "${LEFT_OUT[@]}"; do
        arguments+=("--ignore=$path")
    done
fi
echo "Running the tests on them: pytest ${arguments[*]}"
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest "${arguments[@]}"
