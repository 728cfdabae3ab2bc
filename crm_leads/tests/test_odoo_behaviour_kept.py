from datetime import datetime

from odoo.tests import Form, TransactionCase, new_test_user
from odoo.tools import SQL

from .common_extras import CrmLeadsExtrasCase


class TestOdooBehaviourKept(CrmLeadsExtrasCase):
    """What Odoo does without crm_leads, it does with it (Odoo's own tests of the modules crm_leads
    extends run with `bin/test --odoo-tests crm,sale_crm,calendar`)."""

    def test_a_user_without_sales_rights_opens_a_contact(self):
        employee = new_test_user(self.env, login="lx_employee", groups="base.group_user", name="Emma Employee")
        form = Form(self.prospect_contact.with_user(employee))
        self.assertEqual(form.name, "Paul Bourgeois")
        self.assertNotIn("crm_tag_ids", form._view["fields"])

    def test_an_employee_notified_in_odoo_is_created(self):
        """Odoo's own tests create employees notified in Odoo (not by e-mail), which only internal
        users may be: the user is created before its groups are written, and no field of the
        addon may make Odoo compute "share" at that moment."""
        employee = new_test_user(self.env, login="lx_inbox", groups="base.group_user", notification_type="inbox")
        self.assertFalse(employee.share)
        self.assertEqual(employee.notification_type, "inbox")

    def test_salespeople_see_the_lead_tags_of_a_contact(self):
        form = Form(self.prospect_contact.with_user(self.salesman))
        self.assertIn("crm_tag_ids", form._view["fields"])

    def test_meetings_created_with_this_addon_not_loaded_are_planned(self):
        """Updating calendar, Odoo creates meetings (data, tests) with the models loaded so far:
        this addon's field is not among them, its column is filled by the database."""
        event = self.env["calendar.event"].create(
            {"name": "Kick-off", "start": datetime(2026, 12, 1, 9), "stop": datetime(2026, 12, 1, 10)}
        )
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT column_name FROM information_schema.columns
                WHERE table_name = 'calendar_event' AND is_nullable = 'NO' AND column_default IS NULL
                  AND column_name != 'meeting_state'"""
        )
        required = SQL(", ").join(SQL.identifier(name) for (name,) in self.env.cr.fetchall())
        self.env.cr.execute(
            SQL(
                "INSERT INTO calendar_event (%s) SELECT %s FROM calendar_event WHERE id = %s RETURNING meeting_state",
                required,
                required,
                event.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], "planned")


class TestLeadsSettingLeftToTheAdministrator(TransactionCase):
    def test_installing_the_addon_leaves_the_leads_setting_off(self):
        """CRM's "Leads" setting is the administrator's choice (Odoo's own screens and tests
        depend on it): on a fresh database with the addon, it is still off."""
        self.assertNotIn(self.env.ref("crm.group_use_lead"), self.env.ref("base.group_user").implied_ids)
        self.assertFalse(self.env.ref("base.user_demo").has_group("crm.group_use_lead"))
