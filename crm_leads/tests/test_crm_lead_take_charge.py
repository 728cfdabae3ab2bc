from odoo.exceptions import AccessError
from odoo.tests import new_test_user

from .common_qualification import CrmLeadsQualificationCase


class TestCrmLeadTakeCharge(CrmLeadsQualificationCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.team_north = cls.env["crm.team"].create({"name": "North", "member_ids": [(4, cls.salesman.id)]})
        cls.other_team = cls.env["crm.team"].create({"name": "South"})
        cls.reader = new_test_user(
            cls.env, login="lc_reader", groups="base.group_user,crm_leads.group_crm_readonly", name="Rita Reader"
        )

    def test_taking_charge_assigns_the_lead_to_me_and_my_team(self):
        lead = self.create_lead("Website request", team_id=self.other_team.id)
        lead.with_user(self.salesman).action_take_charge()
        self.assertEqual(lead.user_id, self.salesman)
        self.assertEqual(lead.team_id, self.team_north)

    def test_taking_charge_is_logged_in_the_chatter(self):
        lead = self.create_lead("Trade show contact")
        lead.with_user(self.salesman).action_take_charge()
        self.flush_tracking()
        bodies = [str(body) for body in lead.message_ids.mapped("body")]
        self.assertTrue(any("Taken in charge by Sally Salesman." in body for body in bodies), bodies)

    def test_the_server_action_takes_charge_of_several_leads(self):
        leads = self.create_lead("Lead A") | self.create_lead("Lead B")
        action = self.env.ref("crm_leads.crm_lead_action_take_charge")
        result = action.with_user(self.salesman).with_context(active_model="crm.lead", active_ids=leads.ids).run()
        self.assertEqual(leads.mapped("user_id"), self.salesman)
        self.assertEqual(leads.mapped("team_id"), self.team_north)
        self.assertEqual(result["params"]["message"], "Leads assigned to you: 2.")

    def test_the_server_action_on_one_lead_also_reloads_the_view(self):
        lead = self.create_lead("Lead alone")
        action = self.env.ref("crm_leads.crm_lead_action_take_charge")
        result = action.with_user(self.salesman).with_context(active_model="crm.lead", active_ids=lead.ids).run()
        self.assertEqual(lead.user_id, self.salesman)
        self.assertEqual(result["params"]["next"]["tag"], "soft_reload")

    def test_a_user_without_team_keeps_a_team_of_the_lead(self):
        loner = new_test_user(self.env, login="lc_loner", groups="sales_team.group_sale_salesman", name="Lone Ranger")
        lead = self.create_lead("Cold call", team_id=self.other_team.id)
        lead.with_user(loner).action_take_charge()
        self.assertEqual(lead.user_id, loner)
        self.assertEqual(lead.team_id, self.other_team)

    def test_a_read_only_user_cannot_take_charge(self):
        lead = self.create_lead("Seen only")
        with self.assertRaises(AccessError):
            lead.with_user(self.reader).action_take_charge()
        self.assertFalse(lead.user_id)
