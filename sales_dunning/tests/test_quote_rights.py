from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user

from .common import SalesDunningCase


class TestQuoteRights(SalesDunningCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.group_ids |= cls.env.ref("sale.group_discount_per_so_line")
        cls.product.standard_price = 300.0
        cls.trusted = new_test_user(
            cls.env,
            login="sales_dunning_trusted",
            groups="sales_team.group_sale_salesman,sales_dunning.group_quote_see_margin,"
            "sales_dunning.group_quote_give_discount,sale.group_discount_per_so_line",
            name="Tess Trusted",
        )
        cls.salesperson.group_ids |= cls.env.ref("sale.group_discount_per_so_line")
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "user_id": cls.salesperson.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
            }
        )
        cls.line = cls.order.order_line

    def test_without_the_right_costs_and_margins_are_out_of_reach(self):
        order = self.order.with_user(self.salesperson)
        for record, fnames in ((order, ["margin", "margin_percent"]), (order.order_line, ["purchase_price", "margin"])):
            for fname in fnames:
                with self.assertRaises(AccessError, msg=fname):
                    record.read([fname])
        self.salesperson.group_ids |= self.env.ref("base.group_allow_export")
        with self.assertRaises(AccessError):
            order.order_line.export_data(["purchase_price"])
        report = self.env["sale.report"].with_user(self.salesperson)
        for aggregate in ("margin:sum", "sales_dunning_margin_rate:avg"):
            with self.assertRaises(AccessError, msg=aggregate):
                report.formatted_read_group([], ["user_id"], [aggregate])
        self.assertFalse({"margin", "sales_dunning_margin_rate"} & set(report.fields_get()), "no such measures")
        arch = (
            self.env["sale.order"].with_user(self.salesperson).get_view(self.env.ref("sale.view_order_form").id)["arch"]
        )
        self.assertNotIn('name="purchase_price"', arch)
        self.assertNotIn('name="margin"', arch)

    def test_with_the_right_costs_and_margins_show(self):
        self.order.user_id = self.trusted
        line = self.line.with_user(self.trusted)
        self.assertEqual(line.purchase_price, 300.0)
        self.assertEqual(line.margin, 200.0)
        self.order.action_confirm()
        self.env.flush_all()
        margins = self.env["sale.report"].with_user(self.trusted).formatted_read_group([], ["user_id"], ["margin:sum"])
        self.assertEqual(margins[0]["margin:sum"], 200.0, "the margin analysis by salesperson")
        arch = self.env["sale.order"].with_user(self.trusted).get_view(self.env.ref("sale.view_order_form").id)["arch"]
        self.assertIn('name="purchase_price"', arch)

    def test_the_margin_rate_of_a_group_is_its_margin_over_its_untaxed_total(self):
        """Koban's margin analysis: margin and margin rate per salesperson, customer and
        product, where a large order weighs more than a small one."""
        self.order.user_id = self.trusted  # 1 x 500, cost 300: margin 200, 40 %
        large = self.env["sale.order"].create(
            {
                "partner_id": self.other_customer.id,
                "user_id": self.trusted.id,
                "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 10, "price_unit": 400.0})],
            }
        )  # 10 x 400, cost 3,000: margin 1,000, 25 %
        (self.order | large).action_confirm()
        self.env.flush_all()
        report = self.env["sale.report"].with_user(self.trusted)
        domain = [("name", "in", (self.order | large).mapped("name"))]
        aggregates = ["margin:sum", "sales_dunning_margin_rate:avg"]
        for groupby in ("user_id", "product_id"):
            (group,) = report.formatted_read_group(domain, [groupby], aggregates)
            self.assertAlmostEqual(group["margin:sum"], 1200.0, msg=groupby)
            # 1,200 / 4,500, not the 32.5 % average of the two orders' rates.
            self.assertAlmostEqual(group["sales_dunning_margin_rate:avg"], 26.67, places=2, msg=groupby)
        per_customer = {
            group["partner_id"][0]: (group["margin:sum"], group["sales_dunning_margin_rate:avg"])
            for group in report.formatted_read_group(domain, ["partner_id"], aggregates)
        }
        self.assertEqual(per_customer, {self.customer.id: (200.0, 40.0), self.other_customer.id: (1000.0, 25.0)})
        self.assertIn("sales_dunning_margin_rate", report.fields_get())

    def test_without_the_right_a_manual_discount_is_refused_by_any_path(self):
        line = self.line.with_user(self.salesperson)
        self.assertFalse(line.sales_dunning_can_discount)
        with self.assertRaisesRegex(UserError, "Give discounts"):
            line.write({"discount": 10.0})
        with self.assertRaisesRegex(UserError, "Give discounts"):
            self.order.with_user(self.salesperson).write(
                {"order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1, "discount": 15.0})]}
            )
        wizard = (
            self.env["sale.order.discount"]
            .with_user(self.salesperson)
            .create({"sale_order_id": self.order.id, "discount_type": "sol_discount", "discount_percentage": 0.2})
        )
        with self.assertRaisesRegex(UserError, "Give discounts"):
            wizard.action_apply_discount()
        self.assertEqual(self.line.discount, 0.0)

    def test_without_the_right_the_pricelist_discount_still_applies(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Revendeurs -10 %",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.product.id,
                            "compute_price": "percentage",
                            "percent_price": 10.0,
                        },
                    )
                ],
            }
        )
        order = (
            self.env["sale.order"]
            .with_user(self.salesperson)
            .create(
                {
                    "partner_id": self.customer.id,
                    "pricelist_id": pricelist.id,
                    "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 1})],
                }
            )
        )
        self.assertAlmostEqual(order.order_line.price_subtotal, 450.0)
        order.order_line.write({"product_uom_qty": 3, "discount": order.order_line.discount})
        self.assertAlmostEqual(order.order_line.price_subtotal, 1350.0)

    def test_with_the_right_the_discount_is_editable(self):
        line = self.line.with_user(self.trusted)
        self.assertTrue(line.sales_dunning_can_discount)
        self.order.user_id = self.trusted
        line.write({"discount": 12.5})
        self.assertEqual(self.line.discount, 12.5)

    def test_sales_managers_have_both_rights(self):
        manager = new_test_user(self.env, login="sales_dunning_manager", groups="sales_team.group_sale_manager")
        self.assertTrue(manager.has_group("sales_dunning.group_quote_see_margin"))
        self.assertTrue(manager.has_group("sales_dunning.group_quote_give_discount"))
