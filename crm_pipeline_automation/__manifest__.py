{
    "name": "CRM Pipeline Automation",
    "summary": "Triggers per pipeline running ordered actions, rights per stage, activity outcomes",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": ["crm_leads", "sale_crm", "base_automation", "queue_job"],
    "data": [
        "security/crm_pipeline_automation_security.xml",
        "security/ir.model.access.csv",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "views/crm_pipeline_trigger_action_views.xml",
        "views/crm_pipeline_trigger_views.xml",
        "views/crm_pipeline_trigger_log_views.xml",
        "views/crm_team_views.xml",
        "views/crm_stage_views.xml",
        "views/crm_lead_views.xml",
        "wizard/crm_pipeline_trigger_test_views.xml",
        "views/crm_pipeline_automation_menus.xml",
    ],
    "demo": [
        "demo/crm_pipeline_trigger_demo.xml",
        "demo/crm_stage_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "crm_pipeline_automation/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
