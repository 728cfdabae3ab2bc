from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestMarketingScenarioUi(HttpCase):
    """The scenario screens as a marketing manager sees them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env, login="tour_marketing_manager", name="Tour Marketing Manager",
            groups="marketing_campaigns.group_marketing_campaigns_manager,sales_team.group_sale_salesman_all_leads",
        )  # fmt: skip
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Tour Ann's lead", "contact_name": "Tour Ann", "email_from": "tour.ann@example.com"}
        )
        template = cls.env["mail.template"].create(
            {
                "name": "Tour welcome",
                "model_id": cls.env["ir.model"]._get_id("crm.lead"),
                "subject": "Welcome, {{ object.contact_name }}",
                "body_html": "<p>Hello</p>",
            }
        )
        cls.scenario = (
            cls.env["marketing.scenario"]
            .with_user(cls.manager)
            .create(
                {
                    "name": "Tour scenario",
                    "domain": repr([("id", "=", cls.lead.id)]),
                    "step_ids": [(0, 0, {"name": "Tour welcome e-mail", "kind": "mail", "template_id": template.id})],
                }
            )
        )

    def test_the_step_dialog_shows_the_subject_of_a_sample_not_its_placeholders(self):
        self.start_tour(
            f"/odoo/action-marketing_campaigns.marketing_scenario_action/{self.scenario.id}",
            "marketing_scenario_step_dialog",
            login="tour_marketing_manager",
        )
