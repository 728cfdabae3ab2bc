"""Benchmark of crm_pipeline_automation's triggers.

1. Ten triggers on a pipeline, none of them matching (arrivals in other stages, moves from
   other stages, won, lost, arrivals in the stage under conditions the opportunities fail), and
   the stage of N opportunities written in one ``write()`` (flushed and committed as a user's
   click is): the time against the same write with the ten triggers archived (target: at most
   1.15x), and the extra SQL queries (target: a constant, the same for 100 and 1,000).
2. One matching trigger of two actions (create an activity, add a tag) and the stage of 1,000
   opportunities written at once: the queries of the click, and of the queued jobs run as a
   worker runs them, per 1,000 opportunities.

Everything happens in one transaction that is rolled back: the database is left as it was.
Run it from the repository root, on a database where crm_pipeline_automation is installed::

    .venv/bin/python tests/benchmarks/bench_crm_pipeline_automation.py -c odoo.conf -d crm_demo
    (options: --leads 1000 --small 100 --rounds 5)
"""

import argparse
import statistics
import time

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config


def build(env, count):
    """A pipeline of its own, its stages, and ``count`` opportunities in its first stage."""
    team = env["crm.team"].create({"name": "Bench pipeline"})
    stages = env["crm.stage"].create(
        [
            {"name": f"Bench stage {index}", "sequence": 100 + index, "team_ids": [Command.link(team.id)]}
            for index in range(8)
        ]
    )
    leads = env["crm.lead"].create(
        [
            {"name": f"Bench opportunity {index}", "type": "opportunity", "team_id": team.id, "stage_id": stages[0].id}
            for index in range(count)
        ]
    )
    env.flush_all()
    env.cr.flush()
    return team, stages, leads


def make_idle_triggers(env, team, stages):
    """Ten triggers the write of stage 0 to stage 1 sets off for none of the opportunities."""
    target = stages[1]
    values = [{"event": "stage_reached", "stage_id": stage.id} for stage in stages[2:6]]
    values += [{"event": "stage_moved", "from_stage_id": stage.id, "stage_id": target.id} for stage in stages[6:8]]
    values += [{"event": "won"}, {"event": "lost"}]
    values += [
        {"event": "stage_reached", "stage_id": target.id, "filter_domain": "[('expected_revenue', '>', 10 ** 9)]"},
        {"event": "stage_reached", "stage_id": target.id, "filter_domain": "[('partner_id.name', '=', 'Nobody')]"},
    ]
    return env["crm.pipeline.trigger"].create(
        [{"name": f"Bench idle {index}", "team_id": team.id, **vals} for index, vals in enumerate(values)]
    )


def timed_write(env, leads, stage):
    """Seconds and queries of writing the stage and committing it, undone afterwards."""
    cr = env.cr
    env.invalidate_all()
    with cr.savepoint(flush=True) as savepoint:
        cr.sql_log_count = 0
        start = time.perf_counter()
        leads.write({"stage_id": stage.id})
        env.flush_all()
        cr.flush()  # the commit's work: precommit hooks, our events included
        seconds = time.perf_counter() - start
        queries = cr.sql_log_count
        savepoint.rollback()
    env.invalidate_all()
    return seconds, queries


def idle_triggers(env, count, rounds):
    team, stages, leads = build(env, count)
    triggers = make_idle_triggers(env, team, stages)
    timed_write(env, leads, stages[1])  # warm the caches once
    with_triggers, without_triggers = [], []
    queries = {}
    for _round in range(rounds):
        triggers.active = True
        seconds, queries[True] = timed_write(env, leads, stages[1])
        with_triggers.append(seconds)
        triggers.active = False
        seconds, queries[False] = timed_write(env, leads, stages[1])
        without_triggers.append(seconds)
    logs = env["crm.pipeline.trigger.log"].search_count([("trigger_id", "in", triggers.ids)])
    return statistics.median(with_triggers), statistics.median(without_triggers), queries, logs


def matching_trigger(env, count):
    # Imported once the configuration gave the addons path.
    from odoo.addons.queue_job.tests.common import trap_jobs  # noqa: PLC0415

    team, stages, leads = build(env, count)
    tag = env["crm.tag"].create({"name": "Bench tag"})
    trigger = env["crm.pipeline.trigger"].create(
        {
            "name": "Bench matching",
            "team_id": team.id,
            "event": "stage_reached",
            "stage_id": stages[1].id,
            "action_ids": [
                Command.create(
                    {
                        "kind": "activity",
                        "activity_type_id": env.ref("mail.mail_activity_data_todo").id,
                        "activity_summary": "Bench follow-up",
                        "activity_assignee": "user",
                        "activity_user_id": env.ref("base.user_admin").id,
                    }
                ),
                Command.create({"kind": "tag", "tag_id": tag.id, "sequence": 20}),
            ],
        }
    )
    cr = env.cr
    env.invalidate_all()
    with trap_jobs() as trap:
        cr.sql_log_count = 0
        start = time.perf_counter()
        leads.write({"stage_id": stages[1].id})
        env.flush_all()
        cr.flush()
        click_seconds, click_queries = time.perf_counter() - start, cr.sql_log_count
        jobs = len(trap.enqueued_jobs)
        env.invalidate_all()
        cr.sql_log_count = 0
        start = time.perf_counter()
        trap.perform_enqueued_jobs()
        env.flush_all()
        cr.flush()
        job_seconds, job_queries = time.perf_counter() - start, cr.sql_log_count
    logs = env["crm.pipeline.trigger.log"].search([("trigger_id", "=", trigger.id)])
    done = len(logs.filtered(lambda log: log.state == "done"))
    return click_seconds, click_queries, jobs, job_seconds, job_queries, done


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-c", "--config", required=True, help="Odoo configuration file")
    parser.add_argument("-d", "--database", required=True, help="database with crm_pipeline_automation installed")
    parser.add_argument("--leads", type=int, default=1000, help="opportunities of the large run")
    parser.add_argument("--small", type=int, default=100, help="opportunities of the small run")
    parser.add_argument("--rounds", type=int, default=5, help="timed writes of each kind (the median is kept)")
    args = parser.parse_args()

    config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = Registry(args.database)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": False})
        try:
            # The other triggers of the database (the demo's) are set aside: both runs compare the ten.
            env["crm.pipeline.trigger"].search([]).active = False
            extra = {}
            for size in (args.small, args.leads):
                with_s, without_s, queries, logs = idle_triggers(env, size, args.rounds)
                extra[size] = queries[True] - queries[False]
                print(
                    f"{size} opportunities, 10 triggers none matching: write {with_s:.3f}s vs {without_s:.3f}s "
                    f"with them archived: ratio {with_s / without_s:.2f}x; queries {queries[True]} vs "
                    f"{queries[False]}: {extra[size]} extra; {logs} fired"
                )
            print(f"extra queries: {extra[args.small]} for {args.small}, {extra[args.leads]} for {args.leads}")
            click_s, click_q, jobs, job_s, job_q, done = matching_trigger(env, args.leads)
            per_thousand = 1000 / args.leads
            print(
                f"{args.leads} opportunities, 1 matching trigger of 2 actions: the click {click_s:.2f}s, "
                f"{click_q} queries; {jobs} jobs queued, run in {job_s:.2f}s, {job_q * per_thousand:.0f} "
                f"queries per 1,000 opportunities; {done} logs done"
            )
        finally:
            cr.rollback()


if __name__ == "__main__":
    main()
