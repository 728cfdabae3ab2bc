def _post_init_hook(env):
    """Companies with a chart of accounts get the shipped reminder policy, left off, and the
    shipped courtesy reminder template; every company the shipped quote follow-up steps (3 and
    10 days after sending)."""
    companies = env["res.company"].search([("chart_template", "!=", False)])
    companies.filtered(lambda c: not c.credit_policy_id)._sales_dunning_create_default_policy()
    followup = env.ref("sales_dunning.mail_template_quote_followup")
    for company in env["res.company"].search([]):
        if not company.sales_dunning_quote_step_ids:
            env["sales.dunning.quote.step"].create(
                [{"company_id": company.id, "days": days, "template_id": followup.id} for days in (3, 10)]
            )
    template = env.ref("sales_dunning.mail_template_courtesy_reminder")
    env["res.company"].search([("sales_dunning_courtesy_template_id", "=", False)]).write(
        {"sales_dunning_courtesy_template_id": template.id}
    )
