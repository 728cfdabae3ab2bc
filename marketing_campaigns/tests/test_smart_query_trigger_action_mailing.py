from odoo.exceptions import ValidationError
from odoo.fields import Command

from .common_mailing_smart_query import MailingSmartQueryCase


class TestSmartQueryTriggerActionMailing(MailingSmartQueryCase):
    def create_trigger(self, **action):
        return self.env["smart.query.trigger"].create(
            {
                "name": "MCQ nightly",
                "query_id": self.query.id,
                "action_ids": [Command.create({"kind": "mailing_add", **action})],
            }
        )

    def test_new_records_join_the_mailing_list(self):
        mailing_list = self.env["mailing.list"].create({"name": "MCQ newcomers"})
        trigger = self.create_trigger(mailing_list_id=mailing_list.id)
        self.run_trigger(trigger)
        self.assertEqual(sorted(mailing_list.contact_ids.mapped("email")), ["lyon@example.com", "paris@example.com"])
        self.Partner.create({"name": "MCQ Nantes", "email": "nantes@example.com", "country_id": self.france.id})
        mailing_list.contact_ids.filtered(lambda contact: contact.email == "lyon@example.com").name = "Lyon, renamed"
        self.run_trigger(trigger)
        self.assertEqual(len(mailing_list.contact_ids), 3, "only the new record is added, the others are left alone")
        self.assertIn("Lyon, renamed", mailing_list.contact_ids.mapped("name"))

    def test_new_records_receive_the_mailing_sent_already_and_the_others_not_again(self):
        mailing = self.create_mailing()
        mailing.with_user(self.marketer).action_send_mail()
        trigger = self.create_trigger(mailing_id=mailing.id)
        self.run_trigger(trigger)  # the first run finds every record new: all had it, nobody gets it again
        newcomer = self.Partner.create(
            {"name": "MCQ Nantes", "email": "nantes@example.com", "country_id": self.france.id}
        )
        self.run_trigger(trigger)
        self.assertEqual(mailing.state, "in_queue", "the mailing goes back to Odoo's queue")
        mailing.action_send_mail()  # what Odoo's queue does with it (its job commits: not in a test)
        traces = self.traces(mailing)
        self.assertEqual(sorted(traces.mapped("res_id")), sorted((self.lyon | self.paris | newcomer).ids))
        self.assertEqual(mailing.state, "done")

    def test_new_records_of_a_mailing_not_sent_yet_are_among_its_recipients(self):
        mailing = self.create_mailing()
        trigger = self.create_trigger(mailing_id=mailing.id)
        self.run_trigger(trigger)
        self.assertEqual(mailing.state, "draft", "a draft stays a draft: it is sent when someone sends it")

    def test_mailing_not_fed_by_the_query_is_refused(self):
        mailing = self.env["mailing.mailing"].create(
            {"subject": "MCQ other", "mailing_model_id": self.partner_model.id}
        )
        with self.assertRaisesRegex(ValidationError, "are not the records of the query"):
            self.create_trigger(mailing_id=mailing.id)

    def test_list_or_mailing_must_be_chosen(self):
        with self.assertRaisesRegex(ValidationError, "choose either the mailing list"):
            self.create_trigger()
