"""Fails, one line per package, when an installed package breaks one of Odoo's pins.

Odoo's requirements.txt pins the versions its code is tested with (lxml, Werkzeug...). An OCA
wheel requires odoo==19.0.*, so installing one lets pip resolve Odoo's own requirements anew: left
alone, it upgraded lxml past Odoo's pin and Odoo's HTML handling changed. bin/setup installs
under Odoo's pins; this check says when an environment drifted anyway.

    python bin/check_odoo_pins.py ODOO_REQUIREMENTS_TXT
"""

import sys
from importlib import metadata

from packaging.requirements import InvalidRequirement, Requirement


def broken_pins(requirements_path):
    problems = []
    with open(requirements_path, encoding="utf-8") as requirements:
        for line in requirements:
            text = line.split("#", 1)[0].strip()
            if not text or text.startswith("-"):
                continue
            try:
                requirement = Requirement(text)
            except InvalidRequirement:
                continue
            if requirement.marker and not requirement.marker.evaluate():
                continue
            try:
                installed = metadata.version(requirement.name)
            except metadata.PackageNotFoundError:
                continue  # optional for the addons (e.g. python-ldap): Odoo runs without it
            if not requirement.specifier.contains(installed, prereleases=True):
                problems.append(f"{requirement.name} {installed} is installed, Odoo pins {requirement}")
    return problems


def main():
    problems = broken_pins(sys.argv[1])
    for problem in problems:
        sys.stderr.write(
            f"error: {problem}: reinstall it under Odoo's pins "
            f"(pip install -c {sys.argv[1]} '{problem.split()[0]}'), or run bin/setup again.\n"
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
