"""Benchmark of marketing_campaigns' phone campaigns: building a call list.

One batch of N leads with a phone number added to a campaign of four callers (one Call activity
a lead, round robin), as a batch job or a click below the synchronous limit does it: the seconds
per record and the SQL queries of the batch, for 100, 500 and 2,000 leads (target: the queries
grow far slower than the records: no query a record), and the time of a batch of 500 (the size
of the jobs, and the limit under which a click adds the records itself: a few seconds at most).

Everything happens in one transaction that is rolled back: the database is left as it was.
Run it from the repository root, on a database where marketing_campaigns is installed::

    .venv/bin/python tests/benchmarks/bench_marketing_phone_campaign.py -c odoo.conf -d crm_demo
    (options: --sizes 100,500,2000)
"""

import argparse
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config


def timed_batch(env, leads, callers):
    """Seconds and queries of adding ``leads`` to a new campaign in one batch."""
    campaign = env["marketing.phone.campaign"].create({"name": "Bench campaign", "caller_ids": [(6, 0, callers.ids)]})
    env.flush_all()
    env.invalidate_all()
    cr = env.cr
    cr.sql_log_count = 0
    start = time.perf_counter()
    campaign._lock_call_list()
    stats = campaign._add_calls_batch("crm.lead", leads.ids)
    env.flush_all()
    seconds = time.perf_counter() - start
    return seconds, cr.sql_log_count, stats["added"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with marketing_campaigns installed")
    parser.add_argument("--sizes", default="100,500,2000", help="leads of each batch, comma-separated")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            france = env.ref("base.fr")
            leads = env["crm.lead"].create(
                [
                    {
                        "name": f"Bench lead {index}",
                        "phone": f"+33 1 40 {index // 10000 % 100:02d} {index // 100 % 100:02d} {index % 100:02d}",
                        "country_id": france.id,
                    }
                    for index in range(max(sizes))
                ]
            )
            callers = env["res.users"].search([("share", "=", False)], limit=4)
            for size in sizes:
                seconds, queries, added = timed_batch(env, leads[:size], callers)
                print(
                    f"{size} leads in one batch: {seconds:.2f}s, {seconds / size * 1000:.1f} ms a lead, "
                    f"{queries} queries ({queries / size:.3f} a lead), {added} calls added"
                )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
