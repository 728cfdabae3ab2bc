from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import html_escape


class CrmPipelineTriggerTest(models.TransientModel):
    """Say whether a trigger would fire for an opportunity, and what each action would do, doing
    nothing: the e-mails are rendered, not sent."""

    _name = "crm.pipeline.trigger.test"
    _description = "Test a Pipeline Trigger on an Opportunity"

    trigger_id = fields.Many2one("crm.pipeline.trigger", required=True, ondelete="cascade")
    event = fields.Selection(related="trigger_id.event")
    lead_id = fields.Many2one("crm.lead", string="Opportunity", domain="[('type', '=', 'opportunity')]")
    result = fields.Html(compute="_compute_result", sanitize=False)

    @api.depends("trigger_id", "lead_id")
    def _compute_result(self):
        for wizard in self:
            wizard.result = wizard._result() if wizard.lead_id else False

    def _result(self):
        _ = self.env._
        trigger, lead = self.trigger_id, self.lead_id
        lines = []
        if trigger.team_id and lead.team_id != trigger.team_id:
            fires = False
            lines.append(_("The opportunity is in the pipeline %s: the trigger leaves it alone.", lead.team_id.name))
        elif not lead.with_context(active_test=False).filtered_domain(trigger._condition_domain()):
            fires = False
            lines.append(_("The opportunity does not meet the conditions: the trigger leaves it alone."))
        else:
            fires = True
            lines.append(
                _("On the event “%s”, the trigger fires for this opportunity.", trigger.description or trigger.event)
            )
        items = Markup()
        if fires:
            # Described with the run-as user's rights, as the actions would run.
            run_as = trigger.run_as_user_id
            for action in trigger.action_ids:
                try:
                    text = action.with_user(run_as)._describe(lead.with_user(run_as))
                except Exception as error:  # noqa: BLE001 - the dialog says why the action would fail
                    text = _("Would fail: %s", error)
                items += Markup("<li>%s</li>") % text
            if not trigger.action_ids:
                items += Markup("<li>%s</li>") % _("The trigger has no action yet.")
        body = Markup("").join(Markup("<p>%s</p>") % html_escape(line) for line in lines)
        return body + (Markup("<ol>%s</ol>") % items if items else Markup())
