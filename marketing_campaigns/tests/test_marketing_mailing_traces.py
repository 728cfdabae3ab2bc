from .common_mailing_smart_query import MailingSmartQueryCase


class TestMarketingMailingTraces(MailingSmartQueryCase):
    def test_contact_lists_the_mailings_it_received_with_their_outcome(self):
        mailing = self.create_mailing()
        mailing.action_send_mail()
        other = self.create_mailing(values={"country_id": self.belgium.id})
        other.action_send_mail()
        traces = self.lyon.with_user(self.marketer).marketing_mailing_trace_ids
        self.assertEqual(traces.mass_mailing_id, mailing)
        traces.set_opened()
        self.assertEqual(traces.marketing_outcome, "opened")
        traces.set_clicked()
        self.assertEqual(traces.marketing_outcome, "clicked")
        traces.set_replied()
        self.assertEqual(traces.marketing_outcome, "replied")
        self.assertEqual(self.brussels.marketing_mailing_trace_ids.mass_mailing_id, other)

    def test_contact_lists_the_mailings_sent_to_its_address_on_a_mailing_list(self):
        mailing_list = self.env["mailing.list"].create({"name": "MCQ newsletter"})
        mailing_list._add_records(self.paris, "email")
        newsletter = self.env["mailing.mailing"].create(
            {"subject": "MCQ newsletter", "body_html": "<p>News</p>", "contact_list_ids": [mailing_list.id]}
        )
        newsletter.action_send_mail()
        self.assertEqual(self.paris.marketing_mailing_trace_ids.mass_mailing_id, newsletter)
        self.assertFalse(self.lyon.marketing_mailing_trace_ids)

    def test_lead_lists_the_mailings_it_received(self):
        lead, other = self.env["crm.lead"].create(
            [
                {"name": "MCQ lead", "email_from": "lead@example.com"},
                {"name": "MCQ other", "email_from": "o@example.com"},
            ]
        )
        mailing = self.env["mailing.mailing"].create(
            {
                "subject": "MCQ to leads",
                "body_html": "<p>Hi</p>",
                "mailing_model_id": self.env["ir.model"]._get_id("crm.lead"),
                "mailing_domain": repr([("id", "=", lead.id)]),
            }
        )
        mailing.action_send_mail()
        self.assertEqual(lead.marketing_mailing_trace_ids.mass_mailing_id, mailing)
        self.assertEqual(lead.marketing_mailing_trace_ids.marketing_outcome, "scheduled")
        self.assertFalse(other.marketing_mailing_trace_ids)
        lead.marketing_mailing_trace_ids.set_bounced()
        self.assertEqual(lead.marketing_mailing_trace_ids.marketing_outcome, "bounced")
