from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common_qualification import CrmLeadsQualificationCase


class TestCrmDoNotContact(CrmLeadsQualificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        # French numbers written the French way: the country says how to read them (phonenumbers).
        cls.france = cls.env.ref("base.fr")
        cls.lead = cls.create_lead(
            "Quiet prospect",
            contact_name="Jean Dupont",
            email_from="Jean.Dupont@Example.com",
            phone="0612345678",
            country_id=cls.france.id,
        )
        cls.partner = cls.Partner.create(
            {"name": "Jean Dupont", "email": "jean.dupont@example.com", "country_id": cls.france.id}
        )
        cls.sales_manager = new_test_user(
            cls.env, login="crm_leads_dnc_manager", groups="sales_team.group_sale_manager", name="Manon Manager"
        )

    def blacklisted_email(self, email):
        return self.env["mail.blacklist"].search([("email", "=", email)])

    def test_do_not_email_puts_the_address_on_odoo_blacklist(self):
        self.lead.with_user(self.salesman).do_not_email = True
        self.assertTrue(self.blacklisted_email("jean.dupont@example.com"))
        self.partner.invalidate_recordset()
        self.assertTrue(self.partner.do_not_email, "the contact with the same address is not e-mailed either")

    def test_unticking_do_not_email_takes_the_address_off_the_blacklist(self):
        self.env["mail.blacklist"]._add("jean.dupont@example.com")
        self.assertTrue(self.lead.do_not_email)
        self.lead.with_user(self.sales_manager).do_not_email = False
        self.assertFalse(self.blacklisted_email("jean.dupont@example.com"))

    def test_a_salesman_cannot_take_an_address_or_number_off_the_blacklists(self):
        self.env["mail.blacklist"]._add("jean.dupont@example.com")
        self.lead.do_not_call = True
        lead = self.lead.with_user(self.salesman)
        with self.assertRaisesRegex(AccessError, "Ask a sales manager to untick Do Not E-mail"):
            lead.do_not_email = False
        with self.assertRaisesRegex(AccessError, "Ask a sales manager to untick Do Not Call"):
            lead.do_not_call = False
        self.assertTrue(self.blacklisted_email("jean.dupont@example.com"))
        self.assertFalse(self.lead._crm_leads_can_call())
        lead.write({"do_not_email": True, "do_not_call": True})

    def test_do_not_call_puts_the_number_on_the_phone_blacklist(self):
        self.lead.with_user(self.salesman).do_not_call = True
        numbers = self.env["phone.blacklist"].search([]).mapped("number")
        self.assertIn(self.lead.phone_sanitized, numbers)
        self.lead.invalidate_recordset()
        self.assertTrue(self.lead.do_not_call)
        self.lead.with_user(self.sales_manager).do_not_call = False
        self.lead.invalidate_recordset()
        self.assertFalse(self.lead.do_not_call)

    def test_contacts_have_the_same_switches(self):
        self.partner.do_not_email = True
        self.partner.phone = "0698765432"
        self.partner.do_not_call = True
        self.assertEqual(self.Partner.search([("do_not_email", "=", True), ("id", "=", self.partner.id)]), self.partner)
        self.assertEqual(self.Partner.search([("do_not_call", "=", True), ("id", "=", self.partner.id)]), self.partner)

    def test_the_list_filters_find_the_leads_not_to_contact(self):
        other = self.create_lead(
            "Talkative prospect", email_from="talk@example.com", phone="0611111111", country_id=self.france.id
        )
        self.lead.do_not_email = True
        self.lead.do_not_call = True
        leads = self.lead | other
        self.assertEqual(leads.filtered_domain([("do_not_email", "=", True)]), self.lead)
        self.assertEqual(self.Lead.search([("id", "in", leads.ids), ("do_not_email", "=", True)]), self.lead)
        self.assertEqual(self.Lead.search([("id", "in", leads.ids), ("do_not_call", "=", True)]), self.lead)
        self.assertEqual(self.Lead.search([("id", "in", leads.ids), ("do_not_call", "=", False)]), other)

    def test_other_addons_ask_who_can_be_emailed_and_called(self):
        other = self.create_lead(
            "Talkative prospect", email_from="talk@example.com", phone="0611111111", country_id=self.france.id
        )
        mute = self.create_lead("No address")
        self.lead.do_not_email = True
        leads = self.lead | other | mute
        self.assertEqual(leads._crm_leads_can_email(), other)
        self.assertEqual(leads._crm_leads_can_call(), self.lead | other)
        domain = [("id", "in", leads.ids), *self.Lead._crm_leads_can_email_domain()]
        self.assertEqual(self.Lead.search(domain), other)
        self.lead.do_not_call = True
        domain = [("id", "in", leads.ids), *self.Lead._crm_leads_can_call_domain()]
        self.assertEqual(self.Lead.search(domain), other)

    def test_the_rule_reads_the_blacklist_afresh(self):
        self.assertEqual(self.partner._crm_leads_can_email(), self.partner)
        self.env["mail.blacklist"]._add("jean.dupont@example.com")
        self.assertFalse(self.partner._crm_leads_can_email())

    def test_ticking_do_not_email_without_an_address_says_what_to_do(self):
        lead = self.create_lead("No address")
        with self.assertRaisesRegex(UserError, "enter it before ticking Do Not E-mail"):
            lead.do_not_email = True
        with self.assertRaisesRegex(UserError, "before ticking Do Not Call"):
            lead.do_not_call = True
