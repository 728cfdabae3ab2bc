from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders.opportunity_id._move_to_proposal_stage()
        return orders

    def action_confirm(self):
        result = super().action_confirm()
        self.partner_id._crm_leads_mark_customers()
        if self.env["crm.lead"]._close_won_on_order_confirmation():
            self.opportunity_id._set_won_by_confirmed_order()
        return result
