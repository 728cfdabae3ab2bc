from odoo.exceptions import UserError
from odoo.tests import Form

from .common import CrmLeadsCase


class TestCrmLeadConversion(CrmLeadsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env["res.partner"]
        cls.Convert = cls.env["crm.lead.convert"]
        cls.tag = cls.env["crm.tag"].create({"name": "Trade show"})
        cls.source = cls.env["utm.source"].create({"name": "Salon Vivatech"})
        cls.country = cls.env.ref("base.fr")

    def create_full_lead(self, name="Standing desks", **values):
        return self.create_lead(
            name,
            **{
                "partner_name": "Ateliers Dupont",
                "contact_name": "Claire Dupont",
                "email_from": "claire@ateliers-dupont.example.com",
                "phone": "+33 1 23 45 67 89",
                "street": "12 rue des Lilas",
                "zip": "69001",
                "city": "Lyon",
                "country_id": self.country.id,
                "priority": "2",
                "tag_ids": [(6, 0, self.tag.ids)],
                "source_id": self.source.id,
                "user_id": self.salesman.id,
                **values,
            },
        )

    def convert_with_wizard(self, leads, user=None, **values):
        Convert = self.Convert.with_user(user) if user else self.Convert
        wizard = Convert.with_context(active_model="crm.lead", active_ids=leads.ids).create(values)
        return wizard.action_convert()

    def test_converting_creates_a_prospect_company_and_contact_with_the_lead_data(self):
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="create", contact_action="create")
        company, contact = lead.conversion_company_id, lead.conversion_contact_id
        self.assertEqual(company.name, "Ateliers Dupont")
        self.assertTrue(company.is_company)
        self.assertEqual(contact.name, "Claire Dupont")
        self.assertEqual(contact.parent_id, company)
        for partner in company | contact:
            self.assertEqual(partner.relationship_type, "prospect")
            self.assertEqual(partner.email, "claire@ateliers-dupont.example.com")
            self.assertEqual(partner.phone, "+33 1 23 45 67 89")
            self.assertEqual((partner.street, partner.zip, partner.city), ("12 rue des Lilas", "69001", "Lyon"))
            self.assertEqual(partner.country_id, self.country)
            self.assertEqual(partner.lead_scoring, "2")
            self.assertEqual(partner.crm_tag_ids, self.tag)
            self.assertEqual(partner.source_id, self.source)
            self.assertEqual(partner.user_id, self.salesman)
        self.assertEqual(lead.partner_id, contact)
        self.assertEqual(lead.lead_status_id, self.status_converted)
        self.assertEqual(lead.type, "lead")

    def test_conversion_gives_the_lead_s_five_star_rating_to_the_partners(self):
        lead = self.create_full_lead(priority="4")
        self.convert_with_wizard(lead, company_action="create", contact_action="create")
        partners = lead.conversion_company_id | lead.conversion_contact_id
        self.assertEqual(partners.mapped("lead_scoring"), ["4", "4"])
        self.assertEqual(
            self.env["res.partner"]._fields["lead_scoring"].get_description(self.env)["selection"],
            self.Lead._fields["priority"].get_description(self.env)["selection"],
            "the partner's rating reads as the lead's",
        )

    def test_conversion_carries_the_marketing_panel_to_the_partners(self):
        industry = self.env["res.partner.industry"].create({"name": "Office furniture"})
        job_function = self.env["crm.contact.job.function"].create({"name": "Purchasing manager"})
        lead = self.create_full_lead(industry_id=industry.id, job_function_id=job_function.id, priority="5")
        self.convert_with_wizard(lead, company_action="create", contact_action="create")
        self.assertEqual(lead.conversion_company_id.industry_id, industry)
        self.assertEqual(lead.conversion_contact_id.function, "Purchasing manager")
        self.assertEqual((lead.conversion_company_id | lead.conversion_contact_id).mapped("lead_scoring"), ["5", "5"])

    def test_conversion_is_noted_in_the_lead_chatter(self):
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="create", contact_action="create")
        body = str(lead.message_ids[0].body)
        self.assertIn("Lead converted to the company", body)
        self.assertEqual(body.count("Ateliers Dupont"), 1, "the contact is named without its company")
        self.assertEqual(body.count("Claire Dupont"), 1)

    def test_the_new_company_and_contact_say_which_lead_they_come_from(self):
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="create", contact_action="create")
        for partner in lead.conversion_company_id | lead.conversion_contact_id:
            bodies = [str(body) for body in partner.message_ids.mapped("body")]
            self.assertEqual(len(bodies), 1, partner.name)
            self.assertIn("Created from the lead", bodies[0])
            self.assertIn(f'data-oe-id="{lead.id}"', bodies[0])

    def test_a_linked_existing_partner_gets_no_creation_note(self):
        existing = self.Partner.create({"name": "Ateliers Dupont", "is_company": True})
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="link", company_id=existing.id, contact_action="none")
        self.assertFalse([body for body in existing.message_ids.mapped("body") if "Created from the lead" in str(body)])

    def test_the_actions_menu_of_leads_holds_one_convert(self):
        actions = self.env["ir.actions.actions"].get_bindings("crm.lead")["action"]
        converts = [action["name"] for action in actions if "Convert" in action["name"]]
        self.assertEqual(converts, ["Convert"])

    def test_linking_an_existing_customer_keeps_it_a_customer(self):
        customer = self.Partner.create({"name": "Dupont Group", "is_company": True, "relationship_type": "customer"})
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="link", company_id=customer.id, contact_action="create")
        self.assertEqual(lead.conversion_company_id, customer)
        self.assertEqual(customer.relationship_type, "customer")
        self.assertEqual(lead.conversion_contact_id.parent_id, customer)

    def test_linking_an_existing_untyped_partner_makes_it_a_prospect(self):
        contact = self.Partner.create({"name": "Claire D.", "email": "claire@elsewhere.example.com"})
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="none", contact_action="link", contact_id=contact.id)
        self.assertEqual(lead.partner_id, contact)
        self.assertFalse(lead.conversion_company_id)
        self.assertEqual(contact.relationship_type, "prospect")
        self.assertEqual(contact.prospect_status_id, self.env["crm.prospect.status"]._get_status_by_role("new"))

    def test_linking_an_untyped_partner_keeps_the_prospect_status_it_has(self):
        qualified = self.env["crm.prospect.status"].create({"name": "Qualified by phone"})
        contact = self.Partner.create({"name": "Claire D.", "prospect_status_id": qualified.id})
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="none", contact_action="link", contact_id=contact.id)
        self.assertEqual(contact.relationship_type, "prospect")
        self.assertEqual(contact.prospect_status_id, qualified)

    def test_converting_without_company_nor_contact_only_closes_the_lead(self):
        lead = self.create_full_lead()
        partners_before = self.Partner.search_count([])
        self.convert_with_wizard(lead, company_action="none", contact_action="none")
        self.assertEqual(lead.lead_status_id, self.status_converted)
        self.assertFalse(lead.partner_id)
        self.assertEqual(self.Partner.search_count([]), partners_before)

    def test_converting_with_an_opportunity_turns_the_lead_into_one(self):
        lead = self.create_full_lead()
        action = self.convert_with_wizard(
            lead, company_action="create", contact_action="create", create_opportunity=True
        )
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.partner_id, lead.conversion_contact_id)
        self.assertEqual(lead.lead_status_id, self.status_converted)
        self.assertTrue(lead.stage_id)
        self.assertEqual((action["res_model"], action["res_id"]), ("crm.lead", lead.id))

    def test_link_without_a_partner_is_refused_with_a_hint(self):
        lead = self.create_full_lead()
        with self.assertRaisesRegex(UserError, "Choose the existing company"):
            self.convert_with_wizard(lead, company_action="link", contact_action="none")

    def test_a_converted_lead_cannot_be_converted_again(self):
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, company_action="none", contact_action="none")
        with self.assertRaisesRegex(UserError, "only open leads can be converted"):
            lead.action_crm_leads_open_convert()

    def test_dialog_suggests_the_company_and_contact_found(self):
        company = self.Partner.create({"name": "ATELIERS  DUPONT", "is_company": True})
        contact = self.Partner.create(
            {"name": "C. Dupont", "email": "Claire@Ateliers-Dupont.example.com", "parent_id": company.id}
        )
        lead = self.create_full_lead()
        form = Form(self.Convert.with_context(active_model="crm.lead", active_ids=lead.ids))
        self.assertEqual((form.company_action, form.company_id), ("link", company))
        self.assertEqual((form.contact_action, form.contact_id), ("link", contact))

    def test_dialog_suggests_creating_what_the_lead_names(self):
        lead = self.create_full_lead(partner_name="Brand New Company", email_from="nobody@new.example.com")
        form = Form(self.Convert.with_context(active_model="crm.lead", active_ids=lead.ids))
        self.assertEqual((form.company_action, form.contact_action), ("create", "create"))

    def test_convert_button_opens_the_dialog_on_the_lead(self):
        lead = self.create_full_lead()
        action = lead.action_crm_leads_open_convert()
        self.assertEqual(action["res_model"], "crm.lead.convert")
        self.assertEqual(action["context"]["default_lead_ids"], lead.ids)

    # ------------------------------------------------------------
    # Bulk
    # ------------------------------------------------------------

    def test_bulk_conversion_of_1000_leads_matching_existing_partners_creates_no_duplicate(self):
        companies = self.Partner.create(
            [{"name": f"Société Numéro {index}", "is_company": True} for index in range(100)]
        )
        contacts = self.Partner.create(
            [
                {
                    "name": f"Contact {index}",
                    "email": f"contact{index}@societe{index % 100}.example.com",
                    "parent_id": companies[index % 100].id,
                }
                for index in range(1000)
            ]
        )
        # Company names differ in case, accents and spaces; half the contacts are found by their
        # e-mail (written differently), the other half by their name in their company.
        leads = self.Lead.create(
            [
                {
                    "name": f"Lead {index}",
                    "type": "lead",
                    "partner_name": f"  SOCIETE numero  {index % 100} ",
                    "contact_name": f"contact {index}" if index % 2 else f"Someone else {index}",
                    "email_from": f"CONTACT{index}@Societe{index % 100}.example.com" if not index % 2 else False,
                }
                for index in range(1000)
            ]
        )
        partner_count = self.Partner.search_count([])
        result = leads.action_crm_leads_convert_bulk()
        self.assertEqual(self.Partner.search_count([]), partner_count, "no partner may be created")
        for index, lead in enumerate(leads):
            self.assertEqual(lead.conversion_company_id, companies[index % 100])
            self.assertEqual(lead.conversion_contact_id, contacts[index])
        self.assertEqual(set(leads.mapped("lead_status_id")), {self.status_converted})
        self.assertIn("0 company(ies) created, 100 existing company(ies) linked", result["params"]["message"])
        self.assertIn("0 contact(s) created, 1000 existing contact(s) linked", result["params"]["message"])

    def test_bulk_conversion_creates_a_new_company_once_for_leads_sharing_it(self):
        leads = self.Lead.create(
            [
                {"name": "First", "type": "lead", "partner_name": "Nouvelle Société", "contact_name": "Ana"},
                {"name": "Second", "type": "lead", "partner_name": "nouvelle societe", "contact_name": "Ben"},
            ]
        )
        counts = leads._crm_leads_convert()
        self.assertEqual(counts["companies_created"], 1)
        self.assertEqual(counts["contacts_created"], 2)
        self.assertEqual(leads[0].conversion_company_id, leads[1].conversion_company_id)
        self.assertEqual(leads.conversion_contact_id.parent_id, leads[0].conversion_company_id)

    def test_bulk_conversion_tells_namesakes_of_two_companies_apart(self):
        first = self.Partner.create({"name": "Alpha", "is_company": True})
        namesake = self.Partner.create({"name": "Jean Martin", "parent_id": first.id})
        lead = self.create_lead("Beta lead", partner_name="Beta", contact_name="Jean Martin")
        lead._crm_leads_convert()
        self.assertNotEqual(lead.conversion_contact_id, namesake)
        self.assertEqual(lead.conversion_contact_id.parent_id.name, "Beta")

    def test_bulk_conversion_skips_closed_leads(self):
        lead = self.create_full_lead()
        lead.action_set_lost(lost_reason_id=self.lost_reason.id)
        counts = lead.with_context(active_test=False)._crm_leads_convert()
        self.assertEqual(counts["leads"], 0)
        self.assertEqual(lead.lead_status_id, self.status_lost)

    def test_server_action_converts_the_selected_leads_and_reports_counts(self):
        leads = self.create_full_lead("One") | self.create_full_lead(
            "Two", contact_name="Paul Dupont", email_from=False
        )
        action = self.env.ref("crm_leads.crm_lead_action_server_convert")
        result = action.with_context(active_model="crm.lead", active_ids=leads.ids).run()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("2 lead(s) converted: 1 company(ies) created", result["params"]["message"])
        self.assertIn("2 contact(s) created", result["params"]["message"])
        self.assertEqual(set(leads.mapped("lead_status_id")), {self.status_converted})

    def test_salesman_converts_a_lead_of_theirs(self):
        lead = self.create_full_lead()
        self.convert_with_wizard(lead, user=self.salesman, company_action="create", contact_action="create")
        self.assertEqual(lead.lead_status_id, self.status_converted)
