from odoo.tests import tagged

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MarketingScenarioCase


@tagged("post_install", "-at_install")
class TestMarketingScenarioEngine(MarketingScenarioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # E-mail, wait 2 days; opened: a call for a named user; not opened: a tag.
        cls.scenario, cls.steps = cls.create_scenario(
            [
                ("mail", cls.mail_step()),
                ("wait", {"parent": "mail", "kind": "wait", "interval_number": 2, "interval_type": "days"}),
                ("call", {"parent": "wait", "trigger": "opened", "kind": "activity", "activity_type_id": cls.call.id,
                          "activity_summary": "MSC call", "activity_assignee": "user",
                          "activity_user_id": cls.marketer.id}),
                ("tag", {"parent": "wait", "trigger": "not_opened", **cls.tag_step(cls.tags_field, cls.tag)}),
            ]
        )  # fmt: skip
        cls.start(cls.scenario)

    def test_participant_goes_through_send_wait_open_branch_and_activity_in_order_once(self):
        participant = self.enrol(self.scenario, self.ann)
        self.run_all()
        mail_trace = self.traces(participant, self.steps["mail"])
        self.assertEqual(mail_trace.state, "done")
        self.assertEqual(len(self.outgoing_mails(self.ann)), 1, "the e-mail is queued once")
        self.assertEqual(mail_trace.mailing_trace_id.email, "ann@example.com", "Odoo's mailing trace records it")
        wait_trace = self.traces(participant, self.steps["wait"])
        self.assertEqual(wait_trace.state, "scheduled")
        self.assertEqual(wait_trace.schedule_date, self.later(days=2))
        # Scheduled in one INSERT: what the ORM would have filled is there.
        self.assertEqual(wait_trace.parent_id, mail_trace)
        self.assertEqual(wait_trace.mailing_trace_id, mail_trace.mailing_trace_id, "the e-mail its branches read")
        self.assertEqual(wait_trace.scenario_id, self.scenario)
        self.assertEqual(wait_trace.company_id, participant.company_id)
        self.assertEqual(wait_trace.create_uid, self.env.user)
        self.assertIn(wait_trace, participant.trace_ids)

        # Ann opens the e-mail the next day: nothing runs before the wait is over.
        mail_trace.mailing_trace_id.set_opened()
        self.run_all(self.later(days=1))
        self.assertEqual(wait_trace.state, "scheduled")
        self.assertFalse(self.traces(participant, self.steps["call"]))

        self.run_all(self.later(days=2, hours=1))
        call_trace, tag_trace = (
            self.traces(participant, self.steps["call"]),
            self.traces(participant, self.steps["tag"]),
        )
        self.assertEqual(wait_trace.state, "done")
        self.assertEqual(call_trace.state, "done", "the opened branch is taken")
        self.assertEqual(tag_trace.state, "cancelled", "the not-opened branch is not")
        self.assertLessEqual(mail_trace.done_date, wait_trace.done_date)
        self.assertLessEqual(wait_trace.done_date, call_trace.done_date)
        self.assertEqual(call_trace.parent_id, wait_trace)
        activities = self.ann.activity_ids.filtered(lambda activity: activity.summary == "MSC call")
        self.assertEqual(activities.user_id, self.marketer)
        self.assertEqual(len(activities), 1)
        self.assertFalse(self.ann.tag_ids)
        self.assertEqual(participant.state, "completed")

        # Later passes find nothing: every step ran exactly once.
        self.assertEqual(self.run_due(self.later(days=30)), 0)
        self.assertEqual(len(self.outgoing_mails(self.ann)), 1)
        self.assertEqual(len(self.ann.activity_ids.filtered(lambda activity: activity.summary == "MSC call")), 1)
        self.assertEqual(len(participant.trace_ids), 4)

    def test_not_opened_branch_is_taken_when_the_wait_is_over(self):
        participant = self.enrol(self.scenario, self.bob)
        self.run_all()
        self.run_all(self.later(days=2, hours=1))
        self.assertEqual(self.traces(participant, self.steps["tag"]).state, "done")
        self.assertEqual(self.traces(participant, self.steps["call"]).state, "cancelled")
        self.assertEqual(self.bob.tag_ids, self.tag)

    def test_an_open_within_the_delay_takes_the_branch_before_the_delay_is_over(self):
        scenario, steps = self.create_scenario(
            [
                ("mail", self.mail_step()),
                ("tag", {"parent": "mail", "trigger": "opened", "interval_number": 3,
                         **self.tag_step(self.tags_field, self.tag)}),
            ]
        )  # fmt: skip
        self.start(scenario)
        participant = self.enrol(scenario, self.ann)
        self.run_all()
        tag_trace = self.traces(participant, steps["tag"])
        self.assertEqual(tag_trace.schedule_date, self.later(days=3))
        self.traces(participant, steps["mail"]).mailing_trace_id.set_opened()
        self.run_all(self.later(hours=5))
        self.assertEqual(tag_trace.state, "done", "the open is seen at the next pass, not three days later")
        self.assertEqual(self.ann.tag_ids, self.tag)

    def test_blacklisted_address_is_skipped_and_counted(self):
        self.env["mail.blacklist"]._add("carl@example.com")
        participants = self.enrol(self.scenario, self.ann | self.carl)
        self.run_all()
        carl = participants.filtered(lambda participant: participant.res_id == self.carl.id)
        self.assertEqual(self.traces(carl, self.steps["mail"]).state, "skipped")
        self.assertFalse(self.outgoing_mails(self.carl).filtered(lambda mail: mail.state == "outgoing"))
        mail_step = self.steps["mail"]
        mail_step.invalidate_recordset()
        mail_step.mailing_id.invalidate_recordset()
        self.assertEqual(mail_step.skipped_count, 1)
        self.assertEqual(mail_step.processed_count, 2)
        ann = participants - carl
        self.assertEqual(self.traces(ann, mail_step).mailing_trace_id.trace_status, "outgoing", "Ann's is queued")
        carl_trace = self.traces(carl, mail_step).mailing_trace_id
        self.assertEqual((carl_trace.trace_status, carl_trace.failure_type), ("cancel", "mail_bl"), "Odoo's own trace")

    def test_a_job_performed_twice_runs_the_step_once(self):
        self.enrol(self.scenario, self.ann)
        with trap_jobs() as trap:
            self.Trace._cron_process_due_steps()
            [job] = trap.enqueued_jobs
            trap.perform_enqueued_jobs()
        # The same job again, as after a retry or on a second worker: its steps are claimed.
        self.assertEqual(job.perform(), 0)
        self.assertEqual(len(self.outgoing_mails(self.ann)), 1)

    def test_queued_steps_are_not_queued_again_by_the_next_pass(self):
        self.enrol(self.scenario, self.ann | self.bob)
        with trap_jobs() as trap:
            self.assertEqual(self.Trace._cron_process_due_steps(), 2)
            self.assertEqual(self.Trace._cron_process_due_steps(), 0)
            trap.assert_jobs_count(1)
            self.assertEqual(trap.enqueued_jobs[0].channel, "root.marketing_campaigns")

    def test_a_failing_step_is_retried_then_put_in_error_without_stopping_the_batch(self):
        action = self.env["ir.actions.server"].create(
            {
                "name": "MSC fails on Bob",
                "model_id": self.lead_model.id,
                "state": "code",
                "code": "for record in records:\n"
                "    if record.contact_name == 'Bob':\n"
                "        raise UserError('Bob cannot be processed')\n"
                "    record.write({'priority': '2'})",
            }
        )
        scenario, steps = self.create_scenario(
            [("action", {"kind": "server_action", "server_action_id": action.id})], max_attempts=3
        )
        self.start(scenario)
        participants = self.enrol(scenario, self.ann | self.bob | self.carl)
        bob = participants.filtered(lambda participant: participant.res_id == self.bob.id)
        bob_trace = self.traces(bob, steps["action"])

        self.run_all()
        self.assertEqual((self.ann | self.carl).mapped("priority"), ["2", "2"], "the others are done")
        self.assertEqual((participants - bob).mapped("state"), ["completed", "completed"])
        self.assertEqual((bob_trace.state, bob_trace.attempt_count), ("scheduled", 1))
        self.assertIn("Bob cannot be processed", bob_trace.error)

        self.run_all(self.later(hours=1))
        self.assertEqual((bob_trace.state, bob_trace.attempt_count), ("scheduled", 2))
        self.run_all(self.later(hours=2))
        self.assertEqual((bob_trace.state, bob_trace.attempt_count), ("error", 3))
        self.assertEqual(bob.state, "error")
        self.assertEqual(steps["action"].error_count, 1)
        self.assertEqual(self.run_due(self.later(days=1)), 0, "a step in error is not tried again")

    def test_an_end_step_completes_the_participant_and_cancels_the_other_branches(self):
        scenario, steps = self.create_scenario(
            [
                ("end", {"kind": "end"}),
                ("later", {"kind": "wait", "interval_number": 1, "interval_type": "weeks"}),
            ]
        )
        self.start(scenario)
        participant = self.enrol(scenario, self.ann)
        self.run_all()
        self.assertEqual(participant.state, "completed")
        self.assertEqual(self.traces(participant, steps["later"]).state, "cancelled")

    def test_a_removed_participant_runs_no_further_step(self):
        participant = self.enrol(self.scenario, self.ann)
        self.run_all()
        self.scenario._remove(self.ann)
        self.assertEqual(participant.state, "removed")
        self.assertEqual(self.traces(participant, self.steps["wait"]).state, "cancelled")
        self.assertEqual(self.run_due(self.later(days=3)), 0)

    def test_a_stopped_scenario_is_paused_until_started_again(self):
        participant = self.enrol(self.scenario, self.ann)
        self.scenario.action_stop()
        self.assertEqual(self.run_due(), 0)
        self.start(self.scenario)
        self.run_all()
        self.assertEqual(self.traces(participant, self.steps["mail"]).state, "done")

    def test_do_not_call_records_get_no_call(self):
        scenario, steps = self.create_scenario(
            [("call", {"kind": "activity", "activity_type_id": self.call.id, "activity_summary": "MSC call"})]
        )
        self.start(scenario)
        self.bob.phone = "+33 6 12 34 56 78"
        self.env["phone.blacklist"].add(self.bob.phone_sanitized)
        participants = self.enrol(scenario, self.ann | self.bob)
        self.run_all()
        bob = participants.filtered(lambda participant: participant.res_id == self.bob.id)
        self.assertEqual(self.traces(bob, steps["call"]).state, "skipped")
        self.assertFalse(self.bob.activity_ids.filtered(lambda activity: activity.summary == "MSC call"))
        ann_call = self.ann.activity_ids.filtered(lambda activity: activity.summary == "MSC call")
        self.assertEqual(ann_call.user_id, self.salesman, "the record's salesperson gets the call")

    def test_statistics_per_scenario_count_the_won_opportunities_since_enrolment(self):
        self.enrol(self.scenario, self.leads)
        self.run_all()
        self.ann.action_set_won()
        self.scenario.invalidate_recordset()
        self.assertEqual(
            (self.scenario.enrolled_count, self.scenario.running_count, self.scenario.won_count), (3, 3, 1)
        )
