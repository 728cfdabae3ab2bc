from odoo import api, fields, models
from odoo.exceptions import UserError


class CrmPipelineTriggerAction(models.Model):
    """The action "create an e-mail campaign" (Koban's "créer une campagne email"): a draft mailing to the
    opportunity's contact, from a template, in a UTM campaign, made once per opportunity. It
    stays a draft for someone to read and send: an automation does not mail a prospect with a
    text nobody checked."""

    _inherit = "crm.pipeline.trigger.action"

    kind = fields.Selection(
        selection_add=[("mailing_create", "Create an e-mail campaign")], ondelete={"mailing_create": "cascade"}
    )
    utm_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        ondelete="restrict",
        help="The marketing campaign the mailings made by this action belong to: their statistics add up there.",
    )

    @api.depends("utm_campaign_id")
    def _compute_description(self):
        result = super()._compute_description()
        for action in self.filtered(lambda action: action.kind == "mailing_create" and action.template_id):
            kind = dict(self._fields["kind"]._description_selection(self.env))[action.kind]
            action.description = self.env._("%(kind)s: %(detail)s", kind=kind, detail=action.template_id.name)
        return result

    @api.constrains("utm_campaign_id")
    def _check_mailing_configuration(self):
        self._check_configuration()

    def _configuration_problem(self):
        if self.kind != "mailing_create":
            return super()._configuration_problem()
        _ = self.env._
        if not self.template_id:
            return _("choose the e-mail template of the campaign.")
        if self.template_id.model != "crm.lead":
            return _(
                'the template "%(template)s" is made for %(model)s: choose a template of opportunities.',
                template=self.template_id.name,
                model=self.template_id.model,
            )
        if not self.utm_campaign_id:
            return _("choose the marketing campaign the mailings belong to.")
        run_as = self.trigger_id.run_as_user_id
        if run_as and not run_as.has_group("mass_mailing.group_mass_mailing_user"):
            return _(
                "the trigger runs as %s, who may not create mailings: run it as a user of Email Marketing.",
                run_as.name,
            )
        return None

    def _leads_with_campaign(self, leads):
        """The opportunities this action made a campaign for already."""
        # Whoever runs the trigger, and whatever mailings that user may read: the campaign is made
        # once per opportunity.
        Mailing = self.env["mailing.mailing"].sudo()  # see above
        mailings = Mailing.search([("crm_pipeline_action_id", "=", self.id), ("crm_lead_id", "in", leads.ids)])
        return mailings.crm_lead_id

    def _mailing_values(self, lead):
        template = self.template_id
        return {
            "subject": template.subject or template.name,
            "body_arch": template.body_html,
            "body_html": template.body_html,
            "mailing_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "mailing_domain": repr([("id", "=", lead.id)]),
            "campaign_id": self.utm_campaign_id.id,
            "user_id": (lead.user_id or self.env.user).id,
            "crm_lead_id": lead.id,
            "crm_pipeline_action_id": self.id,
        }

    def _run_mailing_create(self, leads, log_of):
        leads -= self._leads_with_campaign(leads)
        no_email = leads.filtered(lambda lead: not lead.email_normalized)
        if no_email:
            raise UserError(
                self.env._(
                    "The opportunity %s has no e-mail address: give its contact one for the campaign to reach it.",
                    no_email[0].display_name,
                )
            )
        self.env["mailing.mailing"].create([self._mailing_values(lead) for lead in leads])

    def _describe_mailing_create(self, lead):
        if lead in self._leads_with_campaign(lead):
            return self.env._("The e-mail campaign of this opportunity was made already: nothing is made again.")
        subject = self.template_id._render_field("subject", lead.ids)[lead.id]
        return self.env._(
            'Makes a draft mailing "%(subject)s" to %(email)s in the campaign %(campaign)s, to review and send.',
            subject=subject,
            email=lead.email_from or self.env._("nobody (no e-mail address)"),
            campaign=self.utm_campaign_id.name,
        )
