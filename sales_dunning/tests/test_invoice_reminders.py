from unittest.mock import patch

from odoo.addons.mail.tests.common import MockEmail
from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SalesDunningCase


class TestInvoiceReminders(SalesDunningCase):
    def test_invoice_due_8_days_ago_gets_the_first_level_then_nothing_for_two_nights(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.run_reminders()
        reminders = self.reminders_of(self.customer)
        self.assertEqual(reminders.policy_level_id, self.level_1)
        self.assertEqual(len(self.reminder_messages(reminders)), 1)
        self.assertEqual(invoice.sales_dunning_level_id, self.level_1)

        self.run_reminders(days_from_today=1)
        self.run_reminders(days_from_today=2)
        self.assertEqual(self.reminders_of(self.customer), reminders, "no second level before +15")
        self.assertEqual(len(invoice.credit_control_line_ids.filtered(lambda line: line.state != "ignored")), 1)

    def test_levels_climb_one_a_night_and_the_formal_notice_plans_a_call(self):
        self.customer.user_id = self.salesperson
        invoice = self.create_invoice(due_in_days=-31)
        for night in range(3):
            self.run_reminders(days_from_today=night)
        reminders = self.reminders_of(self.customer)
        self.assertEqual(reminders.policy_level_id, self.policy.level_ids, "each level once, in order")
        self.assertEqual(invoice.sales_dunning_level_id, self.level_3)
        notice = reminders.filtered(lambda r: r.policy_level_id == self.level_3)
        self.assertIn("application/pdf", notice.message_ids.attachment_ids.mapped("mimetype"), "letter and invoice PDF")
        activity = self.customer.activity_ids
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))

        self.run_reminders(days_from_today=3)
        self.assertEqual(self.reminders_of(self.customer), reminders, "nothing after the last level")

    def test_paying_the_invoice_after_the_first_reminder_stops_the_next(self):
        invoice = self.create_invoice(due_in_days=-8)
        self.run_reminders()
        self.env["account.payment.register"].with_context(active_model="account.move", active_ids=invoice.ids).create(
            {}
        )._create_payments()
        self.assertIn(invoice.payment_state, ("paid", "in_payment"))
        self.run_reminders(days_from_today=8)
        self.assertEqual(self.reminders_of(self.customer).policy_level_id, self.level_1)

    def test_an_invoice_paid_between_the_run_and_its_sending_is_left_out_of_the_reminder(self):
        unpaid = self.create_invoice(due_in_days=-8)
        paid = self.create_invoice(due_in_days=-9, amount=120.0)
        with trap_jobs() as trap:
            self.env["credit.control.run"]._job_sales_dunning_run(self.company, self.today)
            self.env["account.payment.register"].with_context(active_model="account.move", active_ids=paid.ids).create(
                {}
            )._create_payments()
            trap.perform_enqueued_jobs()
        reminder = self.reminders_of(self.customer)
        self.assertEqual(reminder.credit_control_line_ids.invoice_id, unpaid)
        self.assertEqual(reminder.total_due, unpaid.amount_residual)
        body = self.reminder_mails(reminder).body_html
        self.assertIn(unpaid.name, body)
        self.assertNotIn(paid.name, body)
        self.assertEqual(paid.credit_control_line_ids.state, "ignored")

    def test_a_reminder_whose_invoices_were_all_paid_is_not_sent(self):
        invoice = self.create_invoice(due_in_days=-8)
        with trap_jobs() as trap:
            run = self.env["credit.control.run"]._job_sales_dunning_run(self.company, self.today)
            invoice.payment_state = "in_payment"
            trap.perform_enqueued_jobs()
        communication = self.env["credit.control.communication"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(communication.sales_dunning_state, "skipped")
        self.assertFalse(self.reminder_messages(communication))
        self.assertEqual(run.line_ids.filtered(lambda line: line.invoice_id == invoice).state, "ignored")

    def test_an_invoice_in_payment_but_not_reconciled_gets_no_reminder(self):
        invoice = self.create_invoice(due_in_days=-8)
        # What Odoo 19 does when a payment is registered without a journal entry to
        # reconcile: the receivable line stays open, the invoice shows "in payment".
        invoice.payment_state = "in_payment"
        self.assertFalse(invoice.line_ids.filtered("date_maturity").reconciled)
        self.run_reminders()
        self.assertFalse(self.reminders_of(self.customer))

    def test_a_customer_with_three_overdue_invoices_gets_one_message(self):
        invoices = self.create_invoice(due_in_days=-8) | self.create_invoice(due_in_days=-9)
        invoices |= self.create_invoice(due_in_days=-10, amount=120.0)
        self.run_reminders()
        reminder = self.reminders_of(self.customer)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.credit_control_line_ids.invoice_id, invoices)
        message = self.reminder_messages(reminder)
        self.assertEqual(len(message), 1)
        for invoice in invoices:
            self.assertIn(invoice.name, message.body)
        self.assertIn(self.customer.commercial_partner_id, self.reminder_mails(reminder).recipient_ids)

    def test_a_failing_customer_is_put_in_error_and_the_others_are_sent(self):
        self.create_invoice(due_in_days=-8)
        self.create_invoice(customer=self.other_customer, due_in_days=-8)
        communication_model = type(self.env["credit.control.communication"])
        deliver = communication_model._sales_dunning_deliver

        def deliver_or_fail(communication, lines):
            if communication.partner_id == self.customer:
                raise ValueError("template error")
            return deliver(communication, lines)

        with patch.object(communication_model, "_sales_dunning_deliver", deliver_or_fail):
            self.run_reminders()
        failed = self.env["credit.control.communication"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(failed.sales_dunning_state, "error")
        self.assertIn("template error", failed.sales_dunning_error)
        self.assertEqual(set(failed.credit_control_line_ids.mapped("state")), {"error"})
        self.assertEqual(len(self.reminder_messages(self.reminders_of(self.other_customer))), 1)

    def test_a_reminder_job_performed_twice_sends_once(self):
        self.create_invoice(due_in_days=-8)
        with trap_jobs() as trap:
            run = self.env["credit.control.run"]._job_sales_dunning_run(self.company, self.today)
            sending = [job for job in trap.enqueued_jobs if job.method_name == "_job_sales_dunning_send"]
            self.assertEqual(len(sending), 1)
            trap.perform_enqueued_jobs()
        communication = run.line_ids.communication_id
        self.assertFalse(communication._job_sales_dunning_send(), "the second performance finds nothing")
        self.assertEqual(len(self.reminder_messages(communication)), 1)

    def test_a_second_run_the_same_day_sends_nothing_new(self):
        self.create_invoice(due_in_days=-8)
        self.run_reminders()
        again = self.run_reminders()
        self.assertFalse(again.line_ids.filtered(lambda line: line.partner_id == self.customer))
        self.assertEqual(len(self.reminders_of(self.customer)), 1)

    def test_the_nightly_job_queues_one_run_per_company_with_reminders(self):
        with trap_jobs() as trap:
            self.env["credit.control.run"]._cron_sales_dunning()
            trap.assert_enqueued_job(
                self.env["credit.control.run"]._job_sales_dunning_run,
                args=(self.company, self.today),
                properties={"identity_key": f"sales_dunning_run:{self.company.id}:{self.today}"},
            )
        self.company.sales_dunning_reminders = False
        with trap_jobs() as trap:
            self.env["credit.control.run"]._cron_sales_dunning()
            trap.assert_jobs_count(0, only=self.env["credit.control.run"]._job_sales_dunning_run)

    def test_an_excluded_customer_and_a_held_invoice_get_nothing(self):
        self.customer.sales_dunning_excluded = True
        self.create_invoice(due_in_days=-8)
        held = self.create_invoice(customer=self.other_customer, due_in_days=-8)
        held.sales_dunning_hold_until = self.today.replace(year=self.today.year + 1)
        self.run_reminders()
        self.assertFalse(self.reminders_of(self.customer) | self.reminders_of(self.other_customer))

    def test_without_a_reminder_contact_the_invoice_address_receives_the_reminder(self):
        invoice_address = self.env["res.partner"].create(
            {
                "name": "Dupont invoicing",
                "email": "factures@dupont.example",
                "parent_id": self.customer.id,
                "type": "invoice",
            }
        )
        self.create_invoice(due_in_days=-8)
        self.run_reminders()
        reminder = self.reminders_of(self.customer)
        self.assertEqual(reminder.contact_address_id, invoice_address)
        self.assertEqual(self.reminder_mails(reminder).recipient_ids, invoice_address)

    def test_the_reminder_contact_receives_the_reminder_in_its_language(self):
        self.env["res.lang"]._activate_lang("fr_FR")
        self.env["ir.module.module"]._load_module_terms(["sales_dunning"], ["fr_FR"])
        contact = self.env["res.partner"].create(
            {
                "name": "Service comptable",
                "email": "paiements@dupont.example",
                "parent_id": self.customer.id,
                "lang": "fr_FR",
            }
        )
        self.customer.sales_dunning_contact_id = contact
        self.create_invoice(due_in_days=-8)
        self.run_reminders()
        reminder = self.reminders_of(self.customer)
        self.assertEqual(reminder.contact_address_id, contact)
        message = self.reminder_messages(reminder)
        self.assertIn(contact, self.reminder_mails(reminder).recipient_ids)
        self.assertIn("Sauf erreur de notre part", message.body, "the contact's language")

    def test_a_level_showing_the_invoice_detail_adds_the_engines_table(self):
        self.create_invoice(due_in_days=-8)
        self.run_reminders()
        self.assertNotIn("Invoices summary", self.reminder_mails(self.reminders_of(self.customer)).body_html)

        self.level_1.mail_show_invoice_detail = True
        invoice = self.create_invoice(customer=self.other_customer, due_in_days=-8)
        self.run_reminders()
        body = self.reminder_mails(self.reminders_of(self.other_customer)).body_html
        self.assertIn("Invoices summary", body, "the engine's table")
        self.assertGreater(body.index("Invoices summary"), body.index("Best regards"), "under the template's body")
        self.assertGreater(body.index(invoice.name, body.index("Invoices summary")), 0)


class TestReminderEmailLeaving(SalesDunningCase, MockEmail):
    def test_the_lines_are_sent_when_the_email_leaves(self):
        self.create_invoice(due_in_days=-8)
        self.run_reminders()
        reminder = self.reminders_of(self.customer)
        self.assertEqual(set(reminder.credit_control_line_ids.mapped("state")), {"queued"}, "until the e-mail leaves")
        mail = self.reminder_mails(reminder)
        self.assertEqual(mail.state, "outgoing")
        with self.mock_mail_gateway():
            mail.send()
        self.assertEqual(mail.state, "sent")
        self.assertEqual(set(reminder.credit_control_line_ids.mapped("state")), {"sent"})
