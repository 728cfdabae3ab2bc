import { registry } from "@web/core/registry";

const column = (title) => `.o_opportunity_kanban .o_kanban_group:has(.o_column_title:contains('${title}'))`;

registry.category("web_tour.tours").add("crm_pipeline_automation_kanban_drag", {
    steps: () => [
        {
            content: "The opportunity waits in the stage Tour X",
            trigger: `${column("Tour X")} .o_kanban_record:contains('Tour opportunity to move')`,
            run: `drag_and_drop (${column("Tour Y")})`,
        },
        {
            content: "It now stands in the stage Tour Y",
            trigger: `${column("Tour Y")} .o_kanban_record:contains('Tour opportunity to move')`,
        },
        {
            content: "Open it: the move is saved",
            trigger: `${column("Tour Y")} .o_kanban_record:contains('Tour opportunity to move')`,
            run: "click",
        },
        {
            content: "The form shows the stage Tour Y",
            trigger: ".o_statusbar_status button.o_arrow_button_current:contains('Tour Y')",
        },
    ],
});
