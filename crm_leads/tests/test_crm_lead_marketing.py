from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_qualification import CrmLeadsQualificationCase


class TestCrmLeadMarketing(CrmLeadsQualificationCase):
    def test_one_rating_of_five_stars_for_leads_and_opportunities(self):
        selection = self.Lead._fields["priority"].get_description(self.env)["selection"]
        self.assertEqual([key for key, _label in selection], ["0", "1", "2", "3", "4", "5"])
        self.assertEqual(dict(selection)["5"], "Top interest")
        self.assertEqual(self.create_lead("Unrated").priority, "0")
        self.assertNotIn("lead_scoring", self.Lead._fields, "one rating: no second one beside Odoo's")
        self.assertNotIn("opportunity_scoring", self.Lead._fields)

    def test_leads_are_sorted_by_their_five_star_rating(self):
        leads = self.create_lead("Three", priority="3") | self.create_lead("Five", priority="5")
        leads |= self.create_lead("Four", priority="4")
        self.assertEqual(self.Lead.search([("id", "in", leads.ids)]).mapped("name"), ["Five", "Four", "Three"])

    def test_every_lead_screen_shows_the_five_star_rating_and_no_other(self):
        for xmlid, view_type in (
            ("crm.crm_lead_view_form", "form"),
            ("crm.crm_case_tree_view_leads", "list"),
            ("crm.crm_case_tree_view_oppor", "list"),
            ("crm.crm_case_kanban_view_leads", "kanban"),
            ("crm_leads.crm_lead_view_kanban_lead_status", "kanban"),
        ):
            arch = self.Lead.get_view(self.env.ref(xmlid).id, view_type)["arch"]
            self.assertIn('name="priority"', arch, xmlid)
            self.assertNotIn("scoring", arch, xmlid)

    def test_a_salesman_creates_a_job_function_from_the_form_but_does_not_edit_the_list(self):
        function = self.env["crm.contact.job.function"].with_user(self.salesman).create({"name": "Head Buyer"})
        lead = self.create_lead("Buyer lead", job_function_id=function.id)
        self.assertEqual(lead.job_function_id.name, "Head Buyer")
        with self.assertRaises(AccessError):
            function.with_user(self.salesman).name = "Chief Buyer"
        department = self.env["crm.contact.department"].create({"name": "Logistics"})
        with self.assertRaises(AccessError):
            department.with_user(self.salesman).unlink()

    def test_a_salesman_creates_an_industry_from_the_form_a_manager_edits_the_list(self):
        industry = self.env["res.partner.industry"].with_user(self.salesman).create({"name": "Boat building"})
        self.assertEqual(self.create_lead("Shipyard", industry_id=industry.id).industry_id, industry)
        with self.assertRaises(AccessError):
            industry.with_user(self.salesman).name = "Shipbuilding"
        manager = new_test_user(self.env, login="crm_leads_industry_manager", groups="sales_team.group_sale_manager")
        industry.with_user(manager).name = "Shipbuilding"
        self.assertEqual(industry.name, "Shipbuilding")

    def test_configuration_menus_are_for_managers_only(self):
        manager_group = self.env.ref("sales_team.group_sale_manager")
        for xmlid in (
            "crm_leads.crm_contact_department_menu",
            "crm_leads.crm_contact_job_function_menu",
            "crm_leads.res_partner_industry_menu_crm",
        ):
            self.assertEqual(self.env.ref(xmlid).group_ids, manager_group, xmlid)
        visible = self.env["ir.ui.menu"].with_user(self.salesman)._visible_menu_ids()
        self.assertNotIn(self.env.ref("crm_leads.crm_contact_department_menu").id, visible)

    def test_merging_keeps_the_chosen_record_and_the_best_marketing_values(self):
        industry = self.env["res.partner.industry"].create({"name": "Aeronautics"})
        older = self.create_lead(
            "First entry", partner_name="Airbus", priority="4", is_key_account=True, industry_id=industry.id
        )
        newer = self.create_lead("Second entry", partner_name="Airbus", priority="2")
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_context(active_model="crm.lead", active_ids=(older | newer).ids)
            .create({"keep_lead_id": newer.id})
        )
        wizard.action_merge()
        self.assertEqual((older | newer).exists(), newer, "Odoo alone would have kept the older lead")
        self.assertEqual(newer.name, "Second entry")
        self.assertEqual(newer.priority, "4")
        self.assertTrue(newer.is_key_account)
        self.assertEqual(newer.industry_id, industry)

    def test_without_a_choice_the_merge_keeps_what_odoo_keeps(self):
        older = self.create_lead("First entry", partner_name="Airbus")
        newer = self.create_lead("Second entry", partner_name="Airbus")
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_context(active_model="crm.lead", active_ids=(older | newer).ids)
            .create({})
        )
        wizard.action_merge()
        self.assertEqual((older | newer).exists(), older, "Odoo keeps the older of two alike leads")
