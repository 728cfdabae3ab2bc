from lxml import etree

from .common import MarketingScenarioCase


class TestMarketingRecordTab(MarketingScenarioCase):
    """The "Marketing" tab of leads and contacts (Axelor's "Campagne marketing"): the scenarios,
    mailings and phone campaigns the record took part in, for the marketing team only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.scenario, cls.steps = cls.create_scenario([("mail", cls.mail_step())])
        cls.start(cls.scenario)

    def tab(self, model, user):
        arch = etree.fromstring(self.env[model].with_user(user).get_view(view_type="form")["arch"])
        return arch.find(".//page[@name='marketing_campaigns']")

    def test_the_marketing_team_sees_the_tab_on_leads_and_contacts(self):
        for model in ("crm.lead", "res.partner"):
            tab = self.tab(model, self.marketer)
            self.assertIsNotNone(tab, model)
            self.assertEqual(
                [field.get("name") for field in tab.iterfind("field")],
                ["marketing_participant_ids", "marketing_mailing_trace_ids", "phone_campaign_call_ids"],
            )

    def test_a_salesperson_outside_the_marketing_team_has_no_tab(self):
        for model in ("crm.lead", "res.partner"):
            self.assertIsNone(self.tab(model, self.salesman), model)

    def test_the_tab_lists_the_scenario_and_the_mailing_the_lead_went_through(self):
        participant = self.enrol(self.scenario, self.ann)
        self.run_all()
        lead = self.ann.with_user(self.marketer)
        self.assertEqual(lead.marketing_participant_ids, participant)
        self.assertEqual(participant.state, "completed")
        self.assertEqual(lead.marketing_mailing_trace_ids.mass_mailing_id, self.steps["mail"].mailing_id)
        self.assertFalse(self.bob.with_user(self.marketer).marketing_participant_ids)
