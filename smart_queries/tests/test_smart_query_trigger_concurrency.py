import threading

from odoo import SUPERUSER_ID, api
from odoo.fields import Command
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

RECORDS = 20
BATCH = 10


@tagged("post_install", "-at_install")
class TestSmartQueryTriggerJobs(BaseCase):
    """Real queue.job records on committed cursors, as the job runner's workers have them: the
    data is committed, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
            self.last_job_id = cr.fetchone()[0]
            self.partner_ids = env["res.partner"].create([{"name": f"SQ Race {index}"} for index in range(RECORDS)]).ids
            query = env["smart.query"].create(
                {
                    "name": "SQ race",
                    "model_id": env["ir.model"]._get_id("res.partner"),
                    "domain": "[('name', 'like', 'SQ Race')]",
                }
            )
            self.trigger_id = (
                env["smart.query.trigger"]
                .create(
                    {
                        "name": "SQ race",
                        "query_id": query.id,
                        "batch_size": BATCH,
                        "action_ids": [
                            Command.create(
                                {"kind": "activity", "activity_type_id": env.ref("mail.mail_activity_data_call").id}
                            )
                        ],
                    }
                )
                .id
            )
        self.addCleanup(self.remove_data)

    def remove_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            trigger = env["smart.query.trigger"].browse(self.trigger_id)
            query = trigger.query_id
            cr.execute("DELETE FROM queue_job WHERE id > %s", (self.last_job_id,))
            trigger.unlink()
            query.unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def enqueue_run(self):
        with self.registry.cursor() as cr:
            self.env_of(cr)["smart.query.trigger"].browse(self.trigger_id)._enqueue_run()

    def jobs(self, cr, method, states=("pending", "enqueued")):
        return self.env_of(cr)["queue.job"].search(
            [("id", ">", self.last_job_id), ("method_name", "=", method), ("state", "in", states)], order="id"
        )

    def enqueue_and_perform_run_job(self):
        self.enqueue_run()
        with self.registry.cursor() as cr:
            (job,) = self.jobs(cr, "_job_run")
            self.perform(job.uuid)

    def batch_uuids(self):
        with self.registry.cursor() as cr:
            return self.jobs(cr, "_job_process_batch").mapped("uuid")

    def perform(self, uuid):
        """Run a job as the job runner's worker does (queue_job's controller), and commit."""
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            cr.execute("UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", (uuid,))
            job = RunJobController._acquire_job(env, uuid)
            self.assertTrue(job, "the job could be acquired")
            try:
                RunJobController._runjob(env, job)
            except Exception:  # noqa: BLE001 - queue_job stored the failure in its own cursor
                cr.rollback()
                return False
            cr.commit()
            return True

    def run_log(self, cr):
        return self.env_of(cr)["smart.query.run"].search([("trigger_id", "=", self.trigger_id)])

    def activities(self, cr):
        return self.env_of(cr)["mail.activity"].search_count(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.partner_ids)]
        )

    def test_the_run_log_s_state_comes_from_its_batch_jobs(self):
        self.enqueue_and_perform_run_job()
        first, second = self.batch_uuids()
        with self.registry.cursor() as cr:
            run = self.run_log(cr)
            self.assertEqual((run.state, run.new_count, len(run.job_ids)), ("running", RECORDS, 2))
        self.perform(first)
        with self.registry.cursor() as cr:
            self.assertEqual(self.run_log(cr).state, "running")
        self.perform(second)
        with self.registry.cursor() as cr:
            run = self.run_log(cr)
            self.assertEqual((run.state, run.processed_count), ("done", RECORDS))
            self.assertTrue(run.end_date)
            self.assertEqual(self.activities(cr), RECORDS)

    def test_a_worker_killed_in_a_batch_leaves_a_job_queue_job_requeues_not_a_stuck_log(self):
        self.enqueue_and_perform_run_job()
        first, second = self.batch_uuids()
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            cr.execute("UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", (first,))
            job = RunJobController._acquire_job(env, first)
            env["smart.query.run"].browse(job.recordset.id)._job_process_batch(*job.args)
            # The worker dies here: its transaction is rolled back with the connection.
            cr.rollback()
        with self.registry.cursor() as cr:
            self.assertEqual(self.run_log(cr).state, "running", "a started job is unfinished, not lost")
            self.assertEqual(self.activities(cr), 0)
            # What the job runner does with the jobs of dead workers.
            cr.execute("UPDATE queue_job SET state = 'pending' WHERE uuid = %s AND state = 'started'", (first,))
        self.assertTrue(self.perform(first))
        self.assertTrue(self.perform(second))
        with self.registry.cursor() as cr:
            run = self.run_log(cr)
            self.assertEqual((run.state, run.processed_count, run.failed_count), ("done", RECORDS, 0))
            self.assertEqual(self.activities(cr), RECORDS, "every record acted upon exactly once")

    def test_a_failed_batch_job_shows_on_its_run_and_its_records_go_to_the_next_run(self):
        self.enqueue_and_perform_run_job()
        first, second = self.batch_uuids()
        with self.registry.cursor() as cr:
            # A reference lost between the run and its batch: the batch job fails for good.
            self.env_of(cr)["smart.query.trigger"].browse(self.trigger_id).query_id.active = False
        self.assertFalse(self.perform(first))
        with self.registry.cursor() as cr:
            run = self.run_log(cr)
            self.assertEqual(run.state, "failed")
            self.assertIn("is archived: restore it", run.error_details)
            self.env_of(cr)["smart.query.trigger"].browse(self.trigger_id).query_id.active = True
        self.assertTrue(self.perform(second))
        # The next run takes the failed batch's records: one batch, acted upon in the run's job.
        self.enqueue_and_perform_run_job()
        with self.registry.cursor() as cr:
            latest = self.run_log(cr)[0]
            self.assertEqual((latest.state, latest.processed_count), ("done", BATCH))
            self.assertEqual(self.activities(cr), RECORDS)

    def test_two_batch_jobs_finishing_at_once_lose_no_count(self):
        self.enqueue_and_perform_run_job()
        first, second = self.batch_uuids()
        with self.registry.cursor() as cr_a:
            env_a = self.env_of(cr_a)
            cr_a.execute("UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", (first,))
            job_a = RunJobController._acquire_job(env_a, first)
            job_a.perform()
            job_a.set_done()
            job_a.store()
            # The first batch job holds its counts, uncommitted, while the second one finishes.
            other = threading.Thread(target=self.perform, args=(second,))
            other.start()
            other.join(timeout=30)
            self.assertFalse(other.is_alive(), "the second job does not wait for the first")
            cr_a.commit()
        with self.registry.cursor() as cr:
            run = self.run_log(cr)
            self.assertEqual((run.processed_count, run.state), (RECORDS, "done"))
            self.assertEqual(self.activities(cr), RECORDS)
            jobs = self.jobs(cr, "_job_process_batch", states=("done",))
            self.assertEqual(jobs.mapped("retry"), [1, 1], "no job was postponed by a conflict")

    def test_two_runs_of_one_trigger_never_update_its_members_at_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            trigger_a = self.env_of(cr_a)["smart.query.trigger"].browse(self.trigger_id)
            trigger_b = self.env_of(cr_b)["smart.query.trigger"].browse(self.trigger_id)
            trigger_a._job_run()
            with self.assertRaises(RetryableJobError):
                trigger_b._job_run()
            cr_b.rollback()
            cr_a.commit()
            run = trigger_b._job_run()
            self.assertEqual(run.new_count, 0, "the second run finds the members handed to the first")
            cr_b.rollback()

    def test_the_same_batch_performed_twice_acts_once(self):
        self.enqueue_and_perform_run_job()
        first, _second = self.batch_uuids()
        with self.registry.cursor() as cr:
            job = Job.load(self.env_of(cr), first)
            args = job.args
            run_id = job.recordset.id
        self.assertTrue(self.perform(first))
        with self.registry.cursor() as cr:
            acted = self.env_of(cr)["smart.query.run"].browse(run_id)._job_process_batch(*args)
            self.assertEqual(acted, 0, "its records were done")
            cr.commit()
            self.assertEqual(self.activities(cr), BATCH)
