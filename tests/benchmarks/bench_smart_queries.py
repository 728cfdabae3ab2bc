"""Benchmark of smart_queries' triggers on a large selection.

Builds 200,000 partners (inserted in SQL: setup only), a query matching 20,000 of them and a
trigger adding a tag to the records that newly match, then prints:
  - the first run's time, and its ratio against a plain ``search()`` + ``write()`` adding a tag
    to the same records (target: at most 1.5x);
  - a second run after 1,000 more partners entered the selection, against the first run
    (target: under 10% of the first run's time);
  - SQL queries per 1,000 processed records for both runs (target: at most 20, the same for
    20,000 and 1,000 records), split into the cost of each further 1,000 records and the fixed
    cost of a run (lock, run log, search, membership update).

Each run is what the scheduled job queues: the run's job (queue_job), then one job per batch, all
stored in queue_job's table and performed here one after another as a worker performs them
(started, performed, done), so that the jobs' own cost is counted. Everything happens in one
transaction which is rolled back: the database is left as it was. The scale-out on several
workers is measured by bench_smart_queries_workers.py.
Run it from the repository root, on a database where smart_queries is installed::

    .venv/bin/python tests/benchmarks/bench_smart_queries.py -c odoo.conf -d crm_demo
    (options: --partners 200000 --matching 20000 --newcomers 1000 --batch-size 1000)

``addons/odoo`` must point at Odoo's addons (``bin/setup`` and ``bin/test`` make it).
"""

from common import argument_parser, last_job_id, perform_jobs, rolled_back_env, timed

from odoo.fields import Command

MARK = "sqbench-match"


def insert_partners(env, total, matching):
    """`total` partners, one in total/matching of them marked to match the query: copies in SQL
    of a partner made by the ORM, so that every column other addons make mandatory is filled."""
    cr = env.cr
    template = env["res.partner"].create({"name": "SQ Bench template", "type": "contact"})
    env.flush_all()
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = 'res_partner' AND column_name <> 'id'"
    )
    overrides = {
        "name": "'SQ Bench ' || n",
        "complete_name": "'SQ Bench ' || n",
        "ref": "CASE WHEN n %% %(step)s = 0 THEN %(mark)s ELSE 'sqbench-other' END",
    }
    columns = [column for (column,) in cr.fetchall()]
    selected = ", ".join(overrides.get(column, f'template."{column}"') for column in columns)
    cr.execute(
        f"""INSERT INTO res_partner ({", ".join(f'"{column}"' for column in columns)})
            SELECT {selected}
              FROM res_partner AS template, generate_series(1, %(total)s) AS n
             WHERE template.id = %(template)s""",
        {"step": total // matching, "mark": MARK, "total": total, "template": template.id},
    )
    cr.execute("ANALYZE res_partner")


def run_trigger(trigger):
    """Queue a run of `trigger` and perform its jobs, and the jobs they queue, as a worker does."""
    env = trigger.env
    last_id = last_job_id(env)
    trigger._enqueue_run()
    perform_jobs(env, last_id)
    return env["smart.query.run"].search([("trigger_id", "=", trigger.id)], limit=1)


def main():
    parser = argument_parser(__doc__.split("\n\n")[0])
    parser.add_argument("--partners", type=int, default=200_000)
    parser.add_argument("--matching", type=int, default=20_000)
    parser.add_argument("--newcomers", type=int, default=1_000)
    parser.add_argument("--batch-size", type=int, default=1_000, help="the trigger's batch size (its default: 1,000)")
    args = parser.parse_args()
    with rolled_back_env(args) as env:
        run_benchmark(env, args)


def run_benchmark(env, args):
    cr = env.cr
    insert_partners(env, args.partners, args.matching)
    Partner = env["res.partner"]
    domain = [("ref", "=", MARK)]
    Tag = env["res.partner.category"]
    plain_tag, trigger_tag = Tag.create([{"name": "SQ Bench plain"}, {"name": "SQ Bench trigger"}])
    query = env["smart.query"].create(
        {"name": "SQ Bench", "model_id": env["ir.model"]._get_id("res.partner"), "domain": repr(domain)}
    )
    trigger = env["smart.query.trigger"].create(
        {
            "name": "SQ Bench tag",
            "query_id": query.id,
            "batch_size": args.batch_size,
            "action_ids": [
                Command.create(
                    {
                        "kind": "tag_add",
                        "field_id": env["ir.model.fields"]._get("res.partner", "category_id").id,
                        "value_ref": f"res.partner.category,{trigger_tag.id}",
                    }
                )
            ],
        }
    )
    Partner.search_count(domain)  # the same warm caches for both sides

    def plain():
        records = Partner.search(domain)
        records.write({"category_id": [Command.link(plain_tag.id)]})
        return len(records)

    plain_count, plain_seconds, plain_queries = timed(env, plain)
    first, first_seconds, first_queries = timed(env, lambda: run_trigger(trigger))
    cr.execute(
        "UPDATE res_partner SET ref = %s WHERE id IN (SELECT id FROM res_partner WHERE ref = 'sqbench-other' LIMIT %s)",
        (MARK, args.newcomers),
    )
    second, second_seconds, second_queries = timed(env, lambda: run_trigger(trigger))

    assert plain_count == first.processed_count == args.matching, (plain_count, first.processed_count)
    assert second.processed_count == args.newcomers and not first.failed_count + second.failed_count
    assert len(trigger_tag.partner_ids) == args.matching + args.newcomers

    print(
        f"partners: {args.partners}, matching: {args.matching}, newcomers on the second run: {args.newcomers}, "
        f"batch size: {args.batch_size}"
    )
    print(f"plain search() + write(): {plain_seconds:.2f} s for {plain_count} records ({plain_queries} queries)")
    print(
        f"first run: {first_seconds:.2f} s for {first.processed_count} records, "
        f"ratio to plain: {first_seconds / plain_seconds:.2f}x (target <= 1.5x)"
    )
    print(
        f"second run: {second_seconds:.2f} s for {second.processed_count} records, "
        f"{100 * second_seconds / first_seconds:.1f}% of the first run (target < 10%)"
    )
    print(
        f"SQL queries per 1,000 processed records: first run {1000 * first_queries / first.processed_count:.1f}, "
        f"second run {1000 * second_queries / second.processed_count:.1f} (target <= 20)"
    )
    # What each further 1,000 records cost, and what any run costs whatever its size.
    per_thousand = (first_queries - second_queries) * 1000 / (first.processed_count - second.processed_count)
    fixed = second_queries - per_thousand * second.processed_count / 1000
    print(f"  of which: {per_thousand:.1f} queries per further 1,000 records, {fixed:.0f} queries per run")


if __name__ == "__main__":
    main()
