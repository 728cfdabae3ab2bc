"""Benchmark of crm_leads' keys on Odoo's import screen.

Imports one CSV file of N leads (default 10,000; half of the rows match an existing lead by the
key) through ``base_import.import.execute_import`` as the import screen does, batch after batch
(the screen's default batch of 2,000 rows), twice:
  - Odoo's plain import of the file, without key (every row creates a lead);
  - the same file with a key, existing leads updated (half the rows update, half create);
and prints both times and their ratio (target: at most 1.5x), for the e-mail key and for the
company and contact name key, with the SQL queries of each.

Everything happens in one transaction that is rolled back: the database is left as it was. Run it
from the repository root, on a database where crm_leads is installed (e.g. the one ``bin/setup``
makes)::

    .venv/bin/python tests/benchmarks/bench_crm_leads_import.py -c odoo.conf -d crm_demo
    (options: --rows 10000 --batch 2000 --keys email,company_contact)
"""

import argparse
import csv
import io
import time

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

HEADER = ["name", "email_from", "partner_name", "contact_name", "phone", "city"]


def existing_leads(env, count):
    """`count` leads the file's even rows find again (e-mail and names written differently)."""
    leads = env["crm.lead"].create(
        [
            {
                "name": f"Bench existing {n}",
                "type": "lead",
                "email_from": f"known{n}@bench-import.example.com",
                "partner_name": f"Société Bench {n}",
                "contact_name": f"Contact Bench {n}",
            }
            for n in range(count)
        ]
    )
    env.flush_all()
    return leads


def csv_file(rows):
    """The file: the even rows name an existing lead, the odd ones a new one."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for n in range(rows):
        if n % 2 == 0:
            known = n // 2
            writer.writerow(
                [f"Lead {n}", f"KNOWN{known}@bench-import.example.com ", f"SOCIETE BENCH {known}",
                 f"contact bench {known}", "+33 1 23 45 67 89", "Lyon"]
            )  # fmt: skip
        else:
            writer.writerow(
                [f"Lead {n}", f"new{n}@bench-import.example.com", f"Nouvelle société {n}", f"Nouveau {n}",
                 "01 23 45 67 89", "Paris"]
            )  # fmt: skip
    return out.getvalue().encode()


def run_import(env, data, batch, key=None):
    """(seconds, queries, created or updated ids) of an import of `data` in batches of `batch` rows."""
    importer = env["base_import.import"].create(
        {"res_model": "crm.lead", "file": data, "file_type": "text/csv", "file_name": "bench.csv"}
    )
    options = {"quoting": '"', "separator": ",", "has_headers": True, "limit": batch, "skip": 0}
    if key:
        options.update(crm_import_match_key=key, crm_import_existing="update")
    cr, ids = env.cr, []
    queries = cr.sql_log_count
    start = time.perf_counter()
    while True:
        result = importer.execute_import(HEADER, HEADER, dict(options))
        errors = [message for message in result["messages"] if message["type"] == "error"]
        if errors:
            raise RuntimeError(errors[:3])
        ids += result["ids"]
        if not result["nextrow"]:
            break
        options["skip"] = result["nextrow"]
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - queries, ids


def measure(env, data, batch, key):
    """Plain import then keyed import of the same file, each undone after it ran."""
    figures = {}
    for label, used_key in (("plain", None), ("keyed", key)):
        with env.cr.savepoint(flush=True) as savepoint:
            figures[label] = run_import(env, data, batch, used_key)
            savepoint.rollback()
        env.invalidate_all()
        env.registry.clear_cache()
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with crm_leads installed")
    parser.add_argument("--rows", type=int, default=10000, help="rows of the file")
    parser.add_argument("--batch", type=int, default=2000, help="rows a batch of the import screen")
    parser.add_argument("--keys", default="email,company_contact", help="keys to measure, comma-separated")
    args = parser.parse_args()

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        admin = api.Environment(cr, 1, {})["res.users"].search([("login", "=", "admin")])
        # As the import screen of the lead list calls it: the user's rights, no tracking.
        env = api.Environment(cr, admin.id, {"lang": "en_US", "default_type": "lead", "tracking_disable": True})
        try:
            existing_leads(env, args.rows // 2)
            data = csv_file(args.rows)
            for key in args.keys.split(","):
                figures = measure(env, data, args.batch, key)
                (plain_s, plain_q, plain_ids), (keyed_s, keyed_q, keyed_ids) = figures["plain"], figures["keyed"]
                print(
                    f"{args.rows} rows, half of them matching, batches of {args.batch}, key {key}: "
                    f"plain import {plain_s:.2f}s ({plain_q} queries, {len(set(plain_ids))} leads created), "
                    f"with the key {keyed_s:.2f}s ({keyed_q} queries, {len(set(keyed_ids))} leads created or "
                    f"updated): ratio {keyed_s / plain_s:.2f}x"
                )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
