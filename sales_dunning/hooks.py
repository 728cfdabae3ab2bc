def _post_init_hook(env):
    """Companies with a chart of accounts get the shipped reminder policy, left off, and the
    shipped courtesy reminder template."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies.filtered(lambda c: not c.credit_policy_id)._sales_dunning_create_default_policy()
    template = env.ref("sales_dunning.mail_template_courtesy_reminder")
    env["res.company"].search([("sales_dunning_courtesy_template_id", "=", False)]).write(
        {"sales_dunning_courtesy_template_id": template.id}
    )
