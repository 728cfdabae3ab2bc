from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCrmLeadConversionUi(HttpCase):
    def test_convert_dialog_creates_the_prospects_and_the_opportunity(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour lead",
                "type": "lead",
                "partner_name": "Tour Converted Company",
                "contact_name": "Tour Contact",
                "email_from": "tour.contact@tour-converted.example.com",
            }
        )
        self.start_tour(f"/odoo/crm/{lead.id}", "crm_leads_convert", login="admin")
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.lead_status_id.role, "converted")
        self.assertEqual(lead.conversion_company_id.name, "Tour Converted Company")
        self.assertEqual(lead.conversion_contact_id.relationship_type, "prospect")
        self.assertEqual(lead.partner_id, lead.conversion_contact_id)
