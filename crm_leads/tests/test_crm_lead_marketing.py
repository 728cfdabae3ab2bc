from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_qualification import CrmLeadsQualificationCase


class TestCrmLeadMarketing(CrmLeadsQualificationCase):
    def test_lead_scoring_has_the_stars_of_the_opportunity_scoring(self):
        fields = self.Lead._fields
        lead_keys = [key for key, _label in fields["lead_scoring"].selection]
        opportunity_keys = [key for key, _label in fields["opportunity_scoring"].selection]
        self.assertEqual(lead_keys, ["0", "1", "2", "3", "4", "5"])
        self.assertEqual(lead_keys, opportunity_keys)
        self.assertEqual(self.create_lead("Unrated").lead_scoring, "0")

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
            "First entry", partner_name="Airbus", lead_scoring="4", is_key_account=True, industry_id=industry.id
        )
        newer = self.create_lead("Second entry", partner_name="Airbus", lead_scoring="2")
        wizard = (
            self.env["crm.merge.opportunity"]
            .with_context(active_model="crm.lead", active_ids=(older | newer).ids)
            .create({"keep_lead_id": newer.id})
        )
        wizard.action_merge()
        self.assertEqual((older | newer).exists(), newer, "Odoo alone would have kept the older lead")
        self.assertEqual(newer.name, "Second entry")
        self.assertEqual(newer.lead_scoring, "4")
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
