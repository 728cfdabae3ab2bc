from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPipelineAutomationUi(HttpCase):
    def test_dragging_from_x_to_y_fires_the_move_and_the_arrival_once_each(self):
        admin = self.env.ref("base.user_admin")
        team = self.env["crm.team"].create({"name": "Tour pipeline", "member_ids": [(4, admin.id)]})
        Stage = self.env["crm.stage"]
        stage_x, stage_y = Stage.create([{"name": "Tour X", "sequence": 91}, {"name": "Tour Y", "sequence": 92}])
        Trigger = self.env["crm.pipeline.trigger"]
        moved, reached = Trigger.create(
            [
                {"name": "Tour X to Y", "team_id": team.id, "event": "stage_moved",
                 "from_stage_id": stage_x.id, "stage_id": stage_y.id},
                {"name": "Tour reaches Y", "team_id": team.id, "event": "stage_reached", "stage_id": stage_y.id},
            ]
        )  # fmt: skip
        lead = self.env["crm.lead"].create(
            {"name": "Tour opportunity to move", "type": "opportunity", "team_id": team.id,
             "stage_id": stage_x.id, "user_id": admin.id}
        )  # fmt: skip
        self.env["crm.lead"].create(
            {"name": "Tour opportunity in Y", "type": "opportunity", "team_id": team.id,
             "stage_id": stage_y.id, "user_id": admin.id}
        )  # fmt: skip
        self.start_tour("/odoo/crm", "crm_pipeline_automation_kanban_drag", login="admin")
        self.assertEqual(lead.stage_id, stage_y)
        Log = self.env["crm.pipeline.trigger.log"]
        self.assertEqual(Log.search([("trigger_id", "=", moved.id)]).lead_id, lead, "the move X to Y, once")
        self.assertEqual(len(Log.search([("trigger_id", "=", moved.id)])), 1)
        self.assertEqual(len(Log.search([("trigger_id", "=", reached.id), ("lead_id", "=", lead.id)])), 1)

    def test_marking_a_call_done_asks_for_its_outcome_and_plans_the_next_activity(self):
        call_type = self.env.ref("mail.mail_activity_data_call")
        call_type.outcome_required = True
        admin = self.env.ref("base.user_admin")
        lead = self.env["crm.lead"].create({"name": "Tour called opportunity", "type": "opportunity"})
        call = lead.activity_schedule(activity_type_id=call_type.id, summary="Tour call", user_id=admin.id)
        self.start_tour(f"/odoo/crm/{lead.id}", "crm_pipeline_automation_call_outcome", login="admin")
        self.assertEqual(call.outcome_id, self.env.ref("crm_pipeline_automation.mail_activity_outcome_call_interested"))
        self.assertEqual(call.feedback, "Wants a demo next week")
        message = lead.message_ids.filtered(lambda message: message.activity_outcome_id)
        self.assertIn("Wants a demo next week", message.body)
        self.assertEqual(lead.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_meeting"))

    def assertCallDoneWithOutcome(self, lead, call, report):
        self.assertFalse(call.active, "the call is done")
        self.assertEqual(call.outcome_id, self.env.ref("crm_pipeline_automation.mail_activity_outcome_call_interested"))
        self.assertEqual(call.feedback, report)
        self.assertIn(report, lead.message_ids.filtered("activity_outcome_id").body)
        self.assertEqual(lead.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_meeting"))

    def schedule_call(self, lead_name, summary):
        self.env.ref("mail.mail_activity_data_call").outcome_required = True
        admin = self.env.ref("base.user_admin")
        team = self.env["crm.team"].create({"name": "Tour pipeline", "member_ids": [(4, admin.id)]})
        stage = self.env["crm.stage"].create({"name": "Tour calls", "sequence": 0, "team_ids": [(4, team.id)]})
        lead = self.env["crm.lead"].create(
            {"name": lead_name, "type": "opportunity", "user_id": admin.id, "team_id": team.id, "stage_id": stage.id}
        )
        call = lead.activity_schedule("mail.mail_activity_data_call", summary=summary, user_id=admin.id)
        return lead, call

    def test_marking_a_call_done_from_the_kanban_card_asks_for_its_outcome(self):
        lead, call = self.schedule_call("Tour kanban opportunity", "Tour kanban call")
        self.start_tour("/odoo/crm", "crm_pipeline_automation_call_outcome_kanban", login="admin")
        self.assertCallDoneWithOutcome(lead, call, "Call back after the trade fair")

    def test_marking_a_call_done_from_the_activity_view_asks_for_its_outcome(self):
        lead, call = self.schedule_call("Tour activity view opportunity", "Tour activity view call")
        self.start_tour(
            "/odoo/action-crm.crm_lead_action_pipeline?view_type=activity",
            "crm_pipeline_automation_call_outcome_activity_view",
            login="admin",
        )
        self.assertCallDoneWithOutcome(lead, call, "Asked for a quote")
