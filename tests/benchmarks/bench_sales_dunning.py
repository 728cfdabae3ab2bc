"""Benchmark of sales_dunning's invoice reminders on many overdue invoices.

Builds 1,000 customers and 5,000 overdue customer invoices (made by the ORM in batches of 500,
posted in batches; no PDF is rendered), then 5,000 more, with the company's shipped policy of
three levels (+7, +15, +30 days), and prints:
  - "Today's reminders" (the preview: the engine's selection read per level, grouped per
    customer and level, without making any line): its time and SQL queries for 5,000 and for
    10,000 invoices (target: the same query count, within 10%);
  - the full run on the 10,000 invoices: the run's job (the engine's credit control run, the
    lines put to send, one communication per customer and level) and the 1,000 sending jobs it
    queues, stored in queue_job's table and performed here one after another as a worker
    performs them; against rendering and queueing the same e-mails, on the same communications,
    with ``mail.template.send_mail`` in a plain loop (target: at most 1.3x, jobs included);
  - the same ``send_mail`` calls made each in a job of its own, and with the run's job the floor
    of any run that sends one job per reminder, whatever it does around the e-mail.

Everything happens in one transaction which is rolled back: the database is left as it was.
Run it from the repository root, on a database where sales_dunning is installed::

    .venv/bin/python tests/benchmarks/bench_sales_dunning.py -c odoo.conf -d crm_demo
    (options: --customers 1000 --invoices 5000)
"""

import time
from datetime import timedelta

from common import argument_parser, last_job_id, perform_jobs, rolled_back_env, timed

from odoo import fields

BATCH = 500  # invoices created and posted per ORM call: setup only


def make_invoices(env, customers, count, offset):
    """`count` posted invoices, spread over `customers`, due 8 to 27 days ago (first level)."""
    today = fields.Date.context_today(env["res.partner"])
    product = env["product.product"].search([("name", "=", "SD Bench product")], limit=1) or env[
        "product.product"
    ].create({"name": "SD Bench product", "list_price": 100.0, "taxes_id": [(5,)]})
    for start in range(0, count, BATCH):
        values = []
        for n in range(start, min(start + BATCH, count)):
            due = today - timedelta(days=8 + (n + offset) % 20)
            values.append(
                {
                    "move_type": "out_invoice",
                    "partner_id": customers[(n + offset) % len(customers)].id,
                    "invoice_date": due,
                    "invoice_date_due": due,
                    "invoice_payment_term_id": False,
                    "invoice_line_ids": [
                        (0, 0, {"product_id": product.id, "quantity": 1, "price_unit": 100.0, "tax_ids": [(5,)]})
                    ],
                }
            )
        moves = env["account.move"].create(values)
        moves.action_post()
        env.flush_all()
        env.invalidate_all()


def preview(env):
    wizard = env["sales.dunning.preview"].create({})
    wizard._compute_lines()
    return wizard.line_ids


def main():
    parser = argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--customers", type=int, default=1_000)
    parser.add_argument(
        "--invoices", type=int, default=5_000, help="invoices of the first step; the second doubles them"
    )
    args = parser.parse_args()
    with rolled_back_env(args, context={"tracking_disable": True}) as env:
        run_benchmark(env, args)


def run_benchmark(env, args):
    cr = env.cr
    company = env.company
    company.sales_dunning_reminders = True
    if not company.credit_policy_id:
        company._sales_dunning_create_default_policy()
    company.sales_dunning_courtesy_days = 0  # the levels only: the courtesy step is another flow
    customers = env["res.partner"].create(
        [
            {"name": f"SD Bench customer {n}", "email": f"customer{n}@sdbench.example", "is_company": True}
            for n in range(args.customers)
        ]
    )
    start = time.perf_counter()
    make_invoices(env, customers, args.invoices, 0)
    print(f"setup: {args.invoices} invoices of {args.customers} customers in {time.perf_counter() - start:.1f}s")

    lines, seconds, queries = timed(env, lambda: preview(env))
    print(f"preview, {args.invoices} invoices: {seconds:.2f}s, {queries} queries, {len(lines)} customer-level lines")
    first_queries = queries

    make_invoices(env, customers, args.invoices, args.invoices)
    total = 2 * args.invoices
    lines, seconds, queries = timed(env, lambda: preview(env))
    print(f"preview, {total} invoices: {seconds:.2f}s, {queries} queries, {len(lines)} customer-level lines")
    print(
        f"preview queries, {total} against {args.invoices} invoices: {queries / first_queries:.2f}x (target: 1.00 +- 0.10)"
    )

    # The plain loop: the same communications (made untimed by the engine), one send_mail each.
    env.flush_all()
    cr.execute("SAVEPOINT sd_bench_plain")
    run = env["credit.control.run"].create(
        {
            "date": fields.Date.context_today(env["res.partner"]),
            "company_id": company.id,
            "policy_ids": company.credit_policy_id.ids,
        }
    )
    run.generate_credit_lines()
    run.line_ids.write({"state": "to_be_sent"})
    communications = env["credit.control.communication"]._generate_comm_from_credit_lines(run.line_ids)
    template = env.ref("sales_dunning.mail_template_invoice_reminder")

    def plain():
        for communication in communications:
            template.send_mail(communication.id)

    _result, plain_seconds, plain_queries = timed(env, plain)
    print(
        f"plain send_mail loop: {len(communications)} e-mails of {len(run.line_ids)} invoices in "
        f"{plain_seconds:.2f}s, {plain_queries} queries"
    )
    # What one job per reminder costs by itself: the same send_mail calls, each in a queue_job
    # job of its own, performed as a worker performs them.
    first_job = last_job_id(env)
    for communication in communications:
        template.with_delay().send_mail(communication.id)
    _result, jobs_seconds, jobs_queries = timed(env, lambda: perform_jobs(env, first_job))
    print(
        f"the same send_mail calls, one job each: {jobs_seconds:.2f}s, {jobs_queries} queries "
        f"({jobs_seconds / plain_seconds:.2f}x the plain loop)"
    )
    env.invalidate_all()
    cr.execute("ROLLBACK TO SAVEPOINT sd_bench_plain")
    env.registry.clear_cache()

    last_job = last_job_id(env)
    steps = {}

    def full_run():
        today = fields.Date.context_today(env["res.partner"])
        _result, steps["run"], steps["run_queries"] = timed(
            env, lambda: env["credit.control.run"]._job_sales_dunning_run(company, today)
        )
        _result, steps["send"], steps["send_queries"] = timed(env, lambda: perform_jobs(env, last_job))

    _result, run_seconds, run_queries = timed(env, full_run)
    sent = env["credit.control.communication"].search_count(
        [("partner_id", "in", customers.ids), ("sales_dunning_state", "=", "sent")]
    )
    print(f"full run, jobs included: {sent} e-mails in {run_seconds:.2f}s, {run_queries} queries")
    print(
        f"  of which the run's job (detection, communications, queueing): {steps['run']:.2f}s, "
        f"{steps['run_queries']} queries; the sending jobs: {steps['send']:.2f}s, {steps['send_queries']} queries"
    )
    print(f"full run against the plain loop: {run_seconds / plain_seconds:.2f}x (target: at most 1.30x)")
    print(
        "  floor of any run sending one job per reminder (the run's job, then send_mail in one job each): "
        f"{(steps['run'] + jobs_seconds) / plain_seconds:.2f}x"
    )


if __name__ == "__main__":
    main()
