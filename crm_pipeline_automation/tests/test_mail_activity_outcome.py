from odoo import fields
from odoo.exceptions import UserError

from .common import PipelineAutomationCase


class TestActivityOutcome(PipelineAutomationCase):
    """Koban's "bilan d'action": an activity whose type records an outcome is marked done with
    an outcome and a report, both kept and reported, and the outcome plans the next activity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.call.outcome_required = True
        cls.interested = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_interested")
        cls.not_interested = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_not_interested")
        cls.wrong_number = cls.env.ref("crm_pipeline_automation.mail_activity_outcome_call_wrong_number")
        cls.lead = cls.create_leads(name="CPA called opportunity")

    def schedule_call(self, user=None):
        return self.lead.activity_schedule(activity_type_id=self.call.id, user_id=(user or self.salesman).id)

    def test_marking_done_without_an_outcome_or_a_report_is_refused(self):
        call = self.schedule_call()
        with self.assertRaisesRegex(UserError, "Choose the outcome"):
            call.with_user(self.salesman).action_feedback(feedback="Spoke to the buyer")
        with self.assertRaisesRegex(UserError, "Write the report"):
            call.with_user(self.salesman).action_record_outcome(self.interested.id, "  ")
        self.assertTrue(call.active, "still to do")

    def test_an_outcome_of_another_type_is_refused(self):
        other = self.env["mail.activity.outcome"].create({"name": "CPA other", "activity_type_id": self.todo.id})
        call = self.schedule_call()
        with self.assertRaisesRegex(UserError, "not one of the activity type"):
            call.with_user(self.salesman).action_record_outcome(other.id, "report")

    def test_outcome_and_report_are_kept_posted_and_found_among_done_activities(self):
        call = self.schedule_call()
        message_id = call.with_user(self.salesman).action_record_outcome(self.not_interested.id, "Has a supplier")
        done = (
            self.env["mail.activity"]
            .with_context(active_test=False)
            .search(
                [
                    ("res_model", "=", "crm.lead"),
                    ("res_id", "=", self.lead.id),
                    ("outcome_id", "=", self.not_interested.id),
                ]
            )
        )
        self.assertEqual(done, call)
        self.assertFalse(call.active, "done activities are archived in Odoo 19")
        self.assertEqual(call.feedback, "Has a supplier")
        message = self.env["mail.message"].browse(message_id)
        self.assertIn("Not interested", message.body)
        self.assertIn("Has a supplier", message.body)
        self.assertEqual(message.activity_outcome_id, self.not_interested)
        self.assertFalse(self.lead.activity_ids, "Not interested plans nothing")

    def test_the_outcome_plans_its_next_activity(self):
        call = self.schedule_call()
        call.with_user(self.salesman).action_record_outcome(self.interested.id, "Wants a demo")
        meeting = self.lead.activity_ids
        self.assertEqual(meeting.activity_type_id, self.env.ref("mail.mail_activity_data_meeting"))
        self.assertEqual(meeting.summary, "Meet the interested customer")
        self.assertEqual(meeting.user_id, self.salesman, "the one who made the call")
        # Seven days from the caller's today (near midnight, not everyone's day).
        today = fields.Date.context_today(meeting.with_user(self.salesman))
        self.assertEqual(meeting.date_deadline, fields.Date.add(today, days=7))

    def test_the_next_activity_may_go_to_the_salesperson(self):
        call = self.schedule_call(user=self.leader)
        call.with_user(self.leader).action_record_outcome(self.wrong_number.id, "Nobody of that name")
        self.assertEqual(self.lead.activity_ids.user_id, self.salesman)
        self.assertEqual(self.lead.activity_ids.summary, "Find the right phone number")

    def test_types_without_outcomes_keep_odoos_chaining(self):
        self.todo.write({"chaining_type": "trigger", "triggered_next_type_id": self.call.id})
        todo = self.lead.activity_schedule(activity_type_id=self.todo.id, user_id=self.salesman.id)
        todo.with_user(self.salesman).action_feedback(feedback="")
        self.assertEqual(self.lead.activity_ids.activity_type_id, self.call)

    def test_recording_outcomes_turns_off_the_types_own_chaining(self):
        type_ = self.env["mail.activity.type"].create({"name": "CPA visit", "chaining_type": "trigger",
                                                       "triggered_next_type_id": self.todo.id})  # fmt: skip
        type_.outcome_required = True
        self.assertEqual(type_.chaining_type, "suggest")

    def test_the_calls_report_counts_by_outcome(self):
        for outcome in (self.interested, self.not_interested, self.not_interested):
            self.schedule_call().with_user(self.salesman).action_record_outcome(outcome.id, "report")
        self.env.flush_all()
        counts = dict(
            self.env["crm.activity.report"]._read_group(
                [("lead_id", "=", self.lead.id), ("mail_activity_type_id", "=", self.call.id)],
                ["activity_outcome_id"],
                ["__count"],
            )
        )
        self.assertEqual(counts, {self.interested: 1, self.not_interested: 2})

    def test_a_salesperson_reads_the_outcomes_and_may_not_change_them(self):
        outcomes = (
            self.env["mail.activity.outcome"].with_user(self.salesman).search([("activity_type_id", "=", self.call.id)])
        )
        self.assertIn(self.interested, outcomes)
        self.assertFalse(self.env["mail.activity.outcome"].with_user(self.salesman).has_access("write"))
        self.assertTrue(self.env["mail.activity.outcome"].with_user(self.manager).has_access("write"))

    def test_the_popover_data_gives_the_outcomes(self):
        call = self.schedule_call()
        data = call.with_user(self.salesman).activity_format()["mail.activity"][0]
        self.assertTrue(data["outcome_required"])
        self.assertIn([self.interested.id, "Interested"], data["outcome_options"])
