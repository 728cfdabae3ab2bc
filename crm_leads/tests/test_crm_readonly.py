from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError

from .common_extras import CrmLeadsExtrasCase


class TestCrmReadonly(CrmLeadsExtrasCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls.create_opportunity("Read me", cls.prospect, user_id=cls.salesman.id)
        cls.lead = cls.Lead.create({"name": "Read me too", "type": "lead", "user_id": cls.salesman.id})
        cls.meeting = cls.env["calendar.event"].create(
            {
                "name": "Review",
                "start": datetime(2026, 12, 2, 9, 0),
                "stop": datetime(2026, 12, 2, 10, 0),
                "opportunity_id": cls.opportunity.id,
                "partner_ids": [(6, 0, cls.prospect.ids)],
            }
        )

    def visible_menus(self, user):
        """The menus the web client shows `user`: a menu under a hidden one is not reachable."""
        return set(self.env["ir.ui.menu"].with_user(user).load_menus(debug=False))

    def test_read_only_user_opens_the_lead_and_opportunity_forms(self):
        for record in (self.lead, self.opportunity):
            views = self.Lead.with_user(self.reader).get_views([(False, "form")])
            fields = list(views["models"]["crm.lead"]["fields"])
            values = record.with_user(self.reader).read(fields)[0]
            self.assertEqual(values["name"], record.name)

    def test_read_only_user_has_no_buttons_that_change_the_lead(self):
        def header_buttons(user):
            arch = self.Lead.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
            return {button.get("string") for button in etree.fromstring(arch).xpath("//header/button")}

        changing = {"Won", "Convert to Opportunity", "Restore", "Lost"}
        self.assertLessEqual(changing, header_buttons(self.salesman))
        self.assertFalse(changing & header_buttons(self.reader))

    def test_read_only_user_s_activity_view_does_not_create(self):
        def activity_create(user):
            arch = self.Lead.with_user(user).get_views([(False, "activity")])["views"]["activity"]["arch"]
            return etree.fromstring(arch).get("create")

        self.assertIsNone(activity_create(self.salesman))
        self.assertEqual(activity_create(self.reader), "0")

    def test_read_only_user_sees_every_salesman_s_leads(self):
        found = self.Lead.with_user(self.reader).search([("id", "in", (self.lead | self.opportunity).ids)])
        self.assertEqual(found, self.lead | self.opportunity)

    def test_read_only_user_cannot_change_leads(self):
        lead = self.lead.with_user(self.reader)
        with self.assertRaises(AccessError):
            lead.write({"name": "Changed"})
        with self.assertRaises(AccessError):
            self.Lead.with_user(self.reader).create({"name": "New one"})
        with self.assertRaises(AccessError):
            lead.unlink()

    def test_read_only_user_cannot_change_contacts(self):
        self.assertEqual(self.prospect.with_user(self.reader).read(["name"])[0]["name"], "Bourgeois Industrie")
        with self.assertRaises(AccessError):
            self.prospect.with_user(self.reader).write({"name": "Renamed"})

    def test_read_only_user_sees_meetings_but_cannot_change_them(self):
        meeting = self.meeting.with_user(self.reader)
        self.assertEqual(meeting.read(["name"])[0]["name"], "Review")
        with self.assertRaises(AccessError):
            meeting.write({"name": "Moved"})
        with self.assertRaises(AccessError):
            meeting.action_mark_meeting_done()
        with self.assertRaises(AccessError):
            self.env["calendar.event"].with_user(self.reader).create(
                {"name": "Mine", "start": datetime(2026, 12, 3, 9, 0), "stop": datetime(2026, 12, 3, 10, 0)}
            )

    def test_salesmen_still_manage_meetings(self):
        self.meeting.with_user(self.salesman).action_mark_meeting_done()
        self.assertEqual(self.meeting.meeting_state, "done")

    def test_read_only_user_sees_crm_and_its_reports_but_not_configuration(self):
        menus = self.visible_menus(self.reader)
        for xmlid in (
            "crm.crm_menu_root",
            "crm.crm_menu_report",
            "crm_leads.crm_lead_menu_lead_analysis",
            "crm_leads.crm_lead_menu_opportunity_amounts",
            "crm_leads.crm_activity_report_menu_calls",
            "crm_leads.calendar_event_menu_crm_analysis",
            "crm_leads.crm_lead_menu_open_leads",
        ):
            self.assertIn(self.env.ref(xmlid).id, menus, xmlid)
        self.assertNotIn(self.env.ref("crm.crm_menu_config").id, menus)

    def test_configuration_menus_are_for_managers_only(self):
        for xmlid in ("crm_leads.crm_catalog_type_menu", "crm_leads.calendar_event_type_menu"):
            self.assertNotIn(self.env.ref(xmlid).id, self.visible_menus(self.salesman), xmlid)
        self.env["res.config.settings"].create({"group_crm_leads_catalog": True}).execute()
        self.assertIn(self.env.ref("crm_leads.calendar_event_type_menu").id, self.visible_menus(self.manager))
        self.assertIn(self.env.ref("crm_leads.crm_catalog_type_menu").id, self.visible_menus(self.manager))

    def test_read_only_is_one_level_of_the_sales_rights(self):
        group = self.env.ref("crm_leads.group_crm_readonly")
        self.assertEqual(group.privilege_id, self.env.ref("sales_team.res_groups_privilege_sales"))
        self.assertLess(group.sequence, self.env.ref("sales_team.group_sale_salesman").sequence)
        self.assertFalse(self.reader.has_group("sales_team.group_sale_salesman"))

    def test_read_only_user_gets_no_create_button(self):
        arch = etree.fromstring(self.Lead.with_user(self.reader).get_views([(False, "list")])["views"]["list"]["arch"])
        self.assertEqual(arch.get("create"), "False")

    def test_read_only_user_is_offered_no_event_creation(self):
        for model in ("crm.lead", "res.partner"):
            arch = self.env[model].with_user(self.reader).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertFalse(etree.fromstring(arch).xpath("//div[@name='event_buttons']"), model)
            arch = self.env[model].with_user(self.salesman).get_views([(False, "form")])["views"]["form"]["arch"]
            self.assertTrue(etree.fromstring(arch).xpath("//div[@name='event_buttons']"), model)

    def test_read_only_user_drags_no_kanban_card_and_schedules_no_activity(self):
        for xmlid in ("crm.crm_case_kanban_view_leads", "crm_leads.crm_lead_view_kanban_lead_status"):
            view_id = self.env.ref(xmlid).id
            reader_arch = etree.fromstring(self.Lead.with_user(self.reader).get_view(view_id, "kanban")["arch"])
            self.assertEqual(reader_arch.get("records_draggable"), "False", xmlid)
            self.assertFalse(reader_arch.xpath("//field[@widget='kanban_activity']"), xmlid)
            salesman_arch = etree.fromstring(self.Lead.with_user(self.salesman).get_view(view_id, "kanban")["arch"])
            self.assertIsNone(salesman_arch.get("records_draggable"), xmlid)
            self.assertTrue(salesman_arch.xpath("//field[@widget='kanban_activity']"), xmlid)

    def test_read_only_user_is_offered_no_sms_beside_phone_numbers(self):
        arch = self.Lead.with_user(self.reader).get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"]
        phones = etree.fromstring(arch).xpath("//field[@widget='phone']")
        self.assertTrue(phones)
        self.assertEqual({phone.get("options") for phone in phones}, {"{'enable_sms': False}"})

    def test_read_only_user_is_offered_no_archive(self):
        # The web client offers Archive when the field "active" is not read-only.
        self.assertTrue(self.Lead.with_user(self.reader).fields_get(["active"])["active"]["readonly"])
        self.assertFalse(self.Lead.with_user(self.salesman).fields_get(["active"])["active"]["readonly"])

    def test_read_only_user_gets_no_header_button_not_even_of_other_addons(self):
        arch = self.Lead.with_user(self.reader).get_view(self.env.ref("crm.crm_lead_view_form").id, "form")["arch"]
        self.assertFalse(etree.fromstring(arch).xpath("/form/header/button"), "Enrich, Won, Lost, Convert...")
        list_arch = self.Lead.with_user(self.reader).get_view(self.env.ref("crm.crm_case_tree_view_oppor").id, "list")
        self.assertFalse(etree.fromstring(list_arch["arch"]).xpath("/list/header/button"), "Mark Lost, Email")

    def test_read_only_user_is_offered_only_printouts_in_the_actions_menu(self):
        bindings = self.env["ir.actions.actions"].with_user(self.reader).get_bindings("crm.lead")
        self.assertNotIn("action", bindings, "no Send email, Convert, Take Charge, Enrich...")
        self.assertIn(
            self.env.ref("crm_leads.crm_lead_action_report_sheet").id, [report["id"] for report in bindings["report"]]
        )
        salesman_actions = self.env["ir.actions.actions"].with_user(self.salesman).get_bindings("crm.lead")["action"]
        self.assertIn(self.env.ref("crm.action_lead_mass_mail").id, [action["id"] for action in salesman_actions])

    def test_read_only_user_gets_no_row_button_of_the_lead_list(self):
        list_id = self.env.ref("crm.crm_case_tree_view_leads").id
        reader = etree.fromstring(self.Lead.with_user(self.reader).get_view(list_id, "list")["arch"])
        salesman = etree.fromstring(self.Lead.with_user(self.salesman).get_view(list_id, "list")["arch"])
        self.assertFalse(reader.xpath("/list/button"))
        self.assertEqual(len(salesman.xpath("/list/button")), 3, "Take Charge, New Event, Send E-mail")
