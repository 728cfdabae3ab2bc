"""What the in-process benchmarks share: a database opened as the superuser in one transaction
that is rolled back at the end (the database is left as it was), or a copy of it where the work
commits as in production, dropped at the end; timings that include what a commit would do, and
queue_job jobs performed one after another as a worker performs them.

The scripts run from the repository root (``.venv/bin/python tests/benchmarks/bench_x.py``):
Python puts their folder first on the path, so ``from common import ...`` finds this module.
"""

import argparse
import time
from contextlib import contextmanager

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tools import config


def argument_parser(description):
    """A parser with the database options every benchmark takes (-c, -d)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    return parser


@contextmanager
def rolled_back_env(args, context=None, log_level=None):
    """An environment of the superuser on `args.database`, whose transaction is rolled back
    whatever happens."""
    options = ["-c", args.config, "-d", args.database]
    if log_level:
        options.append(f"--log-level={log_level}")
    config.parse_config(options)
    registry = Registry(args.database)
    with registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, dict(context or {}))
        finally:
            cr.rollback()


@contextmanager
def committed_copy_env(args, context=None):
    """An environment of the superuser on a copy of `args.database` (Odoo's duplication: the
    database and its filestore), dropped at the end: there the work commits as it does in
    production, job after job, and the database given is left as it was. Odoo's duplication
    ends the other connections to that database: give one that nobody is using."""
    from odoo.service import db  # noqa: PLC0415 - importable once the configuration is parsed

    config.parse_config(["-c", args.config])  # no -d: Odoo would list that database only
    copy = f"{args.database}_bench_copy"
    if copy in db.list_dbs(force=True):
        db.exp_drop(copy)
    db.exp_duplicate_database(args.database, copy)
    try:
        with Registry(copy).cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, dict(context or {}))
    finally:
        Registry.delete(copy)
        db.exp_drop(copy)


def timed(env, function, commit=False):
    """(result, seconds, queries) of `function`, up to what a commit would do: the flush and
    the pre-commit hooks (such as the chatter's tracking), so that both sides of a comparison
    pay for them; with `commit`, the commit itself (see `committed_copy_env`)."""
    end = env.cr.commit if commit else env.cr.flush
    end()
    env.invalidate_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = function()
    end()
    return result, time.perf_counter() - start, env.cr.sql_log_count - queries


def last_job_id(env):
    env.cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
    return env.cr.fetchone()[0]


def perform_jobs(env, after_id, commit=False):
    """Perform the pending jobs queued after job `after_id`, and those they queue, stored in
    queue_job's table and run as a worker runs them (started, performed, done). With `commit`
    (see `committed_copy_env`), each in a transaction of its own, started and done in
    transactions of their own, with an empty cache, as on a worker."""
    from odoo.addons.queue_job.job import Job  # noqa: PLC0415 - importable once Odoo's addons path is set

    performed = 0
    while True:
        pending = env["queue.job"].search([("id", ">", after_id), ("state", "=", "pending")], order="id")
        if not pending:
            return performed
        for record in pending:
            job = Job.load(env, record.uuid)
            job.set_started()
            job.store()
            if commit:
                env.cr.commit()
            job.perform()
            job.set_done()
            job.store()
            if commit:
                env.cr.commit()
                env.invalidate_all()
            performed += 1
