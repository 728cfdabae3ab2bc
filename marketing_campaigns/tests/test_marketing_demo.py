from lxml import etree

from odoo.tests import TransactionCase, tagged
from odoo.tools import convert_file, file_path
from odoo.tools.convert import xml_import


@tagged("post_install", "-at_install")
class TestMarketingDemo(TransactionCase):
    """The demo data, as a French user of a new demo database finds it. Odoo loads demo data
    once (an update keeps what was installed): the tests load it as an installation does."""

    def setUp(self):
        super().setUp()
        if not self.env.ref("marketing_campaigns.marketing_scenario_welcome_demo", False):
            self.skipTest("marketing_campaigns is installed without its demo data")

    def install_demo_record(self, path, xml_id):
        """Load one record of a demo file as installing the addon does."""
        tree = etree.parse(file_path(f"marketing_campaigns/{path}"))
        root = etree.Element("odoo")
        root.append(tree.find(f".//record[@id='{xml_id}']"))
        xml_import(self.env, "marketing_campaigns", {}, "init", noupdate=True).parse(root)
        return self.env.ref(f"marketing_campaigns.{xml_id}")

    def test_the_phone_campaign_demo_is_in_french(self):
        campaign = self.install_demo_record(
            "demo/marketing_phone_campaign_demo.xml", "marketing_phone_campaign_demo_leads"
        )
        self.assertEqual(campaign.name, "Rappeler les visiteurs du salon")
        self.assertEqual(campaign.summary, "Relance après la visite de notre stand")
        self.assertIn("souhaitent une démonstration", campaign.note)

    def test_the_welcome_series_runs_and_sends_nothing_by_itself(self):
        scenario = self.env.ref("marketing_campaigns.marketing_scenario_welcome_demo")
        scenario.state = "draft"
        convert_file(self.env, "marketing_campaigns", "demo/marketing_scenario_demo.xml", {}, "init", noupdate=True)
        self.assertEqual(scenario.state, "running")
        self.assertFalse(scenario.auto_enrol, "nobody is enrolled, so no e-mail queued, until a user enrols")
        self.assertFalse(scenario.participant_ids)
        self.assertEqual(scenario.user_id, self.env.ref("base.user_admin"))
