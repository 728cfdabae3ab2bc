from pathlib import Path

from odoo.tools.safe_eval import safe_eval

from .common import CrmLeadsCase

MENUS_FILE = Path(__file__).parent.parent / "views" / "crm_leads_menus.xml"


class TestCrmLeadMenus(CrmLeadsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.lead_new = cls.create_lead("Menu lead new", user_id=cls.salesman.id)
        cls.lead_nurturing = cls.create_lead("Menu lead nurturing", lead_status_id=cls.status_nurturing.id)
        cls.lead_lost = cls.create_lead("Menu lead lost", user_id=cls.salesman.id)
        cls.lead_lost.action_set_lost(lost_reason_id=cls.lost_reason.id)
        cls.lead_converted = cls.create_lead("Menu lead converted")
        cls.lead_converted.convert_opportunity(cls.env["res.partner"])
        cls.lead_custom_closed = cls.create_lead("Menu lead closed by custom status")
        cls.status_no_budget = cls.Status.create({"name": "No budget", "is_closed": True, "sequence": 45})
        cls.lead_custom_closed.lead_status_id = cls.status_no_budget
        cls.opportunity = cls.Lead.create({"name": "Menu opportunity", "type": "opportunity"})
        cls.ours = cls.Lead.with_context(active_test=False).search([("name", "=like", "Menu %")])

    def menu_leads(self, xmlid, user=None):
        """The records of our fixtures that a menu's action lists for `user`."""
        env = self.env(user=user) if user else self.env
        action = self.env.ref(xmlid).action
        context = safe_eval(action.context or "{}", {"uid": env.uid})
        domain = safe_eval(action.domain or "[]", {"uid": env.uid})
        return env["crm.lead"].with_context(**context).search(domain + [("id", "in", self.ours.ids)])

    def test_open_leads_menu_lists_leads_in_open_statuses(self):
        self.assertEqual(self.menu_leads("crm_leads.crm_lead_menu_open_leads"), self.lead_new | self.lead_nurturing)

    def test_closed_leads_menu_lists_converted_lost_and_closed_leads(self):
        self.assertEqual(
            self.menu_leads("crm_leads.crm_lead_menu_closed_leads"),
            self.lead_lost | self.lead_converted | self.lead_custom_closed,
        )

    def test_my_leads_menu_lists_the_user_s_active_leads(self):
        self.assertEqual(self.menu_leads("crm_leads.crm_lead_menu_my_leads", user=self.salesman), self.lead_new)

    def test_lead_menus_stand_under_crm_leads(self):
        menus = self.env.ref("crm.crm_menu_leads").child_id.sorted("sequence")
        self.assertEqual(
            menus.mapped("name"), ["My Leads", "Open Leads", "Closed Leads", "All Leads", "Check Duplicates"]
        )

    def test_statuses_are_configured_by_managers_only(self):
        menu = self.env.ref("crm_leads.crm_lead_status_menu")
        self.assertEqual(menu.parent_id, self.env.ref("crm.menu_crm_config_lead"))
        self.assertEqual(menu.group_ids, self.env.ref("sales_team.group_sale_manager"))
        list_view = self.env.ref("crm_leads.crm_lead_status_view_list")
        self.assertIn('widget="handle"', list_view.arch)

    def test_closed_opportunities_menu_lists_won_and_lost_ones_beside_the_pipeline(self):
        won = self.Lead.create({"name": "Menu won", "type": "opportunity"})
        won.action_set_won()
        lost = self.Lead.create({"name": "Menu lost opportunity", "type": "opportunity"})
        lost.action_set_lost(lost_reason_id=self.lost_reason.id)
        self.ours |= won | lost
        self.assertEqual(self.menu_leads("crm_leads.crm_lead_menu_closed_opportunities"), won | lost)
        menu = self.env.ref("crm_leads.crm_lead_menu_closed_opportunities")
        pipeline = self.env.ref("crm.menu_crm_opportunities")
        self.assertEqual(menu.parent_id, pipeline.parent_id)
        siblings = menu.parent_id.child_id.sorted(lambda m: (m.sequence, m.id))
        self.assertEqual(siblings.ids.index(menu.id), siblings.ids.index(pipeline.id) + 1)

    def test_all_contacts_is_titled_all_contacts_under_a_contacts_menu(self):
        menu = self.env.ref("crm_leads.res_partner_menu_all_contacts")
        self.assertEqual(menu.action.name, "All Contacts")
        self.assertFalse(menu.action.domain)
        self.assertEqual(menu.parent_id.name, "Contacts")
        self.assertFalse(self.env.ref("crm.res_partner_menu_customer").active, "its action listed all contacts")

    def test_no_menu_header_repeats_one_of_its_items(self):
        root = self.env.ref("crm.crm_menu_root")
        menus = self.env["ir.ui.menu"].search([("id", "child_of", root.id)])
        for header in menus.filtered("child_id"):
            self.assertNotIn(header.name, header.child_id.mapped("name"), header.complete_name)

    def test_every_menu_of_the_addon_is_in_its_menus_file(self):
        menus = self.env["ir.model.data"].search([("module", "=", "crm_leads"), ("model", "=", "ir.ui.menu")])
        self.assertTrue(menus)
        for data in menus:
            # The CSV import's menu goes with the wizard it opens.
            if data.name != "crm_lead_import_menu":
                self.assertIn(data.name, MENUS_FILE.read_text(), data.name)
