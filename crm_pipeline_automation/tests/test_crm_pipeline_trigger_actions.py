from unittest.mock import patch

import psycopg2

from odoo import fields
from odoo.fields import Command

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import PipelineAutomationCase


class TestPipelineTriggerActions(PipelineAutomationCase):
    """The actions run in order, after the commit, with the run-as user's rights; a failing
    action is logged and the others go on; an action done never runs again."""

    def template_mails(self, leads):
        """The e-mails of the test template sent about the opportunities (not Odoo's own, such as
        the assignment notice to the salesperson)."""
        return self.env["mail.mail"].search(
            [("model", "=", "crm.lead"), ("res_id", "in", leads.ids), ("subject", "=like", "About %")]
        )

    def test_koban_example_won_creates_an_administrative_activity_the_same_day(self):
        self.create_trigger(
            "won",
            actions=[
                {
                    "kind": "activity",
                    "activity_type_id": self.todo.id,
                    "activity_summary": "New opportunity won - handle the order",
                    "activity_days": 0,
                    "activity_assignee": "user",
                    "activity_user_id": self.admin_clerk.id,
                }
            ],
        )
        lead = self.create_leads()
        lead.action_set_won()
        self.run_jobs()
        activity = lead.activity_ids
        self.assertEqual(activity.summary, "New opportunity won - handle the order")
        self.assertEqual(activity.user_id, self.admin_clerk)
        # "The same day" of the trigger's user, who runs it: near midnight, not everyone's day.
        self.assertEqual(activity.date_deadline, fields.Date.context_today(activity.with_user(self.manager)))
        self.assertEqual(activity.create_uid, self.manager, "run as the trigger's user, not the one who clicked")

    def test_activity_goes_to_the_salesperson_or_the_team_leader(self):
        base = {"kind": "activity", "activity_type_id": self.call.id, "activity_days": 2}
        self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[
                {**base, "activity_summary": "salesperson", "activity_assignee": "salesperson"},
                {**base, "activity_summary": "leader", "activity_assignee": "team_leader"},
            ],
        )
        lead, unassigned = self.create_leads(2)
        unassigned.user_id = False
        (lead | unassigned).stage_id = self.stage_r2
        self.run_jobs()
        by_summary = {activity.summary: activity.user_id for activity in lead.activity_ids}
        self.assertEqual(by_summary, {"salesperson": self.salesman, "leader": self.leader})
        unassigned_activity = unassigned.activity_ids.filtered(lambda activity: activity.summary == "salesperson")
        self.assertEqual(unassigned_activity.user_id, self.manager, "no salesperson: the run-as user")

    def test_post_an_internal_note_notifying_named_users(self):
        self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[
                {"kind": "post", "post_body": "<p>Reached R2</p>", "post_user_ids": [Command.set(self.leader.ids)]}
            ],
        )
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.run_jobs()
        message = lead.message_ids.filtered(lambda message: "Reached R2" in message.body)
        self.assertTrue(message.subtype_id.internal, "an internal note")
        self.assertEqual(message.partner_ids, self.leader.partner_id)

    def test_add_a_tag(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id, actions=[self.tag_action(self.tag)])
        leads = self.create_leads(3)
        leads.stage_id = self.stage_r2
        self.run_jobs()
        self.assertEqual(leads.mapped("tag_ids"), self.tag)
        self.assertEqual(set(self.logs(trigger).mapped("state")), {"done"})

    def test_koban_example_email_to_the_salesperson_with_the_placeholder(self):
        trigger = self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[
                {
                    "kind": "mail",
                    "template_id": self.template.id,
                    "mail_sender": "address",
                    "mail_sender_address": "sales@example.com",
                    "mail_to_others": "[[!user_id]], adv@example.com",
                }
            ],
        )
        lead = self.create_leads(name="Big deal")
        lead.stage_id = self.stage_r2
        self.run_jobs()
        mail = self.template_mails(lead)
        self.assertEqual(mail.subject, "About Big deal")
        self.assertEqual(mail.email_from, "sales@example.com")
        self.assertIn("sam@example.com", mail.email_to)
        self.assertIn("adv@example.com", mail.email_to)
        self.assertNotIn("customer@example.com", mail.email_to or "")
        self.assertEqual(self.logs(trigger).skipped_recipient_count, 0)

    def test_email_leaves_out_and_counts_the_contacts_who_refuse_emails(self):
        self.env["mail.blacklist"]._add("customer@example.com")
        trigger = self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[
                {
                    "kind": "mail",
                    "template_id": self.template.id,
                    "mail_sender": "company",
                    "mail_to_customer": True,
                    "mail_to_team_leader": True,
                }
            ],
        )
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.run_jobs()
        mail = self.template_mails(lead)
        self.assertEqual(mail.email_to, "leo@example.com")
        log = self.logs(trigger)
        self.assertEqual(
            (log.state, log.skipped_recipient_count, log.skipped_recipients), ("done", 1, "customer@example.com")
        )

    def test_a_failing_email_leaves_the_stage_change_and_the_other_actions_done(self):
        trigger = self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[
                {"kind": "mail", "template_id": self.template.id, "mail_to_salesperson": True, "sequence": 1},
                {**self.tag_action(self.tag), "sequence": 2},
            ],
        )
        leads = self.create_leads(2)
        leads.with_user(self.salesman).stage_id = self.stage_r2
        Template = type(self.env["mail.template"])
        with patch.object(Template, "send_mail", side_effect=ValueError("the mail server said no")):
            self.run_jobs()
        self.assertEqual(leads.stage_id, self.stage_r2, "the user's click is never undone by an action")
        self.assertEqual(leads.mapped("tag_ids"), self.tag, "the next action went on")
        logs = self.logs(trigger)
        self.assertEqual(set(logs.mapped("state")), {"failed"})
        self.assertIn("the mail server said no", logs[0].error)
        self.assertEqual(logs[0].action_done_ids, trigger.action_ids[1])
        note = leads[0].message_ids.filtered(lambda message: "could not complete" in message.body)
        self.assertTrue(note.subtype_id.internal, "said on the opportunity in an internal note")

        # Retrying runs the failed action only: the tag is not added twice, the mail goes.
        with trap_jobs() as trap:
            logs.with_user(self.manager).action_retry()
            trap.perform_enqueued_jobs()
        self.assertEqual(set(logs.mapped("state")), {"done"})
        self.assertEqual(logs.action_done_ids, trigger.action_ids)
        mails = self.template_mails(leads)
        self.assertEqual(len(mails), 2)

    def test_a_job_performed_twice_runs_each_action_once(self):
        trigger = self.create_trigger(
            "stage_reached",
            stage_id=self.stage_r2.id,
            actions=[{"kind": "post", "post_body": "<p>Once only</p>"}],
        )
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        trap = self.commit_events()
        job = trap.enqueued_jobs[0]
        job.perform()
        job.perform()
        self.assertEqual(len(lead.message_ids.filtered(lambda message: "Once only" in message.body)), 1)
        self.assertEqual(self.logs(trigger).state, "done")

    def test_a_lock_is_retried_by_queue_job(self):
        self.create_trigger("stage_reached", stage_id=self.stage_r2.id, actions=[self.tag_action(self.tag)])
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        trap = self.commit_events()
        Action = type(self.env["crm.pipeline.trigger.action"])
        with (
            patch.object(Action, "_run_tag", side_effect=psycopg2.errors.LockNotAvailable("locked")),
            self.assertRaises(RetryableJobError),
        ):
            trap.enqueued_jobs[0].perform()
        self.assertEqual(self.env.ref("crm_pipeline_automation.queue_job_function_run_actions").channel_id.complete_name,
                         "root.crm_pipeline_automation")  # fmt: skip

    def test_actions_run_with_the_rights_of_the_run_as_user(self):
        """A salesperson limited to their own opportunities cannot act on another's: the action
        fails and is logged, whoever clicked (here the superuser)."""
        own_only = self.env["res.users"].create(
            {
                "name": "Olga Own",
                "login": "cpa_own",
                "group_ids": [Command.set(self.env.ref("sales_team.group_sale_salesman").ids)],
            }
        )
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id, actions=[self.tag_action(self.tag)])
        # Another run-as user: set as a settings manager would.
        trigger.sudo().run_as_user_id = own_only
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.run_jobs()
        self.assertFalse(lead.tag_ids)
        self.assertEqual(self.logs(trigger).state, "failed")

    def test_a_job_given_up_by_queue_job_puts_its_logs_in_error(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id, actions=[self.tag_action(self.tag)])
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.commit_events()
        self.logs(trigger)._on_job_failed(exc_name="RetryableJobError", exc_message="still locked")
        self.assertEqual((self.logs(trigger).state, self.logs(trigger).error), ("failed", "still locked"))
