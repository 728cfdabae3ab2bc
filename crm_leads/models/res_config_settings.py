from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    crm_leads_close_won_on_order_confirmation = fields.Boolean(
        string="Close the opportunity when one of its orders is confirmed",
        config_parameter="crm_leads.close_won_on_order_confirmation",
        help="Confirming a quotation made from an opportunity marks the opportunity as won.",
    )
    group_crm_leads_catalog = fields.Boolean(
        string="Manage catalogs",
        implied_group="crm_leads.group_crm_leads_catalog",
        help="Keep product catalogs (PDF) in the CRM and send them to contacts by e-mail.",
    )
    group_crm_leads_prospect_status = fields.Boolean(
        string="Manage statuses on prospects",
        implied_group="crm_leads.group_crm_leads_prospect_status",
        help="Follow prospects through statuses like leads; the won status makes them customers.",
    )
