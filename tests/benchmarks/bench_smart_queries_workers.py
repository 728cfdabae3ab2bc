"""Scale-out of smart_queries' trigger runs on queue_job workers, and a worker killed mid-batch.

Creates a scratch database (dropped at the end), installs smart_queries in it, inserts 200,000
partners of which 20,000 match a query, and a trigger that tags them and counts, per partner, how
many times its actions ran (a server action adding 1 to the partner's colour index). Then:

  - for 1 and 2 workers: starts a real Odoo server on loopback (``--workers N``, queue_job's job
    runner with ``root:N``), runs the trigger 3 times (members, tags and counts reset between
    runs) and prints the median wall time from queueing the run to its last batch done, and the
    ratio of 2 workers to 1 (aim: at most 0.75x on a 2-core machine, whose limit is 0.5x);
  - after each run, counts the partners acted upon once, more than once, or never;
  - the fault test: kill -9 the worker performing a batch job in the middle of the run; the
    job runner requeues the job, Odoo starts a new worker, and every partner must be acted upon
    exactly once and the run log end done.

Run it from the repository root (the demo server may stay up: this one uses ports 8169/8172)::

    .venv/bin/python tests/benchmarks/bench_smart_queries_workers.py -c odoo.conf
    (options: --partners 200000 --matching 20000 --runs 3 --keep)
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import time

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tools import config

from bench_smart_queries import MARK, insert_partners  # the same partners as the in-process benchmark

DATABASE = "smart_queries_scaleout"
HTTP_PORT = 8169
GEVENT_PORT = 8172
COUNTER_CODE = (
    "env.cr.execute('UPDATE res_partner SET color = COALESCE(color, 0) + 1 WHERE id IN %s', [tuple(records.ids)])"
)


def odoo(config_path, *args, **popen):
    return subprocess.Popen([sys.executable, "-m", "odoo", *args, "-c", config_path, "-d", DATABASE], **popen)


def create_database(config_path, partners, matching):
    install = odoo(config_path, "server", "-i", "smart_queries", "--stop-after-init", "--no-http", "--log-level=warn")
    if install.wait():
        sys.exit("installing smart_queries in the scratch database failed")
    registry = Registry(DATABASE)
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        insert_partners(env, partners, matching)
        cr.execute("UPDATE res_partner SET color = 0 WHERE ref = %s", (MARK,))
        tag = env["res.partner.category"].create({"name": "SQ Bench workers"})
        counter = env["ir.actions.server"].create(
            {
                "name": "SQ Bench count",
                "model_id": env["ir.model"]._get_id("res.partner"),
                "state": "code",
                "code": COUNTER_CODE,
            }
        )
        query = env["smart.query"].create(
            {
                "name": "SQ Bench workers",
                "model_id": env["ir.model"]._get_id("res.partner"),
                "domain": repr([("ref", "=", MARK)]),
            }
        )
        trigger = env["smart.query.trigger"].create(
            {
                "name": "SQ Bench workers",
                "query_id": query.id,
                "action_ids": [
                    Command.create(
                        {
                            "kind": "tag_add",
                            "field_id": env["ir.model.fields"]._get("res.partner", "category_id").id,
                            "value_ref": f"res.partner.category,{tag.id}",
                        }
                    ),
                    Command.create({"kind": "server_action", "server_action_id": counter.id}),
                ],
            }
        )
        cr.commit()
        return registry, trigger.id, tag.id


def start_server(config_path, workers):
    environment = dict(
        os.environ,
        ODOO_QUEUE_JOB_CHANNELS=f"root:{workers},root.smart_queries:{workers}",
        ODOO_QUEUE_JOB_PORT=str(HTTP_PORT),
        ODOO_QUEUE_JOB_HOST="127.0.0.1",
    )
    server = odoo(
        config_path,
        "server",
        f"--workers={workers}",
        "--max-cron-threads=0",
        f"--http-port={HTTP_PORT}",
        f"--gevent-port={GEVENT_PORT}",
        "--http-interface=127.0.0.1",
        f"--db-filter=^{DATABASE}$",
        "--limit-time-real=1200",
        "--limit-time-cpu=1200",
        "--limit-memory-soft=4294967296",
        "--limit-memory-hard=6442450944",
        "--log-level=warn",
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    time.sleep(8)  # the job runner starts a few seconds after the workers
    return server


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def reset(registry, trigger_id, tag_id):
    with registry.cursor() as cr:
        cr.execute("DELETE FROM smart_query_member WHERE trigger_id = %s", (trigger_id,))
        cr.execute("DELETE FROM res_partner_res_partner_category_rel WHERE category_id = %s", (tag_id,))
        cr.execute("UPDATE res_partner SET color = 0 WHERE color <> 0")
        cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
        return cr.fetchone()[0]


def queue_run(registry, trigger_id):
    with registry.cursor() as cr:
        api.Environment(cr, SUPERUSER_ID, {})["smart.query.trigger"].browse(trigger_id)._enqueue_run()


def wait_for_jobs(registry, last_job_id, on_started=None, timeout=1800):
    """Wait until the run's jobs are all done; `on_started(cr, job)` sees each started batch."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with registry.cursor() as cr:
            cr.execute(
                "SELECT method_name, state, worker_pid, uuid FROM queue_job WHERE id > %s ORDER BY id", (last_job_id,)
            )
            jobs = cr.fetchall()
        failed = [job for job in jobs if job[1] == "failed"]
        if failed:
            sys.exit(f"a job failed: {failed[0]}")
        if on_started:
            for job in jobs:
                if job[0] == "_job_process_batch" and job[1] == "started" and on_started(job):
                    on_started = None
                    break
        run_done = any(job[0] == "_job_run" and job[1] == "done" for job in jobs)
        if run_done and all(job[1] == "done" for job in jobs):
            return len(jobs)
        time.sleep(0.2)
    sys.exit("the run did not end in time")


def batch_jobs(registry, last_job_id):
    """The most batch jobs that were started and not yet done at the same moment, and the median
    time a batch job took (queue_job's exec_time)."""
    with registry.cursor() as cr:
        cr.execute(
            "SELECT date_started, date_done, exec_time FROM queue_job"
            " WHERE id > %s AND method_name = '_job_process_batch'",
            (last_job_id,),
        )
        spans = cr.fetchall()
    at_once = max((sum(1 for start, end, _t in spans if start <= moment < end) for moment, _e, _t in spans), default=0)
    return at_once, statistics.median(exec_time for _start, _end, exec_time in spans) if spans else 0


def count_actions(registry, matching, tag_id):
    with registry.cursor() as cr:
        cr.execute(
            "SELECT count(*) FILTER (WHERE color = 1), count(*) FILTER (WHERE color > 1),"
            "       count(*) FILTER (WHERE color = 0) FROM res_partner WHERE ref = %s",
            (MARK,),
        )
        once, twice, never = cr.fetchone()
        cr.execute("SELECT count(*) FROM res_partner_res_partner_category_rel WHERE category_id = %s", (tag_id,))
        tagged = cr.fetchone()[0]
    return once, twice, never, tagged


def run_state(registry, trigger_id):
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        run = env["smart.query.run"].search([("trigger_id", "=", trigger_id)], limit=1)
        return run.state, run.processed_count


def timed_run(registry, trigger_id, tag_id, on_started=None):
    """Reset the trigger's members, tags and counts, queue a run and wait for its last job:
    (seconds, how many jobs, the first job id of the run)."""
    last_job_id = reset(registry, trigger_id, tag_id)
    start = time.perf_counter()
    queue_run(registry, trigger_id)
    jobs = wait_for_jobs(registry, last_job_id, on_started=on_started)
    return time.perf_counter() - start, jobs, last_job_id


def outcome(registry, trigger_id, tag_id, matching):
    """What the run did, in words, and whether every record was acted upon exactly once with the
    run log done."""
    once, twice, never, tagged = count_actions(registry, matching, tag_id)
    state, processed = run_state(registry, trigger_id)
    text = (
        f"acted upon once: {once}, more than once: {twice}, never: {never}, tagged: {tagged}; "
        f"run log {state}, {processed} processed"
    )
    return text, (once, twice, never, tagged, state) == (matching, 0, 0, matching, "done")


def measure(config_path, registry, trigger_id, tag_id, workers, runs, matching):
    server = start_server(config_path, workers)
    times = []
    try:
        for index in range(runs):
            seconds, jobs, last_job_id = timed_run(registry, trigger_id, tag_id)
            times.append(seconds)
            at_once, batch_seconds = batch_jobs(registry, last_job_id)
            text, exactly_once = outcome(registry, trigger_id, tag_id, matching)
            print(
                f"  {workers} worker(s), run {index + 1}: {seconds:.1f} s, {jobs} jobs, at most {at_once} at once, "
                f"a batch job {batch_seconds:.2f} s (median); {text}"
            )
            assert exactly_once, "a record was lost or acted twice"
    finally:
        stop_server(server)
    return statistics.median(times)


def fault_test(config_path, registry, trigger_id, tag_id, matching):
    server = start_server(config_path, 1)
    killed = []

    def kill_worker(job):
        _method, _state, worker_pid, uuid = job
        if worker_pid and not killed:
            time.sleep(0.3)  # in the middle of the batch
            os.kill(worker_pid, signal.SIGKILL)
            killed.append((worker_pid, uuid))
            return True
        return False

    try:
        seconds, _jobs, _last_job_id = timed_run(registry, trigger_id, tag_id, on_started=kill_worker)
    finally:
        stop_server(server)
    text, exactly_once = outcome(registry, trigger_id, tag_id, matching)
    print(
        f"fault test: worker {killed[0][0]} killed (kill -9) during batch job {killed[0][1]}; "
        f"run ended in {seconds:.1f} s; {text}"
    )
    assert killed and exactly_once, "the fault test failed"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("--partners", type=int, default=200_000)
    parser.add_argument("--matching", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the scratch database")
    parser.add_argument("--no-fault", action="store_true", help="skip the fault test")
    args = parser.parse_args()
    config_path = os.path.abspath(args.config)
    config.parse_config(["-c", config_path, "-d", DATABASE])
    dropdb = [sys.executable, "-m", "odoo", "db", "-c", config_path, "drop", DATABASE]
    subprocess.run(dropdb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    try:
        registry, trigger_id, tag_id = create_database(config_path, args.partners, args.matching)
        print(f"partners: {args.partners}, matching: {args.matching}, runs per measure: {args.runs}")
        medians = {
            workers: measure(config_path, registry, trigger_id, tag_id, workers, args.runs, args.matching)
            for workers in (1, 2)
        }
        print(
            f"median wall time: 1 worker {medians[1]:.1f} s, 2 workers {medians[2]:.1f} s, "
            f"ratio 2 workers / 1 worker: {medians[2] / medians[1]:.2f}x (aim <= 0.75x, limit 0.5x on 2 cores)"
        )
        if not args.no_fault:
            fault_test(config_path, registry, trigger_id, tag_id, args.matching)
    finally:
        Registry.delete(DATABASE)
        if not args.keep:
            subprocess.run(dropdb, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


if __name__ == "__main__":
    main()
