"""Benchmark of marketing_campaigns' scenarios: participants whose e-mail step is due.

For each size asked (5,000 and 50,000 by default), builds that many leads with an address of their
own (inserted in SQL: setup only), a plain ``mailing.mailing`` and a running scenario whose first
step sends the same template to the same leads (then waits two days), enrols the leads, then prints:
  - the time of the plain mailing queueing its e-mails to the leads (``action_send_mail(res_ids)``,
    up to the ``mail.mail`` created, as when it sends: no mail server needed);
  - the time of the scenario's scheduled job and of the jobs it queues, performed one after the
    other as a worker performs them (loaded, started, performed, done), up to the same e-mails
    queued and the next step scheduled; and its ratio against the plain mailing (target <= 1.3x);
  - SQL queries per 1,000 participants, whose figure must stay within 10% between the sizes.

It works as in production, on a copy of the database made with Odoo's duplication and dropped at
the end, so the database given is left as it was (the duplication ends other connections to it:
give one that nobody is using). The plain mailing commits every batch, as Odoo's sending does
outside tests, and each job commits, as on a queue_job worker. In one transaction rolled back at
the end, the run measured its own leftovers: the scenario, second in the transaction, checked its
e-mails' keys against the plain mailing's uncommitted rows and the dead index entries of earlier
rolled-back runs.
Run it from the repository root, on a database where marketing_campaigns is installed::

    .venv/bin/python tests/benchmarks/bench_marketing_campaigns.py -c odoo.conf -d crm_demo
    (options: --sizes 5000,50000)

``addons/odoo`` must point at Odoo's addons (``bin/setup`` and ``bin/test`` make it).
"""

import time
import warnings

from common import argument_parser, committed_copy_env, last_job_id, perform_jobs, timed


def insert_leads(env, count, mark):
    """`count` leads with addresses of their own: copies in SQL of a lead made by the ORM, so
    that every column other addons make mandatory is filled."""
    cr = env.cr
    template = env["crm.lead"].create({"name": f"{mark} template", "type": "lead", "email_from": "t@example.com"})
    env.flush_all()
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'crm_lead' AND column_name <> 'id'"
    )
    overrides = {
        "name": f"'{mark} ' || n",
        "email_from": f"'{mark}-' || n || '@example.com'",
        "email_normalized": f"'{mark}-' || n || '@example.com'",
        "contact_name": "'Contact ' || n",
    }
    columns = [column for (column,) in cr.fetchall()]
    selected = ", ".join(overrides.get(column, f'template."{column}"') for column in columns)
    cr.execute(
        f"""INSERT INTO crm_lead ({", ".join(f'"{column}"' for column in columns)})
            SELECT {selected}
              FROM crm_lead AS template, generate_series(1, %(count)s) AS n
             WHERE template.id = %(template)s
         RETURNING id""",
        {"count": count, "template": template.id},
    )
    ids = sorted(row[0] for row in cr.fetchall())
    cr.execute("ANALYZE crm_lead")
    return env["crm.lead"].browse(ids)


def main():
    parser = argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5000,50000", help="numbers of participants, separated by commas")
    args = parser.parse_args()
    with committed_copy_env(args) as env:
        # Odoo's own sending, outside a scheduled job, reports its progress the 18.0 way.
        warnings.filterwarnings("ignore", message="Since 19.0, use _commit_progress")
        per_thousand = [run_benchmark(env, int(size)) for size in args.sizes.split(",")]
    if len(per_thousand) > 1:
        spread = 100 * (max(per_thousand) - min(per_thousand)) / min(per_thousand)
        print(f"queries per 1,000 participants vary by {spread:.1f}% between the sizes (target: within 10%)")


def run_benchmark(env, size):
    mark = f"mcbench{size}"
    leads = insert_leads(env, size, mark)
    lead_model = env["ir.model"]._get("crm.lead")
    template = env["mail.template"].create(
        {
            "name": f"{mark} template",
            "model_id": lead_model.id,
            "subject": "Welcome {{ object.contact_name }}",
            "body_html": "<p>Hello <t t-out='object.contact_name'/>, <a href='https://example.com'>see</a></p>",
        }
    )
    mailing = env["mailing.mailing"].create(
        {
            "subject": template.subject,
            "body_html": template.body_html,
            "body_arch": template.body_html,
            "mailing_model_id": lead_model.id,
            "mailing_domain": repr([("id", "in", leads.ids)]),
            "reply_to_mode": "update",
        }
    )
    scenario = env["marketing.scenario"].create(
        {
            "name": f"{mark} scenario",
            "model_id": lead_model.id,
            "domain": repr([("name", "like", mark)]),
            "unique_field_id": env["ir.model.fields"]._get("crm.lead", "email_from").id,
            "auto_enrol": False,
        }
    )
    mail_step = env["marketing.scenario.step"].create(
        {"name": "E-mail", "scenario_id": scenario.id, "kind": "mail", "template_id": template.id}
    )
    env["marketing.scenario.step"].create(
        {"name": "Wait", "scenario_id": scenario.id, "parent_id": mail_step.id, "kind": "wait", "interval_number": 2}
    )
    scenario.write({"state": "running", "user_id": env.ref("base.user_admin").id})
    setup_start = time.perf_counter()
    for start in range(0, size, 5000):
        scenario._enrol(leads[start : start + 5000])
    env.flush_all()
    setup_seconds = time.perf_counter() - setup_start
    Mail = env["mail.mail"]

    _result, plain_seconds, plain_queries = timed(env, lambda: mailing.action_send_mail(leads.ids), commit=True)
    plain_mails = Mail.search_count([("mailing_id", "=", mailing.id)])

    last_job = last_job_id(env)

    def scenario_run():
        env["marketing.scenario.trace"]._cron_process_due_steps()
        perform_jobs(env, last_job, commit=True)

    _result, scenario_seconds, scenario_queries = timed(env, scenario_run, commit=True)
    scenario_mails = Mail.search_count([("mailing_id", "=", mail_step.mailing_id.id)])
    done = env["marketing.scenario.trace"].search_count([("step_id", "=", mail_step.id), ("state", "=", "done")])
    assert plain_mails == scenario_mails == done == size, (plain_mails, scenario_mails, done, size)

    print(f"{size} participants (enrolled in {setup_seconds:.1f} s, setup)")
    print(f"  plain mailing, action_send_mail(res_ids): {plain_seconds:.1f} s ({plain_queries} queries)")
    print(
        f"  scenario, scheduled job and its jobs: {scenario_seconds:.1f} s ({scenario_queries} queries), "
        f"ratio to the plain mailing: {scenario_seconds / plain_seconds:.2f}x (target <= 1.3x)"
    )
    per_thousand = 1000 * scenario_queries / size
    print(
        f"  SQL queries per 1,000 participants: scenario {per_thousand:.1f}, "
        f"plain mailing {1000 * plain_queries / size:.1f}"
    )
    return per_thousand


if __name__ == "__main__":
    main()
