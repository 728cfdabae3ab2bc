from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCrmLeadsUi(HttpCase):
    def test_dragging_a_lead_to_another_column_changes_its_status(self):
        lead = self.env["crm.lead"].create({"name": "Tour lead to qualify", "type": "lead"})
        self.assertEqual(lead.lead_status_id, self.env.ref("crm_leads.crm_lead_status_new"))
        self.start_tour("/odoo/open-leads", "crm_leads_kanban_status_drag", login="admin")
        self.assertEqual(lead.lead_status_id, self.env.ref("crm_leads.crm_lead_status_marketing_qualification"))
