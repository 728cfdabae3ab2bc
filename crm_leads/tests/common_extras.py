from odoo.tests import TransactionCase, new_test_user

from .common import turn_leads_on


class CrmLeadsExtrasCase(TransactionCase):
    """Users of each CRM level, a prospect company with a contact, and a customer company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        turn_leads_on(cls.env)
        cls.Lead = cls.env["crm.lead"]
        cls.Partner = cls.env["res.partner"]
        # A call type of the tests' own: Odoo's Call is the administrator's to configure (another
        # addon's demo may ask an outcome before a call is marked done).
        cls.call_type = cls.env["mail.activity.type"].create({"name": "Test call", "category": "phonecall"})
        cls.salesman = new_test_user(
            cls.env, login="lx_salesman", groups="sales_team.group_sale_salesman", name="Sam Seller"
        )
        cls.manager = new_test_user(
            cls.env, login="lx_manager", groups="sales_team.group_sale_manager", name="Mia Manager"
        )
        cls.reader = new_test_user(
            cls.env, login="lx_reader", groups="base.group_user,crm_leads.group_crm_readonly", name="Rita Reader"
        )
        cls.prospect = cls.Partner.create(
            {"name": "Bourgeois Industrie", "is_company": True, "relationship_type": "prospect"}
        )
        cls.prospect_contact = cls.Partner.create(
            {"name": "Paul Bourgeois", "parent_id": cls.prospect.id, "email": "paul@bourgeois.example.com"}
        )
        cls.customer = cls.Partner.create({"name": "Fidèle SA", "is_company": True, "relationship_type": "prospect"})
        cls.product = cls.env["product.product"].create({"name": "Standing desk", "list_price": 500.0})
        cls.confirm_order_for(cls.customer)
        cls.stage_new = cls.env.ref("crm.stage_lead1")
        cls.stage_qualified = cls.env.ref("crm.stage_lead2")
        cls.stage_proposal = cls.env.ref("crm.stage_lead3")
        cls.stage_won = cls.env.ref("crm.stage_lead4")

    @classmethod
    def confirm_order_for(cls, partner, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})],
                **values,
            }
        )
        order.action_confirm()
        return order

    @classmethod
    def create_opportunity(cls, name, partner, **values):
        return cls.Lead.create({"name": name, "type": "opportunity", "partner_id": partner.id, **values})
