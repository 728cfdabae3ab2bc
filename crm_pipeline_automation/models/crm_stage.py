from odoo import api, fields, models
from odoo.exceptions import UserError

# The global rules hiding the opportunities (and their activities in the analysis) of the stages
# kept for some groups.
VISIBILITY_RULES = (
    "crm_pipeline_automation.crm_lead_rule_stage_visibility",
    "crm_pipeline_automation.crm_activity_report_rule_stage_visibility",
)


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

    @api.model_create_multi
    def create(self, vals_list):
        stages = super().create(vals_list)
        if any(vals.get("visible_group_ids") for vals in vals_list):
            self._sync_visibility_rules()
        return stages

    def write(self, vals):
        result = super().write(vals)
        if "visible_group_ids" in vals:
            self._sync_visibility_rules()
        return result

    def unlink(self):
        # Read as superuser: whoever deletes a stage, the rules list every kept stage.
        kept = bool(self.sudo().filtered("visible_group_ids"))
        result = super().unlink()
        if kept:
            self._sync_visibility_rules()
        return result

    @api.model
    def _sync_visibility_rules(self):
        """Write the kept stages and their groups, by id, into the visibility rules: a rule
        naming this addon's field failed whenever crm was loaded without this addon (an update
        of crm runs crm's tests before this addon loads), and ids cost no join either."""
        # Every kept stage counts, whoever changed one: the rules are global.
        kept_stages = self.sudo().search([("visible_group_ids", "!=", False)])
        kept = {stage.id: stage.visible_group_ids.ids for stage in kept_stages}
        domain = "[(1, '=', 1)]"
        if kept:
            domain = (
                "[(1, '=', 1)] if user.has_group('sales_team.group_sale_manager') else "
                "[('stage_id', 'not in', [stage for stage, groups in %r.items() "
                "if not set(groups) & set(user.all_group_ids.ids)])]" % kept
            )
        rule_ids = [rule.id for xmlid in VISIBILITY_RULES if (rule := self.env.ref(xmlid, raise_if_not_found=False))]
        # The rules are the administrator's records: kept in step with the stages whoever edits one.
        rules = self.env["ir.rule"].sudo().browse(rule_ids)
        rules.filtered(lambda rule: rule.domain_force != domain).domain_force = domain

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
