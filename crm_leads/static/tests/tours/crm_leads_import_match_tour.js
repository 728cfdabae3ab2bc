import { registry } from "@web/core/registry";

// Two lines: one the database already holds (same e-mail, other case), one new.
const FILE = [
    "name,email_from,contact_name",
    "Tour import known (from the file),TOUR.KNOWN@import.example.com,Known From File",
    "Tour import new,tour.new@import.example.com,New Contact",
].join("\n");

registry.category("web_tour.tours").add("crm_leads_import_match_keys", {
    steps: () => [
        {
            content: "Open the list's gear menu",
            trigger: ".o_list_view .o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "Import records",
            trigger: ".o_import_menu",
            run: "click",
        },
        {
            content: "Give Odoo's import screen a CSV file",
            trigger: "button.o_import_file",
            run() {
                // The button opens the browser's file picker: give its hidden input the file.
                const input = this.anchor.closest(".o_file_input").querySelector("input[type=file]");
                const files = new DataTransfer();
                files.items.add(new File([FILE], "pistes.csv", { type: "text/csv" }));
                input.files = files.files;
                input.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The side panel offers the keys of leads: choose the e-mail",
            trigger: ".o_crm_import_match select.o_crm_import_match_key",
            run: "selectByLabel E-mail",
        },
        {
            content: "Leave the records the file already holds as they are",
            trigger: ".o_crm_import_match input.o_crm_import_existing_skip",
            run: "click",
        },
        {
            content: "Import",
            trigger: ".o_control_panel button:contains('Import')",
            run: "click",
        },
        {
            content: "Back on the list, the new lead is there",
            trigger: ".o_list_view .o_data_row:contains('Tour import new')",
        },
    ],
});
