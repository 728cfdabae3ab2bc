from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import format_amount


class CrmLead(models.Model):
    """Opportunity extras of Axelor: best and worst case amounts around the
    expected revenue, the proposal stage reached by quoting, and closing on a confirmed order."""

    _inherit = "crm.lead"

    best_case_amount = fields.Monetary(
        string="Best Case",
        currency_field="company_currency",
        tracking=True,
        help="The most this opportunity may bring.",
    )
    worst_case_amount = fields.Monetary(
        string="Worst Case",
        currency_field="company_currency",
        tracking=True,
        help="The least this opportunity should bring.",
    )

    @api.constrains("best_case_amount", "worst_case_amount", "expected_revenue")
    def _check_cases_around_expected_revenue(self):
        """Worst case <= expected revenue <= best case, each checked once both sides are filled in."""
        for lead in self:
            best, worst, expected = lead.best_case_amount, lead.worst_case_amount, lead.expected_revenue
            amounts = {
                "name": lead.name,
                "best": format_amount(self.env, best, lead.company_currency),
                "worst": format_amount(self.env, worst, lead.company_currency),
                "expected": format_amount(self.env, expected, lead.company_currency),
            }
            if best and worst > best:
                raise ValidationError(
                    _(
                        'The worst case of "%(name)s" (%(worst)s) is above its best case (%(best)s): lower the '
                        "worst case or raise the best case.",
                        **amounts,
                    )
                )
            if worst and expected and worst > expected:
                raise ValidationError(
                    _(
                        'The worst case of "%(name)s" (%(worst)s) is above its expected revenue (%(expected)s): '
                        "the worst case is the least it should bring. Lower the worst case or raise the "
                        "expected revenue.",
                        **amounts,
                    )
                )
            if best and best < expected:
                raise ValidationError(
                    _(
                        'The best case of "%(name)s" (%(best)s) is below its expected revenue (%(expected)s): '
                        "the best case is the most it may bring. Raise the best case or lower the expected "
                        "revenue.",
                        **amounts,
                    )
                )

    # ------------------------------------------------------------
    # Proposal stage
    # ------------------------------------------------------------

    def _move_to_proposal_stage(self):
        """Quoting an opportunity means a proposal was made: move it to the proposal stage of its
        team (or one shared by all teams), but never backwards and never out of a won stage."""
        opportunities = self.filtered(lambda lead: lead.type == "opportunity" and lead.active)
        if not opportunities:
            return
        proposal_stages = self.env["crm.stage"].search([("is_proposal_stage", "=", True)], order="sequence, id")
        shared_stage = proposal_stages.filtered(lambda stage: not stage.team_ids)[:1]
        team_stages = {}
        for stage in proposal_stages:
            for team in stage.team_ids:
                team_stages.setdefault(team, stage)
        for opportunity in opportunities:
            stage = team_stages.get(opportunity.team_id, shared_stage)
            current = opportunity.stage_id
            if stage and current != stage and not current.is_won and current.sequence <= stage.sequence:
                opportunity.stage_id = stage

    # ------------------------------------------------------------
    # Winning
    # ------------------------------------------------------------

    @api.model
    def _close_won_on_order_confirmation(self):
        # Settings are stored for administrators only.
        parameters = self.env["ir.config_parameter"].sudo()
        return parameters.get_param("crm_leads.close_won_on_order_confirmation") == "True"

    def _set_won_by_confirmed_order(self):
        open_opportunities = self.filtered(
            lambda lead: lead.type == "opportunity" and lead.active and not lead.stage_id.is_won
        )
        open_opportunities.action_set_won()

    def _open_siblings_of_prospect(self):
        """The other open opportunities of this opportunity's company when that company is a
        prospect: winning one of them usually settles the others (Axelor asks, customers aside)."""
        self.ensure_one()
        if not self.partner_id or not self.partner_id._crm_leads_filter_prospects():
            return self.browse()
        return self.search(
            [
                ("id", "!=", self.id),
                ("type", "=", "opportunity"),
                ("partner_id", "child_of", self.partner_id.commercial_partner_id.id),
                ("won_status", "=", "pending"),
            ]
        )

    def action_set_won_rainbowman(self):
        siblings = self._open_siblings_of_prospect() if len(self) == 1 else self.browse()
        result = super().action_set_won_rainbowman()
        if not siblings:
            return result
        # Odoo's own lost reason dialog, in a form that says why it opens and lists the siblings.
        wizard = self.env["crm.lead.lost"].create({"lead_ids": [fields.Command.set(siblings.ids)]})
        return {
            "type": "ir.actions.act_window",
            "name": _("Close the other opportunities of %s?", self.partner_id.commercial_partner_id.display_name),
            "res_model": wizard._name,
            "res_id": wizard.id,
            "view_mode": "form",
            "views": [(self.env.ref("crm_leads.crm_lead_lost_view_form_siblings").id, "form")],
            "target": "new",
        }
