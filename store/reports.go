package store

import (
	"context"
	"database/sql"
	"sort"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/report"
)

// ReportInfo names one report and who may read it.
type ReportInfo struct {
	Name   string // as `clinicdesk report NAME` takes it
	Title  string
	About  string // one sentence: what it shows
	action Action
	run    func(ctx context.Context, q querier, r *report.Report, span reportSpan) error
}

// Allowed reports whether the role may read the report.
func (i ReportInfo) Allowed(role Role) bool { return Allowed(role, i.action) }

// reportSpan is a report's dates: the clinic's dates From..To inclusive, and the instants
// they begin and end.
type reportSpan struct {
	from, to       time.Time // local midnights
	start, end     time.Time // from's midnight and the midnight after to, in UTC
	days           int
	now            time.Time
	fromDay, toDay string // 'YYYY-MM-DD'
}

// reports is every report, in the order the screens list them.
var reports = []ReportInfo{
	{Name: "takings-by-day", Title: "Takings by day", action: ActReadReports, run: takingsByDay,
		About: "Money taken at the front desk and the pharmacy, refunds and the net, per till day."},
	{Name: "takings-by-method", Title: "Takings by method", action: ActReadReports, run: takingsByMethod,
		About: "Money taken per payment method, at each desk, less refunds."},
	{Name: "takings-by-doctor", Title: "Takings by doctor and pharmacy", action: ActReadReports, run: takingsByDoctor,
		About: "Fees taken per doctor, and the pharmacy's sales, less refunds."},
	{Name: "appointments", Title: "Appointments per doctor", action: ActReadReports, run: appointmentsReport,
		About: "Appointments, no-show and cancellation rates, overbookings and the wait from check-in to start."},
	{Name: "refunds", Title: "Refunds", action: ActReadReports, run: refundsReport,
		About: "Every refund with its bill, method, who gave it and why."},
	{Name: "pharmacy-takings", Title: "Pharmacy takings by day", action: ActReadPharmacyReports, run: pharmacyTakings,
		About: "The pharmacy's sales taken, refunded and waived per till day."},
	{Name: "stock-valuation", Title: "Stock valuation at batch cost", action: ActReadPharmacyReports, run: stockValuation,
		About: "The stock held at the end of the last day, valued at what each batch cost."},
	{Name: "expiry-write-offs", Title: "Expiry write-offs", action: ActReadPharmacyReports, run: expiryWriteOffs,
		About: "Stock written off as expired, by item, valued at batch cost."},
	{Name: "top-dispensed", Title: "Top dispensed items", action: ActReadPharmacyReports, run: topDispensed,
		About: "The 20 items dispensed most, by units."},
	{Name: "days-of-supply", Title: "Days of supply", action: ActReadPharmacyReports, run: daysOfSupply,
		About: "How many days each item's stock lasts at the rate it was dispensed in these dates."},
}

// Reports lists the reports the role may read, in the order the screens show them.
func Reports(role Role) []ReportInfo {
	var out []ReportInfo
	for _, r := range reports {
		if r.Allowed(role) {
			out = append(out, r)
		}
	}
	return out
}

// ReportNames lists every report's name, for the command line's help.
func ReportNames() []string {
	out := make([]string, len(reports))
	for i, r := range reports {
		out[i] = r.Name
	}
	return out
}

// maxReportDays is the longest range a report covers: a few years of days.
const maxReportDays = 3 * 366

// Report runs one report over the clinic's dates from..to (inclusive), in one read
// transaction, so its numbers are of one moment.
func (s *Store) Report(ctx context.Context, actor Actor, name string, from, to time.Time) (report.Report, error) {
	var info *ReportInfo
	for i := range reports {
		if reports[i].Name == name {
			info = &reports[i]
		}
	}
	if info == nil {
		return report.Report{}, invalid("report", "There is no report named "+name+".")
	}
	if err := s.allow(ctx, actor, info.action); err != nil {
		return report.Report{}, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return report.Report{}, translate(err)
	}
	defer tx.Rollback()
	loc, err := clinicLocation(ctx, tx)
	if err != nil {
		return report.Report{}, err
	}
	currency, err := clinicSetting(ctx, tx, SettingCurrency, "USD")
	if err != nil {
		return report.Report{}, err
	}
	span := reportSpan{from: inZone(from, loc), to: inZone(to, loc), now: s.now()}
	switch {
	case from.IsZero() || to.IsZero():
		return report.Report{}, invalid("from", "Give the first and the last day of the report.")
	case span.to.Before(span.from):
		return report.Report{}, invalid("to", "The last day is before the first.")
	}
	span.days = int(span.to.Sub(span.from).Hours()/24+0.5) + 1
	if span.days > maxReportDays {
		return report.Report{}, invalid("to", "A report covers at most three years.")
	}
	span.start, span.end = span.from.UTC(), addDays(span.to, 1).UTC()
	span.fromDay, span.toDay = formatDate(span.from), formatDate(span.to)
	r := report.Report{Name: info.Name, Title: info.Title, From: span.from, To: span.to, Currency: currency, Chart: -1}
	if err := info.run(ctx, tx, &r, span); err != nil {
		return report.Report{}, translate(err)
	}
	return r, nil
}

// inZone is the local midnight of t's calendar date, read as a date in loc.
func inZone(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

// rowsOf runs a query and calls scan for each row.
func rowsOf(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// total adds the rows' values into a total row.
func total(r *report.Report) {
	t := report.Row{Label: "Total", Values: make([]int64, len(r.Columns))}
	for _, row := range r.Rows {
		for i, v := range row.Values {
			t.Values[i] += v
		}
	}
	r.Total = &t
}

func moneyColumns(titles ...string) []report.Column {
	out := make([]report.Column, len(titles))
	for i, t := range titles {
		out[i] = report.Column{Title: t, Kind: report.Money}
	}
	return out
}

// takingsByDay: per till day, what each desk took, what was refunded, and the net.
func takingsByDay(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Columns, r.Chart = "Day", moneyColumns("Front desk", "Pharmacy", "Refunds", "Net"), 3
	r.Note = "A day is a till's day: money taken after a till closed counts on the next day."
	byDay := map[string]*report.Row{}
	var days []string
	if span.days <= 92 {
		for d := span.from; !d.After(span.to); d = addDays(d, 1) {
			days = append(days, formatDate(d))
			byDay[formatDate(d)] = &report.Row{Label: d.Format("Mon 2 Jan 2006"), Values: make([]int64, 4)}
		}
	}
	err := rowsOf(ctx, q, `SELECT till_date, desk, kind, sum(amount_cents) FROM payments
		WHERE till_date BETWEEN ? AND ? AND kind <> 'waiver' GROUP BY till_date, desk, kind`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var day, desk, kind string
			var sum int64
			if err := rows.Scan(&day, &desk, &kind, &sum); err != nil {
				return err
			}
			row := byDay[day]
			if row == nil {
				row = &report.Row{Label: parseStoredDate(day).Format("Mon 2 Jan 2006"), Values: make([]int64, 4)}
				byDay[day] = row
				days = append(days, day)
			}
			switch {
			case kind == moneyRefund:
				row.Values[2] -= sum
			case desk == string(DeskFront):
				row.Values[0] += sum
			default:
				row.Values[1] += sum
			}
			row.Values[3] += sum
			return nil
		})
	sort.Strings(days)
	for _, d := range days {
		r.Rows = append(r.Rows, *byDay[d])
	}
	total(r)
	return err
}

// takingsByMethod: per payment method, each desk's takings, the refunds, and the net.
func takingsByMethod(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Columns, r.Chart = "Method", moneyColumns("Front desk", "Pharmacy", "Refunds", "Net"), 3
	byMethod := map[string]*report.Row{}
	for _, m := range PaymentMethods {
		label := string(m)
		if m == PaymentUPI {
			label = "UPI"
		}
		r.Rows = append(r.Rows, report.Row{Label: label, Values: make([]int64, 4)})
	}
	for i, m := range PaymentMethods {
		byMethod[string(m)] = &r.Rows[i]
	}
	// Grouped in the order of the payments_till index (by day first), the sums need no
	// sort of the month's payments: a few rows a day, added up here.
	err := rowsOf(ctx, q, `SELECT method, desk, kind, sum(amount_cents) FROM payments
		WHERE till_date BETWEEN ? AND ? AND kind <> 'waiver' GROUP BY till_date, desk, kind, method`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var method, desk, kind string
			var sum int64
			if err := rows.Scan(&method, &desk, &kind, &sum); err != nil {
				return err
			}
			row := byMethod[method]
			switch {
			case kind == moneyRefund:
				row.Values[2] -= sum
			case desk == string(DeskFront):
				row.Values[0] += sum
			default:
				row.Values[1] += sum
			}
			row.Values[3] += sum
			return nil
		})
	total(r)
	return err
}

// takingsByDoctor: fees per doctor of the appointment, and the pharmacy as one more row.
func takingsByDoctor(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Doctor", 3
	r.Columns = append([]report.Column{{Title: "Payments", Kind: report.Count}}, moneyColumns("Taken", "Refunds", "Net")...)
	byDoctor := map[int64]*report.Row{}
	var order []int64
	// The doctors' names are joined once a doctor, after the sums, not once a payment.
	err := rowsOf(ctx, q, `SELECT x.doctor_id, u.full_name, x.kind, x.n, x.total
		FROM (SELECT a.doctor_id, p.kind, count(*) AS n, sum(p.amount_cents) AS total
		        FROM payments p JOIN appointments a ON a.id = p.appointment_id
		       WHERE p.till_date BETWEEN ? AND ? AND p.desk = 'front_desk' AND p.kind <> 'waiver'
		       GROUP BY a.doctor_id, p.kind) x
		JOIN doctors d ON d.id = x.doctor_id JOIN users u ON u.id = d.user_id`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var id int64
			var name, kind string
			var n, sum int64
			if err := rows.Scan(&id, &name, &kind, &n, &sum); err != nil {
				return err
			}
			row := byDoctor[id]
			if row == nil {
				row = &report.Row{Label: doctorTitle(name), Values: make([]int64, 4)}
				byDoctor[id] = row
				order = append(order, id)
			}
			addTakings(row, kind, n, sum)
			return nil
		})
	if err != nil {
		return err
	}
	for _, id := range order {
		r.Rows = append(r.Rows, *byDoctor[id])
	}
	sort.SliceStable(r.Rows, func(i, j int) bool { return r.Rows[i].Values[3] > r.Rows[j].Values[3] })
	pharmacy := report.Row{Label: "Pharmacy", Values: make([]int64, 4)}
	err = rowsOf(ctx, q, `SELECT kind, count(*), sum(amount_cents) FROM payments
		WHERE till_date BETWEEN ? AND ? AND desk = 'pharmacy' AND kind <> 'waiver' GROUP BY kind`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var kind string
			var n, sum int64
			if err := rows.Scan(&kind, &n, &sum); err != nil {
				return err
			}
			addTakings(&pharmacy, kind, n, sum)
			return nil
		})
	if pharmacy.Values[0] > 0 {
		r.Rows = append(r.Rows, pharmacy)
	}
	total(r)
	return err
}

// addTakings adds n payments or refunds summing sum to a row of Payments, Taken,
// Refunds, Net.
func addTakings(row *report.Row, kind string, n, sum int64) {
	row.Values[0] += n
	if kind == moneyRefund {
		row.Values[2] -= sum
	} else {
		row.Values[1] += sum
	}
	row.Values[3] += sum
}

// appointmentsReport: per doctor, the appointments that start in the dates, how they
// ended, the rates, overbookings, and the average wait from check-in to consultation.
func appointmentsReport(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Doctor", 0
	r.Columns = []report.Column{{Title: "Booked", Kind: report.Count}, {Title: "Completed", Kind: report.Count},
		{Title: "No-shows", Kind: report.Count}, {Title: "Cancelled", Kind: report.Count},
		{Title: "Overbooked", Kind: report.Count}, {Title: "No-show rate", Kind: report.Percent},
		{Title: "Cancel rate", Kind: report.Percent}, {Title: "Avg wait", Kind: report.Minutes}}
	r.Note = "No-show rate: of the appointments not cancelled. Wait: from check-in to the start of the consultation."
	var all [5]int64
	var waitSum, waited int64
	err := rowsOf(ctx, q, appointmentsReportQuery, []any{formatTime(span.start), formatTime(span.end)}, func(rows *sql.Rows) error {
		var name string
		var c [5]int64
		var wait, n int64
		if err := rows.Scan(&name, &c[0], &c[1], &c[2], &c[3], &c[4], &wait, &n); err != nil {
			return err
		}
		for i := range c {
			all[i] += c[i]
		}
		waitSum, waited = waitSum+wait, waited+n
		r.Rows = append(r.Rows, appointmentRow(doctorTitle(name), c, wait, n))
		return nil
	})
	t := appointmentRow("All doctors", all, waitSum, waited)
	r.Total = &t
	return err
}

// appointmentsReportQuery counts each doctor's appointments that start in [?, ?). The
// doctors drive the join (CROSS JOIN keeps that order), so each doctor's month is one
// range of appointments_doctor_start, which holds every column counted here: the month's
// visits are read from the index alone and grouped in the order they come, with no sort.
const appointmentsReportQuery = `SELECT u.full_name, x.n, x.completed, x.no_show, x.cancelled, x.overbooked, x.wait, x.waited
	FROM (SELECT d.user_id, count(*) AS n, sum(a.status = 'completed') AS completed,
	             sum(a.status = 'no_show') AS no_show, sum(a.status = 'cancelled') AS cancelled,
	             sum(a.overbook_reason IS NOT NULL) AS overbooked,
	             coalesce(sum(unixepoch(a.consultation_started_at) - unixepoch(a.checked_in_at)), 0) AS wait,
	             count(a.consultation_started_at IS NOT NULL AND a.checked_in_at IS NOT NULL OR NULL) AS waited
	        FROM doctors d CROSS JOIN appointments a ON a.doctor_id = d.id
	       WHERE a.starts_at >= ? AND a.starts_at < ? GROUP BY d.id) x
	JOIN users u ON u.id = x.user_id
	ORDER BY x.n DESC, u.full_name`

func appointmentRow(label string, c [5]int64, waitSeconds, waited int64) report.Row {
	rate := func(part, whole int64) int64 {
		if whole == 0 {
			return 0
		}
		return (part*10000 + whole/2) / whole
	}
	var wait int64
	if waited > 0 {
		wait = (waitSeconds*10/60 + waited/2) / waited
	}
	return report.Row{Label: label, Values: []int64{c[0], c[1], c[2], c[3], c[4],
		rate(c[2], c[0]-c[3]), rate(c[3], c[0]), wait}}
}

// refundsReport: every refund in the dates, oldest first.
func refundsReport(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Detail = "Day and bill", "Method, by, reason"
	r.Columns = moneyColumns("Refunded")
	err := rowsOf(ctx, q, `SELECT p.till_date, coalesce(a.appointment_code, 'sale ' || p.fulfillment_id), p.method,
		coalesce(u.full_name, ''), p.reason, -p.amount_cents
		FROM payments p LEFT JOIN appointments a ON a.id = p.appointment_id LEFT JOIN users u ON u.id = p.taken_by
		WHERE p.till_date BETWEEN ? AND ? AND p.kind = 'refund' ORDER BY p.till_date, p.id`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var day, bill, method, by, reason string
			var amount int64
			if err := rows.Scan(&day, &bill, &method, &by, &reason, &amount); err != nil {
				return err
			}
			r.Rows = append(r.Rows, report.Row{Label: day + " " + bill, Values: []int64{amount},
				Detail: method + " · " + by + " · " + reason})
			return nil
		})
	total(r)
	return err
}

// pharmacyTakings: the pharmacy's till per day.
func pharmacyTakings(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Columns, r.Chart = "Day", moneyColumns("Taken", "Refunds", "Net", "Waived"), 2
	byDay := map[string]*report.Row{}
	var days []string
	err := rowsOf(ctx, q, `SELECT till_date, kind, sum(amount_cents) FROM payments
		WHERE till_date BETWEEN ? AND ? AND desk = 'pharmacy' GROUP BY till_date, kind`,
		[]any{span.fromDay, span.toDay}, func(rows *sql.Rows) error {
			var day, kind string
			var sum int64
			if err := rows.Scan(&day, &kind, &sum); err != nil {
				return err
			}
			row := byDay[day]
			if row == nil {
				row = &report.Row{Label: parseStoredDate(day).Format("Mon 2 Jan 2006"), Values: make([]int64, 4)}
				byDay[day] = row
				days = append(days, day)
			}
			switch kind {
			case moneyWaiver:
				row.Values[3] += sum
			case moneyRefund:
				row.Values[1] -= sum
				row.Values[2] += sum
			default:
				row.Values[0] += sum
				row.Values[2] += sum
			}
			return nil
		})
	sort.Strings(days)
	for _, d := range days {
		r.Rows = append(r.Rows, *byDay[d])
	}
	total(r)
	return err
}

// stockValuation: each item's stock at the end of the last day, valued at its batches'
// costs. When that is now or later it is the batches' stock; before, the ledger up to then.
func stockValuation(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Item", 1
	r.Columns = []report.Column{{Title: "Units", Kind: report.Count}, {Title: "Value", Kind: report.Money}}
	query := `SELECT i.name, sum(b.quantity_left), sum(b.quantity_left * b.unit_cost_cents)
		FROM inventory_batches b JOIN inventory_items i ON i.id = b.item_id
		WHERE b.quantity_left > 0 GROUP BY b.item_id ORDER BY 3 DESC, i.name`
	var args []any
	if span.end.Before(span.now) {
		query = `SELECT i.name, x.units, x.value FROM (
			SELECT m.item_id, sum(m.quantity) AS units, sum(m.quantity * b.unit_cost_cents) AS value
			  FROM stock_movements m JOIN inventory_batches b ON b.id = m.batch_id
			 WHERE m.created_at < ? GROUP BY m.item_id) x
			JOIN inventory_items i ON i.id = x.item_id WHERE x.units <> 0 ORDER BY 3 DESC, i.name`
		args = []any{formatTime(span.end)}
		r.Note = "From the stock ledger up to the end of " + span.to.Format("2 Jan 2006") + "."
	} else {
		r.Note = "The stock held now."
	}
	err := rowsOf(ctx, q, query, args, func(rows *sql.Rows) error {
		var name string
		var units, value int64
		if err := rows.Scan(&name, &units, &value); err != nil {
			return err
		}
		r.Rows = append(r.Rows, report.Row{Label: name, Values: []int64{units, value}})
		return nil
	})
	total(r)
	return err
}

// expiryWriteOffs: stock written off as expired in the dates, by item, at batch cost.
func expiryWriteOffs(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Item", 1
	r.Columns = []report.Column{{Title: "Units", Kind: report.Count}, {Title: "Value", Kind: report.Money}}
	err := rowsOf(ctx, q, `SELECT i.name, -sum(m.quantity), -sum(m.quantity * b.unit_cost_cents)
		FROM stock_movements m JOIN inventory_batches b ON b.id = m.batch_id JOIN inventory_items i ON i.id = m.item_id
		WHERE m.kind = 'expire' AND m.created_at >= ? AND m.created_at < ?
		GROUP BY m.item_id ORDER BY 3 DESC, i.name`, []any{formatTime(span.start), formatTime(span.end)},
		func(rows *sql.Rows) error {
			var name string
			var units, value int64
			if err := rows.Scan(&name, &units, &value); err != nil {
				return err
			}
			r.Rows = append(r.Rows, report.Row{Label: name, Values: []int64{units, value}})
			return nil
		})
	total(r)
	return err
}

// topDispensed: the 20 items dispensed most in the dates, by units.
func topDispensed(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Item", 0
	r.Columns = []report.Column{{Title: "Units", Kind: report.Count}, {Title: "Fulfilments", Kind: report.Count},
		{Title: "Cost", Kind: report.Money}}
	err := rowsOf(ctx, q, `SELECT i.name, x.units, x.fulfilments, x.cost FROM (
		SELECT m.item_id, -sum(m.quantity) AS units, count(DISTINCT m.fulfillment_id) AS fulfilments,
		       -sum(m.quantity * b.unit_cost_cents) AS cost
		  FROM stock_movements m JOIN inventory_batches b ON b.id = m.batch_id
		 WHERE m.kind = 'dispense' AND m.created_at >= ? AND m.created_at < ?
		 GROUP BY m.item_id ORDER BY units DESC LIMIT 20) x
		JOIN inventory_items i ON i.id = x.item_id ORDER BY x.units DESC, i.name`,
		[]any{formatTime(span.start), formatTime(span.end)}, func(rows *sql.Rows) error {
			var name string
			var units, n, cost int64
			if err := rows.Scan(&name, &units, &n, &cost); err != nil {
				return err
			}
			r.Rows = append(r.Rows, report.Row{Label: name, Values: []int64{units, n, cost}})
			return nil
		})
	return err
}

// daysOfSupply: how long each active item's stock lasts at the rate it was dispensed in
// the dates, the shortest first; items not dispensed come last with no figure.
func daysOfSupply(ctx context.Context, q querier, r *report.Report, span reportSpan) error {
	r.Label, r.Chart = "Item", 2
	r.Columns = []report.Column{{Title: "In stock", Kind: report.Count}, {Title: "Dispensed", Kind: report.Count},
		{Title: "Days of supply", Kind: report.Days}}
	r.Note = "At the rate dispensed in these dates; — for an item not dispensed in them."
	err := rowsOf(ctx, q, `SELECT i.name, i.current_stock, coalesce(x.units, 0) FROM inventory_items i
		LEFT JOIN (SELECT m.item_id, -sum(m.quantity) AS units FROM stock_movements m
		            WHERE m.kind = 'dispense' AND m.created_at >= ? AND m.created_at < ? GROUP BY m.item_id) x
		       ON x.item_id = i.id
		WHERE i.active = 1 ORDER BY i.name`, []any{formatTime(span.start), formatTime(span.end)},
		func(rows *sql.Rows) error {
			var name string
			var stock, units int64
			if err := rows.Scan(&name, &stock, &units); err != nil {
				return err
			}
			days := int64(-1)
			if units > 0 {
				days = stock * int64(span.days) / units
			}
			r.Rows = append(r.Rows, report.Row{Label: name, Values: []int64{stock, units, days}})
			return nil
		})
	sort.SliceStable(r.Rows, func(i, j int) bool {
		a, b := r.Rows[i].Values[2], r.Rows[j].Values[2]
		if (a < 0) != (b < 0) {
			return b < 0
		}
		return a < b
	})
	return err
}
