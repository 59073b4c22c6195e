package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
)

// bookNames is the appointment book's copy of every patient's name and code. A day of
// the book names 1,700 patients at random: read from the database, each cost a search
// of an index (or a page of wide rows), most of the day view's time. The copy is loaded
// whole on the book's first read (a large clinic's 100,000 patients in about 150 ms,
// some 10 MB); before each later read the triggers' log patient_name_changes says
// which patients were renamed or deleted since, by this process or another, and those
// are read again. A patient registered since the load is read when first booked.
type bookNames struct {
	mu     sync.Mutex
	loaded bool
	seq    int64 // the last patient_name_changes row applied
	byID   map[int64]bookName
}

type bookName struct{ name, code string }

const bookNameColumns = `id, first_name || ' ' || last_name, coalesce(patient_code, '')`

// name fills each entry's patient name and code; patientIDs[i] is list[i]'s patient.
func (c *bookNames) name(ctx context.Context, q querier, list []BookEntry, patientIDs []int64) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(ctx, q); err != nil {
		return err
	}
	var missing []string
	for _, id := range patientIDs {
		if _, ok := c.byID[id]; !ok {
			missing = append(missing, strconv.FormatInt(id, 10))
		}
	}
	if len(missing) > 0 {
		err := c.read(ctx, q, `SELECT `+bookNameColumns+` FROM patients
			WHERE id IN (SELECT value FROM json_each(?))`, "["+strings.Join(missing, ",")+"]")
		if err != nil {
			return err
		}
	}
	for i, id := range patientIDs {
		n := c.byID[id]
		list[i].PatientName, list[i].PatientCode = n.name, n.code
	}
	return nil
}

// refresh loads the copy on first use, and later drops the patients changed since.
// The log's position is read before the names, so a change made while they are read
// is applied (again) next time.
func (c *bookNames) refresh(ctx context.Context, q querier) error {
	if !c.loaded {
		if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM patient_name_changes`).Scan(&c.seq); err != nil {
			return translate(err)
		}
		c.byID = make(map[int64]bookName)
		if err := c.read(ctx, q, `SELECT `+bookNameColumns+` FROM patients`); err != nil {
			return err
		}
		c.loaded = true
		return nil
	}
	rows, err := q.QueryContext(ctx, `SELECT id, patient_id FROM patient_name_changes WHERE id > ? ORDER BY id`, c.seq)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var patientID int64
		if err := rows.Scan(&c.seq, &patientID); err != nil {
			return translate(err)
		}
		delete(c.byID, patientID)
	}
	return translate(rows.Err())
}

// read adds the patients a query of bookNameColumns returns.
func (c *bookNames) read(ctx context.Context, q querier, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var n bookName
		if err := rows.Scan(&id, &n.name, &n.code); err != nil {
			return translate(err)
		}
		c.byID[id] = n
	}
	return translate(rows.Err())
}
