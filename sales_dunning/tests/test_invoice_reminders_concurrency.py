from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name

from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.exception import RetryableJobError


@tagged("post_install", "-at_install")
class TestInvoiceRemindersConcurrency(BaseCase):
    """Two jobs at once, on committed cursors as the job runner's workers have them: the
    customer, its overdue invoice and the reminders are committed, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            self.company_id = env.company.id
            self.assertTrue(env.company.sales_dunning_reminders and env.company.credit_policy_id)
            cr.execute("SELECT COALESCE(max(id), 0) FROM queue_job")
            self.last_job_id = cr.fetchone()[0]
            cr.execute("SELECT COALESCE(max(id), 0) FROM credit_control_run")
            self.last_run_id = cr.fetchone()[0]
            self.today = fields.Date.context_today(env.user)
            customer = env["res.partner"].create(
                {"name": "SD Race SARL", "email": "compta@sd-race.example", "is_company": True}
            )
            due = self.today - timedelta(days=8)
            invoice = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": customer.id,
                    "invoice_date": due,
                    "invoice_date_due": due,
                    "invoice_payment_term_id": False,
                    "invoice_line_ids": [(0, 0, {"name": "Conseil", "quantity": 1, "price_unit": 500.0})],
                }
            )
            invoice.action_post()
            self.customer_id, self.invoice_id = customer.id, invoice.id
        self.addCleanup(self.remove_data)

    def remove_data(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            cr.execute("DELETE FROM queue_job WHERE id > %s", (self.last_job_id,))
            lines = env["credit.control.line"].search([("partner_id", "=", self.customer_id)])
            communications = lines.communication_id
            # The engine deletes draft lines only: the history of a real customer is kept.
            lines.write({"state": "draft"})
            lines.unlink()
            communications.unlink()
            env["credit.control.run"].search([("id", ">", self.last_run_id)]).unlink()
            invoice = env["account.move"].browse(self.invoice_id)
            invoice.button_draft()
            invoice.with_context(force_delete=True).unlink()
            env["res.partner"].browse(self.customer_id).unlink()

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def run_job_of(self, cr):
        """The run job's method, for this customer only (as "Send reminder" on it)."""
        env = self.env_of(cr)
        runs = env["credit.control.run"].with_context(sales_dunning_partner_ids=[self.customer_id])
        return lambda: runs._job_sales_dunning_run(env["res.company"].browse(self.company_id), self.today)

    def sending_jobs(self, cr, states=("pending", "enqueued")):
        return self.env_of(cr)["queue.job"].search(
            [
                ("id", ">", self.last_job_id),
                ("method_name", "=", "_job_sales_dunning_send"),
                ("state", "in", states),
            ],
            order="id",
        )

    def acquire(self, cr, uuid):
        """A worker takes the job, as the job runner hands it over (started, committed)."""
        cr.execute("UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s", (uuid,))
        job = RunJobController._acquire_job(self.env_of(cr), uuid)
        self.assertTrue(job, "the job could be acquired")
        return job

    def perform(self, uuid):
        """Run a job as the job runner's worker does (queue_job's controller), and commit."""
        with self.registry.cursor() as cr:
            RunJobController._runjob(self.env_of(cr), self.acquire(cr, uuid))
            cr.commit()

    def reminders(self, cr):
        """(sent communications of the customer, their reminder messages)."""
        env = self.env_of(cr)
        communications = env["credit.control.communication"].search(
            [("partner_id", "=", self.customer_id), ("sales_dunning_state", "=", "sent")]
        )
        request = env.ref("account_credit_control.mt_request")
        return communications, communications.message_ids.filtered(lambda message: message.subtype_id == request)

    def test_two_sending_jobs_of_one_reminder_at_once_send_it_once(self):
        with self.registry.cursor() as cr:
            self.run_job_of(cr)()
        with self.registry.cursor() as cr:
            (first,) = self.sending_jobs(cr)
            first_uuid = first.uuid
        with self.registry.cursor() as cr_a:
            job_a = self.acquire(cr_a, first_uuid)
            job_a.perform()  # sent, not yet committed: the worker is still at it
            with self.registry.cursor() as cr:
                # The reminder is sent again (the engine's "send" on the communication)
                # while the first job runs: queue_job's identity key covers waiting jobs only.
                self.env_of(cr)["credit.control.communication"].search(
                    [("partner_id", "=", self.customer_id)]
                )._send_mails()
            with self.registry.cursor() as cr:
                (second,) = self.sending_jobs(cr)
                second_uuid = second.uuid
            self.perform(second_uuid)
            with self.registry.cursor() as cr:
                second = self.sending_jobs(cr, states=("pending",))
                self.assertEqual(second.uuid, second_uuid, "the second job waits for the first: retried later")
                self.assertEqual(self.reminders(cr)[1].ids, [], "nothing sent by the second job")
            job_a.set_done()
            job_a.store()
            cr_a.commit()
        self.perform(second_uuid)
        with self.registry.cursor() as cr:
            communication, messages = self.reminders(cr)
            self.assertEqual(len(communication), 1)
            self.assertEqual(len(messages), 1, "sent once")
            done = self.sending_jobs(cr, states=("done",))
            self.assertEqual(len(done), 2, "the second job found nothing left to send")

    def test_two_runs_of_one_company_at_once_send_each_reminder_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            run_a = self.run_job_of(cr_a)()
            self.assertTrue(run_a.line_ids)
            with self.assertRaises(RetryableJobError):
                self.run_job_of(cr_b)()
            cr_b.rollback()
            cr_a.commit()
            run_b = self.run_job_of(cr_b)()  # retried once the first run is committed
            self.assertFalse(run_b.line_ids, "the second run finds the level reached by the first")
            cr_b.commit()
        with self.registry.cursor() as cr:
            uuids = self.sending_jobs(cr).mapped("uuid")
        self.assertEqual(len(uuids), 1, "one sending job, queued by the first run")
        self.perform(uuids[0])
        with self.registry.cursor() as cr:
            communication, messages = self.reminders(cr)
            self.assertEqual(len(communication), 1)
            self.assertEqual(len(messages), 1)

    def test_a_run_while_the_engine_is_locked_elsewhere_is_retried_later(self):
        with self.registry.cursor() as cr:
            # The engine locks the first row of its run table: there is one.
            self.env_of(cr)["credit.control.run"].create({"date": self.today, "company_id": self.company_id})
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            cr_a.execute("SELECT id FROM credit_control_run LIMIT 1 FOR UPDATE")
            with self.assertRaises(RetryableJobError):
                self.run_job_of(cr_b)()
            cr_b.rollback()
            cr_a.rollback()
            run = self.run_job_of(cr_b)()  # retried once the other run is over
            self.assertTrue(run.line_ids)
            cr_b.commit()
