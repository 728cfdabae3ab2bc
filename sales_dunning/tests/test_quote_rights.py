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
        with self.assertRaises(AccessError):
            self.env["sale.report"].with_user(self.salesperson).formatted_read_group([], ["user_id"], ["margin:sum"])
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
