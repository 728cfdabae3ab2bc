from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.queue_job.tests.common import trap_jobs


class SalesDunningCase(TransactionCase):
    """The company's shipped reminder policy (+7, +15, +30 days), customers with e-mails,
    a product, an accountant and a salesperson, built once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        # Everyone's today is the same: the test users share the time zone of the user the tests
        # run as (near midnight, a day apart otherwise).
        cls.tz = cls.env.user.tz or "UTC"
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.company = cls.env.company
        cls.company.sales_dunning_reminders = True
        cls.policy = cls.company._sales_dunning_create_default_policy()
        cls.level_1, cls.level_2, cls.level_3 = cls.policy.level_ids.sorted("level")
        cls.product = cls.env["product.product"].create(
            {"name": "Consulting day", "list_price": 500.0, "taxes_id": [(5,)]}
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Dupont SARL", "email": "compta@dupont.example", "is_company": True}
        )
        cls.other_customer = cls.env["res.partner"].create(
            {"name": "Martin SA", "email": "factures@martin.example", "is_company": True}
        )
        cls.accountant = new_test_user(
            cls.env,
            login="sales_dunning_accountant",
            tz=cls.tz,
            groups="account.group_account_invoice",
            name="Annie Accountant",
        )
        cls.salesperson = new_test_user(
            cls.env,
            login="sales_dunning_salesperson",
            tz=cls.tz,
            groups="sales_team.group_sale_salesman",
            name="Sam Salesperson",
        )

    @classmethod
    def create_invoice(cls, customer=None, due_in_days=-8, amount=500.0, post=True):
        """A customer invoice of `amount`, due `due_in_days` from today (negative: overdue)."""
        due = cls.today + timedelta(days=due_in_days)
        invoice = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": (customer or cls.customer).id,
                "invoice_date": min(due, cls.today),
                "invoice_date_due": due,
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    (0, 0, {"product_id": cls.product.id, "quantity": 1, "price_unit": amount, "tax_ids": [(5,)]})
                ],
            }
        )
        if post:
            invoice.action_post()
            # Posting may recompute the due date from the (empty) payment term.
            invoice.line_ids.filtered("date_maturity").date_maturity = due
            invoice.invoice_date_due = due
        return invoice

    def run_reminders(self, days_from_today=0):
        """The nightly job of a day: the run, then every sending job it queued."""
        with trap_jobs() as trap:
            run = self.env["credit.control.run"]._job_sales_dunning_run(
                self.company, self.today + timedelta(days=days_from_today)
            )
            trap.perform_enqueued_jobs()
        return run

    def reminders_of(self, customer):
        return self.env["credit.control.communication"].search(
            [("partner_id", "=", customer.id), ("sales_dunning_state", "=", "sent")]
        )

    def reminder_messages(self, communications):
        request = self.env.ref("account_credit_control.mt_request")
        return communications.message_ids.filtered(lambda m: m.subtype_id == request)

    def reminder_mails(self, communications):
        """The outgoing e-mails of the reminders, with their recipients."""
        messages = self.reminder_messages(communications)
        # Outgoing e-mails are technical records, readable by administrators only.
        return self.env["mail.mail"].sudo().search([("mail_message_id", "in", messages.ids)])
