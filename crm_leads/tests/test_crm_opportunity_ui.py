from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCrmOpportunityUi(HttpCase):
    def test_winning_a_prospect_opportunity_closes_its_sibling_from_the_dialog(self):
        prospect = self.env["res.partner"].create(
            {"name": "Tour Prospect", "is_company": True, "relationship_type": "prospect"}
        )
        Lead = self.env["crm.lead"]
        won = Lead.create({"name": "Tour won", "type": "opportunity", "partner_id": prospect.id})
        sibling = Lead.create({"name": "Tour sibling", "type": "opportunity", "partner_id": prospect.id})
        self.start_tour(f"/odoo/crm/{won.id}", "crm_leads_close_siblings", login="admin")
        self.assertEqual(won.won_status, "won")
        self.assertEqual(sibling.won_status, "lost")
