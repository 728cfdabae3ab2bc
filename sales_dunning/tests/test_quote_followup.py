from datetime import timedelta

from freezegun import freeze_time

from odoo.exceptions import ValidationError

from odoo.addons.queue_job.tests.common import trap_jobs

from .common import SalesDunningCase


class TestQuoteFollowup(SalesDunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"sales_dunning_quote_followup": True, "sales_dunning_quote_followup_mode": "automatic"})
        cls.template = cls.env.ref("sales_dunning.mail_template_quote_followup")
        cls.company.sales_dunning_quote_step_ids.unlink()
        cls.step_3, cls.step_10 = cls.env["sales.dunning.quote.step"].create(
            [{"days": days, "template_id": cls.template.id} for days in (3, 10)]
        )
        cls.opportunity = cls.env["crm.lead"].create(
            {"name": "Refonte du site", "type": "opportunity", "partner_id": cls.customer.id}
        )

    def sent_quote(self, **values):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "opportunity_id": self.opportunity.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2})],
                **values,
            }
        )
        order.action_quotation_sent()
        return order

    def nightly(self, days_from_today):
        with freeze_time(self.today + timedelta(days=days_from_today)), trap_jobs() as trap:
            self.env["sale.order"].invalidate_model(["sales_dunning_step_due_id"])
            self.env["sale.order"]._cron_sales_dunning_followup()
            trap.perform_enqueued_jobs()

    def followups(self, order):
        return order.message_ids.filtered(lambda m: m.message_type == "comment" and order.name in (m.subject or ""))

    def test_each_step_is_sent_once(self):
        order = self.sent_quote()
        self.nightly(2)
        self.assertFalse(self.followups(order))
        self.nightly(3)
        self.nightly(4)
        self.assertEqual(len(self.followups(order)), 1)
        self.assertEqual(order.sales_dunning_step_done_ids, self.step_3)
        self.nightly(10)
        self.nightly(11)
        self.assertEqual(len(self.followups(order)), 2)
        self.assertEqual(order.sales_dunning_step_done_ids, self.step_3 | self.step_10)
        message = self.followups(order)[0]
        self.assertIn(self.customer, message.partner_ids)
        self.assertTrue(message.attachment_ids, "the quotation is attached")

    def test_a_company_created_while_the_addon_was_not_loaded_follows_up_automatically(self):
        """Updating sale or crm, Odoo creates companies with the models loaded so far: this
        addon's column is left empty, and the empty mode means automatic."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE res_company SET sales_dunning_quote_followup_mode = NULL WHERE id = %s", [self.company.id]
        )
        self.company.invalidate_recordset(["sales_dunning_quote_followup_mode"])
        order = self.sent_quote()
        self.nightly(3)
        self.assertEqual(len(self.followups(order)), 1)

    def test_each_follow_up_is_logged_on_the_opportunity(self):
        order = self.sent_quote()
        self.nightly(3)
        self.assertTrue(
            self.opportunity.message_ids.filtered(
                lambda m: order.name in (m.body or "") and m.message_type != "comment"
            )
        )

    def test_confirmed_cancelled_expired_and_blacklisted_quotes_get_none(self):
        confirmed = self.sent_quote()
        confirmed.action_confirm()
        cancelled = self.sent_quote()
        cancelled._action_cancel()
        expired = self.sent_quote(validity_date=self.today + timedelta(days=1))
        blacklisted_customer = self.env["res.partner"].create({"name": "Optout SAS", "email": "non@optout.example"})
        self.env["mail.blacklist"]._add(blacklisted_customer.email)
        blacklisted = self.sent_quote(partner_id=blacklisted_customer.id)
        self.nightly(3)
        for order in confirmed | cancelled | expired | blacklisted:
            self.assertFalse(self.followups(order), order.name)

    def test_a_quote_sent_again_starts_its_steps_again(self):
        order = self.sent_quote()
        self.nightly(3)
        with freeze_time(self.today + timedelta(days=5)):
            order.with_context(mark_so_as_sent=True).message_post(body="Nouvelle version du devis")
            self.assertEqual(order.sales_dunning_sent_on, self.today + timedelta(days=5))
        self.assertFalse(order.sales_dunning_step_done_ids)
        self.nightly(8)
        self.assertEqual(len(self.followups(order)), 2)

    def test_the_delegated_mode_sends_nothing_by_itself_and_follows_up_in_one_click(self):
        self.company.sales_dunning_quote_followup_mode = "delegated"
        self.opportunity.user_id = self.salesperson
        order = self.sent_quote(user_id=self.salesperson.id)
        self.nightly(4)
        self.assertFalse(self.followups(order))
        with freeze_time(self.today + timedelta(days=4)):
            order.invalidate_recordset()
            self.opportunity.invalidate_recordset()
            self.assertEqual(order.sales_dunning_step_due_id, self.step_3)
            self.assertEqual(self.opportunity.sales_dunning_followup_order_ids, order)
            self.opportunity.with_user(self.salesperson).action_sales_dunning_follow_up()
            order.invalidate_recordset()
            self.assertFalse(order.sales_dunning_step_due_id)
        self.assertEqual(len(self.followups(order)), 1)

    def test_follow_up_now_from_the_quotation_as_the_salesperson(self):
        self.company.sales_dunning_quote_followup_mode = "delegated"
        order = self.sent_quote(user_id=self.salesperson.id)
        with freeze_time(self.today + timedelta(days=11)):
            order.invalidate_recordset()
            self.assertEqual(order.sales_dunning_step_due_id, self.step_10, "the latest step due, not a late one")
            order.with_user(self.salesperson).action_sales_dunning_follow_up()
        self.assertEqual(order.sales_dunning_step_done_ids, self.step_3 | self.step_10)
        self.assertEqual(len(self.followups(order)), 1)

    def test_a_step_of_0_days_or_less_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "1 day or more"):
            self.step_3.days = 0

    def test_a_step_template_of_another_model_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "template for quotations"):
            self.step_3.template_id = self.env.ref("sales_dunning.mail_template_courtesy_reminder")
