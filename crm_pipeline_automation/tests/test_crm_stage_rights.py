from odoo.exceptions import UserError
from odoo.fields import Command

from .common import PipelineAutomationCase


class TestStageRights(PipelineAutomationCase):
    """Koban's rights per stage: who may move opportunities into a stage, who sees those in it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_negotiators = cls.env["res.groups"].create({"name": "CPA negotiators"})
        cls.negotiator = cls.env["res.users"].create(
            {
                "name": "Nina Negotiator",
                "login": "cpa_negotiator",
                "group_ids": [
                    Command.set([cls.env.ref("sales_team.group_sale_salesman_all_leads").id, cls.group_negotiators.id])
                ],
            }
        )
        cls.stage_r2.write(
            {"move_group_ids": [Command.set(cls.group_negotiators.ids)], "visible_group_ids": [Command.clear()]}
        )
        cls.stage_hidden = cls.env["crm.stage"].create(
            {
                "name": "CPA Managers only",
                "team_ids": [Command.link(cls.team.id)],
                "visible_group_ids": [Command.set(cls.env.ref("sales_team.group_sale_manager").ids)],
            }
        )
        cls.lead = cls.create_leads(name="CPA visible opportunity")
        cls.hidden = cls.create_leads(name="CPA hidden opportunity", stage_id=cls.stage_hidden.id)

    def test_the_visibility_rule_names_the_kept_stages_not_a_field_of_the_addon(self):
        """Updating crm loads it, and runs its tests, before this addon: the rule is evaluated
        then, with none of this addon's fields known."""
        for xmlid in ("crm_lead_rule_stage_visibility", "crm_activity_report_rule_stage_visibility"):
            rule = self.env.ref(f"crm_pipeline_automation.{xmlid}")
            self.assertNotIn("visible_group_ids", rule.domain_force)
            self.assertIn(
                f"{self.stage_hidden.id}: [{self.env.ref('sales_team.group_sale_manager').id}]", rule.domain_force
            )
        self.stage_hidden.visible_group_ids = [Command.clear()]
        self.assertNotIn(
            f"{self.stage_hidden.id}:",
            self.env.ref("crm_pipeline_automation.crm_lead_rule_stage_visibility").domain_force,
        )
        self.assertIn(self.hidden, self.Lead.with_user(self.salesman).search([("name", "like", "CPA")]))

    def test_moving_into_a_kept_stage_is_refused_naming_the_stage_and_the_group(self):
        with self.assertRaisesRegex(UserError, '"CPA R2".*CPA negotiators'):
            self.lead.with_user(self.salesman).write({"stage_id": self.stage_r2.id})
        self.assertEqual(self.lead.stage_id, self.stage_new)

    def test_creating_into_a_kept_stage_is_refused(self):
        with self.assertRaisesRegex(UserError, "CPA R2"):
            self.Lead.with_user(self.salesman).create(
                {"name": "CPA straight to R2", "team_id": self.team.id, "stage_id": self.stage_r2.id}
            )

    def test_moving_into_a_kept_stage_by_import_is_refused(self):
        result = self.Lead.with_user(self.salesman).load(
            [".id", "stage_id/.id"], [[str(self.lead.id), str(self.stage_r2.id)]]
        )
        self.assertFalse(result["ids"])
        self.assertIn("CPA negotiators", result["messages"][0]["message"])
        self.assertEqual(self.lead.stage_id, self.stage_new)

    def test_members_of_the_group_and_managers_may_move_into_it(self):
        self.lead.with_user(self.negotiator).write({"stage_id": self.stage_r2.id})
        self.assertEqual(self.lead.stage_id, self.stage_r2)
        other = self.create_leads()
        other.with_user(self.manager).write({"stage_id": self.stage_r2.id})
        self.assertEqual(other.stage_id, self.stage_r2)

    def test_other_writes_of_an_opportunity_in_a_kept_stage_are_allowed(self):
        self.lead.stage_id = self.stage_r2
        self.lead.with_user(self.salesman).write({"expected_revenue": 1200})
        self.assertEqual(self.lead.expected_revenue, 1200)

    def test_an_opportunity_in_a_hidden_stage_is_hidden_from_search_and_reports(self):
        Lead = self.Lead.with_user(self.salesman)
        found = Lead.search([("name", "like", "CPA % opportunity")])
        self.assertIn(self.lead, found)
        self.assertNotIn(self.hidden, found)
        grouped = dict(Lead._read_group([("team_id", "=", self.team.id)], ["stage_id"], ["__count"]))
        self.assertNotIn(self.stage_hidden, grouped, "the pipeline analysis does not count it")
        report = self.env["crm.activity.report"].with_user(self.salesman)
        self.hidden.activity_schedule(activity_type_id=self.call.id, user_id=self.salesman.id)
        self.hidden.message_post(body="called", message_type="comment", subtype_xmlid="mail.mt_note")
        self.env.flush_all()
        self.assertFalse(report.search([("lead_id", "=", self.hidden.id)]))

    def test_managers_see_every_stage(self):
        found = self.Lead.with_user(self.manager).search([("name", "like", "CPA % opportunity")])
        self.assertIn(self.hidden, found)

    def test_a_smart_query_does_not_show_an_opportunity_in_a_hidden_stage(self):
        if "smart.query" not in self.env:
            self.skipTest("smart_queries is not installed")
        query = (
            self.env["smart.query"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "CPA opportunities",
                    "model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "domain": "[('name', 'like', 'CPA % opportunity')]",
                }
            )
        )
        records = self.env["crm.lead"].with_user(self.salesman).search(query._get_domain())
        self.assertIn(self.lead, records)
        self.assertNotIn(self.hidden, records)
