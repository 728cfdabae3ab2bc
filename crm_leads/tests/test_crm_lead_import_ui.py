from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCrmLeadImportUi(HttpCase):
    def test_import_wizard_maps_previews_and_imports_a_file(self):
        known = self.env["crm.lead"].create(
            {
                "name": "Tour known",
                "type": "lead",
                "email_from": "known@lx-tour.example.com",
                "user_id": self.env.ref("base.user_admin").id,
            }
        )
        self.start_tour("/odoo/action-crm_leads.crm_lead_import_action", "crm_leads_csv_import", login="admin")
        leads = self.env["crm.lead"].search([("email_from", "like", "@lx-tour.example.com")])
        self.assertEqual(sorted(leads.mapped("name")), ["Tour fresh", "Tour known"])
        self.assertIn(known, leads, "the known lead was kept, not created again")
