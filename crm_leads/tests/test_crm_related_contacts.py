from odoo.tests import Form

from .common import CrmLeadsCase


class TestCrmRelatedContacts(CrmLeadsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.apollo = cls.Partner.create({"name": "Apollo", "is_company": True, "email": "contact@apollo.example.fr"})
        cls.louis = cls.Partner.create({"name": "Louis Michel", "email": "l.michel@apollo.example.fr"})
        cls.anne = cls.Partner.create({"name": "Anne Roy", "email": "Anne Roy <A.Roy@Apollo.example.fr>"})
        cls.other = cls.Partner.create({"name": "Paul Other", "email": "paul@other.example.fr"})

    def test_contacts_sharing_the_mail_domain_are_related(self):
        self.assertEqual(self.louis.related_contact_ids, self.apollo | self.anne)
        self.assertEqual(self.louis.related_contact_count, 2)
        self.assertEqual(self.other.related_contact_ids, self.Partner)

    def test_public_mail_domains_relate_nobody(self):
        first = self.Partner.create({"name": "Jean Public", "email": "jean@gmail.com"})
        self.Partner.create({"name": "Marie Public", "email": "marie@orange.fr"})
        self.Partner.create({"name": "Luc Public", "email": "luc@gmail.com"})
        self.assertFalse(first.related_contact_ids)

    def test_a_domain_added_to_the_public_list_stops_relating(self):
        self.env["crm.public.mail.domain"].create({"name": " @Apollo.example.fr "})
        self.assertFalse(self.louis.related_contact_ids)

    def test_the_smart_button_lists_the_related_contacts(self):
        action = self.louis.action_open_related_contacts()
        self.assertEqual(self.Partner.search(action["domain"]), self.apollo | self.anne)

    def test_the_shipped_list_has_the_french_public_domains(self):
        names = set(self.env["crm.public.mail.domain"].search([]).mapped("name"))
        self.assertLessEqual(
            {"gmail.com", "outlook.com", "orange.fr", "free.fr", "sfr.fr", "laposte.net", "wanadoo.fr"}, names
        )


class TestCrmContactRoles(CrmLeadsCase):
    def test_roles_tell_apart_the_people_of_a_company(self):
        company = self.env["res.partner"].create({"name": "Apollo", "is_company": True})
        decision_maker = self.env.ref("crm_leads.crm_contact_role_decision_maker")
        buyer = self.env.ref("crm_leads.crm_contact_role_buyer")
        boss = self.env["res.partner"].create(
            {"name": "Louis Michel", "parent_id": company.id, "contact_role_ids": [(6, 0, decision_maker.ids)]}
        )
        purchaser = self.env["res.partner"].create(
            {"name": "Anne Roy", "parent_id": company.id, "contact_role_ids": [(6, 0, buyer.ids)]}
        )
        deciders = self.env["res.partner"].search(
            [("parent_id", "=", company.id), ("contact_role_ids", "in", decision_maker.ids)]
        )
        self.assertEqual(deciders, boss)
        self.assertNotIn(purchaser, deciders)

    def test_roles_are_chosen_on_the_contact_form(self):
        form = Form(self.env["res.partner"])
        form.name = "Anne Roy"
        form.contact_role_ids.add(self.env.ref("crm_leads.crm_contact_role_buyer"))
        self.assertEqual(form.save().contact_role_ids.name, "Buyer")

    def test_salesmen_read_roles_and_managers_configure_them(self):
        Role = self.env["crm.contact.role"]
        self.assertTrue(Role.with_user(self.salesman).search_count([]))
        self.assertFalse(Role.with_user(self.salesman).has_access("create"))
