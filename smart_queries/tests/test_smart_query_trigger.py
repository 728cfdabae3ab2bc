from datetime import timedelta
from unittest.mock import patch

import pytz

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command, Datetime
from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SmartQueryCase


@tagged("post_install", "-at_install")
class TestSmartQueryTrigger(SmartQueryCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.env.ref("base.user_admin")
        cls.owner.group_ids = [Command.link(cls.env.ref("base.group_partner_manager").id)]
        # The manager sets up triggers on his own query: they run as him, and he may change contacts.
        cls.manager.group_ids = [Command.link(cls.env.ref("base.group_partner_manager").id)]
        cls.tag = cls.env["res.partner.category"].create({"name": "SQ Newcomer"})
        cls.partners = cls.env["res.partner"].create([{"name": f"SQ Trigger {index}"} for index in range(5)])
        cls.query = cls.create_query(user=cls.manager, domain="[('name', 'like', 'SQ Trigger')]")
        cls.call_type = cls.env.ref("mail.mail_activity_data_call")

    def make_trigger(self, actions, user=None, **values):
        user = user or self.manager
        values = {
            "name": "SQ tag newcomers",
            "query_id": self.query.id,
            "action_ids": [Command.create(action) for action in actions],
            **values,
        }
        return self.env["smart.query.trigger"].with_user(user).create(values)

    def tag_action(self, tag=None):
        return {
            "kind": "tag_add",
            "field_id": self.partner_fields["category_id"],
            "value_ref": f"res.partner.category,{(tag or self.tag).id}",
        }

    def activity_action(self):
        return {"kind": "activity", "activity_type_id": self.call_type.id, "activity_summary": "SQ call"}

    def activities(self, partners):
        return self.env["mail.activity"].search([("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)])

    def test_a_trigger_run_twice_acts_on_each_record_once(self):
        trigger = self.make_trigger([self.tag_action(), self.activity_action()])
        self.assertEqual(trigger.user_id, self.manager, "a trigger runs as its query's owner by default")
        first = self.run_trigger(trigger)
        self.assertEqual((first.matched_count, first.new_count, first.processed_count), (5, 5, 5))
        self.assertEqual(first.state, "done")
        self.assertEqual(self.tag.partner_ids, self.partners)
        second = self.run_trigger(trigger)
        self.assertEqual((second.matched_count, second.new_count, second.processed_count), (5, 0, 0))
        self.assertEqual(len(self.activities(self.partners)), 5, "one call per partner, not two")

    def test_every_record_is_processed_whatever_the_batch_size(self):
        for batch_size in (2, 5, 7):
            with self.subTest(batch_size=batch_size):
                tag = self.env["res.partner.category"].create({"name": f"SQ batch {batch_size}"})
                trigger = self.make_trigger([self.tag_action(tag)], batch_size=batch_size)
                self.assertEqual(self.run_trigger(trigger).processed_count, 5)
                self.assertEqual(tag.partner_ids, self.partners)

    def test_a_query_matching_nothing_runs_and_dry_runs_empty(self):
        self.query.domain = "[('id', 'in', [])]"
        trigger = self.make_trigger([self.tag_action()])
        dry_run = self.env["smart.query.run"].browse(trigger.action_dry_run()["res_id"])
        self.assertEqual((dry_run.matched_count, dry_run.new_count), (0, 0))
        run = self.run_trigger(trigger)
        self.assertEqual((run.state, run.matched_count, run.new_count, run.processed_count), ("done", 0, 0, 0))

    def test_only_the_records_entering_the_selection_are_new(self):
        trigger = self.make_trigger([self.activity_action()])
        self.run_trigger(trigger)
        newcomer = self.env["res.partner"].create({"name": "SQ Trigger late"})
        run = self.run_trigger(trigger)
        self.assertEqual((run.matched_count, run.new_count, run.processed_count), (6, 1, 1))
        self.assertEqual(len(self.activities(newcomer)), 1)

    def test_a_record_leaving_and_coming_back_is_new_again(self):
        trigger = self.make_trigger([self.activity_action()])
        self.run_trigger(trigger)
        wanderer = self.partners[0]
        wanderer.name = "Elsewhere"
        self.assertEqual(self.run_trigger(trigger).matched_count, 4)
        wanderer.name = "SQ Trigger back"
        run = self.run_trigger(trigger)
        self.assertEqual((run.new_count, run.processed_count), (1, 1))
        self.assertEqual(len(self.activities(wanderer)), 2)

    def test_the_all_scope_acts_on_every_matching_record_each_run(self):
        trigger = self.make_trigger([self.activity_action()], scope="all")
        self.run_trigger(trigger)
        run = self.run_trigger(trigger)
        self.assertEqual((run.new_count, run.processed_count), (5, 5))
        self.assertEqual(len(self.activities(self.partners)), 10)

    def test_a_failing_record_is_reported_and_does_not_block_the_others(self):
        bad = self.partners[2]
        server_action = self.env["ir.actions.server"].create(
            {
                "name": "SQ refuses one partner",
                "model_id": self.partner_model.id,
                "state": "code",
                "code": f"for record in records:\n    if record.id == {bad.id}:\n        raise UserError('SQ no way')",
            }
        )
        trigger = self.make_trigger(
            [self.tag_action(), {"kind": "server_action", "server_action_id": server_action.id}]
        )
        run = self.run_trigger(trigger)
        self.assertEqual((run.processed_count, run.failed_count), (4, 1))
        self.assertIn(f"#{bad.id}: SQ no way", run.error_details)
        self.assertEqual(self.tag.partner_ids, self.partners - bad, "the failed record's actions are undone")
        again = self.run_trigger(trigger)
        self.assertEqual((again.new_count, again.processed_count, again.failed_count), (1, 0, 1))

    def test_the_dry_run_counts_and_shows_a_sample_without_acting(self):
        trigger = self.make_trigger([self.tag_action()])
        action = trigger.action_dry_run()
        run = self.env["smart.query.run"].browse(action["res_id"])
        self.assertTrue(run.dry_run)
        self.assertEqual((run.matched_count, run.new_count, run.processed_count), (5, 5, 0))
        self.assertIn("SQ Trigger 0", run.sample)
        self.assertFalse(self.tag.partner_ids)
        self.run_trigger(trigger)
        self.assertEqual(trigger._dry_run().new_count, 0)

    def test_the_run_as_user_record_rules_apply(self):
        restricted = self.env["res.groups"].create(
            {"name": "SQ restricted", "user_ids": [Command.link(self.manager.id)]}
        )
        self.env["ir.rule"].create(
            {
                "name": "SQ hides secrets",
                "model_id": self.partner_model.id,
                "groups": [Command.link(restricted.id)],
                "domain_force": "[('name', 'not like', 'Secret')]",
            }
        )
        secret = self.env["res.partner"].create({"name": "SQ Trigger Secret"})
        run = self.run_trigger(self.make_trigger([self.tag_action()]))
        self.assertEqual(run.matched_count, 5)
        self.assertNotIn(secret, self.tag.partner_ids)

    def test_only_a_settings_manager_runs_a_trigger_as_another_user(self):
        with self.assertRaisesRegex(AccessError, "runs as Colin Colleague: only Colin Colleague or a settings"):
            self.make_trigger([self.tag_action()], user_id=self.colleague.id)
        trigger = self.make_trigger([self.tag_action()], user=self.admin)
        with self.assertRaisesRegex(ValidationError, "Only a settings manager"):
            trigger.with_user(self.manager).user_id = self.colleague
        trigger = self.make_trigger([self.tag_action()], user=self.admin, user_id=self.colleague.id)
        self.assertEqual(trigger.user_id, self.colleague)

    def test_a_manager_cannot_make_a_trigger_act_with_rights_he_lacks(self):
        admin_query = self.create_query(user=self.admin, domain="[('name', 'like', 'SQ Trigger')]")
        with self.assertRaisesRegex(AccessError, f"runs as {self.admin.name}: only {self.admin.name} or a settings"):
            self.make_trigger([self.tag_action()], query_id=admin_query.id)
        trigger = self.make_trigger([self.tag_action()], user=self.admin, query_id=admin_query.id)
        self.assertEqual(trigger.user_id, self.admin)
        manager_trigger = trigger.with_user(self.manager)
        with self.assertRaises(AccessError):
            manager_trigger.action_ids = [Command.create({"kind": "write", "field_id": self.partner_fields["name"]})]
        with self.assertRaises(AccessError):
            manager_trigger.action_ids.write({"value_ref": f"res.partner.category,{self.tag.id}"})
        with self.assertRaises(AccessError):
            manager_trigger.action_ids.unlink()
        with self.assertRaises(AccessError):
            admin_query.with_user(self.manager).domain = "[('name', 'like', 'SQ ')]"
        admin_query.with_user(self.manager).name = "Renaming changes nothing it does"

    def test_the_owner_cannot_change_the_criteria_of_a_trigger_run_by_an_admin(self):
        self.make_trigger([self.tag_action()], user=self.admin, user_id=self.admin.id)
        query = self.query.with_user(self.manager)
        with self.assertRaisesRegex(AccessError, "or a settings manager may change what it does"):
            query.domain = "[('name', 'like', 'SQ ')]"
        with self.assertRaises(AccessError):
            query.param_ids = [Command.create({"name": "n", "label": "N", "param_type": "number"})]
        query.description = "Still his to describe"
        self.query.invalidate_recordset()
        self.assertEqual(self.query.domain, "[('name', 'like', 'SQ Trigger')]")

    def test_delete_actions_are_for_settings_managers_and_capped(self):
        with self.assertRaisesRegex(ValidationError, "only a settings manager"):
            self.make_trigger([{"kind": "unlink", "delete_cap": 10}])
        trigger = self.make_trigger([{"kind": "unlink", "delete_cap": 3}], user=self.admin, user_id=self.admin.id)
        run = self.run_trigger(trigger)
        self.assertEqual((run.processed_count, run.failed_count), (3, 2))
        self.assertIn("safety cap of 3 deletions", run.error_details)
        self.assertIn("the trigger was deactivated", run.error_details)
        self.assertEqual(len(self.partners.exists()), 2)
        self.assertFalse(trigger.active, "it does not delete three more every night")

    def test_actions_of_another_model_or_badly_set_are_refused(self):
        user_template = self.env["mail.template"].create(
            {"name": "SQ user mail", "model_id": self.env["ir.model"]._get_id("res.users")}
        )
        user_action = self.env["ir.actions.server"].create(
            {
                "name": "SQ user action",
                "model_id": self.env["ir.model"]._get_id("res.users"),
                "state": "code",
                "code": "",
            }
        )
        refused = [
            ({"kind": "mail", "template_id": user_template.id}, "made for res.users"),
            ({"kind": "server_action", "server_action_id": user_action.id}, "runs on res.users"),
            ({"kind": "tag_add", "field_id": self.partner_fields["name"]}, "many2many field"),
            ({"kind": "write", "field_id": self.partner_fields["color"], "value_text": "red"}, '"red" is not a value'),
            ({"kind": "write", "field_id": self.partner_fields["display_name"], "value_text": "x"}, "cannot be set"),
        ]
        for action, message in refused:
            with self.subTest(message=message), self.assertRaisesRegex(ValidationError, message):
                self.make_trigger([action])

    def test_set_values_and_mail_actions(self):
        template = self.env["mail.template"].create(
            {"name": "SQ welcome", "model_id": self.partner_model.id, "subject": "Welcome", "body_html": "<p>Hi</p>"}
        )
        self.partners.email = "sq@example.com"
        trigger = self.make_trigger(
            [
                {"kind": "write", "field_id": self.partner_fields["comment"], "value_text": "SQ welcomed"},
                {"kind": "mail", "template_id": template.id},
            ]
        )
        self.run_trigger(trigger)
        self.assertEqual(set(self.partners.mapped("comment")), {"<p>SQ welcomed</p>"})
        mails = self.env["mail.mail"].search([("model", "=", "res.partner"), ("res_id", "in", self.partners.ids)])
        self.assertEqual(len(mails), 5)

    def test_blacklisted_addresses_get_no_mail_and_the_run_counts_them(self):
        template = self.env["mail.template"].create(
            {"name": "SQ welcome", "model_id": self.partner_model.id, "subject": "Welcome", "body_html": "<p>Hi</p>"}
        )
        for index, partner in enumerate(self.partners):
            partner.email = f"sq{index}@example.com"
        refusing = self.partners[:2]
        self.env["mail.blacklist"]._add(refusing[0].email)
        self.env["mail.blacklist"]._add(refusing[1].email)
        trigger = self.make_trigger([self.tag_action(), {"kind": "mail", "template_id": template.id}])
        run = self.run_trigger(trigger)
        mails = self.env["mail.mail"].search([("model", "=", "res.partner"), ("res_id", "in", self.partners.ids)])
        self.assertEqual(set(mails.mapped("res_id")), set((self.partners - refusing).ids))
        self.assertEqual(self.tag.partner_ids, self.partners, "the other actions still run on them")
        self.assertEqual((run.processed_count, run.left_out_count, run.failed_count), (5, 2, 0))

    def test_calls_skip_blacklisted_numbers_other_activities_do_not(self):
        if "phone_sanitized_blacklisted" not in self.partners._fields:
            self.skipTest("contacts have no phone blacklist without phone_validation")
        for index, partner in enumerate(self.partners):
            partner.phone = f"+33 6 12 34 56 0{index}"
        refusing = self.partners[0]
        self.env["phone.blacklist"]._add([refusing.phone_sanitized])
        todo = {**self.activity_action(), "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id}
        run = self.run_trigger(self.make_trigger([self.activity_action(), todo]))
        activities = self.activities(self.partners)
        calls = activities.filtered(lambda activity: activity.activity_type_id == self.call_type)
        self.assertEqual(set(calls.mapped("res_id")), set((self.partners - refusing).ids))
        self.assertEqual(len(activities - calls), 5, "a to-do is no call: everyone gets one")
        self.assertEqual(run.left_out_count, 1)

    def test_a_failing_batch_counts_each_record_left_out_once(self):
        template = self.env["mail.template"].create(
            {"name": "SQ welcome", "model_id": self.partner_model.id, "subject": "Welcome", "body_html": "<p>Hi</p>"}
        )
        for index, partner in enumerate(self.partners):
            partner.email = f"sq{index}@example.com"
        self.env["mail.blacklist"]._add(self.partners[0].email)
        tag_to_break = self.env["res.partner.category"].create({"name": "SQ breaks"})
        trigger = self.make_trigger(
            [{"kind": "mail", "template_id": template.id}, self.tag_action(tag_to_break)], batch_size=10
        )
        original_write = type(self.env["res.partner"]).write

        def write_failing_on_the_last(records, values):
            if "category_id" in values and self.partners[-1] in records:
                raise ValueError("SQ broken record")
            return original_write(records, values)

        with patch.object(type(self.env["res.partner"]), "write", write_failing_on_the_last):
            run = self.run_trigger(trigger)
        self.assertEqual((run.processed_count, run.failed_count, run.left_out_count), (4, 1, 1))

    def test_the_scheduled_job_queues_the_due_triggers_and_plans_their_next_run(self):
        due = self.make_trigger([self.tag_action()], next_run_date=Datetime.to_datetime("2020-01-01 02:00:00"))
        later = self.make_trigger([self.activity_action()], next_run_date=Datetime.to_datetime("2999-01-01 02:00:00"))
        with trap_jobs() as trap:
            self.env["smart.query.trigger"]._cron_run_due_triggers()
            trap.assert_jobs_count(1)
            trap.assert_enqueued_job(due._job_run, properties={"identity_key": f"smart_query_trigger_run:{due.id}"})
            self.assertFalse(self.tag.partner_ids, "the scheduled job only queues: the run is a job")
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertEqual(self.tag.partner_ids, self.partners)
        self.assertFalse(self.activities(self.partners), "a trigger not yet due does not run")
        self.assertGreater(due.next_run_date, Datetime.now())
        self.assertEqual(due.next_run_date.hour, 2, "a nightly trigger keeps its hour")
        self.assertFalse(later.run_ids)

    def test_a_run_makes_one_job_per_batch(self):
        trigger = self.make_trigger([self.tag_action()], batch_size=2)
        with trap_jobs() as trap:
            trigger._enqueue_run()
            trap.perform_enqueued_jobs()
            run = trigger.run_ids
            trap.assert_jobs_count(3, only=run._job_process_batch)
            for batch in ([0, 1], [2, 3], [4]):
                trap.assert_enqueued_job(run._job_process_batch, args=(self.partners[batch[0] : batch[-1] + 1].ids,))
            self.assertEqual(run.processed_count, 0)
            trap.perform_enqueued_jobs()
        self.assertEqual((run.new_count, run.processed_count), (5, 5))

    def test_a_deleted_template_stops_the_run_before_it_acts(self):
        template = self.env["mail.template"].create({"name": "SQ welcome", "model_id": self.partner_model.id})
        trigger = self.make_trigger([{"kind": "mail", "template_id": template.id}, self.tag_action()])
        template.unlink()
        self.assertFalse(trigger.action_ids.template_id, "the action stays, without its template")
        with trap_jobs() as trap:
            trigger._enqueue_run()
            with self.assertRaisesRegex(UserError, "choose the e-mail template to send"), self.env.cr.savepoint():
                trap.perform_enqueued_jobs()
        self.assertFalse(self.tag.partner_ids, "no action ran")
        trigger.invalidate_recordset(["run_ids"])
        self.assertFalse(trigger.run_ids, "the failed job's transaction, run log included, is rolled back")
        trigger._on_run_job_failed(exc_name="UserError", exc_message="SQ tag newcomers: choose the e-mail template")
        self.assertEqual(trigger.run_ids.state, "failed", "queue_job's failure hook writes a log of its own")
        self.assertIn("choose the e-mail template", trigger.run_ids.error_details)

    def test_another_model_or_query_starts_the_trigger_afresh_and_checks_its_actions(self):
        trigger = self.make_trigger([self.activity_action()])
        self.run_trigger(trigger)
        self.assertEqual(len(self.env["smart.query.member"].search([("trigger_id", "=", trigger.id)])), 5)
        other = self.create_query(user=self.manager, domain="[('name', 'like', 'SQ Trigger 1')]")
        trigger.with_user(self.manager).query_id = other
        self.assertFalse(self.env["smart.query.member"].search([("trigger_id", "=", trigger.id)]))
        self.assertEqual(self.run_trigger(trigger).new_count, 1, "the new query's records are new")
        self.make_trigger([self.tag_action()], query_id=other.id)
        with self.assertRaisesRegex(ValidationError, "is not a field of res.users"):
            other.with_user(self.manager).model_id = self.env["ir.model"]._get_id("res.users")

    def test_a_nightly_trigger_first_runs_the_coming_night_an_hourly_one_at_once(self):
        paris = pytz.timezone("Europe/Paris")
        trigger = (
            self.env["smart.query.trigger"]
            .with_user(self.manager)
            .with_context(tz="Europe/Paris")
            .create({"name": "SQ nightly", "query_id": self.query.id})
        )
        self.assertEqual(trigger.frequency, "nightly")
        now = Datetime.now()
        first_run = pytz.utc.localize(trigger.next_run_date).astimezone(paris)
        self.assertEqual((first_run.hour, first_run.minute), (2, 0))
        self.assertGreater(trigger.next_run_date, now)
        self.assertLessEqual(trigger.next_run_date - now, timedelta(days=1))
        trigger.frequency = "hourly"
        self.assertLessEqual(trigger.next_run_date, Datetime.now())

    def test_running_a_trigger_now_queues_it_and_says_so(self):
        trigger = self.make_trigger([self.tag_action()])
        with trap_jobs() as trap:
            result = trigger.with_user(self.manager).action_run_now()
            trap.assert_jobs_count(1)
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("queued", result["params"]["message"])
        self.assertFalse(self.tag.partner_ids, "nothing is done before the job runs")

    def test_a_trigger_without_action_does_not_run_but_dry_runs(self):
        trigger = self.make_trigger([])
        with self.assertRaisesRegex(UserError, "has no action: add one"):
            trigger.with_user(self.manager).action_run_now()
        self.assertEqual(trigger._dry_run().new_count, 5)
        self.assertFalse(self.env["smart.query.member"].search([("trigger_id", "=", trigger.id)]))

    def test_runs_are_named_and_counted_without_dry_runs(self):
        trigger = self.make_trigger([self.tag_action()])
        trigger._dry_run()
        run = self.run_trigger(trigger)
        self.assertEqual(trigger.run_count, 1, "a dry run is no run")
        self.assertIn("SQ tag newcomers", run.display_name)
        self.assertNotIn("smart.query.run", run.display_name)
