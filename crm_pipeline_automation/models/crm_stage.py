from odoo import fields, models
from odoo.exceptions import UserError


class CrmStage(models.Model):
    _inherit = "crm.stage"

    move_group_ids = fields.Many2many(
        "res.groups",
        "crm_stage_move_group_rel",
        "stage_id",
        "group_id",
        string="Who May Move Into It",
        help="Only the members of these groups (and sales managers) may move an opportunity into "
        "this stage. Empty: every salesperson.",
    )
    visible_group_ids = fields.Many2many(
        "res.groups",
        "crm_stage_visible_group_rel",
        "stage_id",
        "group_id",
        string="Who Sees Its Opportunities",
        help="Only the members of these groups (and sales managers) see the opportunities in this "
        "stage. Empty: every salesperson.",
    )

    def _check_move_right(self, user):
        """Refuse moving into a stage the user may not move into, naming the stage and the groups."""
        if user._is_superuser() or user.has_group("sales_team.group_sale_manager"):
            return
        # The groups of the stages are read to decide, whoever the user is.
        for stage in self.sudo().filtered("move_group_ids"):
            if not stage.move_group_ids & user.all_group_ids:
                raise UserError(
                    self.env._(
                        'You may not move an opportunity into the stage "%(stage)s": it is kept for %(groups)s. '
                        "Ask a sales manager to move it, or to give you the right on the stage.",
                        stage=stage.name,
                        groups=", ".join(stage.move_group_ids.mapped("name")),
                    )
                )
