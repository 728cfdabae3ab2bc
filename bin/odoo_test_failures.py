"""Compares two logs of Odoo's own tests: the Odoo modules alone, then with the addons.

Odoo's test runner logs each failing test as an ERROR line "FAIL: Class.method" or "ERROR:
Class.method" under the logger of the test's module, and ends with "N failed, N error(s) of N
tests when loading database". The addons must change nothing in Odoo's behaviour: a test that
fails with them and not without them is theirs to fix. Prints those, then a summary line; exits
non-zero when there are some, or when a run did not get to the end of its tests.

    python bin/odoo_test_failures.py MODULES LOG_WITHOUT_ADDONS LOG_WITH_ADDONS
"""

import re
import sys

# 2026-12-01 18:32:15,308 7971 ERROR db odoo.addons.crm.tests.test_x: FAIL: TestX.test_y
FAILURE = re.compile(r"^\S+ \S+ \d+ (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (.+)$")
# The test's module: its logger's, or the one named in "setUpClass (odoo.addons.crm.tests...)".
MODULE = re.compile(r"odoo\.addons\.(\w+)\.")
# A subtest fails under its test's name: "Subtest TestX.test_y (param=1)".
SUBTEST = re.compile(r"^Subtest (\S+) .*$")
TOTALS = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database")


def read_run(path):
    """({"module: Class.method", ...}, tests run) of one log; tests run is None when the log has
    no end of run (Odoo stopped before its tests ended)."""
    failures, tests_run = set(), None
    with open(path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = FAILURE.match(line.rstrip("\n"))
            if match:
                logger, test = match.groups()
                module = MODULE.search(f"{logger}. {test}")
                subtest = SUBTEST.match(test)
                failures.add(f"{module.group(1) if module else logger}: {subtest.group(1) if subtest else test}")
                continue
            totals = TOTALS.search(line)
            if totals:
                tests_run = int(totals.group(3))
    return failures, tests_run


def main():
    modules, without_path, with_path = sys.argv[1:4]
    without, without_run = read_run(without_path)
    with_addons, with_run = read_run(with_path)
    added = sorted(with_addons - without)
    for test in added:
        print(f"fails only with the addons: {test}")
    incomplete = [path for path, run in ((without_path, without_run), (with_path, with_run)) if run is None]
    for path in incomplete:
        print(f"error: Odoo stopped before the end of its tests: read {path}", file=sys.stderr)
    print(
        f"summary: Odoo's tests of {modules}: {without_run or 0} run on Odoo alone, {len(without)} failing; "
        f"{with_run or 0} run with the addons, {len(with_addons)} failing; {len(added)} failing only with the addons"
    )
    return 1 if added or incomplete else 0


if __name__ == "__main__":
    sys.exit(main())
