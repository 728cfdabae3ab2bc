from odoo.exceptions import UserError, ValidationError

from .common import CrmLeadsCase


class TestCrmProspectStatus(CrmLeadsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.ProspectStatus = cls.env["crm.prospect.status"]
        cls.to_treat = cls.env.ref("crm_leads.crm_prospect_status_new")
        cls.nurturing = cls.env.ref("crm_leads.crm_prospect_status_nurturing")
        cls.won = cls.env.ref("crm_leads.crm_prospect_status_won")

    def test_shipped_statuses_are_those_of_axelor(self):
        self.assertEqual(
            self.ProspectStatus.search([]).mapped("name"),
            ["To treat", "Marketing qualification", "Sales qualification", "Nurturing", "Won", "Lost"],
        )

    def test_a_new_prospect_starts_to_treat(self):
        prospect = self.Partner.create(
            {"name": "Nouveau Prospect", "is_company": True, "relationship_type": "prospect"}
        )
        self.assertEqual(prospect.prospect_status_id, self.to_treat)

    def test_a_new_customer_gets_no_prospect_status(self):
        customer = self.Partner.create({"name": "Client", "is_company": True, "relationship_type": "customer"})
        self.assertFalse(customer.prospect_status_id)

    def test_winning_a_prospect_makes_it_and_its_contacts_customers(self):
        prospect = self.Partner.create({"name": "Bientôt Client", "is_company": True, "relationship_type": "prospect"})
        contact = self.Partner.create({"name": "Marc", "parent_id": prospect.id, "relationship_type": "prospect"})
        prospect.prospect_status_id = self.nurturing
        self.assertEqual(prospect.relationship_type, "prospect")
        prospect.prospect_status_id = self.won
        self.assertEqual(prospect.relationship_type, "customer")
        self.assertEqual(contact.relationship_type, "customer")

    def test_converting_gives_the_chosen_prospect_status(self):
        lead = self.create_lead("Chairs", partner_name="Chaises & Co", contact_name="Léa")
        wizard = (
            self.env["crm.lead.convert"]
            .with_context(active_model="crm.lead", active_ids=lead.ids)
            .create({"company_action": "create", "contact_action": "create", "prospect_status_id": self.nurturing.id})
        )
        wizard.action_convert()
        self.assertEqual(lead.conversion_company_id.prospect_status_id, self.nurturing)
        self.assertEqual(lead.conversion_contact_id.prospect_status_id, self.nurturing)

    def test_bulk_conversion_gives_new_prospects_the_new_status(self):
        lead = self.create_lead("Desks", partner_name="Bureaux SA")
        lead._crm_leads_convert()
        self.assertEqual(lead.conversion_company_id.prospect_status_id, self.to_treat)

    def test_a_role_is_held_by_one_status(self):
        with self.assertRaisesRegex(ValidationError, "already held by the status"):
            self.nurturing.role = "won"

    def test_deleting_the_won_status_is_refused(self):
        with self.assertRaisesRegex(UserError, 'holds the role "Makes the prospect a customer"'):
            self.won.unlink()

    def test_the_setting_shows_the_statuses(self):
        group = self.env.ref("crm_leads.group_crm_leads_prospect_status")
        self.env["res.config.settings"].create({"group_crm_leads_prospect_status": False}).execute()
        self.assertNotIn(group, self.env.ref("base.group_user").implied_ids)
        self.env["res.config.settings"].create({"group_crm_leads_prospect_status": True}).execute()
        self.assertIn(group, self.env.ref("base.group_user").implied_ids)

    def test_prospects_and_customers_menus_list_by_relationship_type(self):
        prospects = self.env.ref("crm_leads.res_partner_action_prospects")
        customers = self.env.ref("crm_leads.res_partner_action_customers")
        self.assertEqual(prospects.domain, "[('relationship_type', '=', 'prospect')]")
        self.assertEqual(customers.domain, "[('relationship_type', '=', 'customer')]")
        self.assertEqual(self.env.ref("crm_leads.res_partner_menu_prospects").action, prospects)
