from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command

from .common_mailing_smart_query import MailingSmartQueryCase


class TestMailingSmartQuery(MailingSmartQueryCase):
    def test_recipients_are_the_query_records_found_at_sending(self):
        mailing = self.create_mailing()
        newcomer = self.Partner.create(
            {"name": "MCQ Nantes", "email": "nantes@example.com", "country_id": self.france.id}
        )
        mailing.with_user(self.marketer).action_send_mail()
        self.assertEqual(self.received(mailing), self.lyon | self.paris | newcomer)

    def test_blacklisted_record_of_the_query_is_not_mailed(self):
        mailing = self.create_mailing()
        self.env["mail.blacklist"]._add("paris@example.com")
        mailing.with_user(self.marketer).action_send_mail()
        self.assertEqual(self.received(mailing), self.lyon)
        paris_trace = self.traces(mailing).filtered(lambda trace: trace.res_id == self.paris.id)
        self.assertEqual(paris_trace.trace_status, "cancel", "Odoo's exclusion list keeps its own trace")
        self.assertEqual(paris_trace.failure_type, "mail_bl")

    def test_values_stored_on_the_mailing_are_used_at_sending(self):
        mailing = self.create_mailing(values={"country_id": self.belgium.id})
        mailing.with_user(self.marketer).action_send_mail()
        self.assertEqual(self.received(mailing), self.brussels)

    def test_queueing_refuses_a_required_value_left_empty(self):
        self.query.param_ids.default_value = False
        mailing = self.create_mailing()
        with self.assertRaisesRegex(UserError, "needs a value for its parameter Country"):
            mailing.with_user(self.marketer).action_launch()
        self.assertEqual(mailing.state, "draft")

    def test_colleague_who_may_not_read_the_query_reads_the_mailing_and_its_values(self):
        mailing = self.create_mailing()
        colleague = self.marketer.copy({"login": "mcq_colleague", "name": "Colin Colleague"})
        self.assertFalse(self.query.with_user(colleague).has_access("read"), "the query is its owner's own")
        values = mailing.with_user(colleague).smart_query_value_ids
        self.assertEqual(values.mapped("question"), ["Country?"])
        self.assertEqual(values.default_value, str(self.france.id))

    def test_value_left_empty_is_the_default_at_sending(self):
        self.query.param_ids.default_value = str(self.belgium.id)
        mailing = self.create_mailing()
        self.assertFalse(mailing.smart_query_value_ids.value_record)
        self.query.param_ids.default_value = str(self.france.id)
        mailing.with_user(self.marketer).action_send_mail()
        self.assertEqual(self.received(mailing), self.lyon | self.paris, "the default of the moment of sending")

    def test_values_cannot_change_once_sent(self):
        mailing = self.create_mailing()
        mailing.with_user(self.marketer).action_send_mail()
        with self.assertRaisesRegex(UserError, "no longer a draft"):
            mailing.smart_query_value_ids.with_user(self.marketer).value_record = self.belgium.id

    def test_query_of_a_model_that_cannot_be_mailed_is_refused(self):
        query = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create({"name": "MCQ countries", "model_id": self.env["ir.model"]._get_id("res.country")})
        )
        with self.assertRaisesRegex(UserError, "cannot be sent to"):
            query.with_user(self.marketer).action_send_to_mailing()
        with self.assertRaisesRegex(UserError, "cannot be sent to"):
            self.env["mailing.mailing"].with_user(self.marketer).create(
                {
                    "subject": "MCQ",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "smart_query_id": query.id,
                }
            )

    def test_query_of_another_model_than_the_mailing_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "choose a query of"):
            self.env["mailing.mailing"].with_user(self.marketer).create(
                {
                    "subject": "MCQ",
                    "mailing_model_id": self.env["ir.model"]._get_id("crm.lead"),
                    "smart_query_id": self.query.id,
                }
            )

    def test_dialog_makes_a_new_mailing_with_the_values_given(self):
        dialog = self.dialog(mailing_target="new_mailing", mailing_subject="MCQ Belgian news", country=self.belgium)
        action = dialog.action_send_to_mailing()
        mailing = self.env["mailing.mailing"].browse(action["res_id"])
        self.assertEqual(mailing.subject, "MCQ Belgian news")
        self.assertEqual(mailing.smart_query_id, self.query)
        self.assertEqual(mailing.smart_query_value_ids.value_record, self.belgium.id)
        self.assertEqual(mailing._get_recipients(), self.brussels.ids)

    def test_dialog_feeds_an_existing_draft_mailing(self):
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "MCQ draft",
                    "mailing_model_id": self.partner_model.id,
                    "mailing_domain": "[('id', '=', 0)]",
                }
            )
        )
        self.dialog(mailing_target="mailing", mailing_id=mailing.id, country=self.belgium).action_send_to_mailing()
        self.assertEqual(mailing.smart_query_id, self.query)
        self.assertEqual(mailing._get_recipients(), self.brussels.ids, "the domain written before narrows no more")

    def test_dialog_adds_the_records_to_a_mailing_list_once(self):
        mailing_list = self.env["mailing.list"].with_user(self.marketer).create({"name": "MCQ list"})
        known = self.env["mailing.contact"].create({"name": "Lyon", "email": "LYON@example.com"})
        dialog = self.dialog(mailing_target="mailing_list", mailing_list_id=mailing_list.id)
        dialog.action_send_to_mailing()
        dialog.action_send_to_mailing()
        self.assertEqual(
            sorted(mailing_list.contact_ids.mapped("email_normalized")), ["lyon@example.com", "paris@example.com"]
        )
        self.assertIn(known, mailing_list.contact_ids, "a mailing contact with the address is subscribed, not copied")

    def dialog(self, country=None, **values):
        launch = self.env["smart.query.launch"].with_user(self.marketer).create({"query_id": self.query.id, **values})
        if country:
            launch.line_ids.value_record = country.id
        return launch

    def test_copy_of_a_mailing_keeps_its_query_and_values(self):
        mailing = self.create_mailing(values={"country_id": self.belgium.id})
        copy = mailing.with_user(self.marketer).copy()
        self.assertEqual(copy.smart_query_id, self.query)
        self.assertEqual(copy.smart_query_value_ids.value_record, self.belgium.id)

    def test_value_of_another_query_is_refused(self):
        mailing = self.create_mailing()
        other = (
            self.env["smart.query"]
            .with_user(self.marketer)
            .create(
                {
                    "name": "MCQ other",
                    "model_id": self.partner_model.id,
                    "param_ids": [Command.create({"label": "City", "field_id": self.partner_fields["city"]})],
                }
            )
        )
        with self.assertRaises(AccessError):
            mailing.smart_query_value_ids = [Command.create({"param_id": other.param_ids.id})]
