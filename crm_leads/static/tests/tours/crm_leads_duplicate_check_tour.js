import { registry } from "@web/core/registry";

const groupRow = ".o_field_widget[name='group_ids'] .o_data_row:contains('Tour Dup A')";

registry.category("web_tour.tours").add("crm_leads_duplicate_check", {
    steps: () => [
        {
            content: "Open the Leads menu",
            trigger: "button[data-menu-xmlid='crm.crm_menu_leads']",
            run: "click",
        },
        {
            content: "Check duplicates",
            trigger: "a[data-menu-xmlid='crm_leads.crm_lead_duplicate_check_menu']",
            run: "click",
        },
        {
            content: "Only fields a user knows are offered, no technical one",
            trigger:
                ".modal .o_field_widget[name='field_choice_ids']:contains('Company Name')" +
                ":not(:contains('Reveal ID')):not(:contains('Normalized Email'))",
        },
        {
            content: "The company name is ticked already: check",
            trigger: ".modal button[name='action_check']",
            run: "click",
        },
        {
            content: "Open the group",
            trigger: `${groupRow}:contains('Tour Dup B') button[name='action_open_leads']`,
            run: "click",
        },
        {
            content: "Its leads are listed",
            trigger: ".o_list_view .o_data_row:contains('Tour Dup B')",
        },
        {
            content: "Back to the check through the breadcrumbs",
            trigger: ".o_breadcrumb .breadcrumb-item:contains('Check Duplicates') a",
            run: "click",
        },
        {
            content: "The results are still there: merge the group",
            trigger: `${groupRow}:contains('Tour Dup B') button[name='action_merge']`,
            run: "click",
        },
        {
            content: "Odoo's merge dialog lists both leads",
            trigger: ".modal .o_field_widget[name='opportunity_ids'] .o_data_row:contains('Tour Dup B')",
        },
        {
            content: "Choose the record to keep",
            trigger: ".modal .o_field_widget[name='keep_lead_id'] input",
            run: "edit Tour Dup B",
        },
        {
            content: "Pick it",
            trigger: ".o-autocomplete--dropdown-item .dropdown-item:contains('Tour Dup B')",
            run: "click",
        },
        {
            content: "Merge",
            trigger: ".modal footer button[name='action_merge']",
            run: "click",
        },
        {
            content: "The merged lead opens",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_sheet",
        },
    ],
});
