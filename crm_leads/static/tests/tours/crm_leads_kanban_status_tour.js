import { registry } from "@web/core/registry";

const column = (title) => `.o_crm_leads_status_kanban .o_kanban_group:has(.o_column_title:contains('${title}'))`;

registry.category("web_tour.tours").add("crm_leads_kanban_status_drag", {
    steps: () => [
        {
            content: "The lead waits in the New column",
            trigger: `${column("New")} .o_kanban_record:contains('Tour lead to qualify')`,
            run: `drag_and_drop (${column("Marketing qualification")})`,
        },
        {
            content: "It now stands in the Marketing qualification column",
            trigger: `${column("Marketing qualification")} .o_kanban_record:contains('Tour lead to qualify')`,
        },
    ],
});
