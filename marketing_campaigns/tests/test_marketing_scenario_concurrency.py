import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

SUMMARY = "MSC race call"


@tagged("post_install", "-at_install")
class TestMarketingScenarioConcurrency(BaseCase):
    """Two workers on the same batch of steps at once, on committed cursors as the job runner's
    workers have them: the step runs once. The scenario, its lead and its participant are
    committed, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            lead = env["crm.lead"].create(
                {
                    "name": "MSC race lead",
                    "type": "lead",
                    "email_from": "race@example.com",
                    "user_id": env.ref("base.user_admin").id,
                }
            )
            scenario = env["marketing.scenario"].create(
                {
                    "name": "MSC race scenario",
                    "model_id": env["ir.model"]._get_id("crm.lead"),
                    "domain": "[('name', '=', 'MSC race lead')]",
                    "unique_field_id": env["ir.model.fields"]._get("crm.lead", "email_from").id,
                    "auto_enrol": False,
                    "user_id": env.ref("base.user_admin").id,
                    "step_ids": [
                        (
                            0,
                            0,
                            {
                                "name": "Call",
                                "kind": "activity",
                                "activity_type_id": env.ref("mail.mail_activity_data_call").id,
                                "activity_summary": SUMMARY,
                            },
                        )
                    ],
                }
            )
            scenario.action_start()
            scenario._enrol(lead)
            traces = env["marketing.scenario.trace"].search([("scenario_id", "=", scenario.id)])
            traces.write({"state": "queued"})  # handed to a job by the scheduled job
            self.lead_id, self.scenario_id, self.trace_ids = lead.id, scenario.id, traces.ids
        self.addCleanup(self.remove_data)

    def remove_data(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            lead = env["crm.lead"].browse(self.lead_id)
            lead.activity_ids.unlink()
            scenario = env["marketing.scenario"].browse(self.scenario_id)
            scenario.participant_ids.unlink()
            scenario.unlink()
            lead.unlink()

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def traces(self, cr):
        return self.env_of(cr)["marketing.scenario.trace"].browse(self.trace_ids)

    def calls(self, cr):
        return (
            self.env_of(cr)["crm.lead"]
            .browse(self.lead_id)
            .activity_ids.filtered(lambda activity: activity.summary == SUMMARY)
        )

    def test_two_workers_on_one_batch_at_once_run_the_step_once(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            self.assertEqual(self.traces(cr_a)._job_process(), 1, "the first worker claims the step")
            self.assertEqual(len(self.calls(cr_a)), 1)
            # The second worker, while the first has not committed: it waits on the claimed rows
            # (cut short here), fails, and queue_job puts the job back for a retry.
            cr_b.execute("SET LOCAL lock_timeout = '1s'")
            with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.LockNotAvailable):
                self.traces(cr_b)._job_process()
            cr_b.rollback()
            cr_a.commit()
            self.assertEqual(self.traces(cr_b)._job_process(), 0, "the retry finds the step done")
            cr_b.commit()
        with self.registry.cursor() as cr:
            self.assertEqual(len(self.calls(cr)), 1, "one call, planned once")
            self.assertEqual(set(self.traces(cr).mapped("state")), {"done"})
