def _post_init_hook(env):
    """Companies with a chart of accounts get the shipped reminder policy, left off."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies.filtered(lambda c: not c.credit_policy_id)._sales_dunning_create_default_policy()
