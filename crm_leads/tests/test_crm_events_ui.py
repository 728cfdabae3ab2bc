from datetime import datetime

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestCrmEventsUi(HttpCase):
    def test_events_tab_marks_a_meeting_done_and_plans_a_call(self):
        opportunity = self.env["crm.lead"].create({"name": "Tour opportunity", "type": "opportunity"})
        meeting = self.env["calendar.event"].create(
            {
                "name": "Tour meeting",
                "start": datetime(2026, 12, 1, 9, 0),
                "stop": datetime(2026, 12, 1, 10, 0),
                "opportunity_id": opportunity.id,
            }
        )
        self.start_tour(f"/odoo/crm/{opportunity.id}", "crm_leads_events_tab", login="admin")
        self.assertEqual(meeting.meeting_state, "done")
        call = opportunity.activity_ids.filtered(lambda activity: activity.summary == "Call about the tour")
        self.assertEqual(call.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
