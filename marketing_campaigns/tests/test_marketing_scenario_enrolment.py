from odoo.exceptions import UserError, ValidationError
from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.crm_pipeline_automation.tests.common import PipelineAutomationCase
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import MarketingScenarioCase


@tagged("post_install", "-at_install")
class TestMarketingScenarioEnrolment(MarketingScenarioCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario, cls.steps = cls.create_scenario([("mail", cls.mail_step())])
        cls.start(cls.scenario)

    def test_enrolling_the_same_email_twice_gives_one_participant(self):
        twin = self.env["crm.lead"].create({"name": "MSC Ann again", "email_from": '"Ann" <ANN@example.com>'})
        first = self.enrol(self.scenario, self.ann | twin)
        again = self.enrol(self.scenario, self.ann | twin)
        self.assertEqual(len(first), 1, "one person, by the normalised e-mail")
        self.assertFalse(again)
        self.assertEqual(self.scenario.enrolled_count, 1)

    def test_the_first_steps_are_scheduled_at_enrolment(self):
        participant = self.enrol(self.scenario, self.ann)
        self.assertEqual(participant.trace_ids.step_id, self.steps["mail"])
        self.assertEqual(participant.trace_ids.state, "scheduled")

    def test_a_scenario_not_running_enrols_nobody(self):
        self.scenario.action_stop()
        with self.assertRaisesRegex(UserError, "not running"):
            self.enrol(self.scenario, self.ann)

    def test_the_scheduled_job_enrols_the_audience_new_matches_once(self):
        self.scenario.auto_enrol = True
        with trap_jobs() as trap:
            self.Scenario._cron_enrol_new_matches()
            trap.perform_enqueued_jobs()  # the detection job, which queues the batch
            trap.perform_enqueued_jobs()  # the batch
        self.assertEqual(set(self.scenario.participant_ids.mapped("res_id")), set(self.leads.ids))
        newcomer = self.env["crm.lead"].create({"name": "MSC Dan", "email_from": "dan@example.com"})
        with trap_jobs() as trap:
            self.scenario._job_enrol_new_matches()
            trap.assert_jobs_count(1)
            trap.perform_enqueued_jobs()
        self.assertEqual(self.scenario.participant_ids.filtered(lambda p: p.res_id == newcomer.id).state, "running")
        self.assertEqual(len(self.scenario.participant_ids), 4)

    def test_enrol_by_hand_from_a_list(self):
        wizard = (
            self.env["marketing.scenario.enrol"]
            .with_user(self.marketer)
            .with_context(active_model="crm.lead", active_ids=(self.ann | self.bob).ids)
            .create({"scenario_id": self.scenario.id})
        )
        wizard.action_enrol()
        self.assertEqual(set(self.scenario.participant_ids.mapped("res_id")), {self.ann.id, self.bob.id})

    def test_the_smart_query_trigger_action_enrols(self):
        query = self.env["smart.query"].create(
            {"name": "MSC leads", "model_id": self.lead_model.id, "domain": "[('name', 'like', 'MSC ')]"}
        )
        trigger = self.env["smart.query.trigger"].create(
            {
                "name": "MSC enrol",
                "query_id": query.id,
                "frequency": "hourly",
                "action_ids": [Command.create({"kind": "scenario_enrol", "scenario_id": self.scenario.id})],
            }
        )
        with trap_jobs() as trap:
            trigger._enqueue_run()
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertEqual(set(self.scenario.participant_ids.mapped("res_id")), set(self.leads.ids))

    def test_the_smart_query_trigger_action_enrols_only_the_scenario_audience(self):
        scenario, _steps = self.create_scenario(
            [("mail", self.mail_step())], domain="[('name', 'in', ['MSC Ann', 'MSC Bob'])]"
        )
        self.start(scenario)
        query = self.env["smart.query"].create(
            {"name": "MSC leads", "model_id": self.lead_model.id, "domain": "[('name', 'like', 'MSC ')]"}
        )
        trigger = self.env["smart.query.trigger"].create(
            {
                "name": "MSC enrol",
                "query_id": query.id,
                "frequency": "hourly",
                "action_ids": [Command.create({"kind": "scenario_enrol", "scenario_id": scenario.id})],
            }
        )
        with trap_jobs() as trap:
            trigger._enqueue_run()
            while trap.enqueued_jobs:
                trap.perform_enqueued_jobs()
        self.assertEqual(set(scenario.participant_ids.mapped("res_id")), {self.ann.id, self.bob.id})
        run = trigger.run_ids
        self.assertEqual(run.left_out_count, 1)
        self.assertIn("not being in its audience: MSC Carl", run.error_details)

    def test_the_smart_query_trigger_action_refuses_a_scenario_of_another_model(self):
        query = self.env["smart.query"].create(
            {"name": "MSC partners", "model_id": self.env["ir.model"]._get_id("res.partner"), "domain": "[]"}
        )
        with self.assertRaisesRegex(ValidationError, "choose a scenario of"):
            self.env["smart.query.trigger"].create(
                {
                    "name": "MSC wrong enrol",
                    "query_id": query.id,
                    "action_ids": [Command.create({"kind": "scenario_enrol", "scenario_id": self.scenario.id})],
                }
            )

    def test_records_list_the_scenarios_they_took_part_in(self):
        participant = self.enrol(self.scenario, self.ann)
        self.assertEqual(self.ann.with_user(self.marketer).marketing_participant_ids, participant)
        self.assertFalse(self.bob.marketing_participant_ids)
        partner = self.env["res.partner"].create({"name": "MSC Eve", "email": "eve@example.com"})
        partner_scenario, _steps = self.create_scenario(
            [("wait", {"kind": "wait", "interval_number": 1})],
            model_id=self.env["ir.model"]._get_id("res.partner"),
            domain="[('name', 'like', 'MSC ')]",
            unique_field_id=self.env["ir.model.fields"]._get("res.partner", "email").id,
        )
        self.start(partner_scenario)
        partner_participant = self.enrol(partner_scenario, partner)
        self.assertEqual(partner.marketing_participant_ids, partner_participant)


@tagged("post_install", "-at_install")
class TestMarketingScenarioPipelineActions(PipelineAutomationCase):
    def start_scenario(self, criteria=()):
        """A running scenario of the test pipeline's opportunities (meeting `criteria`), one wait long."""
        scenario = self.env["marketing.scenario"].create(
            {
                "name": "MSC pipeline scenario",
                "model_id": self.env["ir.model"]._get_id("crm.lead"),
                "domain": repr([("team_id", "=", self.team.id), *criteria]),
                "user_id": self.manager.id,
                "auto_enrol": False,
                "step_ids": [Command.create({"name": "Wait", "kind": "wait", "interval_number": 1})],
            }
        )
        with trap_jobs():
            scenario.action_start()
        return scenario

    def test_a_pipeline_trigger_adds_an_opportunity_to_a_scenario_and_another_removes_it(self):
        lead = self.create_leads(1)
        scenario = self.start_scenario()
        self.create_trigger("stage_reached", stage_id=self.stage_r1.id,
                            actions=[{"kind": "scenario_add", "scenario_id": scenario.id}])  # fmt: skip
        remove = self.create_trigger("stage_reached", stage_id=self.stage_won.id,
                                     actions=[{"kind": "scenario_remove", "scenario_id": scenario.id}])  # fmt: skip
        self.assertIn(scenario.name, remove.action_ids.description)
        lead.stage_id = self.stage_r1
        self.run_jobs()
        participant = scenario.participant_ids
        self.assertEqual((participant.res_id, participant.state), (lead.id, "running"))
        lead.stage_id = self.stage_won
        self.run_jobs()
        self.assertEqual(participant.state, "removed")
        self.assertEqual(participant.trace_ids.state, "cancelled")

    def test_a_pipeline_trigger_enrols_only_the_opportunities_of_the_scenario_audience(self):
        inside = self.create_leads(1)
        outside = self.create_leads(1, name="CPA small deal")
        scenario = self.start_scenario([("name", "!=", "CPA small deal")])
        trigger = self.create_trigger("stage_reached", stage_id=self.stage_r1.id,
                                      actions=[{"kind": "scenario_add", "scenario_id": scenario.id}])  # fmt: skip
        (inside | outside).stage_id = self.stage_r1
        self.run_jobs()
        self.assertEqual(scenario.participant_ids.mapped("res_id"), inside.ids)
        inside_log, outside_log = self.logs(trigger, inside), self.logs(trigger, outside)
        self.assertEqual((inside_log.state, inside_log.scenario_note), ("done", False))
        self.assertEqual(outside_log.state, "done")
        self.assertIn('"MSC pipeline scenario", not being in its audience: CPA small deal', outside_log.scenario_note)

    def test_a_pipeline_action_refuses_a_scenario_of_contacts(self):
        scenario = self.env["marketing.scenario"].create(
            {"name": "MSC contacts", "model_id": self.env["ir.model"]._get_id("res.partner"), "auto_enrol": False}
        )
        with self.assertRaisesRegex(ValidationError, "choose a scenario of opportunities"):
            self.create_trigger("stage_reached", stage_id=self.stage_r1.id,
                                actions=[{"kind": "scenario_add", "scenario_id": scenario.id}])  # fmt: skip
