// Copyright (c) 2026, Sales Technology developers and contributors
// For license information, please see license.txt

// Start a cadence on the clients picked in the list (strategies/cadences.py), keeping ERPNext's own
// list settings.
["Lead", "Prospect", "Customer"].forEach((doctype) => {
	const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
	const onload = settings.onload;
	settings.onload = function (listview) {
		if (onload) onload.apply(this, arguments);
		if (listview.doctype !== doctype || !frappe.model.can_create("Sales Cadence Run")) return;
		listview.page.add_actions_menu_item(__("Start a Cadence"), () => {
			const names = listview.get_checked_items(true);
			if (!names.length) {
				frappe.msgprint(__("Pick the clients to start the cadence on"));
				return;
			}
			sales_technology.cadences.start(doctype, names, () => listview.refresh());
		});
	};
});
