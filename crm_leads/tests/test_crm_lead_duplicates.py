from odoo.exceptions import UserError
from odoo.tests import Form

from .common_qualification import CrmLeadsQualificationCase


class TestCrmLeadDuplicates(CrmLeadsQualificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Check = cls.env["crm.lead.duplicate.check"]
        cls.sg_1 = cls.create_lead("SG 1", partner_name="Société Générale ", contact_name="Marie Curie")
        cls.sg_2 = cls.create_lead("SG 2", partner_name="societe generale", contact_name="Pierre Curie")
        cls.other = cls.create_lead("Other", partner_name="Société Marseillaise", contact_name="Marie Curie")

    def new_check(self, *names, leads=None, user=None):
        check = self.Check.with_user(user or self.salesman)
        if leads is not None:
            check = check.with_context(active_model="crm.lead", active_ids=leads.ids)
        wizard = check.create({})
        for choice in wizard.field_choice_ids:
            choice.selected = choice.name in names
        return wizard

    def check(self, leads, *names):
        wizard = self.new_check(*names, leads=leads)
        wizard.action_check()
        return wizard

    def test_the_lead_text_fields_are_offered_the_company_name_ticked(self):
        wizard = self.Check.with_user(self.salesman).create({})
        offered = wizard.field_choice_ids.mapped("name")
        for name in ("partner_name", "contact_name", "email_from", "phone", "function", "city"):
            self.assertIn(name, offered)
        self.assertNotIn("email_normalized", offered)
        self.assertEqual(wizard.field_choice_ids.filtered("selected").mapped("name"), ["partner_name"])

    def test_no_technical_field_is_offered(self):
        offered = self.Check.create({}).field_choice_ids.mapped("name")
        for technical in ("email_normalized", "phone_sanitized", "email_domain_criterion", "reveal_id"):
            self.assertNotIn(technical, offered)

    def test_the_results_open_in_the_main_window_to_survive_opening_a_group(self):
        wizard = self.new_check("partner_name", leads=self.sg_1 | self.sg_2)
        action = wizard.action_check()
        self.assertEqual((action["res_id"], action["target"]), (wizard.id, "current"))
        opened = wizard.group_ids.action_open_leads()
        self.assertNotEqual(opened.get("target"), "new", "a dialog would replace the results")

    def test_societe_generale_with_accents_case_and_spaces_is_one_company(self):
        wizard = self.check(self.sg_1 | self.sg_2 | self.other, "partner_name")
        self.assertEqual(len(wizard.group_ids), 1)
        self.assertEqual(wizard.group_ids.lead_ids, self.sg_1 | self.sg_2)

    def test_every_chosen_field_must_match(self):
        wizard = self.check(self.sg_1 | self.sg_2 | self.other, "partner_name", "contact_name")
        self.assertFalse(wizard.group_ids)
        wizard = self.check(self.sg_1 | self.other, "contact_name")
        self.assertEqual(wizard.group_ids.lead_ids, self.sg_1 | self.other)

    def test_phones_are_compared_by_their_digits(self):
        first = self.create_lead("Phone 1", phone="06 12 34 56 78")
        second = self.create_lead("Phone 2", phone="06.12.34.56.78")
        third = self.create_lead("Phone 3", phone="06 12 34 56 79")
        france = self.env.ref("base.fr")
        international = self.create_lead("Phone 4", phone="+33 6 12 34 56 78", country_id=france.id)
        wizard = self.check(first | second | third | international, "phone")
        self.assertEqual(wizard.group_ids.lead_ids, first | second | international)

    def test_emails_are_compared_normalised(self):
        first = self.create_lead("Mail 1", email_from='"Jean" <Jean.Dupont@Example.com>')
        second = self.create_lead("Mail 2", email_from="jean.dupont@example.com")
        wizard = self.check(first | second, "email_from")
        self.assertEqual(wizard.group_ids.lead_ids, first | second)

    def test_leads_without_the_value_are_not_duplicates(self):
        wizard = self.check(self.create_lead("Empty 1") | self.create_lead("Empty 2"), "partner_name")
        self.assertFalse(wizard.group_ids)

    def test_without_a_selection_all_the_leads_are_checked(self):
        wizard = self.new_check("partner_name")
        wizard.action_check()
        group = wizard.group_ids.filtered(lambda group: self.sg_1 in group.lead_ids)
        self.assertLessEqual(self.sg_1 | self.sg_2, group.lead_ids)
        self.assertNotIn(self.other, group.lead_ids)

    def test_checking_without_field_says_what_to_do(self):
        wizard = self.new_check()
        with self.assertRaisesRegex(UserError, "Tick at least one field"):
            wizard.action_check()

    def test_a_group_is_merged_with_odoo_merge_dialog_keeping_the_chosen_lead(self):
        group = self.check(self.sg_1 | self.sg_2, "partner_name").group_ids
        action = group.action_merge()
        self.assertEqual(action["res_model"], "crm.merge.opportunity")
        merge = self.env["crm.merge.opportunity"].with_context(action["context"]).create({})
        self.assertEqual(merge.opportunity_ids, self.sg_1 | self.sg_2)
        self.assertTrue(merge.keep_lead_id)
        merge.keep_lead_id = self.sg_2
        merge.action_merge()
        self.assertEqual((self.sg_1 | self.sg_2).exists(), self.sg_2)

    def test_the_duplicate_banner_is_for_leads_not_opportunities(self):
        arch = self.Lead.get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"]
        self.assertIn("invisible=\"type != 'lead' or not possible_duplicate_count\"", arch)

    def test_a_new_lead_with_a_known_email_shows_a_warning(self):
        self.sg_1.email_from = "marie@sg.example.com"
        form = Form(self.Lead.with_context(default_type="lead"))
        form.name = "Again"
        self.assertEqual(form.possible_duplicate_count, 0)
        form.email_from = "Marie@SG.example.com"
        self.assertEqual(form.possible_duplicate_count, 1)
        lead = form.save()
        self.assertEqual(lead.possible_duplicate_ids, self.sg_1, "a warning only: the lead is saved")

    def test_odoo_similar_leads_keep_their_own_rules(self):
        first = self.Lead.create({"name": "Phone 1", "type": "lead", "phone": "+33 1 42 00 00 01"})
        second = self.Lead.create({"name": "Phone 2", "type": "lead", "phone": "+33 1 42 00 00 01"})
        self.assertIn(first, second.duplicate_lead_ids, "Odoo's Similar Leads still match by phone")
        self.assertIn(second, second.duplicate_lead_ids, "and still include the lead itself")
        self.assertNotIn(first, second.possible_duplicate_ids, "the warning is about e-mail and names only")

    def test_a_new_lead_with_a_known_company_and_contact_shows_a_warning(self):
        form = Form(self.Lead.with_context(default_type="lead"))
        form.name = "Again"
        form.partner_name = "SOCIETE GENERALE"
        self.assertEqual(form.possible_duplicate_count, 0, "the company alone is not enough")
        form.contact_name = "marie curie"
        self.assertEqual(form.possible_duplicate_count, 1)
