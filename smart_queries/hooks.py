def _drop_generated_lists(env):
    """The lists made for queries are views of other models: they would outlive the addon."""
    env["smart.query"].with_context(active_test=False).search([])._generated_list_views().unlink()
