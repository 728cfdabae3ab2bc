from odoo import api, fields, models

# Where a transaction keeps the automation rules base_automation found per model and triggers.
RULES_CACHE_KEY = "crm_pipeline_automation.base_automation_rules"


class BaseAutomation(models.Model):
    _inherit = "base.automation"

    crm_pipeline_trigger_id = fields.Many2one(
        "crm.pipeline.trigger",
        string="Pipeline Trigger",
        ondelete="cascade",
        index="btree_not_null",
        readonly=True,
        help="The rule detects this pipeline trigger's event: change the trigger, the rule follows.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        automations = super().create(vals_list)
        self._forget_rules()
        return automations

    def write(self, vals):
        result = super().write(vals)
        self._forget_rules()
        return result

    def unlink(self):
        result = super().unlink()
        self._forget_rules()
        return result

    @api.model
    def _forget_rules(self):
        self.env.cr.cache.pop(RULES_CACHE_KEY, None)

    def _get_actions(self, records, triggers):
        """base_automation searches the rules of a model at every write and at every computation
        of a stored field, and a bulk operation on leads computes some fields lead by lead
        (``_check_company`` reads each lead's company): with a pipeline trigger active, that was
        a search per lead and field. The rules seen by a transaction change only through this
        model (a transaction reads one snapshot of the database), so they are searched once a
        transaction, and searched again after a rule is created, changed or deleted. Only for
        opportunities, the model of pipeline triggers: base_automation is left as it is for the
        others."""
        if records._name != "crm.lead":
            return super()._get_actions(records, triggers)
        rules = self.env.cr.cache.setdefault(RULES_CACHE_KEY, {})
        key = (records._name, tuple(triggers))
        if key not in rules:
            automations = super()._get_actions(records, triggers)
            rules[key] = automations.ids
            return automations
        if "__action_done" not in self.env.context:
            self = self.with_context(__action_done={})
        return self.browse(rules[key])

    def _filter_post_export_domain(self, records, feedback=False):
        """The rule of a pipeline trigger fires only when a field it watches changed (its stage,
        its result): after a write or a computation of other fields, its domain is not evaluated.
        Evaluated there, it read the stage and result of leads in the middle of another
        computation, which then computed them lead by lead."""
        old_values = self.env.context.get("old_values")
        # The rules are for administrators, and base_automation reads them as superuser too,
        # whoever's write or computation runs them.
        rule_sudo = self.sudo()
        if records and old_values and rule_sudo.crm_pipeline_trigger_id:
            watched = set(rule_sudo.trigger_field_ids.mapped("name"))
            changed = next(iter(old_values.values()))
            if watched and not watched & changed.keys():
                return records.browse(), None
        return super()._filter_post_export_domain(records, feedback=feedback)
