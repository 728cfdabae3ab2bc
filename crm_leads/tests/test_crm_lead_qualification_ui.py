from odoo.tests import HttpCase, tagged

from .common import turn_leads_on


@tagged("post_install", "-at_install")
class TestCrmLeadQualificationUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        turn_leads_on(cls.env)

    def test_take_charge_from_the_lead_form(self):
        lead = self.env["crm.lead"].create({"name": "Tour lead to take", "type": "lead", "user_id": False})
        admin = self.env.ref("base.user_admin")
        self.start_tour(f"/odoo/crm.lead/{lead.id}", "crm_leads_take_charge", login="admin")
        self.assertEqual(lead.user_id, admin)
        bodies = [str(body) for body in lead.message_ids.mapped("body")]
        self.assertTrue(any(f"{admin.name}." in body for body in bodies), bodies)

    def test_duplicates_are_found_and_merged_into_the_chosen_lead(self):
        Lead = self.env["crm.lead"]
        first = Lead.create({"name": "Tour Dup A", "type": "lead", "partner_name": "Tourdup Industrie "})
        second = Lead.create({"name": "Tour Dup B", "type": "lead", "partner_name": "TOURDUP industrie"})
        self.start_tour("/odoo/action-crm.crm_lead_all_leads", "crm_leads_duplicate_check", login="admin")
        self.assertEqual((first | second).exists(), second)

    def test_the_import_screen_leaves_the_leads_it_finds_by_e_mail_as_they_are(self):
        Lead = self.env["crm.lead"]
        known = Lead.create(
            {"name": "Tour import known", "type": "lead", "email_from": "tour.known@import.example.com"}
        )
        self.start_tour("/odoo/action-crm.crm_lead_all_leads", "crm_leads_import_match_keys", login="admin")
        self.assertEqual(known.name, "Tour import known")
        self.assertEqual(Lead.search_count([("email_from", "=ilike", "tour.known@import.example.com")]), 1)
        new = Lead.search([("email_from", "=", "tour.new@import.example.com")])
        self.assertEqual(new.mapped("name"), ["Tour import new"])
        self.assertEqual(new.type, "lead")
