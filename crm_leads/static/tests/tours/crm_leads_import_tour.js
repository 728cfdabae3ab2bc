import { registry } from "@web/core/registry";

const CSV = "name,email_from\nTour known,known@lx-tour.example.com\nTour fresh,fresh@lx-tour.example.com\n";

registry.category("web_tour.tours").add("crm_leads_csv_import", {
    steps: () => [
        {
            content: "Give the wizard a CSV file",
            trigger: ".modal .o_field_widget[name='csv_file'] input[type='file']:not(:visible)",
            run() {
                const transfer = new DataTransfer();
                transfer.items.add(new File([CSV], "leads.csv", { type: "text/csv" }));
                this.anchor.files = transfer.files;
                this.anchor.dispatchEvent(new Event("change", { bubbles: true }));
            },
        },
        {
            content: "The file is loaded",
            trigger: ".modal .o_field_widget[name='csv_file'] .o_clear_file_button",
        },
        {
            content: "Read it",
            trigger: ".modal button[name='action_read_file']",
            run: "click",
        },
        {
            content: "The e-mail column is mapped by itself; make it the key",
            trigger: ".modal .o_field_widget[name='column_ids'] .o_data_row:contains('email_from') td[name='is_key'] input",
            run: "click",
        },
        {
            content: "The key is ticked",
            trigger: ".modal .o_field_widget[name='column_ids'] .o_data_row:contains('email_from') td[name='is_key'] input:checked",
        },
        {
            content: "Preview the lines",
            trigger: ".modal button[name='action_preview']",
            run: "click",
        },
        {
            content: "The known lead would be kept, the other created",
            trigger: ".modal .o_field_widget[name='line_ids'] .o_data_row:contains('Keep') ~ .o_data_row:contains('Create')",
        },
        {
            content: "Import",
            trigger: ".modal button[name='action_import']",
            run: "click",
        },
        {
            content: "One lead created, one kept",
            trigger: ".modal .alert:contains('created'):has(.o_field_widget[name='created_count']:contains('1')):has(.o_field_widget[name='skipped_count']:contains('1'))",
        },
    ],
});
