from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.modules.registry import Registry


@tagged("post_install", "-at_install")
class TestSmartQueryTriggerConcurrency(BaseCase):
    """Two cursors, as two cron workers would have: the data is committed, then removed."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            self.partner_ids = env["res.partner"].create([{"name": f"SQ Race {index}"} for index in range(20)]).ids
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
            trigger.unlink()
            query.unlink()
            env["res.partner"].browse(self.partner_ids).unlink()

    def test_two_workers_never_act_on_a_record_twice(self):
        with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            first = env_a["smart.query.trigger"].browse(self.trigger_id)._run()
            self.assertEqual(first.processed_count, 20)
            with self.assertRaisesRegex(UserError, "already running"):
                env_b["smart.query.trigger"].browse(self.trigger_id)._run()
            cr_b.rollback()
            cr_a.commit()
            second = env_b["smart.query.trigger"].browse(self.trigger_id)._run(commit=True)
            self.assertEqual((second.new_count, second.processed_count), (0, 0))
            activities = env_b["mail.activity"].search_count(
                [("res_model", "=", "res.partner"), ("res_id", "in", self.partner_ids)]
            )
            self.assertEqual(activities, 20)
