package store

import (
	"context"
	"math"
	"sync"
)

// bookNames is the appointment book's cache of the names and codes of the patients it
// has named. The book names only the patients of the entries it is given, by their
// ids: what it costs follows the entries, never the size of the registry. (It used to
// load every patient's name on its first read: 4.6 s and 61 MB at a million.) Each
// name read is a search of the patients' primary key, and on a file not in memory a
// read of the disk or two: 1,500 of them, a large clinic's day, took 2 s on a cold
// file, so the desk names only the entries its screen shows (DayBook, NameBook). The
// names read are kept, so the next reads of the same patients read none; the cache is
// emptied when it passes bookNamesMax patients, which bounds its memory at a few MB.
// Before each read the triggers' log patient_name_changes says which patients were
// renamed or deleted since, by this process or another, and those are dropped, to be
// read again when named.
//
// The names are kept in one byte slice, and the map holds only numbers: the garbage
// collector has no pointer to follow in either. Kept as many thousands of strings, their
// marking was a quarter of the day view's time.
type bookNames struct {
	mu      sync.Mutex
	started bool
	seq     int64 // the last patient_name_changes row applied
	text    []byte
	byID    map[int64]bookName
	// reads counts the patients read from the database, for the tests that show a
	// read of the book costs the same whatever the size of the registry.
	reads int
}

// bookNamesMax bounds the cache: some forty days of a large clinic's book (1,500
// appointments a day), in about 4 MB.
const bookNamesMax = 1 << 16

// bookName is where a patient's name and, after it, code are in text.
type bookName struct {
	at               uint32
	nameLen, codeLen uint16
}

const bookNameColumns = `patients.id, first_name || ' ' || last_name, coalesce(patient_code, '')`

// bookNamesQuery reads the patients whose ids its one argument lists as a JSON array.
// The ids drive the join (CROSS JOIN keeps that order): one search of the patients'
// primary key each, never a walk of the registry (a test checks its plan).
const bookNamesQuery = `SELECT ` + bookNameColumns + ` FROM json_each(?) AS ids CROSS JOIN patients
	ON patients.id = ids.value`

// name fills each entry's patient name and code.
func (c *bookNames) name(ctx context.Context, q querier, list []BookEntry) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.refresh(ctx, q); err != nil {
		return err
	}
	if len(c.byID)+len(list) > bookNamesMax || len(c.text) > math.MaxUint32/2 {
		c.byID, c.text = make(map[int64]bookName), nil
	}
	var missing []int64
	asked := make(map[int64]bool)
	for _, e := range list {
		if id := e.PatientID; !asked[id] {
			if _, ok := c.byID[id]; ok {
				continue
			}
			asked[id] = true
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		err := c.read(ctx, q, bookNamesQuery, jsonIDs(missing))
		if err != nil {
			return err
		}
	}
	// One string holds the names of the whole list; each entry's are slices of it.
	found := make([]bookName, len(list))
	var text []byte
	for i, e := range list {
		n := c.byID[e.PatientID] // a patient not found reads as empty
		found[i] = n
		text = append(text, c.text[n.at:n.at+uint32(n.nameLen)+uint32(n.codeLen)]...)
	}
	all, at := string(text), 0
	for i, n := range found {
		name, code := at+int(n.nameLen), at+int(n.nameLen)+int(n.codeLen)
		list[i].PatientName, list[i].PatientCode = all[at:name], all[name:code]
		at = code
	}
	return nil
}

// refresh notes the log's position on first use, and later drops the patients
// changed since. The position is read before any name, so a change made while names
// are read is applied (again) next time.
func (c *bookNames) refresh(ctx context.Context, q querier) error {
	if !c.started {
		if err := q.QueryRowContext(ctx, `SELECT coalesce(max(id), 0) FROM patient_name_changes`).Scan(&c.seq); err != nil {
			return translate(err)
		}
		c.byID, c.started = make(map[int64]bookName), true
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
		var name, code []byte
		if err := rows.Scan(&id, &name, &code); err != nil {
			return translate(err)
		}
		name, code = name[:min(len(name), math.MaxUint16)], code[:min(len(code), math.MaxUint16)]
		c.byID[id] = bookName{at: uint32(len(c.text)), nameLen: uint16(len(name)), codeLen: uint16(len(code))}
		c.text = append(append(c.text, name...), code...)
		c.reads++
	}
	return translate(rows.Err())
}
