from datetime import timedelta
from odoo import fields
from odoo.fields import Command

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import PipelineAutomationCase


class TestPipelineTriggerEvents(PipelineAutomationCase):
    """Each event fires its trigger once per opportunity, whatever wrote it; nothing fires outside
    the trigger's pipeline or conditions."""

    def test_stage_reached_fires_once_per_opportunity_of_a_500_records_write(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        leads = self.create_leads(500)
        self.commit_events()
        leads.write({"stage_id": self.stage_r2.id})
        trap = self.commit_events()
        self.assertFiredOnce(trigger, leads)
        self.assertEqual(len(trap.enqueued_jobs), 3, "500 opportunities: batches of 200 at most")

    def test_stage_reached_fires_for_an_opportunity_created_in_the_stage(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        leads = self.create_leads(2, stage_id=self.stage_r2.id)
        self.commit_events()
        self.assertFiredOnce(trigger, leads)

    def test_stage_reached_fires_again_on_each_new_arrival_only(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.commit_events()
        lead.write({"stage_id": self.stage_r2.id, "name": "renamed, same stage"})
        self.commit_events()
        self.assertEqual(len(self.logs(trigger)), 1, "staying in the stage is no new arrival")
        lead.stage_id = self.stage_r1
        lead.stage_id = self.stage_r2
        self.commit_events()
        self.assertEqual(len(self.logs(trigger)), 2)

    def test_stage_x_to_y_fires_once_per_move_and_only_from_x(self):
        trigger = self.create_trigger("stage_moved", from_stage_id=self.stage_r1.id, stage_id=self.stage_r2.id)
        from_r1 = self.create_leads(3, stage_id=self.stage_r1.id)
        from_new = self.create_leads(2)
        created_in_r2 = self.create_leads(1, stage_id=self.stage_r2.id)
        self.commit_events()
        (from_r1 | from_new).write({"stage_id": self.stage_r2.id})
        self.commit_events()
        self.assertFiredOnce(trigger, from_r1)
        self.assertFalse(self.logs(trigger, created_in_r2), "created straight into Y is no move from X")

    def test_won_and_lost_fire_their_own_trigger(self):
        won = self.create_trigger("won")
        lost = self.create_trigger("lost")
        to_win, to_lose = self.create_leads(2)
        self.commit_events()
        to_win.action_set_won()
        to_lose.action_set_lost()
        self.commit_events()
        self.assertFiredOnce(won, to_win)
        self.assertFiredOnce(lost, to_lose)

    def test_won_by_dragging_into_the_won_stage_fires_once(self):
        won = self.create_trigger("won")
        lead = self.create_leads()
        self.commit_events()
        lead.stage_id = self.stage_won
        self.commit_events()
        lead.write({"description": "still won"})
        self.commit_events()
        self.assertFiredOnce(won, lead)

    def test_nothing_fires_outside_the_pipeline_or_the_conditions(self):
        trigger = self.create_trigger(
            "stage_reached", stage_id=self.stage_r2.id, filter_domain="[('expected_revenue', '>=', 1000)]"
        )
        big = self.create_leads(expected_revenue=5000)
        small = self.create_leads(expected_revenue=10)
        elsewhere = self.create_leads(expected_revenue=5000, team_id=self.other_team.id)
        self.commit_events()
        (big | small | elsewhere).write({"stage_id": self.stage_r2.id})
        self.commit_events()
        self.assertFiredOnce(trigger, big)

    def test_a_trigger_of_every_pipeline_watches_every_team(self):
        trigger = self.create_trigger("won", team_id=False)
        here = self.create_leads()
        there = self.create_leads(team_id=self.other_team.id)
        self.commit_events()
        (here | there).action_set_won()
        self.commit_events()
        self.assertFiredOnce(trigger, here | there)

    def test_an_archived_trigger_fires_nothing(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        trigger.with_user(self.manager).active = False
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        self.commit_events()
        self.assertFalse(self.logs(trigger))

    def test_quotation_sent_fires_when_sent_and_not_for_an_order_without_opportunity(self):
        trigger = self.create_trigger("quotation_sent")
        lead = self.create_leads()
        orders = self.env["sale.order"].create(
            [
                {"partner_id": self.customer.id, "opportunity_id": lead.id, "team_id": self.team.id},
                {"partner_id": self.customer.id, "team_id": self.team.id},
            ]
        )
        self.commit_events()
        orders.action_quotation_sent()
        self.commit_events()
        self.assertFiredOnce(trigger, lead)

    def test_quotation_reopened_fires_from_sent_or_cancelled_not_on_creation(self):
        trigger = self.create_trigger("quotation_reopened")
        lead_sent, lead_cancelled, lead_new = self.create_leads(3)
        Order = self.env["sale.order"]
        sent, cancelled, new = Order.create(
            [
                {"partner_id": self.customer.id, "opportunity_id": lead.id}
                for lead in (lead_sent, lead_cancelled, lead_new)
            ]
        )
        sent.action_quotation_sent()
        cancelled._action_cancel()
        self.commit_events()
        self.assertFalse(self.logs(trigger), "a quotation created as a quotation was never reopened")
        (sent | cancelled).action_draft()
        self.commit_events()
        self.assertFiredOnce(trigger, lead_sent | lead_cancelled)

    def test_activity_created_fires_for_its_type_only(self):
        trigger = self.create_trigger("activity_created", activity_type_id=self.call.id)
        lead_call, lead_todo = self.create_leads(2)
        self.commit_events()
        lead_call.activity_schedule(activity_type_id=self.call.id, user_id=self.salesman.id)
        lead_todo.activity_schedule(activity_type_id=self.todo.id, user_id=self.salesman.id)
        self.commit_events()
        self.assertFiredOnce(trigger, lead_call)

    def test_activity_done_fires_for_its_type_when_marked_done(self):
        trigger = self.create_trigger("activity_done", activity_type_id=self.call.id)
        lead_call, lead_todo = self.create_leads(2)
        call = lead_call.activity_schedule(activity_type_id=self.call.id, user_id=self.salesman.id)
        todo = lead_todo.activity_schedule(activity_type_id=self.todo.id, user_id=self.salesman.id)
        self.commit_events()
        self.assertFalse(self.logs(trigger), "created is not done")
        (call | todo).with_user(self.salesman).action_feedback(feedback="Reached him")
        self.commit_events()
        self.assertFiredOnce(trigger, lead_call)

    def test_import_fires_once(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        leads = self.create_leads(2)
        self.commit_events()
        result = self.Lead.with_user(self.salesman).load(
            [".id", "stage_id/.id"], [[str(lead.id), str(self.stage_r2.id)] for lead in leads]
        )
        self.assertFalse(result["messages"], result["messages"])
        self.commit_events()
        self.assertFiredOnce(trigger, leads)

    def test_another_automation_moving_the_opportunity_fires_once(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        # Odoo's own automation rule: when the opportunity is tagged, move it to R2.
        self.env["base.automation"].create(
            {
                "name": "CPA: tagged opportunities go to R2",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "trigger": "on_tag_set",
                "trg_field_ref": self.tag.id,
                "action_server_ids": [
                    Command.create(
                        {
                            "name": "move to R2",
                            "model_id": self.env["ir.model"]._get_id("crm.lead"),
                            "state": "code",
                            "code": f"records.write({{'stage_id': {self.stage_r2.id}}})",
                        }
                    )
                ],
            }
        )
        leads = self.create_leads(3)
        self.commit_events()
        leads.write({"tag_ids": [Command.link(self.tag.id)]})
        self.commit_events()
        self.assertEqual(leads.stage_id, self.stage_r2)
        self.assertFiredOnce(trigger, leads)

    def test_an_event_seen_twice_in_a_transaction_fires_once(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        lead = self.create_leads()
        lead.stage_id = self.stage_r2
        trigger._on_event(lead)  # as when a recomputation reports the same change again
        self.commit_events()
        self.assertFiredOnce(trigger, lead)

    def test_a_rolled_back_click_fires_nothing(self):
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        lead = self.create_leads()
        self.commit_events()
        lead.stage_id = self.stage_r2
        self.env.cr.precommit.clear()  # what a rollback does to the transaction's hooks
        self.commit_events()
        self.assertFalse(self.logs(trigger))

    def test_a_log_keeps_the_company_the_opportunity_had_when_it_fired(self):
        """A log records the past: it follows no later change of the opportunity's company (and
        so costs nothing to the conversions and lead assignments that set it)."""
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r2.id)
        lead = self.create_leads()
        self.commit_events()
        lead.stage_id = self.stage_r2
        self.commit_events()
        log = self.logs(trigger, lead)
        self.assertEqual(log.company_id, lead.company_id)
        self.assertTrue(log.company_id)
        lead.company_id = False
        self.env.flush_all()
        log.invalidate_recordset(["company_id"])
        self.assertEqual(log.company_id, self.env.company)


class TestPipelineTriggerDormancy(PipelineAutomationCase):
    """Dormant: no stage change, no activity done, no message for N days; once per period."""

    def age(self, leads, days):
        """Make the opportunities' last sign of life ``days`` old."""
        past = fields.Datetime.now() - timedelta(days=days)
        self.env.cr.execute(
            "UPDATE crm_lead SET date_last_stage_update = %s, create_date = %s WHERE id IN %s",
            (past, past, tuple(leads.ids)),
        )
        self.env.cr.execute(
            "UPDATE mail_message SET date = %s WHERE model = 'crm.lead' AND res_id IN %s", (past, tuple(leads.ids))
        )
        leads.invalidate_recordset()

    def detect(self, trigger):
        trigger._job_detect_dormant()
        self.run_jobs()

    def test_dormancy_fires_once_then_again_only_after_new_activity_and_a_new_period(self):
        trigger = self.create_trigger(
            "dormant", dormant_days=30, actions=[{"kind": "post", "post_body": "<p>Sleeping</p>"}]
        )
        asleep, awake = self.create_leads(2)
        self.commit_events()
        self.age(asleep, 40)
        self.age(awake, 10)
        self.detect(trigger)
        self.assertFiredOnce(trigger, asleep)
        self.detect(trigger)
        self.assertEqual(len(self.logs(trigger)), 1, "once per dormant period: the automation's own post is no news")

        asleep.message_post(body="The customer called back", message_type="comment")
        self.detect(trigger)
        self.assertEqual(len(self.logs(trigger)), 1, "new activity: awake again")

        self.age(asleep, 35)
        self.detect(trigger)
        self.assertEqual(len(self.logs(trigger, asleep)), 2, "a new dormant period fires again")

    def test_dormancy_leaves_won_lost_and_other_pipelines_alone(self):
        trigger = self.create_trigger("dormant", dormant_days=5)
        won, lost = self.create_leads(2)
        elsewhere = self.create_leads(team_id=self.other_team.id)
        won.action_set_won()
        lost.action_set_lost()
        self.commit_events()
        self.age(won | lost | elsewhere, 20)
        self.detect(trigger)
        self.assertFalse(self.logs(trigger))

    def test_the_scheduled_job_queues_one_detection_per_dormancy_trigger(self):
        dormant = self.create_trigger("dormant", dormant_days=5)
        won = self.create_trigger("won")
        self.commit_events()
        with trap_jobs() as trap:
            self.Trigger._cron_detect_dormant()
        self.assertEqual({job.method_name for job in trap.enqueued_jobs}, {"_job_detect_dormant"})
        queued = self.Trigger.union(*(job.recordset for job in trap.enqueued_jobs))
        self.assertIn(dormant, queued)
        self.assertNotIn(won, queued)
