"""Benchmark of crm_leads' bulk lead conversion.

Converts N leads (half of them matching existing companies and contacts by e-mail, the other
half creating new ones) and prints, for two sizes (then for leads that all match):
  - the SQL queries per 1,000 leads converted (target: at most 60, the same for both sizes);
  - the conversion time against creating the same partners with one ``create()`` on a list of
    values per kind of partner (companies, then their contacts) (target: at most 3x).

Everything happens in one transaction that is rolled back: the database is left as it was.
Run it from the repository root, on a database where crm_leads is installed (e.g. the one
``bin/setup`` makes, or any ``lv_*`` / test database)::

    .venv/bin/python tests/benchmarks/bench_crm_leads_conversion.py -c odoo.conf -d crm_demo
    (options: --leads 10000 --small 2000)

``addons/odoo`` must point at Odoo's addons (``bin/setup`` and ``bin/test`` make it).
"""

import argparse
import time

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config


def build_leads(env, count, tag, all_matching=False):
    """`count` new leads; the even ones (or all of them) match an existing company and contact
    by e-mail."""
    Partner = env["res.partner"]
    matched = count if all_matching else count // 2
    companies = Partner.create(
        [{"name": f"Bench {tag} Existing {index}", "is_company": True} for index in range(matched)]
    )
    Partner.create(
        [
            {
                "name": f"Bench {tag} Person {index}",
                "email": f"person{index}@bench-{tag}-{index}.example.com",
                "parent_id": company.id,
            }
            for index, company in enumerate(companies)
        ]
    )
    values = []
    for index in range(count):
        if all_matching or index % 2 == 0:
            known = index if all_matching else index // 2
            values.append(
                {
                    "name": f"Lead {index}",
                    "type": "lead",
                    "partner_name": f"BENCH {tag} existing {known}",
                    "contact_name": f"Bench {tag} Person {known}",
                    "email_from": f"Person{known}@bench-{tag}-{known}.example.com",
                }
            )
        else:
            values.append(
                {
                    "name": f"Lead {index}",
                    "type": "lead",
                    "partner_name": f"Bench {tag} New Company {index}",
                    "contact_name": f"Bench {tag} Newcomer {index}",
                    "email_from": f"newcomer{index}@bench-{tag}-new-{index}.example.com",
                    "phone": "+33 1 23 45 67 89",
                    "city": "Lyon",
                }
            )
    leads = env["crm.lead"].create(values)
    env.flush_all()
    return leads


def measure(env, count, tag, all_matching=False):
    """(conversion queries per 1,000 leads, plain create queries per 1,000 leads, conversion
    seconds, plain create seconds, counts)."""
    cr = env.cr
    leads = build_leads(env, count, tag, all_matching)
    env.invalidate_all()

    # The partners the conversion will create, made with plain create() calls, then undone.
    new_leads = leads.filtered(lambda lead: not lead.partner_name.startswith("BENCH"))
    Partner = env["res.partner"].with_context(tracking_disable=True, mail_create_nolog=True)
    with cr.savepoint(flush=True) as savepoint:
        cr.sql_log_count = 0
        start = time.perf_counter()
        companies = Partner.create([lead._crm_leads_prepare_company_values() for lead in new_leads])
        Partner.create(
            [
                lead._crm_leads_prepare_contact_values(company)
                for lead, company in zip(new_leads, companies, strict=True)
            ]
        )
        env.flush_all()
        create_seconds = time.perf_counter() - start
        create_queries = cr.sql_log_count
        savepoint.rollback()
    env.invalidate_all()

    cr.sql_log_count = 0
    start = time.perf_counter()
    counts = leads._crm_leads_convert()
    env.flush_all()
    convert_seconds = time.perf_counter() - start
    queries = cr.sql_log_count
    return queries * 1000 / count, create_queries * 1000 / count, convert_seconds, create_seconds, counts


def report(size, label, figures):
    per_thousand, create_per_thousand, convert_seconds, create_seconds, counts = figures
    created = counts["companies_created"] + counts["contacts_created"]
    line = f"{size} leads{label}: {per_thousand:.1f} queries per 1,000 leads converted"
    if created:
        line += (
            f" (the plain create() of the same {created} partners: {create_per_thousand:.1f}); "
            f"conversion {convert_seconds:.2f}s vs plain create() {create_seconds:.2f}s: "
            f"ratio {convert_seconds / create_seconds:.2f}x"
        )
    else:
        line += f"; conversion {convert_seconds:.2f}s"
    print(f"{line} ({counts})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with crm_leads installed")
    parser.add_argument("--leads", type=int, default=10000, help="leads of the large run")
    parser.add_argument("--small", type=int, default=2000, help="leads of the small run")
    args = parser.parse_args()

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        try:
            for size, tag in ((args.small, "s"), (args.leads, "l")):
                report(size, ", half of them matching", measure(env, size, tag))
            report(args.small, ", all matching", measure(env, args.small, "m", all_matching=True))
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
