from datetime import datetime

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import Form

from .common_extras import CrmLeadsExtrasCase


class TestCrmEvents(CrmLeadsExtrasCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.opportunity = cls.create_opportunity("Office fit-out", cls.prospect_contact, user_id=cls.salesman.id)
        cls.lead = cls.Lead.create(
            {"name": "Web form request", "type": "lead", "contact_name": "Léa Martin", "user_id": cls.salesman.id}
        )

    def create_meeting_from(self, record, name="Kick-off"):
        """Fill and save the meeting dialog that the Events tab's New Meeting button opens."""
        action = record.with_user(self.salesman).action_new_meeting()
        with Form(self.env["calendar.event"].with_user(self.salesman).with_context(**action["context"])) as form:
            form.name = name
            form.start = datetime(2026, 12, 1, 9, 0)
            form.stop = datetime(2026, 12, 1, 10, 0)
        return form.record.with_user(self.env.user)

    def test_new_meeting_from_an_opportunity_invites_its_contact_and_lists_in_its_tab(self):
        meeting = self.create_meeting_from(self.opportunity)
        self.assertEqual(meeting.partner_ids, self.salesman.partner_id | self.prospect_contact)
        self.assertIn(meeting, self.opportunity.calendar_event_ids)
        self.assertEqual(meeting.meeting_state, "planned")

    def test_new_meeting_from_a_lead_lists_in_its_tab(self):
        meeting = self.create_meeting_from(self.lead)
        self.assertIn(meeting, self.lead.calendar_event_ids)

    def test_new_meeting_from_a_contact_lists_in_its_tab(self):
        meeting = self.create_meeting_from(self.prospect_contact)
        self.assertIn(meeting, self.prospect_contact.meeting_ids)
        self.assertEqual((meeting.res_model, meeting.res_id), ("res.partner", self.prospect_contact.id))

    def test_meetings_keep_odoo_recurrence_and_reminders(self):
        meeting = self.create_meeting_from(self.opportunity, "Weekly follow-up")
        alarm = self.env.ref("calendar.alarm_notif_1")
        meeting.write(
            {
                "recurrency": True,
                "rrule_type": "daily",
                "interval": 7,
                "count": 3,
                "end_type": "count",
                "alarm_ids": [(4, alarm.id)],
            }
        )
        occurrences = meeting.recurrence_id.calendar_event_ids
        self.assertEqual(len(occurrences), 3)
        self.assertTrue(all(alarm in occurrence.alarm_ids for occurrence in occurrences))
        self.assertEqual(set(occurrences.mapped("opportunity_id")), {self.opportunity})

    def test_done_activities_stay_in_the_events_tab_with_their_feedback(self):
        for record in (self.opportunity, self.prospect_contact):
            done = record.activity_schedule(
                activity_type_id=self.call_type.id, summary="First call", user_id=self.salesman.id
            )
            pending = record.activity_schedule("mail.mail_activity_data_todo", summary="Send the quote")
            done.with_user(self.salesman).action_feedback(feedback="Interested, call back in June")
            record = record.with_user(self.salesman)
            self.assertEqual(record.activity_ids.mapped("summary"), ["Send the quote"], record)
            self.assertEqual(record.done_activity_ids.mapped("summary"), ["First call"], record)
            self.assertEqual(record.done_activity_ids.feedback, "Interested, call back in June")
            self.assertTrue(record.done_activity_ids.date_done)
            self.assertNotIn(pending, record.done_activity_ids)

    def test_new_call_task_and_note_open_the_activity_dialog_on_the_record(self):
        expected = {
            "action_new_call": "mail.mail_activity_data_call",
            "action_new_task": "mail.mail_activity_data_todo",
            "action_new_note": "crm_leads.mail_activity_type_note",
        }
        for record in (self.lead, self.opportunity, self.prospect_contact):
            for method, xmlid in expected.items():
                context = getattr(record, method)()["context"]
                activity = Form(self.env["mail.activity"].with_context(**context)).save()
                self.assertEqual(activity.activity_type_id, self.env.ref(xmlid))
                self.assertIn(activity, record.activity_ids)

    def test_done_and_cancel_set_the_meeting_status(self):
        done = self.create_meeting_from(self.opportunity, "Demo")
        cancelled = self.create_meeting_from(self.opportunity, "Visit")
        done.action_mark_meeting_done()
        cancelled.action_cancel_meeting()
        self.assertEqual((done.meeting_state, cancelled.meeting_state), ("done", "cancelled"))
        self.assertIn(cancelled, self.opportunity.calendar_event_ids, "a cancelled meeting stays in the history")

    def test_done_and_cancel_settle_the_meeting_activity_of_the_record(self):
        done = self.create_meeting_from(self.opportunity, "Demonstration")
        cancelled = self.create_meeting_from(self.opportunity, "Site visit")
        self.assertEqual(len(self.opportunity.activity_ids), 2, "Odoo plans a Meeting activity for each")
        done.with_user(self.salesman).action_mark_meeting_done()
        cancelled.with_user(self.salesman).action_cancel_meeting()
        self.assertFalse(self.opportunity.activity_ids)
        self.assertEqual(self.opportunity.done_activity_ids.calendar_event_id, done)

    def test_a_closed_meeting_cannot_be_closed_again(self):
        meeting = self.create_meeting_from(self.opportunity)
        meeting.action_mark_meeting_done()
        with self.assertRaisesRegex(UserError, "only planned meetings .* Click Back to Planned first"):
            meeting.action_cancel_meeting()

    def test_events_tab_is_on_lead_opportunity_and_contact_forms(self):
        for model in ("crm.lead", "res.partner"):
            arch = etree.fromstring(self.env[model].get_views([(False, "form")])["views"]["form"]["arch"])
            page = arch.xpath("//page[@name='crm_leads_events']")
            self.assertTrue(page, f"no Events tab on the {model} form")
            buttons = page[0].xpath(".//div[@name='event_buttons']/button/@name")
            self.assertEqual(buttons, ["action_new_meeting", "action_new_call", "action_new_task", "action_new_note"])

    def test_default_meeting_categories_are_shipped_in_odoo_s_words(self):
        names = {
            self.env.ref(f"crm_leads.calendar_event_type_{key}").name
            for key in ("client_meeting", "supplier_meeting", "internal_meeting", "training", "event")
        }
        # In French: the name of a category is not translatable.
        self.assertEqual(names, {"Réunion client", "Réunion fournisseur", "Réunion interne", "Formation", "Événement"})
        self.assertFalse(self.env["calendar.event.type"]._fields["name"].translate)
        self.assertFalse(
            self.env["calendar.event.type"].search([("name", "in", ["Client meeting", "Customer Meeting"])])
        )

    def test_odoo_s_own_categories_are_reused_not_doubled(self):
        Category = self.env["calendar.event.type"]
        odoo_customer = self.env.ref("calendar.categ_meet1", raise_if_not_found=False)
        if not odoo_customer:
            odoo_customer = Category.create({"name": "Customer Meeting"})
            self.env["ir.model.data"].create(
                {"module": "calendar", "name": "categ_meet1", "model": Category._name, "res_id": odoo_customer.id}
            )
        # A database of an earlier version: the addon's own twin, with a meeting in it.
        twin = Category.create({"name": "Client meeting"})
        data = self.env["ir.model.data"].search(
            [("module", "=", "crm_leads"), ("name", "=", "calendar_event_type_client_meeting")]
        )
        data.res_id = twin.id
        meeting = self.env["calendar.event"].create(
            {"name": "Demo", "start": "2030-01-07 09:00:00", "stop": "2030-01-07 10:00:00", "categ_ids": twin.ids}
        )
        Category._crm_leads_adopt_odoo_categories()
        self.assertEqual(self.env.ref("crm_leads.calendar_event_type_client_meeting"), odoo_customer)
        self.assertEqual(meeting.categ_ids, odoo_customer)
        self.assertFalse(twin.exists())

    def test_the_meeting_says_categories_as_its_menu(self):
        self.assertEqual(self.env["calendar.event"]._fields["categ_ids"].string, "Categories")
        self.assertEqual(self.env.ref("crm_leads.calendar_event_type_menu").name, "Meeting Categories")
