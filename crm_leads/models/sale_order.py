from odoo import api, models


# The read-only level of the Sales rights opens orders but changes nothing: every button of the
# form's header changes the order, and the invoices' form needs accounting rights.
READ_ONLY_HIDDEN_BUTTONS = "//header/button | //button[@name='action_view_invoice']"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Hide from the read-only level the buttons of the order form that would end in an access
        error, whichever addon adds them. The arch is cached for every user: the buttons get a
        negated group, which Odoo applies per user."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            for button in arch.xpath(READ_ONLY_HIDDEN_BUTTONS):
                groups = button.get("groups")
                button.set(
                    "groups", f"{groups},!crm_leads.group_crm_readonly" if groups else "!crm_leads.group_crm_readonly"
                )
        return arch, view

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
