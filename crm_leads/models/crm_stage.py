from odoo import fields, models


class CrmStage(models.Model):
    _inherit = "crm.stage"

    is_proposal_stage = fields.Boolean(
        string="Proposal Stage",
        help="Creating a quotation from an opportunity moves it to this stage (Axelor's "
        '"Proposition" status), unless it already stands further in the pipeline.',
    )
