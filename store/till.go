package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/clinicdesk/clinicdesk/internal/printout"
)

// TillLine is one payment method of a till: what the day's payments and refunds say it
// took (Expected) and, once closed, what was counted.
type TillLine struct {
	Method   PaymentMethod
	Expected int64
	Counted  int64
}

// Difference is what was counted over (positive) or under (negative) the expected.
func (l TillLine) Difference() int64 { return l.Counted - l.Expected }

// Till is one desk's till for one day: the expected amount by method from the payments
// ledger, and its close once closed.
type Till struct {
	Desk     Desk
	Day      time.Time // the clinic's date
	Lines    []TillLine
	Payments int   // payments and refunds (waivers are no money)
	Refunds  int64 // given back, as a positive amount
	Waived   int64 // written off
	Closed   bool
	// Set once closed:
	Number     int64 // the close-of-day report's number
	Reason     string
	ClosedBy   string
	ClosedAt   time.Time
	CanClose   bool // the day has begun and the till is open
	OpenDayNow bool // this is the day whose till takes money now
}

// Expected is the total the day's payments say the till holds.
func (t Till) Expected() int64 {
	var sum int64
	for _, l := range t.Lines {
		sum += l.Expected
	}
	return sum
}

// Counted is the total counted at the close.
func (t Till) Counted() int64 {
	var sum int64
	for _, l := range t.Lines {
		sum += l.Counted
	}
	return sum
}

// Till reads one desk's till for one day (the clinic's date of day).
func (s *Store) Till(ctx context.Context, actor Actor, desk Desk, day time.Time) (Till, error) {
	if !desk.Valid() {
		return Till{}, invalid("desk", "Choose the front desk or the pharmacy.")
	}
	if err := s.allow(ctx, actor, desk.action()); err != nil {
		return Till{}, err
	}
	tx, err := s.readers.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return Till{}, translate(err)
	}
	defer tx.Rollback()
	return readTill(ctx, tx, s.now(), desk, day)
}

func readTill(ctx context.Context, q querier, now time.Time, desk Desk, day time.Time) (Till, error) {
	loc, err := clinicLocation(ctx, q)
	if err != nil {
		return Till{}, err
	}
	y, m, d := day.Date()
	day = time.Date(y, m, d, 0, 0, 0, 0, loc)
	t := Till{Desk: desk, Day: day}
	byMethod := map[PaymentMethod]*TillLine{}
	for _, method := range PaymentMethods {
		t.Lines = append(t.Lines, TillLine{Method: method})
	}
	for i := range t.Lines {
		byMethod[t.Lines[i].Method] = &t.Lines[i]
	}
	rows, err := q.QueryContext(ctx, `SELECT kind, coalesce(method, ''), count(*), sum(amount_cents) FROM payments
		WHERE till_date = ? AND desk = ? GROUP BY kind, method`, formatDate(day), string(desk))
	if err != nil {
		return Till{}, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, method string
		var n int
		var sum int64
		if err := rows.Scan(&kind, &method, &n, &sum); err != nil {
			return Till{}, translate(err)
		}
		switch kind {
		case moneyWaiver:
			t.Waived += sum
			continue
		case moneyRefund:
			t.Refunds -= sum
		}
		t.Payments += n
		if l := byMethod[PaymentMethod(method)]; l != nil {
			l.Expected += sum
		}
	}
	if err := rows.Err(); err != nil {
		return Till{}, translate(err)
	}
	var c [5]int64
	var closedAt string
	err = q.QueryRowContext(ctx, `SELECT t.id, t.difference_reason, coalesce(u.full_name, ''), t.closed_at,
		t.counted_cash_cents, t.counted_card_cents, t.counted_upi_cents, t.counted_insurance_cents, t.counted_other_cents
		FROM till_closes t LEFT JOIN users u ON u.id = t.closed_by WHERE t.desk = ? AND t.till_date = ?`,
		string(desk), formatDate(day)).Scan(&t.Number, &t.Reason, &t.ClosedBy, &closedAt, &c[0], &c[1], &c[2], &c[3], &c[4])
	switch {
	case errors.Is(err, sql.ErrNoRows):
		today := localDate(now, loc)
		t.CanClose = !day.After(today)
		open, err := openTillDateIn(ctx, q, desk, today)
		if err != nil {
			return Till{}, err
		}
		t.OpenDayNow = open.Equal(day)
	case err != nil:
		return Till{}, translate(err)
	default:
		t.Closed, t.ClosedAt = true, parseTime(closedAt)
		for i, method := range PaymentMethods {
			byMethod[method].Counted = c[i]
		}
	}
	return t, nil
}

// openTillDateIn is Tx.openTillDate through any querier: the first day from today whose
// till for the desk is not closed.
func openTillDateIn(ctx context.Context, q querier, desk Desk, today time.Time) (time.Time, error) {
	rows, err := q.QueryContext(ctx, `SELECT till_date FROM till_closes WHERE desk = ? AND till_date >= ?
		ORDER BY till_date`, string(desk), formatDate(today))
	if err != nil {
		return time.Time{}, translate(err)
	}
	defer rows.Close()
	day := today
	for rows.Next() {
		var closed string
		if err := rows.Scan(&closed); err != nil {
			return time.Time{}, translate(err)
		}
		if closed != formatDate(day) {
			break
		}
		day = addDays(day, 1)
	}
	return day, translate(rows.Err())
}

// TillCount is what was counted in a till at the close, by method, and the reason for
// any difference from the expected.
type TillCount struct {
	Counted map[PaymentMethod]int64
	Reason  string
}

// CloseTill closes one desk's till for a day that has begun: the counted amount per
// method against the expected from the day's payments, the reason when they differ. The
// close is numbered, sealed into the audit trail, and final; money taken afterwards
// lands in the next day's till. It returns the close's number.
func (t *Tx) CloseTill(ctx context.Context, desk Desk, day time.Time, count TillCount) (int64, error) {
	if !desk.Valid() {
		return 0, invalid("desk", "Choose the front desk or the pharmacy.")
	}
	if err := t.allow(desk.action()); err != nil {
		return 0, err
	}
	till, err := readTill(ctx, t.q(), t.now(), desk, day)
	if err != nil {
		return 0, err
	}
	count.Reason = strings.TrimSpace(count.Reason)
	differs := false
	for i, l := range till.Lines {
		till.Lines[i].Counted = count.Counted[l.Method]
		differs = differs || till.Lines[i].Difference() != 0
	}
	dayText := till.Day.Format("Mon 2 Jan 2006")
	switch {
	case till.Closed:
		return 0, &ConflictError{Rule: "till_closed", Message: "The " + desk.String() + " till of " + dayText + " is already closed."}
	case !till.CanClose:
		return 0, invalid("day", "The till of "+dayText+" cannot be closed before that day.")
	case differs && len([]rune(count.Reason)) < 5:
		return 0, invalid("reason", "The count differs from the expected: say why (at least 5 characters).")
	case len([]rune(count.Reason)) > 500:
		return 0, invalid("reason", "The reason must be at most 500 characters.")
	}
	args := []any{string(desk), formatDate(till.Day), till.Payments}
	for _, l := range till.Lines {
		args = append(args, l.Expected, l.Counted)
	}
	args = append(args, count.Reason, nullID(t.actor.ID), formatTime(t.now()))
	return t.insert(ctx, `INSERT INTO till_closes(desk, till_date, payment_count,
		expected_cash_cents, counted_cash_cents, expected_card_cents, counted_card_cents,
		expected_upi_cents, counted_upi_cents, expected_insurance_cents, counted_insurance_cents,
		expected_other_cents, counted_other_cents, difference_reason, closed_by, closed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, args...)
}

// CloseTill closes a till; see Tx.CloseTill.
func (s *Store) CloseTill(ctx context.Context, actor Actor, desk Desk, day time.Time, count TillCount) (number int64, err error) {
	err = s.write(ctx, actor, func(tx *Tx) error {
		number, err = tx.CloseTill(ctx, desk, day, count)
		return err
	})
	return number, err
}

// TillCloses lists a desk's closed tills, newest day first, at most limit.
func (s *Store) TillCloses(ctx context.Context, actor Actor, desk Desk, limit int) ([]Till, error) {
	if !desk.Valid() {
		return nil, invalid("desk", "Choose the front desk or the pharmacy.")
	}
	if err := s.allow(ctx, actor, desk.action()); err != nil {
		return nil, err
	}
	rows, err := s.readers.QueryContext(ctx, `SELECT till_date FROM till_closes WHERE desk = ?
		ORDER BY till_date DESC LIMIT ?`, string(desk), pageSize(limit))
	if err != nil {
		return nil, translate(err)
	}
	var days []time.Time
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		days = append(days, parseStoredDate(d))
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	out := make([]Till, 0, len(days))
	for _, d := range days {
		till, err := readTill(ctx, s.readers, s.now(), desk, d)
		if err != nil {
			return nil, err
		}
		out = append(out, till)
	}
	return out, nil
}

// CloseOfDayReport is the print-ready close-of-day report of a closed till (see
// printout.CloseOfDay), terminal-safe.
func (s *Store) CloseOfDayReport(ctx context.Context, actor Actor, desk Desk, day time.Time) (string, error) {
	till, err := s.Till(ctx, actor, desk, day)
	if err != nil {
		return "", err
	}
	if !till.Closed {
		return "", &ConflictError{Rule: "till_open",
			Message: "The " + desk.String() + " till of " + till.Day.Format("Mon 2 Jan 2006") + " is not closed yet."}
	}
	set, err := s.Settings(ctx)
	if err != nil {
		return "", err
	}
	c := printout.TillClose{Clinic: set.ClinicName, Number: till.Number, Desk: desk.String(), Day: till.Day,
		Currency: set.Currency, Payments: till.Payments, Refunds: till.Refunds, Waived: till.Waived,
		Reason: till.Reason, ClosedBy: till.ClosedBy, ClosedAt: till.ClosedAt.In(set.Location()),
		Zone: set.Location().String()}
	for _, l := range till.Lines {
		c.Lines = append(c.Lines, printout.TillLine{Method: string(l.Method), Expected: l.Expected, Counted: l.Counted})
	}
	return printout.CloseOfDay(c), nil
}

// PrintCloseOfDay prints a closed till's report where the clinic prints.
func (s *Store) PrintCloseOfDay(ctx context.Context, actor Actor, desk Desk, day time.Time) (Printed, error) {
	text, err := s.CloseOfDayReport(ctx, actor, desk, day)
	if err != nil {
		return Printed{}, err
	}
	var number int64
	if err := s.readers.QueryRowContext(ctx, `SELECT id FROM till_closes WHERE desk = ? AND till_date = ?`,
		string(desk), day.Format(dateLayout)).Scan(&number); err != nil {
		return Printed{}, translate(err)
	}
	return s.print(ctx, actor, printJob{kind: PrintCloseOfDay, entity: "till_closes", entityID: number,
		code: fmt.Sprintf("%06d", number), text: text})
}
