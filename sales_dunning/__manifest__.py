{
    "name": "Sales Dunning",
    "summary": "Next actions on orders and invoices, overdue invoices, invoice reminders in "
    "several levels sent in the background",
    "version": "19.0.1.3.0",
    "category": "Sales/Sales",
    "author": "CRM FR addons",
    "license": "AGPL-3",
    "depends": [
        "sale_management",
        "sale_crm",
        "sale_margin",
        "account",
        # OCA: the reminder engine (policies, levels, runs, lines, communications) and the
        # job queue every background job of the repository goes through.
        "account_credit_control",
        "queue_job",
    ],
    "data": [
        "data/res_groups_data.xml",
        "security/sales_dunning_security.xml",
        "security/ir.model.access.csv",
        "data/mail_template_data.xml",
        "data/queue_job_data.xml",
        "data/ir_cron_data.xml",
        "report/ir_actions_report.xml",
        "report/ir_actions_report_templates.xml",
        "views/sale_order_views.xml",
        "views/account_move_views.xml",
        "views/account_move_payment_views.xml",
        "views/credit_control_policy_level_views.xml",
        "views/credit_control_communication_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/sales_dunning_preview_views.xml",
        "views/sales_dunning_menus.xml",
    ],
    "demo": [
        "demo/account_move_demo.xml",
        "demo/res_users_demo.xml",
        "demo/sale_order_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "sales_dunning/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "_post_init_hook",
    "installable": True,
}
