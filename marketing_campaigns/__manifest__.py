{
    "name": "Marketing Campaigns",
    "summary": "Marketing scenarios, phone campaigns, mailings fed by queries, mail merge letters and labels",
    "version": "19.0.1.0.0",
    "category": "Marketing",
    "author": "CRM FR addons",
    "license": "LGPL-3",
    "depends": ["mass_mailing_crm", "crm_leads", "smart_queries", "crm_pipeline_automation", "queue_job"],
    "data": [
        "security/marketing_campaigns_security.xml",
        "security/ir.model.access.csv",
        "security/marketing_phone_campaign_security.xml",
        "data/marketing_phone_campaign_queue_job_data.xml",
        "views/marketing_phone_campaign_views.xml",
        "wizard/marketing_phone_campaign_add_views.xml",
        "views/marketing_campaigns_menus.xml",
    ],
    "demo": [
        "demo/marketing_phone_campaign_demo.xml",
    ],
    "installable": True,
    "application": True,
}
