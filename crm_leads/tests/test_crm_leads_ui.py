from odoo.tests import HttpCase, new_test_user, tagged

from .common import turn_leads_on


@tagged("post_install", "-at_install")
class TestCrmLeadsUi(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        turn_leads_on(cls.env)

    def test_dragging_a_lead_to_another_column_changes_its_status(self):
        lead = self.env["crm.lead"].create({"name": "Tour lead to qualify", "type": "lead"})
        self.assertEqual(lead.lead_status_id, self.env.ref("crm_leads.crm_lead_status_new"))
        self.start_tour("/odoo/open-leads", "crm_leads_kanban_status_drag", login="admin")
        self.assertEqual(lead.lead_status_id, self.env.ref("crm_leads.crm_lead_status_marketing_qualification"))

    def test_the_read_only_level_is_offered_nothing_that_fails(self):
        new_test_user(self.env, login="tour_reader", groups="crm_leads.group_crm_readonly", name="Tour Reader")
        self.env["crm.lead"].create({"name": "Tour read lead", "type": "lead", "partner_name": "Tour Reading"})
        self.start_tour("/odoo/open-leads", "crm_leads_readonly_screens", login="tour_reader")

    def test_the_read_only_level_s_activity_view_schedules_nothing(self):
        reader = new_test_user(self.env, login="tour_reader", groups="crm_leads.group_crm_readonly", name="Tour Reader")
        lead = self.env["crm.lead"].create({"name": "Tour read lead", "type": "lead", "partner_name": "Tour Reading"})
        # Odoo shows a user the activities of documents he may not write only when assigned to him.
        lead.activity_schedule("mail.mail_activity_data_call", summary="Call them back", user_id=reader.id)
        self.start_tour("/odoo/open-leads?view_type=activity", "crm_leads_readonly_activity_view", login="tour_reader")
        self.assertEqual(len(lead.activity_ids), 1)

    def test_a_converted_lead_is_reopened_only_by_the_reopen_button(self):
        lead = self.env["crm.lead"].create(
            {"name": "Tour converted lead", "type": "lead", "partner_name": "Tour Reopen"}
        )
        lead._crm_leads_convert(company_mode="create", contact_mode="none")
        company = lead.conversion_company_id
        self.assertTrue(company)
        self.start_tour(f"/odoo/crm.lead/{lead.id}", "crm_leads_reopen", login="admin")
        self.assertEqual(lead.lead_status_id, self.env.ref("crm_leads.crm_lead_status_new"))
        self.assertFalse(lead.conversion_company_id)
        self.assertTrue(company.exists(), "the company of the conversion stays")

    def test_the_lead_list_has_axelor_s_columns_row_buttons_and_one_convert(self):
        lead = self.env["crm.lead"].create(
            {
                "name": "Tour list lead",
                "type": "lead",
                "partner_name": "Tour Listing",
                "phone": "+33 4 72 00 00 00",
                "city": "Lyon",
                "email_from": "list@tour.example.com",
                "priority": "5",
                "user_id": False,
            }
        )
        self.start_tour("/odoo/open-leads?view_type=list", "crm_leads_lead_list", login="admin")
        self.assertEqual(lead.user_id, self.env.ref("base.user_admin"))
